//! Public pages' data. Anyone, signed in or not, may read these.
use crate::error::AppError;
use crate::model::{AreaPage, AreaSummary, HomePage, ProfilePage};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::{areas, for_page, request_ctx, state, time, users};

#[server(endpoint = "home")]
pub async fn get_home() -> Result<HomePage, AppError> {
    let ctx = request_ctx();
    let st = state()?;
    Ok(HomePage {
        areas: areas::tree(&st, ctx.lang).await?,
        recent: areas::recent_activity(&st, ctx.lang, 10).await?,
        joined: match &ctx.me {
            Some(me) => {
                Some(crate::server::forums::joined_threads(&st, ctx.lang, crate::domain::ids::UserId(me.id), 10).await?)
            }
            None => None,
        },
    })
}

#[server(endpoint = "area")]
pub async fn get_area(id: String) -> Result<AreaPage, AppError> {
    let ctx = request_ctx();
    let page = match id.parse::<i64>() {
        Ok(id) => areas::page(&state()?, ctx.lang, id).await,
        Err(_) => Err(AppError::NotFound),
    };
    for_page(page)
}

/// The area tree for choosing a home area.
#[server(endpoint = "area_options")]
pub async fn get_area_options() -> Result<Vec<AreaSummary>, AppError> {
    areas::tree(&state()?, request_ctx().lang).await
}

#[server(endpoint = "profile")]
pub async fn get_profile(username: String) -> Result<ProfilePage, AppError> {
    for_page(profile(username).await)
}

#[cfg(feature = "ssr")]
async fn profile(username: String) -> Result<ProfilePage, AppError> {
    let ctx = request_ctx();
    let st = state()?;
    let db = &st.db;
    let p = users::profile(db, &username).await?.ok_or(AppError::NotFound)?;
    let area = areas::page(&st, ctx.lang, p.home_area_id.0).await?;
    let moderation =
        crate::server::moderation::account_state(&st, ctx.lang, ctx.me.as_ref(), &p.username, time::now()).await?;
    Ok(ProfilePage {
        joined: time::date(ctx.lang, p.created_at, &area.timezone),
        home_area: area.area,
        roles: users::roles_of(db, p.id.0).await?,
        username: p.username,
        display_name: p.display_name,
        moderation,
    })
}
