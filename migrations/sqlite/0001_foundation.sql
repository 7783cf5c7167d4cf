-- Areas form a tree; `path` (ancestor ids, zero-padded) orders it and `depth`
-- indents it, so the home page never walks the tree per request.
CREATE TABLE areas (
    id INTEGER PRIMARY KEY,
    parent_id BIGINT REFERENCES areas(id),
    name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('province', 'city', 'regency', 'district', 'village')),
    kind_label TEXT NOT NULL,
    timezone TEXT NOT NULL CHECK (timezone IN ('WIB', 'WITA', 'WIT')),
    path TEXT NOT NULL DEFAULT '',
    depth BIGINT NOT NULL DEFAULT 0,
    resident_count BIGINT NOT NULL DEFAULT 0,
    last_activity_at BIGINT
);
CREATE INDEX areas_parent ON areas (parent_id);
CREATE INDEX areas_path ON areas (path);

CREATE TABLE agencies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    short_name TEXT NOT NULL
);

CREATE TABLE agency_areas (
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    area_id BIGINT NOT NULL REFERENCES areas(id),
    PRIMARY KEY (agency_id, area_id)
);
CREATE INDEX agency_areas_area ON agency_areas (area_id);

CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name_id TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL,
    username_key TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    home_area_id BIGINT NOT NULL REFERENCES areas(id),
    lang TEXT NOT NULL DEFAULT 'id' CHECK (lang IN ('id', 'en')),
    created_at BIGINT NOT NULL
);

CREATE TABLE user_roles (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('officer', 'moderator', 'admin')),
    agency_id BIGINT REFERENCES agencies(id),
    area_id BIGINT REFERENCES areas(id),
    granted_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    CHECK ((role = 'officer') = (agency_id IS NOT NULL)),
    CHECK ((role = 'moderator') = (area_id IS NOT NULL))
);
CREATE UNIQUE INDEX user_roles_unique ON user_roles (user_id, role, COALESCE(agency_id, 0), COALESCE(area_id, 0));

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);

CREATE TABLE form_flash (
    id TEXT PRIMARY KEY,
    action TEXT NOT NULL,
    error TEXT NOT NULL,
    fields TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE activity (
    id INTEGER PRIMARY KEY,
    area_id BIGINT NOT NULL REFERENCES areas(id),
    kind TEXT NOT NULL,
    actor_id BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX activity_area ON activity (area_id, id);

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
