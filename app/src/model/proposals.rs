//! Proposals: lists, one proposal's page, its discussion and templates.
use super::{
    AreaChoice, AreaSummary, Category, CorrectionView, GeoPoint, ItemModeration, PhotoView, PostView, RatingState,
    RecordItem,
};
use serde::{Deserialize, Serialize};

/// A proposal in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalSummary {
    pub id: i64,
    pub title: String,
    pub area_id: i64,
    pub area_name: String,
    pub category: String,
    /// Lifecycle code: draft, published, under_review, …
    pub state: String,
    pub support_count: i64,
    pub threshold: i64,
    pub author: String,
    /// Due date of the awaited official response, if one is awaited.
    pub due: Option<String>,
    pub overdue: bool,
}

/// One page of proposals after the filters, with the next page's cursor.
/// One's own draft, as written, for its edit form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftPage {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub area_choice: Option<AreaChoice>,
    pub category_id: i64,
    pub categories: Vec<Category>,
    /// The cost in rupiah as digits, or empty.
    pub cost: String,
    pub location: String,
    pub point: Option<GeoPoint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalsPage {
    pub proposals: Vec<ProposalSummary>,
    pub next: Option<String>,
    /// The area chosen (for a form) or filtered by, as its picker shows it.
    pub area_choice: Option<AreaChoice>,
    pub categories: Vec<Category>,
    pub area: Option<i64>,
    pub category: Option<i64>,
    pub state: String,
    pub sort: String,
    /// `all`, `mine` (one's own, drafts too) or `desk`.
    pub scope: String,
    /// On the officer desk: the templates of the officer's agencies.
    pub templates: Vec<AgencyTemplates>,
    /// On the officer desk: what the agency must act on, soonest first.
    pub desk: Vec<DeskItem>,
}

/// A row of the officer desk: a complaint or a proposal, what is due, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskItem {
    /// complaint or proposal
    pub kind: String,
    pub id: i64,
    pub title: String,
    pub area_name: String,
    pub state: String,
    /// verify, resolve (complaints) or answer (proposals)
    pub what: String,
    /// The deadline: date, hour and zone; and as a timestamp.
    pub due: String,
    pub due_at: i64,
    /// Working days left (0: due today); negative: working days late.
    pub days_left: i64,
    pub overdue: bool,
    pub photos: Vec<PhotoView>,
    pub point: Option<GeoPoint>,
}

/// An official response or progress update, shown apart from replies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseView {
    /// response or progress
    pub kind: String,
    /// The state it set.
    pub state: String,
    pub html: String,
    pub officer: String,
    pub agency: Option<String>,
    pub when: String,
    pub budget: Option<i64>,
    pub timeline: Option<String>,
    pub progress: Option<i64>,
    pub record_seq: i64,
    /// Corrections of it, oldest first (shown next to it).
    pub corrections: Vec<CorrectionView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalPage {
    pub id: i64,
    pub title: String,
    pub html: String,
    pub area: AreaSummary,
    pub category: String,
    pub state: String,
    pub cost: Option<i64>,
    pub location: String,
    pub author: String,
    pub author_username: String,
    pub created: String,
    pub support_count: i64,
    pub threshold: i64,
    pub agency: Option<String>,
    pub due: Option<String>,
    pub overdue: bool,
    /// When its response deadline was missed and reported to the agency's
    /// head, if it was.
    pub escalated: Option<String>,
    pub budget: Option<i64>,
    pub timeline: Option<String>,
    pub progress: Option<i64>,
    pub responses: Vec<ResponseView>,
    pub record: Vec<RecordItem>,
    /// The viewer wrote it (and may publish or withdraw it).
    pub mine: bool,
    pub moderation: ItemModeration,
    /// Whether the viewer supports it; None when they cannot (visitor, outside
    /// the area, or the proposal is not open).
    pub supported: Option<bool>,
    /// Signed in, the proposal open, but the viewer lives outside its area.
    pub outside_area: bool,
    /// The viewer may publish an official response or progress update.
    pub can_answer: bool,
    /// Its discussion (from publication on): the first page of replies.
    pub discussion: Option<Discussion>,
    /// The answering agency's response templates (for those who answer),
    /// and the text of the one picked (`?template=ID`).
    pub templates: Vec<TemplateView>,
    pub template_body: Option<String>,
    /// Whether the viewer (author or supporter) may rate the agency's answer.
    pub rating: RatingState,
    /// The viewer may correct its official responses (an officer of its
    /// agency, or an admin).
    pub can_correct: bool,
    pub photos: Vec<PhotoView>,
    pub point: Option<GeoPoint>,
    /// Musrenbang usulan grown from it.
    pub usulan: Vec<super::musrenbang::LinkedItem>,
}

/// A proposal's discussion as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discussion {
    pub thread_id: i64,
    pub reply_count: i64,
    pub replies: Vec<PostView>,
    pub moderator: bool,
}

/// A reusable response text of an agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateView {
    pub id: i64,
    pub title: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyTemplates {
    pub agency_id: i64,
    pub agency: String,
    pub templates: Vec<TemplateView>,
}
