//! Serializable types shared by server and browser.
use crate::error::AppError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "id" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Officer,
    Moderator,
    Admin,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "officer" => Some(Role::Officer),
            "moderator" => Some(Role::Moderator),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// One role granted to a person. Officers are bound to an agency, moderators to
/// an area (and so its sub-areas).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleGrant {
    pub id: i64,
    pub role: Role,
    pub agency_id: Option<i64>,
    pub agency_name: Option<String>,
    pub area_id: Option<i64>,
    pub area_name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub home_area_id: i64,
    pub roles: Vec<RoleGrant>,
    /// Notifications not yet seen (kept on the person's row).
    pub unread: i64,
    /// When the account was made (new accounts have stricter write limits).
    pub created_at: i64,
    /// Set while a moderator's suspension or ban is in force.
    pub suspension: Option<Suspension>,
}

/// A suspension or ban in force: the person may read but not write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suspension {
    /// Until when, as text in the person's language and zone; None for a ban.
    pub until: Option<String>,
    pub reason: String,
}

impl Me {
    pub fn is_admin(&self) -> bool {
        self.roles.iter().any(|r| r.role == Role::Admin)
    }

    /// False while a suspension or ban is in force: the person reads, and
    /// pages offer nothing to write.
    pub fn may_write(&self) -> bool {
        self.suspension.is_none()
    }
}

/// A form that failed without JavaScript: the error and what the person typed,
/// kept server-side for one page view after the redirect.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormFlash {
    /// The server function path the form was posted to.
    pub action: String,
    pub error: Option<AppError>,
    pub fields: Vec<(String, String)>,
}

