//! Write rate limits, per account and per client address, kept in the
//! database so that every server behind a load balancer counts the same
//! writes (a sliding-window estimate over fixed windows: one row upserted
//! and one read per key and write, counted before the write is let through);
//! and recognition of a rapid identical post.
use super::time::now;
use crate::db::{limits as rows, Db};
use crate::domain::ids::UserId;
use crate::error::{AppError, AppResult, Refusal};
use crate::model::Me;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// The kinds of write (and of costly read) that are counted apart.
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
    /// A search, per client address only.
    Search,
    /// An export of the decision record, per client address only.
    Export,
    /// A failed no-JavaScript form kept for its next page view, per client
    /// address only.
    Flash,
}

impl Write {
    fn code(self) -> &'static str {
        match self {
            Write::Post => "post",
            Write::Flag => "flag",
            Write::Support => "support",
            Write::Register => "register",
            Write::Other => "other",
            Write::Search => "search",
            Write::Export => "export",
            Write::Flash => "flash",
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
    /// Searches per client address per window.
    pub searches: i64,
    /// Exports of the decision record per client address per window.
    pub exports: i64,
    /// Failed no-JavaScript forms kept per client address per window.
    pub flashes: i64,
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
            searches: 300,
            exports: 30,
            flashes: 200,
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
            searches: big,
            exports: big,
            flashes: big,
            ..Limits::default()
        }
    }

    fn per_account(&self, w: Write, new: bool) -> i64 {
        let (old, young) = match w {
            Write::Post => (self.posts, self.posts_new),
            Write::Flag => (self.flags, self.flags_new),
            Write::Support => (self.supports, self.supports_new),
            Write::Other | Write::Register => (self.other, self.other_new),
            Write::Search => (self.searches, self.searches),
            Write::Export => (self.exports, self.exports),
            Write::Flash => (self.flashes, self.flashes),
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
    super::secrets::sha256_hex(&normal)
}

/// A write that passed the limits. It was counted when it was let through
/// (so that a burst of concurrent requests cannot pass one check together);
/// if the write then fails, the permit is not spent and the request layer
/// hands it back ([`Held::refund_unspent`]), so a refused or failed write is
/// not counted.
#[derive(Debug, Clone)]
pub struct Permit {
    user: Option<i64>,
    client: String,
    kind: Write,
    digest: Option<String>,
    /// The window the write was counted in.
    start: i64,
    spent: Arc<AtomicBool>,
}

/// Counts one more for `key` in the fixed window of length `window` that
/// holds time `t`, in the caller's transaction, and returns the writes of the window ending now
/// with this one: this fixed window's count plus the previous window's,
/// weighted by how much of it still overlaps (the usual sliding-window
/// estimate). One upsert and one read by primary key, however busy the key
/// is; the upsert holds the row until the transaction ends, so concurrent
/// callers count one after another and each sees the others.
pub(crate) async fn count(
    conn: &mut sqlx::AnyConnection,
    key: &str,
    action: &str,
    window: i64,
    t: i64,
) -> AppResult<i64> {
    let start = t - t.rem_euclid(window);
    let current = rows::bump(conn, key, action, start).await?;
    let previous = rows::count_in(conn, key, action, start - window).await?;
    let overlap = window - (t - start);
    Ok(current + previous.unwrap_or(0) * overlap / window)
}

/// Takes back one count of `key` in the window starting at `start`.
pub(crate) async fn uncount(
    conn: &mut sqlx::AnyConnection,
    key: &str,
    action: &str,
    start: i64,
) -> Result<(), sqlx::Error> {
    rows::uncount(conn, key, action, start).await
}

/// May `me` (None: a sign-up) make one more write of kind `w` from `client`?
/// Refused: `RateLimited` with the wait while a limit is reached, and a post
/// whose `digest` the account sent within `duplicate_secs` as a duplicate.
/// The write is counted now, in one transaction for both keys (a refusal
/// rolls it back); the permit is spent once the write succeeded, and an
/// unspent one is handed back.
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
        if rows::posted_recently(db, UserId(me.id), d, t - limits.duplicate_secs).await? {
            return Err(AppError::Refused {
                reason: Refusal::Duplicate,
            });
        }
    }
    let window = limits.window_secs.max(1);
    let (window, account_limit, client_limit) = match (w, me) {
        (Write::Search, _) => (window, None, limits.searches),
        (Write::Export, _) => (window, None, limits.exports),
        (Write::Flash, _) => (window, None, limits.flashes),
        (Write::Register, _) | (_, None) => (3_600, None, limits.registrations_per_hour),
        (_, Some(me)) => {
            let new = t - me.created_at < limits.new_account_secs;
            (
                window,
                Some(limits.per_account(w, new)),
                limits.per_account(w, false).saturating_mul(limits.client_factor),
            )
        }
    };
    let permit = Permit {
        user: me.filter(|_| account_limit.is_some()).map(|m| m.id),
        client: client.to_owned(),
        kind: w,
        digest,
        start: t - t.rem_euclid(window),
        spent: Arc::default(),
    };
    let mut tx = db.pool.begin().await?;
    for (key, limit) in permit.keys().into_iter().zip([account_limit, Some(client_limit)]) {
        let (Some(key), Some(limit)) = (key, limit) else {
            continue;
        };
        if count(&mut tx, &key, w.code(), window, t).await? > limit {
            // Rolled back: a refused write is not counted.
            drop(tx);
            let wait = window - t.rem_euclid(window);
            return Err(AppError::RateLimited {
                seconds: wait.clamp(1, u32::MAX as i64) as u32,
            });
        }
    }
    tx.commit().await?;
    Ok(permit)
}

