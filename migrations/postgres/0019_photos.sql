-- Photos and a point on the map (issue 23).

-- A photo on a complaint, a proposal or a post (a thread is its opening
-- post). `key` is 32 random hex digits, the photo's address: not guessable,
-- and not the row's number. Only re-encoded copies are kept (a display
-- copy and a thumbnail, JPEG, no metadata); the upload itself never is.
CREATE TABLE photos (
    id BIGSERIAL PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    item_kind TEXT NOT NULL CHECK (item_kind IN ('post', 'proposal', 'complaint')),
    item_id BIGINT NOT NULL,
    author_id BIGINT NOT NULL REFERENCES users(id),
    -- Its place among the item's photos (1 to 4).
    position BIGINT NOT NULL CHECK (position BETWEEN 1 AND 4),
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    thumb_width BIGINT NOT NULL,
    thumb_height BIGINT NOT NULL,
    -- Bytes of each copy, as stored.
    display_size BIGINT NOT NULL,
    thumb_size BIGINT NOT NULL,
    -- 1: the copies are in `photo_data`; 0: files in the photo directory.
    in_db BIGINT NOT NULL CHECK (in_db IN (0, 1)),
    -- Hidden by a moderator (a face, an identity card): the log entry.
    hidden_at BIGINT,
    hidden_log_id BIGINT REFERENCES mod_log(id),
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX photos_item ON photos (item_kind, item_id, position);

-- The copies of a photo kept in the database: variant 'd' (display) and
-- 't' (thumbnail). A table of its own, so listing an item's photos never
-- reads their bytes.
CREATE TABLE photo_data (
    photo_id BIGINT NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
    variant TEXT NOT NULL CHECK (variant IN ('d', 't')),
    bytes BYTEA NOT NULL,
    PRIMARY KEY (photo_id, variant)
);

-- A point, in millionths of a degree (about 11 cm): integers read and
-- compare the same on both databases.
ALTER TABLE complaints ADD COLUMN lat_e6 BIGINT;
ALTER TABLE complaints ADD COLUMN lon_e6 BIGINT;
ALTER TABLE proposals ADD COLUMN lat_e6 BIGINT;
ALTER TABLE proposals ADD COLUMN lon_e6 BIGINT;

-- A post's photos are shown with it: a thread page kept in memory is read
-- again when one is added, removed or hidden (see 0006).
CREATE FUNCTION photos_bump_thread() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  p photos;
BEGIN
  IF TG_OP = 'DELETE' THEN p := OLD; ELSE p := NEW; END IF;
  IF p.item_kind = 'post' THEN
    UPDATE threads SET version = version + 1 WHERE id = (SELECT thread_id FROM posts WHERE id = p.item_id);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER photos_bump_thread AFTER INSERT OR UPDATE OR DELETE ON photos
FOR EACH ROW EXECUTE FUNCTION photos_bump_thread();
