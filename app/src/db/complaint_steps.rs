//! The `complaint_steps` table: each official step on a complaint.
use super::Db;
use crate::domain::complaint::{Event, State};
use crate::domain::ids::{AgencyId, ComplaintId, UserId};
use sqlx::{AnyConnection, FromRow};

pub struct NewStep<'a> {
    pub complaint: ComplaintId,
    pub officer: UserId,
    /// The agency the complaint was with when the step was taken.
    pub agency: Option<AgencyId>,
    pub event: Event,
    pub state_to: State,
    pub body_src: &'a str,
    pub body_html: &'a str,
    pub to_agency: Option<AgencyId>,
    pub created_at: i64,
    pub record_seq: i64,
}

pub async fn insert(conn: &mut AnyConnection, s: &NewStep<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO complaint_steps (complaint_id, officer_id, agency_id, event, state_to, body_src, body_html, \
         to_agency_id, created_at, record_seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(s.complaint)
    .bind(s.officer)
    .bind(s.agency)
    .bind(s.event.code())
    .bind(s.state_to.code())
    .bind(s.body_src)
    .bind(s.body_html)
    .bind(s.to_agency)
    .bind(s.created_at)
    .bind(s.record_seq)
    .execute(conn)
    .await?;
    Ok(())
}

/// A step as its complaint's page shows it.
#[derive(Debug, FromRow)]
pub struct StepRow {
    pub event: String,
    pub state_to: String,
    pub body_html: String,
    pub officer: String,
    pub agency: Option<String>,
    pub to_agency: Option<String>,
    pub created_at: i64,
    pub record_seq: i64,
}

/// A complaint's steps, oldest first.
pub async fn of_complaint(db: &Db, id: ComplaintId) -> sqlx::Result<Vec<StepRow>> {
    sqlx::query_as(
        "SELECT s.event, s.state_to, s.body_html, u.display_name AS officer, g.name AS agency, \
         t.name AS to_agency, s.created_at, s.record_seq FROM complaint_steps s JOIN users u ON u.id = s.officer_id \
         LEFT JOIN agencies g ON g.id = s.agency_id LEFT JOIN agencies t ON t.id = s.to_agency_id \
         WHERE s.complaint_id = $1 ORDER BY s.id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await
}
