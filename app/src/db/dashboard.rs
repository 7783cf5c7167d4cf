//! The accountability dashboard's tables: `service_items` (one row per item
//! an agency must answer) and `dashboard_cells` (figures per period and
//! scope). A cell's scope columns hold 0 for "all agencies", "all areas" and
//! "not per officer"; here those are `None`.
use super::numbered::Numbered;
use super::Db;
use crate::domain::ids::{AgencyId, AreaId, UserId};
use crate::domain::service::ServiceItem;
use sqlx::{AnyConnection, FromRow};

/// What one write adds to a cell.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Delta {
    pub received: i64,
    pub answered: i64,
    pub on_time: i64,
    pub overdue: i64,
    pub ratings: i64,
    pub sums: [i64; 9],
    /// Resolved, then reopened by the complainant.
    pub reopened: i64,
    /// A deadline missed and reported to the agency's head.
    pub escalated: i64,
}

/// Which cell: one period and one scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellKey<'a> {
    pub period: &'a str,
    pub agency: Option<AgencyId>,
    pub area: Option<AreaId>,
    pub officer: Option<UserId>,
}

fn or_zero<T: Into<i64>>(id: Option<T>) -> i64 {
    id.map_or(0, Into::into)
}

/// Adds `d` to a cell, creating it.
pub async fn bump(conn: &mut AnyConnection, key: &CellKey<'_>, d: &Delta) -> sqlx::Result<()> {
    let mut q = sqlx::query(
        "INSERT INTO dashboard_cells (period, agency_id, area_id, officer_id, received, answered, on_time, overdue, \
         ratings, s1, s2, s3, s4, s5, s6, s7, s8, s9, reopened, escalated, dirty) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, \
         CASE WHEN $6 <> 0 THEN 1 ELSE 0 END) \
         ON CONFLICT (period, area_id, agency_id, officer_id) DO UPDATE SET \
         dirty = CASE WHEN excluded.answered <> 0 THEN 1 ELSE dashboard_cells.dirty END, \
         received = dashboard_cells.received + excluded.received, \
         answered = dashboard_cells.answered + excluded.answered, \
         on_time = dashboard_cells.on_time + excluded.on_time, \
         overdue = dashboard_cells.overdue + excluded.overdue, \
         ratings = dashboard_cells.ratings + excluded.ratings, \
         s1 = dashboard_cells.s1 + excluded.s1, s2 = dashboard_cells.s2 + excluded.s2, \
         s3 = dashboard_cells.s3 + excluded.s3, s4 = dashboard_cells.s4 + excluded.s4, \
         s5 = dashboard_cells.s5 + excluded.s5, s6 = dashboard_cells.s6 + excluded.s6, \
         s7 = dashboard_cells.s7 + excluded.s7, s8 = dashboard_cells.s8 + excluded.s8, \
         s9 = dashboard_cells.s9 + excluded.s9, reopened = dashboard_cells.reopened + excluded.reopened, \
         escalated = dashboard_cells.escalated + excluded.escalated",
    )
    .bind(key.period)
    .bind(or_zero(key.agency))
    .bind(or_zero(key.area))
    .bind(or_zero(key.officer))
    .bind(d.received)
    .bind(d.answered)
    .bind(d.on_time)
    .bind(d.overdue)
    .bind(d.ratings);
    for s in d.sums {
        q = q.bind(s);
    }
    q.bind(d.reopened).bind(d.escalated).execute(conn).await?;
    Ok(())
}

/// An item received, as `service_items` keeps it.
pub struct NewItem<'a> {
    pub item: ServiceItem,
    pub agency: Option<AgencyId>,
    pub area_path: &'a str,
    /// `2026-11`.
    pub month: &'a str,
    pub received_at: i64,
    pub due_at: i64,
}

