//! Ballots: a person's approvals in a tier (secret: only counts and, in
//! the Pabulib export, ballots numbered without identities leave here).
use crate::domain::ids::{AreaId, CycleId, UserId, UsulanId};

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

/// Adds or takes back an approval; the rows changed.
pub async fn set_approval(
    conn: &mut sqlx::AnyConnection,
    cycle: CycleId,
    tier: i64,
    user: UserId,
    area: AreaId,
    id: UsulanId,
    approve: bool,
) -> Result<u64, sqlx::Error> {
    let q = if approve {
        "INSERT INTO plan_ballot_items (cycle_id, tier, user_id, area_id, usulan_id) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT DO NOTHING"
    } else {
        "DELETE FROM plan_ballot_items WHERE cycle_id = $1 AND tier = $2 AND user_id = $3 AND area_id = $4 \
         AND usulan_id = $5"
    };
    Ok(sqlx::query(q)
        .bind(cycle)
        .bind(tier)
        .bind(user)
        .bind(area)
        .bind(id)
        .execute(&mut *conn)
        .await?
        .rows_affected())
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
