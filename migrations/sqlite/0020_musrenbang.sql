-- Musrenbang (issue 24): usulan carried from the desa/kelurahan to the
-- kecamatan to the kota/kabupaten, prioritised by residents within budget
-- ceilings. Tiers: 0 desa/kelurahan, 1 kecamatan, 2 kota/kabupaten.

-- One planning cycle: a kota or kabupaten and a plan year.
CREATE TABLE plan_cycles (
    id INTEGER PRIMARY KEY,
    area_id BIGINT NOT NULL REFERENCES areas(id),
    area_path TEXT NOT NULL,
    year BIGINT NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    -- The rule whose result the facilitators start from: greedy (most
    -- approvals first) or equal_shares (the Method of Equal Shares).
    rule TEXT NOT NULL CHECK (rule IN ('greedy', 'equal_shares')),
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    UNIQUE (area_id, year)
);
CREATE INDEX plan_cycles_path ON plan_cycles (area_path, year);

-- A cycle's calendar, a stage per tier (Unix seconds, set as whole days in
-- the cycle's time zone), and the ceiling (pagu indikatif) of every area of
-- the tier unless the area has its own.
CREATE TABLE plan_stages (
    cycle_id BIGINT NOT NULL REFERENCES plan_cycles(id),
    tier BIGINT NOT NULL CHECK (tier IN (0, 1, 2)),
    submit_from BIGINT NOT NULL,
    submit_until BIGINT NOT NULL,
    vote_from BIGINT NOT NULL,
    vote_until BIGINT NOT NULL,
    result_by BIGINT NOT NULL,
    ceiling BIGINT NOT NULL CHECK (ceiling > 0),
    -- When the ballots were counted (once, after voting closed).
    counted_at BIGINT,
    PRIMARY KEY (cycle_id, tier)
);

-- An area taking part in a tier: its own ceiling, what was submitted and
-- counted there, and its confirmed result (the berita acara).
CREATE TABLE plan_areas (
    cycle_id BIGINT NOT NULL REFERENCES plan_cycles(id),
    tier BIGINT NOT NULL CHECK (tier IN (0, 1, 2)),
    area_id BIGINT NOT NULL REFERENCES areas(id),
    ceiling BIGINT CHECK (ceiling IS NULL OR ceiling > 0),
    usulan_count BIGINT NOT NULL DEFAULT 0,
    -- Set when the ballots are counted: how many people voted.
    voters BIGINT NOT NULL DEFAULT 0,
    confirmed_at BIGINT,
    confirmed_by BIGINT REFERENCES users(id),
    attendance BIGINT,
    delegates TEXT,
    PRIMARY KEY (cycle_id, tier, area_id)
);

