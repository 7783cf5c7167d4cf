//! Notifications by email: each person's choices (`notify_prefs`), the
//! notifications the mail worker has yet to look at (`notifications.mail`),
//! daily digests (`digests`), and officers' alerts.
use super::notifications::{NoteRow, NOTE_JOINS, NOTE_SELECT};
use super::numbered::Numbered;
use super::{Backend, Db};
use crate::domain::ids::{AgencyId, ComplaintId, ProposalId, UserId};
use sqlx::{AnyConnection, FromRow};

/// The kind a notification is chosen under (see `domain::notify::Kind::of_note`).
const PREF_KIND: &str = "CASE n.kind WHEN 'reply_thread' THEN 'replies' WHEN 'reply_post' THEN 'replies' \
     WHEN 'proposal' THEN 'updates' WHEN 'complaint' THEN 'updates' WHEN 'usulan' THEN 'updates' \
     WHEN 'plan_result' THEN 'updates' WHEN 'moderation' THEN 'moderation' \
     WHEN 'desk_new' THEN 'desk_new' WHEN 'desk_threshold' THEN 'desk_threshold' ELSE 'deadlines' END";

/// `user`'s choices (kinds without a row have their default).
pub async fn prefs(db: &Db, user: UserId) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT kind, how FROM notify_prefs WHERE user_id = $1")
        .bind(user)
        .fetch_all(&db.pool)
        .await
}

/// Sets `user`'s choice for `kind`.
pub async fn set_pref(conn: &mut AnyConnection, user: UserId, kind: &str, how: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notify_prefs (user_id, kind, how) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, kind) DO UPDATE SET how = excluded.how",
    )
    .bind(user)
    .bind(kind)
    .bind(how)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A notification on its way to email: what it is about, and to whom.
#[derive(Debug, FromRow)]
pub struct MailNote {
    #[sqlx(flatten)]
    pub note: NoteRow,
    pub user_id: UserId,
    pub email: Option<String>,
    pub lang: String,
    /// The person's choice for its kind (None: the default).
    pub how: Option<String>,
    /// The zone of the person's home area, for their digest.
    pub home_zone: String,
}

fn mail_select() -> String {
    format!(
        "{NOTE_SELECT}, n.user_id, ru.email, ru.lang, np.how, ha.timezone AS home_zone {NOTE_JOINS} \
         JOIN users ru ON ru.id = n.user_id JOIN areas ha ON ha.id = ru.home_area_id \
         LEFT JOIN notify_prefs np ON np.user_id = n.user_id AND np.kind = {PREF_KIND}"
    )
}

/// Whether any notification waits for the mail worker (an index read).
pub async fn any_new(db: &Db) -> Result<bool, sqlx::Error> {
    let one: Option<i64> = sqlx::query_scalar("SELECT id FROM notifications WHERE mail = 1 LIMIT 1")
        .fetch_optional(&db.pool)
        .await?;
    Ok(one.is_some())
}

/// Whether any digest is due at `now` (an index read).
pub async fn any_digest_due(db: &Db, now: i64) -> Result<bool, sqlx::Error> {
    let one: Option<i64> =
        sqlx::query_scalar("SELECT user_id FROM digests WHERE due_at <= $1 AND claimed_until <= $1 LIMIT 1")
            .bind(now)
            .fetch_optional(&db.pool)
            .await?;
    Ok(one.is_some())
}

