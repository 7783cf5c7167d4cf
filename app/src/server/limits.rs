//! Write rate limits, per account and per client address, kept in the
//! database so that every server behind a load balancer counts the same
//! writes (a sliding-window estimate over fixed windows: two rows read and
//! one upserted per key and write); and recognition of a rapid identical
//! post.
use super::db::Db;
use super::time::now;
use crate::error::{AppError, AppResult, Refusal};
use crate::model::Me;

/// The kinds of write that are counted apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Write {
    /// A thread, reply, proposal, complaint or edit.
    Post,
    Flag,
    Support,
    /// Sign-ups, counted per client address only.
    Register,
    /// Every other write (ratings, official steps, appeals, settings, …).
    Other,
}

impl Write {
    fn code(self) -> &'static str {
        match self {
            Write::Post => "post",
            Write::Flag => "flag",
            Write::Support => "support",
            Write::Register => "register",
            Write::Other => "other",
        }
    }
}

/// How many writes of a kind an account may make per window; new accounts
/// (younger than `new_account_secs`) get the smaller `*_new` numbers, and a
/// client address `client_factor` times the established number (many people
/// share one address behind a village office's or a carrier's NAT).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    pub window_secs: i64,
    pub new_account_secs: i64,
    pub posts: i64,
    pub posts_new: i64,
    pub flags: i64,
    pub flags_new: i64,
    pub supports: i64,
    pub supports_new: i64,
    pub other: i64,
    pub other_new: i64,
    pub client_factor: i64,
    /// Sign-ups per client address per hour.
    pub registrations_per_hour: i64,
    /// The same text from the same account within this many seconds is a
    /// duplicate.
    pub duplicate_secs: i64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            window_secs: 600,
            new_account_secs: 3 * 86_400,
            posts: 10,
            posts_new: 3,
            flags: 20,
            flags_new: 5,
            supports: 60,
            supports_new: 20,
            other: 60,
            other_new: 20,
            client_factor: 10,
            registrations_per_hour: 5,
            duplicate_secs: 600,
        }
    }
}

impl Limits {
    /// No practical limit and no duplicate detection (benchmarks and tests
    /// that write a lot).
    pub fn off() -> Self {
        let big = 1_000_000_000;
        Limits {
            posts: big,
            posts_new: big,
            flags: big,
            flags_new: big,
            supports: big,
            supports_new: big,
            other: big,
            other_new: big,
            registrations_per_hour: big,
            duplicate_secs: 0,
            ..Limits::default()
        }
    }

    fn per_account(&self, w: Write, new: bool) -> i64 {
        let (old, young) = match w {
            Write::Post => (self.posts, self.posts_new),
            Write::Flag => (self.flags, self.flags_new),
            Write::Support => (self.supports, self.supports_new),
            Write::Other | Write::Register => (self.other, self.other_new),
        };
        if new {
            young
        } else {
            old
        }
    }
}

/// A post's text as compared for duplicates: case and spacing ignored.
pub fn digest(text: &str) -> String {
    let normal: String = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    super::auth::sha256_hex(&normal)
}

/// A write that passed the limits, to be counted once it succeeded (with
/// [`Permit::record`] inside the write's own transaction, or
/// [`Permit::spend`] after it).
#[derive(Debug, Clone)]
pub struct Permit {
    user: Option<i64>,
    client: String,
    kind: Write,
    digest: Option<String>,
    window: i64,
}

/// Writes counted for `key` in the window ending now: this fixed window's
/// count plus the previous window's, weighted by how much of it still
/// overlaps (the usual sliding-window estimate). Two rows read by primary
/// key, however busy the key is.
async fn estimate(db: &Db, key: &str, action: &str, window: i64, t: i64) -> AppResult<i64> {
    let start = t - t.rem_euclid(window);
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT window_start, n FROM write_counts WHERE key = $1 AND action = $2 AND window_start IN ($3, $4)",
    )
    .bind(key)
    .bind(action)
    .bind(start)
    .bind(start - window)
    .fetch_all(&db.pool)
    .await?;
    let (mut current, mut previous) = (0, 0);
    for (w, n) in rows {
        if w == start {
            current = n;
        } else {
            previous = n;
        }
    }
    let overlap = window - (t - start);
    Ok(current + previous * overlap / window)
}

