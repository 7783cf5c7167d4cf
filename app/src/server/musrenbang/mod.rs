//! Musrenbang: a cycle per kota or kabupaten and plan year; usulan put
//! forward in an area of a tier, approved by its residents within the
//! area's ceiling, counted by both rules, and carried up by the tier's
//! facilitator until the plan decides. Every tier decision is appended to
//! the decision record in the same transaction as the decision.
//!
//! The rules live in [`crate::domain::musrenbang`], the SQL in
//! [`crate::db::musrenbang`].
use super::record::{self, Actor, Content, Named};
use super::{areas, AppState};
use crate::db::musrenbang::funnel::Step;
use crate::db::musrenbang::{self as rows, Stage};
use crate::domain::forum_rules::path_ids;
use crate::domain::ids::{AreaId, CategoryId, CycleId, UserId, UsulanId};
use crate::domain::musrenbang::{Calendar, Tier, TIERS};
use crate::error::{AppError, AppResult, FieldProblem, Refusal};
use crate::model::{Me, Role};

mod confirm;
mod count;
pub mod demo;
mod discussion;
mod funnel;
mod pages;
mod progress;
mod verify;

pub use confirm::{confirm, Choice, Decision, TierResult};
pub use count::{count_due, count_stage};
pub use funnel::funnel_page;
pub use pages::{area_page, cycle_page, cycles_page, grown_from, linked, new_usulan_page, usulan_page};
pub use progress::{may_report, report};
pub use verify::{may_verify, verifier, verify, Verification};

/// Usulan one person may put forward in a tier of a cycle.
pub const PER_PERSON: i64 = 5;
/// Longest problem and action descriptions, and location and unit.
pub const TEXT_MAX: usize = 2_000;
pub const LOCATION_MAX: usize = 200;
pub const UNIT_MAX: usize = 30;
/// Complaints, and proposals, one usulan may name as where it grows from.
pub const LINKS_MAX: usize = 5;
/// Usulan a complaint's or proposal's page lists as grown from it.
pub const LINKS_SHOWN: i64 = 10;

/// Who runs the cycles of kota or kabupaten `kota`, their meetings and
/// results: an admin, or a planner granted there.
pub fn facilitates(me: &Me, kota: AreaId) -> bool {
    me.is_admin()
        || me
            .roles
            .iter()
            .any(|r| r.role == Role::Planner && r.area_id == Some(kota.0))
}

/// Refuses area `id` unless it is a kota or kabupaten (where cycles and
/// planners are).
pub async fn plans_here(st: &AppState, id: i64) -> AppResult<()> {
    if areas::info(st, id).await?.row.depth != Tier::City.depth() {
        return Err(AppError::field("area_id", FieldProblem::NotCity));
    }
    Ok(())
}

fn refused(reason: Refusal) -> AppError {
    AppError::Refused { reason }
}

/// A stage's dates as days (since 1970-01-01) and its ceiling, as the
/// form gives them.
#[derive(Debug, Clone, Copy)]
pub struct StageDays {
    pub submit_from: i64,
    pub submit_until: i64,
    pub vote_from: i64,
    pub vote_until: i64,
    pub result_by: i64,
    pub ceiling: i64,
}

impl StageDays {
    /// The stage in Unix seconds: each window from the start of its first
    /// day to the end of its last, in the zone.
    fn stage(&self, tier: Tier, zone: &str) -> Stage {
        let start = |day: i64| super::time::end_of_day(day - 1, zone) + 1;
        let end = |day: i64| super::time::end_of_day(day, zone);
        Stage {
            tier: tier.n(),
            submit_from: start(self.submit_from),
            submit_until: end(self.submit_until),
            vote_from: start(self.vote_from),
            vote_until: end(self.vote_until),
            result_by: end(self.result_by),
            ceiling: self.ceiling,
            counted_at: None,
        }
    }
}

