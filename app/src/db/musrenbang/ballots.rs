//! Ballots: a person's approvals in a tier (secret: only counts and, in
//! the Pabulib export, ballots numbered without identities leave here).
use super::Db;
use crate::domain::ids::{AreaId, CycleId, UserId, UsulanId};
use crate::domain::musrenbang::Calendar;
use sqlx::FromRow;

/// What a ballot change needs to know of an usulan, in one read: where it
/// stands now, its cost, and that tier's calendar and ceiling there.
#[derive(FromRow, Debug, Clone)]
pub struct Target {
    pub cycle_id: CycleId,
    /// The path of the cycle's kota or kabupaten.
    pub cycle_path: String,
    pub tier: i64,
    pub area_id: AreaId,
    pub verdict: Option<String>,
    pub outcome: Option<String>,
    /// The verified cost where there is one, else the estimate.
    pub cost: i64,
    pub submit_from: i64,
    pub submit_until: i64,
    pub vote_from: i64,
    pub vote_until: i64,
    pub result_by: i64,
    pub ceiling: i64,
}

impl Target {
    pub fn calendar(&self) -> Calendar {
        Calendar {
            submit_from: self.submit_from,
            submit_until: self.submit_until,
            vote_from: self.vote_from,
            vote_until: self.vote_until,
            result_by: self.result_by,
        }
    }
}

pub async fn target(db: &Db, id: UsulanId) -> Result<Option<Target>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.cycle_id, c.area_path AS cycle_path, u.tier_now AS tier, t.area_id, u.verdict, t.outcome, \
         COALESCE(u.verified_cost, u.cost) AS cost, s.submit_from, s.submit_until, s.vote_from, s.vote_until, \
         s.result_by, COALESCE(p.ceiling, s.ceiling) AS ceiling \
         FROM usulan u JOIN plan_cycles c ON c.id = u.cycle_id \
         JOIN usulan_tiers t ON t.usulan_id = u.id AND t.tier = u.tier_now \
         JOIN plan_stages s ON s.cycle_id = u.cycle_id AND s.tier = u.tier_now \
         LEFT JOIN plan_areas p ON p.cycle_id = u.cycle_id AND p.tier = u.tier_now AND p.area_id = t.area_id \
         WHERE u.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

/// Takes a person's ballot row in a tier (made if new): on PostgreSQL its
/// row lock orders that person's concurrent changes; on SQLite it is the
/// write that comes first. The area it was cast in.
pub async fn take_ballot(
    conn: &mut sqlx::AnyConnection,
    cycle: CycleId,
    tier: i64,
    user: UserId,
    area: AreaId,
    at: i64,
) -> Result<AreaId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO plan_ballots (cycle_id, tier, user_id, area_id, cast_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (cycle_id, tier, user_id) DO UPDATE SET cast_at = $5 RETURNING area_id",
    )
    .bind(cycle)
    .bind(tier)
    .bind(user)
    .bind(area)
    .bind(at)
    .fetch_one(&mut *conn)
    .await
}

/// The usulan a person approves in a tier, with their costs.
pub async fn ballot(
    conn: &mut sqlx::AnyConnection,
    cycle: CycleId,
    tier: i64,
    user: UserId,
) -> Result<Vec<(UsulanId, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT i.usulan_id, COALESCE(u.verified_cost, u.cost) FROM plan_ballot_items i \
         JOIN usulan u ON u.id = i.usulan_id WHERE i.cycle_id = $1 AND i.tier = $2 AND i.user_id = $3 \
         ORDER BY i.usulan_id",
    )
    .bind(cycle)
    .bind(tier)
    .bind(user)
    .fetch_all(&mut *conn)
    .await
}

/// Adds an approval if the person's other approvals in the tier cost at
/// most `room` (the ceiling less this usulan's cost), in one statement:
/// the rows added (0 when over the ceiling or approved already).
pub async fn approve_within(
    conn: &mut sqlx::AnyConnection,
    cycle: CycleId,
    tier: i64,
    user: UserId,
    area: AreaId,
    id: UsulanId,
    room: i64,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "INSERT INTO plan_ballot_items (cycle_id, tier, user_id, area_id, usulan_id) \
         SELECT $1, $2, $3, $4, $5 WHERE (SELECT COALESCE(SUM(COALESCE(u.verified_cost, u.cost)), 0) \
         FROM plan_ballot_items i JOIN usulan u ON u.id = i.usulan_id \
         WHERE i.cycle_id = $1 AND i.tier = $2 AND i.user_id = $3 AND i.usulan_id <> $5) <= $6 \
         ON CONFLICT DO NOTHING",
    )
    .bind(cycle)
    .bind(tier)
    .bind(user)
    .bind(area)
    .bind(id)
    .bind(room)
    .execute(&mut *conn)
    .await?
    .rows_affected())
}

/// Does the person's ballot in the tier approve usulan `id`?
pub async fn approves(
    conn: &mut sqlx::AnyConnection,
    cycle: CycleId,
    tier: i64,
    user: UserId,
    id: UsulanId,
) -> Result<bool, sqlx::Error> {
    let n: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM plan_ballot_items WHERE cycle_id = $1 AND tier = $2 AND user_id = $3 AND usulan_id = $4",
    )
    .bind(cycle)
    .bind(tier)
    .bind(user)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(n.is_some())
}

/// Takes back an approval.
pub async fn take_back(
    conn: &mut sqlx::AnyConnection,
    cycle: CycleId,
    tier: i64,
    user: UserId,
    id: UsulanId,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM plan_ballot_items WHERE cycle_id = $1 AND tier = $2 AND user_id = $3 AND usulan_id = $4")
        .bind(cycle)
        .bind(tier)
        .bind(user)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Every approval of a tier, by area and voter (for counting).
pub async fn approvals_of_tier(
    conn: &mut sqlx::AnyConnection,
    cycle: CycleId,
    tier: i64,
) -> Result<Vec<(AreaId, UserId, UsulanId)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT area_id, user_id, usulan_id FROM plan_ballot_items WHERE cycle_id = $1 AND tier = $2 \
         ORDER BY area_id, user_id",
    )
    .bind(cycle)
    .bind(tier)
    .fetch_all(&mut *conn)
    .await
}

/// The approvals of an area at a tier, by voter (for the Pabulib export:
/// the voter's number is never written out).
pub async fn approvals_in_area(
    conn: &mut sqlx::AnyConnection,
    cycle: CycleId,
    tier: i64,
    area: AreaId,
) -> Result<Vec<(UserId, UsulanId)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT user_id, usulan_id FROM plan_ballot_items WHERE cycle_id = $1 AND tier = $2 AND area_id = $3 \
         ORDER BY user_id, usulan_id",
    )
    .bind(cycle)
    .bind(tier)
    .bind(area)
    .fetch_all(&mut *conn)
    .await
}
