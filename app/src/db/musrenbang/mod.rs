//! The Musrenbang tables: cycles and their stages, the areas of each tier,
//! usulan and their tiers, and ballots. Steps that must hold together run on
//! the caller's transaction (`&mut AnyConnection`).
use super::Db;
use crate::domain::ids::{AreaId, CategoryId, CycleId, UserId, UsulanId};
use sqlx::FromRow;

mod ballots;
pub mod discussion;
pub mod funnel;
mod plan;
pub use ballots::*;
pub use plan::*;

#[derive(FromRow, Debug, Clone)]
pub struct Cycle {
    pub id: CycleId,
    pub area_id: AreaId,
    pub area_path: String,
    pub area_name: String,
    pub timezone: String,
    pub year: i64,
    pub rule: String,
}

const CYCLE_COLS: &str = "c.id, c.area_id, c.area_path, a.name AS area_name, a.timezone, c.year, c.rule";

pub async fn cycle(db: &Db, id: CycleId) -> Result<Option<Cycle>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {CYCLE_COLS} FROM plan_cycles c JOIN areas a ON a.id = c.area_id WHERE c.id = $1"
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

/// Cycles, newest first, after the cursor `before` (an id).
pub async fn cycles(db: &Db, before: Option<i64>, limit: i64) -> Result<Vec<Cycle>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {CYCLE_COLS} FROM plan_cycles c JOIN areas a ON a.id = c.area_id \
         WHERE c.id < $1 ORDER BY c.id DESC LIMIT $2"
    ))
    .bind(before.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

/// The newest cycle of the kota or kabupaten `area`, if any.
pub async fn newest_of(db: &Db, area: AreaId) -> Result<Option<CycleId>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM plan_cycles WHERE area_id = $1 ORDER BY year DESC LIMIT 1")
        .bind(area)
        .fetch_optional(&db.pool)
        .await
}

pub struct NewCycle<'a> {
    pub area_id: AreaId,
    pub area_path: &'a str,
    pub year: i64,
    pub rule: &'a str,
    pub by: UserId,
    pub at: i64,
}

/// The new cycle's id; None if the area has one for that year already.
pub async fn insert_cycle(conn: &mut sqlx::AnyConnection, c: &NewCycle<'_>) -> Result<Option<CycleId>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO plan_cycles (area_id, area_path, year, rule, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(c.area_id)
    .bind(c.area_path)
    .bind(c.year)
    .bind(c.rule)
    .bind(c.by)
    .bind(c.at)
    .fetch_optional(&mut *conn)
    .await
}

#[derive(FromRow, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stage {
    pub tier: i64,
    pub submit_from: i64,
    pub submit_until: i64,
    pub vote_from: i64,
    pub vote_until: i64,
    pub result_by: i64,
    pub ceiling: i64,
    pub counted_at: Option<i64>,
}

impl Stage {
    pub fn calendar(&self) -> crate::domain::musrenbang::Calendar {
        crate::domain::musrenbang::Calendar {
            submit_from: self.submit_from,
            submit_until: self.submit_until,
            vote_from: self.vote_from,
            vote_until: self.vote_until,
            result_by: self.result_by,
        }
    }
}

pub async fn insert_stage(conn: &mut sqlx::AnyConnection, cycle: CycleId, s: &Stage) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO plan_stages (cycle_id, tier, submit_from, submit_until, vote_from, vote_until, result_by, ceiling) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(cycle)
    .bind(s.tier)
    .bind(s.submit_from)
    .bind(s.submit_until)
    .bind(s.vote_from)
    .bind(s.vote_until)
    .bind(s.result_by)
    .bind(s.ceiling)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

const STAGE_COLS: &str = "tier, submit_from, submit_until, vote_from, vote_until, result_by, ceiling, counted_at";

/// A cycle's stages, by tier.
pub async fn stages(db: &Db, cycle: CycleId) -> Result<Vec<Stage>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {STAGE_COLS} FROM plan_stages WHERE cycle_id = $1 ORDER BY tier"
    ))
    .bind(cycle)
    .fetch_all(&db.pool)
    .await
}

