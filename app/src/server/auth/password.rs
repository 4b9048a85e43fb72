//! argon2id hashing, always on a blocking thread: a hash takes tens of
//! milliseconds of CPU and must not stall the async workers. At most
//! `HASHES_AT_ONCE` run at a time: each takes 19 MiB of memory (the
//! defaults' memory cost, OWASP's minimum for argon2id), so fifty sign-in
//! attempts sent at once would otherwise ask for about a gigabyte. The
//! rest wait their turn, within the request's time limit.

use std::sync::atomic::{AtomicUsize, Ordering};

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;

/// How many hashes may be computed at once: one per core of a small
/// server. Measured on the large benchmark site, one sign-in took the
/// server's peak memory from 33 to 52 MB.
pub const HASHES_AT_ONCE: usize = 2;

static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(HASHES_AT_ONCE);

/// Hashes being computed now, and the most there ever were (for the test
/// that holds the bound).
static RUNNING: AtomicUsize = AtomicUsize::new(0);
static MOST_RUNNING: AtomicUsize = AtomicUsize::new(0);

/// Runs `work` on a blocking thread once a hashing turn is free.
async fn hashing<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let _turn = HASHING.acquire().await.ok()?;
    tokio::task::spawn_blocking(move || {
        let now = RUNNING.fetch_add(1, Ordering::AcqRel) + 1;
        MOST_RUNNING.fetch_max(now, Ordering::AcqRel);
        let result = work();
        RUNNING.fetch_sub(1, Ordering::AcqRel);
        result
    })
    .await
    .ok()
}

/// The shortest password `folio user add` accepts.
pub const MIN_LEN: usize = 10;

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("a password needs at least {MIN_LEN} characters")]
    TooShort,
    #[error("the password could not be hashed: {0}")]
    Hash(String),
}

pub async fn hash(password: String) -> Result<String, PasswordError> {
    if password.chars().count() < MIN_LEN {
        return Err(PasswordError::TooShort);
    }
    hashing(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| PasswordError::Hash(e.to_string()))
    })
    .await
    .unwrap_or_else(|| Err(PasswordError::Hash("the hashing task stopped".into())))
}

/// True when `password` matches the stored hash. An unreadable hash is a
/// mismatch, not an error the caller could turn into a different answer.
pub async fn verify(password: String, stored: String) -> bool {
    hashing(move || {
        PasswordHash::new(&stored)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A real hash of nothing in particular, checked when the user does not
/// exist so that a wrong name and a wrong password take the same time.
pub async fn verify_dummy(password: String) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let stored = match DUMMY.get() {
        Some(stored) => stored.clone(),
        None => {
            let made = hash("no such author, no such password".into())
                .await
                .unwrap_or_default();
            DUMMY.get_or_init(|| made).clone()
        }
    };
    let _ = verify(password, stored).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_than_the_bound_hash_at_once() {
        let stored = hash("correct horse battery".into()).await.unwrap();
        let attempts: Vec<_> = (0..8)
            .map(|i| tokio::spawn(verify(format!("attempt number {i}"), stored.clone())))
            .collect();
        for attempt in attempts {
            assert!(!attempt.await.unwrap(), "a wrong password never matches");
        }
        let most = MOST_RUNNING.load(Ordering::Acquire);
        assert!(
            (1..=HASHES_AT_ONCE).contains(&most),
            "{most} hashes ran at once"
        );
        assert!(verify("correct horse battery".into(), stored).await);
    }

    #[tokio::test]
    async fn hashes_verify_and_differ() {
        let a = hash("correct horse battery".into()).await.unwrap();
        let b = hash("correct horse battery".into()).await.unwrap();
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b, "every hash has its own salt");
        assert!(verify("correct horse battery".into(), a.clone()).await);
        assert!(!verify("wrong horse battery".into(), a).await);
        assert!(!verify("x".into(), "not a hash".into()).await);
    }

    #[tokio::test]
    async fn short_passwords_are_refused() {
        assert!(matches!(
            hash("short".into()).await,
            Err(PasswordError::TooShort)
        ));
    }
}
