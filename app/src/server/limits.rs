//! Write rate limits, per account and per client address, kept in the
//! database so that every server behind a load balancer counts the same
//! writes; and recognition of a rapid identical post.
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

/// May `me` (None: a sign-up) make one more write of kind `w` from `client`?
/// Refused: `RateLimited` with the wait while a limit is reached, and a post
/// whose `digest` the account sent within `duplicate_secs` as a duplicate.
/// The write is counted by [`record`] once it succeeded.
pub async fn check(
    db: &Db,
    limits: &Limits,
    me: Option<&Me>,
    client: &str,
    w: Write,
    digest: Option<&str>,
) -> AppResult<()> {
    let t = now();
    let action = w.code();
    let account = me.map(|m| format!("u:{}", m.id));
    let client_key = format!("c:{client}");
    if let (Some(key), Some(d), true) = (account.as_deref(), digest, limits.duplicate_secs > 0) {
        let dup: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM write_events WHERE key = $1 AND action = $2 AND digest = $3 AND at > $4 LIMIT 1",
        )
        .bind(key)
        .bind(action)
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
            let n = limits.per_account(w, new);
            (
                limits.window_secs,
                Some(n),
                limits.per_account(w, false).saturating_mul(limits.client_factor),
            )
        }
    };
    let since = t - window;
    let keys = [
        account.as_deref().zip(account_limit),
        Some((client_key.as_str(), client_limit)),
    ];
    for (key, limit) in keys.into_iter().flatten() {
        let (count, oldest): (i64, Option<i64>) =
            sqlx::query_as("SELECT COUNT(*), MIN(at) FROM write_events WHERE key = $1 AND action = $2 AND at > $3")
                .bind(key)
                .bind(action)
                .bind(since)
                .fetch_one(&db.pool)
                .await?;
        if count >= limit {
            let wait = (oldest.unwrap_or(t) + window - t).max(1);
            return Err(AppError::RateLimited {
                seconds: wait.min(u32::MAX as i64) as u32,
            });
        }
    }
    Ok(())
}

/// Counts one write of kind `w` that succeeded (`user` None: a sign-up).
pub async fn record(db: &Db, user: Option<i64>, client: &str, w: Write, digest: Option<&str>) -> AppResult<()> {
    let t = now();
    let account = user.map(|u| format!("u:{u}"));
    let client_key = format!("c:{client}");
    let mut tx = db.pool.begin().await?;
    for key in [account.as_deref(), Some(client_key.as_str())].into_iter().flatten() {
        sqlx::query("INSERT INTO write_events (key, action, digest, at) VALUES ($1, $2, $3, $4)")
            .bind(key)
            .bind(w.code())
            .bind(digest.unwrap_or(""))
            .bind(t)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Forgets writes older than a day (the longest window); run by the sweep.
pub async fn sweep(db: &Db, at: i64) -> AppResult<u64> {
    Ok(sqlx::query("DELETE FROM write_events WHERE at < $1")
        .bind(at - 86_400)
        .execute(&db.pool)
        .await?
        .rows_affected())
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
