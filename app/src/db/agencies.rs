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

/// An agency as its admin page shows it.
#[derive(FromRow, Debug, Clone, PartialEq, Eq)]
pub struct AgencyRow {
    pub id: AgencyId,
    pub name: String,
    pub short_name: String,
    pub retired_at: Option<i64>,
    /// Its webhook's address, if it has one.
    pub hook_url: Option<String>,
}

/// The agencies serving exactly `area` (not those above it), by name.
pub async fn serving_here(db: &Db, area: AreaId) -> Result<Vec<AgencyRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT g.id, g.name, g.short_name, g.retired_at, h.url AS hook_url FROM agencies g \
         JOIN agency_areas x ON x.agency_id = g.id LEFT JOIN agency_hooks h ON h.agency_id = g.id \
         WHERE x.area_id = $1 ORDER BY g.name",
    )
    .bind(area)
    .fetch_all(&db.pool)
    .await
}

pub async fn get(db: &Db, id: AgencyId) -> Result<Option<AgencyRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT g.id, g.name, g.short_name, g.retired_at, h.url AS hook_url FROM agencies g \
         LEFT JOIN agency_hooks h ON h.agency_id = g.id WHERE g.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

pub async fn create(conn: &mut sqlx::AnyConnection, name: &str, short_name: &str) -> Result<AgencyId, sqlx::Error> {
    sqlx::query_scalar("INSERT INTO agencies (name, short_name) VALUES ($1, $2) RETURNING id")
        .bind(name)
        .bind(short_name)
        .fetch_one(&mut *conn)
        .await
}

/// `agency` serves `area` (and so the areas below it).
pub async fn serve(conn: &mut sqlx::AnyConnection, agency: AgencyId, area: AreaId) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO agency_areas (agency_id, area_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(agency)
        .bind(area)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn rename(db: &Db, id: AgencyId, name: &str, short_name: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE agencies SET name = $1, short_name = $2 WHERE id = $3")
        .bind(name)
        .bind(short_name)
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn set_retired(db: &Db, id: AgencyId, at: Option<i64>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE agencies SET retired_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// How many (area, category) pairs `agency` answers for.
pub async fn responsibilities_of(db: &Db, id: AgencyId) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM responsibilities WHERE agency_id = $1")
        .bind(id)
        .fetch_one(&db.pool)
        .await
}

/// The agency with this name, whatever its case (names are unique so).
pub async fn by_name_folded(conn: &mut sqlx::AnyConnection, name: &str) -> Result<Option<AgencyRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name, short_name, retired_at, CAST(NULL AS TEXT) AS hook_url FROM agencies WHERE lower(name) = lower($1)",
    )
        .bind(name)
        .fetch_optional(&mut *conn)
        .await
}
