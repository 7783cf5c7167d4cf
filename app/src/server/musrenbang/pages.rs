//! What the Musrenbang pages show: lists page by keyset, and every count
//! shown was kept when it changed (or when the ballots were counted).
use super::{calendars, cycle, facilitates, my_area, rows};
use crate::db::musrenbang::{AtTier, Stage};
use crate::db::ratings;
use crate::domain::ids::{AreaId, CycleId, UserId, UsulanId};
use crate::domain::musrenbang::{volume_text, Phase, Tier, TIERS};
use crate::domain::permissions::officer_of;
use crate::domain::service::ServiceItem;
use crate::error::{AppError, AppResult};
use crate::model::musrenbang::*;
use crate::model::{Lang, Me, RatingState};
use crate::server::{areas, time, AppState};

pub fn linked(l: rows::Linked) -> LinkedItem {
    LinkedItem {
        subject: l.subject,
        id: l.id,
        title: l.title,
    }
}

/// The usulan grown from complaint or proposal `id` (`subject`), newest
/// first, at most [`super::LINKS_SHOWN`].
pub async fn grown_from(st: &AppState, subject: &str, id: i64) -> AppResult<Vec<LinkedItem>> {
    Ok(rows::usulan_from(&st.db.pool, subject, id, super::LINKS_SHOWN)
        .await?
        .into_iter()
        .map(linked)
        .collect())
}

/// Rows of a list page.
pub const PAGE: i64 = 50;
/// Progress reports an usulan's page shows (the newest; all of them stand
/// in the decision record).
const UPDATES: i64 = 20;

fn stage_view(lang: Lang, s: &Stage, zone: &str, now: i64) -> StageView {
    let d = |ts: i64| time::date(lang, ts, zone);
    StageView {
        tier: s.tier,
        submit_from: d(s.submit_from),
        submit_until: d(s.submit_until),
        vote_from: d(s.vote_from),
        vote_until: d(s.vote_until),
        result_by: d(s.result_by),
        ceiling: s.ceiling,
        phase: s.calendar().phase(now).code().into(),
        counted: s.counted_at.is_some(),
    }
}

/// The tier under way: the first whose results are not past due.
fn current(stages: &[Stage], now: i64) -> (i64, Phase) {
    stages
        .iter()
        .map(|s| (s.tier, s.calendar().phase(now)))
        .find(|(_, p)| *p != Phase::Closed)
        .or_else(|| stages.last().map(|s| (s.tier, Phase::Closed)))
        .unwrap_or((0, Phase::Upcoming))
}

pub async fn cycles_page(st: &AppState, me: Option<&Me>, before: Option<i64>, now: i64) -> AppResult<CyclesPage> {
    let list = rows::cycles(&st.db, before, PAGE + 1).await?;
    let next = (list.len() as i64 > PAGE).then(|| list[PAGE as usize - 1].id.0.to_string());
    let mut cycles = Vec::new();
    for c in list.into_iter().take(PAGE as usize) {
        let (tier, phase) = current(&rows::stages(&st.db, c.id).await?, now);
        cycles.push(CycleSummary {
            id: c.id.0,
            area_name: c.area_name,
            year: c.year,
            tier,
            phase: phase.code().into(),
        });
    }
    Ok(CyclesPage {
        cycles,
        next,
        may_open: me.is_some_and(Me::plans),
    })
}

