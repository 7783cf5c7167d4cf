//! A tier's result in one area, confirmed by its facilitator: the usulan
//! carried to the next tier, in order (at the kota: accepted into the plan,
//! deferred or rejected), and a reason for every departure from the
//! deciding rule. Once confirmed it does not change.
use super::{entry, facilitates, refused, rows};
use crate::domain::forum_rules::path_ids;
use crate::domain::ids::{AreaId, CycleId, UserId, UsulanId};
use crate::domain::musrenbang::Tier;
use crate::error::{AppError, AppResult, FieldProblem, Problems, Refusal};
use crate::model::Me;
use crate::server::{areas, record, AppState};

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

/// The form, read: one decision (and reason) per usulan the deciding rule
/// selected, in the form's order; others to carry as well, with a reason.
pub struct TierResult {
    pub cycle: CycleId,
    pub tier: Tier,
    pub area: AreaId,
    pub decisions: Vec<(UsulanId, Decision, String)>,
    pub extra: Vec<UsulanId>,
    pub extra_reason: String,
    pub attendance: Option<i64>,
    pub delegates: String,
}

pub async fn confirm(st: &AppState, me: &Me, r: &TierResult, at: i64) -> AppResult<()> {
    if !facilitates(me) {
        return Err(AppError::Forbidden);
    }
    let cycle = super::cycle(st, r.cycle).await?;
    let pa = rows::plan_area(&st.db, r.cycle, r.tier.n(), r.area).await?;
    let pa = pa.ok_or(AppError::NotFound)?;
    if pa.confirmed_at.is_some() {
        return Err(refused(Refusal::AlreadyConfirmed));
    }
    if r.tier != Tier::City && r.decisions.iter().any(|d| d.1 == Decision::Defer) {
        return Err(AppError::BadRequest);
    }
    let area_path = areas::info(st, r.area.0).await?.path().to_owned();
    let next = r
        .tier
        .next()
        .map(|n| (n, path_ids(&area_path).get(n.depth() as usize).copied().map(AreaId)));
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
    let mut named: Vec<UsulanId> = r.decisions.iter().map(|d| d.0).chain(r.extra.iter().copied()).collect();
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
    for (i, (id, d, reason)) in r.decisions.iter().enumerate() {
        let selected = find(*id).and_then(rank_of).is_some();
        if (*d != Decision::Carry || !selected) && reason.trim().is_empty() {
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
        .filter(|d| d.1 == Decision::Carry)
        .map(|d| (d.0, Some(d.2.trim())))
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
    for (id, d, reason) in r.decisions.iter().filter(|d| d.1 != Decision::Carry) {
        decided.push((*id, *d, Some(reason.trim().to_owned()), None));
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
        match (d, next) {
            (Decision::Carry, Some((n, Some(parent)))) => {
                rows::enter_tier(&mut tx, *id, r.cycle, n.n(), parent).await?;
                rows::set_state(&mut tx, *id, "open", n.n()).await?;
            }
            (Decision::Carry, _) => rows::set_state(&mut tx, *id, "accepted", r.tier.n()).await?,
            (Decision::Defer, _) => rows::set_state(&mut tx, *id, "deferred", r.tier.n()).await?,
            (Decision::Drop, _) if r.tier == Tier::City => {
                rows::set_state(&mut tx, *id, "rejected", r.tier.n()).await?
            }
            (Decision::Drop, _) => rows::set_state(&mut tx, *id, "stopped", r.tier.n()).await?,
        }
        record::append(&mut tx, &area_path, |seq| {
            entry(seq, at, t, outcome, reason.as_deref(), me)
        })
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
