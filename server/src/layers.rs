//! Request layers: who is calling, same-origin writes, security headers, and
//! the no-JavaScript form fallback.
use app::error::AppError;
use app::server::limits::{self, Write};
use app::server::{
    auth, cookie, cookie_header, flash, our_cookie, AppState, PageNonce, RequestCtx, FLASH_COOKIE, LANG_COOKIE,
    SESSION_COOKIE,
};
use axum::body::{to_bytes, Body};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;

pub async fn healthz(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok\n").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}

/// RFC 8058 one-click unsubscribe: a mail program POSTs to the link in an
/// email's `List-Unsubscribe` header. The link's signature is the proof, so
/// no session (nor origin) is asked for; emails of its kind stop.
pub async fn one_click_unsubscribe(
    State(state): State<AppState>,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Response {
    let get = |k: &str| q.get(k).map(String::as_str).unwrap_or("");
    match app::server::notify::unsubscribe(&state.db, get("u"), get("k"), get("s")).await {
        Ok(_) => (StatusCode::OK, "unsubscribed\n").into_response(),
        Err(AppError::Refused { .. }) => (StatusCode::BAD_REQUEST, "not a link we made\n").into_response(),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "try again later\n").into_response(),
    }
}

/// Looks up the session once per request and leaves a `RequestCtx` for the
/// pages and server functions. Static files skip it.
pub async fn session(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if path.starts_with("/pkg/") || path == "/healthz" || path == "/favicon.svg" {
        return next.run(req).await;
    }
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0);
    match auth::resolve(&state, req.headers(), peer).await {
        Ok(ctx) => {
            let permits = ctx.permits.clone();
            req.extensions_mut().insert(ctx);
            let res = next.run(req).await;
            // Writes that were refused or failed give their rate-limit
            // count back before the client hears of it.
            permits.refund_unspent(&state.db).await;
            res
        }
        Err(_) => plain_page(
            StatusCode::SERVICE_UNAVAILABLE,
            req.headers(),
            "Layanan sedang tidak tersedia. Coba lagi sebentar lagi.",
            "The service is unavailable right now. Please try again shortly.",
        ),
    }
}

fn same_host(url: &str, host: &str) -> bool {
    url.strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .and_then(|rest| rest.split('/').next())
        .is_some_and(|h| h.eq_ignore_ascii_case(host))
}

/// Refuses writes that another site may have sent: any the browser marks
/// `Sec-Fetch-Site: cross-site`, any whose `Origin` (or, lacking it,
/// `Referer`) is another site, and any that carries a session cookie but
/// neither header (browsers send one of them with every form post; a write
/// without both, riding on a signed-in person's cookie, is not one of ours).
/// Together with SameSite=Lax cookies this stops cross-site form posts.
pub async fn same_origin(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // One-click unsubscribe comes from mail programs, signed, sessionless.
    let one_click = *req.method() == Method::POST && req.uri().path() == "/unsubscribe";
    if !one_click && !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        if let Some(why) = cross_site_write(&state, req.headers()) {
            tracing::warn!(why, "cross-origin write refused");
            return plain_page(
                StatusCode::FORBIDDEN,
                req.headers(),
                "Permintaan ditolak: formulir ini dikirim dari situs lain.",
                "Request refused: this form was sent from another site.",
            );
        }
    }
    next.run(req).await
}

/// Why a write looks sent from another site, if it does.
fn cross_site_write(state: &AppState, headers: &HeaderMap) -> Option<&'static str> {
    if headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("cross-site") {
        return Some("sec-fetch-site: cross-site");
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    let source = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok());
    match source {
        Some(source) if !same_host(source, host) => Some("origin or referer of another site"),
        Some(_) => None,
        None => {
            let secure = auth::is_secure(&state.config, headers);
            our_cookie(headers, SESSION_COOKIE, secure)
                .is_some()
                .then_some("session cookie without origin or referer")
        }
    }
}

/// A small page for refusals that happen before the app renders.
pub(crate) fn plain_page(status: StatusCode, headers: &HeaderMap, id: &str, en: &str) -> Response {
    let lang = our_cookie(headers, LANG_COOKIE, true).or_else(|| cookie(headers, LANG_COOKIE));
    let en_first = lang == Some("en");
    let (lang, text) = if en_first { ("en", en) } else { ("id", id) };
    let body = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · Rembuk</title></head><body><main><h1>{}</h1><p>{text}</p><p><a href=\"/\">Rembuk</a></p></main></body></html>",
        status.as_u16(),
        status.as_u16()
    );
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

