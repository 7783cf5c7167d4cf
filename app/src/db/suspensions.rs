//! Suspensions and bans, kept on the account's row (`users`).
use super::Db;
use crate::domain::ids::{AreaId, UserId};
use sqlx::{AnyConnection, FromRow};

/// What moderation needs to know of an account.
#[derive(FromRow, Debug)]
pub struct AccountRow {
    pub id: UserId,
    pub home_area_id: AreaId,
    pub suspended_until: Option<i64>,
    pub banned: i64,
    pub suspension_reason: Option<String>,
}

/// The account with this username's key.
pub async fn account(db: &Db, username_key: &str) -> Result<Option<AccountRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, home_area_id, suspended_until, banned, suspension_reason FROM users WHERE username_key = $1",
    )
    .bind(username_key)
    .fetch_optional(&db.pool)
    .await
}

/// Sets (or, with all None and not banned, clears) an account's suspension.
pub async fn set(
    conn: &mut AnyConnection,
    id: UserId,
    until: Option<i64>,
    banned: bool,
    reason: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET suspended_until = $1, banned = $2, suspension_reason = $3 WHERE id = $4")
        .bind(until)
        .bind(i64::from(banned))
        .bind(reason)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Lifts any suspension or ban (an appeal reversed).
pub async fn clear(conn: &mut AnyConnection, id: UserId) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET suspended_until = NULL, banned = 0, suspension_reason = NULL WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