pub async fn stage_in(conn: &mut sqlx::AnyConnection, cycle: CycleId, tier: i64) -> Result<Option<Stage>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {STAGE_COLS} FROM plan_stages WHERE cycle_id = $1 AND tier = $2"
    ))
    .bind(cycle)
    .bind(tier)
    .fetch_optional(&mut *conn)
    .await
}

/// Marks the stage counted; false if it was already (another server did).
pub async fn mark_counted(
    conn: &mut sqlx::AnyConnection,
    cycle: CycleId,
    tier: i64,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let n =
        sqlx::query("UPDATE plan_stages SET counted_at = $3 WHERE cycle_id = $1 AND tier = $2 AND counted_at IS NULL")
            .bind(cycle)
            .bind(tier)
            .bind(at)
            .execute(&mut *conn)
            .await?
            .rows_affected();
    Ok(n == 1)
}

/// Stages whose voting closed before `now` and that are not counted yet.
pub async fn uncounted(db: &Db, now: i64) -> Result<Vec<(CycleId, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT cycle_id, tier FROM plan_stages WHERE counted_at IS NULL AND vote_until < $1 LIMIT 20")
        .bind(now)
        .fetch_all(&db.pool)
        .await
}

#[derive(FromRow, Debug, Clone)]
pub struct PlanArea {
    pub area_id: AreaId,
    pub area_name: String,
    pub ceiling: Option<i64>,
    pub usulan_count: i64,
    pub voters: i64,
    pub confirmed_at: Option<i64>,
    pub attendance: Option<i64>,
    pub delegates: Option<String>,
}

const PLAN_AREA_COLS: &str =
    "p.area_id, a.name AS area_name, p.ceiling, p.usulan_count, p.voters, p.confirmed_at, p.attendance, p.delegates";

pub async fn plan_area(db: &Db, cycle: CycleId, tier: i64, area: AreaId) -> Result<Option<PlanArea>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {PLAN_AREA_COLS} FROM plan_areas p JOIN areas a ON a.id = p.area_id \
         WHERE p.cycle_id = $1 AND p.tier = $2 AND p.area_id = $3"
    ))
    .bind(cycle)
    .bind(tier)
    .bind(area)
    .fetch_optional(&db.pool)
    .await
}

/// The areas taking part in a tier, in the official list's order (their
/// ids), after the id `after`.
pub async fn plan_areas(
    db: &Db,
    cycle: CycleId,
    tier: i64,
    after: i64,
    limit: i64,
) -> Result<Vec<PlanArea>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {PLAN_AREA_COLS} FROM plan_areas p JOIN areas a ON a.id = p.area_id \
         WHERE p.cycle_id = $1 AND p.tier = $2 AND p.area_id > $3 ORDER BY p.area_id LIMIT $4"
    ))
    .bind(cycle)
    .bind(tier)
    .bind(after)
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

/// Counts `n` more usulan in an area of a tier (adding the area).
pub async fn add_to_area(
    conn: &mut sqlx::AnyConnection,
    cycle: CycleId,
    tier: i64,
    area: AreaId,
    n: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO plan_areas (cycle_id, tier, area_id, usulan_count) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (cycle_id, tier, area_id) DO UPDATE SET usulan_count = plan_areas.usulan_count + $4",
    )
    .bind(cycle)
    .bind(tier)
    .bind(area)
    .bind(n)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// An area's own ceiling (None: the stage's).
pub async fn set_ceiling(
    conn: &mut sqlx::AnyConnection,
    cycle: CycleId,
    tier: i64,
    area: AreaId,
    ceiling: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO plan_areas (cycle_id, tier, area_id, ceiling) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (cycle_id, tier, area_id) DO UPDATE SET ceiling = $4",
    )
    .bind(cycle)
    .bind(tier)
    .bind(area)
    .bind(ceiling)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The ceiling of an area in a tier: its own, or the stage's.
pub async fn ceiling_in(
    conn: &mut sqlx::AnyConnection,
    cycle: CycleId,
    tier: i64,
    area: AreaId,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COALESCE(p.ceiling, s.ceiling) FROM plan_stages s \
         LEFT JOIN plan_areas p ON p.cycle_id = s.cycle_id AND p.tier = s.tier AND p.area_id = $3 \
         WHERE s.cycle_id = $1 AND s.tier = $2",
    )
    .bind(cycle)
    .bind(tier)
    .bind(area)
    .fetch_optional(&mut *conn)
    .await
}

