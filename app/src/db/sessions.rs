//! The `sessions` table: a signed-in browser's session, stored by the hash
//! of its cookie value (a leaked table names no cookie).
use super::Db;
use crate::domain::ids::{AgencyId, AreaId, UserId};
use sqlx::FromRow;

/// A new session's row.
pub struct NewSession<'a> {
    pub id_hash: &'a str,
    pub user_id: UserId,
    pub created_at: i64,
    pub expires_at: i64,
}

pub async fn insert(conn: &mut sqlx::AnyConnection, s: &NewSession<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO sessions (id_hash, user_id, created_at, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $3)",
    )
    .bind(s.id_hash)
    .bind(s.user_id)
    .bind(s.created_at)
    .bind(s.expires_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Ends one session, in the caller's transaction.
pub async fn delete(conn: &mut sqlx::AnyConnection, id_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
        .bind(id_hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Ends one session.
pub async fn end(db: &Db, id_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
        .bind(id_hash)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Removes `user`'s sessions that expired by `at`.
pub async fn delete_expired(conn: &mut sqlx::AnyConnection, user: UserId, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2")
        .bind(user)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Ends every session of `user` but the one hashed `keep`.
pub async fn delete_others(conn: &mut sqlx::AnyConnection, user: UserId, keep: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2")
        .bind(user)
        .bind(keep)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Notes the session's use at `at`.
pub async fn touch(db: &Db, id_hash: &str, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
        .bind(at)
        .bind(id_hash)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// The person behind a session, and the session's last use.
#[derive(FromRow, Debug, Clone)]
pub struct SessionUser {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub home_area_id: AreaId,
    pub lang: String,
    pub unread_count: i64,
    pub created_at: i64,
    pub suspended_until: Option<i64>,
    pub banned: i64,
    pub suspension_reason: Option<String>,
    pub last_seen_at: Option<i64>,
}

/// The person behind a session with one of their grants: a row per grant,
/// oldest first, or one row without a grant for a person who has none.
#[derive(FromRow, Debug, Clone)]
pub struct SessionGrant {
    #[sqlx(flatten)]
    pub user: SessionUser,
    pub grant_id: Option<i64>,
    pub role: Option<String>,
    pub agency_id: Option<AgencyId>,
    pub agency_name: Option<String>,
    pub area_id: Option<AreaId>,
    pub area_name: Option<String>,
}

/// The person signed in with this session, with their grants, unless it
/// expired by `now` or was not used since `active_since`: one query, as
/// every signed-in request asks it.
pub async fn user(db: &Db, id_hash: &str, now: i64, active_since: i64) -> Result<Vec<SessionGrant>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.id, u.username, u.display_name, u.home_area_id, u.lang, u.unread_count, u.created_at, \
         u.suspended_until, u.banned, u.suspension_reason, s.last_seen_at, \
         r.id AS grant_id, r.role, r.agency_id, g.name AS agency_name, r.area_id, a.name AS area_name \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         LEFT JOIN user_roles r ON r.user_id = u.id \
         LEFT JOIN agencies g ON g.id = r.agency_id LEFT JOIN areas a ON a.id = r.area_id \
         WHERE s.id_hash = $1 AND s.expires_at > $2 AND (s.last_seen_at > $3 OR s.last_seen_at IS NULL) \
         ORDER BY r.id",
    )
    .bind(id_hash)
    .bind(now)
    .bind(active_since)
    .fetch_all(&db.pool)
    .await
}
