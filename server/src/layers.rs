//! Request layers: who is calling, same-origin writes, security headers, and
//! the no-JavaScript form fallback.
use app::error::AppError;
use app::server::{auth, cookie, flash, AppState, RequestCtx, FLASH_COOKIE, LANG_COOKIE};
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
            req.extensions_mut().insert(ctx);
            next.run(req).await
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

/// Refuses writes whose `Origin` (or, lacking it, `Referer`) is another site.
/// Together with SameSite=Lax cookies this stops cross-site form posts.
pub async fn same_origin(req: Request, next: Next) -> Response {
    if !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        let headers = req.headers();
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
        let source = headers
            .get(header::ORIGIN)
            .or_else(|| headers.get(header::REFERER))
            .and_then(|v| v.to_str().ok());
        if let Some(source) = source {
            if !same_host(source, host) {
                tracing::warn!(origin = source, "cross-origin write refused");
                return plain_page(
                    StatusCode::FORBIDDEN,
                    headers,
                    "Permintaan ditolak: formulir ini dikirim dari situs lain.",
                    "Request refused: this form was sent from another site.",
                );
            }
        }
    }
    next.run(req).await
}

/// A small page for refusals that happen before the app renders.
fn plain_page(status: StatusCode, headers: &HeaderMap, id: &str, en: &str) -> Response {
    let en_first = cookie(headers, LANG_COOKIE) == Some("en");
    let (lang, text) = if en_first { ("en", en) } else { ("id", id) };
    let body = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · Rembuk</title></head><body><main><h1>{}</h1><p>{text}</p><p><a href=\"/\">Rembuk</a></p></main></body></html>",
        status.as_u16(),
        status.as_u16()
    );
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

pub async fn security_headers(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let asset = path.starts_with("/pkg/") || path == "/boot.js" || path == "/favicon.svg";
    let mut res = next.run(req).await;
    let h = res.headers_mut();
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

/// The path (and query) of a same-site Referer, to send the person back to.
fn back_to(headers: &HeaderMap) -> String {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .filter(|r| same_host(r, host))
        .and_then(|r| r.splitn(4, '/').nth(3).map(|p| format!("/{p}")))
        .unwrap_or_else(|| "/".into())
}

const FIELD_KEEP_CHARS: usize = 100_000;

/// Server function errors leave leptos as 500s. Give each its real status
/// and, for a plain HTML form posted without JavaScript, keep the error and
/// what was typed server-side for one page view and send the person back to
/// the form (303 See Other), where both are shown.
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
    let fields: Vec<(String, String)> = form_urlencoded::parse(&bytes)
        .filter(|(k, _)| !k.contains("password"))
        .map(|(k, v)| (k.into_owned(), v.chars().take(FIELD_KEEP_CHARS).collect()))
        .collect();
    let action = parts.uri.path().to_owned();
    let back = back_to(&parts.headers);
    let secure = parts.extensions.get::<RequestCtx>().is_some_and(|c| c.secure);
    let res = next.run(Request::from_parts(parts, Body::from(bytes))).await;
    if !res.headers().contains_key("serverfnerror") {
        return res;
    }
    let error = to_bytes(res.into_body(), 64 * 1024).await.unwrap_or_default();
    let error = String::from_utf8_lossy(&error);
    match flash::store(&state.db, &action, &error, &fields).await {
        Ok(id) => {
            let secure = if secure { "; Secure" } else { "" };
            let cookie = format!("{FLASH_COOKIE}={id}; Path=/; Max-Age=600; HttpOnly; SameSite=Lax{secure}");
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
    }
}
