//! Database-backed sessions and sign-in throttling.
use super::{our_cookie, secrets::sha256_hex, time::now, AppState, Config, RequestCtx, LANG_COOKIE, SESSION_COOKIE};
use crate::db::{sessions, throttle};
use crate::domain::ids::UserId;
use crate::error::{AppError, AppResult};
use crate::model::Lang;
use rand::RngCore;

pub(crate) fn new_token() -> String {
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
        sessions::delete(&mut tx, old).await?;
    }
    sessions::delete_expired(&mut tx, UserId(user_id), t).await?;
    let new = sessions::NewSession {
        id_hash: &sha256_hex(&token),
        user_id: UserId(user_id),
        created_at: t,
        expires_at: t + state.config.session_days * 86_400,
    };
    sessions::insert(&mut tx, &new).await?;
    tx.commit().await?;
    Ok(token)
}

pub async fn end_session(state: &AppState, hash: &str) -> AppResult<()> {
    sessions::end(&state.db, hash).await?;
    Ok(())
}

/// Whether this request came over https: always with
/// `REMBUK_COOKIE_SECURE`, else as the trusted proxy says.
pub fn is_secure(cfg: &Config, headers: &http::HeaderMap) -> bool {
    cfg.cookie_secure
        || (cfg.trust_proxy > 0 && headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()) == Some("https"))
}

/// Works out who is calling and in which language, from the request headers.
/// A missing, malformed, unknown, expired or idle session simply means
/// "visitor".
pub async fn resolve(
    state: &AppState,
    headers: &http::HeaderMap,
    peer: Option<std::net::SocketAddr>,
) -> AppResult<RequestCtx> {
    let cfg = &state.config;
    let client = client_address(cfg, headers, peer);
    let secure = is_secure(cfg, headers);
    let cookie_lang = our_cookie(headers, LANG_COOKIE, secure).and_then(Lang::parse);
    let mut ctx = RequestCtx {
        lang: cookie_lang.unwrap_or_default(),
        client,
        secure,
        ..Default::default()
    };
    let Some(token) = our_cookie(headers, SESSION_COOKIE, secure).filter(|t| well_formed_token(t)) else {
        return Ok(ctx);
    };
    let hash = sha256_hex(token);
    let t = now();
    let idle = cfg.session_idle_days * 86_400;
    let active_since = if idle > 0 { t - idle } else { i64::MIN };
    if let Some((me, lang, last_seen)) = super::users::by_session(state, &hash, t, active_since).await? {
        // Written at most once per `touch` seconds (a write per page view
        // would queue every reader behind SQLite's one writer).
        let touch = (idle / 100).clamp(60, 3_600);
        if last_seen < t - touch {
            sessions::touch(&state.db, &hash, t).await?;
        }
        ctx.lang = lang;
        ctx.me = Some(me);
        ctx.session_hash = Some(hash);
    }
    Ok(ctx)
}

/// The client's address. Behind `trust_proxy` = N proxies, each of which
/// appends the address it saw to `X-Forwarded-For`, the client is the entry
/// N places from the right; the entries left of it are whatever the client
/// sent and are never read (a leftmost entry is the client's own claim). A
/// header with fewer entries names only addresses our proxies saw: its
/// leftmost one is then the farthest known.
fn client_address(cfg: &Config, headers: &http::HeaderMap, peer: Option<std::net::SocketAddr>) -> String {
    if cfg.trust_proxy > 0 {
        // Several headers are one list, in order.
        let entries: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect();
        let from_right = entries.len().saturating_sub(cfg.trust_proxy);
        if let Some(addr) = entries.get(from_right).and_then(|a| normal_address(a)) {
            return addr;
        }
    }
    peer.map(|p| p.ip().to_string()).unwrap_or_else(|| "unknown".into())
}

/// An address as proxies write it (`1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1`,
/// `[2001:db8::1]:5678`), in one canonical form; anything else is not one.
fn normal_address(a: &str) -> Option<String> {
    use std::net::{IpAddr, SocketAddr};
    a.parse::<IpAddr>()
        .or_else(|_| a.parse::<SocketAddr>().map(|s| s.ip()))
        .ok()
        .map(|ip| ip.to_canonical().to_string())
}

/// The throttle row of one account tried from one client address.
fn pair_key(account_key: &str, client: &str) -> String {
    format!("{account_key} {client}")
}

/// A day without attempts forgets an account's failures from a client.
const THROTTLE_MEMORY_SECS: i64 = 86_400;