pub struct NewUsulan<'a> {
    pub cycle: CycleId,
    pub tier: i64,
    pub area_id: AreaId,
    pub area_path: &'a str,
    pub author: UserId,
    pub category: CategoryId,
    pub title: &'a str,
    pub problem: &'a str,
    pub action: &'a str,
    pub location: &'a str,
    pub volume: i64,
    pub unit: &'a str,
    pub cost: i64,
    pub at: i64,
}

pub async fn insert_usulan(conn: &mut sqlx::AnyConnection, u: &NewUsulan<'_>) -> Result<UsulanId, sqlx::Error> {
    let id: UsulanId = sqlx::query_scalar(
        "INSERT INTO usulan (cycle_id, tier, area_id, area_path, author_id, category_id, title, problem, action, \
         location, volume, unit, cost, state, tier_now, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'open', $2, $14) RETURNING id",
    )
    .bind(u.cycle)
    .bind(u.tier)
    .bind(u.area_id)
    .bind(u.area_path)
    .bind(u.author)
    .bind(u.category)
    .bind(u.title)
    .bind(u.problem)
    .bind(u.action)
    .bind(u.location)
    .bind(u.volume)
    .bind(u.unit)
    .bind(u.cost)
    .bind(u.at)
    .fetch_one(&mut *conn)
    .await?;
    enter_tier(conn, id, u.cycle, u.tier, u.area_id).await?;
    Ok(id)
}

/// Puts an usulan in the running at a tier, in an area.
pub async fn enter_tier(
    conn: &mut sqlx::AnyConnection,
    id: UsulanId,
    cycle: CycleId,
    tier: i64,
    area: AreaId,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO usulan_tiers (usulan_id, cycle_id, tier, area_id) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(cycle)
        .bind(tier)
        .bind(area)
        .execute(&mut *conn)
        .await?;
    add_to_area(conn, cycle, tier, area, 1).await
}

/// How many usulan `author` put forward in a tier of a cycle.
pub async fn authored_in(
    conn: &mut sqlx::AnyConnection,
    cycle: CycleId,
    tier: i64,
    author: UserId,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM usulan WHERE author_id = $1 AND cycle_id = $2 AND tier = $3")
        .bind(author)
        .bind(cycle)
        .bind(tier)
        .fetch_one(&mut *conn)
        .await
}

#[derive(FromRow, Debug, Clone)]
pub struct Usulan {
    pub id: UsulanId,
    pub cycle_id: CycleId,
    pub tier: i64,
    pub area_id: AreaId,
    pub area_name: String,
    pub author_id: UserId,
    pub author_name: String,
    pub author_username: String,
    pub category_id: CategoryId,
    pub title: String,
    pub problem: String,
    pub action: String,
    pub location: String,
    pub volume: i64,
    pub unit: String,
    pub cost: i64,
    pub state: String,
    pub tier_now: i64,
    pub verdict: Option<String>,
    pub verified_cost: Option<i64>,
    pub verify_reason: Option<String>,
    pub verified_agency: Option<String>,
    pub verified_agency_id: Option<crate::domain::ids::AgencyId>,
    pub plan_agency_id: Option<crate::domain::ids::AgencyId>,
    pub plan_agency: Option<String>,
    pub plan_amount: Option<i64>,
    pub plan_reason: Option<String>,
    pub progress: Option<i64>,
    pub created_at: i64,
    /// Its discussion (none for usulan put forward before there were).
    pub thread_id: Option<crate::domain::ids::ThreadId>,
    /// SKM ratings of the agency's work on it, and their scores' sum.
    pub ratings: i64,
    pub rating_sum: i64,
}

