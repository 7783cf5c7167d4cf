//! Musrenbang: cycles, usulan, ballots and tier results. Every function
//! works out who is calling first; the rules of who may do what are checked
//! in `server::musrenbang`, inside the transaction of the write.
// One argument per form field, as a plain HTML form posts them.
#![allow(clippy::too_many_arguments)]
use crate::error::AppError;
use crate::model::musrenbang::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::forum::{limit, number, signed_in, spend, writer};
#[cfg(feature = "ssr")]
use crate::{
    domain::ids::{AreaId, CategoryId, CycleId, UsulanId},
    domain::musrenbang::{parse_volume, Tier},
    domain::{parse_id, thread_title, whole_number, Rupiah},
    error::{FieldProblem, Problems},
    server::limits::Write,
    server::musrenbang as plan,
    server::{request_ctx, state, time::now},
};

#[cfg(feature = "ssr")]
fn tier(raw: &str) -> Result<Tier, AppError> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .and_then(Tier::from_i64)
        .ok_or(AppError::NotFound)
}

/// A number from a link, or none (0) when empty or malformed.
#[cfg(feature = "ssr")]
fn cursor(raw: &str) -> i64 {
    raw.trim().parse::<i64>().ok().filter(|n| *n > 0).unwrap_or(0)
}

#[cfg(feature = "ssr")]
fn text(v: &mut Problems, field: &str, raw: &str, max: usize) -> String {
    let t = raw.trim();
    if t.is_empty() {
        v.add(field, FieldProblem::Required);
    } else if t.chars().count() > max {
        v.add(field, FieldProblem::TooLong { max: max as u32 });
    }
    t.to_owned()
}

