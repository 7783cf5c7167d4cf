-- Email (issue 22). An account may have one confirmed address, never shown
-- to anyone else; a new address is used only once its owner follows the
-- link sent to it.
ALTER TABLE users ADD COLUMN email TEXT;
-- One account per address: a password reset by address finds one person.
CREATE UNIQUE INDEX users_email ON users (email) WHERE email IS NOT NULL;

-- Links sent by email, kept by the hash of their token (the token itself is
-- only in the message). Used once, before they expire.
CREATE TABLE email_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('confirm', 'reset')),
    address TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX email_tokens_user ON email_tokens (user_id, purpose, created_at);

-- The outbox: a message is written in the same transaction as what causes
-- it, and a worker in each server sends it (claiming it first, so two
-- servers do not both send it), retrying with a growing wait.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    next_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    claimed_until BIGINT,
    sent_at BIGINT,
    failed_at BIGINT,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox (next_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;
