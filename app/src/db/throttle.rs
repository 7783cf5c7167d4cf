//! The `signin_throttle` table: per account and client address, the failed
//! password attempts and the pause before the next one.
use super::Db;

/// The pause after an attempt, from the row's values before it (`$3`: a
/// row last used before this is forgotten; `$4` the free attempts; `$5` the
/// first pause; `$6` the longest; `$7` the pause of a fresh row).
const NEXT_PAUSE: &str = "CASE WHEN signin_throttle.last_at < $3 THEN $7 \
     WHEN signin_throttle.failures + 1 < $4 THEN 0 \
     WHEN signin_throttle.delay = 0 THEN $5 \
     WHEN signin_throttle.delay * 2 > $6 THEN $6 \
     ELSE signin_throttle.delay * 2 END";

/// One attempt on a throttle row.
pub struct Attempt<'a> {
    pub key: &'a str,
    pub at: i64,
    /// A row last used before this is forgotten.
    pub forget_before: i64,
    /// Attempts that pass without a pause.
    pub free: i64,
    /// The first pause, in seconds.
    pub first: i64,
    /// The longest pause, in seconds.
    pub longest: i64,
    /// The pause of a fresh row.
    pub fresh_pause: i64,
}

/// Counts the attempt and sets the next pause, unless the row's pause is
/// still running: `Some(failures)` when the attempt was let through, `None`
/// when it must wait (nothing written).
pub async fn attempt(conn: &mut sqlx::AnyConnection, a: &Attempt<'_>) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(&format!(
        "INSERT INTO signin_throttle (key, failures, delay, next_at, last_at) VALUES ($1, 1, $7, $2 + $7, $2) \
         ON CONFLICT (key) DO UPDATE SET \
         failures = CASE WHEN signin_throttle.last_at < $3 THEN 1 ELSE signin_throttle.failures + 1 END, \
         delay = {NEXT_PAUSE}, next_at = $2 + {NEXT_PAUSE}, last_at = $2 \
         WHERE signin_throttle.next_at <= $2 OR signin_throttle.last_at < $3 \
         RETURNING failures"
    ))
    .bind(a.key)
    .bind(a.at)
    .bind(a.forget_before)
    .bind(a.free)
    .bind(a.first)
    .bind(a.longest)
    .bind(a.fresh_pause)
    .fetch_optional(&mut *conn)
    .await
}

/// When the row's pause ends, if there is a row.
pub async fn next_at(db: &Db, key: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT next_at FROM signin_throttle WHERE key = $1")
        .bind(key)
        .fetch_optional(&db.pool)
        .await
}

/// Forgets the row, in the caller's transaction.
pub async fn forget(conn: &mut sqlx::AnyConnection, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM signin_throttle WHERE key = $1")
        .bind(key)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Removes rows last used before `before`; the number removed.
pub async fn sweep(db: &Db, before: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM signin_throttle WHERE last_at < $1")
        .bind(before)
        .execute(&db.pool)
        .await?
        .rows_affected())
}
