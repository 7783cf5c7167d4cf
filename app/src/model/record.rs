//! The public decision record and corrections of its entries.
use super::{AgencySummary, AreaChoice};
use serde::{Deserialize, Serialize};

/// A correction of an official response or step, as pages show it: texts
/// and amounts already in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionView {
    /// The correction's own record entry, and the entry it corrects.
    pub seq: i64,
    pub corrects: i64,
    /// text, budget or timeline
    pub field: String,
    /// What it said and what is right, where shown (an amount in figures,
    /// the new one also in words; a text correction shows `now_html`).
    pub was: Option<String>,
    pub now: Option<String>,
    pub now_html: Option<String>,
    /// Why (None in a private complaint's public record).
    pub why: Option<String>,
    pub officer: String,
    pub when: String,
}

/// One entry of the decision record, as pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordItem {
    pub seq: i64,
    pub when: String,
    /// proposal or complaint
    pub subject: String,
    pub subject_id: i64,
    pub title: String,
    pub event: String,
    pub state_from: String,
    pub state_to: String,
    pub area_name: String,
    pub agency: Option<String>,
    pub actor: Option<String>,
    pub due: Option<String>,
    pub hash: String,
    /// A `correction` entry: what it corrects.
    pub correction: Option<CorrectionView>,
    /// The seqs of the entries that correct this one.
    pub corrected_by: Vec<i64>,
}

/// The public decision record, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordPage {
    pub items: Vec<RecordItem>,
    pub before: Option<i64>,
    /// The area chosen (for a form) or filtered by, as its picker shows it.
    pub area_choice: Option<AreaChoice>,
    pub agencies: Vec<AgencySummary>,
    pub area: Option<i64>,
    pub agency: Option<i64>,
}
