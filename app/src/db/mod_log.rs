//! The public moderation log (`mod_log`): one row per action, appeal and
//! appeal decision; and the read model the log's pages and the queue's
//! appeals show (each row with its actor, area and item).
use super::numbered::Numbered;
use super::Db;
use crate::domain::ids::{AreaId, ModLogId, UserId};
use crate::domain::moderation::{Detail, LogAction, Subject};
use sqlx::{AnyConnection, FromRow};

/// A range of area paths: an area and everything below it
/// (`start <= path < end`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathRange {
    pub start: String,
    pub end: String,
}

/// Where a read looks: everywhere (an admin), or within some areas.
#[derive(Debug, Clone, Copy)]
pub enum Within<'a> {
    Everywhere,
    Areas(&'a [PathRange]),
}

/// ` AND ((column >= $n AND column < $m) OR …)` for the areas of `within`,
/// every path bound; nothing for everywhere, and no rows for no area.
pub(crate) fn push_within(q: &mut Numbered<'_>, column: &str, within: Within<'_>) {
    let Within::Areas(ranges) = within else {
        return;
    };
    if ranges.is_empty() {
        q.push(" AND 1 = 0");
        return;
    }
    q.push(" AND (");
    for (i, r) in ranges.iter().enumerate() {
        if i > 0 {
            q.push(" OR ");
        }
        q.push("(")
            .push(column)
            .push(" >= ")
            .push_bind(r.start.clone())
            .push(" AND ")
            .push(column)
            .push(" < ")
            .push_bind(r.end.clone())
            .push(")");
    }
    q.push(")");
}

/// One row of the log, to write.
pub struct NewEntry<'a> {
    pub actor: UserId,
    pub action: LogAction,
    pub subject: Subject,
    pub item_id: i64,
    /// Whose item or account it was (told of it, unless the actor).
    pub target: Option<UserId>,
    pub area: (AreaId, &'a str),
    pub reason: &'a str,
    pub until: Option<i64>,
    pub detail: Detail,
    /// Appeals and decisions: the row appealed.
    pub ref_id: Option<ModLogId>,
    /// Redactions: the text before (for admins only).
    pub original: Option<&'a str>,
}

/// Writes a row of the log (in the caller's transaction); its id.
pub async fn insert(conn: &mut AnyConnection, r: &NewEntry<'_>, at: i64) -> Result<ModLogId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO mod_log (created_at, actor_id, action, item_kind, item_id, target_id, area_id, area_path, \
         reason, until, detail, ref_id, original) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
         RETURNING id",
    )
    .bind(at)
    .bind(r.actor)
    .bind(r.action.code())
    .bind(r.subject.code())
    .bind(r.item_id)
    .bind(r.target)
    .bind(r.area.0)
    .bind(r.area.1)
    .bind(r.reason)
    .bind(r.until)
    .bind(r.detail.encode())
    .bind(r.ref_id)
    .bind(r.original)
    .fetch_one(&mut *conn)
    .await
}

/// Tells `user` of a log row (in the caller's transaction).
pub async fn notify(
    conn: &mut AnyConnection,
    user: UserId,
    log_id: ModLogId,
    actor: UserId,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notifications (user_id, kind, mod_log_id, actor_id, created_at) VALUES ($1, 'moderation', $2, $3, $4)",
    )
    .bind(user)
    .bind(log_id)
    .bind(actor)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE users SET unread_count = unread_count + 1 WHERE id = $1")
        .bind(user)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A log row as pages show it, with its actor, target, area and item.
pub(crate) const SELECT: &str = "SELECT m.id, m.created_at, m.action, m.item_kind, m.item_id, m.reason, m.until, \
     m.detail, m.ref_id, m.appeal_state, m.actor_id, m.target_id, m.area_path, u.display_name AS actor, \
     u.username AS actor_username, tu.username AS target, a.name AS area_name, a.timezone, p.thread_id, p.seq, \
     CAST(CASE WHEN c.anonymous = 1 OR c.private = 1 THEN 1 ELSE 0 END AS BIGINT) AS anonymous, \
     c.author_id AS complainant_id, c.agency_id AS complaint_agency \
     FROM mod_log m JOIN users u ON u.id = m.actor_id LEFT JOIN users tu ON tu.id = m.target_id \
     JOIN areas a ON a.id = m.area_id LEFT JOIN posts p ON m.item_kind = 'post' AND p.id = m.item_id \
     LEFT JOIN complaints c ON m.item_kind = 'complaint' AND c.id = m.item_id";

