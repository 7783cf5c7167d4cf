//! The `complaints` table, the complaint rules kept on `areas` and
//! `area_holidays`, and the complainant's notification of a step.
use super::numbered::Numbered;
use super::Db;
use crate::domain::complaint::State;
use crate::domain::ids::{AgencyId, AreaId, CategoryId, ComplaintId, UserId};
use sqlx::{AnyConnection, FromRow};

/// An area's complaint deadlines, in working days.
#[derive(Debug, FromRow)]
pub struct AreaRules {
    pub path: String,
    pub name: String,
    pub timezone: String,
    pub verify_days: i64,
    pub followup_days: i64,
    pub resolve_days: i64,
}

pub async fn area_rules(conn: &mut AnyConnection, area: AreaId) -> sqlx::Result<Option<AreaRules>> {
    sqlx::query_as("SELECT path, name, timezone, verify_days, followup_days, resolve_days FROM areas WHERE id = $1")
        .bind(area)
        .fetch_optional(conn)
        .await
}

pub async fn category_exists(conn: &mut AnyConnection, category: CategoryId) -> sqlx::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM categories WHERE id = $1")
        .bind(category)
        .fetch_optional(conn)
        .await?;
    Ok(found.is_some())
}

/// The holidays after `start` of any of `areas`, sorted, without repeats.
pub async fn holidays_after(conn: &mut AnyConnection, areas: &[AreaId], start: i64) -> sqlx::Result<Vec<i64>> {
    if areas.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Numbered::new("SELECT day FROM area_holidays WHERE day > ");
    q.push_bind(start).push(" AND area_id IN (");
    q.push_bind_list(areas.iter().copied());
    q.push(")");
    let mut days: Vec<i64> = q.build().build_query_scalar().fetch_all(conn).await?;
    days.sort_unstable();
    days.dedup();
    Ok(days)
}

/// The holidays after `start` of each of `areas`, as (area, day).
pub async fn holidays_by_area(
    conn: &mut AnyConnection,
    areas: &[AreaId],
    start: i64,
) -> sqlx::Result<Vec<(AreaId, i64)>> {
    if areas.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Numbered::new("SELECT area_id, day FROM area_holidays WHERE day > ");
    q.push_bind(start).push(" AND area_id IN (");
    q.push_bind_list(areas.iter().copied());
    q.push(")");
    q.build().build_query_as().fetch_all(conn).await
}

/// A complaint as filed, routed and given its deadlines.
pub struct NewComplaint<'a> {
    pub author: UserId,
    pub anonymous: bool,
    pub private: bool,
    pub area: AreaId,
    pub area_path: &'a str,
    pub category: CategoryId,
    pub title: &'a str,
    pub body_src: &'a str,
    pub body_html: &'a str,
    pub excerpt: &'a str,
    pub location: &'a str,
    /// `YYYY-MM-DD`.
    pub happened_on: &'a str,
    pub agency: Option<AgencyId>,
    pub verify_due: i64,
    pub followup_due: i64,
    pub resolve_due: i64,
    pub created_at: i64,
    pub point: Option<crate::model::GeoPoint>,
}

/// Inserts a complaint in state `received`; returns its id.
pub async fn insert(conn: &mut AnyConnection, c: &NewComplaint<'_>) -> sqlx::Result<ComplaintId> {
    sqlx::query_scalar(
        "INSERT INTO complaints (author_id, anonymous, private, area_id, area_path, category_id, title, body_src, \
         body_html, excerpt, location, happened_on, state, agency_id, verify_due, followup_due, resolve_due, \
         desk_due, created_at, updated_at, lat_e6, lon_e6) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
         'received', $13, $14, $15, $16, $14, $17, $17, $18, $19) RETURNING id",
    )
    .bind(c.author)
    .bind(i64::from(c.anonymous))
    .bind(i64::from(c.private))
    .bind(c.area)
    .bind(c.area_path)
    .bind(c.category)
    .bind(c.title)
    .bind(c.body_src)
    .bind(c.body_html)
    .bind(c.excerpt)
    .bind(c.location)
    .bind(c.happened_on)
    .bind(c.agency)
    .bind(c.verify_due)
    .bind(c.followup_due)
    .bind(c.resolve_due)
    .bind(c.created_at)
    .bind(c.point.map(|p| p.lat_e6))
    .bind(c.point.map(|p| p.lon_e6))
    .fetch_one(conn)
    .await
}