impl Permit {
    fn keys(&self) -> [Option<String>; 2] {
        [self.user.map(|u| format!("u:{u}")), Some(format!("c:{}", self.client))]
    }

    /// The write succeeded (in the caller's transaction): it stays counted,
    /// and a post's digest is kept to recognize a duplicate.
    pub async fn record(&self, conn: &mut sqlx::AnyConnection) -> AppResult<()> {
        if let (Some(user), Some(d)) = (self.user, self.digest.as_deref()) {
            rows::remember_post(conn, UserId(user), d, now()).await?;
        }
        self.spent.store(true, Ordering::SeqCst);
        Ok(())
    }

    /// The write succeeded: as [`Permit::record`], in a transaction of its
    /// own. A failure to keep the digest is logged, not reported: the write
    /// itself is done.
    pub async fn spend(self, db: &Db) {
        self.spent.store(true, Ordering::SeqCst);
        if self.digest.is_none() || self.user.is_none() {
            return;
        }
        let kept = async {
            let mut tx = db.pool.begin().await?;
            self.record(&mut tx).await?;
            tx.commit().await?;
            Ok::<(), AppError>(())
        };
        if let Err(e) = kept.await {
            tracing::warn!(error = ?e, "post digest not kept for duplicate detection");
        }
    }

    /// Hands the count back: the write it was taken for did not happen.
    async fn refund(&self, db: &Db) -> Result<(), sqlx::Error> {
        let mut tx = db.pool.begin().await?;
        for key in self.keys().into_iter().flatten() {
            uncount(&mut tx, &key, self.kind.code(), self.start).await?;
        }
        tx.commit().await
    }
}

/// The permits taken while serving one request (shared by every clone of
/// the request's context).
#[derive(Debug, Clone, Default)]
pub struct Held(Arc<Mutex<Vec<Permit>>>);

impl Held {
    pub fn hold(&self, p: &Permit) {
        if let Ok(mut v) = self.0.lock() {
            v.push(p.clone());
        }
    }

    /// Called once the response is ready: gives back the count of every
    /// permit whose write did not succeed (refused, failed, or never made),
    /// before the response leaves, so the client's next request sees it.
    pub async fn refund_unspent(&self, db: &Db) {
        let unspent: Vec<Permit> = match self.0.lock() {
            Ok(mut v) => v.drain(..).filter(|p| !p.spent.load(Ordering::SeqCst)).collect(),
            Err(_) => Vec::new(),
        };
        for p in unspent {
            if let Err(e) = p.refund(db).await {
                tracing::warn!(error = %e, "rate limit count not handed back");
            }
        }
    }
}

/// Forgets counts of windows that ended more than an hour ago and post
/// digests older than a day; run by the minute's sweep (each through an
/// index on its time); see `server::sweep`.
pub async fn sweep(db: &Db, at: i64) -> AppResult<u64> {
    let counts = rows::sweep_counts(db, at - 2 * 3_600).await?;
    let posts = rows::sweep_posts(db, at - 86_400).await?;
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