/// May `me` (None: a sign-up) make one more write of kind `w` from `client`?
/// Refused: `RateLimited` with the wait while a limit is reached, and a post
/// whose `digest` the account sent within `duplicate_secs` as a duplicate.
/// The permit counts the write once it succeeded.
pub async fn check(
    db: &Db,
    limits: &Limits,
    me: Option<&Me>,
    client: &str,
    w: Write,
    digest: Option<String>,
) -> AppResult<Permit> {
    let t = now();
    if let (Some(me), Some(d), true) = (me, digest.as_deref(), limits.duplicate_secs > 0) {
        let dup: Option<i64> =
            sqlx::query_scalar("SELECT id FROM recent_posts WHERE user_id = $1 AND digest = $2 AND at > $3 LIMIT 1")
                .bind(me.id)
                .bind(d)
                .bind(t - limits.duplicate_secs)
                .fetch_optional(&db.pool)
                .await?;
        if dup.is_some() {
            return Err(AppError::Refused {
                reason: Refusal::Duplicate,
            });
        }
    }
    let (window, account_limit, client_limit) = match (w, me) {
        (Write::Register, _) | (_, None) => (3_600, None, limits.registrations_per_hour),
        (_, Some(me)) => {
            let new = t - me.created_at < limits.new_account_secs;
            (
                limits.window_secs.max(1),
                Some(limits.per_account(w, new)),
                limits.per_account(w, false).saturating_mul(limits.client_factor),
            )
        }
    };
    let permit = Permit {
        user: me.map(|m| m.id),
        client: client.to_owned(),
        kind: w,
        digest,
        window,
    };
    for (key, limit) in permit.keys().into_iter().zip([account_limit, Some(client_limit)]) {
        let (Some(key), Some(limit)) = (key, limit) else {
            continue;
        };
        if estimate(db, &key, w.code(), window, t).await? >= limit {
            let wait = window - t.rem_euclid(window);
            return Err(AppError::RateLimited {
                seconds: wait.clamp(1, u32::MAX as i64) as u32,
            });
        }
    }
    Ok(permit)
}

impl Permit {
    fn keys(&self) -> [Option<String>; 2] {
        [self.user.map(|u| format!("u:{u}")), Some(format!("c:{}", self.client))]
    }

    /// Counts the write, in the caller's transaction (writes only).
    pub async fn record(&self, conn: &mut sqlx::AnyConnection) -> AppResult<()> {
        let t = now();
        let start = t - t.rem_euclid(self.window);
        for key in self.keys().into_iter().flatten() {
            sqlx::query(
                "INSERT INTO write_counts (key, action, window_start, n) VALUES ($1, $2, $3, 1) \
                 ON CONFLICT (key, action, window_start) DO UPDATE SET n = write_counts.n + 1",
            )
            .bind(key)
            .bind(self.kind.code())
            .bind(start)
            .execute(&mut *conn)
            .await?;
        }
        if let (Some(user), Some(d)) = (self.user, self.digest.as_deref()) {
            sqlx::query("INSERT INTO recent_posts (user_id, digest, at) VALUES ($1, $2, $3)")
                .bind(user)
                .bind(d)
                .bind(t)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }

    /// Counts the write after it succeeded, in a transaction of its own. A
    /// failure to count is logged, not reported: the write itself is done.
    pub async fn spend(self, db: &Db) {
        let counted = async {
            let mut tx = db.pool.begin().await?;
            self.record(&mut tx).await?;
            tx.commit().await?;
            Ok::<(), AppError>(())
        };
        if let Err(e) = counted.await {
            tracing::warn!(error = ?e, "write not counted for rate limits");
        }
    }
}

/// Forgets counts of windows that ended more than an hour ago and post
/// digests older than a day; run by the sweep.
pub async fn sweep(db: &Db, at: i64) -> AppResult<u64> {
    let counts = sqlx::query("DELETE FROM write_counts WHERE window_start < $1")
        .bind(at - 2 * 3_600)
        .execute(&db.pool)
        .await?
        .rows_affected();
    let posts = sqlx::query("DELETE FROM recent_posts WHERE at < $1")
        .bind(at - 86_400)
        .execute(&db.pool)
        .await?
        .rows_affected();
    Ok(counts + posts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_ignore_case_and_spacing_only() {
        assert_eq!(digest("Jalan  rusak\nparah"), digest("jalan rusak parah "));
        assert_ne!(digest("Jalan rusak parah"), digest("Jalan rusak parah!"));
    }

    #[test]
    fn new_accounts_get_the_smaller_numbers() {
        let l = Limits::default();
        assert!(l.per_account(Write::Post, true) < l.per_account(Write::Post, false));
        assert!(l.per_account(Write::Flag, true) < l.per_account(Write::Flag, false));
        assert!(l.per_account(Write::Support, true) < l.per_account(Write::Support, false));
    }
}
