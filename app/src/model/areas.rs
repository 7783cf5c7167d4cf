//! Areas, agencies and the activity shown on the home and area pages.
use super::ThreadSummary;
use serde::{Deserialize, Serialize};

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
