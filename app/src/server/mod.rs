//! Server-only code: state, database, sessions, demo data.
pub mod agencies;
pub mod area_import;
pub mod area_settings;
pub mod areas;
pub mod auth;
pub mod cache;
pub mod complaints;
pub mod correct;
pub mod dashboard;
pub mod deadlines;
pub mod desk;
pub mod flash;
pub mod forums;
pub mod hooks;
pub mod limits;
pub mod mail;
pub mod markdown;
pub mod memo;
pub mod moderation;
pub mod musrenbang;
pub mod notify;
pub mod photos;
pub mod proposals;
pub mod record;
pub mod secrets;
pub mod seed;
pub mod sweep;
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
    /// Mark cookies `Secure` and name them `__Host-…` (served over https).
    pub cookie_secure: bool,
    /// How many proxies (load balancers) stand in front of the servers:
    /// each appends the address it saw to `X-Forwarded-For`, so the client
    /// is the entry this many places from the right (what the client wrote
    /// itself stays on the left, unread). 0: no proxy, the peer address.
    pub trust_proxy: usize,
    pub session_days: i64,
    /// A session not used for this many days ends (0: only `session_days`).
    pub session_idle_days: i64,
    /// Failed sign-ins per account from one client address before each
    /// further attempt waits (1, 2, 4… minutes up to `throttle_minutes`).
    pub max_failures_per_account: i64,
    /// Failed sign-ins per client address within `throttle_minutes`.
    pub max_failures_per_client: i64,
    pub throttle_minutes: i64,
    /// Write rate limits (README: "Rate limits").
    pub limits: limits::Limits,
    /// Where email leaves (`smtps://user:pass@host`, or `smtp://…?tls=required`
    /// for STARTTLS); none: messages wait in the outbox.
    pub smtp_url: Option<String>,
    /// The sender of every email, e.g. `Rembuk Kota Denpasar <rembuk@…>`.
    pub mail_from: String,
    /// The site's address as people reach it, for links in email.
    pub public_url: String,
    /// Hours a link sent by email stays good.
    pub email_link_hours: i64,
    /// Minutes a password reset link stays good.
    pub reset_minutes: i64,
    /// The local hour (0-23, each person's home zone) daily digests go out.
    pub digest_hour: i64,
    /// Where photos are kept as files; none: in the database.
    pub photo_dir: Option<std::path::PathBuf>,
    /// Map tiles for picking a point (`https://…/{z}/{x}/{y}.png`); none:
    /// no map, only the fields and "use my location".
    pub map_tiles: Option<String>,
    /// The tiles' credit, shown on the map.
    pub map_attribution: String,
}

/// The default map: OpenStreetMap's own tiles, fetched by the browser only
/// once a person opens the map.
pub const OSM_TILES: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

impl Config {
    /// The origin (`https://host[:port]`) the map's tiles come from, for
    /// the pages' Content-Security-Policy.
    pub fn map_origin(&self) -> Option<&str> {
        let t = self.map_tiles.as_deref()?;
        let rest = t.split_once("://")?.1;
        let end = t.len() - rest.len() + rest.find('/').unwrap_or(rest.len());
        Some(&t[..end])
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: "sqlite://data/rembuk.db".into(),
            database_max_connections: None,
            cookie_secure: false,
            trust_proxy: 0,
            session_days: 30,
            session_idle_days: 7,
            max_failures_per_account: 5,
            max_failures_per_client: 30,
            throttle_minutes: 15,
            limits: limits::Limits::default(),
            smtp_url: None,
            mail_from: "Rembuk <rembuk@localhost>".into(),
            public_url: "http://127.0.0.1:3000".into(),
            email_link_hours: 48,
            reset_minutes: 60,
            digest_hour: 7,
            photo_dir: None,
            map_tiles: Some(OSM_TILES.into()),
            map_attribution: "© OpenStreetMap contributors".into(),
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: crate::db::Db,
    pub config: Arc<Config>,
    /// What this server keeps in memory (areas, categories, thread pages).
    pub caches: Arc<cache::Caches>,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The site's style sheet, written into every page's `<head>` so the first
/// paint waits on no second request (on a slow mobile link each request costs
/// a round trip of half a second). Comments and line breaks are dropped; the
/// policy admits it by the page's nonce.
pub fn page_style() -> &'static str {
    static STYLE: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| minify_css(include_str!("../../../style/main.css")));
    &STYLE
}