/// Security headers on every response. Pages get a Content-Security-Policy
/// with a fresh nonce, chosen here and handed to the render (see
/// [`app::server::provide_page_nonce`]): only our own script files and the
/// inline data Leptos writes for hydration (which carries the nonce) run.
pub async fn security_headers(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let asset = path.starts_with("/pkg/") || matches!(path, "/boot.js" | "/photos.js" | "/favicon.svg");
    let https = auth::is_secure(&state.config, req.headers());
    let nonce = (!asset).then(leptos::nonce::Nonce::new);
    if let Some(n) = &nonce {
        req.extensions_mut().insert(PageNonce(n.as_inner().clone()));
    }
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if let Some(n) = nonce {
        let tiles = state.config.map_origin().unwrap_or_default();
        let csp = format!(
            "default-src 'self'; script-src 'self' 'nonce-{n}' 'wasm-unsafe-eval'; style-src 'self' 'nonce-{n}'; \
             img-src 'self' data: {tiles}; connect-src 'self'; object-src 'none'; base-uri 'self'; \
             form-action 'self'; frame-ancestors 'none'"
        );
        if let (false, Ok(v)) = (
            h.contains_key(header::CONTENT_SECURITY_POLICY),
            HeaderValue::from_str(&csp),
        ) {
            h.insert(header::CONTENT_SECURITY_POLICY, v);
        }
    }
    // Served over https (cookies are Secure): browsers come back only over
    // https for a year, so no first plain request can be intercepted.
    if https && !h.contains_key(header::STRICT_TRANSPORT_SECURITY) {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    // Asset names carry no hash: revalidate (a cheap 304) rather than refetch.
    if asset && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    let defaults = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
        ),
    ];
    for (name, value) in defaults {
        if !h.contains_key(&name) {
            h.insert(name, HeaderValue::from_static(value));
        }
    }
    res
}

fn accepts_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// The path (and query) of a same-site Referer, to send the person back to;
/// only ever a path on this site (see [`app::domain::local_path`]).
fn back_to(headers: &HeaderMap) -> String {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .filter(|r| same_host(r, host))
        .and_then(|r| r.splitn(4, '/').nth(3).map(|p| format!("/{p}")))
        .and_then(|p| app::domain::local_path(&p))
        .unwrap_or_else(|| "/".into())
}

/// The form page with the areas its pickers held (fields named `…area_id`
/// with an id) in its query: the page reads the chosen area from there, so
/// a form that comes back without JavaScript shows the area that was sent.
fn with_area_choices(back: &str, fields: &[(String, String)]) -> String {
    let chosen: Vec<&(String, String)> = fields
        .iter()
        .filter(|(k, v)| {
            k.ends_with("area_id")
                && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                && !v.is_empty()
                && v.len() <= 19
                && v.bytes().all(|b| b.is_ascii_digit())
        })
        .collect();
    if chosen.is_empty() {
        return back.to_owned();
    }
    let (path, query) = back.split_once('?').unwrap_or((back, ""));
    let mut params: Vec<String> = query
        .split('&')
        .filter(|kv| !kv.is_empty() && !chosen.iter().any(|(k, _)| kv.split('=').next() == Some(k.as_str())))
        .map(str::to_owned)
        .collect();
    params.extend(chosen.iter().map(|(k, v)| format!("{k}={v}")));
    format!("{path}?{}", params.join("&"))
}

/// No form field is longer than a post's body: more is not kept.
const FIELD_KEEP_CHARS: usize = app::domain::BODY_MAX;
/// At most this much of a failed form is kept (a post's body of 20,000
/// characters of up to four bytes each, and the rest of its form).
const FLASH_KEEP_BYTES: usize = 96 * 1024;

/// The fields of a failed form to show again: never passwords, each at most
/// `FIELD_KEEP_CHARS`, together at most `FLASH_KEEP_BYTES` (fields beyond
/// that are left out).
fn fields_to_keep(body: &[u8]) -> Vec<(String, String)> {
    let mut total = 0;
    form_urlencoded::parse(body)
        .filter(|(k, _)| !k.contains("password"))
        .map(|(k, v)| {
            (
                k.chars().take(100).collect::<String>(),
                v.chars().take(FIELD_KEEP_CHARS).collect::<String>(),
            )
        })
        .take_while(|(k, v)| {
            total += k.len() + v.len();
            total <= FLASH_KEEP_BYTES
        })
        .collect()
}

