//! Atom feeds' reads: an area's newest threads with their opening posts, a
//! thread's newest posts.
use super::Db;
use crate::domain::ids::{AreaId, PostId, ThreadId};
use sqlx::FromRow;

pub async fn area_name(db: &Db, id: AreaId) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM areas WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// A thread with its opening post.
#[derive(Debug, FromRow)]
pub struct AreaEntry {
    pub id: ThreadId,
    pub title: String,
    pub display_name: String,
    pub created_at: i64,
    pub body_html: String,
}

/// An area's newest listed threads (not hidden, no proposal's or usulan's).
pub async fn area_threads(db: &Db, id: AreaId, limit: i64) -> Result<Vec<AreaEntry>, sqlx::Error> {
    sqlx::query_as(
        "SELECT t.id, t.title, u.display_name, t.created_at, p.body_html FROM threads t \
         JOIN posts p ON p.thread_id = t.id AND p.seq = 0 JOIN users u ON u.id = t.author_id \
         WHERE t.area_id = $1 AND t.proposal_id IS NULL AND t.usulan_id IS NULL AND t.hidden_at IS NULL \
         ORDER BY t.id DESC LIMIT $2",
    )
    .bind(id)
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

/// The title of a thread that is not hidden.
pub async fn thread_title(db: &Db, id: ThreadId) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT title FROM threads WHERE id = $1 AND hidden_at IS NULL")
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// A post of a thread's feed.
#[derive(Debug, FromRow)]
pub struct ThreadEntry {
    pub id: PostId,
    pub seq: i64,
    pub display_name: String,
    pub created_at: i64,
    pub edited_at: Option<i64>,
    pub body_html: String,
}

/// A thread's newest posts that anyone may read.
pub async fn thread_posts(db: &Db, id: ThreadId, limit: i64) -> Result<Vec<ThreadEntry>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.id, p.seq, u.display_name, p.created_at, p.edited_at, p.body_html FROM posts p \
         JOIN users u ON u.id = p.author_id WHERE p.thread_id = $1 AND p.deleted_at IS NULL AND p.hidden_at IS NULL \
         ORDER BY p.seq DESC LIMIT $2",
    )
    .bind(id)
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}
