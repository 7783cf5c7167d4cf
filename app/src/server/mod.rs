//! Server-only code: state, database, sessions, demo data.
pub mod areas;
pub mod auth;
pub mod cache;
pub mod complaints;
pub mod corrections;
pub mod dashboard;
pub mod db;
pub mod flash;
pub mod forums;
pub mod limits;
pub mod markdown;
pub mod moderation;
pub mod proposals;
pub mod record;
pub mod seed;
pub mod skm;
pub mod time;
pub mod users;

use crate::error::{AppError, AppResult};
use crate::model::{Lang, Me};
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// Settings read once at start-up.
#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    /// Most database connections this server opens (default: by cores).
    pub database_max_connections: Option<u32>,
    /// Mark cookies `Secure` (set when served behind https).
    pub cookie_secure: bool,
    /// Believe `X-Forwarded-For` / `X-Forwarded-Proto` from a load balancer.
    pub trust_proxy: bool,
    pub session_days: i64,
    /// Failed sign-ins per account within `throttle_minutes` before a pause.
    pub max_failures_per_account: i64,
    /// Failed sign-ins per client address within `throttle_minutes`.
    pub max_failures_per_client: i64,
    pub throttle_minutes: i64,
    /// Write rate limits (README: "Rate limits").
    pub limits: limits::Limits,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: "sqlite://data/rembuk.db".into(),
            database_max_connections: None,
            cookie_secure: false,
            trust_proxy: false,
            session_days: 30,
            max_failures_per_account: 5,
            max_failures_per_client: 30,
            throttle_minutes: 15,
            limits: limits::Limits::default(),
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: db::Db,
    pub config: Arc<Config>,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// What the request middleware learned about the caller, once per request.
#[derive(Debug, Clone, Default)]
pub struct RequestCtx {
    pub me: Option<Me>,
    pub lang: Lang,
    /// SHA-256 (hex) of the presented session id, when it was valid.
    pub session_hash: Option<String>,
    pub client: String,
    pub secure: bool,
}

pub fn state() -> AppResult<AppState> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

pub fn request_ctx() -> RequestCtx {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<RequestCtx>().cloned())
        .unwrap_or_default()
}

pub fn response() -> Option<leptos_axum::ResponseOptions> {
    leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
}

/// While a page is being rendered on the server, a failed read decides the
/// response before any HTML leaves: its status, or for a visitor on a page
/// that needs an account, a redirect to sign in. (Set here, in the resource,
/// rather than in the view, so it cannot race the streamed response.)
pub fn for_page<T>(result: AppResult<T>) -> AppResult<T> {
    if let Err(e) = &result {
        let parts = leptos::prelude::use_context::<http::request::Parts>();
        if let (Some(parts), Some(res)) = (parts, response()) {
            let path = parts.uri.path();
            if !path.starts_with("/api/") {
                if *e == AppError::NotSignedIn {
                    let here = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
                    leptos_axum::redirect(&format!("/signin?next={}", crate::components::status::urlencode(here)));
                } else if let Ok(status) = http::StatusCode::from_u16(e.status()) {
                    res.set_status(status);
                }
            }
        }
    }
    result
}

/// Adds a `Set-Cookie` header to the current response.
pub fn set_cookie(name: &str, value: &str, max_age_secs: i64) {
    let ctx = request_ctx();
    let secure = if ctx.secure { "; Secure" } else { "" };
    let cookie = format!("{name}={value}; Path=/; Max-Age={max_age_secs}; HttpOnly; SameSite=Lax{secure}");
    if let (Some(res), Ok(v)) = (response(), http::HeaderValue::from_str(&cookie)) {
        res.append_header(http::header::SET_COOKIE, v);
    }
}

/// Reads one cookie from a request's headers.
pub fn cookie<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

pub const SESSION_COOKIE: &str = "rembuk_session";
pub const LANG_COOKIE: &str = "rembuk_lang";
pub const FLASH_COOKIE: &str = "rembuk_flash";
