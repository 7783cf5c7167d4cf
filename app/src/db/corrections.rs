//! Corrections of the decision record (`corrections`, append-only), and the
//! reads a correction needs of the entry it corrects.
use super::numbered::Numbered;
use super::Db;
use crate::domain::ids::{AgencyId, UserId};
use sqlx::{AnyConnection, FromRow};

/// A record entry, as a correction finds it.
#[derive(FromRow, Debug)]
pub struct EntryRow {
    pub subject: String,
    pub subject_id: i64,
    pub event: String,
    pub area_path: String,
    pub content: String,
}

pub async fn entry(db: &Db, seq: i64) -> Result<Option<EntryRow>, sqlx::Error> {
    sqlx::query_as("SELECT subject, subject_id, event, area_path, content FROM record WHERE seq = $1")
        .bind(seq)
        .fetch_optional(&db.pool)
        .await
}

/// What kind of step a corrected entry is: an official response (or
/// progress update) of a proposal, or an officer's step on a complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Response,
    ComplaintStep,
}

/// The agency that published entry `seq` (Some(None): none); None when the
/// entry has no such step.
pub async fn step_agency(db: &Db, step: Step, seq: i64) -> Result<Option<Option<AgencyId>>, sqlx::Error> {
    let sql = match step {
        Step::Response => "SELECT agency_id FROM official_responses WHERE record_seq = $1",
        Step::ComplaintStep => "SELECT agency_id FROM complaint_steps WHERE record_seq = $1",
    };
    sqlx::query_scalar(sql).bind(seq).fetch_optional(&db.pool).await
}

/// The agency a proposal (`Step::Response`) or complaint is with now;
/// None when there is no such subject.
pub async fn subject_agency(db: &Db, step: Step, id: i64) -> Result<Option<Option<AgencyId>>, sqlx::Error> {
    let sql = match step {
        Step::Response => "SELECT agency_id FROM proposals WHERE id = $1",
        Step::ComplaintStep => "SELECT agency_id FROM complaints WHERE id = $1",
    };
    sqlx::query_scalar(sql).bind(id).fetch_optional(&db.pool).await
}

/// The subject of a correction, read (and locked: written first) in the
/// correction's transaction.
#[derive(FromRow, Debug)]
pub struct SubjectRow {
    pub title: String,
    pub state: String,
    /// 1 for a private complaint.
    pub private: i64,
    pub author_id: UserId,
}

/// Locks the proposal (`proposal`) or complaint `id` by writing to it, so
/// that two corrections of one field queue and each reads what the other
/// made it; then reads it.
pub async fn lock_subject(
    conn: &mut AnyConnection,
    proposal: bool,
    id: i64,
    at: i64,
) -> Result<SubjectRow, sqlx::Error> {
    let table = if proposal { "proposals" } else { "complaints" };
    sqlx::query(&format!("UPDATE {table} SET updated_at = $1 WHERE id = $2"))
        .bind(at)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query_as(if proposal {
        "SELECT title, state, CAST(0 AS BIGINT) AS private, author_id FROM proposals WHERE id = $1"
    } else {
        "SELECT title, state, private, author_id FROM complaints WHERE id = $1"
    })
    .bind(id)
    .fetch_one(&mut *conn)
    .await
}

/// A value of a field: text (text, timeline) or an amount (budget).
#[derive(FromRow, Debug, Clone, PartialEq, Eq)]
pub struct Value {
    pub text: Option<String>,
    pub amount: Option<i64>,
}

/// What the latest correction of a field of entry `seq` made it.
pub async fn latest(conn: &mut AnyConnection, seq: i64, field: &str) -> Result<Option<Value>, sqlx::Error> {
    sqlx::query_as(
        "SELECT now_text AS text, now_amount AS amount FROM corrections WHERE corrects_seq = $1 AND field = $2 \
         ORDER BY id DESC LIMIT 1",
    )
    .bind(seq)
    .bind(field)
    .fetch_optional(&mut *conn)
    .await
}

/// An official response as published.
#[derive(FromRow, Debug)]
pub struct ResponseRow {
    pub body_src: String,
    pub budget: Option<i64>,
    pub timeline: Option<String>,
}

pub async fn response(conn: &mut AnyConnection, seq: i64) -> Result<ResponseRow, sqlx::Error> {
    sqlx::query_as("SELECT body_src, budget, timeline FROM official_responses WHERE record_seq = $1")
        .bind(seq)
        .fetch_one(&mut *conn)
        .await
}

