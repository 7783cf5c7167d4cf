//! Thread pages' posts kept in memory while they are current.
use crate::db::posts::{self, PostRow};
use crate::db::Db;
use crate::domain::ids::ThreadId;
use crate::error::AppResult;
use crate::server::cache::Versioned;
use std::sync::Arc;

/// Which posts of a thread: the replies at positions `after + 1 ..= after +
/// n`, with the opening post or not.
type PostsKey = (ThreadId, i64, i64, bool);

/// The posts of recently read thread pages, each kept with the thread's
/// `(version, post_count)` it was read at. A new post raises post_count;
/// database triggers raise version on any change to a post or its author's
/// name (migration 0006). About 32 MiB of post HTML.
pub struct PostCache(Versioned<PostsKey, Vec<PostRow>>);

impl Default for PostCache {
    fn default() -> Self {
        PostCache(Versioned::new(32 << 20))
    }
}

/// About the memory a row takes, for [`PostCache`]'s budget.
fn bytes(row: &PostRow) -> usize {
    let texts = [&row.q_author, &row.q_excerpt, &row.hidden_reason, &row.agency];
    std::mem::size_of::<PostRow>()
        + row.author.len()
        + row.author_username.len()
        + row.body_html.len()
        + texts.iter().map(|t| t.as_ref().map_or(0, String::len)).sum::<usize>()
}

/// The replies of `thread` after position `after` (at most `n`), after its
/// opening post if `opening`: from memory when the thread is still at
/// `version`, else from the database (and then kept).
pub(super) async fn posts(
    db: &Db,
    (thread, after, n, opening): PostsKey,
    version: (i64, i64),
) -> AppResult<Arc<Vec<PostRow>>> {
    let key = (thread, after, n, opening);
    if let Some(rows) = db.posts.0.get(key, version) {
        return Ok(rows);
    }
    let rows = posts::page(db, thread, after, n, opening).await?;
    let bytes = rows.iter().map(bytes).sum();
    let rows = Arc::new(rows);
    db.posts.0.put(key, version, bytes, rows.clone());
    Ok(rows)
}
