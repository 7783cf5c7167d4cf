//! Serializable types shared by server and browser.
use crate::error::AppError;
use serde::{Deserialize, Serialize};

mod account;
mod areas;
mod complaints;
mod dashboard;
mod forums;
mod moderation;
pub mod musrenbang;
mod photos;
mod proposals;
mod record;
mod search;

pub use account::*;
pub use areas::*;
pub use complaints::*;
pub use dashboard::*;
pub use forums::*;
pub use moderation::*;
pub use photos::*;
pub use proposals::*;
pub use record::*;
pub use search::*;

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
    /// An agency's head: told when its deadlines pass unanswered.
    Head,
    Moderator,
    /// Bappeda staff of a kota or kabupaten: open its Musrenbang cycles and
    /// confirm their results.
    Planner,
    Admin,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::Head => "head",
            Role::Moderator => "moderator",
            Role::Planner => "planner",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "officer" => Some(Role::Officer),
            "head" => Some(Role::Head),
            "moderator" => Some(Role::Moderator),
            "planner" => Some(Role::Planner),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// One role granted to a person. Officers are bound to an agency, moderators to
/// an area (and so its sub-areas), planners to a kota or kabupaten.
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

    /// An admin or a planner of some kota or kabupaten: may open a cycle
    /// (where they plan).
    pub fn plans(&self) -> bool {
        self.roles.iter().any(|r| matches!(r.role, Role::Admin | Role::Planner))
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

/// Whether the viewer may rate an item, or already did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum RatingState {
    /// Not theirs to rate (or not yet).
    #[default]
    None,
    Open,
    Done,
}
