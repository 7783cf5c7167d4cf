//! Complaints: lists, one complaint's page and the new-complaint form.
use super::{
    AgencySummary, AreaChoice, AreaSummary, Category, CorrectionView, GeoPoint, ItemModeration, PhotoView, RatingState,
};
use serde::{Deserialize, Serialize};

/// A complaint in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintSummary {
    pub id: i64,
    pub title: String,
    pub area_id: i64,
    pub area_name: String,
    pub category: String,
    /// received, verified, in_progress, resolved, closed, rejected
    pub state: String,
    pub private: bool,
    pub agency: Option<String>,
    pub filed: String,
    /// The next deadline that applies to its state, and whether it passed.
    pub due: Option<String>,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintsPage {
    pub complaints: Vec<ComplaintSummary>,
    pub next: Option<i64>,
    /// The area chosen (for a form) or filtered by, as its picker shows it.
    pub area_choice: Option<AreaChoice>,
    pub categories: Vec<Category>,
    pub area: Option<i64>,
    pub category: Option<i64>,
    pub state: String,
    /// public, mine or desk
    pub scope: String,
}

/// An official step on a complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintStep {
    pub event: String,
    pub state_to: String,
    pub html: String,
    pub officer: String,
    pub agency: Option<String>,
    pub to_agency: Option<String>,
    pub when: String,
    pub record_seq: i64,
    /// Corrections of it, oldest first (shown next to it).
    pub corrections: Vec<CorrectionView>,
}

/// A deadline of a complaint: what is due, by when, and whether it was met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// verify, followup or resolve
    pub what: String,
    pub date: String,
    /// met, late, overdue or open
    pub status: String,
    /// When it was missed and reported to the agency's head, if it was.
    pub escalated: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintPage {
    pub id: i64,
    pub title: String,
    pub html: String,
    pub area: AreaSummary,
    pub category: String,
    pub state: String,
    pub location: String,
    pub happened_on: String,
    /// Who filed it; None to the public when it is anonymous.
    pub author: Option<String>,
    pub anonymous: bool,
    pub private: bool,
    pub agency: Option<String>,
    pub filed: String,
    pub deadlines: Vec<Deadline>,
    pub steps: Vec<ComplaintStep>,
    pub mine: bool,
    pub moderation: ItemModeration,
    /// The steps the viewer may take now (events), for officers and admins.
    /// Its complainant may say it is not fixed ("Belum selesai").
    pub can_reopen: bool,
    pub can_step: Vec<String>,
    /// Agencies it can be forwarded to (when the viewer may forward).
    pub agencies: Vec<AgencySummary>,
    pub rating: RatingState,
    /// The viewer may correct its steps (an officer of its agency, or an
    /// admin).
    pub can_correct: bool,
    pub photos: Vec<PhotoView>,
    pub point: Option<GeoPoint>,
    /// Musrenbang usulan grown from it.
    pub usulan: Vec<super::musrenbang::LinkedItem>,
}

/// What the new-complaint form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewComplaintPage {
    /// The area chosen (for a form) or filtered by, as its picker shows it.
    pub area_choice: Option<AreaChoice>,
    pub categories: Vec<Category>,
    /// Today in the reader's zone (YYYY-MM-DD), the latest date allowed.
    pub today: String,
}
