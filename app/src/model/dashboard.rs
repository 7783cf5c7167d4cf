//! The accountability dashboard.
use super::{AgencySummary, AreaChoice};
use serde::{Deserialize, Serialize};

/// One row of the accountability dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub id: i64,
    pub label: String,
    pub received: i64,
    pub answered: i64,
    /// Unanswered past the deadline, now.
    pub overdue: i64,
    /// Resolved, then reopened by the complainant ("Belum selesai").
    pub reopened: i64,
    /// Deadlines missed and reported to the agency's head.
    pub escalated: i64,
    /// Hours to the first official response.
    pub median_hours: Option<f64>,
    pub p90_hours: Option<f64>,
    /// Answered within the deadline, of those answered (percent).
    pub on_time_pct: Option<f64>,
    pub ratings: i64,
    pub ikm: Option<f64>,
    /// Only from [`DashboardPage::min_ratings`] ratings on.
    pub grade: Option<String>,
    /// Each SKM element's mean score (1-4), when rated.
    pub elements: Vec<f64>,
}

/// One month of the trend chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub month: String,
    pub received: i64,
    pub answered: i64,
    pub ikm: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashboardPage {
    /// month, quarter or year
    pub kind: String,
    /// 2026-11, 2026-Q4 or 2026
    pub period: String,
    pub periods: Vec<String>,
    /// Each of `periods` as people say it ("Desember 2026").
    pub period_names: Vec<String>,
    /// A grade (A–D) is given from this many ratings on.
    pub min_ratings: i64,
    pub area: Option<i64>,
    pub agency: Option<i64>,
    /// The area chosen (for a form) or filtered by, as its picker shows it.
    pub area_choice: Option<AreaChoice>,
    pub agency_list: Vec<AgencySummary>,
    pub total: Figures,
    pub by_agency: Vec<Figures>,
    pub by_area: Vec<Figures>,
    pub trend: Vec<TrendPoint>,
    /// The viewer's own figures (officers), or every officer's (admins).
    pub officers: Vec<Figures>,
    pub own_only: bool,
}