pub async fn cycle_page(
    st: &AppState,
    lang: Lang,
    me: Option<&Me>,
    id: CycleId,
    tier: Option<i64>,
    after: i64,
    now: i64,
) -> AppResult<CyclePage> {
    let c = cycle(st, id).await?;
    let zone = c.timezone.clone();
    let stages: Vec<Stage> = calendars(st, id).await?.into_iter().map(|(s, _)| s).collect();
    let (current, _) = current(&stages, now);
    let tier = tier.and_then(Tier::from_i64).map_or(current, Tier::n);
    let mut mine = Vec::new();
    if let Some(me) = me {
        for t in TIERS {
            if let Some(a) = my_area(st, me, &c, t).await? {
                let name = areas::info(st, a.0).await?.row.name.clone();
                mine.push(MyPlace {
                    tier: t.n(),
                    area_id: a.0,
                    area_name: name,
                });
            }
        }
    }
    let default_ceiling = stages.iter().find(|s| s.tier == tier).map_or(0, |s| s.ceiling);
    let list = rows::plan_areas(&st.db, id, tier, after, PAGE + 1).await?;
    let next = (list.len() as i64 > PAGE).then(|| list[PAGE as usize - 1].area_id.0.to_string());
    let areas_shown = list
        .into_iter()
        .take(PAGE as usize)
        .map(|p| PlanAreaRow {
            id: p.area_id.0,
            name: p.area_name,
            usulan: p.usulan_count,
            voters: p.voters,
            ceiling: p.ceiling.unwrap_or(default_ceiling),
            confirmed: p.confirmed_at.is_some(),
        })
        .collect();
    Ok(CyclePage {
        id: id.0,
        area: areas::summary(st, lang, c.area_id.0).await?,
        year: c.year,
        rule: c.rule,
        stages: stages.iter().map(|s| stage_view(lang, s, &zone, now)).collect(),
        zone,
        current,
        mine,
        tier,
        areas: areas_shown,
        next,
        funnel: super::funnel::total(st, id).await?,
    })
}

fn row(t: &AtTier, counted: bool, chosen: bool) -> UsulanRow {
    UsulanRow {
        id: t.usulan_id.0,
        title: t.title.clone(),
        cost: t.cost,
        verdict: t.verdict.clone(),
        approvals: counted.then_some(t.approvals),
        greedy_rank: t.greedy_rank,
        shares_rank: t.shares_rank,
        outcome: t.outcome.clone(),
        position: t.position,
        reason: t.reason.clone(),
        chosen,
    }
}

pub async fn area_page(
    st: &AppState,
    lang: Lang,
    me: Option<&Me>,
    (id, tier, area): (CycleId, Tier, AreaId),
    after: i64,
    now: i64,
) -> AppResult<PlanAreaPage> {
    let c = cycle(st, id).await?;
    let stage = rows::stages(&st.db, id).await?.into_iter().find(|s| s.tier == tier.n());
    let stage = stage.ok_or(AppError::NotFound)?;
    let info = areas::info(st, area.0).await?;
    if info.row.depth != tier.depth() || !info.path().starts_with(&c.area_path) {
        return Err(AppError::NotFound);
    }
    let pa = rows::plan_area(&st.db, id, tier.n(), area).await?;
    let ceiling = pa.as_ref().and_then(|p| p.ceiling).unwrap_or(stage.ceiling);
    let cal = stage.calendar();
    let counted = stage.counted_at.is_some();
    let resident = match me {
        Some(me) => my_area(st, me, &c, tier).await? == Some(area),
        None => false,
    };
    // Each read takes its own connection and gives it back: one held while
    // waiting for another would starve the pool under load.
    let ballot = match me {
        Some(me) if resident => {
            let mut conn = st.db.pool.acquire().await?;
            rows::ballot(&mut conn, id, tier.n(), UserId(me.id)).await?
        }
        _ => Vec::new(),
    };
    let list = rows::in_area(&st.db, id, tier.n(), area, after, PAGE + 1).await?;
    let next = (list.len() as i64 > PAGE).then(|| list[PAGE as usize - 1].usulan_id.0.to_string());
    let chosen = |u: UsulanId| ballot.iter().any(|(b, _)| *b == u);
    let usulan = list
        .iter()
        .take(PAGE as usize)
        .map(|t| row(t, counted, chosen(t.usulan_id)))
        .collect();
    let confirmed_at = pa.as_ref().and_then(|p| p.confirmed_at);
    let may_confirm =
        me.is_some_and(|me| facilitates(me, c.area_id)) && counted && pa.is_some() && confirmed_at.is_none();
    // The deciding rule's selection (the form starts from it), or the
    // confirmed outcome, carried first.
    let (selection, confirmed) = if may_confirm || confirmed_at.is_some() {
        let all = {
            let mut conn = st.db.pool.acquire().await?;
            rows::all_in_area(&mut conn, id, tier.n(), area).await?
        };
        let rank = |t: &AtTier| {
            if c.rule == "greedy" {
                t.greedy_rank
            } else {
                t.shares_rank
            }
        };
        if let (Some(at), Some(p)) = (confirmed_at, pa.as_ref()) {
            let mut out: Vec<&AtTier> = all.iter().collect();
            out.sort_by_key(|t| (t.position.is_none(), t.position, t.usulan_id));
            let confirmed = Confirmed {
                when: time::date_time(lang, at, &c.timezone),
                attendance: p.attendance,
                delegates: p.delegates.clone().unwrap_or_default(),
                outcomes: out.into_iter().map(|t| row(t, true, false)).collect(),
            };
            (Vec::new(), Some(confirmed))
        } else {
            let mut sel: Vec<&AtTier> = all.iter().filter(|t| rank(t).is_some()).collect();
            sel.sort_by_key(|t| rank(t));
            (sel.into_iter().map(|t| row(t, true, false)).collect(), None)
        }
    } else {
        (Vec::new(), None)
    };
    Ok(PlanAreaPage {
        cycle_id: id.0,
        year: c.year,
        cycle_area: c.area_name.clone(),
        rule: c.rule.clone(),
        tier: tier.n(),
        area: areas::summary(st, lang, area.0).await?,
        stage: stage_view(lang, &stage, &c.timezone, now),
        ceiling,
        usulan,
        next,
        voters: pa.as_ref().map_or(0, |p| p.voters),
        resident,
        ballot_count: ballot.len() as i64,
        ballot_total: ballot.iter().map(|(_, c)| c).sum(),
        may_submit: resident && cal.may_submit(now),
        may_vote: resident && cal.may_vote(now),
        may_confirm,
        selection,
        confirmed,
    })
}