impl FormFlash {
    pub fn field(&self, name: &str) -> Option<String> {
        self.fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub me: Option<Me>,
    pub flash: Option<FormFlash>,
    /// The database holds the demo data (and its accounts with the published
    /// password): every page says so.
    pub demo: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AreaLevel {
    Province,
    City,
    Regency,
    District,
    Village,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaSummary {
    pub id: i64,
    pub name: String,
    pub level: AreaLevel,
    /// Local kind of the area as its people say it ("Kecamatan", "Distrik", …).
    pub kind_label: String,
    pub depth: u32,
    pub resident_count: i64,
    pub last_activity: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityItem {
    pub area_id: i64,
    pub area_name: String,
    pub kind: String,
    pub actor: String,
    pub when: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomePage {
    pub areas: Vec<AreaSummary>,
    pub recent: Vec<ActivityItem>,
    /// Latest threads of the forums the person joined (None for visitors).
    pub joined: Option<Vec<ThreadSummary>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencySummary {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaPage {
    pub area: AreaSummary,
    pub timezone: String,
    pub ancestors: Vec<AreaSummary>,
    pub children: Vec<AreaSummary>,
    pub agencies: Vec<AgencySummary>,
    pub recent: Vec<ActivityItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfilePage {
    pub username: String,
    pub display_name: String,
    pub home_area: AreaSummary,
    pub joined: String,
    pub roles: Vec<RoleGrant>,
    pub moderation: AccountModeration,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsPage {
    pub display_name: String,
    pub home_area_id: i64,
    pub lang: Lang,
    pub areas: Vec<AreaSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub roles: Vec<RoleGrant>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminPage {
    pub users: Vec<AdminUser>,
    pub agencies: Vec<AgencySummary>,
    pub areas: Vec<AreaSummary>,
    /// (area id, support threshold, response days) of every area.
    pub rules: Vec<(i64, i64, i64)>,
}

/// How a forum's thread list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThreadSort {
    #[default]
    Activity,
    Newest,
    Replies,
}

impl ThreadSort {
    pub fn code(self) -> &'static str {
        match self {
            ThreadSort::Activity => "activity",
            ThreadSort::Newest => "newest",
            ThreadSort::Replies => "replies",
        }
    }

    pub fn parse(s: &str) -> ThreadSort {
        match s {
            "newest" => ThreadSort::Newest,
            "replies" => ThreadSort::Replies,
            _ => ThreadSort::Activity,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadSummary {
    pub id: i64,
    pub title: String,
    pub area_id: i64,
    pub area_name: String,
    pub category: String,
    pub author: String,
    pub reply_count: i64,
    pub last_activity: String,
}

/// One page of a forum: its threads after the filters, and the cursor of the next page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumPage {
    pub area_id: i64,
    pub threads: Vec<ThreadSummary>,
    /// Keyset cursor of the next page, if there is one.
    pub next: Option<String>,
    pub categories: Vec<Category>,
    pub sort: ThreadSort,
    pub category: Option<i64>,
    pub include_sub: bool,
    /// Whether the person joined this forum (None for visitors).
    pub joined: Option<bool>,
    /// Pinned threads, above the list on its first page.
    pub pinned: Vec<ThreadSummary>,
}

/// The post a reply answers, shown as a quote link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRef {
    pub seq: i64,
    pub author: String,
    pub excerpt: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostView {
    pub id: i64,
    pub seq: i64,
    pub author: String,
    pub author_username: String,
    /// An officer's agency, for the badge.
    pub agency: Option<String>,
    /// Sanitized at write time; empty when deleted.
    pub html: String,
    pub when: String,
    pub edited: bool,
    pub deleted: bool,
    pub parent: Option<QuoteRef>,
    /// The viewer wrote it (and so may edit or delete it).
    pub mine: bool,
    /// Hidden by a moderator, with the reason. The text is empty unless the
    /// viewer wrote it or moderates here.
    pub hidden: Option<String>,
    /// Hidden and this viewer may not see the text (neither author nor
    /// moderator here).
    pub withheld: bool,
    /// Written by an officer for an agency (cannot be hidden).
    pub official: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadPage {
    pub id: i64,
    pub title: String,
    pub area: AreaSummary,
    pub category: String,
    pub reply_count: i64,
    /// The opening post, on every page.
    pub opening: PostView,
    pub replies: Vec<PostView>,
    /// Position after which this page of replies starts.
    pub after: i64,
    /// `after` of the previous and next pages of replies.
    pub prev: Option<i64>,
    pub next: Option<i64>,
    /// The post being answered by the reply form, if one was chosen.
    pub reply_to: Option<QuoteRef>,
    pub reply_to_id: Option<i64>,
    /// The viewer may see earlier versions of posts (a moderator here).
    pub moderator: bool,
    pub deleted: bool,
    /// The proposal this thread discusses, if it is one's discussion.
    pub proposal_id: Option<i64>,
    /// No new replies (a moderator locked it).
    pub locked: bool,
    pub pinned: bool,
    pub category_id: i64,
    /// For a moderator's move form.
    pub areas: Vec<AreaSummary>,
    pub categories: Vec<Category>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewThreadPage {
    pub areas: Vec<AreaSummary>,
    pub categories: Vec<Category>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditPage {
    pub post_id: i64,
    pub thread_id: i64,
    pub thread_title: String,
    /// Set when the post opens its thread (the title can be edited too).
    pub title: Option<String>,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    pub title: Option<String>,
    pub body: String,
    pub written: String,
    pub replaced: String,
    pub replaced_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionsPage {
    pub post_id: i64,
    pub thread_id: i64,
    pub thread_title: String,
    pub url: String,
    pub current: String,
    pub deleted: bool,
    pub revisions: Vec<Revision>,
}

/// A stretch of a search excerpt; `hit` marks the words that matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    pub text: String,
    pub hit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub url: String,
    pub thread_title: String,
    pub area_name: String,
    pub author: String,
    pub when: String,
    pub snippet: Vec<Snippet>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchPage {
    pub q: String,
    pub hits: Vec<SearchHit>,
    pub next: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    /// Someone replied to the person's thread (true) or to their post.
    pub on_thread: bool,
    /// A step of a proposal the person wrote or supports (then `actor` is
    /// the officer or author who took it, or empty, and `thread_title` the
    /// proposal's title).
    pub proposal: Option<ProposalNote>,
    pub actor: String,
    pub thread_title: String,
    pub excerpt: String,
    pub url: String,
    pub when: String,
    pub unread: bool,
    /// A moderator's action on the person's post or account (action code).
    pub moderation: Option<String>,
}

/// What happened to a proposal: a record event and the state it led to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalNote {
    pub event: String,
    pub state_to: String,
    pub agency: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationsPage {
    pub items: Vec<Notification>,
    pub next: Option<i64>,
}

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalsPage {
    pub proposals: Vec<ProposalSummary>,
    pub next: Option<String>,
    pub areas: Vec<AreaSummary>,
    pub categories: Vec<Category>,
    pub area: Option<i64>,
    pub category: Option<i64>,
    pub state: String,
    pub sort: String,
    /// On the officer desk: the templates of the officer's agencies.
    pub templates: Vec<AgencyTemplates>,
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

/// The public decision record, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordPage {
    pub items: Vec<RecordItem>,
    pub before: Option<i64>,
    pub areas: Vec<AreaSummary>,
    pub agencies: Vec<AgencySummary>,
    pub area: Option<i64>,
    pub agency: Option<i64>,
}

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
    pub areas: Vec<AreaSummary>,
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
    pub can_step: Vec<String>,
    /// Agencies it can be forwarded to (when the viewer may forward).
    pub agencies: Vec<AgencySummary>,
    pub rating: RatingState,
    /// The viewer may correct its steps (an officer of its agency, or an
    /// admin).
    pub can_correct: bool,
}

/// Whether the viewer may rate an item, or already did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum RatingState {
    /// Not theirs to rate (or not yet).
    #[default]
    None,
    Open,
    Done,
}

/// What the new-complaint form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewComplaintPage {
    pub areas: Vec<AreaSummary>,
    pub categories: Vec<Category>,
    /// Today in the reader's zone (YYYY-MM-DD), the latest date allowed.
    pub today: String,
}

/// One row of the accountability dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub id: i64,
    pub label: String,
    pub received: i64,
    pub answered: i64,
    /// Unanswered past the deadline, now.
    pub overdue: i64,
    /// Hours to the first official response.
    pub median_hours: Option<f64>,
    pub p90_hours: Option<f64>,
    /// Answered within the deadline, of those answered (percent).
    pub on_time_pct: Option<f64>,
    pub ratings: i64,
    pub ikm: Option<f64>,
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
    pub area: Option<i64>,
    pub agency: Option<i64>,
    pub areas: Vec<AreaSummary>,
    pub agency_list: Vec<AgencySummary>,
    pub total: Figures,
    pub by_agency: Vec<Figures>,
    pub by_area: Vec<Figures>,
    pub trend: Vec<TrendPoint>,
    /// The viewer's own figures (officers), or every officer's (admins).
    pub officers: Vec<Figures>,
    pub own_only: bool,
}

/// Moderation state of a proposal or complaint page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemModeration {
    /// Hidden by a moderator, with the reason (the page then shows the text
    /// only to its author and the area's moderators).
    pub hidden: Option<String>,
    /// Hidden and this viewer may not see the text.
    pub withheld: bool,
    /// A duplicate merged into this proposal.
    pub merged_into: Option<i64>,
    /// The viewer moderates its area (and did not write it).
    pub can_moderate: bool,
}

/// A flagged item in the moderation queue, with its flags counted by reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueEntry {
    pub id: i64,
    /// post, proposal or complaint.
    pub kind: String,
    pub item_id: i64,
    /// A post's position in its thread (0: the thread itself).
    pub seq: Option<i64>,
    pub url: String,
    pub title: String,
    pub excerpt: String,
    /// None for an anonymous complaint, unless the viewer is an admin or an
    /// officer of its agency.
    pub author: Option<String>,
    pub area_name: String,
    pub count: i64,
    pub reasons: Vec<(String, i64)>,
    /// The texts given with "other" and the rest.
    pub notes: Vec<String>,
    pub first_flag: String,
    pub hidden: bool,
    pub official: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    pub entries: Vec<QueueEntry>,
    /// Open appeals the viewer may decide.
    pub appeals: Vec<LogEntry>,
}

/// One row of the public moderation log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    pub id: i64,
    pub when: String,
    /// Empty, with `actor_username` None, when the actor is the
    /// complainant of an anonymous complaint (appealing an action on it).
    pub actor: String,
    pub actor_username: Option<String>,
    pub action: String,
    /// post, thread, proposal, complaint or user.
    pub item_kind: String,
    pub item_id: i64,
    pub item_url: String,
    /// Whose post or account it was (username), if anyone's; never the
    /// complainant of an anonymous complaint.
    pub target: Option<String>,
    pub area_name: String,
    pub reason: String,
    pub until: Option<String>,
    /// Where a thread moved or a proposal was merged, as shown.
    pub detail: String,
    /// Appeals and decisions: the action concerned.
    pub ref_id: Option<i64>,
    /// None, open, upheld or reversed.
    pub appeal_state: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogPage {
    pub entries: Vec<LogEntry>,
    pub next: Option<i64>,
    pub area_id: Option<i64>,
    pub moderator: String,
    pub areas: Vec<AreaSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntryPage {
    pub entry: LogEntry,
    /// Its appeal and the decision, when there are.
    pub related: Vec<LogEntry>,
    /// The viewer is the author it concerns and may still appeal.
    pub can_appeal: bool,
    /// The viewer may decide its open appeal.
    pub can_decide: bool,
    /// A redaction's text before, for admins only.
    pub original: Option<String>,
}

/// Moderation of an account, on its profile page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountModeration {
    pub suspension: Option<Suspension>,
    pub banned: bool,
    /// The viewer may suspend or ban it (and lift a suspension).
    pub can_suspend: bool,
    /// The viewer may lift a ban (admins).
    pub can_lift_ban: bool,
}
