//! The `user_roles` table: officer (of an agency), moderator (of an area)
//! and admin grants.
use super::numbered::Numbered;
use super::Db;
use crate::domain::ids::{AgencyId, AreaId, UserId};
use sqlx::FromRow;

/// A grant, with the names of its agency and area.
#[derive(FromRow, Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub id: i64,
    pub user_id: UserId,
    pub role: String,
    pub agency_id: Option<AgencyId>,
    pub agency_name: Option<String>,
    pub area_id: Option<AreaId>,
    pub area_name: Option<String>,
}

const GRANTS: &str =
    "SELECT r.id, r.user_id, r.role, r.agency_id, g.name AS agency_name, r.area_id, a.name AS area_name \
     FROM user_roles r LEFT JOIN agencies g ON g.id = r.agency_id LEFT JOIN areas a ON a.id = r.area_id";

/// `user`'s grants, oldest first.
pub async fn of_user(db: &Db, user: UserId) -> Result<Vec<Grant>, sqlx::Error> {
    sqlx::query_as(&format!("{GRANTS} WHERE r.user_id = $1 ORDER BY r.id"))
        .bind(user)
        .fetch_all(&db.pool)
        .await
}

/// The grants of any of `users`, oldest first (none for no users).
pub async fn of_users(db: &Db, users: &[UserId]) -> Result<Vec<Grant>, sqlx::Error> {
    if users.is_empty() {
        return Ok(vec![]);
    }
    let mut q = Numbered::new(format!("{GRANTS} WHERE r.user_id IN ("));
    q.push_bind_list(users.iter().copied()).push(") ORDER BY r.id");
    q.build().build_query_as().fetch_all(&db.pool).await
}

/// A new grant (none if the same one exists).
pub struct NewGrant<'a> {
    pub user_id: UserId,
    pub role: &'a str,
    pub agency_id: Option<AgencyId>,
    pub area_id: Option<AreaId>,
    pub granted_by: UserId,
    pub at: i64,
}

pub async fn grant(db: &Db, g: &NewGrant<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO user_roles (user_id, role, agency_id, area_id, granted_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
    )
    .bind(g.user_id)
    .bind(g.role)
    .bind(g.agency_id)
    .bind(g.area_id)
    .bind(g.granted_by)
    .bind(g.at)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Makes `user` an admin (granted by nobody: from the command line), in the
/// caller's transaction; nothing if they are one.
pub async fn grant_admin(conn: &mut sqlx::AnyConnection, user: UserId, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO user_roles (user_id, role, created_at) VALUES ($1, 'admin', $2) ON CONFLICT DO NOTHING")
        .bind(user)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Who holds a grant, and which role it is.
#[derive(FromRow, Debug, Clone)]
pub struct Holder {
    pub user_id: UserId,
    pub role: String,
    pub username_key: String,
}

pub async fn holder(db: &Db, grant: i64) -> Result<Option<Holder>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.user_id, r.role, u.username_key FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.id = $1",
    )
    .bind(grant)
    .fetch_optional(&db.pool)
    .await
}

pub async fn revoke(db: &Db, grant: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM user_roles WHERE id = $1")
        .bind(grant)
        .execute(&db.pool)
        .await?;
    Ok(())
}