pub async fn usulan_page(st: &AppState, lang: Lang, me: Option<&Me>, id: UsulanId, now: i64) -> AppResult<UsulanPage> {
    let u = rows::usulan(&st.db, id).await?.ok_or(AppError::NotFound)?;
    let c = cycle(st, u.cycle_id).await?;
    let steps = rows::tiers_of(&st.db, id).await?;
    let stages = rows::stages(&st.db, c.id).await?;
    let counted = |tier: i64| stages.iter().any(|s| s.tier == tier && s.counted_at.is_some());
    let tier = Tier::from_i64(u.tier_now).ok_or(AppError::Internal)?;
    let here = steps.iter().find(|t| t.tier == tier.n());
    let voting = stages.iter().any(|s| s.tier == tier.n() && s.calendar().may_vote(now));
    let (may_vote, chosen) = match (me, here) {
        (Some(me), Some(h)) if voting && h.outcome.is_none() && my_area(st, me, &c, tier).await? == Some(h.area_id) => {
            let mut conn = st.db.pool.acquire().await?;
            let b = rows::ballot(&mut conn, c.id, tier.n(), UserId(me.id)).await?;
            (true, b.iter().any(|(x, _)| *x == id))
        }
        _ => (false, false),
    };
    let verifying = stages
        .iter()
        .any(|s| s.tier == tier.n() && !s.calendar().voting_over(now));
    let may_verify = match me {
        Some(me) if verifying => super::may_verify(st, me, &u).await?,
        _ => false,
    };
    let categories = areas::categories(st).await?;
    let may_report = me.is_some_and(|me| super::may_report(me, &u));
    // The proposer and those who chose it rate the agency's work once the
    // plan took it (never the agency's own officers).
    let ikm = crate::domain::skm::ikm_of_total(u.ratings, u.rating_sum);
    let grade = ikm
        .filter(|_| u.ratings >= crate::server::dashboard::MIN_RATINGS)
        .map(|i| crate::domain::skm::Grade::of(i).letter().to_owned());
    let item = ServiceItem::Usulan(id);
    let rating = match me {
        Some(me) if item.rateable(&u.state) && !officer_of(me, u.plan_agency_id) && u.plan_agency_id.is_some() => {
            let who = UserId(me.id);
            let entitled = u.author_id == who || ratings::chose(&st.db, id, who).await?;
            let rated = entitled && ratings::rated_by(&st.db, item, who).await?;
            crate::domain::proposal::rating_state(entitled, rated)
        }
        _ => RatingState::None,
    };
    let updates = rows::updates(&st.db, id, UPDATES)
        .await?
        .into_iter()
        .map(|x| ProgressReport {
            percent: x.percent,
            body: x.body,
            agency: x.agency,
            when: time::date(lang, x.created_at, &c.timezone),
        })
        .collect();
    Ok(UsulanPage {
        id: id.0,
        cycle_id: c.id.0,
        year: c.year,
        cycle_area: c.area_name.clone(),
        title: u.title,
        problem: u.problem,
        action: u.action,
        location: u.location,
        volume: volume_text(u.volume),
        unit: u.unit,
        cost: u.cost,
        category: areas::category_name(&categories, lang, u.category_id.0),
        author: u.author_name,
        author_username: u.author_username,
        area: areas::summary(st, lang, u.area_id.0).await?,
        created: time::date(lang, u.created_at, &c.timezone),
        state: u.state,
        verdict: u.verdict,
        verified_cost: u.verified_cost,
        verified_agency: u.verified_agency,
        verify_reason: u.verify_reason,
        path: steps
            .iter()
            .map(|t| TierStep {
                tier: t.tier,
                area_id: t.area_id.0,
                area_name: t.area_name.clone(),
                approvals: counted(t.tier).then_some(t.approvals),
                greedy_rank: t.greedy_rank,
                shares_rank: t.shares_rank,
                outcome: t.outcome.clone(),
                position: t.position,
                reason: t.reason.clone(),
            })
            .collect(),
        may_vote,
        chosen,
        may_verify,
        plan_agency: u.plan_agency,
        plan_amount: u.plan_amount,
        plan_reason: u.plan_reason,
        progress: u.progress,
        updates,
        may_report,
        rating,
        ratings: u.ratings,
        ikm_hundredths: ikm.map(|i| (i * 100.0).round() as i64),
        grade,
        discussion: super::discussion::of(st, lang, me, u.thread_id, &c.timezone).await?,
        from: rows::links_of(&st.db, id).await?.into_iter().map(linked).collect(),
    })
}

