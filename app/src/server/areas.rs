//! Queries about areas, agencies and recent activity. The area tree is read in
//! the order of its precomputed `path`; counts live on the area row.
use super::time;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::model::{ActivityItem, AgencySummary, AreaLevel, AreaPage, AreaSummary, Lang};
use sqlx::FromRow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(FromRow, Clone)]
struct AreaRow {
    id: i64,
    name: String,
    level: String,
    kind_label: String,
    depth: i64,
    timezone: String,
    resident_count: i64,
    last_activity_at: Option<i64>,
    path: String,
}

const AREA_COLS: &str = "id, name, level, kind_label, depth, timezone, resident_count, last_activity_at, path";

fn level(s: &str) -> AreaLevel {
    match s {
        "province" => AreaLevel::Province,
        "city" => AreaLevel::City,
        "regency" => AreaLevel::Regency,
        "district" => AreaLevel::District,
        _ => AreaLevel::Village,
    }
}

impl AreaRow {
    fn summary(self, lang: Lang) -> AreaSummary {
        AreaSummary {
            last_activity: self.last_activity_at.map(|t| time::date(lang, t, &self.timezone)),
            id: self.id,
            name: self.name,
            level: level(&self.level),
            kind_label: self.kind_label,
            depth: self.depth as u32,
            resident_count: self.resident_count,
        }
    }
}

/// Every area, parents before children.
/// Every area in tree order (cached like areas).
pub async fn tree(db: &Db, lang: Lang) -> AppResult<Vec<AreaSummary>> {
    let cached = match &*db.cache.tree.lock().unwrap_or_else(|e| e.into_inner()) {
        Some((loaded, rows)) if loaded.elapsed() < FRESH_FOR => Some(rows.clone()),
        _ => None,
    };
    let rows = match cached {
        Some(rows) => rows,
        None => {
            let rows: Vec<AreaRow> = sqlx::query_as(&format!("SELECT {AREA_COLS} FROM areas ORDER BY path"))
                .fetch_all(&db.pool)
                .await?;
            let rows = Arc::new(rows);
            *db.cache.tree.lock().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), rows.clone()));
            rows
        }
    };
    Ok(rows.iter().map(|r| r.clone().summary(lang)).collect())
}

pub async fn exists(db: &Db, id: i64) -> AppResult<bool> {
    let n: Option<i64> = sqlx::query_scalar("SELECT id FROM areas WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(n.is_some())
}

#[derive(FromRow)]
struct ActivityRow {
    area_id: i64,
    kind: String,
    actor: String,
    created_at: i64,
}

/// Areas' names and time zones come from memory (see [`activity_items`]).
/// Only what people wrote in public: a sign-up or a forum join shown with a
/// name, a place and a minute could be matched with an anonymous complaint
/// filed in the same place a minute later, so those are never listed (and
/// no longer recorded; migration 0010 removed the old ones).
const ACTIVITY: &str = "SELECT v.area_id, v.kind, u.display_name AS actor, v.created_at \
     FROM activity v JOIN users u ON u.id = v.actor_id WHERE v.kind IN ('thread', 'reply')";

async fn activity_items(db: &Db, rows: Vec<ActivityRow>, lang: Lang) -> AppResult<Vec<ActivityItem>> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let area = info(db, r.area_id).await?;
        out.push(ActivityItem {
            when: time::date_time(lang, r.created_at, area.timezone()),
            area_id: r.area_id,
            area_name: area.name().to_owned(),
            kind: r.kind,
            actor: r.actor,
        });
    }
    Ok(out)
}

pub async fn recent_activity(db: &Db, lang: Lang, limit: i64) -> AppResult<Vec<ActivityItem>> {
    let rows: Vec<ActivityRow> = sqlx::query_as(&format!("{ACTIVITY} ORDER BY v.id DESC LIMIT $1"))
        .bind(limit)
        .fetch_all(&db.pool)
        .await?;
    activity_items(db, rows, lang).await
}

