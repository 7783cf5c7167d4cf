//! A cycle's funnel (`plan_funnel`), kept with the writes that move usulan
//! on, and read by the cycle's pages without counting anything.
use crate::db::Db;
use crate::domain::ids::CycleId;
use sqlx::FromRow;

/// A step of the funnel: the column it counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Submitted,
    Carried0,
    Carried1,
    Accepted,
    Implemented,
}

impl Step {
    fn column(self) -> &'static str {
        match self {
            Step::Submitted => "submitted",
            Step::Carried0 => "carried0",
            Step::Carried1 => "carried1",
            Step::Accepted => "accepted",
            Step::Implemented => "implemented",
        }
    }
}

/// Counts one usulan more at `step` in row (`scope`, `id`), and `amount`
/// rupiah more in the plan.
pub async fn bump(
    conn: &mut sqlx::AnyConnection,
    cycle: CycleId,
    scope: &str,
    id: i64,
    step: Step,
    amount: i64,
) -> Result<(), sqlx::Error> {
    let col = step.column();
    sqlx::query(&format!(
        "INSERT INTO plan_funnel (cycle_id, scope, scope_id, {col}, amount) VALUES ($1, $2, $3, 1, $4) \
         ON CONFLICT (cycle_id, scope, scope_id) DO UPDATE SET {col} = plan_funnel.{col} + 1, \
         amount = plan_funnel.amount + excluded.amount"
    ))
    .bind(cycle)
    .bind(scope)
    .bind(id)
    .bind(amount)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A row of the funnel, with the name of its area or agency.
#[derive(FromRow, Debug, Clone, Default)]
pub struct FunnelRow {
    pub scope_id: i64,
    pub name: String,
    pub submitted: i64,
    pub carried0: i64,
    pub carried1: i64,
    pub accepted: i64,
    pub implemented: i64,
    pub amount: i64,
}

const COLS: &str = "f.scope_id, f.submitted, f.carried0, f.carried1, f.accepted, f.implemented, f.amount";

/// The whole cycle's row (none before the first usulan).
pub async fn total(db: &Db, cycle: CycleId) -> Result<Option<FunnelRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLS}, '' AS name FROM plan_funnel f WHERE f.cycle_id = $1 AND f.scope = 'all' AND f.scope_id = 0"
    ))
    .bind(cycle)
    .fetch_optional(&db.pool)
    .await
}

/// A page of the rows of one scope (`area` or `agency`), by id after
/// `after`.
pub async fn rows(db: &Db, cycle: CycleId, scope: &str, after: i64, limit: i64) -> Result<Vec<FunnelRow>, sqlx::Error> {
    let names = if scope == "area" { "areas" } else { "agencies" };
    sqlx::query_as(&format!(
        "SELECT {COLS}, x.name FROM plan_funnel f JOIN {names} x ON x.id = f.scope_id \
         WHERE f.cycle_id = $1 AND f.scope = $2 AND f.scope_id > $3 ORDER BY f.scope_id LIMIT $4"
    ))
    .bind(cycle)
    .bind(scope)
    .bind(after)
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}