/// Inserts the item; false if it was already there.
pub async fn insert_item(conn: &mut AnyConnection, i: &NewItem<'_>) -> sqlx::Result<bool> {
    let n = sqlx::query(
        "INSERT INTO service_items (subject, subject_id, agency_id, area_path, month, received_at, due_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
    )
    .bind(i.item.subject())
    .bind(i.item.id())
    .bind(i.agency)
    .bind(i.area_path)
    .bind(i.month)
    .bind(i.received_at)
    .bind(i.due_at)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// Where an item counts.
#[derive(Debug, Clone, FromRow)]
pub struct ItemScope {
    pub agency_id: Option<AgencyId>,
    pub area_path: String,
    pub month: String,
}

#[derive(Debug, Clone, FromRow)]
pub struct OpenItem {
    #[sqlx(flatten)]
    pub scope: ItemScope,
    pub overdue: i64,
}

/// The item, if it has no first response yet.
pub async fn unanswered(conn: &mut AnyConnection, item: ServiceItem) -> sqlx::Result<Option<OpenItem>> {
    sqlx::query_as(
        "SELECT agency_id, area_path, month, overdue FROM service_items \
         WHERE subject = $1 AND subject_id = $2 AND first_response_at IS NULL",
    )
    .bind(item.subject())
    .bind(item.id())
    .fetch_optional(conn)
    .await
}

/// Where the item counts, answered or not.
pub async fn item_scope(conn: &mut AnyConnection, item: ServiceItem) -> sqlx::Result<Option<ItemScope>> {
    sqlx::query_as("SELECT agency_id, area_path, month FROM service_items WHERE subject = $1 AND subject_id = $2")
        .bind(item.subject())
        .bind(item.id())
        .fetch_optional(conn)
        .await
}

pub async fn set_item_agency(conn: &mut AnyConnection, item: ServiceItem, agency: AgencyId) -> sqlx::Result<()> {
    sqlx::query("UPDATE service_items SET agency_id = $1 WHERE subject = $2 AND subject_id = $3")
        .bind(agency)
        .bind(item.subject())
        .bind(item.id())
        .execute(conn)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct AnsweredItem {
    #[sqlx(flatten)]
    pub scope: ItemScope,
    /// As the sweep set it before this answer.
    pub overdue: i64,
    pub due_at: i64,
}

/// Records the item's first response (by `officer` at `at`); None if it had
/// one already (or is not counted).
pub async fn answer_item(
    conn: &mut AnyConnection,
    item: ServiceItem,
    officer: UserId,
    at: i64,
) -> sqlx::Result<Option<AnsweredItem>> {
    // RETURNING gives the row as updated: `overdue` is still what the sweep set.
    sqlx::query_as(
        "UPDATE service_items SET first_response_at = $1, officer_id = $2, response_secs = $1 - received_at \
         WHERE subject = $3 AND subject_id = $4 AND first_response_at IS NULL \
         RETURNING agency_id, area_path, month, overdue, due_at",
    )
    .bind(at)
    .bind(officer)
    .bind(item.subject())
    .bind(item.id())
    .fetch_optional(conn)
    .await
}

/// An item that just became overdue.
#[derive(Debug, Clone, FromRow)]
pub struct OverdueItem {
    #[sqlx(flatten)]
    pub scope: ItemScope,
    pub subject: String,
    pub subject_id: i64,
}

/// Marks the unanswered items due before `now` as overdue (and escalated
/// to their agency's head), once each; returns them.
pub async fn mark_overdue(conn: &mut AnyConnection, now: i64) -> sqlx::Result<Vec<OverdueItem>> {
    sqlx::query_as(
        "UPDATE service_items SET overdue = 1, escalated_at = $1 WHERE first_response_at IS NULL AND overdue = 0 \
         AND due_at < $1 RETURNING agency_id, area_path, month, subject, subject_id",
    )
    .bind(now)
    .fetch_all(conn)
    .await
}

/// Marks the complaints still open past their resolve deadline as
/// escalated, once each; returns their ids and agencies.
pub async fn mark_resolve_escalated(conn: &mut AnyConnection, now: i64) -> sqlx::Result<Vec<(i64, Option<AgencyId>)>> {
    sqlx::query_as(
        "UPDATE complaints SET resolve_escalated_at = $1 WHERE desk_due IS NOT NULL AND resolve_escalated_at IS NULL \
         AND resolve_due < $1 RETURNING id, agency_id",
    )
    .bind(now)
    .fetch_all(conn)
    .await
}

/// The officer who first answered the item (None if nobody yet; the outer
/// None if the item is not counted).
pub async fn item_officer(conn: &mut AnyConnection, item: ServiceItem) -> sqlx::Result<Option<Option<UserId>>> {
    sqlx::query_scalar("SELECT officer_id FROM service_items WHERE subject = $1 AND subject_id = $2")
        .bind(item.subject())
        .bind(item.id())
        .fetch_optional(conn)
        .await
}

/// A cell whose percentiles are stale.
#[derive(Debug, Clone, FromRow)]
pub struct DirtyCell {
    pub period: String,
    pub agency_id: i64,
    pub area_id: i64,
    pub officer_id: i64,
    pub answered: i64,
}

pub async fn dirty_cells(db: &Db) -> sqlx::Result<Vec<DirtyCell>> {
    sqlx::query_as("SELECT period, agency_id, area_id, officer_id, answered FROM dashboard_cells WHERE dirty = 1")
        .fetch_all(&db.pool)
        .await
}

/// Which answered items a percentile is taken over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Responses {
    /// The months `[first, last]` (`2026-10`, `2026-12`).
    pub months: (String, String),
    pub agency: Option<AgencyId>,
    /// Only areas whose path is in `[from, to)`.
    pub paths: Option<(String, String)>,
    pub officer: Option<UserId>,
}

/// The response time (seconds) at `offset` in ascending order.
pub async fn response_at(conn: &mut AnyConnection, r: &Responses, offset: i64) -> sqlx::Result<Option<i64>> {
    let mut q = Numbered::new("SELECT response_secs FROM service_items WHERE month >= ");
    q.push_bind(r.months.0.clone());
    q.push(" AND month <= ").push_bind(r.months.1.clone());
    q.push(" AND response_secs IS NOT NULL");
    if let Some(g) = r.agency {
        q.push(" AND agency_id = ").push_bind(g);
    }
    if let Some((from, to)) = &r.paths {
        q.push(" AND area_path >= ").push_bind(from.clone());
        q.push(" AND area_path < ").push_bind(to.clone());
    }
    if let Some(o) = r.officer {
        q.push(" AND officer_id = ").push_bind(o);
    }
    q.push(" ORDER BY response_secs LIMIT 1 OFFSET ").push_bind(offset);
    q.build().build_query_scalar().fetch_optional(conn).await
}

/// Stores a cell's median and 90th percentile and clears its flag, unless
/// more answers came in since `answered` was read.
pub async fn store_percentiles(
    conn: &mut AnyConnection,
    cell: &DirtyCell,
    p50: Option<i64>,
    p90: Option<i64>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE dashboard_cells SET response_p50 = $1, response_p90 = $2, dirty = 0 \
         WHERE period = $3 AND agency_id = $4 AND area_id = $5 AND officer_id = $6 AND answered = $7",
    )
    .bind(p50)
    .bind(p90)
    .bind(&cell.period)
    .bind(cell.agency_id)
    .bind(cell.area_id)
    .bind(cell.officer_id)
    .bind(cell.answered)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, Default, PartialEq, Eq, FromRow)]
