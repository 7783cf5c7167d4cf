//! A person's profile, settings and notifications, and the admin page.
use super::{AccountModeration, AgencySummary, AreaChoice, AreaSummary, Lang, RoleGrant};
use serde::{Deserialize, Serialize};

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
    /// The area chosen (for a form) or filtered by, as its picker shows it.
    pub area_choice: Option<AreaChoice>,
    /// The confirmed email address (shown to its owner only).
    pub email: Option<String>,
    /// An address waiting for its confirmation link to be followed.
    pub email_pending: Option<String>,
    /// How each kind of notification is told.
    pub notify: Vec<crate::domain::notify::Pref>,
}

/// What the admins' outbox page shows: how much waits, and what failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxPage {
    /// Emails and webhook calls waiting (each count stops at 1,000).
    pub waiting_mail: i64,
    pub waiting_hooks: i64,
    pub failed: Vec<FailedSend>,
    pub failed_hooks: Vec<FailedSend>,
    /// Where each list goes on (`?before=` / `?hooks_before=`).
    pub next: Option<i64>,
    pub next_hooks: Option<i64>,
}

/// An email or webhook call that failed after its last try.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedSend {
    pub id: i64,
    pub when: String,
    /// The address (an email's shown in part) or the agency.
    pub to: String,
    pub subject: String,
    pub attempts: i64,
    pub error: String,
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
    /// The area chosen (for a form) or filtered by, as its picker shows it.
    pub area_choice: Option<AreaChoice>,
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
    /// An officer's alert (desk_new, desk_threshold, due_soon, escalated).
    pub desk: Option<String>,
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