#[derive(FromRow, Debug, Clone)]
pub struct LogRow {
    pub id: ModLogId,
    pub created_at: i64,
    pub action: String,
    pub item_kind: String,
    pub item_id: i64,
    pub reason: String,
    pub until: Option<i64>,
    pub detail: String,
    pub ref_id: Option<ModLogId>,
    pub appeal_state: Option<String>,
    pub actor_id: UserId,
    pub target_id: Option<UserId>,
    pub area_path: String,
    pub actor: String,
    pub actor_username: String,
    pub target: Option<String>,
    pub area_name: String,
    pub timezone: String,
    pub thread_id: Option<i64>,
    pub seq: Option<i64>,
    /// 1 when the row is about an anonymous or private complaint.
    pub anonymous: i64,
    pub complainant_id: Option<UserId>,
    pub complaint_agency: Option<i64>,
}

/// What a page of the log asks for.
#[derive(Debug, Clone, Default)]
pub struct LogFilter<'a> {
    /// Rows before this one (newest first).
    pub before: Option<ModLogId>,
    /// Of an area and its sub-areas.
    pub area: Option<&'a PathRange>,
    /// By one person (their username's key), leaving out the appeals of an
    /// anonymous complainant: asking for someone's rows would otherwise tell
    /// whether they filed that complaint.
    pub actor_key: Option<&'a str>,
}

/// A page of the log, newest first, at most `limit` rows.
pub async fn page(db: &Db, f: &LogFilter<'_>, limit: i64) -> Result<Vec<LogRow>, sqlx::Error> {
    let mut q = Numbered::new(SELECT);
    q.push(" WHERE m.id < ").push_bind(f.before.map_or(i64::MAX, |b| b.0));
    if let Some(r) = f.area {
        q.push(" AND m.area_path >= ")
            .push_bind(r.start.clone())
            .push(" AND m.area_path < ")
            .push_bind(r.end.clone());
    }
    if let Some(key) = f.actor_key {
        q.push(" AND u.username_key = ").push_bind(key.to_owned()).push(
            " AND NOT (CAST(CASE WHEN c.anonymous = 1 OR c.private = 1 THEN 1 ELSE 0 END AS BIGINT) = 1 \
             AND c.author_id = m.actor_id)",
        );
    }
    q.push(" ORDER BY m.id DESC LIMIT ").push_bind(limit);
    q.build()
        .build_query_as()
        .fetch_all(db.pool_for(f.area.is_some()))
        .await
}

pub async fn by_id(db: &Db, id: ModLogId) -> Result<Option<LogRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE m.id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// The rows that refer to row `id` (its appeal and decision), oldest first.
pub async fn referring_to(db: &Db, id: ModLogId) -> Result<Vec<LogRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE m.ref_id = $1 ORDER BY m.id"))
        .bind(id)
        .fetch_all(&db.pool)
        .await
}

/// A redaction's text before (for admins only).
pub async fn original(db: &Db, id: ModLogId) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT original FROM mod_log WHERE id = $1")
        .bind(id)
        .fetch_one(&db.pool)
        .await
}

/// The area a row was logged in.
pub async fn area_of(conn: &mut AnyConnection, id: ModLogId) -> Result<AreaId, sqlx::Error> {
    sqlx::query_scalar("SELECT area_id FROM mod_log WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await
}

/// Whether a row after `id` about the same item has one of `actions`.
pub async fn any_later(
    conn: &mut AnyConnection,
    id: ModLogId,
    subject: &str,
    item_id: i64,
    actions: &[LogAction],
) -> Result<bool, sqlx::Error> {
    if actions.is_empty() {
        return Ok(false);
    }
    let mut q = Numbered::new("SELECT id FROM mod_log WHERE item_kind = ");
    q.push_bind(subject.to_owned())
        .push(" AND item_id = ")
        .push_bind(item_id)
        .push(" AND id > ")
        .push_bind(id.0)
        .push(" AND action IN (")
        .push_bind_list(actions.iter().map(|a| a.code()))
        .push(") LIMIT 1");
    let later: Option<i64> = q.build().build_query_scalar().fetch_optional(&mut *conn).await?;
    Ok(later.is_some())
}
