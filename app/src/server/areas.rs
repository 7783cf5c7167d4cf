//! Queries about areas, agencies and recent activity. The area tree is read in
//! the order of its precomputed `path`; counts live on the area row.
use super::cache::{agency_summary, AreaInfo, Categories, FRESH_FOR};
use super::{time, AppState};
use crate::db::activity::{self, Activity};
use crate::db::agencies as agency_rows;
use crate::db::areas::{self as rows, Area};
use crate::db::{categories as category_rows, Db};
use crate::domain::ids::{AgencyId, AreaId};
use crate::error::{AppError, AppResult};
use crate::model::{ActivityItem, AgencySummary, AreaLevel, AreaPage, AreaSummary, Lang};
use std::sync::Arc;
use std::time::Instant;

fn level(s: &str) -> AreaLevel {
    match s {
        "province" => AreaLevel::Province,
        "city" => AreaLevel::City,
        "regency" => AreaLevel::Regency,
        "district" => AreaLevel::District,
        _ => AreaLevel::Village,
    }
}

fn area_summary(a: Area, lang: Lang) -> AreaSummary {
    AreaSummary {
        last_activity: a.last_activity_at.map(|t| time::date(lang, t, &a.timezone)),
        id: a.id.0,
        name: a.name,
        level: level(&a.level),
        kind_label: a.kind_label,
        depth: a.depth as u32,
        resident_count: a.resident_count,
    }
}

/// Every area, parents before children.
/// Every area in tree order (cached like areas).
pub async fn tree(st: &AppState, lang: Lang) -> AppResult<Vec<AreaSummary>> {
    let db = &st.db;
    let cached = match &*st.caches.areas.tree.lock().unwrap_or_else(|e| e.into_inner()) {
        Some((loaded, rows)) if loaded.elapsed() < FRESH_FOR => Some(rows.clone()),
        _ => None,
    };
    let rows = match cached {
        Some(rows) => rows,
        None => {
            let rows = Arc::new(rows::all(db).await?);
            *st.caches.areas.tree.lock().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), rows.clone()));
            rows
        }
    };
    Ok(rows.iter().map(|r| area_summary(r.clone(), lang)).collect())
}

pub async fn exists(db: &Db, id: i64) -> AppResult<bool> {
    Ok(rows::exists(db, AreaId(id)).await?)
}

/// Areas' names and time zones come from memory (see [`info`]); what is
/// listed, see [`crate::db::activity`].
async fn activity_items(st: &AppState, rows: Vec<Activity>, lang: Lang) -> AppResult<Vec<ActivityItem>> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let area = info(st, r.area_id.0).await?;
        out.push(ActivityItem {
            when: time::date_time(lang, r.created_at, area.timezone()),
            area_id: r.area_id.0,
            area_name: area.name().to_owned(),
            kind: r.kind,
            actor: r.actor,
        });
    }
    Ok(out)
}

pub async fn recent_activity(st: &AppState, lang: Lang, limit: i64) -> AppResult<Vec<ActivityItem>> {
    let db = &st.db;
    let rows = activity::recent(db, limit).await?;
    activity_items(st, rows, lang).await
}

/// The area's cached information; `NotFound` for an unknown id (not cached:
/// anyone can ask for any number).
pub async fn info(st: &AppState, id: i64) -> AppResult<Arc<AreaInfo>> {
    let db = &st.db;
    if let Some(info) = st.caches.areas.area(id) {
        return Ok(info);
    }
    match read_info(db, id).await {
        Ok(info) => {
            let info = Arc::new(info);
            st.caches.areas.put_area(id, info.clone());
            Ok(info)
        }
        Err(e) => {
            st.caches.areas.unrefresh(id);
            Err(e)
        }
    }
}

async fn read_info(db: &Db, id: i64) -> AppResult<AreaInfo> {
    let id = AreaId(id);
    let row = rows::get(db, id).await?.ok_or(AppError::NotFound)?;
    let ancestors = rows::ancestors(db, id).await?;
    let children = rows::children(db, id).await?;
    let agencies = agency_rows::serving(db, id).await?;
    Ok(AreaInfo {
        row,
        ancestors,
        children,
        agencies,
    })
}

