//! One pool for either backend. sqlx's `Any` driver runs the same query text
//! on SQLite and PostgreSQL; the few places where the dialects differ match on
//! [`Backend`].
pub mod activity;
pub mod agencies;
pub mod appeals;
pub mod area_settings;
pub mod areas;
pub mod categories;
pub mod complaint_steps;
pub mod complaints;
pub mod corrections;
pub mod dashboard;
pub mod desk;
pub mod feeds;
pub mod flags;
pub mod flash;
pub mod forum_members;
pub mod limits;
pub mod mail;
pub mod mod_log;
pub mod moderation;
pub mod musrenbang;
pub mod notifications;
pub mod notify;
pub mod numbered;
pub mod photos;
pub mod posts;
pub mod proposals;
pub mod ratings;
pub mod record;
pub mod responses;
pub mod responsibilities;
pub mod roles;
pub mod search;
pub mod sessions;
pub mod supports;
pub mod suspensions;
pub mod threads;
pub mod throttle;
pub mod users;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// The first statement of a transaction that must read before it writes:
/// on SQLite a write takes the write lock (and the newest snapshot) at once,
/// where a read first could lose its snapshot to another writer (the
/// servers' workers write every few seconds) and fail with
/// SQLITE_BUSY_SNAPSHOT at its first write. It changes nothing.
pub async fn write_first(conn: &mut sqlx::AnyConnection) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE meta SET value = value WHERE key = 'write_first'")
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    /// See [`Db::pool_for`]: on SQLite, `pool` itself.
    planned: AnyPool,
    pub backend: Backend,
    /// The demo data is loaded (`meta` has `demo_data`): read once at start,
    /// set when this process loads it (demo data is loaded only at start).
    demo: Arc<std::sync::atomic::AtomicBool>,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

pub fn backend_of(url: &str) -> Result<Backend, String> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Backend::Postgres)
    } else {
        Err(format!(
            "DATABASE_URL must start with sqlite: or postgres:// (got {:?})",
            url.split(':').next().unwrap_or("")
        ))
    }
}

impl Db {
    /// Opens (creating if needed) the database and applies migrations, with
    /// the default number of connections.
    pub async fn connect(url: &str) -> Result<Db, Box<dyn std::error::Error + Send + Sync>> {
        Db::connect_with(url, None).await
    }

    /// As [`Db::connect`], with at most `max_connections` (else [`pool_size`]).
    pub async fn connect_with(
        url: &str,
        max_connections: Option<u32>,
    ) -> Result<Db, Box<dyn std::error::Error + Send + Sync>> {
        sqlx::any::install_default_drivers();
        let backend = backend_of(url)?;
        let url = match backend {
            Backend::Sqlite => sqlite_url(url)?,
            Backend::Postgres => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let size = max_connections.unwrap_or_else(|| pool_size(backend)).max(1);
        let pool = pool_options(backend, size, "force_generic_plan")
            .connect_with(options.clone())
            .await?;
        // Opened only as statements need them, and few: see `pool_for`.
        let planned = match backend {
            Backend::Sqlite => pool.clone(),
            Backend::Postgres => {
                pool_options(backend, size.div_ceil(3), "force_custom_plan").connect_lazy_with(options)
            }
        };
        match backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&pool).await?,
        }
        let demo: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM meta WHERE key = 'demo_data'")
            .fetch_one(&pool)
            .await?;
        Ok(Db {
            pool,
            planned,
            backend,
            demo: Arc::new((demo > 0).into()),
        })
    }

    /// The pool a statement runs on. Every statement is a keyset read
    /// shaped for its index, planned once (on PostgreSQL) without its
    /// values, except one that reads an area's sub-tree (`area_path` between
    /// two bound paths, `ranged`): a plan made without the paths cannot tell
    /// a village's few rows from a province's many, and for a small
    /// sub-tree it walked the whole table in the list's order to fill a page
    /// (2.6 ms against 0.6 for 1,900 threads, growing with the table). Such
    /// a statement runs on connections that plan it with its own range each
    /// time, for a fraction of a millisecond.
    pub fn pool_for(&self, ranged: bool) -> &AnyPool {
        if ranged {
            &self.planned
        } else {
            &self.pool
        }
    }

    /// Whether this database holds the demo data and its accounts.
    pub fn is_demo(&self) -> bool {
        self.demo.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The demo data was just loaded (or found) by this process.
    pub fn mark_demo(&self) {
        self.demo.store(true, std::sync::atomic::Ordering::Relaxed);
    }

    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map(|_| ())
    }
}

