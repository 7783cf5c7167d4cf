//! The `users` table: accounts, their sign-in secrets and settings.
use super::Db;
use crate::domain::ids::{AreaId, UserId};
use sqlx::FromRow;

/// A new account's row.
pub struct NewUser<'a> {
    pub username: &'a str,
    /// The username as compared for uniqueness (lower case).
    pub username_key: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub home_area_id: AreaId,
    /// The language code.
    pub lang: &'a str,
    pub at: i64,
}

/// Creates the account in the caller's transaction (a taken username is a
/// unique violation).
pub async fn insert(conn: &mut sqlx::AnyConnection, u: &NewUser<'_>) -> Result<UserId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO users (username, username_key, display_name, password_hash, home_area_id, lang, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(u.username)
    .bind(u.username_key)
    .bind(u.display_name)
    .bind(u.password_hash)
    .bind(u.home_area_id)
    .bind(u.lang)
    .bind(u.at)
    .fetch_one(&mut *conn)
    .await
}

/// What signing in needs.
#[derive(FromRow, Debug, Clone)]
pub struct Credentials {
    pub id: UserId,
    pub password_hash: String,
    pub lang: String,
}

pub async fn credentials_by_key(db: &Db, key: &str) -> Result<Option<Credentials>, sqlx::Error> {
    sqlx::query_as("SELECT id, password_hash, lang FROM users WHERE username_key = $1")
        .bind(key)
        .fetch_optional(&db.pool)
        .await
}

pub async fn password_hash(db: &Db, id: UserId) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// The account with this username key, if any.
pub async fn id_by_key(db: &Db, key: &str) -> Result<Option<UserId>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM users WHERE username_key = $1")
        .bind(key)
        .fetch_optional(&db.pool)
        .await
}

/// What a public profile shows of an account.
#[derive(FromRow, Debug, Clone)]
pub struct Profile {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub home_area_id: AreaId,
    pub created_at: i64,
}

pub async fn profile_by_key(db: &Db, key: &str) -> Result<Option<Profile>, sqlx::Error> {
    sqlx::query_as("SELECT id, username, display_name, home_area_id, created_at FROM users WHERE username_key = $1")
        .bind(key)
        .fetch_optional(&db.pool)
        .await
}

/// An account found by a search.
#[derive(FromRow, Debug, Clone)]
pub struct Found {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
}

/// Accounts whose username key or lower-cased display name is `LIKE`
/// `pattern` (escaped with `\`), by username; at most 50.
pub async fn search(db: &Db, pattern: &str) -> Result<Vec<Found>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, username, display_name FROM users \
         WHERE username_key LIKE $1 ESCAPE '\\' OR LOWER(display_name) LIKE $1 ESCAPE '\\' \
         ORDER BY username_key LIMIT 50",
    )
    .bind(pattern)
    .fetch_all(&db.pool)
    .await
}

/// Sets the account's language code.
pub async fn set_lang(db: &Db, id: UserId, lang: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET lang = $1 WHERE id = $2")
        .bind(lang)
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Sets the display name and home area, in the caller's transaction.
pub async fn set_profile(
    conn: &mut sqlx::AnyConnection,
    id: UserId,
    display_name: &str,
    home_area: AreaId,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET display_name = $1, home_area_id = $2 WHERE id = $3")
        .bind(display_name)
        .bind(home_area)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Sets the password hash, in the caller's transaction.
pub async fn set_password(conn: &mut sqlx::AnyConnection, id: UserId, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