/// Opens a cycle for the kota or kabupaten `area` (an admin or its
/// planner); its id.
pub async fn open_cycle(
    st: &AppState,
    me: &Me,
    area: AreaId,
    year: i64,
    rule: &str,
    days: [StageDays; 3],
    at: i64,
) -> AppResult<CycleId> {
    plans_here(st, area.0).await?;
    if !facilitates(me, area) {
        return Err(AppError::Forbidden);
    }
    let info = areas::info(st, area.0).await?;
    let zone = info.row.timezone.clone();
    let stages: Vec<Stage> = TIERS.iter().zip(days).map(|(t, d)| d.stage(*t, &zone)).collect();
    // Each stage in order, and each tier's voting after the tier below has
    // had its results (carried usulan must be there to vote on).
    let mut v = crate::error::Problems::default();
    for (i, s) in stages.iter().enumerate() {
        if !s.calendar().in_order() || i > 0 && s.vote_from <= stages[i - 1].result_by {
            v.add(&format!("t{i}_submit_from"), FieldProblem::Date);
        }
    }
    v.done()?;
    let mut tx = st.db.pool.begin().await?;
    let c = rows::NewCycle {
        area_id: area,
        area_path: info.path(),
        year,
        rule,
        by: UserId(me.id),
        at,
    };
    let Some(id) = rows::insert_cycle(&mut tx, &c).await? else {
        return Err(AppError::field("year", FieldProblem::Taken));
    };
    for s in &stages {
        rows::insert_stage(&mut tx, id, s).await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Where a person takes part in a tier of a cycle: the area of that tier
/// their home lies in, or None if it lies outside the cycle's kota.
pub async fn my_area(st: &AppState, me: &Me, cycle: &rows::Cycle, tier: Tier) -> AppResult<Option<AreaId>> {
    my_area_in(st, me, &cycle.area_path, tier).await
}

/// As [`my_area`], for the cycle of kota path `cycle_path`.
async fn my_area_in(st: &AppState, me: &Me, cycle_path: &str, tier: Tier) -> AppResult<Option<AreaId>> {
    let home = areas::info(st, me.home_area_id).await?;
    if !home.path().starts_with(cycle_path) {
        return Ok(None);
    }
    Ok(path_ids(home.path()).get(tier.depth() as usize).map(|&id| AreaId(id)))
}

pub async fn cycle(st: &AppState, id: CycleId) -> AppResult<rows::Cycle> {
    rows::cycle(&st.db, id).await?.ok_or(AppError::NotFound)
}

async fn stage(conn: &mut sqlx::AnyConnection, cycle: CycleId, tier: Tier) -> AppResult<Stage> {
    rows::stage_in(conn, cycle, tier.n()).await?.ok_or(AppError::NotFound)
}

pub struct NewUsulan {
    pub cycle: CycleId,
    pub tier: Tier,
    pub category: CategoryId,
    pub title: String,
    pub problem: String,
    pub action: String,
    pub location: String,
    pub volume: i64,
    pub unit: String,
    pub cost: i64,
    /// The complaints and proposals it grows from (`complaint` or
    /// `proposal`, and the number).
    pub from: Vec<(&'static str, i64)>,
}

/// Puts an usulan forward in the author's own area of the tier, while the
/// tier takes submissions; its id.
pub async fn submit(st: &AppState, me: &Me, u: &NewUsulan, at: i64) -> AppResult<UsulanId> {
    let c = cycle(st, u.cycle).await?;
    let area = my_area(st, me, &c, u.tier)
        .await?
        .ok_or(refused(Refusal::PlanOutsideArea))?;
    if !areas::categories(st).await?.iter().any(|cat| cat.0 == u.category.0) {
        return Err(AppError::field("category_id", FieldProblem::Unknown));
    }
    let area_path = areas::info(st, area.0).await?.path().to_owned();
    // What it grows from: public complaints that name their author and
    // published proposals, in the cycle's kota, not hidden.
    let mut v = crate::error::Problems::default();
    for (subject, n) in &u.from {
        if rows::linkable(&st.db, subject, *n, &c.area_path).await?.is_none() {
            let field = if *subject == "complaint" {
                "from_complaints"
            } else {
                "from_proposals"
            };
            v.add(field, FieldProblem::Unknown);
        }
    }
    v.done()?;
    let mut tx = st.db.pool.begin().await?;
    crate::db::write_first(&mut tx).await?;
    let s = stage(&mut tx, u.cycle, u.tier).await?;
    if !s.calendar().may_submit(at) {
        return Err(refused(Refusal::PlanClosed));
    }
    if rows::authored_in(&mut tx, u.cycle, u.tier.n(), UserId(me.id)).await? >= PER_PERSON {
        return Err(refused(Refusal::TooManyUsulan));
    }
    let ceiling = rows::ceiling_in(&mut tx, u.cycle, u.tier.n(), area)
        .await?
        .unwrap_or(s.ceiling);
    if u.cost > ceiling {
        return Err(AppError::field("cost", FieldProblem::AboveCeiling { ceiling }));
    }
    let row = rows::NewUsulan {
        cycle: u.cycle,
        tier: u.tier.n(),
        area_id: area,
        area_path: &area_path,
        author: UserId(me.id),
        category: u.category,
        title: &u.title,
        problem: &u.problem,
        action: &u.action,
        location: &u.location,
        volume: u.volume,
        unit: &u.unit,
        cost: u.cost,
        at,
    };
    let id = rows::insert_usulan(&mut tx, &row).await?;
    discussion::open(&mut tx, st.db.backend, id, &row).await?;
    for (subject, n) in &u.from {
        rows::insert_link(&mut tx, id, subject, *n).await?;
    }
    funnel::count(&mut tx, &c, &area_path, Step::Submitted, 0, None).await?;
    tx.commit().await?;
    Ok(id)
}

/// Adds an usulan to one's ballot in the tier it stands at (or takes it
/// off): only residents of its area there, while voting is open, within
/// the area's ceiling. One read before, and a write transaction of two
/// statements: on SQLite every ballot waits for the one writer.
pub async fn approve(st: &AppState, me: &Me, id: UsulanId, yes: bool, at: i64) -> AppResult<()> {
    let t = rows::target(&st.db, id).await?.ok_or(AppError::NotFound)?;
    let tier = Tier::from_i64(t.tier).ok_or(AppError::Internal)?;
    if my_area_in(st, me, &t.cycle_path, tier).await? != Some(t.area_id) {
        return Err(refused(Refusal::PlanOutsideArea));
    }
    if yes && t.verdict.as_deref() == Some("not_feasible") {
        return Err(refused(Refusal::NotFeasible));
    }
    if !t.calendar().may_vote(at) || t.outcome.is_some() {
        return Err(refused(Refusal::PlanClosed));
    }
    let user = UserId(me.id);
    let mut tx = st.db.pool.begin().await?;
    // The ballot's row first: it orders this person's changes (and, on
    // SQLite, takes the write lock before anything is read).
    let cast_in = rows::take_ballot(&mut tx, t.cycle_id, tier.n(), user, t.area_id, at).await?;
    if cast_in != t.area_id {
        return Err(refused(Refusal::VotedElsewhere));
    }
    if yes {
        let room = t.ceiling - t.cost;
        let added = rows::approve_within(&mut tx, t.cycle_id, tier.n(), user, t.area_id, id, room).await?;
        if added == 0 && !rows::approves(&mut tx, t.cycle_id, tier.n(), user, id).await? {
            return Err(refused(Refusal::OverCeiling));
        }
    } else {
        rows::take_back(&mut tx, t.cycle_id, tier.n(), user, id).await?;
    }
    tx.commit().await?;
    Ok(())
}

fn actor(me: &Me) -> Actor {
    Actor {
        username: me.username.clone(),
        name: me.display_name.clone(),
        role: if me.is_admin() { "admin" } else { "planner" }.into(),
    }
}

/// A record entry about usulan `at_tier` (an outcome at its tier).
fn entry(seq: i64, when: i64, t: &rows::AtTier, event: &str, reason: Option<&str>, me: &Me) -> Content {
    let item = record::Item {
        subject: "usulan",
        id: t.usulan_id.0,
        title: t.title.clone(),
        area: Named {
            id: t.area_id.0,
            name: t.area_name.clone(),
        },
        agency: None,
    };
    let mut c = Content::event(seq, when, item, event, "open", event, Some(actor(me)));
    c.text = reason.map(str::to_owned);
    c.budget = Some(t.cost);
    c
}

/// The calendar of each tier of a cycle, for pages.
pub async fn calendars(st: &AppState, id: CycleId) -> AppResult<Vec<(Stage, Calendar)>> {
    Ok(rows::stages(&st.db, id)
        .await?
        .into_iter()
        .map(|s| (s, s.calendar()))
        .collect())
}