pub struct Cell {
    pub period: String,
    pub agency_id: i64,
    pub area_id: i64,
    pub officer_id: i64,
    pub received: i64,
    pub answered: i64,
    pub on_time: i64,
    pub overdue: i64,
    pub response_p50: Option<i64>,
    pub response_p90: Option<i64>,
    pub ratings: i64,
    pub s1: i64,
    pub s2: i64,
    pub s3: i64,
    pub s4: i64,
    pub s5: i64,
    pub s6: i64,
    pub s7: i64,
    pub s8: i64,
    pub s9: i64,
    pub reopened: i64,
    pub escalated: i64,
}

const CELL: &str =
    "SELECT period, agency_id, area_id, officer_id, received, answered, on_time, overdue, response_p50, \
     response_p90, ratings, s1, s2, s3, s4, s5, s6, s7, s8, s9, reopened, escalated FROM dashboard_cells";

/// One agency's (or all agencies') cell of one area (or all areas).
pub async fn cell(db: &Db, period: &str, agency: Option<AgencyId>, area: Option<AreaId>) -> sqlx::Result<Option<Cell>> {
    sqlx::query_as(&format!(
        "{CELL} WHERE period = $1 AND agency_id = $2 AND area_id = $3 AND officer_id = 0"
    ))
    .bind(period)
    .bind(or_zero(agency))
    .bind(or_zero(area))
    .fetch_optional(&db.pool)
    .await
}

