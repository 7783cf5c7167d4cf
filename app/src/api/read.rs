//! Public pages' data. Anyone, signed in or not, may read these.
use crate::error::AppError;
use crate::model::{AreaChoice, AreaPage, AreaPickPage, HomePage, ProfilePage};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::{areas, for_page, request_ctx, state, time, users};

#[server(endpoint = "home")]
pub async fn get_home() -> Result<HomePage, AppError> {
    let ctx = request_ctx();
    let st = state()?;
    let (provinces, home_chain) = match &ctx.me {
        Some(me) => (Vec::new(), areas::chain(&st, ctx.lang, me.home_area_id).await?),
        None => (areas::province_summaries(&st, ctx.lang).await?, Vec::new()),
    };
    Ok(HomePage {
        provinces,
        home_chain,
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
    let page = async { area_data(&state()?, ctx.lang, &id).await };
    for_page(page.await)
}

/// [`get_area`]'s answer for the `id` in an address.
#[cfg(feature = "ssr")]
pub(crate) async fn area_data(
    st: &crate::server::AppState,
    lang: crate::model::Lang,
    id: &str,
) -> Result<AreaPage, AppError> {
    match id.parse::<i64>() {
        Ok(id) => areas::page(st, lang, id).await,
        Err(_) => Err(AppError::NotFound),
    }
}

/// The area picker's page: matches of `q`, and the step `at` with the areas
/// below it (the provinces without one).
#[server(endpoint = "area_pick")]
pub async fn get_area_pick(q: String, at: String) -> Result<AreaPickPage, AppError> {
    let ctx = request_ctx();
    let at = at.trim().parse::<i64>().ok();
    for_page(areas::pick_page(&state()?, ctx.lang, &q, at).await)
}

/// Type-ahead: areas whose name starts with `q` (or with this code), each
/// with its ancestors.
#[server(endpoint = "search_areas")]
pub async fn search_areas(q: String) -> Result<Vec<AreaChoice>, AppError> {
    let ctx = request_ctx();
    Ok(areas::search(&state()?, ctx.lang, &q).await?.0.clone())
}

/// One area as a picker shows it (None for an unknown or inactive id).
#[server(endpoint = "area_choice")]
pub async fn get_area_choice(id: String) -> Result<Option<AreaChoice>, AppError> {
    let ctx = request_ctx();
    let id = id.trim().parse::<i64>().ok();
    areas::maybe_choice(&state()?, ctx.lang, id, true).await
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
