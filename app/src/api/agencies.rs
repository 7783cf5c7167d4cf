//! Setting up a region: agencies, who answers what, categories and areas
//! the official list lacks. Admins only.
use crate::error::AppError;
use crate::model::AreaAdminPage;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    domain::{
        ids::{AgencyId, AreaId, CategoryId},
        parse_id, require_admin,
    },
    server::{agencies, area_import, for_page, request_ctx, state},
};

/// The admin page of one area (`area_id`; empty: pick one).
#[server(endpoint = "admin_area")]
pub async fn get_admin_area(#[server(default)] area_id: String) -> Result<AreaAdminPage, AppError> {
    let page = async {
        let ctx = request_ctx();
        require_admin(ctx.me.as_ref())?;
        let area = area_id.trim().parse::<i64>().ok();
        agencies::page(&state()?, ctx.lang, area).await
    };
    for_page(page.await)
}

/// Where the area's admin page is, with a notice.
#[cfg(feature = "ssr")]
fn back(area: i64, notice: &str) {
    leptos_axum::redirect(&format!("/admin/areas?area_id={area}&saved={notice}"));
}

#[server(endpoint = "create_agency")]
pub async fn create_agency(area_id: String, name: String, short_name: String) -> Result<(), AppError> {
    let ctx = request_ctx();
    super::forum::writer()?;
    let me = require_admin(ctx.me.as_ref())?;
    let area = parse_id("area_id", &area_id)?;
    let id = agencies::create(&state()?, AreaId(area), &name, &short_name).await?;
    tracing::info!(admin = me.id, agency = id.0, area, "agency created");
    back(area, "agency");
    Ok(())
}

#[server(endpoint = "update_agency")]
pub async fn update_agency(
    area_id: String,
    agency_id: String,
    name: String,
    short_name: String,
    #[server(default)] retired: String,
) -> Result<(), AppError> {
    let ctx = request_ctx();
    super::forum::writer()?;
    let me = require_admin(ctx.me.as_ref())?;
    let area = parse_id("area_id", &area_id)?;
    let agency = parse_id("agency_id", &agency_id)?;
    agencies::update(&state()?, AgencyId(agency), &name, &short_name, retired == "1").await?;
    tracing::info!(admin = me.id, agency, "agency updated");
    back(area, "agency");
    Ok(())
}

#[server(endpoint = "set_responsibility")]
pub async fn set_responsibility(area_id: String, category_id: String, agency_id: String) -> Result<(), AppError> {
    let ctx = request_ctx();
    super::forum::writer()?;
    let me = require_admin(ctx.me.as_ref())?;
    let area = parse_id("area_id", &area_id)?;
    let category = parse_id("category_id", &category_id)?;
    let agency = match agency_id.trim() {
        "" => None,
        a => Some(AgencyId(parse_id("agency_id", a)?)),
    };
    agencies::set_responsibility(&state()?, AreaId(area), CategoryId(category), agency).await?;
    tracing::info!(admin = me.id, area, category, agency = ?agency.map(|a| a.0), "responsibility set");
    back(area, "responsibility");
    Ok(())
}

#[server(endpoint = "save_category")]
pub async fn save_category(
    #[server(default)] area_id: String,
    #[server(default)] category_id: String,
    #[server(default)] slug: String,
    name_id: String,
    name_en: String,
) -> Result<(), AppError> {
    let ctx = request_ctx();
    super::forum::writer()?;
    let me = require_admin(ctx.me.as_ref())?;
    let id = match category_id.trim() {
        "" => None,
        c => Some(CategoryId(parse_id("category_id", c)?)),
    };
    agencies::save_category(&state()?, id, &slug, &name_id, &name_en).await?;
    tracing::info!(admin = me.id, "category saved");
    let area = area_id.trim().parse::<i64>().unwrap_or(0);
    back(area, "category");
    Ok(())
}

#[server(endpoint = "import_agencies")]
pub async fn import_agencies(area_id: String, csv: String) -> Result<(), AppError> {
    let ctx = request_ctx();
    super::forum::writer()?;
    let me = require_admin(ctx.me.as_ref())?;
    let area = parse_id("area_id", &area_id)?;
    let (created, lines) = agencies::import(&state()?, AreaId(area), &csv).await?;
    tracing::info!(admin = me.id, area, created, lines, "agencies imported");
    back(area, "import");
    Ok(())
}

/// An area the official list lacks, below `area_id`.
#[server(endpoint = "add_area")]
pub async fn add_area(area_id: String, name: String, kind: String) -> Result<(), AppError> {
    let ctx = request_ctx();
    super::forum::writer()?;
    let me = require_admin(ctx.me.as_ref())?;
    let parent = parse_id("area_id", &area_id)?;
    let st = state()?;
    let id = area_import::add_local(&st.db, AreaId(parent), &name, &kind).await?;
    st.caches.areas.forget_areas();
    // Found by the type-ahead at once here (other servers within a minute).
    st.caches.areas.searches.clear();
    tracing::info!(admin = me.id, parent, area = id.0, "local area added");
    back(id.0, "area");
    Ok(())
}
