-- Notifications by email (issue 22): preferences per kind, daily digests,
-- officer alerts, escalation to an agency's head, and agency webhooks.

-- How a person wants each kind of notification: 'now' (an email at once),
-- 'daily' (in one email a day) or 'site' (only on the site). A kind with
-- no row has its default (see `domain::notify`).
CREATE TABLE notify_prefs (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('replies', 'updates', 'moderation', 'desk_new', 'desk_threshold', 'deadlines', 'desk_digest')),
    how TEXT NOT NULL CHECK (how IN ('now', 'daily', 'site')),
    PRIMARY KEY (user_id, kind)
);

-- Officers are told of new complaints, proposals reaching their threshold,
-- deadlines coming and deadlines missed. `mail`: 1 until the mail worker
-- looked at the notification, 2 while it waits for the person's digest, 0
-- once done (notifications older than this are not emailed). SQLite cannot
-- change a CHECK in place, so the table is rebuilt with its rows.
CREATE TABLE notifications_new (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('reply_thread', 'reply_post', 'proposal', 'complaint', 'moderation',
        'desk_new', 'desk_threshold', 'due_soon', 'escalated')),
    post_id BIGINT REFERENCES posts(id),
    proposal_id BIGINT REFERENCES proposals(id),
    complaint_id BIGINT REFERENCES complaints(id),
    mod_log_id BIGINT REFERENCES mod_log(id),
    record_seq BIGINT REFERENCES record(seq),
    actor_id BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    read_at BIGINT,
    mail BIGINT NOT NULL DEFAULT 1,
    CHECK ((kind IN ('reply_thread', 'reply_post')) = (post_id IS NOT NULL)),
    CHECK ((kind = 'moderation') = (mod_log_id IS NOT NULL)),
    CHECK (kind IN ('reply_thread', 'reply_post', 'moderation') OR ((proposal_id IS NULL) <> (complaint_id IS NULL))),
    CHECK (kind NOT IN ('proposal', 'desk_threshold') OR proposal_id IS NOT NULL),
    CHECK (kind NOT IN ('complaint', 'desk_new') OR complaint_id IS NOT NULL)
);
INSERT INTO notifications_new (id, user_id, kind, post_id, proposal_id, complaint_id, mod_log_id, record_seq, actor_id, created_at, read_at, mail)
SELECT id, user_id, kind, post_id, proposal_id, complaint_id, mod_log_id, record_seq, actor_id, created_at, read_at, 0 FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_mail ON notifications (id) WHERE mail = 1;
CREATE INDEX notifications_digest ON notifications (user_id, id) WHERE mail = 2;

-- When each person's next digest is due: a row while something waits for
-- it, and for officers who want the daily desk digest.
CREATE TABLE digests (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    due_at BIGINT NOT NULL,
    claimed_until BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX digests_due ON digests (due_at);

-- An agency's head (granted by an admin, like officer) hears of its missed
-- deadlines.
CREATE TABLE user_roles_new (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('officer', 'head', 'moderator', 'admin')),
    agency_id BIGINT REFERENCES agencies(id),
    area_id BIGINT REFERENCES areas(id),
    granted_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    CHECK ((role IN ('officer', 'head')) = (agency_id IS NOT NULL)),
    CHECK ((role = 'moderator') = (area_id IS NOT NULL))
);
INSERT INTO user_roles_new SELECT id, user_id, role, agency_id, area_id, granted_by, created_at FROM user_roles;
DROP TABLE user_roles;
ALTER TABLE user_roles_new RENAME TO user_roles;
CREATE UNIQUE INDEX user_roles_unique ON user_roles (user_id, role, COALESCE(agency_id, 0), COALESCE(area_id, 0));
CREATE INDEX user_roles_agency ON user_roles (agency_id, role) WHERE agency_id IS NOT NULL;

-- Deadlines coming and missed. `remind_at`: when the agency is reminded of
-- an unanswered item (a working day before its deadline; NULL until the
-- sweep plans it, 0 once done). `escalated_at`: when its first-response
-- deadline passed unanswered and its head was told.
ALTER TABLE service_items ADD COLUMN remind_at BIGINT;
ALTER TABLE service_items ADD COLUMN escalated_at BIGINT;
UPDATE service_items SET remind_at = 0 WHERE first_response_at IS NOT NULL OR overdue = 1;
CREATE INDEX service_items_plan ON service_items (due_at) WHERE first_response_at IS NULL AND remind_at IS NULL;
CREATE INDEX service_items_remind ON service_items (remind_at) WHERE first_response_at IS NULL AND remind_at > 0;
-- A complaint still open past its resolve deadline is escalated once.
ALTER TABLE complaints ADD COLUMN resolve_escalated_at BIGINT;
UPDATE complaints SET resolve_escalated_at = 0
    WHERE desk_due IS NOT NULL AND resolve_due < CAST(strftime('%s', 'now') AS INTEGER);
CREATE INDEX complaints_resolve_watch ON complaints (resolve_due) WHERE desk_due IS NOT NULL AND resolve_escalated_at IS NULL;
-- Escalations per agency, area and period, for the public dashboard.
ALTER TABLE dashboard_cells ADD COLUMN escalated BIGINT NOT NULL DEFAULT 0;

-- The unsubscribe link of a notification email (List-Unsubscribe).
ALTER TABLE outbox ADD COLUMN unsubscribe TEXT;

-- An agency's webhook: its events as signed JSON, for its own gateway.
CREATE TABLE agency_hooks (
    agency_id BIGINT PRIMARY KEY REFERENCES agencies(id),
    url TEXT NOT NULL,
    secret TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
-- Webhook calls waiting or done, written with the event, sent like email.
CREATE TABLE hook_outbox (
    id INTEGER PRIMARY KEY,
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    event TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    next_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    claimed_until BIGINT,
    sent_at BIGINT,
    failed_at BIGINT,
    last_error TEXT
);
CREATE INDEX hook_outbox_due ON hook_outbox (next_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX hook_outbox_failed ON hook_outbox (id) WHERE failed_at IS NOT NULL;
CREATE INDEX outbox_failed ON outbox (id) WHERE failed_at IS NOT NULL;