/// The tree path of an area (`/1/4/`), or `None` if there is no such area.
pub async fn path(st: &AppState, id: i64) -> AppResult<Option<String>> {
    match info(st, id).await {
        Ok(info) => Ok(Some(info.row.path.clone())),
        Err(AppError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The paths of the areas `me` is a moderator of, for the rules of
/// `domain::permissions` (none for admins, who moderate everywhere, and
/// for nobody signed in).
pub async fn moderated_paths(st: &AppState, me: Option<&crate::model::Me>) -> AppResult<Vec<String>> {
    let mut paths = Vec::new();
    let Some(me) = me.filter(|m| !m.is_admin()) else {
        return Ok(paths);
    };
    for area in crate::domain::permissions::moderator_areas(me) {
        if let Some(p) = path(st, area.0).await? {
            paths.push(p);
        }
    }
    Ok(paths)
}

/// Does `me` moderate the area with this path (see
/// `domain::permissions::moderates`)?
pub async fn moderates(st: &AppState, me: &crate::model::Me, path: &str) -> AppResult<bool> {
    let moderated = moderated_paths(st, Some(me)).await?;
    Ok(crate::domain::permissions::moderates(me, &moderated, path))
}

pub async fn summary(st: &AppState, lang: Lang, id: i64) -> AppResult<AreaSummary> {
    Ok(area_summary(info(st, id).await?.row.clone(), lang))
}

/// The categories (id, Indonesian name, English name), cached like areas.
/// A category's name in `lang`, from memory ("" for an unknown id).
pub fn category_name(categories: &Categories, lang: Lang, id: i64) -> String {
    categories
        .iter()
        .find(|(c, _, _)| *c == id)
        .map(|(_, name_id, name_en)| if lang == Lang::En { name_en } else { name_id }.clone())
        .unwrap_or_default()
}

pub async fn categories(st: &AppState) -> AppResult<Categories> {
    let db = &st.db;
    if let Some((loaded, rows)) = &*st.caches.areas.categories.lock().unwrap_or_else(|e| e.into_inner()) {
        if loaded.elapsed() < FRESH_FOR {
            return Ok(rows.clone());
        }
    }
    let rows = category_rows::all(db).await?;
    let rows: Categories = Arc::new(rows.into_iter().map(|c| (c.id.0, c.name_id, c.name_en)).collect());
    *st.caches.areas.categories.lock().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), rows.clone()));
    Ok(rows)
}

pub async fn page(st: &AppState, lang: Lang, id: i64) -> AppResult<AreaPage> {
    let db = &st.db;
    let info = info(st, id).await?;
    let recent = activity::recent_in(db, AreaId(id)).await?;
    let summaries = |rows: &[Area]| rows.iter().map(|r| area_summary(r.clone(), lang)).collect();
    Ok(AreaPage {
        area: area_summary(info.row.clone(), lang),
        timezone: info.row.timezone.clone(),
        ancestors: summaries(&info.ancestors),
        children: summaries(&info.children),
        agencies: info.agencies(),
        recent: activity_items(st, recent, lang).await?,
    })
}

pub async fn agencies(db: &Db) -> AppResult<Vec<AgencySummary>> {
    Ok(agency_rows::all(db).await?.iter().map(agency_summary).collect())
}

pub async fn agency_exists(db: &Db, id: i64) -> AppResult<bool> {
    Ok(agency_rows::exists(db, AgencyId(id)).await?)
}

/// (area id, support threshold, response days) of every area.
pub async fn rules(db: &Db) -> AppResult<Vec<(i64, i64, i64)>> {
    Ok(rows::rules(db)
        .await?
        .into_iter()
        .map(|r| (r.id.0, r.support_threshold, r.response_days))
        .collect())
}

/// Sets an area's support threshold and response deadline (working days).
pub async fn set_rules(db: &Db, area: i64, support_threshold: i64, response_days: i64) -> AppResult<()> {
    let r = rows::Rules {
        id: AreaId(area),
        support_threshold,
        response_days,
    };
    Ok(rows::set_rules(db, r).await?)
}
