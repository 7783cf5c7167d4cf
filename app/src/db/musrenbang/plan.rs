//! The plan's decision on an usulan accepted at the kota/kabupaten (the
//! agency that carries it out and the amount), and its progress reports.
use crate::db::Db;
use crate::domain::ids::{AgencyId, UserId, UsulanId};
use sqlx::FromRow;

/// Accepted into the plan: who carries it out, for how much.
pub async fn set_plan(
    conn: &mut sqlx::AnyConnection,
    id: UsulanId,
    agency: Option<AgencyId>,
    amount: Option<i64>,
    reason: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE usulan SET plan_agency_id = $2, plan_amount = $3, plan_reason = $4 WHERE id = $1")
        .bind(id)
        .bind(agency)
        .bind(amount)
        .bind(reason)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Moves an accepted usulan to `state` (in_progress or implemented) with
/// its percent done; false if it was no longer accepted or in progress.
pub async fn set_progress(
    conn: &mut sqlx::AnyConnection,
    id: UsulanId,
    state: &str,
    percent: i64,
) -> Result<bool, sqlx::Error> {
    let n = sqlx::query(
        "UPDATE usulan SET state = $2, progress = $3 WHERE id = $1 AND state IN ('accepted', 'in_progress')",
    )
    .bind(id)
    .bind(state)
    .bind(percent)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(n == 1)
}

pub struct NewUpdate<'a> {
    pub usulan: UsulanId,
    pub percent: i64,
    pub body: &'a str,
    pub by: UserId,
    pub agency: Option<AgencyId>,
    pub at: i64,
    pub record_seq: i64,
}

