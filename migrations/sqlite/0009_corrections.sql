-- Corrections of official responses and steps. The decision record is never
-- edited: a correction is a new record entry (event `correction`) whose
-- content names the entry it corrects; this table keeps the same facts for
-- pages (the rendered text, and a private complaint's details, which its
-- record entry leaves out) and finds an entry's corrections by index.
CREATE TABLE corrections (
    id INTEGER PRIMARY KEY,
    -- The correction's own record entry, and the entry it corrects.
    record_seq BIGINT NOT NULL UNIQUE REFERENCES record(seq),
    corrects_seq BIGINT NOT NULL REFERENCES record(seq),
    subject TEXT NOT NULL CHECK (subject IN ('proposal', 'complaint')),
    subject_id BIGINT NOT NULL,
    field TEXT NOT NULL CHECK (field IN ('text', 'budget', 'timeline')),
    -- What it was and what it is now: text (Markdown) and timeline as text,
    -- budget in whole rupiah.
    was_text TEXT,
    now_text TEXT,
    now_html TEXT,
    was_amount BIGINT,
    now_amount BIGINT CHECK (now_amount IS NULL OR now_amount >= 0),
    reason TEXT NOT NULL,
    officer_id BIGINT NOT NULL REFERENCES users(id),
    agency_id BIGINT REFERENCES agencies(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX corrections_of ON corrections (corrects_seq, id);
CREATE INDEX corrections_subject ON corrections (subject, subject_id, id);
CREATE TRIGGER corrections_no_update BEFORE UPDATE ON corrections
BEGIN
    SELECT RAISE(ABORT, 'corrections are append-only, like the record');
END;
CREATE TRIGGER corrections_no_delete BEFORE DELETE ON corrections
BEGIN
    SELECT RAISE(ABORT, 'corrections are append-only, like the record');
END;
