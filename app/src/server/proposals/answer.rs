//! Official responses and progress updates: who answers (an officer of the
//! agency, or an admin), which step is allowed, and the record entry with
//! its response row, in one transaction.
use super::{actor, content, head, responsible, state_of, tell};
use crate::db::proposals as rows;
use crate::db::{responses, Db};
use crate::domain::ids::{AgencyId, CategoryId, ProposalId, UserId};
use crate::domain::proposal::{self as rules, keeps_budget, AnswerRole, State, Step};
use crate::domain::service::ServiceItem;
use crate::error::{AppError, AppResult, Refusal};
use crate::model::Me;
use crate::server::{dashboard, forums, record};

/// An official response or a progress update.
pub struct Answer {
    pub to: State,
    pub body: String,
    pub budget: Option<i64>,
    pub timeline: Option<String>,
    pub progress: Option<i64>,
    /// The token of the confirmation the officer was shown
    /// ([`confirm_token`]); anything else asks for one.
    pub confirm: String,
}

impl Answer {
    /// The same answer, as confirmed (the demo data, which the program writes
    /// itself, has no one to ask).
    pub fn confirmed(mut self, progress: bool) -> Self {
        self.confirm = confirm_token(progress, &self);
        self
    }
}

/// What a confirmation answers for: these exact values (a digest, so any
/// edit asks again).
fn confirm_token(progress: bool, a: &Answer) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    let parts = [
        if progress { "progress" } else { "response" }.to_owned(),
        a.to.code().to_owned(),
        a.body.clone(),
        a.budget.map(|b| b.to_string()).unwrap_or_default(),
        a.timeline.clone().unwrap_or_default(),
        a.progress.map(|p| p.to_string()).unwrap_or_default(),
    ];
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    hex::encode(&h.finalize()[..12])
}

/// The agency `me` answers for on this proposal, and as whom, or
/// `Forbidden`: an officer of the assigned agency (or, before assignment, of
/// the agency responsible for its category and area); an admin answers for
/// that agency too.
pub(super) async fn answering_agency(
    conn: &mut sqlx::AnyConnection,
    me: &Me,
    assigned: Option<(AgencyId, String)>,
    area_path: &str,
    category: CategoryId,
) -> AppResult<(Option<(AgencyId, String)>, AnswerRole)> {
    let agency = match assigned {
        Some(a) => Some(a),
        None => responsible(conn, area_path, category).await?,
    };
    match rules::answering_role(me, agency.as_ref().map(|a| a.0)) {
        Some(role) => Ok((agency, role)),
        None => Err(AppError::Forbidden),
    }
}

/// Publishes an official response (`progress = false`) or a progress
/// update; returns its record seq.
pub async fn answer(db: &Db, me: &Me, id: ProposalId, a: Answer, progress: bool, at: i64) -> AppResult<i64> {
    let html = forums::render("body", &a.body)?;
    let mut tx = db.pool.begin().await?;
    // Write first: lock the proposal row for the whole step.
    if rows::touch_for_answer(&mut tx, id, at).await? == 0 {
        return Err(AppError::NotFound);
    }
    let mut h = head(&mut tx, id).await?;
    let assigned = h.agency_id.map(|id| (id, h.agency_name.clone().unwrap_or_default()));
    let (agency, role) = answering_agency(&mut tx, me, assigned, &h.area_path, h.category_id).await?;
    let from = state_of(&h);
    let step = if progress { Step::Progress } else { Step::Response };
    if !rules::allowed(step, from, a.to) {
        return Err(AppError::Refused {
            reason: Refusal::WrongStep,
        });
    }
    // Published is for good: once allowed, the officer sees it exactly as it
    // will stand and sends it again unchanged before anything is written.
    let token = confirm_token(progress, &a);
    if a.confirm.trim() != token {
        return Err(AppError::Confirm { html, token });
    }
    let percent = match (progress, a.to) {
        (true, State::Implemented) => Some(100),
        (true, _) => Some(a.progress.unwrap_or(0).clamp(0, 100)),
        (false, _) => None,
    };
    let (budget, timeline) = if keeps_budget(a.to) {
        (a.budget, a.timeline.clone())
    } else {
        (None, None)
    };
    h.agency_id = agency.as_ref().map(|g| g.0);
    h.agency_name = agency.as_ref().map(|g| g.1.clone());
    let path = h.area_path.clone();
    let event = if progress { "progress" } else { "response" };
    let seq = record::append(&mut tx, &path, |seq| {
        let mut c = content(&h, seq, at, event, from, a.to, Some(actor(me, role.code())));
        c.text = Some(a.body.clone());
        c.budget = budget;
        c.timeline = timeline.clone();
        c.progress = percent;
        c
    })
    .await?;
    responses::insert(
        &mut tx,
        &responses::NewResponse {
            proposal_id: id,
            officer_id: UserId(me.id),
            agency_id: h.agency_id,
            kind: event,
            state: a.to.code(),
            body_src: &a.body,
            body_html: &html,
            budget,
            timeline: timeline.as_deref(),
            progress: percent,
            created_at: at,
            record_seq: seq,
        },
    )
    .await?;
    rows::set_answered(
        &mut tx,
        id,
        &rows::Answered {
            to: a.to,
            agency_id: h.agency_id,
            at,
            budget,
            timeline: timeline.as_deref(),
            progress: percent,
        },
    )
    .await?;
    dashboard::answered(&mut tx, ServiceItem::Proposal(id), UserId(me.id), at).await?;
    tell(&mut tx, id, seq, Some(UserId(me.id)), at).await?;
    tx.commit().await?;
    Ok(seq)
}
