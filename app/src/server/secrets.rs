//! Passwords (Argon2id) and the SHA-256 digests under which session ids,
//! flash ids and client addresses are stored.
use crate::error::{AppError, AppResult};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sha2::{Digest, Sha256};

/// Argon2 hashes computed at once: each holds about 19 MiB for its run, so a
/// burst of sign-ins waits here instead of exhausting memory. One per core:
/// more would not finish sooner.
fn argon2_slots() -> &'static tokio::sync::Semaphore {
    static SLOTS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    SLOTS.get_or_init(|| tokio::sync::Semaphore::new(argon2_concurrency()))
}

/// How many Argon2 hashes run at once (the number of cores).
pub fn argon2_concurrency() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// Hashes running now, and the most that ever ran at once (for the test
/// that holds the bound).
static ARGON2_RUNNING: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static ARGON2_PEAK: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

pub fn argon2_peak() -> usize {
    ARGON2_PEAK.load(std::sync::atomic::Ordering::SeqCst)
}

/// Runs one Argon2 computation on the blocking pool within the bound.
async fn with_argon2<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    use std::sync::atomic::Ordering::SeqCst;
    let _slot = argon2_slots().acquire().await.ok()?;
    tokio::task::spawn_blocking(move || {
        let running = ARGON2_RUNNING.fetch_add(1, SeqCst) + 1;
        ARGON2_PEAK.fetch_max(running, SeqCst);
        let out = work();
        ARGON2_RUNNING.fetch_sub(1, SeqCst);
        out
    })
    .await
    .ok()
}

pub async fn hash_password(password: String) -> AppResult<String> {
    with_argon2(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .ok_or(AppError::Internal)?
    .map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        AppError::Internal
    })
}

/// Verifies against the stored hash; with no stored hash, still spends the
/// same time so that unknown usernames cannot be told apart by timing.
pub async fn verify_password(password: String, stored: Option<String>) -> bool {
    with_argon2(move || {
        let (hash, real) = match stored {
            Some(s) => (s, true),
            None => (decoy_hash(), false),
        };
        let ok = PasswordHash::new(&hash)
            .map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
            .unwrap_or(false);
        ok && real
    })
    .await
    .unwrap_or(false)
}

fn decoy_hash() -> String {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY
        .get_or_init(|| {
            let salt = SaltString::generate(&mut OsRng);
            Argon2::default()
                .hash_password(b"no such account", &salt)
                .map(|h| h.to_string())
                .unwrap_or_default()
        })
        .clone()
}

pub fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A burst of hashes runs no more than one per core at once.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn argon2_work_is_bounded() {
        let stored = hash_password("pasar-badung".into()).await.unwrap();
        let burst: Vec<_> = (0..12)
            .map(|_| tokio::spawn(verify_password("salah".into(), Some(stored.clone()))))
            .collect();
        for h in burst {
            assert!(!h.await.unwrap());
        }
        assert!(argon2_peak() >= 1);
        assert!(
            argon2_peak() <= argon2_concurrency(),
            "{} > {}",
            argon2_peak(),
            argon2_concurrency()
        );
    }

    #[tokio::test]
    async fn argon2id_round_trip() {
        let h = hash_password("pasar-badung".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("pasar-badung".into(), Some(h.clone())).await);
        assert!(!verify_password("pasar-badunG".into(), Some(h)).await);
        assert!(!verify_password("no such account".into(), None).await);
    }
}
