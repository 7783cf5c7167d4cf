//! Musrenbang pages: cycles, a cycle's calendar and areas, an area's usulan
//! and ballot, one usulan's path.
use super::{AreaSummary, Category, Discussion, RatingState};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleSummary {
    pub id: i64,
    pub area_name: String,
    pub year: i64,
    /// The tier under way and its phase (see [`StageView`]).
    pub tier: i64,
    pub phase: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CyclesPage {
    pub cycles: Vec<CycleSummary>,
    pub next: Option<String>,
    /// The viewer may open a cycle.
    pub may_open: bool,
}

/// A tier's stage: its dates as the area's people read them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageView {
    pub tier: i64,
    pub submit_from: String,
    pub submit_until: String,
    pub vote_from: String,
    pub vote_until: String,
    pub result_by: String,
    pub ceiling: i64,
    /// upcoming, submission, review, voting, results, closed
    pub phase: String,
    pub counted: bool,
}

/// An area taking part in a tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanAreaRow {
    pub id: i64,
    pub name: String,
    pub usulan: i64,
    pub voters: i64,
    pub ceiling: i64,
    pub confirmed: bool,
}

/// The viewer's own area at a tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPlace {
    pub tier: i64,
    pub area_id: i64,
    pub area_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CyclePage {
    pub id: i64,
    pub area: AreaSummary,
    pub year: i64,
    /// greedy or equal_shares: the rule results start from.
    pub rule: String,
    /// WIB, WITA or WIT.
    pub zone: String,
    pub stages: Vec<StageView>,
    /// The tier under way (the first not closed; the last when all are).
    pub current: i64,
    pub mine: Vec<MyPlace>,
    /// The tier whose areas are listed, and a page of them.
    pub tier: i64,
    pub areas: Vec<PlanAreaRow>,
    pub next: Option<String>,
    /// The whole cycle's funnel.
    pub funnel: FunnelRow,
}

/// How many usulan reached each step, in an area, an agency or the whole
/// cycle; and the amount accepted into the plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunnelRow {
    pub id: i64,
    pub name: String,
    pub submitted: i64,
    pub carried0: i64,
    pub carried1: i64,
    pub accepted: i64,
    pub implemented: i64,
    pub amount: i64,
}

/// A cycle's funnel: the whole, per kecamatan and per agency, each list a
/// page by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunnelPage {
    pub cycle_id: i64,
    pub year: i64,
    pub cycle_area: String,
    pub total: FunnelRow,
    /// `area` or `agency`: the list shown.
    pub scope: String,
    pub rows: Vec<FunnelRow>,
    pub next: Option<String>,
}

/// An usulan in an area's list at a tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsulanRow {
    pub id: i64,
    pub title: String,
    /// The verified cost where there is one, else the estimate.
    pub cost: i64,
    pub verdict: Option<String>,
    /// Once counted.
    pub approvals: Option<i64>,
    pub greedy_rank: Option<i64>,
    pub shares_rank: Option<i64>,
    pub outcome: Option<String>,
    pub position: Option<i64>,
    pub reason: Option<String>,
    /// On the viewer's ballot.
    pub chosen: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanAreaPage {
    pub cycle_id: i64,
    pub year: i64,
    pub cycle_area: String,
    pub rule: String,
    pub tier: i64,
    pub area: AreaSummary,
    pub stage: StageView,
    pub ceiling: i64,
    pub usulan: Vec<UsulanRow>,
    pub next: Option<String>,
    pub voters: i64,
    /// The viewer lives here (at this tier) and is signed in.
    pub resident: bool,
    /// The viewer's ballot: how many usulan, their total cost.
    pub ballot_count: i64,
    pub ballot_total: i64,
    pub may_submit: bool,
    pub may_vote: bool,
    /// The viewer facilitates, the ballots are counted and the result not
    /// yet confirmed: the confirmation form (the deciding rule's selection).
    pub may_confirm: bool,
    pub selection: Vec<UsulanRow>,
    pub confirmed: Option<Confirmed>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmed {
    pub when: String,
    pub attendance: Option<i64>,
    pub delegates: String,
    /// The outcome, carried first in their order.
    pub outcomes: Vec<UsulanRow>,
}

/// One tier an usulan reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierStep {
    pub tier: i64,
    pub area_id: i64,
    pub area_name: String,
    pub approvals: Option<i64>,
    pub greedy_rank: Option<i64>,
    pub shares_rank: Option<i64>,
    pub outcome: Option<String>,
    pub position: Option<i64>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsulanPage {
    pub id: i64,
    pub cycle_id: i64,
    pub year: i64,
    pub cycle_area: String,
    pub title: String,
    pub problem: String,
    pub action: String,
    pub location: String,
    /// As Indonesian writes it (`2,5`), with its unit.
    pub volume: String,
    pub unit: String,
    pub cost: i64,
    pub category: String,
    pub author: String,
    pub author_username: String,
    pub area: AreaSummary,
    pub created: String,
    /// open, stopped, accepted, deferred, rejected, in_progress, implemented
    pub state: String,
    pub verdict: Option<String>,
    pub verified_cost: Option<i64>,
    pub verified_agency: Option<String>,
    pub verify_reason: Option<String>,
    pub path: Vec<TierStep>,
    /// The viewer may add it to (or take it off) their ballot now.
    pub may_vote: bool,
    pub chosen: bool,
    /// The viewer verifies it for the responsible agency (until voting at
    /// its tier closes).
    pub may_verify: bool,
    /// Accepted into the plan: the agency carrying it out, the amount and
    /// the reason given.
    pub plan_agency: Option<String>,
    pub plan_amount: Option<i64>,
    pub plan_reason: Option<String>,
    /// Percent done, from the newest progress report.
    pub progress: Option<i64>,
    /// The newest progress reports, newest first.
    pub updates: Vec<ProgressReport>,
    /// The viewer reports progress for the agency.
    pub may_report: bool,
    /// The viewer's SKM rating of the agency's work on it.
    pub rating: RatingState,
    /// Its SKM ratings: how many, the index (IKM) and, from
    /// `dashboard::MIN_RATINGS` on, the grade.
    pub ratings: i64,
    /// The IKM in hundredths (8750 is 87,50).
    pub ikm_hundredths: Option<i64>,
    pub grade: Option<String>,
    /// Its discussion's first replies (None for usulan older than
    /// discussions).
    pub discussion: Option<Discussion>,
    /// The complaints and proposals it grows from.
    pub from: Vec<LinkedItem>,
}

/// A complaint, proposal or usulan linked to another: `complaint`,
/// `proposal` or `usulan`, its number and title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedItem {
    pub subject: String,
    pub id: i64,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressReport {
    pub percent: i64,
    pub body: String,
    pub agency: Option<String>,
    pub when: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewUsulanPage {
    pub cycle_id: i64,
    pub year: i64,
    pub cycle_area: String,
    pub tier: i64,
    pub area: AreaSummary,
    pub ceiling: i64,
    pub categories: Vec<Category>,
}