CREATE TABLE usulan (
    id INTEGER PRIMARY KEY,
    cycle_id BIGINT NOT NULL REFERENCES plan_cycles(id),
    -- Where and at which tier it was put forward.
    tier BIGINT NOT NULL CHECK (tier IN (0, 1, 2)),
    area_id BIGINT NOT NULL REFERENCES areas(id),
    area_path TEXT NOT NULL,
    author_id BIGINT NOT NULL REFERENCES users(id),
    category_id BIGINT NOT NULL REFERENCES categories(id),
    title TEXT NOT NULL,
    problem TEXT NOT NULL,
    action TEXT NOT NULL,
    location TEXT NOT NULL,
    -- In hundredths of the unit (2,5 km is 250).
    volume BIGINT NOT NULL CHECK (volume > 0),
    unit TEXT NOT NULL,
    -- The proposer's estimate in whole rupiah.
    cost BIGINT NOT NULL CHECK (cost > 0),
    -- open (still in play), stopped (not carried at some tier), accepted,
    -- deferred, rejected (the plan's decision), in_progress, implemented.
    state TEXT NOT NULL CHECK (state IN ('open', 'stopped', 'accepted', 'deferred', 'rejected',
        'in_progress', 'implemented')),
    -- The highest tier it reached.
    tier_now BIGINT NOT NULL,
    -- The technical verification by the responsible agency's officers.
    verdict TEXT CHECK (verdict IS NULL OR verdict IN ('feasible', 'needs_changes', 'not_feasible')),
    verified_cost BIGINT CHECK (verified_cost IS NULL OR verified_cost > 0),
    verified_agency_id BIGINT REFERENCES agencies(id),
    verify_reason TEXT,
    verified_by BIGINT REFERENCES users(id),
    verified_at BIGINT,
    -- The plan's decision (tier 2).
    plan_agency_id BIGINT REFERENCES agencies(id),
    plan_amount BIGINT,
    plan_reason TEXT,
    progress BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX usulan_author ON usulan (author_id, id);
CREATE INDEX usulan_cycle ON usulan (cycle_id, id);

-- An usulan at each tier it reached: the area it stands in there, its
-- approvals, where each rule placed it, and the confirmed outcome.
CREATE TABLE usulan_tiers (
    usulan_id BIGINT NOT NULL REFERENCES usulan(id),
    cycle_id BIGINT NOT NULL REFERENCES plan_cycles(id),
    tier BIGINT NOT NULL CHECK (tier IN (0, 1, 2)),
    area_id BIGINT NOT NULL REFERENCES areas(id),
    -- Set when the ballots are counted.
    approvals BIGINT NOT NULL DEFAULT 0,
    -- Its place in each rule's selection (1 first), NULL if not selected.
    greedy_rank BIGINT,
    shares_rank BIGINT,
    -- carried / not_carried (tiers 0, 1); accepted / deferred / rejected (2).
    outcome TEXT CHECK (outcome IS NULL OR outcome IN ('carried', 'not_carried', 'accepted', 'deferred',
        'rejected')),
    -- Its place in the carried list.
    position BIGINT,
    reason TEXT,
    PRIMARY KEY (usulan_id, tier)
);
CREATE INDEX usulan_tiers_area ON usulan_tiers (cycle_id, tier, area_id, usulan_id);

-- A person's ballot in a tier (one per tier; their area's ceiling bounds
-- it). The ballot is secret: only counts are ever shown.
CREATE TABLE plan_ballots (
    cycle_id BIGINT NOT NULL REFERENCES plan_cycles(id),
    tier BIGINT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id),
    area_id BIGINT NOT NULL REFERENCES areas(id),
    cast_at BIGINT NOT NULL,
    PRIMARY KEY (cycle_id, tier, user_id)
);
CREATE INDEX plan_ballots_area ON plan_ballots (cycle_id, tier, area_id);

CREATE TABLE plan_ballot_items (
    cycle_id BIGINT NOT NULL,
    tier BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    area_id BIGINT NOT NULL,
    usulan_id BIGINT NOT NULL REFERENCES usulan(id),
    PRIMARY KEY (cycle_id, tier, user_id, usulan_id),
    FOREIGN KEY (cycle_id, tier, user_id) REFERENCES plan_ballots (cycle_id, tier, user_id)
);
CREATE INDEX plan_ballot_items_area ON plan_ballot_items (cycle_id, tier, area_id, user_id);

-- Progress of an usulan accepted into the plan, as the agency that carries
-- it out reports it (the last one at 100 makes it implemented).
CREATE TABLE usulan_updates (
    id INTEGER PRIMARY KEY,
    usulan_id BIGINT NOT NULL REFERENCES usulan(id),
    percent BIGINT NOT NULL CHECK (percent BETWEEN 0 AND 100),
    body TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id),
    agency_id BIGINT REFERENCES agencies(id),
    created_at BIGINT NOT NULL,
    record_seq BIGINT NOT NULL REFERENCES record(seq)
);
CREATE INDEX usulan_updates_usulan ON usulan_updates (usulan_id, id);

-- Who chose an usulan, to tell them of its progress.
CREATE INDEX plan_ballot_items_usulan ON plan_ballot_items (usulan_id, user_id);