/// What every page about an area shows besides its live lists: the area, its
/// ancestors, its children and the agencies serving it. Read on nearly every
/// page and changed rarely, so each server keeps it in memory (see [`Cache`]).
#[derive(Clone)]
pub struct AreaInfo {
    row: AreaRow,
    ancestors: Vec<AreaRow>,
    children: Vec<AreaRow>,
    agencies: Vec<(i64, String)>,
}

impl AreaInfo {
    pub fn path(&self) -> &str {
        &self.row.path
    }

    pub fn timezone(&self) -> &str {
        &self.row.timezone
    }

    pub fn name(&self) -> &str {
        &self.row.name
    }

    /// The agencies serving the area or an area above it, by name.
    pub fn agencies(&self) -> Vec<AgencySummary> {
        self.agencies
            .iter()
            .map(|(id, name)| AgencySummary {
                id: *id,
                name: name.clone(),
            })
            .collect()
    }
}

/// How long a server may show an area's cached counters (residents, last
/// activity) before reading them again. Writes on this server forget the
/// cache at once; other servers behind the same load balancer catch up
/// within this time.
const FRESH_FOR: Duration = Duration::from_secs(5);
/// Beyond this many cached areas, stale entries are dropped.
const MAX_CACHED: usize = 4096;

struct Entry {
    loaded: Instant,
    /// Someone is already reading a fresh copy; others keep using this one.
    refreshing: bool,
    info: Arc<AreaInfo>,
}

/// (id, Indonesian name, English name) of every category.
pub type Categories = Arc<Vec<(i64, String, String)>>;

/// The per-server cache of [`AreaInfo`] and of the category list.
#[derive(Default)]
pub struct Cache {
    areas: Mutex<HashMap<i64, Entry>>,
    categories: Mutex<Option<(Instant, Categories)>>,
    /// Every area in tree order, for the area choices of forms and filters.
    tree: Mutex<Option<(Instant, Arc<Vec<AreaRow>>)>>,
}

