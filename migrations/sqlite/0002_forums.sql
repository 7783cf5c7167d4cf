-- Forums: threads carry an area and a category; posts are the opening post
-- (seq 0) and the replies (seq 1, 2, …) of a thread. Counters and the time
-- of the last post live on the thread row and are updated in the same
-- transaction as the post, so lists never count.
CREATE TABLE threads (
    id INTEGER PRIMARY KEY,
    area_id BIGINT NOT NULL REFERENCES areas(id),
    -- The area's path, copied: a city lists its districts' threads by range.
    area_path TEXT NOT NULL,
    category_id BIGINT NOT NULL REFERENCES categories(id),
    author_id BIGINT NOT NULL REFERENCES users(id),
    title TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_post_at BIGINT NOT NULL,
    -- Replies that are not deleted.
    reply_count BIGINT NOT NULL DEFAULT 0,
    -- Positions handed out so far (the next post's seq).
    post_count BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX threads_area_activity ON threads (area_id, last_post_at, id);
CREATE INDEX threads_area_new ON threads (area_id, id);
CREATE INDEX threads_area_replies ON threads (area_id, reply_count, id);
CREATE INDEX threads_path_activity ON threads (area_path, last_post_at, id);

CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    thread_id BIGINT NOT NULL REFERENCES threads(id),
    seq BIGINT NOT NULL,
    author_id BIGINT NOT NULL REFERENCES users(id),
    -- The post this one answers (shown as a quote link).
    parent_id BIGINT REFERENCES posts(id),
    -- The agency of an officer, fixed when the post was written.
    agency_id BIGINT REFERENCES agencies(id),
    body_src TEXT NOT NULL,
    -- Sanitized once at write time; pages read this.
    body_html TEXT NOT NULL,
    -- Plain text start of the post, for quotes and notifications.
    excerpt TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    edited_at BIGINT,
    deleted_at BIGINT
);
CREATE UNIQUE INDEX posts_thread_seq ON posts (thread_id, seq);
CREATE INDEX posts_author ON posts (author_id, id);

-- Earlier versions of edited (and deleted) posts, for moderators.
CREATE TABLE post_revisions (
    id INTEGER PRIMARY KEY,
    post_id BIGINT NOT NULL REFERENCES posts(id),
    title TEXT,
    body_src TEXT NOT NULL,
    written_at BIGINT NOT NULL,
    replaced_at BIGINT NOT NULL,
    replaced_by BIGINT NOT NULL REFERENCES users(id)
);
CREATE INDEX post_revisions_post ON post_revisions (post_id, id);

CREATE TABLE forum_members (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    area_id BIGINT NOT NULL REFERENCES areas(id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, area_id)
);

CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('reply_thread', 'reply_post')),
    post_id BIGINT NOT NULL REFERENCES posts(id),
    actor_id BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX notifications_user ON notifications (user_id, id);

-- Kept with the write, so the header never counts.
ALTER TABLE users ADD COLUMN unread_count BIGINT NOT NULL DEFAULT 0;

-- Search over titles and posts (rowid = posts.id).
CREATE VIRTUAL TABLE post_search USING fts5(doc, tokenize = 'unicode61 remove_diacritics 2');
