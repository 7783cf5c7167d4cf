//! What happened where: each area's last activity and its activity log.
use crate::domain::ids::{AreaId, UserId};

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
