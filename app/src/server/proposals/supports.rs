//! Supports: one per resident of the proposal's area, while it is open.
//! Crossing the threshold assigns the responsible agency and starts its
//! deadline, in the same transaction.
use super::{content, due_after, head, responsible, state_of, tell};
use crate::db::proposals as rows;
use crate::db::{supports, Db};
use crate::domain::ids::{ProposalId, UserId};
use crate::domain::service::ServiceItem;
use crate::error::{AppError, AppResult, Refusal};
use crate::model::Me;
use crate::server::AppState;
use crate::server::{areas, dashboard, limits, record, time};

/// Why a proposal takes no supports: it is not open, or (a draft someone
/// else is writing, or no such id) not there at all.
async fn not_open(conn: &mut sqlx::AnyConnection, me: &Me, id: ProposalId) -> AppResult<AppError> {
    Ok(match rows::state_and_author(conn, id).await? {
        Some(r) if r.state != "draft" || r.author_id == UserId(me.id) => AppError::Refused {
            reason: Refusal::ClosedForSupport,
        },
        _ => AppError::NotFound,
    })
}

/// One support from `me`; returns the new count. Crossing the threshold
/// assigns the responsible agency and starts its deadline, in the same
/// transaction. `permit` (rate limits) is counted in the same transaction,
/// so the busiest write pays for one commit.
pub async fn support(
    st: &AppState,
    me: &Me,
    id: ProposalId,
    at: i64,
    permit: Option<&limits::Permit>,
) -> AppResult<i64> {
    let db = &st.db;
    let home = areas::path(st, me.home_area_id).await?.unwrap_or_default();
    let mut tx = db.pool.begin().await?;
    // Write first (the count), so concurrent supports queue on the row lock.
    let Some(row) = rows::count_support(&mut tx, id).await? else {
        return Err(not_open(&mut tx, me, id).await?);
    };
    if !home.starts_with(&row.area_path) {
        return Err(AppError::Refused {
            reason: Refusal::OutsideArea,
        });
    }
    if supports::insert(&mut tx, id, UserId(me.id), at).await? == 0 {
        return Err(AppError::Refused {
            reason: Refusal::AlreadySupported,
        });
    }
    if row.support_count >= row.threshold && row.awaiting_since.is_none() {
        reach_threshold(&mut tx, &st.config, id, at).await?;
    }
    if let Some(p) = permit {
        p.record(&mut tx).await?;
    }
    tx.commit().await?;
    Ok(row.support_count)
}

/// The first time supports reach the threshold: assign, set the due date,
/// record it. (A proposal answered already keeps its answer.)
pub async fn reach_threshold(
    conn: &mut sqlx::AnyConnection,
    config: &crate::server::Config,
    id: ProposalId,
    at: i64,
) -> AppResult<()> {
    let mut h = head(conn, id).await?;
    let answered = rows::answered_at(conn, id).await?;
    let already = crate::db::record::seq_of_event(conn, "proposal", id.0, "threshold_reached").await?;
    if answered.is_some() || already.is_some() {
        return Ok(());
    }
    let agency = responsible(conn, &h.area_path, h.category_id).await?;
    let days = rows::response_days(conn, h.area_id).await?;
    let due = due_after(at, days, &h.timezone);
    let agency_id = agency.as_ref().map(|a| a.0);
    let receipt = dashboard::Receipt {
        item: ServiceItem::Proposal(id),
        agency: agency_id,
        area_path: &h.area_path,
        zone: &h.timezone,
        received_at: at,
        due_at: due,
    };
    dashboard::receive(conn, &receipt).await?;
    rows::assign(conn, id, agency_id, at, due).await?;
    h.agency_id = agency_id;
    h.agency_name = agency.map(|a| a.1);
    let state = state_of(&h);
    let zone = h.timezone.clone();
    let path = h.area_path.clone();
    let seq = record::append(conn, &path, |seq| {
        let mut c = content(&h, seq, at, "threshold_reached", state, state, None);
        c.due = Some(time::iso_date(due, &zone));
        c
    })
    .await?;
    tell(conn, id, seq, None, at).await?;
    let alert = crate::db::notify::Alert {
        agency: agency_id,
        kind: "desk_threshold",
        subject: crate::db::notify::Subject::Proposal(id),
        seq: Some(seq),
        actor: None,
        at,
    };
    crate::server::notify::alert(conn, config, &alert).await?;
    Ok(())
}

/// Takes back `me`'s support while the proposal is open; returns the count.
pub async fn unsupport(db: &Db, me: &Me, id: ProposalId) -> AppResult<i64> {
    let mut tx = db.pool.begin().await?;
    let Some(count) = rows::uncount_support(&mut tx, id).await? else {
        return Err(not_open(&mut tx, me, id).await?);
    };
    if supports::delete(&mut tx, id, UserId(me.id)).await? == 0 {
        return Err(AppError::Refused {
            reason: Refusal::NotSupported,
        });
    }
    tx.commit().await?;
    Ok(count)
}
