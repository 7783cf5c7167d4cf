-- Each app server keeps the posts of recently read thread pages in memory
-- and reuses them while the thread's `version` and `post_count` are the ones
-- they were read with. A new post raises post_count (in the same
-- transaction); these triggers raise `version` whenever anything shown with
-- a post changes: its text, state or quote (every UPDATE of a post), or its
-- author's name. Being triggers, no code path can forget them.
ALTER TABLE threads ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION posts_bump_thread() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE threads SET version = version + 1 WHERE id = NEW.thread_id;
  RETURN NULL;
END $$;

CREATE TRIGGER posts_bump_thread AFTER UPDATE ON posts
FOR EACH ROW EXECUTE FUNCTION posts_bump_thread();

CREATE FUNCTION users_bump_threads() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE threads SET version = version + 1
   WHERE id IN (SELECT thread_id FROM posts WHERE author_id = NEW.id);
  RETURN NULL;
END $$;

CREATE TRIGGER users_bump_threads AFTER UPDATE OF display_name, username ON users
FOR EACH ROW WHEN (NEW.display_name IS DISTINCT FROM OLD.display_name OR NEW.username IS DISTINCT FROM OLD.username)
EXECUTE FUNCTION users_bump_threads();

-- Forum lists show neither proposals' discussions nor hidden threads: their
-- indexes leave them out, so a list reads only the rows it shows (with
-- 100,000 proposals, an area's discussions far outnumber its threads).
DROP INDEX threads_area_activity;
DROP INDEX threads_area_replies;
DROP INDEX threads_path_activity;
CREATE INDEX threads_area_activity ON threads (area_id, last_post_at, id) WHERE proposal_id IS NULL AND hidden_at IS NULL;
CREATE INDEX threads_area_replies ON threads (area_id, reply_count, id) WHERE proposal_id IS NULL AND hidden_at IS NULL;
CREATE INDEX threads_path_activity ON threads (area_path, last_post_at, id) WHERE proposal_id IS NULL AND hidden_at IS NULL;
CREATE INDEX threads_area_listed ON threads (area_id, id) WHERE proposal_id IS NULL AND hidden_at IS NULL;
