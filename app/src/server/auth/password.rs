//! argon2id hashing, always on a blocking thread: a hash takes tens of
//! milliseconds of CPU and must not stall the async workers.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;

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
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| PasswordError::Hash(e.to_string()))
    })
    .await
    .map_err(|e| PasswordError::Hash(e.to_string()))?
}

/// True when `password` matches the stored hash. An unreadable hash is a
/// mismatch, not an error the caller could turn into a different answer.
pub async fn verify(password: String, stored: String) -> bool {
    tokio::task::spawn_blocking(move || {
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
