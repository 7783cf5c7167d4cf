//! A tier's result in one area, confirmed by its facilitator: the usulan
//! carried to the next tier, in order (at the kota: accepted into the plan,
//! deferred or rejected), and a reason for every departure from the
//! deciding rule. Once confirmed it does not change.
use super::{entry, facilitates, refused, rows};
use crate::db::musrenbang::funnel::Step;
use crate::domain::forum_rules::path_ids;
use crate::domain::ids::{AreaId, CycleId, UserId, UsulanId};
use crate::domain::musrenbang::Tier;
use crate::error::{AppError, AppResult, FieldProblem, Problems, Refusal};
use crate::model::Me;
use crate::server::record::{self, Named};
use crate::server::{areas, AppState};

/// What the facilitator decided for one usulan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Carried to the next tier (at the kota: accepted into the plan).
    Carry,
    /// Not carried (at the kota: rejected).
    Drop,
    /// Only at the kota: kept for a later year's plan.
    Defer,
}

impl Decision {
    pub fn parse(s: &str) -> Option<Decision> {
        match s {
            "carry" => Some(Decision::Carry),
            "drop" => Some(Decision::Drop),
            "defer" => Some(Decision::Defer),
            _ => None,
        }
    }

    /// The outcome written at `tier`.
    fn outcome(self, tier: Tier) -> &'static str {
        match (self, tier) {
            (Decision::Carry, Tier::City) => "accepted",
            (Decision::Carry, _) => "carried",
            (Decision::Drop, Tier::City) => "rejected",
            (Decision::Drop, _) => "not_carried",
            (Decision::Defer, _) => "deferred",
        }
    }
}

/// What the facilitator decided for one usulan the rule selected: at the
/// kota, an usulan accepted into the plan has an amount (its verified cost,
/// else its estimate, unless the form gives one).
pub struct Choice {
    pub id: UsulanId,
    pub decision: Decision,
    pub reason: String,
    pub amount: Option<i64>,
}

impl Choice {
    pub fn new(id: UsulanId, decision: Decision) -> Choice {
        Choice {
            id,
            decision,
            reason: String::new(),
            amount: None,
        }
    }
}

/// The form, read: one decision (and reason) per usulan the deciding rule
/// selected, in the form's order; others to carry as well, with a reason.
pub struct TierResult {
    pub cycle: CycleId,
    pub tier: Tier,
    pub area: AreaId,
    pub decisions: Vec<Choice>,
    pub extra: Vec<UsulanId>,
    pub extra_reason: String,
    pub attendance: Option<i64>,
    pub delegates: String,
}