impl Cache {
    /// After a write that changes an area row (its counters) or the tree.
    pub fn forget_areas(&self) {
        self.areas.lock().unwrap_or_else(|e| e.into_inner()).clear();
        *self.tree.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// A fresh enough copy, or `None` when the caller must read one. A stale
    /// copy is handed out while exactly one caller reads its replacement.
    fn area(&self, id: i64) -> Option<Arc<AreaInfo>> {
        let mut areas = self.areas.lock().unwrap_or_else(|e| e.into_inner());
        let e = areas.get_mut(&id)?;
        if e.loaded.elapsed() < FRESH_FOR || e.refreshing {
            return Some(e.info.clone());
        }
        e.refreshing = true;
        None
    }

    fn put_area(&self, id: i64, info: Arc<AreaInfo>) {
        let mut areas = self.areas.lock().unwrap_or_else(|e| e.into_inner());
        if areas.len() >= MAX_CACHED {
            areas.retain(|_, e| e.loaded.elapsed() < FRESH_FOR);
        }
        let entry = Entry {
            loaded: Instant::now(),
            refreshing: false,
            info,
        };
        areas.insert(id, entry);
    }

    fn unrefresh(&self, id: i64) {
        if let Some(e) = self.areas.lock().unwrap_or_else(|e| e.into_inner()).get_mut(&id) {
            e.refreshing = false;
        }
    }
}

/// The area's cached information; `NotFound` for an unknown id (not cached:
/// anyone can ask for any number).
pub async fn info(db: &Db, id: i64) -> AppResult<Arc<AreaInfo>> {
    if let Some(info) = db.cache.area(id) {
        return Ok(info);
    }
    match read_info(db, id).await {
        Ok(info) => {
            let info = Arc::new(info);
            db.cache.put_area(id, info.clone());
            Ok(info)
        }
        Err(e) => {
            db.cache.unrefresh(id);
            Err(e)
        }
    }
}

async fn read_info(db: &Db, id: i64) -> AppResult<AreaInfo> {
    let row: AreaRow = sqlx::query_as(&format!("SELECT {AREA_COLS} FROM areas WHERE id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    let ancestors: Vec<AreaRow> = sqlx::query_as(&format!(
        "WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM areas WHERE id = $1 \
         UNION ALL SELECT a.id, a.parent_id FROM areas a JOIN up ON a.id = up.parent_id) \
         SELECT {AREA_COLS} FROM areas WHERE id IN (SELECT id FROM up) AND id <> $1 ORDER BY depth"
    ))
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let children: Vec<AreaRow> = sqlx::query_as(&format!(
        "SELECT {AREA_COLS} FROM areas WHERE parent_id = $1 ORDER BY name"
    ))
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let agencies: Vec<(i64, String)> = sqlx::query_as(
        "SELECT g.id, g.name FROM agencies g JOIN agency_areas x ON x.agency_id = g.id WHERE x.area_id IN \
         (WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM areas WHERE id = $1 \
          UNION ALL SELECT a.id, a.parent_id FROM areas a JOIN up ON a.id = up.parent_id) SELECT id FROM up) \
         GROUP BY g.id, g.name ORDER BY g.name",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    Ok(AreaInfo {
        row,
        ancestors,
        children,
        agencies,
    })
}

/// The tree path of an area (`/1/4/`), or `None` if there is no such area.
pub async fn path(db: &Db, id: i64) -> AppResult<Option<String>> {
    match info(db, id).await {
        Ok(info) => Ok(Some(info.row.path.clone())),
        Err(AppError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The paths of the areas `me` is a moderator of, for the rules of
/// `domain::permissions` (none for admins, who moderate everywhere, and
/// for nobody signed in).
pub async fn moderated_paths(db: &Db, me: Option<&crate::model::Me>) -> AppResult<Vec<String>> {
    let mut paths = Vec::new();
    let Some(me) = me.filter(|m| !m.is_admin()) else {
        return Ok(paths);
    };
    for area in crate::domain::permissions::moderator_areas(me) {
        if let Some(p) = path(db, area.0).await? {
            paths.push(p);
        }
    }
    Ok(paths)
}

pub async fn summary(db: &Db, lang: Lang, id: i64) -> AppResult<AreaSummary> {
    Ok(info(db, id).await?.row.clone().summary(lang))
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

pub async fn categories(db: &Db) -> AppResult<Categories> {
    if let Some((loaded, rows)) = &*db.cache.categories.lock().unwrap_or_else(|e| e.into_inner()) {
        if loaded.elapsed() < FRESH_FOR {
            return Ok(rows.clone());
        }
    }
    let rows: Vec<(i64, String, String)> = sqlx::query_as("SELECT id, name_id, name_en FROM categories ORDER BY id")
        .fetch_all(&db.pool)
        .await?;
    let rows = Arc::new(rows);
    *db.cache.categories.lock().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), rows.clone()));
    Ok(rows)
}

pub async fn page(db: &Db, lang: Lang, id: i64) -> AppResult<AreaPage> {
    let info = info(db, id).await?;
    let recent: Vec<ActivityRow> =
        sqlx::query_as(&format!("{ACTIVITY} AND v.area_id = $1 ORDER BY v.id DESC LIMIT 20"))
            .bind(id)
            .fetch_all(&db.pool)
            .await?;
    let summaries = |rows: &[AreaRow]| rows.iter().map(|r| r.clone().summary(lang)).collect();
    Ok(AreaPage {
        area: info.row.clone().summary(lang),
        timezone: info.row.timezone.clone(),
        ancestors: summaries(&info.ancestors),
        children: summaries(&info.children),
        agencies: info
            .agencies
            .iter()
            .map(|(id, name)| AgencySummary {
                id: *id,
                name: name.clone(),
            })
            .collect(),
        recent: activity_items(db, recent, lang).await?,
    })
}

pub async fn agencies(db: &Db) -> AppResult<Vec<AgencySummary>> {
    let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM agencies ORDER BY name")
        .fetch_all(&db.pool)
        .await?;
    Ok(rows.into_iter().map(|(id, name)| AgencySummary { id, name }).collect())
}

pub async fn agency_exists(db: &Db, id: i64) -> AppResult<bool> {
    let n: Option<i64> = sqlx::query_scalar("SELECT id FROM agencies WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(n.is_some())
}
