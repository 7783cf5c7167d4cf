//! Visitors' pages kept as rendered, with what they were rendered from.
//!
//! A visitor's page (no session, no kept form) is the same for every visitor
//! who asks for the same address in the same language: its HTML follows from
//! the data its render read through [`super::for_page`] and nothing else
//! (the nonce aside, which the server's layer writes in afresh). So the
//! server keeps the HTML of its busiest public pages together with those
//! reads ([`Reads`]); for the next visitor it reads the data again, as a
//! render would, and sends the kept HTML only when the data is byte for byte
//! the same. Nothing is shown stale: a hidden post, a new reply or a changed
//! counter makes different data and so a fresh render, on every server
//! behind a load balancer at once. What it saves is the render itself.
use super::AppState;
use crate::error::AppError;
use crate::model::Lang;
use serde::Serialize;
use std::sync::{Arc, Mutex};

/// What a render read: each page-data answer (by its type), serialized,
/// in a fixed order whatever order the render read them in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reads {
    reads: Vec<(&'static str, Vec<u8>)>,
    /// An answer could not be written down: these reads match nothing.
    broken: bool,
}

impl Reads {
    fn add<T: Serialize>(&mut self, answer: &Result<T, AppError>) {
        match serde_json::to_vec(answer) {
            Ok(bytes) => {
                self.reads.push((std::any::type_name::<T>(), bytes));
                self.reads.sort();
            }
            Err(_) => self.broken = true,
        }
    }

    /// The reads, if there are any and all were written down.
    pub fn usable(self) -> Option<Reads> {
        (!self.broken && !self.reads.is_empty()).then_some(self)
    }

    /// About the memory they take.
    pub fn bytes(&self) -> usize {
        self.reads.iter().map(|(_, b)| b.len() + 32).sum()
    }
}

/// Left in a visitor's request by the server's layer: the render adds
/// each page-data answer it reads.
#[derive(Clone, Default)]
pub struct Recorder(Arc<Mutex<Reads>>);

impl Recorder {
    /// What the render read.
    pub fn reads(&self) -> Reads {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// Notes `answer` for the request's [`Recorder`], if it has one.
pub(crate) fn record<T: Serialize>(answer: &Result<T, AppError>) {
    let recorder =
        leptos::prelude::use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<Recorder>().cloned());
    if let Some(r) = recorder {
        r.0.lock().unwrap_or_else(|e| e.into_inner()).add(answer);
    }
}

/// Whether a visitor's page at `path` is kept (see [`visitor_reads`]).
pub fn kept(path: &str) -> bool {
    route(path).is_some()
}

enum Route<'a> {
    Thread(&'a str),
    Area(&'a str),
    Proposal(&'a str),
}

fn route(path: &str) -> Option<Route<'_>> {
    let id = |prefix: &str| {
        path.strip_prefix(prefix)
            .filter(|id| !id.is_empty() && id.len() <= 19 && id.bytes().all(|b| b.is_ascii_digit()))
    };
    id("/t/")
        .map(Route::Thread)
        .or_else(|| id("/area/").map(Route::Area))
        .or_else(|| id("/proposals/").map(Route::Proposal))
}

/// What a visitor's render of the page at `path` (with the query's values
/// by name from `q`) would read now, read the way the page reads it: the
/// thread, area (with its forum) and proposal pages.
pub async fn visitor_reads(st: &AppState, lang: Lang, path: &str, q: impl Fn(&str) -> String) -> Option<Reads> {
    let mut reads = Reads::default();
    match route(path)? {
        Route::Thread(id) => {
            let args = [q("after"), q("reply_to"), q("area_id")];
            let [after, reply_to, move_to] = args.each_ref().map(String::as_str);
            reads.add(&crate::api::forum::thread_data(st, lang, None, [id, after, reply_to, move_to]).await);
        }
        Route::Area(id) => {
            reads.add(&crate::api::read::area_data(st, lang, id).await);
            let args = [q("sort"), q("category"), q("sub"), q("after")];
            let [sort, category, sub, after] = args.each_ref().map(String::as_str);
            reads.add(&crate::api::forum::forum_data(st, lang, None, [id, sort, category, sub, after]).await);
        }
        Route::Proposal(id) => {
            let template = q("template");
            reads.add(&crate::api::proposal::proposal_data(st, lang, None, [id, &template]).await);
        }
    }
    reads.usable()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_three_public_pages_by_number_are_kept() {
        for p in ["/t/1", "/area/12", "/proposals/7"] {
            assert!(kept(p), "{p}");
        }
        for p in [
            "/t/",
            "/t/1/",
            "/t/x",
            "/proposals/new",
            "/proposals/1/edit",
            "/complaints/1",
            "/area/1/feed.atom",
        ] {
            assert!(!kept(p), "{p}");
        }
    }

    #[test]
    fn reads_compare_whatever_order_they_came_in() {
        let (mut a, mut b) = (Reads::default(), Reads::default());
        a.add::<i64>(&Ok(1));
        a.add::<String>(&Ok("x".into()));
        b.add::<String>(&Ok("x".into()));
        b.add::<i64>(&Ok(1));
        assert_eq!(a, b);
        b.add::<i64>(&Err(AppError::NotFound));
        assert_ne!(a, b);
        assert_eq!(Reads::default().usable(), None);
    }
}
