//! Full-text search results.
use serde::{Deserialize, Serialize};

/// A stretch of a search excerpt; `hit` marks the words that matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    pub text: String,
    pub hit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub url: String,
    pub thread_title: String,
    pub area_name: String,
    /// Who wrote a post; what a complaint is ("Pengaduan #12 · Diterima").
    pub byline: String,
    pub when: String,
    pub snippet: Vec<Snippet>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchPage {
    pub q: String,
    /// `posts` (the forums) or `complaints` (public complaints).
    pub scope: String,
    pub hits: Vec<SearchHit>,
    pub next: Option<i64>,
}
