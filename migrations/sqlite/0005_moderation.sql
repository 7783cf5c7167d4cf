-- Moderation and anti-abuse (README: "Moderation").

-- Suspended people can read but not write until `suspended_until`; a ban
-- (banned = 1) has no end and only an admin lifts it.
ALTER TABLE users ADD COLUMN suspended_until BIGINT;
ALTER TABLE users ADD COLUMN banned BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN suspension_reason TEXT;

-- Hidden by a moderator: the author and the area's moderators still see the
-- item, marked, with the reason; everyone else sees that it was hidden.
ALTER TABLE posts ADD COLUMN hidden_at BIGINT;
ALTER TABLE posts ADD COLUMN hidden_reason TEXT;
ALTER TABLE proposals ADD COLUMN hidden_at BIGINT;
ALTER TABLE proposals ADD COLUMN hidden_reason TEXT;
-- A duplicate merged into another proposal (its supports moved there).
ALTER TABLE proposals ADD COLUMN merged_into BIGINT REFERENCES proposals(id);
ALTER TABLE complaints ADD COLUMN hidden_at BIGINT;
ALTER TABLE complaints ADD COLUMN hidden_reason TEXT;
-- Locked: no new replies. Pinned: listed first in its forum. Hidden: its
-- opening post is hidden, so forum lists leave it out.
ALTER TABLE threads ADD COLUMN locked_at BIGINT;
ALTER TABLE threads ADD COLUMN pinned_at BIGINT;
ALTER TABLE threads ADD COLUMN hidden_at BIGINT;
CREATE INDEX threads_pinned ON threads (area_id, pinned_at) WHERE pinned_at IS NOT NULL;

-- One flag per person and item. `item_kind` is 'post' (a thread is its
-- opening post), 'proposal' or 'complaint'.
CREATE TABLE flags (
    id INTEGER PRIMARY KEY,
    item_kind TEXT NOT NULL CHECK (item_kind IN ('post', 'proposal', 'complaint')),
    item_id BIGINT NOT NULL,
    reporter_id BIGINT NOT NULL REFERENCES users(id),
    reason TEXT NOT NULL CHECK (reason IN ('spam', 'abuse', 'off_topic', 'personal_data', 'other')),
    note TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    -- The queue entry it was counted in.
    queue_id BIGINT NOT NULL
);
CREATE UNIQUE INDEX flags_once ON flags (item_kind, item_id, reporter_id);
CREATE INDEX flags_queue ON flags (queue_id, id);

-- The moderation queue: one entry per flagged item, with the count of its
-- flags; resolved entries reopen when a new flag comes in.
CREATE TABLE flag_queue (
    id INTEGER PRIMARY KEY,
    item_kind TEXT NOT NULL,
    item_id BIGINT NOT NULL,
    area_id BIGINT NOT NULL REFERENCES areas(id),
    area_path TEXT NOT NULL,
    author_id BIGINT NOT NULL REFERENCES users(id),
    is_open BIGINT NOT NULL DEFAULT 1,
    flag_count BIGINT NOT NULL DEFAULT 0,
    first_flag_at BIGINT NOT NULL,
    last_flag_at BIGINT NOT NULL,
    resolved_by BIGINT REFERENCES users(id),
    resolved_at BIGINT
);
CREATE UNIQUE INDEX flag_queue_item ON flag_queue (item_kind, item_id);
CREATE INDEX flag_queue_open ON flag_queue (area_path, first_flag_at) WHERE is_open = 1;

-- The public moderation log: one row per action, appeal and appeal decision.
CREATE TABLE mod_log (
    id INTEGER PRIMARY KEY,
    created_at BIGINT NOT NULL,
    actor_id BIGINT NOT NULL REFERENCES users(id),
    action TEXT NOT NULL,
    -- 'post', 'thread', 'proposal', 'complaint' or 'user'.
    item_kind TEXT NOT NULL,
    item_id BIGINT NOT NULL,
    -- Whose post or account it was.
    target_id BIGINT REFERENCES users(id),
    area_id BIGINT NOT NULL REFERENCES areas(id),
    area_path TEXT NOT NULL,
    reason TEXT NOT NULL,
    -- Suspensions: until when (NULL for the others and for bans).
    until BIGINT,
    -- Moves and merges: where to, as text shown in the log.
    detail TEXT NOT NULL DEFAULT '',
    -- Appeals and decisions: the action appealed.
    ref_id BIGINT REFERENCES mod_log(id),
    -- Redactions: the text before, for admins only (never in the public log).
    original TEXT,
    -- 'open', 'upheld' or 'reversed' once appealed; NULL before.
    appeal_state TEXT
);
CREATE INDEX mod_log_path ON mod_log (area_path, id);
CREATE INDEX mod_log_actor ON mod_log (actor_id, id);

-- Rate limits: writes per key (an account or a client address), kind and
-- window, counted with one upsert per write and read by primary key, so a
-- write costs the same however busy the key is. Windows older than two
-- hours are swept.
CREATE TABLE write_counts (
    key TEXT NOT NULL,
    action TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (key, action, window_start)
);
CREATE INDEX write_counts_window ON write_counts (window_start);

-- Recent posts' texts (as digests) per account, to recognize a rapid
-- identical post. Rows older than a day are swept.
CREATE TABLE recent_posts (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL,
    digest TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX recent_posts_user ON recent_posts (user_id, digest, at);
CREATE INDEX recent_posts_at ON recent_posts (at);

-- Authors hear of actions on their posts. SQLite cannot change a CHECK in
-- place, so the table is rebuilt with its rows.
CREATE TABLE notifications_new (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('reply_thread', 'reply_post', 'proposal', 'complaint', 'moderation')),
    post_id BIGINT REFERENCES posts(id),
    proposal_id BIGINT REFERENCES proposals(id),
    complaint_id BIGINT REFERENCES complaints(id),
    mod_log_id BIGINT REFERENCES mod_log(id),
    record_seq BIGINT REFERENCES record(seq),
    actor_id BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    read_at BIGINT,
    CHECK ((kind = 'proposal') = (proposal_id IS NOT NULL AND post_id IS NULL)),
    CHECK ((kind = 'complaint') = (complaint_id IS NOT NULL AND post_id IS NULL)),
    CHECK ((kind = 'moderation') = (mod_log_id IS NOT NULL))
);
INSERT INTO notifications_new (id, user_id, kind, post_id, proposal_id, complaint_id, record_seq, actor_id, created_at, read_at)
SELECT id, user_id, kind, post_id, proposal_id, complaint_id, record_seq, actor_id, created_at, read_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_user ON notifications (user_id, id);
