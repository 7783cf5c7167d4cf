//! Atom feeds per area (new threads, and proposal steps), per thread (new
//! posts) and per proposal (its decision record), for feed
//! readers: plain XML built from stored, already-sanitized HTML.
use app::domain::ids::{AreaId, ThreadId};
use app::error::AppError;
use app::server::{forums, proposals, time, AppState, RequestCtx};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The feed as Atom XML; `base` is the site's origin.
pub fn atom(feed: &forums::Feed, base: &str, self_path: &str) -> String {
    let updated = feed.entries.iter().map(|e| e.updated).max().unwrap_or(0);
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n\
         <title>{} · Rembuk</title>\n<id>{base}{}</id>\n<link href=\"{base}{}\"/>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{base}{self_path}\"/>\n<updated>{}</updated>\n",
        escape(&feed.title),
        escape(&feed.url),
        escape(&feed.url),
        time::rfc3339(updated)
    );
    for e in &feed.entries {
        xml.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{base}{}</id>\n<link href=\"{base}{}\"/>\n\
             <author><name>{}</name></author>\n<updated>{}</updated>\n<content type=\"html\">{}</content>\n</entry>\n",
            escape(&e.title),
            escape(&format!("/#{}", e.id)),
            escape(&e.url),
            escape(&e.author),
            time::rfc3339(e.updated),
            escape(&e.html),
        ));
    }
    xml.push_str("</feed>\n");
    xml
}

fn origin(headers: &HeaderMap, ctx: Option<&RequestCtx>) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if ctx.is_some_and(|c| c.secure) { "https" } else { "http" };
    format!("{scheme}://{host}")
}

fn respond(
    result: Result<forums::Feed, AppError>,
    headers: &HeaderMap,
    ctx: Option<&RequestCtx>,
    path: &str,
) -> Response {
    match result {
        Ok(feed) => (
            [
                (header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"),
                (header::CACHE_CONTROL, "max-age=60"),
            ],
            atom(&feed, &origin(headers, ctx), path),
        )
            .into_response(),
        Err(AppError::NotFound) => (StatusCode::NOT_FOUND, "not found\n").into_response(),
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "feed unavailable\n").into_response(),
    }
}

pub async fn area(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ctx: Option<Extension<RequestCtx>>,
    headers: HeaderMap,
) -> Response {
    let feed = match id.parse::<i64>() {
        Ok(id) => forums::area_feed(&state.db, AreaId(id)).await,
        Err(_) => Err(AppError::NotFound),
    };
    respond(feed, &headers, ctx.as_deref(), &format!("/area/{id}/feed.atom"))
}

pub async fn thread(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ctx: Option<Extension<RequestCtx>>,
    headers: HeaderMap,
) -> Response {
    let feed = match id.parse::<i64>() {
        Ok(id) => forums::thread_feed(&state.db, ThreadId(id)).await,
        Err(_) => Err(AppError::NotFound),
    };
    respond(feed, &headers, ctx.as_deref(), &format!("/t/{id}/feed.atom"))
}

/// The decision record of one proposal.
pub async fn proposal(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ctx: Option<Extension<RequestCtx>>,
    headers: HeaderMap,
) -> Response {
    let lang = ctx.as_deref().map(|c| c.lang).unwrap_or_default();
    let feed = match id.parse::<i64>() {
        Ok(id) => proposals::feed(&state, lang, Some(app::domain::ids::ProposalId(id)), None).await,
        Err(_) => Err(AppError::NotFound),
    };
    respond(feed, &headers, ctx.as_deref(), &format!("/proposals/{id}/feed.atom"))
}

/// The decision record of an area's proposals (sub-areas included).
pub async fn area_proposals(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ctx: Option<Extension<RequestCtx>>,
    headers: HeaderMap,
) -> Response {
    let lang = ctx.as_deref().map(|c| c.lang).unwrap_or_default();
    let feed = match id.parse::<i64>() {
        Ok(id) => proposals::feed(&state, lang, None, Some(app::domain::ids::AreaId(id))).await,
        Err(_) => Err(AppError::NotFound),
    };
    respond(feed, &headers, ctx.as_deref(), &format!("/area/{id}/proposals.atom"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_escape_everything_they_carry() {
        let feed = forums::Feed {
            title: "A & <B>".into(),
            url: "/area/1".into(),
            entries: vec![forums::FeedEntry {
                id: "thread-1".into(),
                title: "\"x\" <script>".into(),
                url: "/t/1".into(),
                author: "Budi\u{1}".into(),
                updated: 0,
                html: "<p>a &amp; b</p>".into(),
            }],
        };
        let xml = atom(&feed, "http://r.example", "/area/1/feed.atom");
        assert!(xml.contains("<title>A &amp; &lt;B&gt; · Rembuk</title>"));
        assert!(xml.contains("<title>&quot;x&quot; &lt;script&gt;</title>"));
        assert!(xml.contains("<content type=\"html\">&lt;p&gt;a &amp;amp; b&lt;/p&gt;</content>"));
        assert!(xml.contains("<name>Budi</name>"));
        assert!(!xml.contains("<script"));
    }
}