-- Notifications about usulan: a decision on one the person put forward (or
-- the progress of one they chose), and the confirmed result of an area
-- they voted in. SQLite cannot change a CHECK in place, so the table is
-- rebuilt with its rows.
CREATE TABLE notifications_new (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('reply_thread', 'reply_post', 'proposal', 'complaint', 'moderation',
        'desk_new', 'desk_threshold', 'due_soon', 'escalated', 'usulan', 'plan_result')),
    post_id BIGINT REFERENCES posts(id),
    proposal_id BIGINT REFERENCES proposals(id),
    complaint_id BIGINT REFERENCES complaints(id),
    mod_log_id BIGINT REFERENCES mod_log(id),
    record_seq BIGINT REFERENCES record(seq),
    actor_id BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    read_at BIGINT,
    mail BIGINT NOT NULL DEFAULT 1,
    usulan_id BIGINT REFERENCES usulan(id),
    plan_cycle_id BIGINT REFERENCES plan_cycles(id),
    plan_tier BIGINT,
    plan_area_id BIGINT REFERENCES areas(id),
    CHECK ((kind IN ('reply_thread', 'reply_post')) = (post_id IS NOT NULL)),
    CHECK ((kind = 'moderation') = (mod_log_id IS NOT NULL)),
    CHECK (kind IN ('reply_thread', 'reply_post', 'moderation', 'usulan', 'plan_result')
        OR ((proposal_id IS NULL) <> (complaint_id IS NULL))),
    CHECK (kind NOT IN ('proposal', 'desk_threshold') OR proposal_id IS NOT NULL),
    CHECK (kind NOT IN ('complaint', 'desk_new') OR complaint_id IS NOT NULL),
    CHECK ((kind = 'usulan') = (usulan_id IS NOT NULL AND record_seq IS NOT NULL)),
    CHECK ((kind = 'plan_result') = (plan_area_id IS NOT NULL AND plan_cycle_id IS NOT NULL AND plan_tier IS NOT NULL))
);
INSERT INTO notifications_new (id, user_id, kind, post_id, proposal_id, complaint_id, mod_log_id, record_seq, actor_id,
    created_at, read_at, mail)
SELECT id, user_id, kind, post_id, proposal_id, complaint_id, mod_log_id, record_seq, actor_id, created_at, read_at, mail
FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_mail ON notifications (id) WHERE mail = 1;
CREATE INDEX notifications_digest ON notifications (user_id, id) WHERE mail = 2;

-- The funnel of a cycle, kept with every write that moves an usulan on:
-- how many were put forward, carried from each tier, accepted into the
-- plan (and for how much) and implemented. Rows: the whole kota/kabupaten
-- (scope 'all', scope_id 0), each kecamatan (scope 'area'; usulan put
-- forward at the kota count under the kota), each agency carrying out
-- accepted usulan (scope 'agency').
CREATE TABLE plan_funnel (
    cycle_id BIGINT NOT NULL REFERENCES plan_cycles(id),
    scope TEXT NOT NULL CHECK (scope IN ('all', 'area', 'agency')),
    scope_id BIGINT NOT NULL,
    submitted BIGINT NOT NULL DEFAULT 0,
    carried0 BIGINT NOT NULL DEFAULT 0,
    carried1 BIGINT NOT NULL DEFAULT 0,
    accepted BIGINT NOT NULL DEFAULT 0,
    implemented BIGINT NOT NULL DEFAULT 0,
    amount BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (cycle_id, scope, scope_id)
);

-- The complaints and proposals an usulan grows from, shown both ways (only
-- while they are public, not anonymous and not hidden).
CREATE TABLE usulan_links (
    usulan_id BIGINT NOT NULL REFERENCES usulan(id),
    subject TEXT NOT NULL CHECK (subject IN ('complaint', 'proposal')),
    subject_id BIGINT NOT NULL,
    PRIMARY KEY (usulan_id, subject, subject_id)
);
CREATE INDEX usulan_links_subject ON usulan_links (subject, subject_id, usulan_id);
