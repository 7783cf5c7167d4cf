//! Moderation of items and accounts: the queue and the public log.
use super::{AreaChoice, Suspension};
use serde::{Deserialize, Serialize};

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
    /// The item's photos (a moderator may hide one).
    pub photos: Vec<super::PhotoView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    /// An item whose personal data the moderator is editing out, with its
    /// text to start from.
    pub redact: Option<RedactItem>,
    pub entries: Vec<QueueEntry>,
    /// Open appeals the viewer may decide.
    pub appeals: Vec<LogEntry>,
}

/// An item to edit personal data out of: its text as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedactItem {
    pub kind: String,
    pub id: i64,
    pub title: String,
    pub url: String,
    pub source: String,
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
    /// The area chosen (for a form) or filtered by, as its picker shows it.
    pub area_choice: Option<AreaChoice>,
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