/// Lets one password attempt for `account_key` from `client` through, or
/// refuses it with the wait. Counted before the password is checked, so a
/// burst of concurrent attempts cannot pass together (and refused ones cost
/// no Argon2 work):
///
/// - per account *and* client address: `max_failures_per_account` attempts
///   pass at once, then each waits a pause that doubles from one minute up
///   to `throttle_minutes`. Someone guessing elsewhere never delays the
///   owner signing in from their own address.
/// - per client address: `max_failures_per_client` within `throttle_minutes`
///   (a client guessing many accounts).
///
/// Call [`attempt_succeeded`] when the password was right; a wrong one stays
/// counted.
pub async fn begin_attempt(state: &AppState, account_key: &str, client: &str) -> AppResult<()> {
    let cfg = &state.config;
    let t = now();
    let longest = (cfg.throttle_minutes * 60).max(60);
    let first = 60.min(longest);
    let free = cfg.max_failures_per_account.max(1);
    let fresh_pause = if free <= 1 { first } else { 0 };
    let pair = pair_key(account_key, client);
    let mut tx = state.db.pool.begin().await?;
    let window = longest;
    if super::limits::count(&mut tx, &format!("c:{client}"), "signin", window, t).await? > cfg.max_failures_per_client {
        drop(tx);
        let wait = window - t.rem_euclid(window);
        return Err(AppError::Throttled { minutes: minutes(wait) });
    }
    let attempt = throttle::Attempt {
        key: &pair,
        at: t,
        forget_before: t - THROTTLE_MEMORY_SECS,
        free,
        first,
        longest,
        fresh_pause,
    };
    let let_through = throttle::attempt(&mut tx, &attempt).await?;
    if let_through.is_none() {
        // Rolled back: waiting does not count as trying.
        drop(tx);
        let next_at = throttle::next_at(&state.db, &pair).await?.unwrap_or(t);
        return Err(AppError::Throttled {
            minutes: minutes(next_at - t),
        });
    }
    tx.commit().await?;
    Ok(())
}

fn minutes(secs: i64) -> u32 {
    ((secs.max(1) + 59) / 60).clamp(1, u32::MAX as i64) as u32
}

/// The password was right: the account's failures from this client are
/// forgotten, and the attempt does not count against the client address.
pub async fn attempt_succeeded(state: &AppState, account_key: &str, client: &str) -> AppResult<()> {
    let t = now();
    let window = (state.config.throttle_minutes * 60).max(60);
    // Rows in the order `begin_attempt` takes them (client, then pair), so
    // that two transactions never wait for each other on PostgreSQL.
    let mut tx = state.db.pool.begin().await?;
    super::limits::uncount(&mut tx, &format!("c:{client}"), "signin", t - t.rem_euclid(window)).await?;
    throttle::forget(&mut tx, &pair_key(account_key, client)).await?;
    tx.commit().await?;
    Ok(())
}

/// Forgets pauses that ended more than a day ago; run by the sweep.
pub async fn sweep(db: &crate::db::Db, at: i64) -> AppResult<u64> {
    Ok(throttle::sweep(db, at - THROTTLE_MEMORY_SECS).await?)
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

    fn forwarded(hops: usize, values: &[&str]) -> String {
        let cfg = Config {
            trust_proxy: hops,
            ..Config::default()
        };
        let mut h = http::HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", http::HeaderValue::from_str(v).unwrap());
        }
        client_address(&cfg, &h, "192.0.2.9:4000".parse().ok())
    }

    #[test]
    fn the_client_is_the_address_the_trusted_proxies_added() {
        // No proxy trusted: the peer, whatever the header says.
        assert_eq!(forwarded(0, &["203.0.113.1"]), "192.0.2.9");
        // One proxy: the rightmost entry; the client's own entries on the
        // left are never read.
        assert_eq!(forwarded(1, &["203.0.113.1"]), "203.0.113.1");
        assert_eq!(forwarded(1, &["10.9.9.9, 203.0.113.1"]), "203.0.113.1");
        assert_eq!(forwarded(1, &["10.9.9.9", "203.0.113.1"]), "203.0.113.1");
        assert_eq!(forwarded(1, &["  10.9.9.9 ,203.0.113.1 "]), "203.0.113.1");
        // Two proxies: the second from the right.
        assert_eq!(forwarded(2, &["1.1.1.1, 203.0.113.1, 10.0.0.2"]), "203.0.113.1");
        // Fewer entries than proxies: only our proxies wrote them.
        assert_eq!(forwarded(2, &["203.0.113.1"]), "203.0.113.1");
        // Ports and brackets are the same address; junk is no address.
        assert_eq!(forwarded(1, &["203.0.113.1:5555"]), "203.0.113.1");
        assert_eq!(forwarded(1, &["[2001:db8::1]:443"]), "2001:db8::1");
        assert_eq!(forwarded(1, &["::ffff:203.0.113.1"]), "203.0.113.1");
        assert_eq!(forwarded(1, &["203.0.113.1, unknown"]), "192.0.2.9");
        assert_eq!(forwarded(1, &[]), "192.0.2.9");
    }
}
