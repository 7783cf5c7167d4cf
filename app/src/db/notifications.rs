//! Notifications: what a person is told about (replies, proposals and
//! complaints they follow, moderation of their posts), and their unread
//! count, kept on their row.
use super::Db;
use crate::domain::ids::{PostId, UserId};
use sqlx::FromRow;

/// A notification with what it is about: a post (and its thread), a step of
/// a proposal or complaint (a record entry), or a moderation log entry.
#[derive(Debug, FromRow)]
pub struct NoteRow {
    pub id: i64,
    pub kind: String,
    pub read_at: Option<i64>,
    pub created_at: i64,
    pub actor: Option<String>,
    pub title: String,
    pub thread_id: Option<i64>,
    pub seq: Option<i64>,
    pub excerpt: Option<String>,
    pub timezone: String,
    pub proposal_id: Option<i64>,
    pub complaint_id: Option<i64>,
    pub content: Option<String>,
    pub mod_log_id: Option<i64>,
    pub mod_action: Option<String>,
    pub mod_reason: Option<String>,
    pub usulan_id: Option<i64>,
    pub plan_cycle_id: Option<i64>,
    pub plan_tier: Option<i64>,
    pub plan_area_id: Option<i64>,
}

/// A notification with what it is about (the columns of [`NoteRow`]).
pub(crate) const NOTE_SELECT: &str = "SELECT n.id, n.kind, n.read_at, n.created_at, u.display_name AS actor, \
     COALESCE(t.title, pr.title, c.title, us.title, pa.name, '') AS title, p.thread_id, p.seq, p.excerpt, a.timezone, \
     n.proposal_id, n.complaint_id, r.content, n.mod_log_id, m.action AS mod_action, m.reason AS mod_reason, \
     n.usulan_id, n.plan_cycle_id, n.plan_tier, n.plan_area_id";
pub(crate) const NOTE_JOINS: &str = "FROM notifications n \
     LEFT JOIN users u ON u.id = n.actor_id LEFT JOIN posts p ON p.id = n.post_id \
     LEFT JOIN threads t ON t.id = p.thread_id LEFT JOIN proposals pr ON pr.id = n.proposal_id \
     LEFT JOIN complaints c ON c.id = n.complaint_id LEFT JOIN record r ON r.seq = n.record_seq \
     LEFT JOIN mod_log m ON m.id = n.mod_log_id LEFT JOIN usulan us ON us.id = n.usulan_id \
     LEFT JOIN areas pa ON pa.id = n.plan_area_id \
     JOIN areas a ON a.id = COALESCE(t.area_id, pr.area_id, c.area_id, m.area_id, us.area_id, n.plan_area_id)";

/// `user`'s notifications with ids below `before`, newest first.
pub async fn page(db: &Db, user: UserId, before: i64, limit: i64) -> Result<Vec<NoteRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{NOTE_SELECT} {NOTE_JOINS} WHERE n.user_id = $1 AND n.id < $2 ORDER BY n.id DESC LIMIT $3"
    ))
    .bind(user)
    .bind(before)
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

/// Marks all of `user`'s notifications read.
pub async fn mark_all_read(db: &Db, user: UserId, at: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    sqlx::query("UPDATE users SET unread_count = 0 WHERE id = $1")
        .bind(user)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
        .bind(at)
        .bind(user)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// Tells `user` about post `post` by `actor` (`kind`: `reply_post` or
/// `reply_thread`), and counts it unread.
pub async fn notify_post(
    conn: &mut sqlx::AnyConnection,
    user: UserId,
    kind: &str,
    post: PostId,
    actor: UserId,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO notifications (user_id, kind, post_id, actor_id, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(user)
        .bind(kind)
        .bind(post)
        .bind(actor)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE users SET unread_count = unread_count + 1 WHERE id = $1")
        .bind(user)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
