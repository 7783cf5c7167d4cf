//! Visitors' thread, area and proposal pages, sent as last rendered while
//! the data they show is unchanged (see [`app::server::memo`], which says
//! when a page is the same). Signed-in people, and visitors with a kept
//! form, always get a fresh render.
use app::api::visitor;
use app::server::memo::{Reads, Recorder};
use app::server::{our_cookie, AppState, PageNonce, RequestCtx, FLASH_COOKIE};
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use memchr::memmem;
use std::sync::Arc;

/// About this much of memory holds kept pages, per server.
const BUDGET: usize = 32 << 20;
/// A page larger than this is not kept.
const KEEP_LIMIT: usize = 1 << 20;

/// Says on a kept page whether it was sent as kept (`hit`) or rendered
/// (`miss`), for whoever runs the site (and its tests).
pub const CACHE_HEADER: &str = "x-rembuk-cache";

/// A page by language, whether served over https, whether the site shows
/// demo data, and address.
type Key = (app::model::Lang, bool, bool, String);

/// The kept pages, each with the reads it was rendered from.
pub struct Pages(app::server::cache::Versioned<Key, Page, Reads>);

impl Default for Pages {
    fn default() -> Self {
        Pages(app::server::cache::Versioned::new(BUDGET))
    }
}

/// A rendered page with its nonce taken out.
pub struct Page {
    headers: HeaderMap,
    html: Vec<u8>,
    /// Where the nonce stood in `html`, in order.
    nonce_at: Vec<usize>,
}

impl Page {
    fn new(headers: HeaderMap, page: &[u8], nonce: &str) -> Page {
        let mut html = Vec::with_capacity(page.len());
        let mut nonce_at = Vec::new();
        let mut from = 0;
        for at in memmem::find_iter(page, nonce.as_bytes()) {
            html.extend_from_slice(&page[from..at]);
            nonce_at.push(html.len());
            from = at + nonce.len();
        }
        html.extend_from_slice(&page[from..]);
        Page {
            headers,
            html,
            nonce_at,
        }
    }

    /// The page with `nonce` where the render's stood.
    fn with_nonce(&self, nonce: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.html.len() + self.nonce_at.len() * nonce.len());
        let mut from = 0;
        for &at in &self.nonce_at {
            out.extend_from_slice(&self.html[from..at]);
            out.extend_from_slice(nonce.as_bytes());
            from = at;
        }
        out.extend_from_slice(&self.html[from..]);
        out
    }

    fn response(&self, nonce: &str) -> Response {
        let mut res = Body::from(self.with_nonce(nonce)).into_response();
        *res.headers_mut() = self.headers.clone();
        res.headers_mut().insert(CACHE_HEADER, HeaderValue::from_static("hit"));
        res
    }
}

/// Sends a visitor the kept page when what it shows is unchanged; else
/// renders it and keeps it.
pub async fn visitors(State((state, pages)): State<(AppState, Arc<Pages>)>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if req.method() != Method::GET || !visitor::kept(path) {
        return next.run(req).await;
    }
    let (Some(ctx), Some(PageNonce(nonce))) = (
        req.extensions().get::<RequestCtx>(),
        req.extensions().get::<PageNonce>(),
    ) else {
        return next.run(req).await;
    };
    let visitor = ctx.me.is_none() && ctx.session_hash.is_none();
    if !visitor || our_cookie(req.headers(), FLASH_COOKIE, ctx.secure).is_some() {
        return next.run(req).await;
    }
    let nonce = nonce.clone();
    let key: Key = (
        ctx.lang,
        ctx.secure,
        state.db.is_demo(),
        req.uri().path_and_query().map_or(path, |p| p.as_str()).to_owned(),
    );
    let query: Vec<(String, String)> = form_urlencoded::parse(req.uri().query().unwrap_or("").as_bytes())
        .into_owned()
        .collect();
    let q = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let now = visitor::visitor_reads(&state, ctx.lang, path, q).await;
    if let Some(page) = now.and_then(|reads| pages.0.get(key.clone(), &reads)) {
        return page.response(&nonce);
    }
    let recorder = Recorder::default();
    req.extensions_mut().insert(recorder.clone());
    let mut res = next.run(req).await;
    res.headers_mut().insert(CACHE_HEADER, HeaderValue::from_static("miss"));
    let keep = res.status() == StatusCode::OK
        && !res.headers().contains_key(header::SET_COOKIE)
        && !res.headers().contains_key(header::LOCATION);
    if !keep {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, crate::tidy::PAGE_LIMIT).await else {
        tracing::error!("a page could not be read whole");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    if let Some(reads) = recorder.reads().usable().filter(|_| bytes.len() <= KEEP_LIMIT) {
        let mut headers = parts.headers.clone();
        headers.remove(CACHE_HEADER);
        let page = Page::new(headers, &bytes, &nonce);
        let size = key.3.len() + page.html.len() + reads.bytes();
        pages.0.put(key, reads, size, Arc::new(page));
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_page_takes_each_new_nonce_where_the_old_one_stood() {
        let page = Page::new(
            HeaderMap::new(),
            b"<style nonce=\"abc\"></style><p>x</p><script nonce=\"abc\"></script>",
            "abc",
        );
        assert_eq!(page.nonce_at.len(), 2);
        assert_eq!(
            page.with_nonce("XYZ12"),
            b"<style nonce=\"XYZ12\"></style><p>x</p><script nonce=\"XYZ12\"></script>"
        );
    }
}
