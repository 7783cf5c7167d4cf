//! A failed form post without JavaScript is redirected back to its page; the
//! error and what the person typed wait here for that one next page view.
use super::{db::Db, time::now};
use crate::error::AppError;
use crate::model::FormFlash;
use sqlx::Row;

const TTL_SECS: i64 = 600;

pub async fn store(db: &Db, action: &str, error: &str, fields: &[(String, String)]) -> Result<String, sqlx::Error> {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let id = hex::encode(bytes);
    let fields = serde_json::to_string(fields).unwrap_or_else(|_| "[]".into());
    let t = now();
    let mut tx = db.pool.begin().await?;
    sqlx::query("DELETE FROM form_flash WHERE created_at < $1")
        .bind(t - TTL_SECS)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO form_flash (id, action, error, fields, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(&id)
        .bind(action)
        .bind(error)
        .bind(fields)
        .bind(t)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// Reads and removes the flash named by the cookie value.
pub async fn take(db: &Db, id: &str) -> Result<Option<FormFlash>, sqlx::Error> {
    if id.len() != 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let row = sqlx::query("DELETE FROM form_flash WHERE id = $1 AND created_at > $2 RETURNING action, error, fields")
        .bind(id)
        .bind(now() - TTL_SECS)
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