pub async fn insert_update(conn: &mut sqlx::AnyConnection, u: &NewUpdate<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO usulan_updates (usulan_id, percent, body, user_id, agency_id, created_at, record_seq) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(u.usulan)
    .bind(u.percent)
    .bind(u.body)
    .bind(u.by)
    .bind(u.agency)
    .bind(u.at)
    .bind(u.record_seq)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A progress report, with the agency that gave it.
#[derive(FromRow, Debug, Clone)]
pub struct Update {
    pub percent: i64,
    pub body: String,
    pub agency: Option<String>,
    pub created_at: i64,
}

/// The newest `limit` progress reports on usulan `id`, newest first.
pub async fn updates(db: &Db, id: UsulanId, limit: i64) -> Result<Vec<Update>, sqlx::Error> {
    sqlx::query_as(
        "SELECT x.percent, x.body, g.name AS agency, x.created_at FROM usulan_updates x \
         LEFT JOIN agencies g ON g.id = x.agency_id WHERE x.usulan_id = $1 ORDER BY x.id DESC LIMIT $2",
    )
    .bind(id)
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

/// Tells the author of usulan `id` of record entry `seq` (and, with
/// `choosers`, everyone who put it on a ballot at any tier), except the
/// actor, and counts it unread.
pub async fn notify_usulan(
    conn: &mut sqlx::AnyConnection,
    id: UsulanId,
    seq: i64,
    actor: UserId,
    choosers: bool,
    at: i64,
) -> Result<(), sqlx::Error> {
    let who = if choosers {
        "SELECT author_id AS user_id FROM usulan WHERE id = $1 \
         UNION SELECT user_id FROM plan_ballot_items WHERE usulan_id = $1"
    } else {
        "SELECT author_id AS user_id FROM usulan WHERE id = $1"
    };
    sqlx::query(&format!(
        "INSERT INTO notifications (user_id, kind, usulan_id, record_seq, actor_id, created_at) \
         SELECT w.user_id, 'usulan', $1, $2, $3, $4 FROM ({who}) w WHERE w.user_id <> $3"
    ))
    .bind(id)
    .bind(seq)
    .bind(actor)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    sqlx::query(&format!(
        "UPDATE users SET unread_count = unread_count + 1 WHERE id IN (SELECT w.user_id FROM ({who}) w) AND id <> $2"
    ))
    .bind(id)
    .bind(actor)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Tells everyone who voted in `area` at `tier` that its result is
/// confirmed, and counts it unread.
pub async fn notify_voters(
    conn: &mut sqlx::AnyConnection,
    cycle: crate::domain::ids::CycleId,
    tier: i64,
    area: crate::domain::ids::AreaId,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notifications (user_id, kind, plan_cycle_id, plan_tier, plan_area_id, created_at) \
         SELECT user_id, 'plan_result', cycle_id, tier, area_id, $4 FROM plan_ballots \
         WHERE cycle_id = $1 AND tier = $2 AND area_id = $3",
    )
    .bind(cycle)
    .bind(tier)
    .bind(area)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE users SET unread_count = unread_count + 1 WHERE id IN \
         (SELECT user_id FROM plan_ballots WHERE cycle_id = $1 AND tier = $2 AND area_id = $3)",
    )
    .bind(cycle)
    .bind(tier)
    .bind(area)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Where usulan `id` was put forward (its area's path).
pub async fn usulan_path(conn: &mut sqlx::AnyConnection, id: UsulanId) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT area_path FROM usulan WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await
}

/// A complaint or proposal an usulan grows from, or an usulan grown from
/// one: its number and title.
#[derive(FromRow, Debug, Clone)]
pub struct Linked {
    pub subject: String,
    pub id: i64,
    pub title: String,
}

/// Whether a complaint (`subject` complaint) or proposal may be linked and
/// shown: it exists, is public, names its author (an anonymous complaint
/// next to a named usulan author could name its complainant), is not hidden
/// and lies under `path`.
const LINKABLE: &str = "(l.subject = 'complaint' AND EXISTS (SELECT 1 FROM complaints c WHERE c.id = l.subject_id \
     AND c.private = 0 AND c.anonymous = 0 AND c.hidden_at IS NULL)) \
     OR (l.subject = 'proposal' AND EXISTS (SELECT 1 FROM proposals p WHERE p.id = l.subject_id \
     AND p.state <> 'draft' AND p.hidden_at IS NULL))";

/// The title of complaint or proposal `id` if it may be linked from an
/// usulan in the kota at `path`.
pub async fn linkable(db: &Db, subject: &str, id: i64, path: &str) -> Result<Option<String>, sqlx::Error> {
    let sql = if subject == "complaint" {
        "SELECT c.title FROM complaints c JOIN areas a ON a.id = c.area_id WHERE c.id = $1 AND c.private = 0 \
         AND c.anonymous = 0 AND c.hidden_at IS NULL AND a.path LIKE $2"
    } else {
        "SELECT p.title FROM proposals p JOIN areas a ON a.id = p.area_id WHERE p.id = $1 AND p.state <> 'draft' \
         AND p.hidden_at IS NULL AND a.path LIKE $2"
    };
    sqlx::query_scalar(sql)
        .bind(id)
        .bind(format!("{path}%"))
        .fetch_optional(&db.pool)
        .await
}

pub async fn insert_link(
    conn: &mut sqlx::AnyConnection,
    id: UsulanId,
    subject: &str,
    to: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO usulan_links (usulan_id, subject, subject_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(id)
        .bind(subject)
        .bind(to)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// What usulan `id` grows from, as may be shown now.
pub async fn links_of(db: &Db, id: UsulanId) -> Result<Vec<Linked>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT l.subject, l.subject_id AS id, COALESCE(c.title, p.title, '') AS title FROM usulan_links l \
         LEFT JOIN complaints c ON l.subject = 'complaint' AND c.id = l.subject_id \
         LEFT JOIN proposals p ON l.subject = 'proposal' AND p.id = l.subject_id \
         WHERE l.usulan_id = $1 AND ({LINKABLE}) ORDER BY l.subject, l.subject_id"
    ))
    .bind(id)
    .fetch_all(&db.pool)
    .await
}

/// The usulan grown from complaint or proposal `to` (the newest `limit`).
pub async fn usulan_from<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    ex: E,
    subject: &str,
    to: i64,
    limit: i64,
) -> Result<Vec<Linked>, sqlx::Error> {
    sqlx::query_as(
        "SELECT 'usulan' AS subject, u.id, u.title FROM usulan_links l JOIN usulan u ON u.id = l.usulan_id \
         WHERE l.subject = $1 AND l.subject_id = $2 ORDER BY u.id DESC LIMIT $3",
    )
    .bind(subject)
    .bind(to)
    .bind(limit)
    .fetch_all(ex)
    .await
}
