//! The `agencies` table (government agencies, OPD) and the areas each serves
//! (`agency_areas`).
use super::Db;
use crate::domain::ids::{AgencyId, AreaId};
use sqlx::FromRow;

#[derive(FromRow, Debug, Clone, PartialEq, Eq)]
pub struct Agency {
    pub id: AgencyId,
    pub name: String,
}

/// The first `limit` agencies, by name.
pub async fn first(db: &Db, limit: i64) -> Result<Vec<Agency>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM agencies ORDER BY name LIMIT $1")
        .bind(limit)
        .fetch_all(&db.pool)
        .await
}

/// (id, name) of the agencies with these ids.
pub async fn names(db: &Db, ids: &[i64]) -> Result<Vec<(i64, String)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = (1..=ids.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    let sql = format!("SELECT id, name FROM agencies WHERE id IN ({list})");
    let mut q = sqlx::query_as(&sql);
    for i in ids {
        q = q.bind(*i);
    }
    q.fetch_all(&db.pool).await
}

pub async fn exists(db: &Db, id: AgencyId) -> Result<bool, sqlx::Error> {
    let n: Option<i64> = sqlx::query_scalar("SELECT id FROM agencies WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(n.is_some())
}

/// The agencies serving `area` or an area above it, by name.
pub async fn serving(db: &Db, area: AreaId) -> Result<Vec<Agency>, sqlx::Error> {
    sqlx::query_as(
        "SELECT g.id, g.name FROM agencies g JOIN agency_areas x ON x.agency_id = g.id WHERE x.area_id IN \
         (WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM areas WHERE id = $1 \
          UNION ALL SELECT a.id, a.parent_id FROM areas a JOIN up ON a.id = up.parent_id) SELECT id FROM up) \
         GROUP BY g.id, g.name ORDER BY g.name",
    )
    .bind(area)
    .fetch_all(&db.pool)
    .await
}
