-- Complaints (pengaduan), SKM ratings and the accountability dashboard.

-- Complaint deadlines per area, in working days: verified or forwarded,
-- a first official follow-up, resolved (the national practice by default).
ALTER TABLE areas ADD COLUMN verify_days BIGINT NOT NULL DEFAULT 3;
ALTER TABLE areas ADD COLUMN followup_days BIGINT NOT NULL DEFAULT 5;
ALTER TABLE areas ADD COLUMN resolve_days BIGINT NOT NULL DEFAULT 10;

-- Days that are not working days in an area and the areas below it
-- (`day` counts days from 1970-01-01).
CREATE TABLE area_holidays (
    area_id BIGINT NOT NULL REFERENCES areas(id),
    day BIGINT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (area_id, day)
);

CREATE TABLE complaints (
    id INTEGER PRIMARY KEY,
    author_id BIGINT NOT NULL REFERENCES users(id),
    -- 1: the public never sees who filed it (officers and admins do).
    anonymous BIGINT NOT NULL CHECK (anonymous IN (0, 1)),
    -- 1: only the complainant, the agency and admins see it at all.
    private BIGINT NOT NULL CHECK (private IN (0, 1)),
    area_id BIGINT NOT NULL REFERENCES areas(id),
    area_path TEXT NOT NULL,
    category_id BIGINT NOT NULL REFERENCES categories(id),
    title TEXT NOT NULL,
    body_src TEXT NOT NULL,
    body_html TEXT NOT NULL,
    excerpt TEXT NOT NULL,
    location TEXT NOT NULL DEFAULT '',
    -- When it happened, as the resident gave it (YYYY-MM-DD).
    happened_on TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('received', 'verified', 'in_progress', 'resolved', 'closed', 'rejected')),
    -- The agency that handles it now (NULL: none is responsible; admins route it).
    agency_id BIGINT REFERENCES agencies(id),
    -- Deadlines, set when it is filed (end of the day, the area's zone).
    verify_due BIGINT NOT NULL,
    followup_due BIGINT NOT NULL,
    resolve_due BIGINT NOT NULL,
    verified_at BIGINT,
    first_response_at BIGINT,
    resolved_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX complaints_public ON complaints (private, id);
CREATE INDEX complaints_path ON complaints (area_path, id);
CREATE INDEX complaints_agency ON complaints (agency_id, id);
CREATE INDEX complaints_author ON complaints (author_id, id);

-- Each official step on a complaint, with its text; also in the record.
CREATE TABLE complaint_steps (
    id INTEGER PRIMARY KEY,
    complaint_id BIGINT NOT NULL REFERENCES complaints(id),
    officer_id BIGINT NOT NULL REFERENCES users(id),
    agency_id BIGINT REFERENCES agencies(id),
    -- verified, in_progress, resolved, closed, rejected or forwarded.
    event TEXT NOT NULL,
    state_to TEXT NOT NULL,
    body_src TEXT NOT NULL,
    body_html TEXT NOT NULL,
    -- Where a forwarded complaint went.
    to_agency_id BIGINT REFERENCES agencies(id),
    created_at BIGINT NOT NULL,
    record_seq BIGINT NOT NULL
);
CREATE INDEX complaint_steps_complaint ON complaint_steps (complaint_id, id);

-- One SKM rating per person and item: nine elements, 1-4 each.
CREATE TABLE ratings (
    id INTEGER PRIMARY KEY,
    subject TEXT NOT NULL CHECK (subject IN ('complaint', 'proposal')),
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

-- Everything an agency must answer: complaints, and proposals that reached
-- their support threshold. `month` (YYYY-MM, the area's zone) is when it
-- was received; the first official response stops the clock.
CREATE TABLE service_items (
    subject TEXT NOT NULL,
    subject_id BIGINT NOT NULL,
    agency_id BIGINT REFERENCES agencies(id),
    area_path TEXT NOT NULL,
    month TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    first_response_at BIGINT,
    officer_id BIGINT REFERENCES users(id),
    response_secs BIGINT,
    -- 1 once the deadline passed unanswered (set by a sweep every minute),
    -- until it is answered.
    overdue BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (subject, subject_id)
);
-- What the sweep looks for: unanswered and not yet counted as overdue.
CREATE INDEX service_items_open ON service_items (due_at) WHERE first_response_at IS NULL AND overdue = 0;
CREATE INDEX service_items_month ON service_items (month, response_secs);

-- The dashboard's figures, kept with every write that changes them. One row
-- per period (2026-11, 2026-Q4, 2026) and scope: agency (0: all), area and
-- the areas below it (0: all), officer (0: not per officer).
CREATE TABLE dashboard_cells (
    period TEXT NOT NULL,
    agency_id BIGINT NOT NULL,
    area_id BIGINT NOT NULL,
    officer_id BIGINT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    answered BIGINT NOT NULL DEFAULT 0,
    on_time BIGINT NOT NULL DEFAULT 0,
    -- Unanswered past the deadline now.
    overdue BIGINT NOT NULL DEFAULT 0,
    -- Seconds to the first official response: median and 90th percentile,
    -- recomputed by the minute's sweep while `dirty` (a new answer came in).
    response_p50 BIGINT,
    response_p90 BIGINT,
    dirty BIGINT NOT NULL DEFAULT 0,
    ratings BIGINT NOT NULL DEFAULT 0,
    s1 BIGINT NOT NULL DEFAULT 0,
    s2 BIGINT NOT NULL DEFAULT 0,
    s3 BIGINT NOT NULL DEFAULT 0,
    s4 BIGINT NOT NULL DEFAULT 0,
    s5 BIGINT NOT NULL DEFAULT 0,
    s6 BIGINT NOT NULL DEFAULT 0,
    s7 BIGINT NOT NULL DEFAULT 0,
    s8 BIGINT NOT NULL DEFAULT 0,
    s9 BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (period, area_id, agency_id, officer_id)
);
CREATE INDEX dashboard_cells_dirty ON dashboard_cells (period) WHERE dirty = 1;

-- Notifications about complaints, as for proposals. SQLite cannot change a
-- CHECK in place, so the table is rebuilt with its rows.
CREATE TABLE notifications_new (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('reply_thread', 'reply_post', 'proposal', 'complaint')),
    post_id BIGINT REFERENCES posts(id),
    proposal_id BIGINT REFERENCES proposals(id),
    complaint_id BIGINT REFERENCES complaints(id),
    record_seq BIGINT REFERENCES record(seq),
    actor_id BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    read_at BIGINT,
    CHECK ((kind = 'proposal') = (proposal_id IS NOT NULL AND post_id IS NULL)),
    CHECK ((kind = 'complaint') = (complaint_id IS NOT NULL AND post_id IS NULL))
);
INSERT INTO notifications_new (id, user_id, kind, post_id, proposal_id, record_seq, actor_id, created_at, read_at)
SELECT id, user_id, kind, post_id, proposal_id, record_seq, actor_id, created_at, read_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_user ON notifications (user_id, id);