/// Numbers typed into a field ("12, #15 20"), at most [`plan::LINKS_MAX`].
#[cfg(feature = "ssr")]
fn numbers(v: &mut Problems, field: &str, raw: &str) -> Vec<i64> {
    let mut out = Vec::new();
    for part in raw.split([',', ' ', ';']).map(str::trim).filter(|s| !s.is_empty()) {
        match part.trim_start_matches('#').parse::<i64>() {
            Ok(n) if n > 0 => out.push(n),
            _ => {
                v.add(field, FieldProblem::Invalid);
                return Vec::new();
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    if out.len() > plan::LINKS_MAX {
        v.add(field, FieldProblem::Invalid);
    }
    out
}

/// Planning cycles, newest first.
#[server(endpoint = "plan_cycles")]
pub async fn get_plan_cycles(#[server(default)] before: String) -> Result<CyclesPage, AppError> {
    let page = async {
        let ctx = request_ctx();
        let st = state()?;
        let before = Some(cursor(&before)).filter(|n| *n > 0);
        plan::cycles_page(&st, ctx.me.as_ref(), before, now()).await
    };
    crate::server::for_page(page.await)
}

/// A cycle: its calendar, the viewer's places, and the areas of one tier.
#[server(endpoint = "plan_cycle")]
pub async fn get_plan_cycle(
    id: String,
    #[server(default)] tier: String,
    #[server(default)] after: String,
) -> Result<CyclePage, AppError> {
    let page = async {
        let ctx = request_ctx();
        let st = state()?;
        let id = CycleId(number(&id)?);
        let tier = tier.trim().parse::<i64>().ok();
        plan::cycle_page(&st, ctx.lang, ctx.me.as_ref(), id, tier, cursor(&after), now()).await
    };
    crate::server::for_page(page.await)
}

/// A cycle's funnel: the whole, and a page of kecamatan or agencies.
#[server(endpoint = "plan_funnel")]
pub async fn get_plan_funnel(
    id: String,
    #[server(default)] scope: String,
    #[server(default)] after: String,
) -> Result<FunnelPage, AppError> {
    let page = async {
        let st = state()?;
        plan::funnel_page(&st, CycleId(number(&id)?), scope.trim(), cursor(&after)).await
    };
    crate::server::for_page(page.await)
}

/// An area at a tier: its usulan, the viewer's ballot, the result.
#[server(endpoint = "plan_area")]
pub async fn get_plan_area(
    cycle: String,
    tier: String,
    area: String,
    #[server(default)] after: String,
) -> Result<PlanAreaPage, AppError> {
    let page = async {
        let ctx = request_ctx();
        let st = state()?;
        let key = (CycleId(number(&cycle)?), self::tier(&tier)?, AreaId(number(&area)?));
        plan::area_page(&st, ctx.lang, ctx.me.as_ref(), key, cursor(&after), now()).await
    };
    crate::server::for_page(page.await)
}

/// One usulan and its path through the tiers.
#[server(endpoint = "usulan")]
pub async fn get_usulan(id: String) -> Result<UsulanPage, AppError> {
    let page = async {
        let ctx = request_ctx();
        let st = state()?;
        plan::usulan_page(&st, ctx.lang, ctx.me.as_ref(), UsulanId(number(&id)?), now()).await
    };
    crate::server::for_page(page.await)
}

/// The new-usulan form: where the person takes part now.
#[server(endpoint = "new_usulan_page")]
pub async fn get_new_usulan(cycle: String) -> Result<NewUsulanPage, AppError> {
    let page = async {
        let ctx = request_ctx();
        let me = signed_in()?;
        let st = state()?;
        plan::new_usulan_page(&st, ctx.lang, &me, CycleId(number(&cycle)?), now()).await
    };
    crate::server::for_page(page.await)
}

/// Opens a cycle for a kota or kabupaten: a plan year, the deciding rule,
/// and per tier (t0 desa/kelurahan, t1 kecamatan, t2 kota/kabupaten) the
/// dates of each window and the default ceiling of its areas.
#[server(endpoint = "open_cycle")]
pub async fn open_cycle(
    area_id: String,
    year: String,
    rule: String,
    #[server(default)] t0_submit_from: String,
    #[server(default)] t0_submit_until: String,
    #[server(default)] t0_vote_from: String,
    #[server(default)] t0_vote_until: String,
    #[server(default)] t0_result_by: String,
    #[server(default)] t0_ceiling: String,
    #[server(default)] t1_submit_from: String,
    #[server(default)] t1_submit_until: String,
    #[server(default)] t1_vote_from: String,
    #[server(default)] t1_vote_until: String,
    #[server(default)] t1_result_by: String,
    #[server(default)] t1_ceiling: String,
    #[server(default)] t2_submit_from: String,
    #[server(default)] t2_submit_until: String,
    #[server(default)] t2_vote_from: String,
    #[server(default)] t2_vote_until: String,
    #[server(default)] t2_result_by: String,
    #[server(default)] t2_ceiling: String,
) -> Result<(), AppError> {
    let me = writer()?;
    if !me.plans() {
        return Err(AppError::Forbidden);
    }
    let mut v = Problems::default();
    let area = v.take(parse_id("area_id", &area_id))?;
    let year = v.take(whole_number("year", &year, 2100).and_then(|y| {
        if y >= 2000 {
            Ok(y)
        } else {
            Err(AppError::field("year", FieldProblem::Invalid))
        }
    }))?;
    if rule != "greedy" && rule != "equal_shares" {
        v.add("rule", FieldProblem::Choose);
    }
    let raw = [
        [
            &t0_submit_from,
            &t0_submit_until,
            &t0_vote_from,
            &t0_vote_until,
            &t0_result_by,
            &t0_ceiling,
        ],
        [
            &t1_submit_from,
            &t1_submit_until,
            &t1_vote_from,
            &t1_vote_until,
            &t1_result_by,
            &t1_ceiling,
        ],
        [
            &t2_submit_from,
            &t2_submit_until,
            &t2_vote_from,
            &t2_vote_until,
            &t2_result_by,
            &t2_ceiling,
        ],
    ];
    let names = ["submit_from", "submit_until", "vote_from", "vote_until", "result_by"];
    let mut days = [plan::StageDays {
        submit_from: 0,
        submit_until: 0,
        vote_from: 0,
        vote_until: 0,
        result_by: 0,
        ceiling: 0,
    }; 3];
    for (t, fields) in raw.iter().enumerate() {
        let mut d = [0i64; 5];
        for (i, name) in names.iter().enumerate() {
            let field = format!("t{t}_{name}");
            match crate::server::time::parse_date(fields[i]) {
                Some(day) => d[i] = day,
                None if fields[i].trim().is_empty() => v.add(&field, FieldProblem::Required),
                None => v.add(&field, FieldProblem::Date),
            }
        }
        let ceiling = v.check(Rupiah::parse(&format!("t{t}_ceiling"), fields[5]))?;
        days[t] = plan::StageDays {
            submit_from: d[0],
            submit_until: d[1],
            vote_from: d[2],
            vote_until: d[3],
            result_by: d[4],
            ceiling: ceiling.map_or(0, Rupiah::value),
        };
        if ceiling.is_some_and(|c| c.value() == 0) {
            v.add(&format!("t{t}_ceiling"), FieldProblem::Required);
        }
    }
    v.done()?;
    let permit = limit(Some(&me), Write::Other, None).await?;
    let st = state()?;
    let id = plan::open_cycle(&st, &me, AreaId(area), year, &rule, days, now()).await?;
    spend(permit).await;
    leptos_axum::redirect(&format!("/musrenbang/{id}"));
    Ok(())
}

/// Puts an usulan forward in the tier taking submissions, in the person's
/// own area of it.
#[server(endpoint = "submit_usulan")]
pub async fn submit_usulan(
    cycle_id: String,
    title: String,
    category_id: String,
    problem: String,
    action: String,
    location: String,
    volume: String,
    unit: String,
    cost: String,
    #[server(default)] cost_confirmed: String,
    #[server(default)] from_complaints: String,
    #[server(default)] from_proposals: String,
) -> Result<(), AppError> {
    let me = writer()?;
    let cycle = CycleId(number(&cycle_id)?);
    let mut v = Problems::default();
    let from_complaints = numbers(&mut v, "from_complaints", &from_complaints);
    let from_proposals = numbers(&mut v, "from_proposals", &from_proposals);
    let title = v.take(thread_title("title", &title))?;
    let category = v.take(parse_id("category_id", &category_id))?;
    let problem = text(&mut v, "problem", &problem, plan::TEXT_MAX);
    let action = text(&mut v, "action", &action, plan::TEXT_MAX);
    let location = text(&mut v, "location", &location, plan::LOCATION_MAX);
    let volume = match parse_volume(&volume) {
        Some(n) => n,
        None => {
            let p = if volume.trim().is_empty() {
                FieldProblem::Required
            } else {
                FieldProblem::Invalid
            };
            v.add("volume", p);
            0
        }
    };
    let unit = text(&mut v, "unit", &unit, plan::UNIT_MAX);
    let cost = v.check(Rupiah::parse("cost", &cost))?;
    if cost.is_some_and(|c| c.value() == 0) {
        v.add("cost", FieldProblem::Required);
    }
    v.done()?;
    let Some(cost) = cost else {
        return Err(AppError::BadRequest);
    };
    crate::domain::rupiah::confirmed("cost", Some(cost), &cost_confirmed)?;
    let st = state()?;
    let stages = crate::db::musrenbang::stages(&st.db, cycle).await?;
    let at = now();
    let open = stages.iter().find(|s| s.calendar().may_submit(at));
    let tier = open.and_then(|s| Tier::from_i64(s.tier)).ok_or(AppError::Refused {
        reason: crate::error::Refusal::PlanClosed,
    })?;
    let permit = limit(Some(&me), Write::Post, Some(&problem)).await?;
    let u = plan::NewUsulan {
        cycle,
        tier,
        category: CategoryId(category),
        title,
        problem,
        action,
        location,
        volume,
        unit,
        cost: cost.value(),
        from: from_complaints
            .into_iter()
            .map(|n| ("complaint", n))
            .chain(from_proposals.into_iter().map(|n| ("proposal", n)))
            .collect(),
    };
    let id = plan::submit(&st, &me, &u, at).await?;
    spend(permit).await;
    leptos_axum::redirect(&format!("/usulan/{id}"));
    Ok(())
}

/// Adds an usulan to one's ballot (`approve` = "1") or takes it off.
#[server(endpoint = "approve_usulan")]
pub async fn approve_usulan(id: String, approve: String, #[server(default)] back: String) -> Result<(), AppError> {
    let me = writer()?;
    let permit = limit(Some(&me), Write::Support, None).await?;
    let id = UsulanId(number(&id)?);
    let st = state()?;
    plan::approve(&st, &me, id, approve == "1", now()).await?;
    spend(permit).await;
    let back = match back.trim() {
        "" => format!("/usulan/{id}"),
        b => crate::domain::safe_next(b),
    };
    leptos_axum::redirect(&back);
    Ok(())
}

/// The technical verification of an usulan, by an officer of the agency
/// responsible for it (or an admin): `verdict` feasible, needs_changes or
/// not_feasible; the agency's cost estimate (optional); the reason
/// (required unless feasible).
#[server(endpoint = "verify_usulan")]
pub async fn verify_usulan(
    id: String,
    #[server(default)] verdict: String,
    #[server(default)] verified_cost: String,
    #[server(default)] verify_reason: String,
) -> Result<(), AppError> {
    let me = writer()?;
    let id = UsulanId(number(&id)?);
    let mut v = Problems::default();
    let cost = v
        .check(Rupiah::parse_optional("verified_cost", &verified_cost))?
        .flatten();
    if verify_reason.chars().count() > plan::TEXT_MAX {
        v.add(
            "verify_reason",
            FieldProblem::TooLong {
                max: plan::TEXT_MAX as u32,
            },
        );
    }
    v.done()?;
    let permit = limit(Some(&me), Write::Other, None).await?;
    let st = state()?;
    let ver = plan::Verification {
        id,
        verdict,
        cost: cost.map(Rupiah::value).filter(|c| *c > 0),
        reason: verify_reason,
    };
    plan::verify(&st, &me, &ver, now()).await?;
    spend(permit).await;
    leptos_axum::redirect(&format!("/usulan/{id}"));
    Ok(())
}

/// A progress report on an usulan the plan accepted (an officer of the
/// agency carrying it out, or an admin): percent done (100: implemented)
/// and what was done.
#[server(endpoint = "report_usulan_progress")]
pub async fn report_usulan_progress(
    id: String,
    #[server(default)] percent: String,
    #[server(default)] report: String,
) -> Result<(), AppError> {
    let me = writer()?;
    let id = UsulanId(number(&id)?);
    let mut v = Problems::default();
    let percent = match percent.trim().trim_end_matches('%').trim() {
        "" => {
            v.add("percent", FieldProblem::Required);
            None
        }
        p => match p.parse::<i64>() {
            Ok(n) if (0..=100).contains(&n) => Some(n),
            _ => {
                v.add("percent", FieldProblem::Invalid);
                None
            }
        },
    };
    let body = text(&mut v, "report", &report, plan::TEXT_MAX);
    v.done()?;
    let permit = limit(Some(&me), Write::Other, None).await?;
    let st = state()?;
    plan::report(&st, &me, id, percent.unwrap_or(0), &body, now()).await?;
    spend(permit).await;
    leptos_axum::redirect(&format!("/usulan/{id}#progress"));
    Ok(())
}

/// Counts a stage's ballots now (its facilitator), if voting has closed;
/// the sweep does the same by itself.
#[server(endpoint = "count_votes")]
pub async fn count_votes(cycle_id: String, tier: String) -> Result<(), AppError> {
    let me = writer()?;
    if !me.plans() {
        return Err(AppError::Forbidden);
    }
    let cycle = CycleId(number(&cycle_id)?);
    let tier = self::tier(&tier)?;
    let st = state()?;
    let c = plan::cycle(&st, cycle).await?;
    if !plan::facilitates(&me, c.area_id) {
        return Err(AppError::Forbidden);
    }
    if !plan::count_stage(&st.db, cycle, tier.n(), now()).await? {
        let counted = crate::db::musrenbang::stages(&st.db, cycle)
            .await?
            .iter()
            .any(|s| s.tier == tier.n() && s.counted_at.is_some());
        if !counted {
            return Err(AppError::Refused {
                reason: crate::error::Refusal::PlanClosed,
            });
        }
    }
    leptos_axum::redirect(&format!("/musrenbang/{cycle}?tier={}", tier.n()));
    Ok(())
}

/// Confirms an area's result at a tier (its facilitator): for each usulan
/// the rule selected (`ids`, in order), `choice` carry, drop or (at the
/// kota) defer, with a `reason` where the decision departs from the rule
/// (`reason[i]`, by the row's index: an empty field may be left out);
/// `extra`: numbers of other usulan to carry as well, with `extra_reason`.
#[server(endpoint = "confirm_result")]
pub async fn confirm_result(
    cycle_id: String,
    tier: String,
    area_id: String,
    #[server(default)] ids: Vec<String>,
    #[server(default)] choice: Vec<String>,
    #[server(default)] reason: std::collections::BTreeMap<String, String>,
    #[server(default)] amount: std::collections::BTreeMap<String, String>,
    #[server(default)] extra: String,
    #[server(default)] extra_reason: String,
    #[server(default)] attendance: String,
    #[server(default)] delegates: String,
) -> Result<(), AppError> {
    let me = writer()?;
    if !me.plans() {
        return Err(AppError::Forbidden);
    }
    let cycle = CycleId(number(&cycle_id)?);
    let tier = self::tier(&tier)?;
    let area = AreaId(number(&area_id)?);
    if choice.len() != ids.len() {
        return Err(AppError::BadRequest);
    }
    let mut v = Problems::default();
    let mut decisions = Vec::new();
    for (i, (id, c)) in ids.iter().zip(&choice).enumerate() {
        let id = UsulanId(number(id).map_err(|_| AppError::BadRequest)?);
        let d = plan::Decision::parse(c).ok_or(AppError::BadRequest)?;
        // An amount only for an usulan the plan accepts (the form asks at
        // the kota only).
        let raw = amount.get(&i.to_string()).map(|a| a.trim()).unwrap_or_default();
        let amount = match v.check(Rupiah::parse_optional(&format!("amount[{i}]"), raw))? {
            Some(Some(a)) if a.value() == 0 => {
                v.add(&format!("amount[{i}]"), FieldProblem::Required);
                None
            }
            Some(a) if d == plan::Decision::Carry => a.map(Rupiah::value),
            _ => None,
        };
        decisions.push(plan::Choice {
            id,
            decision: d,
            reason: reason.get(&i.to_string()).cloned().unwrap_or_default(),
            amount: amount.filter(|_| tier == Tier::City),
        });
    }
    let mut more = Vec::new();
    for part in extra.split([',', ' ', ';']).filter(|s| !s.trim().is_empty()) {
        match part.trim().trim_start_matches('#').parse::<i64>() {
            Ok(n) if n > 0 => more.push(UsulanId(n)),
            _ => v.add("extra", FieldProblem::Invalid),
        }
    }
    let attendance = match attendance.trim() {
        "" => None,
        a => v.check(whole_number("attendance", a, 1_000_000))?,
    };
    if delegates.chars().count() > plan::TEXT_MAX {
        v.add(
            "delegates",
            FieldProblem::TooLong {
                max: plan::TEXT_MAX as u32,
            },
        );
    }
    v.done()?;
    let st = state()?;
    let result = plan::TierResult {
        cycle,
        tier,
        area,
        decisions,
        extra: more,
        extra_reason,
        attendance,
        delegates: delegates.trim().to_owned(),
    };
    plan::confirm(&st, &me, &result, now()).await?;
    leptos_axum::redirect(&format!("/musrenbang/{cycle}/{}/{area}", tier.n()));
    Ok(())
}
