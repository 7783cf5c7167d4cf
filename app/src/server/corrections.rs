//! Corrections in the open. The decision record is never edited: an officer
//! (of the agency that published an official response or step, or of the
//! agency now responsible) or an admin who published a wrong amount or text
//! appends a `correction` entry naming the entry it corrects, the field, what
//! it said, what is right and why. Pages and exports show it next to the
//! original; the proposal's current budget and timeline follow it.
use super::record::{self, Actor, Content, Correction};
use super::{forums, time};
use crate::db::Db;
use crate::domain::ids::{ProposalId, UserId};
use crate::domain::proposal::{keeps_budget, State};
use crate::error::{AppError, AppResult, FieldProblem, Refusal};
use crate::i18n::amounts::amount_text;
use crate::i18n::proposals::rupiah;
use crate::model::{CorrectionView, Lang, Me, Role};
use sqlx::FromRow;
use std::collections::HashMap;

/// Characters a correction's reason may hold.
pub const REASON_MAX: usize = 1000;

/// What is right, read from the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// The whole right text (Markdown).
    Text(String),
    /// The right budget, in rupiah.
    Budget(i64),
    Timeline(String),
}

impl Fix {
    pub fn field(&self) -> &'static str {
        match self {
            Fix::Text(_) => "text",
            Fix::Budget(_) => "budget",
            Fix::Timeline(_) => "timeline",
        }
    }

    fn parts(&self) -> (Option<String>, Option<i64>) {
        match self {
            Fix::Text(s) | Fix::Timeline(s) => (Some(s.clone()), None),
            Fix::Budget(n) => (None, Some(*n)),
        }
    }
}

/// An entry someone may correct, found before anything they typed is read.
pub struct Target {
    seq: i64,
    subject: String,
    subject_id: i64,
    area_path: String,
    entry: Content,
    /// The agency that published it, and the subject's agency now.
    agencies: [Option<i64>; 2],
}

impl Target {
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// The fields an entry of this kind has: a complaint's step has its
    /// text; a proposal's response also its budget and timeline where its
    /// decision keeps them.
    pub fn fields(&self) -> &'static [&'static str] {
        let keeps = State::parse(&self.entry.state_to).is_some_and(keeps_budget);
        match self.subject.as_str() {
            "proposal" if keeps => &["text", "budget", "timeline"],
            _ => &["text"],
        }
    }

    /// The page the entry appears on.
    pub fn url(&self) -> String {
        let kind = if self.subject == "complaint" {
            "complaints"
        } else {
            "proposals"
        };
        format!("/{kind}/{}#e{}", self.subject_id, self.seq)
    }
}

fn officer_of(me: &Me, agency: Option<i64>) -> bool {
    agency.is_some_and(|g| {
        me.roles
            .iter()
            .any(|r| r.role == Role::Officer && r.agency_id == Some(g))
    })
}

