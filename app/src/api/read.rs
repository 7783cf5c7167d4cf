//! Public pages' data. Anyone, signed in or not, may read these.
use crate::error::AppError;
use crate::model::{AreaPage, AreaSummary, HomePage, ProfilePage};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::{areas, for_page, request_ctx, state, time, users};

#[server(endpoint = "home")]
pub async fn get_home() -> Result<HomePage, AppError> {
    let ctx = request_ctx();
    let db = &state()?.db;
    Ok(HomePage {
        areas: areas::tree(db, ctx.lang).await?,
        recent: areas::recent_activity(db, ctx.lang, 10).await?,
        joined: match &ctx.me {
            Some(me) => {
                Some(crate::server::forums::joined_threads(db, ctx.lang, crate::domain::ids::UserId(me.id), 10).await?)
            }
            None => None,
        },
    })
}

#[server(endpoint = "area")]
pub async fn get_area(id: String) -> Result<AreaPage, AppError> {
    let ctx = request_ctx();
    let page = match id.parse::<i64>() {
        Ok(id) => areas::page(&state()?.db, ctx.lang, id).await,
        Err(_) => Err(AppError::NotFound),
    };
    for_page(page)
}

/// The area tree for choosing a home area.
#[server(endpoint = "area_options")]
pub async fn get_area_options() -> Result<Vec<AreaSummary>, AppError> {
    areas::tree(&state()?.db, request_ctx().lang).await
}

#[server(endpoint = "profile")]
pub async fn get_profile(username: String) -> Result<ProfilePage, AppError> {
    for_page(profile(username).await)
}

#[cfg(feature = "ssr")]
async fn profile(username: String) -> Result<ProfilePage, AppError> {
    let ctx = request_ctx();
    let db = &state()?.db;
    let row: Option<(i64, String, String, i64, i64)> = sqlx::query_as(
        "SELECT id, username, display_name, home_area_id, created_at FROM users WHERE username_key = $1",
    )
    .bind(username.trim().to_ascii_lowercase())
    .fetch_optional(&db.pool)
    .await?;
    let (id, username, display_name, area_id, created_at) = row.ok_or(AppError::NotFound)?;
    let area = areas::page(db, ctx.lang, area_id).await?;
    let moderation =
        crate::server::moderation::account_state(db, ctx.lang, ctx.me.as_ref(), &username, time::now()).await?;
    Ok(ProfilePage {
        username,
        display_name,
        joined: time::date(ctx.lang, created_at, &area.timezone),
        home_area: area.area,
        roles: users::roles_of(db, id).await?,
        moderation,
    })
}
