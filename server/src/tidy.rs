//! Pages leave as valid HTML. Leptos marks the places a hydrating script
//! needs with empty comments written `<!>` (a "bogus comment" to an HTML
//! checker), and writes its hydration data as `<script>`s after `</html>`
//! (a "stray start tag"). Outside islands nothing hydrates, so the marks
//! go; inside an island they are spelled `<!---->`, the same empty comment
//! to a browser. The scripts move to just before `</body>`, where they run
//! at the same moment.
use axum::{
    body::Body,
    extract::Request,
    http::{header, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use memchr::memmem;

/// Pages are rendered whole before they are sent (`SsrMode::Async`), so
/// reading one here adds no waiting. No page comes near this.
pub(crate) const PAGE_LIMIT: usize = 16 * 1024 * 1024;
const MARK: &str = "<!>";
const ISLAND: &str = "<leptos-island ";
const ISLAND_END: &str = "</leptos-island>";

pub async fn pages(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !html {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, PAGE_LIMIT).await else {
        tracing::error!("a page could not be read whole");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let Ok(page) = std::str::from_utf8(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let page = tidy(page);
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(page))
}

/// The page without marks outside islands, its trailing scripts before `</body>`.
pub fn tidy(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let html_end = page.rfind("</html>");
    let (doc, after) = match html_end {
        Some(i) => (&page[..i], &page[i + "</html>".len()..]),
        None => (page, ""),
    };
    let (body, body_end) = match doc.rfind("</body>") {
        Some(i) => (&doc[..i], &doc[i..]),
        None => (doc, ""),
    };
    let mut rest = body;
    while let Some(start) = memmem::find(rest.as_bytes(), ISLAND.as_bytes()) {
        push_unmarked(&mut out, &rest[..start]);
        // Islands are never nested: the first end closes this one.
        let end = memmem::find(&rest.as_bytes()[start..], ISLAND_END.as_bytes())
            .map_or(rest.len(), |e| start + e + ISLAND_END.len());
        push_marks(&mut out, &rest[start..end], "<!---->");
        rest = &rest[end..];
    }
    push_unmarked(&mut out, rest);
    push_unmarked(&mut out, after);
    push_unmarked(&mut out, body_end);
    if html_end.is_some() {
        out.push_str("</html>");
    }
    out
}

fn push_unmarked(out: &mut String, text: &str) {
    push_marks(out, text, "");
}

/// `text` with each mark written as `mark` (the whole page passes here once:
/// a vectorised search, several times faster than `str::split`).
fn push_marks(out: &mut String, text: &str, mark: &str) {
    let mut from = 0;
    for at in memmem::find_iter(text.as_bytes(), MARK.as_bytes()) {
        out.push_str(&text[from..at]);
        out.push_str(mark);
        from = at + MARK.len();
    }
    out.push_str(&text[from..]);
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn marks_go_outside_islands_and_scripts_move_into_the_body() {
        let page = "<!DOCTYPE html><html><head><title>a<!></title></head><body><p>x<!>y</p>\
            <leptos-island data-component=\"A\"><p>k<!>l</p></leptos-island><!><!></body><!></html>\
            <!><script nonce=\"n\">__RESOLVED_RESOURCES=[];</script>";
        assert_eq!(
            tidy(page),
            "<!DOCTYPE html><html><head><title>a</title></head><body><p>xy</p>\
             <leptos-island data-component=\"A\"><p>k<!---->l</p></leptos-island>\
             <script nonce=\"n\">__RESOLVED_RESOURCES=[];</script></body></html>"
        );
        assert_eq!(tidy("<p>a &lt;!&gt; b</p>"), "<p>a &lt;!&gt; b</p>");
    }
}
