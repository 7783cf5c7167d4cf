//! Queries about areas, agencies and recent activity. The area tree is read in
//! the order of its precomputed `path`; counts live on the area row.
use super::cache::{agency_summary, AreaInfo, Categories, Highlights, Matches, FRESH_FOR};
use super::{time, AppState};
use crate::db::activity::{self, Activity};
use crate::db::agencies as agency_rows;
use crate::db::areas::{self as rows, Area};
use crate::db::{categories as category_rows, Db};
use crate::domain::ids::{AgencyId, AreaId};
use crate::error::{AppError, AppResult};
use crate::model::{
    ActivityItem, AgencySummary, AreaChoice, AreaItem, AreaLevel, AreaPage, AreaPickPage, AreaSummary, Lang,
};
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
    let highlights = highlights(st, id).await?;
    let summaries = |rows: &[Area]| rows.iter().map(|r| area_summary(r.clone(), lang)).collect();
    Ok(AreaPage {
        area: area_summary(info.row.clone(), lang),
        timezone: info.row.timezone.clone(),
        ancestors: summaries(&info.ancestors),
        children: summaries(&info.children),
        agencies: info.agencies(),
        recent: activity_items(st, recent, lang).await?,
        proposals: highlights.proposals.clone(),
        complaints: highlights.complaints.clone(),
    })
}

/// How many proposals and complaints an area's page lists.
pub const HIGHLIGHTS: i64 = 5;

/// The newest proposals and public complaints of an area, kept a few
/// seconds (the area page is among the most read).
async fn highlights(st: &AppState, id: i64) -> AppResult<Arc<Highlights>> {
    if let Some(h) = st.caches.areas.highlights.get(&id) {
        return Ok(h);
    }
    let item = |id, title, state, supports| AreaItem {
        id,
        title,
        state,
        supports,
    };
    let h = Arc::new(Highlights {
        proposals: crate::db::proposals::newest_in(&st.db, AreaId(id), HIGHLIGHTS)
            .await?
            .into_iter()
            .map(|(i, t, s, n)| item(i, t, s, n))
            .collect(),
        complaints: crate::db::complaints::newest_in(&st.db, AreaId(id), HIGHLIGHTS)
            .await?
            .into_iter()
            .map(|(i, t, s)| item(i, t, s, 0))
            .collect(),
    });
    st.caches.areas.highlights.put([(id, h.clone())]);
    Ok(h)
}

/// Most agencies a choice lists without an area to narrow them.
pub const AGENCIES_LISTED: usize = 200;

/// The agencies a filter or form offers: those serving `area` (or an area
/// above it); without an area, every agency if there are at most
/// [`AGENCIES_LISTED`] (one region), else none until an area is chosen.
pub async fn agencies_for(st: &AppState, area: Option<i64>) -> AppResult<Vec<AgencySummary>> {
    if let Some(a) = area {
        return Ok(info(st, a).await?.agencies());
    }
    let rows = agency_rows::first(&st.db, AGENCIES_LISTED as i64 + 1).await?;
    if rows.len() > AGENCIES_LISTED {
        return Ok(Vec::new());
    }
    Ok(rows.iter().map(agency_summary).collect())
}

pub async fn agency_exists(db: &Db, id: i64) -> AppResult<bool> {
    Ok(agency_rows::exists(db, AgencyId(id)).await?)
}

/// How many matches a search shows.
pub const SEARCH_SHOWN: usize = 20;

fn choice(a: &Area, lang: Lang, context: String) -> AreaChoice {
    let level = level(&a.level);
    AreaChoice {
        id: a.id.0,
        name: a.name.clone(),
        kind: crate::i18n::area_kind(lang, level, &a.kind_label),
        context,
        leaf: level == AreaLevel::Village,
        active: a.active == 1,
    }
}

/// The area `id` as a picker shows it (its ancestors from memory).
pub async fn area_choice(st: &AppState, lang: Lang, id: i64) -> AppResult<AreaChoice> {
    let info = info(st, id).await?;
    let context = info
        .ancestors
        .iter()
        .rev()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    Ok(choice(&info.row, lang, context))
}

