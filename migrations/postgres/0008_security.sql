-- Security review (issue 17, items 7-15).

-- Sign-in throttling per account and client address with growing pauses
-- (README: "Configuration"): one row per pair, claimed with one upsert
-- before the password is checked, so a burst of attempts cannot pass
-- together. `failures` counts the attempts let through since the last
-- success (or a day of quiet), `delay` is the pause the next one waits, from
-- `next_at`. Replaces the per-account rows of login_failures, which let
-- anyone lock an account for everyone.
DROP TABLE login_failures;
CREATE TABLE signin_throttle (
    key TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    delay BIGINT NOT NULL,
    next_at BIGINT NOT NULL,
    last_at BIGINT NOT NULL
);
CREATE INDEX signin_throttle_last ON signin_throttle (last_at);

-- Sessions also end after an idle period: the last time one was used,
-- written at most every few minutes (NULL: not yet, written at its next
-- use).
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT;

-- A kept failed form belongs to the browser that sent it (its cookie holds
-- the token whose hash is the id) and, when signed in, to that session. The
-- sweep deletes expired ones through the index instead of every insert
-- scanning the table.
DELETE FROM form_flash;
ALTER TABLE form_flash ADD COLUMN session_hash TEXT;
CREATE INDEX form_flash_created ON form_flash (created_at);

-- An appeal's reversal undoes its action only while no later action on the
-- same item (or account) has replaced it: found through this index.
CREATE INDEX mod_log_item ON mod_log (item_kind, item_id, id);