/// Only officers and admins correct anything: everyone else is refused
/// before any input is read.
pub fn may_correct(me: &Me) -> AppResult<()> {
    if me.is_admin() || me.roles.iter().any(|r| r.role == Role::Officer) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Entry `seq`, if `me` may correct it: an official response or progress
/// update of a proposal, or an officer's step on a complaint; by an officer
/// of the agency that published it or of the agency responsible now, or by
/// an admin. Anyone else is refused before the entry is even read.
pub async fn target(db: &Db, me: &Me, seq: i64) -> AppResult<Target> {
    may_correct(me)?;
    let row: Option<(String, i64, String, String, String)> =
        sqlx::query_as("SELECT subject, subject_id, event, area_path, content FROM record WHERE seq = $1")
            .bind(seq)
            .fetch_optional(&db.pool)
            .await?;
    let Some((subject, subject_id, event, area_path, content)) = row else {
        return Err(AppError::NotFound);
    };
    let (step, now) = match (subject.as_str(), event.as_str()) {
        ("proposal", "response" | "progress") => (
            "SELECT agency_id FROM official_responses WHERE record_seq = $1",
            "SELECT agency_id FROM proposals WHERE id = $1",
        ),
        ("complaint", e) if crate::domain::complaint::Event::parse(e).is_some() => (
            "SELECT agency_id FROM complaint_steps WHERE record_seq = $1",
            "SELECT agency_id FROM complaints WHERE id = $1",
        ),
        _ => {
            return Err(AppError::Refused {
                reason: Refusal::NotCorrectable,
            })
        }
    };
    let step: Option<i64> = sqlx::query_scalar(step)
        .bind(seq)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    let now: Option<i64> = sqlx::query_scalar(now)
        .bind(subject_id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    if !me.is_admin() && !officer_of(me, step) && !officer_of(me, now) {
        return Err(AppError::Forbidden);
    }
    let entry = serde_json::from_str::<Content>(&content).map_err(|e| {
        tracing::error!("record entry {seq}: {e}");
        AppError::Internal
    })?;
    Ok(Target {
        seq,
        subject,
        subject_id,
        area_path,
        entry,
        agencies: [step, now],
    })
}

/// Appends the correction of `t` to the record (with its row for pages),
/// brings the proposal's current budget and timeline in line, and tells
/// those who were told of the original. Returns the correction's seq.
pub async fn correct(db: &Db, me: &Me, t: &Target, fix: Fix, why: &str, at: i64) -> AppResult<i64> {
    let field = fix.field();
    if !t.fields().contains(&field) {
        return Err(AppError::field("field", FieldProblem::Invalid));
    }
    let html = match &fix {
        Fix::Text(s) => Some(forums::render("value", s)?),
        _ => None,
    };
    let proposal = t.subject == "proposal";
    let mut tx = db.pool.begin().await?;
    // Write first: lock the subject's row, so two corrections of one field
    // queue and each reads what the other made it.
    let table = if proposal { "proposals" } else { "complaints" };
    sqlx::query(&format!("UPDATE {table} SET updated_at = $1 WHERE id = $2"))
        .bind(at)
        .bind(t.subject_id)
        .execute(&mut *tx)
        .await?;
    let (title, state, private, author): (String, String, i64, i64) = sqlx::query_as(if proposal {
        "SELECT title, state, CAST(0 AS BIGINT), author_id FROM proposals WHERE id = $1"
    } else {
        "SELECT title, state, private, author_id FROM complaints WHERE id = $1"
    })
    .bind(t.subject_id)
    .fetch_one(&mut *tx)
    .await?;
    let private = private != 0;
    // What it says now: the latest correction of the field, else the original.
    let latest: Option<(Option<String>, Option<i64>)> = sqlx::query_as(
        "SELECT now_text, now_amount FROM corrections WHERE corrects_seq = $1 AND field = $2 ORDER BY id DESC LIMIT 1",
    )
    .bind(t.seq)
    .bind(field)
    .fetch_optional(&mut *tx)
    .await?;
    let was = match latest {
        Some(w) => w,
        None if proposal => {
            let (body, budget, timeline): (String, Option<i64>, Option<String>) =
                sqlx::query_as("SELECT body_src, budget, timeline FROM official_responses WHERE record_seq = $1")
                    .bind(t.seq)
                    .fetch_one(&mut *tx)
                    .await?;
            match fix {
                Fix::Text(_) => (Some(body), None),
                Fix::Budget(_) => (None, budget),
                Fix::Timeline(_) => (timeline, None),
            }
        }
        None => {
            let body: String = sqlx::query_scalar("SELECT body_src FROM complaint_steps WHERE record_seq = $1")
                .bind(t.seq)
                .fetch_one(&mut *tx)
                .await?;
            (Some(body), None)
        }
    };
    let now = fix.parts();
    if was == now {
        return Err(AppError::Refused {
            reason: Refusal::NoChange,
        });
    }
    let json = |(text, amount): &(Option<String>, Option<i64>)| {
        text.clone()
            .map(serde_json::Value::String)
            .or(amount.map(serde_json::Value::from))
    };
    // A private complaint's record shows that a step was corrected, by whom
    // and when, never what it said (as its steps' entries carry no text).
    let correction = Correction {
        corrects: t.seq,
        field: field.to_owned(),
        was: if private { None } else { json(&was) },
        now: if private { None } else { json(&now) },
        why: (!private).then(|| why.to_owned()),
    };
    let acting = t.agencies.into_iter().flatten().find(|g| officer_of(me, Some(*g)));
    let actor = Actor {
        username: me.username.clone(),
        name: me.display_name.clone(),
        role: if acting.is_some() { "officer" } else { "admin" }.into(),
    };
    let seq = record::append(&mut tx, &t.area_path, |seq| Content {
        seq,
        at: record::utc(at),
        subject: t.subject.clone(),
        subject_id: t.subject_id,
        title: if private { String::new() } else { title },
        event: "correction".into(),
        state_from: state.clone(),
        state_to: state,
        // Where the original is filed, so filters that show it show this.
        area: t.entry.area.clone(),
        agency: t.entry.agency.clone(),
        actor: Some(actor),
        due: None,
        text: None,
        budget: None,
        timeline: None,
        progress: None,
        correction: Some(correction),
    })
    .await?;
    sqlx::query(
        "INSERT INTO corrections (record_seq, corrects_seq, subject, subject_id, field, was_text, now_text, now_html, \
         was_amount, now_amount, reason, officer_id, agency_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(seq)
    .bind(t.seq)
    .bind(&t.subject)
    .bind(t.subject_id)
    .bind(field)
    .bind(&was.0)
    .bind(&now.0)
    .bind(&html)
    .bind(was.1)
    .bind(now.1)
    .bind(why)
    .bind(me.id)
    .bind(acting.or(t.entry.agency.as_ref().map(|a| a.id)))
    .bind(at)
    .execute(&mut *tx)
    .await?;
    if proposal {
        if field != "text" {
            follow_corrections(&mut tx, t.subject_id).await?;
        }
        crate::db::proposals::notify_followers(&mut tx, ProposalId(t.subject_id), seq, Some(UserId(me.id)), at).await?;
    } else if author != me.id {
        use crate::domain::ids::ComplaintId;
        let (author, id) = (UserId(author), ComplaintId(t.subject_id));
        crate::db::complaints::notify_complainant(&mut tx, author, id, seq, UserId(me.id), at).await?;
    }
    tx.commit().await?;
    Ok(seq)
}

/// The proposal's current budget and timeline: those of its latest response
/// that gave one (as each response set them), as corrected.
async fn follow_corrections(conn: &mut sqlx::AnyConnection, id: i64) -> AppResult<()> {
    let responses: Vec<(i64, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT record_seq, budget, timeline FROM official_responses WHERE proposal_id = $1 ORDER BY record_seq",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let fixes: Vec<(i64, String, Option<String>, Option<i64>)> = sqlx::query_as(
        "SELECT corrects_seq, field, now_text, now_amount FROM corrections \
         WHERE subject = 'proposal' AND subject_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let (mut budget, mut timeline) = (None, None);
    for (seq, b, t) in responses {
        let mut b = b;
        let mut t = t;
        for (of, field, text, amount) in &fixes {
            match field.as_str() {
                "budget" if *of == seq => b = *amount,
                "timeline" if *of == seq => t = text.clone(),
                _ => {}
            }
        }
        budget = b.or(budget);
        timeline = t.or(timeline);
    }
    sqlx::query("UPDATE proposals SET budget = $1, timeline = $2 WHERE id = $3")
        .bind(budget)
        .bind(timeline)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[derive(FromRow)]
struct Row {
    record_seq: i64,
    corrects_seq: i64,
    field: String,
    was_text: Option<String>,
    now_text: Option<String>,
    now_html: Option<String>,
    was_amount: Option<i64>,
    now_amount: Option<i64>,
    reason: String,
    officer: String,
    created_at: i64,
}

/// The corrections of a subject's entries, by the seq they correct, for
/// its page (whose reader may see the subject, so all of it).
pub async fn of_subject(
    db: &Db,
    lang: Lang,
    subject: &str,
    id: i64,
    zone: &str,
) -> AppResult<HashMap<i64, Vec<CorrectionView>>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT c.record_seq, c.corrects_seq, c.field, c.was_text, c.now_text, c.now_html, c.was_amount, \
         c.now_amount, c.reason, u.display_name AS officer, c.created_at FROM corrections c \
         JOIN users u ON u.id = c.officer_id WHERE c.subject = $1 AND c.subject_id = $2 ORDER BY c.id",
    )
    .bind(subject)
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let mut out: HashMap<i64, Vec<CorrectionView>> = HashMap::new();
    for r in rows {
        let (was, now) = shown(lang, &r.field, (r.was_text, r.was_amount), (r.now_text, r.now_amount));
        out.entry(r.corrects_seq).or_default().push(CorrectionView {
            seq: r.record_seq,
            corrects: r.corrects_seq,
            field: r.field,
            was,
            now,
            now_html: r.now_html,
            why: Some(r.reason),
            officer: r.officer,
            when: time::date_time(lang, r.created_at, zone),
        });
    }
    Ok(out)
}

/// What a correction said and says, as shown: amounts in figures (the new
/// one in words too), a timeline as written; a text is shown rendered
/// where it is shown at all (`now_html`).
fn shown(
    lang: Lang,
    field: &str,
    was: (Option<String>, Option<i64>),
    now: (Option<String>, Option<i64>),
) -> (Option<String>, Option<String>) {
    match field {
        "budget" => (was.1.map(|n| rupiah(lang, n)), now.1.map(|n| amount_text(lang, n))),
        "timeline" => (was.0, now.0),
        _ => (None, None),
    }
}

/// A `correction` entry of the record as lists show it.
pub fn of_entry(lang: Lang, seq: i64, c: &Correction, officer: Option<String>, when: String) -> CorrectionView {
    let parts = |v: &Option<serde_json::Value>| {
        let v = v.as_ref();
        (
            v.and_then(|v| v.as_str()).map(str::to_owned),
            v.and_then(|v| v.as_i64()),
        )
    };
    let (was, now) = shown(lang, &c.field, parts(&c.was), parts(&c.now));
    CorrectionView {
        seq,
        corrects: c.corrects,
        field: c.field.clone(),
        was,
        now,
        now_html: None,
        why: c.why.clone(),
        officer: officer.unwrap_or_default(),
        when,
    }
}

/// The seqs of the corrections of each of `seqs` (for lists and exports).
pub async fn corrected_by(db: &Db, seqs: &[i64]) -> AppResult<HashMap<i64, Vec<i64>>> {
    let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
    // Bounded batches: a list or an export batch at a time.
    for chunk in seqs.chunks(500) {
        let marks: Vec<String> = (1..=chunk.len()).map(|n| format!("${n}")).collect();
        let sql = format!(
            "SELECT corrects_seq, record_seq FROM corrections WHERE corrects_seq IN ({}) ORDER BY record_seq",
            marks.join(", ")
        );
        let mut q = sqlx::query_as::<_, (i64, i64)>(&sql);
        for s in chunk {
            q = q.bind(*s);
        }
        for (of, by) in q.fetch_all(&db.pool).await? {
            out.entry(of).or_default().push(by);
        }
    }
    Ok(out)
}