/// Each agency's cell of one area (or all areas), or only `agency`'s.
pub async fn agency_cells(
    db: &Db,
    period: &str,
    area: Option<AreaId>,
    agency: Option<AgencyId>,
) -> sqlx::Result<Vec<Cell>> {
    sqlx::query_as(&format!(
        "{CELL} WHERE period = $1 AND area_id = $2 AND officer_id = 0 AND agency_id <> 0 AND \
         ($3 = 0 OR agency_id = $3)"
    ))
    .bind(period)
    .bind(or_zero(area))
    .bind(or_zero(agency))
    .fetch_all(&db.pool)
    .await
}

/// The cells of `areas` for one agency (or all agencies).
pub async fn area_cells(db: &Db, period: &str, agency: Option<AgencyId>, areas: &[AreaId]) -> sqlx::Result<Vec<Cell>> {
    if areas.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Numbered::new(CELL);
    q.push(" WHERE period = ").push_bind(period.to_owned());
    q.push(" AND agency_id = ").push_bind(or_zero(agency));
    q.push(" AND officer_id = 0 AND area_id IN (");
    q.push_bind_list(areas.iter().copied());
    q.push(")");
    q.build().build_query_as().fetch_all(&db.pool).await
}

/// One scope's cells in each of `periods`.
pub async fn trend_cells(
    db: &Db,
    agency: Option<AgencyId>,
    area: Option<AreaId>,
    periods: &[String],
) -> sqlx::Result<Vec<Cell>> {
    if periods.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Numbered::new(CELL);
    q.push(" WHERE agency_id = ").push_bind(or_zero(agency));
    q.push(" AND area_id = ").push_bind(or_zero(area));
    q.push(" AND officer_id = 0 AND period IN (");
    q.push_bind_list(periods.iter().cloned());
    q.push(")");
    q.build().build_query_as().fetch_all(&db.pool).await
}

/// Each officer's cell, or only `officer`'s.
pub async fn officer_cells(db: &Db, period: &str, officer: Option<UserId>) -> sqlx::Result<Vec<Cell>> {
    sqlx::query_as(&format!(
        "{CELL} WHERE period = $1 AND agency_id = 0 AND area_id = 0 AND officer_id <> 0 AND ($2 = 0 OR officer_id = $2)"
    ))
    .bind(period)
    .bind(or_zero(officer))
    .fetch_all(&db.pool)
    .await
}

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct UserName {
    pub id: UserId,
    pub display_name: String,
}

/// The display names of `users` (in no order).
pub async fn user_names(db: &Db, users: &[UserId]) -> sqlx::Result<Vec<UserName>> {
    if users.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Numbered::new("SELECT id, display_name FROM users WHERE id IN (");
    q.push_bind_list(users.iter().copied());
    q.push(")");
    q.build().build_query_as().fetch_all(&db.pool).await
}
