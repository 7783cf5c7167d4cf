//! Appeals: kept on the row of the action appealed (`mod_log.appeal_state`,
//! NULL before, then 'open', then 'upheld' or 'reversed'); the appeal and
//! its decision are rows of the log of their own.
use super::mod_log::{push_within, LogRow, Within, SELECT};
use super::numbered::Numbered;
use super::Db;
use crate::domain::ids::{ModLogId, UserId};
use crate::domain::moderation::AppealState;
use sqlx::AnyConnection;

/// Opens the one appeal of row `id`. False when it was appealed already.
pub async fn open(conn: &mut AnyConnection, id: ModLogId) -> Result<bool, sqlx::Error> {
    let opened = sqlx::query("UPDATE mod_log SET appeal_state = 'open' WHERE id = $1 AND appeal_state IS NULL")
        .bind(id)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    Ok(opened > 0)
}

/// Decides the open appeal of row `id`. False when none is open.
pub async fn decide(conn: &mut AnyConnection, id: ModLogId, outcome: AppealState) -> Result<bool, sqlx::Error> {
    let decided = sqlx::query("UPDATE mod_log SET appeal_state = $1 WHERE id = $2 AND appeal_state = 'open'")
        .bind(outcome.code())
        .bind(id)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    Ok(decided > 0)
}

/// The open appeals within `within` of actions not taken by `not_by`,
/// oldest first, at most `limit`.
pub async fn open_within(db: &Db, not_by: UserId, within: Within<'_>, limit: i64) -> Result<Vec<LogRow>, sqlx::Error> {
    let mut q = Numbered::new(SELECT);
    q.push(" WHERE m.appeal_state = 'open' AND m.actor_id <> ")
        .push_bind(not_by.0);
    let ranged = matches!(within, Within::Areas(_));
    push_within(&mut q, "m.area_path", within);
    q.push(" ORDER BY m.id LIMIT ").push_bind(limit);
    q.build().build_query_as().fetch_all(db.pool_for(ranged)).await
}
