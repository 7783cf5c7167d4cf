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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub home_area_id: i64,
    pub roles: Vec<RoleGrant>,
}

impl Me {
    pub fn is_admin(&self) -> bool {
        self.roles.iter().any(|r| r.role == Role::Admin)
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
}
