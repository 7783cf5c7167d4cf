//! The `responsibilities` table: which agency answers for a category in an
//! area (and the areas below it that name none of their own).
use super::Db;
use crate::domain::ids::{AgencyId, AreaId, CategoryId};
use sqlx::FromRow;

#[derive(FromRow, Debug, Clone, PartialEq, Eq)]
pub struct Agency {
    pub id: AgencyId,
    pub name: String,
}

/// The agency responsible for a category in an area: the nearest area that
/// names one, from the last of `areas` (the area itself) up to the first.
pub async fn responsible(
    conn: &mut sqlx::AnyConnection,
    areas: &[AreaId],
    category: CategoryId,
) -> Result<Option<Agency>, sqlx::Error> {
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

/// An agency's name.
pub async fn agency_name(db: &Db, id: AgencyId) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM agencies WHERE id = $1")
        .bind(id)
        .fetch_one(&db.pool)
        .await
}
