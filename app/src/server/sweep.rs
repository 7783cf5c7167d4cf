//! What the minute's sweep forgets: rate-limit counts and post digests,
//! sign-in pauses and kept forms whose time is over.
use super::{auth, flash, limits};
use crate::db::Db;
use crate::error::AppResult;

/// Deletes what expired before `at`; returns how many rows went.
pub async fn expired(db: &Db, at: i64) -> AppResult<u64> {
    let limits = limits::sweep(db, at).await?;
    let pauses = auth::sweep(db, at).await?;
    let flashes = flash::sweep(db, at).await?;
    Ok(limits + pauses + flashes)
}
