//! Role management. Admins only.
use crate::error::AppError;
use crate::model::AdminPage;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    domain::{ids::AreaId, may_revoke, parse_id, require_admin, whole_number, RoleTarget},
    error::FieldProblem,
    model::Role,
    server::{area_settings, areas, for_page, request_ctx, state, time::now, users},
};

#[server(endpoint = "admin")]
pub async fn get_admin(q: String, #[server(default)] area_id: String) -> Result<AdminPage, AppError> {
    let page = async {
        let ctx = request_ctx();
        require_admin(ctx.me.as_ref())?;
        let st = state()?;
        let db = &st.db;
        let area = area_id.trim().parse::<i64>().ok();
        Ok(AdminPage {
            users: users::search(db, &q).await?,
            agencies: areas::agencies_for(&st, area).await?,
            area_choice: areas::maybe_choice(&st, ctx.lang, area, true).await?,
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
    let st = state()?;
    let db = &st.db;
    let key = username.trim().to_ascii_lowercase();
    if key.is_empty() {
        return Err(AppError::field("username", FieldProblem::Required));
    }
    let target = RoleTarget::parse(&role, &agency_id, &area_id)?;
    let user = users::id_by_key(db, &key).await?;
    let user = user.ok_or_else(|| AppError::field("username", FieldProblem::Unknown))?;
    let (agency, area) = match target {
        RoleTarget::Officer { agency_id } | RoleTarget::Head { agency_id } => {
            match crate::db::agencies::get(db, crate::domain::ids::AgencyId(agency_id)).await? {
                None => return Err(AppError::field("agency_id", FieldProblem::Unknown)),
                Some(g) if g.retired_at.is_some() => return Err(AppError::field("agency_id", FieldProblem::Retired)),
                Some(_) => {}
            }
            (Some(agency_id), None)
        }
        RoleTarget::Moderator { area_id } => {
            areas::chosen(&st, "area_id", area_id).await?;
            (None, Some(area_id))
        }
        RoleTarget::Planner { area_id } => {
            areas::chosen(&st, "area_id", area_id).await?;
            crate::server::musrenbang::plans_here(&st, area_id).await?;
            (None, Some(area_id))
        }
        RoleTarget::Admin => (None, None),
    };
    users::grant(db, user, target.role(), agency, area, me.id, now()).await?;
    if agency.is_some() {
        crate::server::notify::plan_desk_digest(&st, crate::domain::ids::UserId(user)).await?;
    }
    tracing::info!(admin = me.id, user, role = target.role().code(), "role granted");
    leptos_axum::redirect(&format!("/admin?q={key}&saved=1"));
    Ok(())
}

#[server(endpoint = "revoke_role")]
pub async fn revoke_role(grant_id: String) -> Result<(), AppError> {
    let ctx = request_ctx();
    super::forum::writer()?;
    let me = require_admin(ctx.me.as_ref())?;
    let st = state()?;
    let db = &st.db;
    let grant_id = parse_id("grant_id", &grant_id)?;
    let holder = users::grant_holder(db, grant_id).await?.ok_or(AppError::NotFound)?;
    let (user, key) = (holder.user_id.0, holder.username_key);
    let role = Role::parse(&holder.role).ok_or(AppError::Internal)?;
    may_revoke(me, user, role)?;
    users::revoke(db, grant_id).await?;
    tracing::info!(admin = me.id, user, role = role.code(), "role revoked");
    leptos_axum::redirect(&format!("/admin?q={key}"));
    Ok(())
}

/// Sets an area's support threshold and response deadline (working days),
/// or (`inherit`) makes it take them from the area above again.
#[server(endpoint = "set_area_rules")]
pub async fn set_area_rules(
    rules_area_id: String,
    #[server(default)] support_threshold: String,
    #[server(default)] response_days: String,
    #[server(default)] inherit: String,
) -> Result<(), AppError> {
    let ctx = request_ctx();
    super::forum::writer()?;
    let me = require_admin(ctx.me.as_ref())?;
    let area = parse_id("rules_area_id", &rules_area_id)?;
    let rules = if inherit.is_empty() {
        Some([
            whole_number("support_threshold", &support_threshold, 1_000_000)?,
            whole_number("response_days", &response_days, 60)?,
        ])
    } else {
        None
    };
    area_settings::set_proposal_rules(&state()?.db, AreaId(area), rules).await?;
    tracing::info!(admin = me.id, area, ?rules, "area rules set");
    leptos_axum::redirect(&format!("/admin/areas?area_id={area}&saved=rules"));
    Ok(())
}