/// Connections per server by default: few per core. Pages are short and
/// CPU-bound, and on a small machine more connections only add switching
/// between SQLite's worker threads or PostgreSQL's backends (the benchmark
/// on 2 cores: PostgreSQL thread pages at 1,010 req/s with 16 connections,
/// 1,950 with 6; SQLite ones at 1,930 with 4, 2,270 with 3).
pub fn pool_size(backend: Backend) -> u32 {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get()) as u32;
    match backend {
        Backend::Sqlite => (cores + 1).clamp(2, 16),
        Backend::Postgres => (3 * cores).clamp(4, 32),
    }
}

/// A pool's options; on PostgreSQL its connections plan statements by
/// `plan_cache_mode` (see [`Db::pool_for`]).
fn pool_options(backend: Backend, size: u32, plan_cache_mode: &'static str) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(size)
        .acquire_timeout(Duration::from_secs(10))
        // sqlx already tests each connection as it goes back to the pool;
        // testing it again on the way out costs one more round trip (to
        // SQLite's worker thread, or to PostgreSQL) for every query. The
        // price: after a database restart, each pooled connection fails
        // one query before it is replaced.
        .test_before_acquire(false)
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if backend == Backend::Postgres {
                    // Plan each prepared statement once. PostgreSQL's
                    // default re-plans many of them on every execution,
                    // which on the forum benchmark cost more CPU than
                    // running them.
                    conn.execute(format!("SET plan_cache_mode = {plan_cache_mode}").as_str())
                        .await?;
                }
                if backend == Backend::Sqlite {
                    // WAL lets readers proceed while one writer commits.
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    conn.execute("PRAGMA synchronous = NORMAL").await?;
                    conn.execute("PRAGMA foreign_keys = ON").await?;
                    conn.execute("PRAGMA busy_timeout = 5000").await?;
                    // Pages read straight from the mapped file instead of
                    // a copy per read, and a larger page cache per
                    // connection (16 MB rather than 2 MB): the hot index
                    // pages of lists and threads stay in it.
                    conn.execute("PRAGMA mmap_size = 268435456").await?;
                    conn.execute("PRAGMA cache_size = -16000").await?;
                }
                Ok(())
            })
        })
}

/// Makes sure the SQLite file's folder exists and the file is created.
fn sqlite_url(url: &str) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    let rest = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let path = rest.split('?').next().unwrap_or("");
    if path.is_empty() || path == ":memory:" {
        return Err("an in-memory SQLite database would vanish with each connection; give a file".into());
    }
    if let Some(dir) = std::path::Path::new(path).parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)?;
        }
    }
    Ok(if rest.contains('?') {
        format!("sqlite://{rest}")
    } else {
        format!("sqlite://{rest}?mode=rwc")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_urls_pick_the_backend() {
        assert_eq!(backend_of("sqlite://data/x.db").unwrap(), Backend::Sqlite);
        assert_eq!(backend_of("postgres://u@h/db").unwrap(), Backend::Postgres);
        assert!(backend_of("mysql://h/db").is_err());
    }

    #[test]
    fn migrations_match_across_backends() {
        let versions = |m: &sqlx::migrate::Migrator| {
            m.iter()
                .map(|x| (x.version, x.description.to_string()))
                .collect::<Vec<_>>()
        };
        assert!(SQLITE_MIGRATIONS.iter().next().is_some());
        assert_eq!(versions(&SQLITE_MIGRATIONS), versions(&POSTGRES_MIGRATIONS));
    }
}