fn minify_css(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut rest = src;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .find("*/")
            .map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// This response's script nonce, chosen by the security-headers layer,
/// which also writes it into the response's Content-Security-Policy.
#[derive(Debug, Clone)]
pub struct PageNonce(pub Arc<str>);

/// Hands the layer's nonce to the render, in place of one Leptos would make
/// up (and which only a header set during the render would name): the
/// policy and the page's scripts carry the same nonce whatever way the page
/// was rendered.
pub fn provide_page_nonce() {
    let nonce =
        leptos::prelude::use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<PageNonce>().cloned());
    if let Some(PageNonce(n)) = nonce {
        leptos::prelude::provide_context(leptos::nonce::Nonce::from_value(n));
    }
}

#[cfg(test)]
mod style_tests {
    #[test]
    fn the_inline_style_keeps_every_rule_and_drops_comments() {
        let s = super::page_style();
        assert!(!s.contains("/*") && !s.contains('\n'), "{s}");
        assert_eq!(s.matches('{').count(), s.matches('}').count());
        assert!(s.contains("leptos-island { display: contents; }"), "{s}");
        // Attribute selectors unquoted (`[rel=next]`): markup such as
        // `rel="next"` is then found in a page's body only, not its style.
        assert!(!s.contains("=\""), "{s}");
        assert_eq!(
            super::minify_css("a /* x */ {\n  b: \"S U\";\n}/* y"),
            "a { b: \"S U\"; }"
        );
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
    /// Rate-limit permits taken while serving this request; those not spent
    /// on a write that succeeded are handed back when the response leaves.
    pub permits: limits::Held,
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
pub fn for_page<T: serde::Serialize>(result: AppResult<T>) -> AppResult<T> {
    memo::record(&result);
    if let Err(e) = &result {
        let parts = leptos::prelude::use_context::<http::request::Parts>();
        if let (Some(parts), Some(res)) = (parts, response()) {
            let path = parts.uri.path();
            if !path.starts_with("/api/") {
                if *e == AppError::NotSignedIn {
                    let here = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
                    leptos_axum::redirect(&format!("/signin?next={}", crate::domain::urlencode(here)));
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
    let cookie = cookie_header(name, value, max_age_secs, ctx.secure);
    if let (Some(res), Ok(v)) = (response(), http::HeaderValue::from_str(&cookie)) {
        res.append_header(http::header::SET_COOKIE, v);
    }
}

/// A cookie's name on the wire: over https `__Host-` + name, which browsers
/// accept only with `Secure`, `Path=/` and no `Domain`, so neither plain
/// http nor a sibling subdomain can plant or overwrite it.
pub fn cookie_name(name: &str, secure: bool) -> std::borrow::Cow<'_, str> {
    if secure {
        format!("__Host-{name}").into()
    } else {
        name.into()
    }
}

/// A `Set-Cookie` value for one of Rembuk's cookies (`name` unprefixed).
pub fn cookie_header(name: &str, value: &str, max_age_secs: i64, secure: bool) -> String {
    let attrs = if secure { "; Secure" } else { "" };
    let name = cookie_name(name, secure);
    format!("{name}={value}; Path=/; Max-Age={max_age_secs}; HttpOnly; SameSite=Lax{attrs}")
}

/// Reads one of Rembuk's cookies (`name` unprefixed) as this request's
/// scheme names it.
pub fn our_cookie<'a>(headers: &'a http::HeaderMap, name: &str, secure: bool) -> Option<&'a str> {
    cookie(headers, &cookie_name(name, secure))
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