pub async fn confirm(st: &AppState, me: &Me, r: &TierResult, at: i64) -> AppResult<()> {
    let cycle = super::cycle(st, r.cycle).await?;
    if !facilitates(me, cycle.area_id) {
        return Err(AppError::Forbidden);
    }
    let pa = rows::plan_area(&st.db, r.cycle, r.tier.n(), r.area).await?;
    let pa = pa.ok_or(AppError::NotFound)?;
    if pa.confirmed_at.is_some() {
        return Err(refused(Refusal::AlreadyConfirmed));
    }
    if r.tier != Tier::City
        && r.decisions
            .iter()
            .any(|d| d.decision == Decision::Defer || d.amount.is_some())
    {
        return Err(AppError::BadRequest);
    }
    let area_path = areas::info(st, r.area.0).await?.path().to_owned();
    let next = r
        .tier
        .next()
        .map(|n| (n, path_ids(&area_path).get(n.depth() as usize).copied().map(AreaId)));
    // At the kota, the agency of each usulan the plan accepts: the one that
    // verified it, else the one responsible for its category there (looked
    // up before the transaction takes its connection).
    let mut plan_agencies = Vec::new();
    if r.tier == Tier::City {
        for id in r
            .decisions
            .iter()
            .filter(|c| c.decision == Decision::Carry)
            .map(|c| c.id)
            .chain(r.extra.iter().copied())
        {
            let Some(u) = rows::usulan(&st.db, id).await? else {
                continue;
            };
            let agency = match (u.verified_agency_id, u.verified_agency.clone()) {
                (Some(a), Some(name)) => Some((a, name)),
                _ => super::verifier(st, &u).await?,
            };
            plan_agencies.push((id, agency));
        }
    }
    let mut tx = st.db.pool.begin().await?;
    crate::db::write_first(&mut tx).await?;
    let stage = rows::stage_in(&mut tx, r.cycle, r.tier.n())
        .await?
        .ok_or(AppError::NotFound)?;
    if stage.counted_at.is_none() {
        return Err(refused(Refusal::NotCounted));
    }
    let here = rows::all_in_area(&mut tx, r.cycle, r.tier.n(), r.area).await?;
    let find = |id: UsulanId| here.iter().find(|t| t.usulan_id == id);
    let rank_of = |t: &rows::AtTier| {
        if cycle.rule == "greedy" {
            t.greedy_rank
        } else {
            t.shares_rank
        }
    };
    // Every usulan named must stand in this area at this tier, once.
    let mut named: Vec<UsulanId> = r
        .decisions
        .iter()
        .map(|d| d.id)
        .chain(r.extra.iter().copied())
        .collect();
    if named.iter().any(|id| find(*id).is_none()) {
        return Err(refused(Refusal::NotInTier));
    }
    named.sort();
    named.dedup();
    if named.len() != r.decisions.len() + r.extra.len() {
        return Err(AppError::BadRequest);
    }
    // A departure from the rule needs its reason.
    let mut v = Problems::default();
    for (i, c) in r.decisions.iter().enumerate() {
        let selected = find(c.id).and_then(rank_of).is_some();
        if (c.decision != Decision::Carry || !selected) && c.reason.trim().is_empty() {
            v.add(&format!("reason[{i}]"), FieldProblem::Required);
        }
    }
    if !r.extra.is_empty() && r.extra_reason.trim().is_empty() {
        v.add("extra_reason", FieldProblem::Required);
    }
    v.done()?;
    if !rows::confirm_area(
        &mut tx,
        &rows::Confirmation {
            cycle: r.cycle,
            tier: r.tier.n(),
            area: r.area,
            by: UserId(me.id),
            attendance: r.attendance,
            delegates: &r.delegates,
            at,
        },
    )
    .await?
    {
        return Err(refused(Refusal::AlreadyConfirmed));
    }
    let carried = r
        .decisions
        .iter()
        .filter(|d| d.decision == Decision::Carry)
        .map(|d| (d.id, Some(d.reason.trim())))
        .chain(r.extra.iter().map(|id| (*id, Some(r.extra_reason.trim()))));
    let mut decided: Vec<(UsulanId, Decision, Option<String>, Option<i64>)> = Vec::new();
    for ((id, reason), position) in carried.zip(1..) {
        decided.push((
            id,
            Decision::Carry,
            reason.filter(|s| !s.is_empty()).map(str::to_owned),
            Some(position),
        ));
    }
    for c in r.decisions.iter().filter(|d| d.decision != Decision::Carry) {
        decided.push((c.id, c.decision, Some(c.reason.trim().to_owned()), None));
    }
    for t in &here {
        if !decided.iter().any(|d| d.0 == t.usulan_id) {
            decided.push((t.usulan_id, Decision::Drop, None, None));
        }
    }
    for (id, d, reason, position) in &decided {
        let Some(t) = find(*id) else { continue };
        let outcome = d.outcome(r.tier);
        rows::set_outcome(&mut tx, *id, r.tier.n(), outcome, *position, reason.as_deref()).await?;
        let mut planned = None;
        match (d, next) {
            (Decision::Carry, Some((n, Some(parent)))) => {
                rows::enter_tier(&mut tx, *id, r.cycle, n.n(), parent).await?;
                rows::set_state(&mut tx, *id, "open", n.n()).await?;
                let step = if r.tier == Tier::Village {
                    Step::Carried0
                } else {
                    Step::Carried1
                };
                let path = rows::usulan_path(&mut tx, *id).await?;
                super::funnel::count(&mut tx, &cycle, &path, step, 0, None).await?;
            }
            (Decision::Carry, _) => {
                rows::set_state(&mut tx, *id, "accepted", r.tier.n()).await?;
                let amount = r.decisions.iter().find(|c| c.id == *id).and_then(|c| c.amount);
                let agency = plan_agencies.iter().find(|p| p.0 == *id).and_then(|p| p.1.as_ref());
                let amount = amount.unwrap_or(t.cost);
                rows::set_plan(&mut tx, *id, agency.map(|a| a.0), Some(amount), reason.as_deref()).await?;
                let path = rows::usulan_path(&mut tx, *id).await?;
                super::funnel::count(&mut tx, &cycle, &path, Step::Accepted, amount, agency.map(|a| a.0)).await?;
                planned = Some((agency.cloned(), amount));
            }
            (Decision::Defer, _) => rows::set_state(&mut tx, *id, "deferred", r.tier.n()).await?,
            (Decision::Drop, _) if r.tier == Tier::City => {
                rows::set_state(&mut tx, *id, "rejected", r.tier.n()).await?
            }
            (Decision::Drop, _) => rows::set_state(&mut tx, *id, "stopped", r.tier.n()).await?,
        }
        let seq = record::append(&mut tx, &area_path, |seq| {
            let mut c = entry(seq, at, t, outcome, reason.as_deref(), me);
            if let Some((agency, amount)) = planned {
                c.agency = agency.map(|(id, name)| Named { id: id.0, name });
                c.budget = Some(amount);
            }
            c
        })
        .await?;
        // Its author hears of every tier's decision; at the kota, so does
        // everyone who chose it at any tier.
        rows::notify_usulan(&mut tx, *id, seq, UserId(me.id), r.tier == Tier::City, at).await?;
    }
    // The area's voters hear that its result stands.
    rows::notify_voters(&mut tx, r.cycle, r.tier.n(), r.area, at).await?;
    tx.commit().await?;
    Ok(())
}
