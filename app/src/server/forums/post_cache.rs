//! Thread pages' posts kept in memory while they are current.
use crate::db::posts::{self, PostRow};
use crate::error::AppResult;
use crate::server::cache::PostsKey;
use crate::server::AppState;
use std::sync::Arc;

/// About the memory a row takes, for [`PostCache`]'s budget.
fn bytes(row: &PostRow) -> usize {
    let texts = [&row.q_author, &row.q_excerpt, &row.hidden_reason, &row.agency];
    std::mem::size_of::<PostRow>()
        + row.author.len()
        + row.author_username.len()
        + row.body_html.len()
        + row.photos.len() * (std::mem::size_of::<crate::db::photos::Row>() + 64)
        + texts.iter().map(|t| t.as_ref().map_or(0, String::len)).sum::<usize>()
}

/// The replies of `thread` after position `after` (at most `n`), after its
/// opening post if `opening`: from memory when the thread is still at
/// `version`, else from the database (and then kept).
pub(super) async fn posts(
    st: &AppState,
    (thread, after, n, opening): PostsKey,
    version: (i64, i64),
) -> AppResult<Arc<Vec<PostRow>>> {
    let key = (thread, after, n, opening);
    if let Some(rows) = st.caches.posts.0.get(key, &version) {
        return Ok(rows);
    }
    let mut rows = posts::page(&st.db, thread, after, n, opening).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id.0).collect();
    for photo in crate::db::photos::of_items(&st.db, "post", &ids).await? {
        if let Some(row) = rows.iter_mut().find(|r| r.id.0 == photo.item_id) {
            row.photos.push(photo);
        }
    }
    let bytes = rows.iter().map(bytes).sum();
    let rows = Arc::new(rows);
    st.caches.posts.0.put(key, version, bytes, rows.clone());
    Ok(rows)
}
