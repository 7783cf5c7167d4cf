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
        trust_proxy: proxy_hops()?,
        session_days: number("REMBUK_SESSION_DAYS", d.session_days)?,
        session_idle_days: number("REMBUK_SESSION_IDLE_DAYS", d.session_idle_days)?.max(0),
        max_failures_per_account: number("REMBUK_SIGNIN_MAX_FAILURES", d.max_failures_per_account)?,
        max_failures_per_client: number("REMBUK_SIGNIN_MAX_FAILURES_PER_CLIENT", d.max_failures_per_client)?,
        throttle_minutes: number("REMBUK_SIGNIN_THROTTLE_MINUTES", d.throttle_minutes)?,
        limits: limits()?,
        smtp_url: std::env::var("REMBUK_SMTP_URL").ok().filter(|u| !u.trim().is_empty()),
        mail_from: std::env::var("REMBUK_MAIL_FROM").unwrap_or(d.mail_from),
        public_url: std::env::var("REMBUK_PUBLIC_URL")
            .map(|u| u.trim_end_matches('/').to_owned())
            .unwrap_or(d.public_url),
        email_link_hours: number("REMBUK_EMAIL_LINK_HOURS", d.email_link_hours)?.clamp(1, 24 * 14),
        reset_minutes: number("REMBUK_RESET_MINUTES", d.reset_minutes)?.clamp(5, 24 * 60),
        digest_hour: number("REMBUK_DIGEST_HOUR", d.digest_hour)?.clamp(0, 23),
        photo_dir: std::env::var("REMBUK_PHOTO_DIR")
            .ok()
            .filter(|d| !d.trim().is_empty())
            .map(std::path::PathBuf::from),
        map_tiles: map_tiles(std::env::var("REMBUK_MAP_TILES").ok().as_deref())?,
        map_attribution: std::env::var("REMBUK_MAP_ATTRIBUTION")
            .ok()
            .filter(|a| !a.trim().is_empty())
            .unwrap_or(d.map_attribution),
    })
}

/// `REMBUK_MAP_TILES`: a tile address template, or `off` for no map.
fn map_tiles(v: Option<&str>) -> Result<Option<String>, String> {
    let v = match v.map(str::trim) {
        None | Some("") => return Ok(Some(app::server::OSM_TILES.to_owned())),
        Some("off" | "no" | "none" | "0") => return Ok(None),
        Some(v) => v,
    };
    let host = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"))
        .and_then(|rest| rest.split('/').next())
        .unwrap_or("");
    let sound = !host.is_empty()
        && ["{z}", "{x}", "{y}"].iter().all(|p| v.contains(p))
        && v.bytes()
            .all(|b| b.is_ascii_graphic() && !matches!(b, b'"' | b'\'' | b'<' | b'>' | b';'));
    if sound {
        Ok(Some(v.to_owned()))
    } else {
        Err(format!(
            "REMBUK_MAP_TILES must be an http(s) address with {{z}}, {{x}} and {{y}}, or off; got {v:?}"
        ))
    }
}

/// `REMBUK_TRUST_PROXY`: how many proxies append to `X-Forwarded-For` in
/// front of the servers (`yes`/`true` mean one, as `1` does).
fn proxy_hops() -> Result<usize, String> {
    match std::env::var("REMBUK_TRUST_PROXY").as_deref().map(str::trim) {
        Err(_) | Ok("" | "no" | "false") => Ok(0),
        Ok("yes" | "true") => Ok(1),
        Ok(n) => n
            .parse::<usize>()
            .ok()
            .filter(|n| *n <= 10)
            .ok_or_else(|| format!("REMBUK_TRUST_PROXY must be the number of proxies (0 to 10), got {n:?}")),
    }
}

/// Write rate limits: `REMBUK_LIMIT_*` (README: "Rate limits").
fn limits() -> Result<app::server::limits::Limits, String> {
    let d = app::server::limits::Limits::default();
    let positive = |name: &str, default: i64| number(name, default).map(|n| n.max(1));
    Ok(app::server::limits::Limits {
        window_secs: positive("REMBUK_LIMIT_WINDOW_SECS", d.window_secs)?,
        new_account_secs: number("REMBUK_LIMIT_NEW_ACCOUNT_SECS", d.new_account_secs)?.max(0),
        posts: positive("REMBUK_LIMIT_POSTS", d.posts)?,
        posts_new: positive("REMBUK_LIMIT_POSTS_NEW", d.posts_new)?,
        flags: positive("REMBUK_LIMIT_FLAGS", d.flags)?,
        flags_new: positive("REMBUK_LIMIT_FLAGS_NEW", d.flags_new)?,
        supports: positive("REMBUK_LIMIT_SUPPORTS", d.supports)?,
        supports_new: positive("REMBUK_LIMIT_SUPPORTS_NEW", d.supports_new)?,
        other: positive("REMBUK_LIMIT_OTHER", d.other)?,
        other_new: positive("REMBUK_LIMIT_OTHER_NEW", d.other_new)?,
        client_factor: positive("REMBUK_LIMIT_CLIENT_FACTOR", d.client_factor)?,
        registrations_per_hour: positive("REMBUK_LIMIT_REGISTRATIONS_PER_HOUR", d.registrations_per_hour)?,
        duplicate_secs: number("REMBUK_LIMIT_DUPLICATE_SECS", d.duplicate_secs)?.max(0),
        searches: positive("REMBUK_LIMIT_SEARCHES", d.searches)?,
        exports: positive("REMBUK_LIMIT_EXPORTS", d.exports)?,
        flashes: positive("REMBUK_LIMIT_FLASHES", d.flashes)?,
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

#[cfg(test)]
mod tests {
    #[test]
    fn map_tiles_are_openstreetmap_by_default_off_on_request_and_checked() {
        let osm = Some(app::server::OSM_TILES.to_owned());
        assert_eq!(super::map_tiles(None), Ok(osm.clone()));
        assert_eq!(super::map_tiles(Some(" ")), Ok(osm));
        assert_eq!(super::map_tiles(Some("off")), Ok(None));
        let own = "https://peta.example.go.id:8443/tiles/{z}/{x}/{y}.png";
        assert_eq!(super::map_tiles(Some(own)), Ok(Some(own.to_owned())));
        for bad in [
            "tile.example/{z}/{x}/{y}.png",
            "https://tile.example/{z}/{x}.png",
            "https:///{z}/{x}/{y}",
            "https://a.example/{z}/{x}/{y}.png; script-src *",
            "javascript:{z}{x}{y}",
        ] {
            assert!(super::map_tiles(Some(bad)).is_err(), "{bad}");
        }
        let c = app::server::Config {
            map_tiles: Some(own.to_owned()),
            ..Default::default()
        };
        assert_eq!(c.map_origin(), Some("https://peta.example.go.id:8443"));
    }
}
