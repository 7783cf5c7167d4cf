//! Rate-limit counters (`write_counts`: writes per key, action and fixed
//! window) and recent post digests (`recent_posts`, for duplicates).
use super::Db;
use crate::domain::ids::UserId;

/// Counts one more for `key` and `action` in the window starting at
/// `start`, in the caller's transaction (holding the row until it ends);
/// the window's count with this one.
pub async fn bump(conn: &mut sqlx::AnyConnection, key: &str, action: &str, start: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO write_counts (key, action, window_start, n) VALUES ($1, $2, $3, 1) \
         ON CONFLICT (key, action, window_start) DO UPDATE SET n = write_counts.n + 1 RETURNING n",
    )
    .bind(key)
    .bind(action)
    .bind(start)
    .fetch_one(&mut *conn)
    .await
}

/// The count of `key` and `action` in the window starting at `start`, if any.
pub async fn count_in(
    conn: &mut sqlx::AnyConnection,
    key: &str,
    action: &str,
    start: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT n FROM write_counts WHERE key = $1 AND action = $2 AND window_start = $3")
        .bind(key)
        .bind(action)
        .bind(start)
        .fetch_optional(&mut *conn)
        .await
}

/// Takes back one count of `key` in the window starting at `start`.
pub async fn uncount(conn: &mut sqlx::AnyConnection, key: &str, action: &str, start: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE write_counts SET n = n - 1 WHERE key = $1 AND action = $2 AND window_start = $3 AND n > 0")
        .bind(key)
        .bind(action)
        .bind(start)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Whether `user` posted text with this `digest` after `since`.
pub async fn posted_recently(db: &Db, user: UserId, digest: &str, since: i64) -> Result<bool, sqlx::Error> {
    let dup: Option<i64> =
        sqlx::query_scalar("SELECT id FROM recent_posts WHERE user_id = $1 AND digest = $2 AND at > $3 LIMIT 1")
            .bind(user)
            .bind(digest)
            .bind(since)
            .fetch_optional(&db.pool)
            .await?;
    Ok(dup.is_some())
}

/// Keeps a post's digest, in the caller's transaction.
pub async fn remember_post(
    conn: &mut sqlx::AnyConnection,
    user: UserId,
    digest: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO recent_posts (user_id, digest, at) VALUES ($1, $2, $3)")
        .bind(user)
        .bind(digest)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Removes counts of windows starting before `before`; the number removed.
pub async fn sweep_counts(db: &Db, before: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM write_counts WHERE window_start < $1")
        .bind(before)
        .execute(&db.pool)
        .await?
        .rows_affected())
}

/// Removes post digests kept before `before`; the number removed.
pub async fn sweep_posts(db: &Db, before: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM recent_posts WHERE at < $1")
        .bind(before)
        .execute(&db.pool)
        .await?
        .rows_affected())
}