/// A complaint step's text as published.
pub async fn step_text(conn: &mut AnyConnection, seq: i64) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT body_src FROM complaint_steps WHERE record_seq = $1")
        .bind(seq)
        .fetch_one(&mut *conn)
        .await
}

/// A correction, to append.
pub struct NewCorrection<'a> {
    pub record_seq: i64,
    pub corrects_seq: i64,
    pub subject: &'a str,
    pub subject_id: i64,
    pub field: &'a str,
    pub was: &'a Value,
    pub now: &'a Value,
    pub now_html: Option<&'a str>,
    pub reason: &'a str,
    pub officer: UserId,
    pub agency: Option<AgencyId>,
}

pub async fn insert(conn: &mut AnyConnection, c: &NewCorrection<'_>, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO corrections (record_seq, corrects_seq, subject, subject_id, field, was_text, now_text, now_html, \
         was_amount, now_amount, reason, officer_id, agency_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(c.record_seq)
    .bind(c.corrects_seq)
    .bind(c.subject)
    .bind(c.subject_id)
    .bind(c.field)
    .bind(&c.was.text)
    .bind(&c.now.text)
    .bind(c.now_html)
    .bind(c.was.amount)
    .bind(c.now.amount)
    .bind(c.reason)
    .bind(c.officer)
    .bind(c.agency)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A proposal's response's budget and timeline, as published.
#[derive(FromRow, Debug)]
pub struct Planned {
    pub record_seq: i64,
    pub budget: Option<i64>,
    pub timeline: Option<String>,
}

pub async fn responses_of(conn: &mut AnyConnection, proposal: i64) -> Result<Vec<Planned>, sqlx::Error> {
    sqlx::query_as(
        "SELECT record_seq, budget, timeline FROM official_responses WHERE proposal_id = $1 ORDER BY record_seq",
    )
    .bind(proposal)
    .fetch_all(&mut *conn)
    .await
}

/// A correction of a proposal's entry, oldest first.
#[derive(FromRow, Debug)]
pub struct Fixed {
    pub corrects_seq: i64,
    pub field: String,
    pub now_text: Option<String>,
    pub now_amount: Option<i64>,
}

pub async fn fixes_of(conn: &mut AnyConnection, proposal: i64) -> Result<Vec<Fixed>, sqlx::Error> {
    sqlx::query_as(
        "SELECT corrects_seq, field, now_text, now_amount FROM corrections \
         WHERE subject = 'proposal' AND subject_id = $1 ORDER BY id",
    )
    .bind(proposal)
    .fetch_all(&mut *conn)
    .await
}

/// Sets a proposal's current budget and timeline.
pub async fn set_plan(
    conn: &mut AnyConnection,
    proposal: i64,
    budget: Option<i64>,
    timeline: Option<String>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE proposals SET budget = $1, timeline = $2 WHERE id = $3")
        .bind(budget)
        .bind(timeline)
        .bind(proposal)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A correction as a subject's page shows it.
#[derive(FromRow, Debug)]
pub struct Row {
    pub record_seq: i64,
    pub corrects_seq: i64,
    pub field: String,
    pub was_text: Option<String>,
    pub now_text: Option<String>,
    pub now_html: Option<String>,
    pub was_amount: Option<i64>,
    pub now_amount: Option<i64>,
    pub reason: String,
    pub officer: String,
    pub created_at: i64,
}

/// The corrections of a subject's entries, oldest first.
pub async fn of_subject<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    ex: E,
    subject: &str,
    id: i64,
) -> Result<Vec<Row>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.record_seq, c.corrects_seq, c.field, c.was_text, c.now_text, c.now_html, c.was_amount, \
         c.now_amount, c.reason, u.display_name AS officer, c.created_at FROM corrections c \
         JOIN users u ON u.id = c.officer_id WHERE c.subject = $1 AND c.subject_id = $2 ORDER BY c.id",
    )
    .bind(subject)
    .bind(id)
    .fetch_all(ex)
    .await
}

/// Which correction corrects which entry.
#[derive(FromRow, Debug, Clone, PartialEq, Eq)]
pub struct Corrects {
    pub corrects_seq: i64,
    pub record_seq: i64,
}

/// The corrections of the entries `seqs` (at most a few hundred: callers
/// ask a batch at a time), in the order they were made.
pub async fn of_entries<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    ex: E,
    seqs: &[i64],
) -> Result<Vec<Corrects>, sqlx::Error> {
    if seqs.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Numbered::new("SELECT corrects_seq, record_seq FROM corrections WHERE corrects_seq IN (");
    q.push_bind_list(seqs.iter().copied()).push(") ORDER BY record_seq");
    q.build().build_query_as().fetch_all(ex).await
}
