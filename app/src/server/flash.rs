//! A failed form post without JavaScript is redirected back to its page; the
//! error and what the person typed wait here for that one next page view.
//! The browser's cookie holds a random token, the row its hash (a leaked
//! table names no cookie); a row made while signed in is read only in that
//! session; a browser keeps one at a time. The caller caps the size and
//! counts them per client address; the sweep removes expired ones.
use super::{auth::sha256_hex, time::now};
use crate::db::Db;
use crate::error::AppError;
use crate::model::FormFlash;
use sqlx::Row;

/// How long a kept form waits for its page view.
pub const TTL_SECS: i64 = 600;

/// A failed form to keep.
pub struct Kept<'a> {
    pub action: &'a str,
    pub error: &'a str,
    pub fields: &'a [(String, String)],
    /// The session it was sent in, if signed in.
    pub session_hash: Option<&'a str>,
    /// The token of the browser's earlier kept form, replaced by this one.
    pub replaces: Option<&'a str>,
}

fn well_formed(token: &str) -> bool {
    token.len() == 32 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Keeps the form; returns the token for the browser's cookie.
pub async fn store(db: &Db, k: Kept<'_>) -> Result<String, sqlx::Error> {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let fields = serde_json::to_string(k.fields).unwrap_or_else(|_| "[]".into());
    let mut tx = db.pool.begin().await?;
    if let Some(old) = k.replaces.filter(|t| well_formed(t)) {
        sqlx::query("DELETE FROM form_flash WHERE id = $1")
            .bind(sha256_hex(old))
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO form_flash (id, action, error, fields, created_at, session_hash) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(sha256_hex(&token))
    .bind(k.action)
    .bind(k.error)
    .bind(fields)
    .bind(now())
    .bind(k.session_hash)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// Reads and removes the form kept for this browser's cookie `token`, if
/// it was kept in the same session (or signed out, when `session_hash` is
/// None).
pub async fn take(db: &Db, token: &str, session_hash: Option<&str>) -> Result<Option<FormFlash>, sqlx::Error> {
    if !well_formed(token) {
        return Ok(None);
    }
    let row = sqlx::query(
        "DELETE FROM form_flash WHERE id = $1 AND created_at > $2 AND COALESCE(session_hash, '') = $3 \
         RETURNING action, error, fields",
    )
    .bind(sha256_hex(token))
    .bind(now() - TTL_SECS)
    .bind(session_hash.unwrap_or(""))
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|r| {
        let error: String = r.get("error");
        let fields: String = r.get("fields");
        FormFlash {
            action: r.get("action"),
            error: serde_json::from_str::<AppError>(&error).ok(),
            fields: serde_json::from_str(&fields).unwrap_or_default(),
        }
    }))
}

/// Removes expired kept forms (through the index on `created_at`).
pub async fn sweep(db: &Db, at: i64) -> crate::error::AppResult<u64> {
    Ok(sqlx::query("DELETE FROM form_flash WHERE created_at < $1")
        .bind(at - TTL_SECS)
        .execute(&db.pool)
        .await?
        .rows_affected())
}
