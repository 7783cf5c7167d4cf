//! Counting a tier once its voting has closed: approvals of every usulan,
//! and where each rule places it, for every area of the tier at once.
use super::rows;
use crate::db::Db;
use crate::domain::ids::{AreaId, CycleId, UserId, UsulanId};
use crate::domain::musrenbang::{self as rules, Candidate};
use crate::error::AppResult;
use std::collections::HashMap;

/// Counts the stages whose voting has closed (the sweep calls this); how
/// many it counted.
pub async fn count_due(db: &Db, now: i64) -> AppResult<usize> {
    let due = rows::uncounted(db, now).await?;
    let mut n = 0;
    for (cycle, tier) in due {
        if count_stage(db, cycle, tier, now).await? {
            n += 1;
        }
    }
    Ok(n)
}

/// Counts one stage, once (false if it was counted already, or voting is
/// still open). Everything is written in one transaction.
pub async fn count_stage(db: &Db, cycle: CycleId, tier: i64, now: i64) -> AppResult<bool> {
    let mut tx = db.pool.begin().await?;
    // The claim first: a second server (or a second sweep) finds it taken.
    if !rows::mark_counted(&mut tx, cycle, tier, now).await? {
        return Ok(false);
    }
    let Some(stage) = rows::stage_in(&mut tx, cycle, tier).await? else {
        return Ok(false);
    };
    if !stage.calendar().voting_over(now) {
        // Not yet: undo the claim.
        return Ok(false);
    }
    let mut ballots: HashMap<AreaId, Vec<Vec<i64>>> = HashMap::new();
    let mut last: Option<(AreaId, UserId)> = None;
    for (area, user, usulan) in rows::approvals_of_tier(&mut tx, cycle, tier).await? {
        let b = ballots.entry(area).or_default();
        if last != Some((area, user)) {
            b.push(Vec::new());
            last = Some((area, user));
        }
        if let Some(v) = b.last_mut() {
            v.push(usulan.0);
        }
    }
    for (area, own_ceiling) in rows::areas_of_tier(&mut tx, cycle, tier).await? {
        let ceiling = own_ceiling.unwrap_or(stage.ceiling);
        let here = rows::all_in_area(&mut tx, cycle, tier, area).await?;
        let area_ballots = ballots.remove(&area).unwrap_or_default();
        let ids: Vec<i64> = here.iter().map(|t| t.usulan_id.0).collect();
        let approvals = rules::count(&ids, &area_ballots);
        let candidates: Vec<Candidate> = here
            .iter()
            .zip(&approvals)
            .filter(|(t, _)| t.verdict.as_deref() != Some("not_feasible"))
            .map(|(t, &n)| Candidate {
                id: t.usulan_id.0,
                cost: t.cost,
                approvals: n,
            })
            .collect();
        let rank = |picked: Vec<i64>| -> HashMap<i64, i64> { picked.into_iter().zip(1..).collect() };
        let greedy = rank(rules::greedy(&candidates, ceiling));
        let shares = rank(rules::equal_shares(&candidates, &area_ballots, ceiling));
        let counted: Vec<rows::Counted> = here
            .iter()
            .zip(&approvals)
            .map(|(t, &n)| rows::Counted {
                id: UsulanId(t.usulan_id.0),
                approvals: n,
                greedy_rank: greedy.get(&t.usulan_id.0).copied(),
                shares_rank: shares.get(&t.usulan_id.0).copied(),
            })
            .collect();
        rows::set_counted(&mut tx, tier, &counted).await?;
        rows::set_voters(&mut tx, cycle, tier, area, area_ballots.len() as i64).await?;
    }
    tx.commit().await?;
    Ok(true)
}
