-- A planner (Bappeda staff) is granted a kota or kabupaten, like a
-- moderator an area: they open its cycles and confirm their results.
CREATE TABLE user_roles_new (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('officer', 'head', 'moderator', 'planner', 'admin')),
    agency_id BIGINT REFERENCES agencies(id),
    area_id BIGINT REFERENCES areas(id),
    granted_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    CHECK ((role IN ('officer', 'head')) = (agency_id IS NOT NULL)),
    CHECK ((role IN ('moderator', 'planner')) = (area_id IS NOT NULL))
);
INSERT INTO user_roles_new SELECT id, user_id, role, agency_id, area_id, granted_by, created_at FROM user_roles;
DROP TABLE user_roles;
ALTER TABLE user_roles_new RENAME TO user_roles;
CREATE UNIQUE INDEX user_roles_unique ON user_roles (user_id, role, COALESCE(agency_id, 0), COALESCE(area_id, 0));
CREATE INDEX user_roles_agency ON user_roles (agency_id, role) WHERE agency_id IS NOT NULL;

-- Residents rate an usulan the plan accepted (SKM), as they rate a decided
-- proposal: the rating names the agency carrying it out.
CREATE TABLE ratings_new (
    id INTEGER PRIMARY KEY,
    subject TEXT NOT NULL CHECK (subject IN ('complaint', 'proposal', 'usulan')),
    subject_id BIGINT NOT NULL,
    rater_id BIGINT NOT NULL REFERENCES users(id),
    agency_id BIGINT REFERENCES agencies(id),
    area_id BIGINT NOT NULL REFERENCES areas(id),
    u1 BIGINT NOT NULL CHECK (u1 BETWEEN 1 AND 4),
    u2 BIGINT NOT NULL CHECK (u2 BETWEEN 1 AND 4),
    u3 BIGINT NOT NULL CHECK (u3 BETWEEN 1 AND 4),
    u4 BIGINT NOT NULL CHECK (u4 BETWEEN 1 AND 4),
    u5 BIGINT NOT NULL CHECK (u5 BETWEEN 1 AND 4),
    u6 BIGINT NOT NULL CHECK (u6 BETWEEN 1 AND 4),
    u7 BIGINT NOT NULL CHECK (u7 BETWEEN 1 AND 4),
    u8 BIGINT NOT NULL CHECK (u8 BETWEEN 1 AND 4),
    u9 BIGINT NOT NULL CHECK (u9 BETWEEN 1 AND 4),
    comment TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    UNIQUE (subject, subject_id, rater_id)
);
INSERT INTO ratings_new SELECT id, subject, subject_id, rater_id, agency_id, area_id, u1, u2, u3, u4, u5, u6, u7, u8,
    u9, comment, created_at FROM ratings;
DROP TABLE ratings;
ALTER TABLE ratings_new RENAME TO ratings;

-- An usulan's discussion: a thread (left out of forum lists, like a
-- proposal's) whose opening post is the usulan.
ALTER TABLE threads ADD COLUMN usulan_id BIGINT REFERENCES usulan(id);
ALTER TABLE usulan ADD COLUMN thread_id BIGINT REFERENCES threads(id);

-- Its ratings, kept by the transaction that adds one (the page shows the
-- index, IKM, without reading them): how many, and the sum of all their
-- scores (the IKM weighs the nine elements equally).
ALTER TABLE usulan ADD COLUMN ratings BIGINT NOT NULL DEFAULT 0;
ALTER TABLE usulan ADD COLUMN rating_sum BIGINT NOT NULL DEFAULT 0;