/// Sets `updated_at`, which locks the row for the rest of the transaction;
/// false if there is no such complaint.
pub async fn touch(conn: &mut AnyConnection, id: ComplaintId, at: i64) -> sqlx::Result<bool> {
    let n = sqlx::query("UPDATE complaints SET updated_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(conn)
        .await?
        .rows_affected();
    Ok(n > 0)
}

/// What a step needs of its complaint.
#[derive(Debug, Clone, FromRow)]
pub struct Head {
    pub id: ComplaintId,
    pub author_id: UserId,
    pub private: i64,
    pub area_id: AreaId,
    pub area_path: String,
    pub area_name: String,
    pub title: String,
    pub state: String,
    pub agency_id: Option<AgencyId>,
    pub agency_name: Option<String>,
}

/// Whether the complaint is anonymous, and whether it is private.
pub async fn secrecy(conn: &mut AnyConnection, id: ComplaintId) -> sqlx::Result<(bool, bool)> {
    let (a, p): (i64, i64) = sqlx::query_as("SELECT anonymous, private FROM complaints WHERE id = $1")
        .bind(id)
        .fetch_one(conn)
        .await?;
    Ok((a != 0, p != 0))
}

pub async fn head(conn: &mut AnyConnection, id: ComplaintId) -> sqlx::Result<Head> {
    sqlx::query_as(
        "SELECT c.id, c.author_id, c.private, c.area_id, c.area_path, a.name AS area_name, \
         c.title, c.state, c.agency_id, g.name AS agency_name \
         FROM complaints c JOIN areas a ON a.id = c.area_id LEFT JOIN agencies g ON g.id = c.agency_id WHERE c.id = $1",
    )
    .bind(id)
    .fetch_one(conn)
    .await
}

/// What a step changes on its complaint.
pub struct StepUpdate<'a> {
    pub id: ComplaintId,
    pub to: State,
    pub agency: Option<AgencyId>,
    /// The event's code (`verified` sets `verified_at`).
    pub event: &'a str,
    /// Whether it answers the complainant (sets `first_response_at` once).
    pub responds: bool,
    pub at: i64,
}

