//! Who is calling, loaded for the forum rules: the paths of the areas a
//! person moderates, and the agency an officer posts for.
use crate::db::{posts, Db};
use crate::domain::forum_rules;
use crate::domain::ids::{AgencyId, AreaId};
use crate::error::AppResult;
use crate::model::{Me, Role};
use crate::server::areas;
use crate::server::AppState;

pub(super) async fn area_path(st: &AppState, id: AreaId) -> AppResult<Option<String>> {
    areas::path(st, id.0).await
}

pub use crate::server::areas::moderates;

/// The agency badge an officer's post carries: one serving the area (or an
/// area above it) if they have one, else their first.
pub(super) async fn badge(db: &Db, me: &Me, area_path: &str) -> AppResult<Option<AgencyId>> {
    let officer: Vec<AgencyId> = me
        .roles
        .iter()
        .filter(|r| r.role == Role::Officer)
        .filter_map(|r| r.agency_id)
        .map(AgencyId)
        .collect();
    if officer.is_empty() {
        return Ok(None);
    }
    let ids = forum_rules::path_ids(area_path);
    let mut serving = None;
    'agencies: for &agency in &officer {
        for &area in &ids {
            if posts::agency_serves(db, agency, AreaId(area)).await? {
                serving = Some(agency);
                break 'agencies;
            }
        }
    }
    Ok(forum_rules::badge(&officer, serving))
}
