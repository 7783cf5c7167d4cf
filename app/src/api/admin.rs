//! Role management. Admins only.
use crate::error::AppError;
use crate::model::AdminPage;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    domain::{may_revoke, parse_id, require_admin, whole_number, RoleTarget},
    error::FieldProblem,
    model::Role,
    server::{areas, for_page, request_ctx, state, time::now, users},
};

#[server(endpoint = "admin")]
pub async fn get_admin(q: String) -> Result<AdminPage, AppError> {
    let page = async {
        let ctx = request_ctx();
        require_admin(ctx.me.as_ref())?;
        let db = &state()?.db;
        Ok(AdminPage {
            users: users::search(db, &q).await?,
            agencies: areas::agencies(db).await?,
            areas: areas::tree(db, ctx.lang).await?,
            rules: sqlx::query_as("SELECT id, support_threshold, response_days FROM areas")
                .fetch_all(&db.pool)
                .await?,
        })
    };
    for_page(page.await)
}

#[server(endpoint = "grant_role")]
pub async fn grant_role(
    username: String,
    role: String,
    #[server(default)] agency_id: String,
    #[server(default)] area_id: String,
) -> Result<(), AppError> {
    let ctx = request_ctx();
    super::forum::writer()?;
    let me = require_admin(ctx.me.as_ref())?;
    let db = &state()?.db;
    let key = username.trim().to_ascii_lowercase();
    if key.is_empty() {
        return Err(AppError::field("username", FieldProblem::Required));
    }
    let target = RoleTarget::parse(&role, &agency_id, &area_id)?;
    let user: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE username_key = $1")
        .bind(&key)
        .fetch_optional(&db.pool)
        .await?;
    let user = user.ok_or_else(|| AppError::field("username", FieldProblem::Unknown))?;
    let (agency, area) = match target {
        RoleTarget::Officer { agency_id } => {
            if !areas::agency_exists(db, agency_id).await? {
                return Err(AppError::field("agency_id", FieldProblem::Unknown));
            }
            (Some(agency_id), None)
        }
        RoleTarget::Moderator { area_id } => {
            if !areas::exists(db, area_id).await? {
                return Err(AppError::field("area_id", FieldProblem::Unknown));
            }
            (None, Some(area_id))
        }
        RoleTarget::Admin => (None, None),
    };
    sqlx::query(
        "INSERT INTO user_roles (user_id, role, agency_id, area_id, granted_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
    )
    .bind(user)
    .bind(target.role().code())
    .bind(agency)
    .bind(area)
    .bind(me.id)
    .bind(now())
    .execute(&db.pool)
    .await?;
    tracing::info!(admin = me.id, user, role = target.role().code(), "role granted");
    leptos_axum::redirect(&format!("/admin?q={key}&saved=1"));
    Ok(())
}

#[server(endpoint = "revoke_role")]
pub async fn revoke_role(grant_id: String) -> Result<(), AppError> {
    let ctx = request_ctx();
    super::forum::writer()?;
    let me = require_admin(ctx.me.as_ref())?;
    let db = &state()?.db;
    let grant_id = parse_id("grant_id", &grant_id)?;
    let row: Option<(i64, String, String)> = sqlx::query_as(
        "SELECT r.user_id, r.role, u.username_key FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.id = $1",
    )
    .bind(grant_id)
    .fetch_optional(&db.pool)
    .await?;
    let (user, role, key) = row.ok_or(AppError::NotFound)?;
    let role = Role::parse(&role).ok_or(AppError::Internal)?;
    may_revoke(me, user, role)?;
    sqlx::query("DELETE FROM user_roles WHERE id = $1")
        .bind(grant_id)
        .execute(&db.pool)
        .await?;
    tracing::info!(admin = me.id, user, role = role.code(), "role revoked");
    leptos_axum::redirect(&format!("/admin?q={key}"));
    Ok(())
}

/// Sets an area's support threshold and response deadline (working days).
#[server(endpoint = "set_area_rules")]
pub async fn set_area_rules(
    rules_area_id: String,
    support_threshold: String,
    response_days: String,
) -> Result<(), AppError> {
    let ctx = request_ctx();
    super::forum::writer()?;
    let me = require_admin(ctx.me.as_ref())?;
    let db = &state()?.db;
    let area = parse_id("rules_area_id", &rules_area_id)?;
    let threshold = whole_number("support_threshold", &support_threshold, 1_000_000)?;
    let days = whole_number("response_days", &response_days, 60)?;
    if !areas::exists(db, area).await? {
        return Err(AppError::field("rules_area_id", FieldProblem::Unknown));
    }
    sqlx::query("UPDATE areas SET support_threshold = $1, response_days = $2 WHERE id = $3")
        .bind(threshold)
        .bind(days)
        .bind(area)
        .execute(&db.pool)
        .await?;
    tracing::info!(admin = me.id, area, threshold, days, "area rules set");
    leptos_axum::redirect("/admin?rules=1");
    Ok(())
}