pub async fn usulan(db: &Db, id: UsulanId) -> Result<Option<Usulan>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.id, u.cycle_id, u.tier, u.area_id, a.name AS area_name, u.author_id, \
         w.display_name AS author_name, w.username AS author_username, u.category_id, u.title, u.problem, \
         u.action, u.location, u.volume, u.unit, u.cost, u.state, u.tier_now, u.verdict, u.verified_cost, \
         u.verify_reason, g.name AS verified_agency, u.verified_agency_id, u.plan_agency_id, \
         pg.name AS plan_agency, u.plan_amount, u.plan_reason, u.progress, u.created_at, u.thread_id, \
         u.ratings, u.rating_sum \
         FROM usulan u JOIN areas a ON a.id = u.area_id JOIN users w ON w.id = u.author_id \
         LEFT JOIN agencies g ON g.id = u.verified_agency_id LEFT JOIN agencies pg ON pg.id = u.plan_agency_id \
         WHERE u.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

/// An usulan at one tier.
#[derive(FromRow, Debug, Clone)]
pub struct AtTier {
    pub usulan_id: UsulanId,
    pub tier: i64,
    pub area_id: AreaId,
    pub area_name: String,
    pub title: String,
    /// The verified cost where there is one, else the estimate.
    pub cost: i64,
    pub verdict: Option<String>,
    pub approvals: i64,
    pub greedy_rank: Option<i64>,
    pub shares_rank: Option<i64>,
    pub outcome: Option<String>,
    pub position: Option<i64>,
    pub reason: Option<String>,
}

const AT_TIER_COLS: &str = "t.usulan_id, t.tier, t.area_id, a.name AS area_name, u.title, \
     COALESCE(u.verified_cost, u.cost) AS cost, u.verdict, t.approvals, t.greedy_rank, t.shares_rank, t.outcome, \
     t.position, t.reason";

/// An usulan's path: each tier it reached.
pub async fn tiers_of(db: &Db, id: UsulanId) -> Result<Vec<AtTier>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {AT_TIER_COLS} FROM usulan_tiers t JOIN usulan u ON u.id = t.usulan_id \
         JOIN areas a ON a.id = t.area_id WHERE t.usulan_id = $1 ORDER BY t.tier"
    ))
    .bind(id)
    .fetch_all(&db.pool)
    .await
}

/// The usulan of an area in a tier, oldest first, after the id `after`.
pub async fn in_area(
    db: &Db,
    cycle: CycleId,
    tier: i64,
    area: AreaId,
    after: i64,
    limit: i64,
) -> Result<Vec<AtTier>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {AT_TIER_COLS} FROM usulan_tiers t JOIN usulan u ON u.id = t.usulan_id \
         JOIN areas a ON a.id = t.area_id \
         WHERE t.cycle_id = $1 AND t.tier = $2 AND t.area_id = $3 AND t.usulan_id > $4 \
         ORDER BY t.usulan_id LIMIT $5"
    ))
    .bind(cycle)
    .bind(tier)
    .bind(area)
    .bind(after)
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

/// The same, on the caller's transaction, all of them (for counting and
/// confirming: an area's usulan at a tier, bounded by the per-person limit
/// and what the tier below carried).
pub async fn all_in_area(
    conn: &mut sqlx::AnyConnection,
    cycle: CycleId,
    tier: i64,
    area: AreaId,
) -> Result<Vec<AtTier>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {AT_TIER_COLS} FROM usulan_tiers t JOIN usulan u ON u.id = t.usulan_id \
         JOIN areas a ON a.id = t.area_id \
         WHERE t.cycle_id = $1 AND t.tier = $2 AND t.area_id = $3 ORDER BY t.usulan_id"
    ))
    .bind(cycle)
    .bind(tier)
    .bind(area)
    .fetch_all(&mut *conn)
    .await
}

/// The areas of a tier that have usulan, for counting.
pub async fn areas_of_tier(
    conn: &mut sqlx::AnyConnection,
    cycle: CycleId,
    tier: i64,
) -> Result<Vec<(AreaId, Option<i64>)>, sqlx::Error> {
    sqlx::query_as("SELECT area_id, ceiling FROM plan_areas WHERE cycle_id = $1 AND tier = $2 AND usulan_count > 0")
        .bind(cycle)
        .bind(tier)
        .fetch_all(&mut *conn)
        .await
}

