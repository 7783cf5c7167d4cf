-- Official areas (issue 19).
--
-- code: the Kemendagri code ("51.71.03.1005"); NULL for an area an admin
-- added because the official list lacks it (local = 1). active = 0: the
-- area left the official list; it is kept (content refers to it) but can no
-- longer be chosen. search_key: the name folded to lowercase ASCII without
-- "Kabupaten"/"Kota", compared byte by byte so that a prefix is an index
-- range in both databases.
ALTER TABLE areas ADD COLUMN code TEXT;
ALTER TABLE areas ADD COLUMN active BIGINT NOT NULL DEFAULT 1;
ALTER TABLE areas ADD COLUMN local BIGINT NOT NULL DEFAULT 0;
ALTER TABLE areas ADD COLUMN search_key TEXT COLLATE "C" NOT NULL DEFAULT '';
CREATE UNIQUE INDEX areas_code ON areas (code);
CREATE INDEX areas_search ON areas (search_key, depth);
CREATE INDEX areas_parent_name ON areas (parent_id, name);

-- An area's residents now include those of the areas below it.
UPDATE areas SET resident_count = (
    SELECT COUNT(*) FROM users u JOIN areas h ON h.id = u.home_area_id
    WHERE substr(h.path, 1, length(areas.path)) = areas.path
);

-- A retired agency is kept (content and the record refer to it) but no
-- longer answers for anything, nor gets officers.
ALTER TABLE agencies ADD COLUMN retired_at BIGINT;
CREATE UNIQUE INDEX agencies_name_folded ON agencies (lower(name));
