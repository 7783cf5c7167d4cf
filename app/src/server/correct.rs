//! Correcting the record. The decision record is never edited: an officer
//! (of the agency that published an official response or step, or of the
//! agency now responsible) or an admin who published a wrong amount or text
//! appends a `correction` entry naming the entry it corrects, the field, what
//! it said, what is right and why. Pages and exports show it next to the
//! original (see [`super::record::corrections`], which the pages import: this module
//! imports the proposal and complaint services, so they must not import it);
//! the proposal's current budget and timeline follow it.
use super::forums;
use super::record::{self, Actor, Content, Correction};
use crate::db::corrections::{self as rows, NewCorrection, Step, Value};
use crate::db::Db;
use crate::domain::complaint::Event;
use crate::domain::ids::{AgencyId, ComplaintId, ProposalId, UserId};
use crate::domain::permissions::{correcting_agency, may_correct_entry};
use crate::domain::proposal::{keeps_budget, State};
use crate::error::{AppError, AppResult, FieldProblem, Refusal};
use crate::model::Me;

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

    fn value(&self) -> Value {
        match self {
            Fix::Text(s) | Fix::Timeline(s) => Value {
                text: Some(s.clone()),
                amount: None,
            },
            Fix::Budget(n) => Value {
                text: None,
                amount: Some(*n),
            },
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
    agencies: [Option<AgencyId>; 2],
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

/// Only officers and admins correct anything: everyone else is refused
/// before any input is read.
pub fn may_correct(me: &Me) -> AppResult<()> {
    if crate::domain::permissions::may_correct(me) {
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
    let Some(row) = rows::entry(db, seq).await? else {
        return Err(AppError::NotFound);
    };
    let step = match (row.subject.as_str(), row.event.as_str()) {
        ("proposal", "response" | "progress") => Step::Response,
        ("complaint", e) if Event::parse(e).is_some() => Step::ComplaintStep,
        _ => {
            return Err(AppError::Refused {
                reason: Refusal::NotCorrectable,
            })
        }
    };
    let published = rows::step_agency(db, step, seq).await?.ok_or(AppError::NotFound)?;
    let now = rows::subject_agency(db, step, row.subject_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let agencies = [published, now];
    if !may_correct_entry(me, agencies) {
        return Err(AppError::Forbidden);
    }
    let entry = serde_json::from_str::<Content>(&row.content).map_err(|e| {
        tracing::error!("record entry {seq}: {e}");
        AppError::Internal
    })?;
    Ok(Target {
        seq,
        subject: row.subject,
        subject_id: row.subject_id,
        area_path: row.area_path,
        entry,
        agencies,
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
    let subject = rows::lock_subject(&mut tx, proposal, t.subject_id, at).await?;
    let private = subject.private != 0;
    // What it says now: the latest correction of the field, else the original.
    let was = match rows::latest(&mut tx, t.seq, field).await? {
        Some(w) => w,
        None if proposal => {
            let r = rows::response(&mut tx, t.seq).await?;
            match fix {
                Fix::Text(_) => Value {
                    text: Some(r.body_src),
                    amount: None,
                },
                Fix::Budget(_) => Value {
                    text: None,
                    amount: r.budget,
                },
                Fix::Timeline(_) => Value {
                    text: r.timeline,
                    amount: None,
                },
            }
        }
        None => Value {
            text: Some(rows::step_text(&mut tx, t.seq).await?),
            amount: None,
        },
    };
    let now = fix.value();
    if was == now {
        return Err(AppError::Refused {
            reason: Refusal::NoChange,
        });
    }
    let json = |v: &Value| {
        v.text
            .clone()
            .map(serde_json::Value::String)
            .or(v.amount.map(serde_json::Value::from))
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
    let acting = correcting_agency(me, t.agencies);
    let actor = Actor {
        username: me.username.clone(),
        name: me.display_name.clone(),
        role: if acting.is_some() { "officer" } else { "admin" }.into(),
    };
    let state = subject.state;
    let title = subject.title;
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
    let row = NewCorrection {
        record_seq: seq,
        corrects_seq: t.seq,
        subject: &t.subject,
        subject_id: t.subject_id,
        field,
        was: &was,
        now: &now,
        now_html: html.as_deref(),
        reason: why,
        officer: UserId(me.id),
        agency: acting.or(t.entry.agency.as_ref().map(|a| AgencyId(a.id))),
    };
    rows::insert(&mut tx, &row, at).await?;
    if proposal {
        if field != "text" {
            follow_corrections(&mut tx, t.subject_id).await?;
        }
        crate::db::proposals::notify_followers(&mut tx, ProposalId(t.subject_id), seq, Some(UserId(me.id)), at).await?;
    } else if subject.author_id != UserId(me.id) {
        let id = ComplaintId(t.subject_id);
        crate::db::complaints::notify_complainant(&mut tx, subject.author_id, id, seq, UserId(me.id), at).await?;
    }
    tx.commit().await?;
    Ok(seq)
}

/// The proposal's current budget and timeline: those of its latest response
/// that gave one (as each response set them), as corrected.
async fn follow_corrections(conn: &mut sqlx::AnyConnection, id: i64) -> AppResult<()> {
    let responses = rows::responses_of(conn, id).await?;
    let fixes = rows::fixes_of(conn, id).await?;
    let (mut budget, mut timeline) = (None, None);
    for r in responses {
        let mut b = r.budget;
        let mut t = r.timeline;
        for f in &fixes {
            match f.field.as_str() {
                "budget" if f.corrects_seq == r.record_seq => b = f.now_amount,
                "timeline" if f.corrects_seq == r.record_seq => t = f.now_text.clone(),
                _ => {}
            }
        }
        budget = b.or(budget);
        timeline = t.or(timeline);
    }
    rows::set_plan(conn, id, budget, timeline).await?;
    Ok(())
}