/// Claims up to `n` notifications the mail worker has not looked at (in
/// the caller's transaction: they are done once it commits), oldest first.
pub async fn claim_new(conn: &mut AnyConnection, backend: Backend, n: i64) -> Result<Vec<MailNote>, sqlx::Error> {
    let lock = match backend {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let ids: Vec<i64> = sqlx::query_scalar(&format!(
        "UPDATE notifications SET mail = 0 WHERE id IN (\
           SELECT id FROM notifications WHERE mail = 1 ORDER BY id LIMIT $1{lock}) RETURNING id"
    ))
    .bind(n)
    .fetch_all(&mut *conn)
    .await?;
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let mut q = Numbered::new(format!("{} WHERE n.id IN (", mail_select()));
    q.push_bind_list(ids).push(") ORDER BY n.id");
    q.build().build_query_as().fetch_all(&mut *conn).await
}

/// Keeps notification `id` for its person's digest, due at `due_at` (or
/// earlier, if one is planned already).
pub async fn keep_for_digest(conn: &mut AnyConnection, id: i64, user: UserId, due_at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE notifications SET mail = 2 WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    plan_digest(conn, user, due_at).await
}

/// Plans `user`'s digest for `due_at` unless one is planned already.
pub async fn plan_digest(conn: &mut AnyConnection, user: UserId, due_at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO digests (user_id, due_at) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING")
        .bind(user)
        .bind(due_at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Claims up to `n` digests due at `now`, for this worker until `until`.
pub async fn claim_digests(db: &Db, now: i64, until: i64, n: i64) -> Result<Vec<UserId>, sqlx::Error> {
    let lock = match db.backend {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    sqlx::query_scalar(&format!(
        "UPDATE digests SET claimed_until = $1 WHERE user_id IN (\
           SELECT user_id FROM digests WHERE due_at <= $2 AND claimed_until <= $2 ORDER BY due_at LIMIT $3{lock}) \
         RETURNING user_id"
    ))
    .bind(until)
    .bind(now)
    .bind(n)
    .fetch_all(&db.pool)
    .await
}

/// The first `n` notifications waiting for `user`'s digest, oldest first.
pub async fn waiting(conn: &mut AnyConnection, user: UserId, n: i64) -> Result<Vec<MailNote>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{} WHERE n.user_id = $1 AND n.mail = 2 ORDER BY n.id LIMIT $2",
        mail_select()
    ))
    .bind(user)
    .bind(n)
    .fetch_all(&mut *conn)
    .await
}

/// How many more wait beyond the first `shown` (read only when a digest is
/// full; at most `cap`).
pub async fn waiting_beyond(
    conn: &mut AnyConnection,
    user: UserId,
    after_id: i64,
    cap: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT id FROM notifications WHERE user_id = $1 AND mail = 2 AND id > $2 LIMIT $3) w",
    )
    .bind(user)
    .bind(after_id)
    .bind(cap)
    .fetch_one(&mut *conn)
    .await
}

/// Every notification waiting for `user`'s digest is in it.
pub async fn digested(conn: &mut AnyConnection, user: UserId) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE notifications SET mail = 0 WHERE user_id = $1 AND mail = 2")
        .bind(user)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Plans `user`'s next digest for `due_at`, or (None) none until something
/// waits for it again.
pub async fn next_digest(conn: &mut AnyConnection, user: UserId, due_at: Option<i64>) -> Result<(), sqlx::Error> {
    match due_at {
        Some(at) => {
            sqlx::query("UPDATE digests SET due_at = $1, claimed_until = 0 WHERE user_id = $2")
                .bind(at)
                .bind(user)
                .execute(&mut *conn)
                .await?
        }
        None => {
            sqlx::query("DELETE FROM digests WHERE user_id = $1")
                .bind(user)
                .execute(&mut *conn)
                .await?
        }
    };
    Ok(())
}

/// The person a digest goes to: their address, language, home zone, and
/// the agencies they are an officer of (for the desk summary).
#[derive(Debug, FromRow)]
pub struct DigestPerson {
    pub email: Option<String>,
    pub lang: String,
    pub display_name: String,
    pub home_zone: String,
    /// Their choice for the desk summary (None: the default).
    pub desk_how: Option<String>,
}

pub async fn digest_person(conn: &mut AnyConnection, user: UserId) -> Result<Option<DigestPerson>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.email, u.lang, u.display_name, a.timezone AS home_zone, np.how AS desk_how FROM users u \
         JOIN areas a ON a.id = u.home_area_id \
         LEFT JOIN notify_prefs np ON np.user_id = u.id AND np.kind = 'desk_digest' WHERE u.id = $1",
    )
    .bind(user)
    .fetch_optional(&mut *conn)
    .await
}

/// An officer's desk in numbers: open items, those due within `soon`, and
/// those past due, over the agencies they serve (each count stops at `cap`).
#[derive(Debug, FromRow, Default, Clone, Copy)]
pub struct DeskCounts {
    pub open: i64,
    pub due_soon: i64,
    pub late: i64,
}

