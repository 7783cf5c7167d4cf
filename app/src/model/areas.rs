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
    /// The provinces, for a visitor (empty for someone signed in).
    pub provinces: Vec<AreaSummary>,
    /// A signed-in person's home area and the areas above it, from the top.
    pub home_chain: Vec<AreaSummary>,
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
    /// The newest proposals and public complaints filed in this area.
    pub proposals: Vec<AreaItem>,
    pub complaints: Vec<AreaItem>,
}

/// A proposal or complaint as an area's page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaItem {
    pub id: i64,
    pub title: String,
    pub state: String,
    /// Supports (proposals).
    pub supports: i64,
}

/// One area as a picker offers it: "Plaju — Kota Palembang, Sumatera Selatan".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaChoice {
    pub id: i64,
    pub name: String,
    /// The local kind, in the reader's language ("Kecamatan" / "District").
    pub kind: String,
    /// The areas above it, nearest first, comma-separated.
    pub context: String,
    /// A desa/kelurahan: nothing below it to step down to.
    pub leaf: bool,
    /// Still on the official list (an inactive area cannot be chosen).
    pub active: bool,
}

impl AreaChoice {
    /// "Plaju (Kecamatan) — Kota Palembang, Sumatera Selatan".
    pub fn label(&self) -> String {
        if self.context.is_empty() {
            format!("{} ({})", self.name, self.kind)
        } else {
            format!("{} ({}) — {}", self.name, self.kind, self.context)
        }
    }
}

/// The page that finds an area by name or steps down the tree, then sends
/// the person back to the form or list that asked for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaPickPage {
    pub query: String,
    /// Matches of `query` (None when nothing was searched).
    pub results: Option<Vec<AreaChoice>>,
    /// More matched than are shown.
    pub more: bool,
    /// The area being stepped through (None: the provinces).
    pub at: Option<AreaChoice>,
    /// The areas above `at`, from the top.
    pub trail: Vec<AreaChoice>,
    /// The areas right below `at` (or the provinces).
    pub children: Vec<AreaChoice>,
}

/// An agency on its area's admin page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyAdmin {
    pub id: i64,
    pub name: String,
    pub short_name: String,
    pub retired: bool,
    /// Its webhook's address (the secret is never shown).
    pub hook_url: Option<String>,
}

/// Who answers for one category in an area: set here, or inherited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponsibilityRow {
    pub category_id: i64,
    pub category: String,
    /// The agency set in this very area.
    pub here: Option<AgencySummary>,
    /// Else the agency and the area above that set it.
    pub inherited: Option<(AgencySummary, String)>,
}

/// A category with both its names (the admin renames them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryAdmin {
    pub id: i64,
    pub slug: String,
    pub name_id: String,
    pub name_en: String,
}

/// `/admin/areas`: one area's agencies, who answers what, the categories,
/// and areas the official list lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaAdminPage {
    pub area: Option<AreaChoice>,
    /// The agencies serving exactly this area.
    pub agencies: Vec<AgencyAdmin>,
    /// The active agencies that may answer here (serving it or above).
    pub eligible: Vec<AgencySummary>,
    pub responsibilities: Vec<ResponsibilityRow>,
    pub categories: Vec<CategoryAdmin>,
    /// The chosen area's settings.
    pub settings: Option<AreaSettings>,
}

/// Where a setting in force in an area comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SettingSource {
    /// Set in this very area.
    Here,
    /// Set in this area above it.
    Above(String),
    /// Set nowhere: the defaults.
    Default,
}

/// An area's settings in force, each with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaSettings {
    /// Support threshold, response days (proposals).
    pub rules: [i64; 2],
    pub rules_from: SettingSource,
    /// Verification, follow-up, resolution days (complaints).
    pub deadlines: [i64; 3],
    pub deadlines_from: SettingSource,
    /// The area's own holidays, a `YYYY-MM-DD name` line each.
    pub holidays_here: String,
    /// Holidays set above, which count here too: (day name, area).
    pub holidays_above: Vec<(String, String)>,
}
