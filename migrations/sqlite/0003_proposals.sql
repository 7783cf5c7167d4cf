-- Proposals, supports, official responses and the public decision record.

-- Per area: supports that oblige an official response, and the working days
-- the responsible agency then has.
ALTER TABLE areas ADD COLUMN support_threshold BIGINT NOT NULL DEFAULT 20;
ALTER TABLE areas ADD COLUMN response_days BIGINT NOT NULL DEFAULT 10;

-- Which agency answers for a category in an area (and, unless a nearer area
-- says otherwise, in the areas below it).
CREATE TABLE responsibilities (
    area_id BIGINT NOT NULL REFERENCES areas(id),
    category_id BIGINT NOT NULL REFERENCES categories(id),
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    PRIMARY KEY (area_id, category_id)
);

CREATE TABLE proposals (
    id INTEGER PRIMARY KEY,
    author_id BIGINT NOT NULL REFERENCES users(id),
    area_id BIGINT NOT NULL REFERENCES areas(id),
    -- The area's path, copied: a city lists its districts' proposals by range.
    area_path TEXT NOT NULL,
    category_id BIGINT NOT NULL REFERENCES categories(id),
    title TEXT NOT NULL,
    body_src TEXT NOT NULL,
    -- Sanitized once at write time; pages read this.
    body_html TEXT NOT NULL,
    excerpt TEXT NOT NULL,
    -- Estimated cost in whole rupiah.
    cost BIGINT CHECK (cost IS NULL OR cost >= 0),
    location TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL CHECK (state IN ('draft', 'published', 'under_review', 'accepted',
        'partially_accepted', 'rejected', 'in_progress', 'implemented', 'withdrawn')),
    -- Kept with each support and withdrawal, in the same transaction.
    support_count BIGINT NOT NULL DEFAULT 0 CHECK (support_count >= 0),
    -- The area's threshold when the proposal was published.
    threshold BIGINT NOT NULL,
    -- The agency that must answer, set when the threshold is crossed.
    agency_id BIGINT REFERENCES agencies(id),
    -- Crossed the threshold and not yet answered: since when, and until when.
    awaiting_since BIGINT,
    due_at BIGINT,
    -- First official response.
    answered_at BIGINT,
    budget BIGINT,
    timeline TEXT,
    progress BIGINT,
    -- Its discussion, opened when it is published.
    thread_id BIGINT REFERENCES threads(id),
    -- The area's ancestors at depths 0, 1 and 2 (province, city or regency,
    -- district; the area itself at its own depth, NULL below it): a list of
    -- an area and everything under it reads one index in order.
    area0_id BIGINT,
    area1_id BIGINT,
    area2_id BIGINT,
    created_at BIGINT NOT NULL,
    published_at BIGINT,
    updated_at BIGINT NOT NULL
);
-- Deeper areas (small subtrees) by path range.
CREATE INDEX proposals_path ON proposals (area_path);
CREATE INDEX proposals_area0_supports ON proposals (area0_id, support_count, id);
CREATE INDEX proposals_area1_supports ON proposals (area1_id, support_count, id);
CREATE INDEX proposals_area2_supports ON proposals (area2_id, support_count, id);
CREATE INDEX proposals_area0_new ON proposals (area0_id, id);
CREATE INDEX proposals_area1_new ON proposals (area1_id, id);
CREATE INDEX proposals_area2_new ON proposals (area2_id, id);
CREATE INDEX proposals_awaiting ON proposals (agency_id, due_at, id) WHERE awaiting_since IS NOT NULL;
-- Lists of every area: most supported first, and soonest due.
CREATE INDEX proposals_supports ON proposals (support_count, id);
CREATE INDEX proposals_due ON proposals (due_at, id) WHERE awaiting_since IS NOT NULL;
CREATE INDEX proposals_author ON proposals (author_id, id);

-- A proposal's discussion is a thread that forum lists leave out.
ALTER TABLE threads ADD COLUMN proposal_id BIGINT REFERENCES proposals(id);

CREATE TABLE supports (
    proposal_id BIGINT NOT NULL REFERENCES proposals(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (proposal_id, user_id)
);
CREATE INDEX supports_user ON supports (user_id, proposal_id);

-- Official responses and progress updates, shown apart from replies.
CREATE TABLE official_responses (
    id INTEGER PRIMARY KEY,
    proposal_id BIGINT NOT NULL REFERENCES proposals(id),
    officer_id BIGINT NOT NULL REFERENCES users(id),
    -- NULL when an admin answered for no agency.
    agency_id BIGINT REFERENCES agencies(id),
    kind TEXT NOT NULL CHECK (kind IN ('response', 'progress')),
    -- The proposal's state this response set.
    state TEXT NOT NULL,
    body_src TEXT NOT NULL,
    body_html TEXT NOT NULL,
    budget BIGINT,
    timeline TEXT,
    progress BIGINT,
    created_at BIGINT NOT NULL,
    -- Its entry in the decision record.
    record_seq BIGINT NOT NULL
);
CREATE INDEX official_responses_proposal ON official_responses (proposal_id, id);
CREATE UNIQUE INDEX official_responses_record ON official_responses (record_seq);

CREATE TABLE response_templates (
    id INTEGER PRIMARY KEY,
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    title TEXT NOT NULL,
    body_src TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id),
    updated_at BIGINT NOT NULL
);
CREATE INDEX response_templates_agency ON response_templates (agency_id, title);

-- The decision record: append-only and hash-chained. `content` is the
-- canonical JSON of the entry (README: "The decision record");
-- hash = SHA-256(prev_hash || content), both as lowercase hex text. The
-- other columns repeat parts of the content for filtering.
CREATE TABLE record (
    seq INTEGER PRIMARY KEY,
    created_at BIGINT NOT NULL,
    subject TEXT NOT NULL,
    subject_id BIGINT NOT NULL,
    event TEXT NOT NULL,
    area_id BIGINT NOT NULL REFERENCES areas(id),
    area_path TEXT NOT NULL,
    agency_id BIGINT REFERENCES agencies(id),
    content TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);
CREATE INDEX record_subject ON record (subject, subject_id, seq);
CREATE INDEX record_area ON record (area_id, seq);
CREATE INDEX record_path ON record (area_path, seq);
CREATE INDEX record_agency ON record (agency_id, seq);
CREATE TRIGGER record_no_update BEFORE UPDATE ON record
BEGIN
    SELECT RAISE(ABORT, 'the decision record is append-only');
END;
CREATE TRIGGER record_no_delete BEFORE DELETE ON record
BEGIN
    SELECT RAISE(ABORT, 'the decision record is append-only');
END;

-- The chain's head: taking its row lock serializes appends.
CREATE TABLE record_head (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO record_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Notifications about proposals: a step of one the person wrote or supports,
-- pointing at its record entry. SQLite cannot change a CHECK or a NOT NULL
-- in place, so the table is rebuilt with its rows.
CREATE TABLE notifications_new (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('reply_thread', 'reply_post', 'proposal')),
    post_id BIGINT REFERENCES posts(id),
    proposal_id BIGINT REFERENCES proposals(id),
    record_seq BIGINT REFERENCES record(seq),
    -- NULL when nobody acted (the support threshold was reached).
    actor_id BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    read_at BIGINT,
    CHECK ((kind = 'proposal') = (proposal_id IS NOT NULL AND post_id IS NULL))
);
INSERT INTO notifications_new (id, user_id, kind, post_id, actor_id, created_at, read_at)
SELECT id, user_id, kind, post_id, actor_id, created_at, read_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_user ON notifications (user_id, id);