/// The form for a new usulan: the person's area at the tier taking
/// submissions now (refused outside the window, or outside the kota).
pub async fn new_usulan_page(st: &AppState, lang: Lang, me: &Me, id: CycleId, now: i64) -> AppResult<NewUsulanPage> {
    let c = cycle(st, id).await?;
    let stages = rows::stages(&st.db, id).await?;
    let open = stages.iter().find(|s| s.calendar().may_submit(now));
    let stage = open.ok_or(AppError::Refused {
        reason: crate::error::Refusal::PlanClosed,
    })?;
    let tier = Tier::from_i64(stage.tier).ok_or(AppError::Internal)?;
    let area = my_area(st, me, &c, tier).await?.ok_or(AppError::Refused {
        reason: crate::error::Refusal::PlanOutsideArea,
    })?;
    let pa = rows::plan_area(&st.db, id, tier.n(), area).await?;
    let categories = areas::categories(st).await?;
    Ok(NewUsulanPage {
        cycle_id: id.0,
        year: c.year,
        cycle_area: c.area_name,
        tier: tier.n(),
        area: areas::summary(st, lang, area.0).await?,
        ceiling: pa.and_then(|p| p.ceiling).unwrap_or(stage.ceiling),
        categories: categories
            .iter()
            .map(|(id, name_id, name_en)| crate::model::Category {
                id: *id,
                name: if lang == Lang::En { name_en } else { name_id }.clone(),
            })
            .collect(),
    })
}
