//! Passwords (Argon2id), database-backed sessions and sign-in throttling.
use super::{cookie, time::now, AppState, Config, RequestCtx, LANG_COOKIE, SESSION_COOKIE};
use crate::error::{AppError, AppResult};
use crate::model::Lang;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::RngCore;
use sha2::{Digest, Sha256};

pub async fn hash_password(password: String) -> AppResult<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|_| AppError::Internal)?
    .map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        AppError::Internal
    })
}

/// Verifies against the stored hash; with no stored hash, still spends the
/// same time so that unknown usernames cannot be told apart by timing.
pub async fn verify_password(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let (hash, real) = match stored {
            Some(s) => (s, true),
            None => (decoy_hash(), false),
        };
        let ok = PasswordHash::new(&hash)
            .map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
            .unwrap_or(false);
        ok && real
    })
    .await
    .unwrap_or(false)
}

fn decoy_hash() -> String {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY
        .get_or_init(|| {
            let salt = SaltString::generate(&mut OsRng);
            Argon2::default()
                .hash_password(b"no such account", &salt)
                .map(|h| h.to_string())
                .unwrap_or_default()
        })
        .clone()
}

pub fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// A session cookie value is 64 lowercase hex digits; anything else is ignored.
fn well_formed_token(t: &str) -> bool {
    t.len() == 64 && t.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Creates a session for `user_id`, ending `old_hash` if the browser had one
/// (the id is rotated at every sign-in), and returns the new cookie value.
pub async fn start_session(state: &AppState, user_id: i64, old_hash: Option<&str>) -> AppResult<String> {
    let token = new_token();
    let t = now();
    let mut tx = state.db.pool.begin().await?;
    if let Some(old) = old_hash {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(old)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2")
        .bind(user_id)
        .bind(t)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(sha256_hex(&token))
        .bind(user_id)
        .bind(t)
        .bind(t + state.config.session_days * 86_400)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(token)
}

pub async fn end_session(state: &AppState, hash: &str) -> AppResult<()> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
        .bind(hash)
        .execute(&state.db.pool)
        .await?;
    Ok(())
}

/// Works out who is calling and in which language, from the request headers.
/// A missing, malformed, unknown or expired session simply means "visitor".
pub async fn resolve(
    state: &AppState,
    headers: &http::HeaderMap,
    peer: Option<std::net::SocketAddr>,
) -> AppResult<RequestCtx> {
    let cfg = &state.config;
    let client = client_address(cfg, headers, peer);
    let secure = cfg.cookie_secure
        || (cfg.trust_proxy && headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()) == Some("https"));
    let cookie_lang = cookie(headers, LANG_COOKIE).and_then(Lang::parse);
    let mut ctx = RequestCtx {
        lang: cookie_lang.unwrap_or_default(),
        client,
        secure,
        ..Default::default()
    };
    let Some(token) = cookie(headers, SESSION_COOKIE).filter(|t| well_formed_token(t)) else {
        return Ok(ctx);
    };
    let hash = sha256_hex(token);
    if let Some((me, lang)) = super::users::by_session(&state.db, &hash, now()).await? {
        ctx.lang = lang;
        ctx.me = Some(me);
        ctx.session_hash = Some(hash);
    }
    Ok(ctx)
}

fn client_address(cfg: &Config, headers: &http::HeaderMap, peer: Option<std::net::SocketAddr>) -> String {
    if cfg.trust_proxy {
        let forwarded = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty());
        if let Some(f) = forwarded {
            return f;
        }
    }
    peer.map(|p| p.ip().to_string()).unwrap_or_else(|| "unknown".into())
}

/// Refuses a sign-in while the account or the client has failed too often
/// recently. Returns the minutes to wait.
pub async fn check_throttle(state: &AppState, account_key: &str, client: &str) -> AppResult<()> {
    let cfg = &state.config;
    let since = now() - cfg.throttle_minutes * 60;
    for (key, limit) in [
        (format!("account:{account_key}"), cfg.max_failures_per_account),
        (format!("client:{client}"), cfg.max_failures_per_client),
    ] {
        let row: (i64, Option<i64>) =
            sqlx::query_as("SELECT COUNT(*), MIN(at) FROM login_failures WHERE key = $1 AND at > $2")
                .bind(&key)
                .bind(since)
                .fetch_one(&state.db.pool)
                .await?;
        if row.0 >= limit {
            let oldest = row.1.unwrap_or(since);
            let wait = (oldest + cfg.throttle_minutes * 60 - now()).max(60);
            return Err(AppError::Throttled {
                minutes: ((wait + 59) / 60) as u32,
            });
        }
    }
    Ok(())
}

pub async fn record_failure(state: &AppState, account_key: &str, client: &str) -> AppResult<()> {
    let t = now();
    let mut tx = state.db.pool.begin().await?;
    for key in [format!("account:{account_key}"), format!("client:{client}")] {
        sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2)")
            .bind(key)
            .bind(t)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM login_failures WHERE at < $1")
        .bind(t - 86_400)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn clear_failures(state: &AppState, account_key: &str) -> AppResult<()> {
    sqlx::query("DELETE FROM login_failures WHERE key = $1")
        .bind(format!("account:{account_key}"))
        .execute(&state.db.pool)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_well_formed_tokens_are_looked_up() {
        assert!(well_formed_token(&new_token()));
        assert!(!well_formed_token("abc"));
        assert!(!well_formed_token(&"Z".repeat(64)));
        assert!(!well_formed_token(&format!("{}'--", "a".repeat(61))));
    }

    #[tokio::test]
    async fn argon2id_round_trip() {
        let h = hash_password("pasar-badung".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("pasar-badung".into(), Some(h.clone())).await);
        assert!(!verify_password("pasar-badunG".into(), Some(h)).await);
        assert!(!verify_password("no such account".into(), None).await);
    }
}
