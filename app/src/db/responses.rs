//! The `official_responses` table (an agency's responses and progress
//! updates, each carried by a record entry) and `response_templates`.
use super::numbered::Numbered;
use super::record::{Entry, ENTRY_FIELDS};
use super::Db;
use crate::domain::ids::{AgencyId, ProposalId, UserId};
use sqlx::FromRow;

pub struct NewResponse<'a> {
    pub proposal_id: ProposalId,
    pub officer_id: UserId,
    pub agency_id: Option<AgencyId>,
    /// `response` or `progress`
    pub kind: &'a str,
    pub state: &'a str,
    pub body_src: &'a str,
    pub body_html: &'a str,
    pub budget: Option<i64>,
    pub timeline: Option<&'a str>,
    pub progress: Option<i64>,
    pub created_at: i64,
    pub record_seq: i64,
}

pub async fn insert(conn: &mut sqlx::AnyConnection, r: &NewResponse<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO official_responses (proposal_id, officer_id, agency_id, kind, state, body_src, body_html, \
         budget, timeline, progress, created_at, record_seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(r.proposal_id)
    .bind(r.officer_id)
    .bind(r.agency_id)
    .bind(r.kind)
    .bind(r.state)
    .bind(r.body_src)
    .bind(r.body_html)
    .bind(r.budget)
    .bind(r.timeline)
    .bind(r.progress)
    .bind(r.created_at)
    .bind(r.record_seq)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A response's text by the record entry that carries it.
#[derive(FromRow, Debug, Clone, PartialEq)]
pub struct Body {
    pub record_seq: i64,
    pub body_html: String,
}

/// The texts of the responses carried by these record entries.
pub async fn bodies(db: &Db, seqs: &[i64]) -> Result<Vec<Body>, sqlx::Error> {
    if seqs.is_empty() {
        return Ok(Vec::new());
    }
    bodies_query(seqs).build().build_query_as().fetch_all(&db.pool).await
}

fn bodies_query(seqs: &[i64]) -> Numbered<'static> {
    let mut q = Numbered::new("SELECT record_seq, body_html FROM official_responses WHERE record_seq IN (");
    q.push_bind_list(seqs.iter().copied()).push(")");
    q
}

/// A proposal's record entry, with the official response it carries, if any.
#[derive(FromRow, Debug, Clone)]
pub struct Step {
    #[sqlx(flatten)]
    pub entry: Entry,
    pub kind: Option<String>,
    pub response_state: Option<String>,
    pub response_html: Option<String>,
    pub officer: Option<String>,
    pub response_agency: Option<String>,
    pub response_at: Option<i64>,
    pub budget: Option<i64>,
    pub timeline: Option<String>,
    pub progress: Option<i64>,
}

/// The whole record of a proposal (one entry per step anyone took) and the
/// responses it carries, in one read, in order.
pub async fn steps<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    ex: E,
    id: ProposalId,
) -> Result<Vec<Step>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {ENTRY_FIELDS}, o.kind, o.state AS response_state, o.body_html AS response_html, \
         u.display_name AS officer, g.name AS response_agency, o.created_at AS response_at, o.budget, \
         o.timeline, o.progress FROM record r LEFT JOIN official_responses o ON o.record_seq = r.seq \
         LEFT JOIN users u ON u.id = o.officer_id LEFT JOIN agencies g ON g.id = o.agency_id \
         WHERE r.subject = 'proposal' AND r.subject_id = $1 ORDER BY r.seq"
    ))
    .bind(id)
    .fetch_all(ex)
    .await
}

#[derive(FromRow, Debug, Clone, PartialEq)]
pub struct Template {
    pub id: i64,
    pub title: String,
    pub body_src: String,
}

/// An agency's response templates, by title.
pub async fn templates(db: &Db, agency: AgencyId) -> Result<Vec<Template>, sqlx::Error> {
    sqlx::query_as("SELECT id, title, body_src FROM response_templates WHERE agency_id = $1 ORDER BY title, id")
        .bind(agency)
        .fetch_all(&db.pool)
        .await
}

/// A template's text, if it is one of `agency`'s.
pub async fn template_body(db: &Db, id: i64, agency: AgencyId) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT body_src FROM response_templates WHERE id = $1 AND agency_id = $2")
        .bind(id)
        .bind(agency)
        .fetch_optional(&db.pool)
        .await
}

pub async fn template_agency(db: &Db, id: i64) -> Result<Option<AgencyId>, sqlx::Error> {
    sqlx::query_scalar("SELECT agency_id FROM response_templates WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

pub async fn insert_template(
    db: &Db,
    agency: AgencyId,
    title: &str,
    body: &str,
    by: UserId,
    at: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO response_templates (agency_id, title, body_src, created_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(agency)
    .bind(title)
    .bind(body)
    .bind(by)
    .bind(at)
    .fetch_one(&db.pool)
    .await
}

pub async fn delete_template(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM response_templates WHERE id = $1")
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seqs_are_bound() {
        assert_eq!(
            bodies_query(&[3, 5, 8]).sql(),
            "SELECT record_seq, body_html FROM official_responses WHERE record_seq IN ($1, $2, $3)"
        );
    }
}
