//! The `supports` table: who supports which proposal (one row each).
use super::Db;
use crate::domain::ids::{ProposalId, UserId};

/// Adds `user`'s support; the rows written (0 if it was there already).
pub async fn insert(conn: &mut sqlx::AnyConnection, id: ProposalId, user: UserId, at: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "INSERT INTO supports (proposal_id, user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(user)
    .bind(at)
    .execute(&mut *conn)
    .await?
    .rows_affected())
}

/// Takes back `user`'s support; the rows deleted (0 if there was none).
pub async fn delete(conn: &mut sqlx::AnyConnection, id: ProposalId, user: UserId) -> Result<u64, sqlx::Error> {
    Ok(
        sqlx::query("DELETE FROM supports WHERE proposal_id = $1 AND user_id = $2")
            .bind(id)
            .bind(user)
            .execute(&mut *conn)
            .await?
            .rows_affected(),
    )
}

/// Does `user` support proposal `id`?
pub async fn exists(db: &Db, id: ProposalId, user: UserId) -> Result<bool, sqlx::Error> {
    let row: Option<i64> = sqlx::query_scalar("SELECT user_id FROM supports WHERE proposal_id = $1 AND user_id = $2")
        .bind(id)
        .bind(user)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.is_some())
}
