//! Who joined which area's forum.
use super::Db;
use crate::domain::ids::{AreaId, UserId};

pub async fn is_member(db: &Db, user: UserId, area: AreaId) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT area_id FROM forum_members WHERE user_id = $1 AND area_id = $2")
            .bind(user)
            .bind(area)
            .fetch_optional(&db.pool)
            .await?;
    Ok(found.is_some())
}

pub async fn join(db: &Db, user: UserId, area: AreaId, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO forum_members (user_id, area_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(user)
        .bind(area)
        .bind(at)
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn leave(db: &Db, user: UserId, area: AreaId) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM forum_members WHERE user_id = $1 AND area_id = $2")
        .bind(user)
        .bind(area)
        .execute(&db.pool)
        .await?;
    Ok(())
}
