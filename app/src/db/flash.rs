//! The `form_flash` table: a failed no-JavaScript form kept for its next
//! page view, stored by the hash of the browser's token.
use super::Db;
use sqlx::FromRow;

/// A kept form's row.
pub struct NewFlash<'a> {
    pub id_hash: &'a str,
    pub action: &'a str,
    pub error: &'a str,
    /// The fields as JSON.
    pub fields: &'a str,
    pub created_at: i64,
    pub session_hash: Option<&'a str>,
}

/// Removes one kept form, in the caller's transaction.
pub async fn delete(conn: &mut sqlx::AnyConnection, id_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM form_flash WHERE id = $1")
        .bind(id_hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn insert(conn: &mut sqlx::AnyConnection, f: &NewFlash<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO form_flash (id, action, error, fields, created_at, session_hash) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(f.id_hash)
    .bind(f.action)
    .bind(f.error)
    .bind(f.fields)
    .bind(f.created_at)
    .bind(f.session_hash)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A kept form as stored (error and fields as JSON).
#[derive(FromRow, Debug, Clone)]
pub struct Flash {
    pub action: String,
    pub error: String,
    pub fields: String,
}

/// Reads and removes the form kept under `id_hash`, if made after
/// `created_after` in the session `session_hash` ("" when signed out).
pub async fn take(
    db: &Db,
    id_hash: &str,
    created_after: i64,
    session_hash: &str,
) -> Result<Option<Flash>, sqlx::Error> {
    sqlx::query_as(
        "DELETE FROM form_flash WHERE id = $1 AND created_at > $2 AND COALESCE(session_hash, '') = $3 \
         RETURNING action, error, fields",
    )
    .bind(id_hash)
    .bind(created_after)
    .bind(session_hash)
    .fetch_optional(&db.pool)
    .await
}

/// Removes forms kept before `before` (through the index on `created_at`).
pub async fn sweep(db: &Db, before: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM form_flash WHERE created_at < $1")
        .bind(before)
        .execute(&db.pool)
        .await?
        .rows_affected())
}