/// Server function errors leave leptos as 500s. Give each its real status
/// and, for a plain HTML form posted without JavaScript, keep the error and
/// what was typed server-side for one page view and send the person back to
/// the form (303 See Other), where both are shown. A browser has one kept
/// form at a time, bound to its cookie and session; a client address keeps
/// at most `REMBUK_LIMIT_FLASHES` per window.
pub async fn server_fn_errors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() != Method::POST || !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    if !accepts_html(req.headers()) {
        let res = next.run(req).await;
        if !res.headers().contains_key("serverfnerror") {
            return res;
        }
        let (mut parts, body) = res.into_parts();
        let bytes = to_bytes(body, 64 * 1024).await.unwrap_or_default();
        if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
            parts.status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        }
        return Response::from_parts(parts, Body::from(bytes));
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, crate::BODY_LIMIT).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let fields = fields_to_keep(&bytes);
    let action = parts.uri.path().to_owned();
    let back = with_area_choices(&back_to(&parts.headers), &fields);
    let ctx = parts.extensions.get::<RequestCtx>().cloned().unwrap_or_default();
    let earlier = our_cookie(&parts.headers, FLASH_COOKIE, ctx.secure).map(str::to_owned);
    let headers = parts.headers.clone();
    let res = next.run(Request::from_parts(parts, Body::from(bytes))).await;
    if !res.headers().contains_key("serverfnerror") {
        return res;
    }
    let error = to_bytes(res.into_body(), 64 * 1024).await.unwrap_or_default();
    let error = String::from_utf8_lossy(&error);
    match limits::check(&state.db, &state.config.limits, None, &ctx.client, Write::Flash, None).await {
        Ok(_counted) => {}
        Err(AppError::RateLimited { .. }) => {
            return plain_page(
                StatusCode::TOO_MANY_REQUESTS,
                &headers,
                "Terlalu banyak formulir gagal dari alamat ini. Tunggu beberapa menit, lalu coba lagi.",
                "Too many failed forms from this address. Wait a few minutes, then try again.",
            )
        }
        Err(e) => {
            tracing::error!(error = ?e, "could not count a failed form");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    }
    let kept = flash::store(
        &state.db,
        flash::Kept {
            action: &action,
            error: &error,
            fields: &fields,
            session_hash: ctx.session_hash.as_deref(),
            replaces: earlier.as_deref(),
        },
    )
    .await;
    match kept {
        Ok(token) => {
            let cookie = cookie_header(FLASH_COOKIE, &token, flash::TTL_SECS, ctx.secure);
            let mut res = (StatusCode::SEE_OTHER, [(header::LOCATION, back)]).into_response();
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                res.headers_mut().insert(header::SET_COOKIE, v);
            }
            res
        }
        Err(e) => {
            tracing::error!(error = %e, "could not keep a failed form");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Counts an export of the decision record against the client address's
/// limit (`REMBUK_LIMIT_EXPORTS` per window); over it, 429 with the wait.
pub async fn export_limit(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let client = req
        .extensions()
        .get::<RequestCtx>()
        .map(|c| c.client.clone())
        .unwrap_or_default();
    match limits::check(&state.db, &state.config.limits, None, &client, Write::Export, None).await {
        Ok(_counted) => next.run(req).await,
        Err(AppError::RateLimited { seconds }) => {
            let mut res = plain_page(
                StatusCode::TOO_MANY_REQUESTS,
                req.headers(),
                "Terlalu banyak unduhan dari alamat ini. Tunggu beberapa menit, lalu coba lagi.",
                "Too many downloads from this address. Wait a few minutes, then try again.",
            );
            if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
            res
        }
        Err(e) => {
            tracing::error!(error = ?e, "could not count an export");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_host_compares_only_the_authority() {
        assert!(same_host("http://127.0.0.1:3000", "127.0.0.1:3000"));
        assert!(same_host("https://rembuk.example/area/1", "rembuk.example"));
        assert!(!same_host("http://evil.example", "rembuk.example"));
        assert!(!same_host("http://rembuk.example.evil.example/", "rembuk.example"));
        assert!(!same_host("null", "rembuk.example"));
    }

    #[test]
    fn a_form_comes_back_with_its_chosen_area() {
        let f = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        assert_eq!(
            with_area_choices("/register", &[f("home_area_id", "12"), f("username", "x")]),
            "/register?home_area_id=12"
        );
        assert_eq!(
            with_area_choices("/new?area_id=3&x=1", &[f("area_id", "9")]),
            "/new?x=1&area_id=9"
        );
        assert_eq!(with_area_choices("/new", &[f("area_id", "9&evil=1")]), "/new");
        assert_eq!(with_area_choices("/new", &[f("area_id", "")]), "/new");
    }

    #[test]
    fn back_to_stays_on_this_site() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("r.example"));
        h.insert(
            header::REFERER,
            HeaderValue::from_static("http://r.example/signin?next=%2Fadmin"),
        );
        assert_eq!(back_to(&h), "/signin?next=%2Fadmin");
        h.insert(header::REFERER, HeaderValue::from_static("http://evil.example/x"));
        assert_eq!(back_to(&h), "/");
        h.insert(header::REFERER, HeaderValue::from_static("http://r.example"));
        assert_eq!(back_to(&h), "/");
        // A path of this site that a browser would read as another site.
        for hostile in [
            "http://r.example//evil.example/x",
            "http://r.example/\\evil.example",
            "http://r.example/%2F/evil.example",
            "http://r.example/%09/evil.example",
        ] {
            h.insert(header::REFERER, HeaderValue::from_static(hostile));
            assert_eq!(back_to(&h), "/", "{hostile}");
        }
    }

    #[test]
    fn kept_fields_are_bounded_and_never_passwords() {
        let big = "x".repeat(30_000);
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs([
                ("password", "rahasia"),
                ("a", big.as_str()),
                ("b", &big),
                ("c", &big),
                ("d", &big),
                ("e", &big),
            ])
            .finish();
        let kept = fields_to_keep(body.as_bytes());
        assert!(kept
            .iter()
            .all(|(k, v)| k != "password" && v.chars().count() <= FIELD_KEEP_CHARS));
        let total: usize = kept.iter().map(|(k, v)| k.len() + v.len()).sum();
        assert!(
            total <= FLASH_KEEP_BYTES && kept.len() == 4,
            "{total} in {}",
            kept.len()
        );
    }
}