pub async fn apply_step(conn: &mut AnyConnection, u: &StepUpdate<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE complaints SET state = $1, agency_id = $2, \
         verified_at = CASE WHEN $3 = 'verified' THEN $4 ELSE verified_at END, \
         first_response_at = CASE WHEN $5 = 1 THEN COALESCE(first_response_at, $4) ELSE first_response_at END, \
         resolved_at = CASE WHEN $1 = 'resolved' THEN $4 WHEN $3 = 'reopened' THEN NULL ELSE resolved_at END, \
         desk_due = CASE $1 WHEN 'received' THEN verify_due WHEN 'verified' THEN resolve_due \
         WHEN 'in_progress' THEN resolve_due END WHERE id = $6",
    )
    .bind(u.to.code())
    .bind(u.agency)
    .bind(u.event)
    .bind(u.at)
    .bind(i64::from(u.responds))
    .bind(u.id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Tells the complainant about a step of their complaint: a notification
/// and one more unread.
pub async fn notify_complainant(
    conn: &mut AnyConnection,
    user: UserId,
    id: ComplaintId,
    seq: i64,
    actor: UserId,
    at: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO notifications (user_id, kind, complaint_id, record_seq, actor_id, created_at) \
         VALUES ($1, 'complaint', $2, $3, $4, $5)",
    )
    .bind(user)
    .bind(id)
    .bind(seq)
    .bind(actor)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE users SET unread_count = unread_count + 1 WHERE id = $1")
        .bind(user)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A complaint's page, with its category's name in both languages.
#[derive(Debug, FromRow)]
pub struct PageRow {
    pub id: ComplaintId,
    pub author_id: UserId,
    pub author: String,
    pub anonymous: i64,
    pub private: i64,
    pub area_id: AreaId,
    pub category_id_name: String,
    pub category_en_name: String,
    pub title: String,
    pub body_html: String,
    pub location: String,
    pub happened_on: String,
    pub state: String,
    pub agency_id: Option<AgencyId>,
    pub agency: Option<String>,
    pub verify_due: i64,
    pub followup_due: i64,
    pub resolve_due: i64,
    pub verified_at: Option<i64>,
    pub first_response_at: Option<i64>,
    pub resolved_at: Option<i64>,
    pub created_at: i64,
    pub hidden_at: Option<i64>,
    pub hidden_reason: Option<String>,
    /// When its first-response (follow-up) deadline was escalated.
    pub escalated_at: Option<i64>,
    /// When its resolve deadline was (0: passed before escalation existed).
    pub resolve_escalated_at: Option<i64>,
    pub lat_e6: Option<i64>,
    pub lon_e6: Option<i64>,
}

pub async fn page(db: &Db, id: ComplaintId) -> sqlx::Result<Option<PageRow>> {
    sqlx::query_as(
        "SELECT c.id, c.author_id, u.display_name AS author, c.anonymous, c.private, c.area_id, \
         k.name_id AS category_id_name, k.name_en AS category_en_name, \
         c.title, c.body_html, c.location, c.happened_on, c.state, c.agency_id, g.name AS agency, c.verify_due, \
         c.followup_due, c.resolve_due, c.verified_at, c.first_response_at, c.resolved_at, c.created_at, \
         c.hidden_at, c.hidden_reason, s.escalated_at, c.resolve_escalated_at, c.lat_e6, c.lon_e6 FROM complaints c \
         JOIN users u ON u.id = c.author_id JOIN categories k ON k.id = c.category_id \
         LEFT JOIN agencies g ON g.id = c.agency_id \
         LEFT JOIN service_items s ON s.subject = 'complaint' AND s.subject_id = c.id WHERE c.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

/// Whose complaints a list holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every public complaint that is not hidden.
    Public,
    /// One person's own, private ones too.
    Author(UserId),
    /// Those of these agencies (none: an empty list).
    Agencies(Vec<AgencyId>),
    /// Every complaint.
    All,
}

/// Which complaints a list shows, newest first, keyset-paged by id.
#[derive(Debug, Clone)]
pub struct ListFilter {
    pub scope: Scope,
    /// Only ids below this one.
    pub before: i64,
    /// Only areas whose path is in `[from, to)`.
    pub paths: Option<(String, String)>,
    pub category: Option<CategoryId>,
    pub state: Option<State>,
    pub limit: i64,
}

#[derive(Debug, FromRow)]
pub struct ListRow {
    pub id: ComplaintId,
    pub title: String,
    pub area_id: AreaId,
    pub area_name: String,
    pub timezone: String,
    pub category_id_name: String,
    pub category_en_name: String,
    pub state: String,
    pub private: i64,
    pub agency: Option<String>,
    pub created_at: i64,
    pub verify_due: i64,
    pub followup_due: i64,
    pub resolve_due: i64,
    pub first_response_at: Option<i64>,
}

pub async fn list(db: &Db, f: &ListFilter) -> sqlx::Result<Vec<ListRow>> {
    let mut q = Numbered::new(
        "SELECT c.id, c.title, c.area_id, a.name AS area_name, a.timezone, k.name_id AS category_id_name, \
         k.name_en AS category_en_name, c.state, c.private, \
         g.name AS agency, c.created_at, c.verify_due, c.followup_due, c.resolve_due, c.first_response_at \
         FROM complaints c JOIN areas a ON a.id = c.area_id JOIN categories k ON k.id = c.category_id \
         LEFT JOIN agencies g ON g.id = c.agency_id WHERE c.id < ",
    );
    q.push_bind(f.before);
    match &f.scope {
        Scope::Public => {
            q.push(" AND c.private = 0 AND c.hidden_at IS NULL");
        }
        Scope::Author(user) => {
            q.push(" AND c.author_id = ").push_bind(*user);
        }
        Scope::Agencies(agencies) if agencies.is_empty() => {
            q.push(" AND 1 = 0");
        }
        Scope::Agencies(agencies) => {
            q.push(" AND c.agency_id IN (");
            q.push_bind_list(agencies.iter().copied());
            q.push(")");
        }
        Scope::All => {}
    }
    if let Some((from, to)) = &f.paths {
        q.push(" AND c.area_path >= ").push_bind(from.clone());
        q.push(" AND c.area_path < ").push_bind(to.clone());
    }
    if let Some(c) = f.category {
        q.push(" AND c.category_id = ").push_bind(c);
    }
    if let Some(s) = f.state {
        q.push(" AND c.state = ").push_bind(s.code());
    }
    q.push(" ORDER BY c.id DESC LIMIT ").push_bind(f.limit);
    q.build()
        .build_query_as()
        .fetch_all(db.pool_for(f.paths.is_some()))
        .await
}

/// An area's path, for the rules form.
pub async fn area_path(db: &Db, area: AreaId) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT path FROM areas WHERE id = $1")
        .bind(area)
        .fetch_optional(&db.pool)
        .await
}

/// Replaces an area's own holidays (day, name).
pub async fn replace_holidays(conn: &mut AnyConnection, area: AreaId, holidays: &[(i64, String)]) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM area_holidays WHERE area_id = $1")
        .bind(area)
        .execute(&mut *conn)
        .await?;
    for (day, name) in holidays {
        sqlx::query("INSERT INTO area_holidays (area_id, day, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .bind(area)
            .bind(day)
            .bind(name)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The newest public, visible complaints filed in `area` itself.
pub async fn newest_in(db: &Db, area: AreaId, limit: i64) -> sqlx::Result<Vec<(i64, String, String)>> {
    sqlx::query_as(
        "SELECT id, title, state FROM complaints WHERE area_id = $1 AND private = 0 AND hidden_at IS NULL \
         ORDER BY id DESC LIMIT $2",
    )
    .bind(area)
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}
