//! The `areas` table: the official area tree, read in the order of its
//! precomputed `path`; residents and last activity are counted on the row.
use super::Db;
use crate::domain::ids::AreaId;
use sqlx::FromRow;

#[derive(FromRow, Debug, Clone)]
pub struct Area {
    pub id: AreaId,
    pub name: String,
    pub level: String,
    pub kind_label: String,
    pub depth: i64,
    pub timezone: String,
    pub resident_count: i64,
    pub last_activity_at: Option<i64>,
    pub path: String,
}

const AREA_COLS: &str = "id, name, level, kind_label, depth, timezone, resident_count, last_activity_at, path";

/// Every area, in tree order.
pub async fn all(db: &Db) -> Result<Vec<Area>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {AREA_COLS} FROM areas ORDER BY path"))
        .fetch_all(&db.pool)
        .await
}

pub async fn get(db: &Db, id: AreaId) -> Result<Option<Area>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {AREA_COLS} FROM areas WHERE id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

pub async fn exists(db: &Db, id: AreaId) -> Result<bool, sqlx::Error> {
    let n: Option<i64> = sqlx::query_scalar("SELECT id FROM areas WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(n.is_some())
}

/// The first area in tree order, if there is one.
pub async fn first(db: &Db) -> Result<Option<AreaId>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM areas ORDER BY path LIMIT 1")
        .fetch_optional(&db.pool)
        .await
}

/// The areas above `id`, from the top.
pub async fn ancestors(db: &Db, id: AreaId) -> Result<Vec<Area>, sqlx::Error> {
    sqlx::query_as(&format!(
        "WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM areas WHERE id = $1 \
         UNION ALL SELECT a.id, a.parent_id FROM areas a JOIN up ON a.id = up.parent_id) \
         SELECT {AREA_COLS} FROM areas WHERE id IN (SELECT id FROM up) AND id <> $1 ORDER BY depth"
    ))
    .bind(id)
    .fetch_all(&db.pool)
    .await
}

/// The areas right below `id`, by name.
pub async fn children(db: &Db, id: AreaId) -> Result<Vec<Area>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {AREA_COLS} FROM areas WHERE parent_id = $1 ORDER BY name"
    ))
    .bind(id)
    .fetch_all(&db.pool)
    .await
}

/// An area's support threshold and response deadline (working days).
#[derive(FromRow, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    pub id: AreaId,
    pub support_threshold: i64,
    pub response_days: i64,
}

/// Every area's rules.
pub async fn rules(db: &Db) -> Result<Vec<Rules>, sqlx::Error> {
    sqlx::query_as("SELECT id, support_threshold, response_days FROM areas")
        .fetch_all(&db.pool)
        .await
}

pub async fn set_rules(db: &Db, r: Rules) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE areas SET support_threshold = $1, response_days = $2 WHERE id = $3")
        .bind(r.support_threshold)
        .bind(r.response_days)
        .bind(r.id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// One more resident of `id`, who joined at `at` (also the area's latest
/// activity).
pub async fn resident_joined(conn: &mut sqlx::AnyConnection, id: AreaId, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE areas SET resident_count = resident_count + 1, last_activity_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A resident moved from `from` to `to`.
pub async fn resident_moved(conn: &mut sqlx::AnyConnection, from: AreaId, to: AreaId) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE areas SET resident_count = resident_count - 1 WHERE id = $1")
        .bind(from)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE areas SET resident_count = resident_count + 1 WHERE id = $1")
        .bind(to)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
