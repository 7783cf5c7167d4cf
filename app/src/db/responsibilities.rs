//! Which agency answers for what: `responsibilities` (an agency per
//! category and area) and `agency_areas` (the areas an agency serves).
use super::numbered::Numbered;
use crate::domain::ids::{AgencyId, AreaId, CategoryId};
use sqlx::{AnyConnection, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct Agency {
    pub id: AgencyId,
    pub name: String,
}

/// The agency responsible for `category` in the nearest of `areas` (an
/// area's path, root first) that names one, from the last upwards.
pub async fn responsible(
    conn: &mut AnyConnection,
    areas: &[AreaId],
    category: CategoryId,
) -> sqlx::Result<Option<Agency>> {
    for area in areas.iter().rev() {
        let row: Option<Agency> = sqlx::query_as(
            "SELECT g.id, g.name FROM responsibilities r JOIN agencies g ON g.id = r.agency_id \
             WHERE r.area_id = $1 AND r.category_id = $2",
        )
        .bind(*area)
        .bind(category)
        .fetch_optional(&mut *conn)
        .await?;
        if row.is_some() {
            return Ok(row);
        }
    }
    Ok(None)
}

pub async fn agency_name(conn: &mut AnyConnection, agency: AgencyId) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT name FROM agencies WHERE id = $1")
        .bind(agency)
        .fetch_optional(conn)
        .await
}

/// Whether `agency` serves any of `areas`.
pub async fn serves_any(conn: &mut AnyConnection, agency: AgencyId, areas: &[AreaId]) -> sqlx::Result<bool> {
    if areas.is_empty() {
        return Ok(false);
    }
    let mut q = Numbered::new("SELECT agency_id FROM agency_areas WHERE agency_id = ");
    q.push_bind(agency).push(" AND area_id IN (");
    q.push_bind_list(areas.iter().copied());
    q.push(") LIMIT 1");
    let found: Option<i64> = q.build().build_query_scalar().fetch_optional(conn).await?;
    Ok(found.is_some())
}

/// One responsibility with its agency's name.
#[derive(Debug, Clone, FromRow)]
pub struct Held {
    pub area_id: AreaId,
    pub category_id: CategoryId,
    pub agency_id: AgencyId,
    pub agency_name: String,
}

/// The responsibilities set in any of `areas` (an area and those above it).
pub async fn in_areas(conn: &mut AnyConnection, areas: &[AreaId]) -> sqlx::Result<Vec<Held>> {
    if areas.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Numbered::new(
        "SELECT r.area_id, r.category_id, r.agency_id, g.name AS agency_name FROM responsibilities r \
         JOIN agencies g ON g.id = r.agency_id WHERE r.area_id IN (",
    );
    q.push_bind_list(areas.iter().copied());
    q.push(")");
    q.build().build_query_as().fetch_all(conn).await
}

/// `agency` answers for `category` in `area` and below (unless set nearer).
pub async fn set(conn: &mut AnyConnection, area: AreaId, category: CategoryId, agency: AgencyId) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO responsibilities (area_id, category_id, agency_id) VALUES ($1, $2, $3) \
         ON CONFLICT (area_id, category_id) DO UPDATE SET agency_id = excluded.agency_id",
    )
    .bind(area)
    .bind(category)
    .bind(agency)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// `area` inherits `category`'s agency from above again.
pub async fn clear(conn: &mut AnyConnection, area: AreaId, category: CategoryId) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM responsibilities WHERE area_id = $1 AND category_id = $2")
        .bind(area)
        .bind(category)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
