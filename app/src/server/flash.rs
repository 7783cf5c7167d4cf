//! A failed form post without JavaScript is redirected back to its page; the
//! error and what the person typed wait here for that one next page view.
//! The browser's cookie holds a random token, the row its hash (a leaked
//! table names no cookie); a row made while signed in is read only in that
//! session; a browser keeps one at a time. The caller caps the size and
//! counts them per client address; the sweep removes expired ones.
use super::{secrets::sha256_hex, time::now};
use crate::db::{flash as rows, Db};
use crate::error::AppError;
use crate::model::FormFlash;

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
        rows::delete(&mut tx, &sha256_hex(old)).await?;
    }
    let new = rows::NewFlash {
        id_hash: &sha256_hex(&token),
        action: k.action,
        error: k.error,
        fields: &fields,
        created_at: now(),
        session_hash: k.session_hash,
    };
    rows::insert(&mut tx, &new).await?;
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
    let row = rows::take(db, &sha256_hex(token), now() - TTL_SECS, session_hash.unwrap_or("")).await?;
    Ok(row.map(|r| FormFlash {
        action: r.action,
        error: serde_json::from_str::<AppError>(&r.error).ok(),
        fields: serde_json::from_str(&r.fields).unwrap_or_default(),
    }))
}

/// Removes expired kept forms (through the index on `created_at`).
pub async fn sweep(db: &Db, at: i64) -> crate::error::AppResult<u64> {
    Ok(rows::sweep(db, at - TTL_SECS).await?)
}
