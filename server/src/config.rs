//! Configuration from environment variables; every one has a default, listed
//! in the README.
use app::server::Config;
use leptos::config::LeptosOptions;
use std::net::SocketAddr;

fn flag(name: &str) -> bool {
    matches!(std::env::var(name).as_deref(), Ok("1" | "true" | "yes"))
}

fn number(name: &str, default: i64) -> Result<i64, String> {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .parse()
            .map_err(|_| format!("{name} must be a whole number, got {v:?}")),
        Err(_) => Ok(default),
    }
}

pub fn from_env() -> Result<Config, String> {
    let d = Config::default();
    Ok(Config {
        database_url: std::env::var("DATABASE_URL").unwrap_or(d.database_url),
        database_max_connections: match std::env::var("DATABASE_MAX_CONNECTIONS") {
            Ok(_) => Some(number("DATABASE_MAX_CONNECTIONS", 0)?.clamp(1, 1000) as u32),
            Err(_) => None,
        },
        cookie_secure: flag("REMBUK_COOKIE_SECURE"),
        trust_proxy: flag("REMBUK_TRUST_PROXY"),
        session_days: number("REMBUK_SESSION_DAYS", d.session_days)?,
        max_failures_per_account: number("REMBUK_SIGNIN_MAX_FAILURES", d.max_failures_per_account)?,
        max_failures_per_client: number("REMBUK_SIGNIN_MAX_FAILURES_PER_CLIENT", d.max_failures_per_client)?,
        throttle_minutes: number("REMBUK_SIGNIN_THROTTLE_MINUTES", d.throttle_minutes)?,
    })
}

/// Leptos' own settings: from cargo-leptos' variables when it built or runs
/// us, else the project's defaults (`LEPTOS_SITE_ADDR` is honoured either way).
pub fn leptos_options() -> Result<LeptosOptions, String> {
    let built_by_cargo_leptos =
        std::env::var("LEPTOS_OUTPUT_NAME").is_ok() || option_env!("LEPTOS_OUTPUT_NAME").is_some();
    if built_by_cargo_leptos {
        return leptos::config::get_configuration(None)
            .map(|c| c.leptos_options)
            .map_err(|e| e.to_string());
    }
    let addr: SocketAddr = std::env::var("LEPTOS_SITE_ADDR")
        .unwrap_or_else(|_| "127.0.0.1:3000".into())
        .parse()
        .map_err(|e| format!("LEPTOS_SITE_ADDR: {e}"))?;
    Ok(LeptosOptions::builder()
        .output_name("rembuk")
        .site_root(std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into()))
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .build())
}
