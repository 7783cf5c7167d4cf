//! Forums: thread lists, threads, posts, search, notifications and joins.
//!
//! Reads page by keyset; nothing counts rows or renders Markdown. The SQL
//! lives in `crate::db` (`threads`, `posts`, `search`, `notifications`,
//! `feeds`, `forum_members`, `activity`); the rules (who moderates, who may
//! change a post, where a post is shown) in `crate::domain::forum_rules`.
//!
//! - [`threads`]: a forum's lists, joining, starting a thread
//! - [`thread_page`]: a thread's page, with the posts its reader may see
//! - [`posts`]: replies, edits, deletions, revisions
//! - [`search`], [`notifications`], [`feed`]
//! - [`post_cache`]: thread pages' posts kept in memory
//! - [`access`]: what the rules need loaded about the caller
//! - [`text`]: a post's stored HTML, excerpt and search document
use crate::db::Backend;
use crate::domain::forum_rules;
use crate::domain::ids::{AgencyId, PostId, ThreadId, UserId};
use crate::server::AppState;

pub mod access;
pub mod feed;
pub mod notifications;
pub mod post_cache;
pub mod posts;
pub mod search;
pub mod text;
pub mod thread_page;
pub mod threads;

pub use crate::domain::forum_rules::{page_of, path_end, path_ids, REPLIES_PAGE};
pub use access::moderates;
pub use feed::{area_feed, thread_feed, Feed, FeedEntry};
pub use notifications::{mark_all_read, notifications};
pub use posts::{delete, edit, for_edit, reply, revisions};
pub use search::{query_words, search, HITS_PAGE};
pub use text::{excerpt_of, render, search_doc};
pub use thread_page::thread;
pub use threads::{categories, create_thread, forum, joined_threads, set_membership, ForumQuery, NewThread, PAGE};

// The functions below keep the `i64` signatures that other areas' services
// (moderation, proposals) call; new code uses the typed ones they wrap.

/// Where post `seq` of a thread is shown ([`forum_rules::post_url`]).
pub fn post_url(thread_id: i64, seq: i64) -> String {
    forum_rules::post_url(ThreadId(thread_id), seq)
}

/// [`thread_page::first_replies`] for a thread given by its bare id.
pub async fn first_replies(
    st: &AppState,
    lang: crate::model::Lang,
    me: Option<&crate::model::Me>,
    (id, version): (i64, (i64, i64)),
    area: (&str, &str),
    n: i64,
) -> crate::error::AppResult<(Vec<crate::model::PostView>, bool)> {
    thread_page::first_replies(st, lang, me, (ThreadId(id), version), area, n).await
}

/// (Re)indexes a post for search ([`crate::db::search::index_post`]).
pub async fn index_post(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    post_id: i64,
    doc: &str,
) -> Result<(), sqlx::Error> {
    crate::db::search::index_post(conn, backend, PostId(post_id), doc).await
}

pub async fn unindex_post(conn: &mut sqlx::AnyConnection, backend: Backend, post_id: i64) -> Result<(), sqlx::Error> {
    crate::db::search::unindex_post(conn, backend, PostId(post_id)).await
}

/// [`search::index_thread`] for a thread given by its bare id.
pub async fn index_thread(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    thread_id: i64,
    public: bool,
) -> Result<(), sqlx::Error> {
    search::index_thread(conn, backend, ThreadId(thread_id), public).await
}

/// Inserts a post (its excerpt made from `body`); returns its id.
#[allow(clippy::too_many_arguments)]
pub async fn insert_post(
    conn: &mut sqlx::AnyConnection,
    thread_id: i64,
    seq: i64,
    author_id: i64,
    parent_id: Option<i64>,
    agency_id: Option<i64>,
    body: &str,
    html: &str,
    at: i64,
) -> Result<i64, sqlx::Error> {
    let post = crate::db::posts::NewPost {
        thread_id: ThreadId(thread_id),
        seq,
        author_id: UserId(author_id),
        parent_id: parent_id.map(PostId),
        agency_id: agency_id.map(AgencyId),
        body_src: body,
        body_html: html,
        excerpt: &excerpt_of(body),
        at,
    };
    Ok(crate::db::posts::insert(conn, &post).await?.0)
}

/// Numbers the `$n` placeholders of `sql` in order of appearance. Kept only
/// for moderation.rs until its queries move to `crate::db::numbered`;
/// forums no longer uses it.
pub fn renumber(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut n = 0;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_some_and(|d| d.is_ascii_digit()) {
            while chars.peek().is_some_and(|d| d.is_ascii_digit()) {
                chars.next();
            }
            n += 1;
            out.push_str(&format!("${n}"));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_renumbered_in_order() {
        assert_eq!(
            renumber("a = $3 AND b < ($5, $6) LIMIT $7"),
            "a = $1 AND b < ($2, $3) LIMIT $4"
        );
    }

    #[test]
    fn bare_id_wrappers_match_the_typed_rules() {
        assert_eq!(post_url(7, 120), forum_rules::post_url(ThreadId(7), 120));
    }
}
