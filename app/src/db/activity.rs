//! The `activity` table, as shown to everyone: who wrote in public where.
use super::Db;
use crate::domain::ids::{AreaId, UserId};
use sqlx::FromRow;

#[derive(FromRow, Debug, Clone)]
pub struct Activity {
    pub area_id: AreaId,
    pub kind: String,
    /// The display name of who did it.
    pub actor: String,
    pub created_at: i64,
}

/// Only what people wrote in public: a sign-up or a forum join shown with a
/// name, a place and a minute could be matched with an anonymous complaint
/// filed in the same place a minute later, so those are never listed (and
/// no longer recorded; migration 0010 removed the old ones).
const ACTIVITY: &str = "SELECT v.area_id, v.kind, u.display_name AS actor, v.created_at \
     FROM activity v JOIN users u ON u.id = v.actor_id WHERE v.kind IN ('thread', 'reply')";

/// The latest `limit` items, newest first.
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<Activity>, sqlx::Error> {
    sqlx::query_as(&format!("{ACTIVITY} ORDER BY v.id DESC LIMIT $1"))
        .bind(limit)
        .fetch_all(&db.pool)
        .await
}

/// The latest 20 items in `area` itself, newest first.
pub async fn recent_in(db: &Db, area: AreaId) -> Result<Vec<Activity>, sqlx::Error> {
    sqlx::query_as(&format!("{ACTIVITY} AND v.area_id = $1 ORDER BY v.id DESC LIMIT 20"))
        .bind(area)
        .fetch_all(&db.pool)
        .await
}

/// Records a `kind` of activity (`thread`, `reply`) in `area` by `actor`.
pub async fn record(
    conn: &mut sqlx::AnyConnection,
    area: AreaId,
    kind: &str,
    actor: UserId,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE areas SET last_activity_at = $1 WHERE id = $2")
        .bind(at)
        .bind(area)
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO activity (area_id, kind, actor_id, created_at) VALUES ($1, $2, $3, $4)")
        .bind(area)
        .bind(kind)
        .bind(actor)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
