//! Which visitors' pages the server keeps as rendered, and what their
//! renders read (see [`crate::server::memo`]): the thread, area (with its
//! forum) and proposal pages, read through the same functions as their
//! server functions.
use crate::model::Lang;
use crate::server::memo::Reads;
use crate::server::AppState;

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
            reads.add(&super::forum::thread_data(st, lang, None, [id, after, reply_to, move_to]).await);
        }
        Route::Area(id) => {
            reads.add(&super::read::area_data(st, lang, id).await);
            let args = [q("sort"), q("category"), q("sub"), q("after")];
            let [sort, category, sub, after] = args.each_ref().map(String::as_str);
            reads.add(&super::forum::forum_data(st, lang, None, [id, sort, category, sub, after]).await);
        }
        Route::Proposal(id) => {
            let template = q("template");
            reads.add(&super::proposal::proposal_data(st, lang, None, [id, &template]).await);
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
}