pub struct Counted {
    pub id: UsulanId,
    pub approvals: i64,
    pub greedy_rank: Option<i64>,
    pub shares_rank: Option<i64>,
}

/// Writes counts, up to 200 usulan per statement (`UPDATE … FROM
/// (VALUES …)`, whose columns both databases name column1, column2, …).
pub async fn set_counted(conn: &mut sqlx::AnyConnection, tier: i64, counted: &[Counted]) -> Result<(), sqlx::Error> {
    for chunk in counted.chunks(200) {
        let mut rows = String::new();
        for i in 0..chunk.len() {
            let b = i * 4 + 2;
            if i > 0 {
                rows.push_str(", ");
            }
            rows.push_str(&format!("(${b}, ${}, ${}, ${})", b + 1, b + 2, b + 3));
        }
        let sql = format!(
            "UPDATE usulan_tiers SET approvals = v.column2, greedy_rank = v.column3, shares_rank = v.column4 \
             FROM (VALUES {rows}) AS v WHERE usulan_tiers.usulan_id = v.column1 AND usulan_tiers.tier = $1"
        );
        let mut q = sqlx::query(&sql).bind(tier);
        for c in chunk {
            q = q.bind(c.id).bind(c.approvals).bind(c.greedy_rank).bind(c.shares_rank);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

pub async fn set_voters(
    conn: &mut sqlx::AnyConnection,
    cycle: CycleId,
    tier: i64,
    area: AreaId,
    voters: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE plan_areas SET voters = $4 WHERE cycle_id = $1 AND tier = $2 AND area_id = $3")
        .bind(cycle)
        .bind(tier)
        .bind(area)
        .bind(voters)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub struct Confirmation<'a> {
    pub cycle: CycleId,
    pub tier: i64,
    pub area: AreaId,
    pub by: UserId,
    pub attendance: Option<i64>,
    pub delegates: &'a str,
    pub at: i64,
}

/// Confirms an area's result once; false if it was confirmed already.
pub async fn confirm_area(conn: &mut sqlx::AnyConnection, c: &Confirmation<'_>) -> Result<bool, sqlx::Error> {
    let n = sqlx::query(
        "UPDATE plan_areas SET confirmed_at = $4, confirmed_by = $5, attendance = $6, delegates = $7 \
         WHERE cycle_id = $1 AND tier = $2 AND area_id = $3 AND confirmed_at IS NULL",
    )
    .bind(c.cycle)
    .bind(c.tier)
    .bind(c.area)
    .bind(c.at)
    .bind(c.by)
    .bind(c.attendance)
    .bind(c.delegates)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// The outcome of an usulan at a tier.
pub async fn set_outcome(
    conn: &mut sqlx::AnyConnection,
    id: UsulanId,
    tier: i64,
    outcome: &str,
    position: Option<i64>,
    reason: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE usulan_tiers SET outcome = $3, position = $4, reason = $5 WHERE usulan_id = $1 AND tier = $2")
        .bind(id)
        .bind(tier)
        .bind(outcome)
        .bind(position)
        .bind(reason)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Moves an usulan on: its state, and the highest tier it reached.
pub async fn set_state(
    conn: &mut sqlx::AnyConnection,
    id: UsulanId,
    state: &str,
    tier_now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE usulan SET state = $2, tier_now = $3 WHERE id = $1")
        .bind(id)
        .bind(state)
        .bind(tier_now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub struct Verified<'a> {
    pub id: UsulanId,
    pub verdict: &'a str,
    pub cost: Option<i64>,
    pub agency: Option<crate::domain::ids::AgencyId>,
    pub reason: &'a str,
    pub by: UserId,
    pub at: i64,
}

/// The agency's technical verification (a newer one replaces it).
pub async fn set_verification(conn: &mut sqlx::AnyConnection, v: &Verified<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE usulan SET verdict = $2, verified_cost = $3, verified_agency_id = $4, verify_reason = $5, \
         verified_by = $6, verified_at = $7 WHERE id = $1",
    )
    .bind(v.id)
    .bind(v.verdict)
    .bind(v.cost)
    .bind(v.agency)
    .bind((!v.reason.is_empty()).then_some(v.reason))
    .bind(v.by)
    .bind(v.at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