/// The area `id` as a picker shows it, or None for no id, an unknown one or
/// (with `active_only`) one no longer listed.
pub async fn maybe_choice(
    st: &AppState,
    lang: Lang,
    id: Option<i64>,
    active_only: bool,
) -> AppResult<Option<AreaChoice>> {
    let Some(id) = id else { return Ok(None) };
    match area_choice(st, lang, id).await {
        Ok(c) if c.active || !active_only => Ok(Some(c)),
        Ok(_) | Err(AppError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Active areas matching what a person typed: an official code
/// ("51.71.03") or the start of a name ("plaju"). Returns the matches (at
/// most [`SEARCH_SHOWN`]) and whether there were more. One indexed read,
/// whatever the number of areas; the names above each match (read from
/// their paths) come from memory, and so does an answer given in the last
/// minute (see [`crate::server::cache::AreaCache::searches`]).
pub async fn search(st: &AppState, lang: Lang, q: &str) -> AppResult<Matches> {
    let q: String = q.trim().chars().take(100).collect();
    let is_code = crate::domain::official::code_level(&q).is_some();
    let key = crate::domain::official::search_key(&q);
    if key.is_empty() {
        return Ok(Arc::new((Vec::new(), false)));
    }
    // A code is looked up as written, a name by its folded start.
    let asked = (lang, if is_code { format!("#{q}") } else { key.clone() });
    if let Some(known) = st.caches.areas.searches.get(&asked) {
        return Ok(known);
    }
    let mut found = rows::search(&st.db, &key, is_code.then_some(q.as_str()), SEARCH_SHOWN as i64 + 1).await?;
    let more = found.len() > SEARCH_SHOWN;
    found.truncate(SEARCH_SHOWN);
    let above: Vec<Vec<i64>> = found
        .iter()
        .map(|a| {
            let mut ids = crate::domain::forum_rules::path_ids(&a.path);
            ids.pop();
            ids
        })
        .collect();
    let names = names(st, &above.concat()).await?;
    let out = found
        .iter()
        .zip(above)
        .map(|(a, ids)| {
            let context = ids
                .iter()
                .rev()
                .filter_map(|id| names.get(id).map(|n| &**n))
                .collect::<Vec<_>>()
                .join(", ");
            choice(a, lang, context)
        })
        .collect();
    let answer: Matches = Arc::new((out, more));
    st.caches.areas.searches.put([(asked, answer.clone())]);
    Ok(answer)
}

/// The names of these areas: from memory, the rest in one read.
async fn names(st: &AppState, ids: &[i64]) -> AppResult<std::collections::HashMap<i64, Arc<str>>> {
    let (known, missing) = st.caches.areas.names.get_many(ids);
    let mut known: std::collections::HashMap<i64, Arc<str>> = known.into_iter().map(|(id, n)| (*id, n)).collect();
    if !missing.is_empty() {
        let mut missing: Vec<i64> = missing.into_iter().copied().collect();
        missing.sort_unstable();
        missing.dedup();
        let read: Vec<(i64, Arc<str>)> = rows::names(&st.db, &missing)
            .await?
            .into_iter()
            .map(|(id, name)| (id, Arc::from(name)))
            .collect();
        st.caches.areas.names.put(read.iter().cloned());
        known.extend(read);
    }
    Ok(known)
}

/// The picker page: matches of `q` if given, and the step `at` (None: the
/// provinces) with the areas right below it.
pub async fn pick_page(st: &AppState, lang: Lang, q: &str, at: Option<i64>) -> AppResult<AreaPickPage> {
    let (results, more) = if q.trim().is_empty() {
        (None, false)
    } else {
        let found = search(st, lang, q).await?;
        (Some(found.0.clone()), found.1)
    };
    let at = maybe_choice(st, lang, at, false).await?;
    let (trail, children) = match &at {
        Some(a) => {
            let info = info(st, a.id).await?;
            let mut trail = Vec::new();
            for (i, up) in info.ancestors.iter().enumerate() {
                let context = info.ancestors[..i]
                    .iter()
                    .rev()
                    .map(|a| a.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                trail.push(choice(up, lang, context));
            }
            let context = std::iter::once(info.row.name.as_str())
                .chain(info.ancestors.iter().rev().map(|a| a.name.as_str()))
                .collect::<Vec<_>>()
                .join(", ");
            let children = info
                .children
                .iter()
                .filter(|c| c.active == 1)
                .map(|c| choice(c, lang, context.clone()))
                .collect();
            (trail, children)
        }
        None => {
            let provinces = provinces(st).await?;
            (
                Vec::new(),
                provinces.iter().map(|p| choice(p, lang, String::new())).collect(),
            )
        }
    };
    Ok(AreaPickPage {
        query: q.trim().chars().take(100).collect(),
        results,
        more,
        at,
        trail,
        children,
    })
}

/// The active provinces, by name (cached like areas: 38 rows).
pub async fn provinces(st: &AppState) -> AppResult<Arc<Vec<Area>>> {
    if let Some((loaded, rows)) = &*st.caches.areas.provinces.lock().unwrap_or_else(|e| e.into_inner()) {
        if loaded.elapsed() < FRESH_FOR {
            return Ok(rows.clone());
        }
    }
    let rows = Arc::new(rows::active_children(&st.db, None).await?);
    *st.caches.areas.provinces.lock().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), rows.clone()));
    Ok(rows)
}

/// The provinces as summaries (the home page for a visitor).
pub async fn province_summaries(st: &AppState, lang: Lang) -> AppResult<Vec<AreaSummary>> {
    Ok(provinces(st)
        .await?
        .iter()
        .map(|r| area_summary(r.clone(), lang))
        .collect())
}

/// `id` and the areas above it, from the top (a person's home chain).
pub async fn chain(st: &AppState, lang: Lang, id: i64) -> AppResult<Vec<AreaSummary>> {
    let info = info(st, id).await?;
    let mut out: Vec<AreaSummary> = info.ancestors.iter().map(|a| area_summary(a.clone(), lang)).collect();
    out.push(area_summary(info.row.clone(), lang));
    Ok(out)
}

/// An area a person chose (a form's `field`): it must exist and still be
/// on the official list.
/// A home area: as [`chosen`], and a desa or kelurahan (or, where the
/// official list stops higher, an area with none below it). Supports and
/// resident counts belong to the village where a person lives; a city as
/// one's home would quietly shut them out of every village's proposals.
pub async fn home(st: &AppState, field: &str, id: i64) -> AppResult<AreaId> {
    let area = chosen(st, field, id).await?;
    if !info(st, id).await?.children.is_empty() {
        return Err(AppError::field(field, crate::error::FieldProblem::NotVillage));
    }
    Ok(area)
}

pub async fn chosen(st: &AppState, field: &str, id: i64) -> AppResult<AreaId> {
    match info(st, id).await {
        Ok(info) if info.row.active == 1 => Ok(AreaId(id)),
        Ok(_) => Err(AppError::field(field, crate::error::FieldProblem::Inactive)),
        Err(AppError::NotFound) => Err(AppError::field(field, crate::error::FieldProblem::Unknown)),
        Err(e) => Err(e),
    }
}
