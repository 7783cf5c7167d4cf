//! Queries about areas, agencies and recent activity. The area tree is read in
//! the order of its precomputed `path`; counts live on the area row.
use super::{db::Db, time};
use crate::error::{AppError, AppResult};
use crate::model::{ActivityItem, AgencySummary, AreaLevel, AreaPage, AreaSummary, Lang};
use sqlx::FromRow;

#[derive(FromRow)]
struct AreaRow {
    id: i64,
    name: String,
    level: String,
    kind_label: String,
    depth: i64,
    timezone: String,
    resident_count: i64,
    last_activity_at: Option<i64>,
}

const AREA_COLS: &str = "id, name, level, kind_label, depth, timezone, resident_count, last_activity_at";

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
pub async fn tree(db: &Db, lang: Lang) -> AppResult<Vec<AreaSummary>> {
    let rows: Vec<AreaRow> = sqlx::query_as(&format!("SELECT {AREA_COLS} FROM areas ORDER BY path"))
        .fetch_all(&db.pool)
        .await?;
    Ok(rows.into_iter().map(|r| r.summary(lang)).collect())
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
    area_name: String,
    timezone: String,
    kind: String,
    actor: String,
    created_at: i64,
}

const ACTIVITY: &str =
    "SELECT v.area_id, a.name AS area_name, a.timezone, v.kind, u.display_name AS actor, v.created_at \
     FROM activity v JOIN areas a ON a.id = v.area_id JOIN users u ON u.id = v.actor_id";

fn activity_items(rows: Vec<ActivityRow>, lang: Lang) -> Vec<ActivityItem> {
    rows.into_iter()
        .map(|r| ActivityItem {
            when: time::date_time(lang, r.created_at, &r.timezone),
            area_id: r.area_id,
            area_name: r.area_name,
            kind: r.kind,
            actor: r.actor,
        })
        .collect()
}

pub async fn recent_activity(db: &Db, lang: Lang, limit: i64) -> AppResult<Vec<ActivityItem>> {
    let rows: Vec<ActivityRow> = sqlx::query_as(&format!("{ACTIVITY} ORDER BY v.id DESC LIMIT $1"))
        .bind(limit)
        .fetch_all(&db.pool)
        .await?;
    Ok(activity_items(rows, lang))
}

pub async fn summary(db: &Db, lang: Lang, id: i64) -> AppResult<AreaSummary> {
    let row: AreaRow = sqlx::query_as(&format!("SELECT {AREA_COLS} FROM areas WHERE id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(row.summary(lang))
}

pub async fn page(db: &Db, lang: Lang, id: i64) -> AppResult<AreaPage> {
    let row: AreaRow = sqlx::query_as(&format!("SELECT {AREA_COLS} FROM areas WHERE id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    let timezone = row.timezone.clone();
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
    let recent: Vec<ActivityRow> =
        sqlx::query_as(&format!("{ACTIVITY} WHERE v.area_id = $1 ORDER BY v.id DESC LIMIT 20"))
            .bind(id)
            .fetch_all(&db.pool)
            .await?;
    Ok(AreaPage {
        area: row.summary(lang),
        timezone,
        ancestors: ancestors.into_iter().map(|r| r.summary(lang)).collect(),
        children: children.into_iter().map(|r| r.summary(lang)).collect(),
        agencies: agencies
            .into_iter()
            .map(|(id, name)| AgencySummary { id, name })
            .collect(),
        recent: activity_items(recent, lang),
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
