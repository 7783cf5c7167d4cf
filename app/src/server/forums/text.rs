//! A post's text as it is stored: rendered HTML, the excerpt quotes and
//! notifications show, and the document search indexes.
use crate::error::{AppError, AppResult, FieldProblem};
use crate::server::markdown;

/// Characters of a post kept as its excerpt (quotes, notifications).
const EXCERPT: usize = 160;
/// Marks around matched words in a search excerpt (private-use characters,
/// stripped from everything indexed, so they cannot be forged).
pub(super) const HIT_START: char = '\u{E000}';
pub(super) const HIT_END: char = '\u{E001}';

/// Renders a post's Markdown, or says which field is wrong.
pub fn render(field: &str, body: &str) -> AppResult<String> {
    markdown::render(body).map_err(|_| {
        AppError::field(
            field,
            FieldProblem::TooManyLinks {
                max: markdown::LINKS_MAX as u32,
            },
        )
    })
}

/// What search indexes for a post: its words, with the hit marks removed.
pub fn search_doc(title: Option<&str>, body_src: &str) -> String {
    let body = markdown::plain_text(body_src);
    let doc = match title {
        Some(t) => format!("{t}\n{body}"),
        None => body,
    };
    doc.replace([HIT_START, HIT_END], "")
}

pub fn excerpt_of(body_src: &str) -> String {
    markdown::excerpt(&markdown::plain_text(body_src), EXCERPT).replace([HIT_START, HIT_END], "")
}
