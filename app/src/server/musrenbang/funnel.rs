//! A cycle's funnel: counted as usulan move on (in the transaction that
//! moves them), read by pages as it stands.
use super::{cycle, rows};
use crate::db::musrenbang::funnel::{self, Step};
use crate::domain::forum_rules::path_ids;
use crate::domain::ids::{AgencyId, CycleId};
use crate::domain::musrenbang::Tier;
use crate::error::AppResult;
use crate::model::musrenbang::{FunnelPage, FunnelRow};
use crate::server::AppState;

/// Rows of a funnel list page.
const PAGE: i64 = 50;

/// Counts an usulan put forward at `path` one step on: in the whole cycle,
/// in its kecamatan (the kota's own for one put forward there) and, once
/// in the plan, for the agency carrying it out.
pub(super) async fn count(
    conn: &mut sqlx::AnyConnection,
    c: &rows::Cycle,
    path: &str,
    step: Step,
    amount: i64,
    agency: Option<AgencyId>,
) -> AppResult<()> {
    let kecamatan = path_ids(path)
        .get(Tier::District.depth() as usize)
        .copied()
        .unwrap_or(c.area_id.0);
    funnel::bump(conn, c.id, "all", 0, step, amount).await?;
    funnel::bump(conn, c.id, "area", kecamatan, step, amount).await?;
    if let Some(a) = agency {
        funnel::bump(conn, c.id, "agency", a.0, step, amount).await?;
    }
    Ok(())
}

fn view(r: funnel::FunnelRow) -> FunnelRow {
    FunnelRow {
        id: r.scope_id,
        name: r.name,
        submitted: r.submitted,
        carried0: r.carried0,
        carried1: r.carried1,
        accepted: r.accepted,
        implemented: r.implemented,
        amount: r.amount,
    }
}

/// The whole cycle's funnel (all zero before anything was put forward).
pub async fn total(st: &AppState, id: CycleId) -> AppResult<FunnelRow> {
    Ok(funnel::total(&st.db, id).await?.map(view).unwrap_or_default())
}

/// The funnel page: the whole, and a page of kecamatan (`area`) or agencies.
pub async fn funnel_page(st: &AppState, id: CycleId, scope: &str, after: i64) -> AppResult<FunnelPage> {
    let c = cycle(st, id).await?;
    let scope = if scope == "agency" { "agency" } else { "area" };
    let mut list = funnel::rows(&st.db, id, scope, after, PAGE + 1).await?;
    let next = (list.len() as i64 > PAGE).then(|| list[PAGE as usize - 1].scope_id.to_string());
    list.truncate(PAGE as usize);
    Ok(FunnelPage {
        cycle_id: id.0,
        year: c.year,
        cycle_area: c.area_name.clone(),
        total: total(st, id).await?,
        scope: scope.to_owned(),
        rows: list.into_iter().map(view).collect(),
        next,
    })
}