pub async fn desk_counts(
    conn: &mut AnyConnection,
    user: UserId,
    now: i64,
    soon: i64,
    cap: i64,
) -> Result<DeskCounts, sqlx::Error> {
    const AGENCIES: &str = "SELECT agency_id FROM user_roles WHERE user_id = $1 AND role = 'officer'";
    let count = |cond_c: &str, cond_p: &str| {
        format!(
            "(SELECT COUNT(*) FROM (SELECT c.id FROM complaints c WHERE c.agency_id IN ({AGENCIES}) \
             AND c.desk_due IS NOT NULL{cond_c} LIMIT $4) x) + (SELECT COUNT(*) FROM (SELECT p.id FROM proposals p \
             WHERE p.agency_id IN ({AGENCIES}) AND p.awaiting_since IS NOT NULL{cond_p} LIMIT $4) y)"
        )
    };
    let sql = format!(
        "SELECT {} AS open, {} AS due_soon, {} AS late",
        count("", ""),
        count(
            " AND c.desk_due >= $2 AND c.desk_due < $3",
            " AND p.due_at >= $2 AND p.due_at < $3"
        ),
        count(" AND c.desk_due < $2", " AND p.due_at < $2")
    );
    sqlx::query_as(&sql)
        .bind(user)
        .bind(now)
        .bind(soon)
        .bind(cap)
        .fetch_one(&mut *conn)
        .await
}

/// Officers who want the daily desk summary and have no digest planned:
/// given one (used when a grant is made, and by the migration's backfill).
pub async fn plan_desk_digest(conn: &mut AnyConnection, user: UserId, due_at: i64) -> Result<(), sqlx::Error> {
    plan_digest(conn, user, due_at).await
}

/// What an officer alert is about.
#[derive(Debug, Clone, Copy)]
pub enum Subject {
    Complaint(ComplaintId),
    Proposal(ProposalId),
}

impl Subject {
    fn ids(self) -> (Option<i64>, Option<i64>) {
        match self {
            Subject::Complaint(c) => (Some(c.0), None),
            Subject::Proposal(p) => (None, Some(p.0)),
        }
    }
}

/// An event an agency is told of.
#[derive(Debug, Clone, Copy)]
pub struct Alert<'a> {
    pub agency: Option<AgencyId>,
    /// desk_new, desk_threshold, due_soon or escalated.
    pub kind: &'a str,
    pub subject: Subject,
    /// Its record entry, if it has one.
    pub seq: Option<i64>,
    /// Who caused it (not told of it).
    pub actor: Option<UserId>,
    pub at: i64,
}

/// Tells the agency's officers or (`escalated`) its heads and every admin,
/// except the actor, and counts it unread for each.
pub async fn alert(conn: &mut AnyConnection, a: &Alert<'_>) -> Result<(), sqlx::Error> {
    let Alert {
        agency,
        kind,
        subject,
        seq,
        actor,
        at,
    } = *a;
    let who = if kind == "escalated" {
        "SELECT user_id FROM user_roles WHERE (role = 'head' AND agency_id = $1) OR role = 'admin'"
    } else {
        "SELECT user_id FROM user_roles WHERE role = 'officer' AND agency_id = $1"
    };
    let (complaint, proposal) = subject.ids();
    let actor = actor.map_or(0, |a| a.0);
    let agency = agency.map_or(0, |a| a.0);
    sqlx::query(&format!(
        "INSERT INTO notifications (user_id, kind, complaint_id, proposal_id, record_seq, created_at) \
         SELECT DISTINCT w.user_id, $2, $3, $4, $5, $6 FROM ({who}) w WHERE w.user_id <> $7"
    ))
    .bind(agency)
    .bind(kind)
    .bind(complaint)
    .bind(proposal)
    .bind(seq)
    .bind(at)
    .bind(actor)
    .execute(&mut *conn)
    .await?;
    sqlx::query(&format!(
        "UPDATE users SET unread_count = unread_count + 1 WHERE id IN ({who}) AND id <> $2"
    ))
    .bind(agency)
    .bind(actor)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
