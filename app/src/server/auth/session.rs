//! Sessions in SQLite. The cookie holds a 256-bit random token; the table
//! holds its SHA-256, so neither a database copy nor a log line can sign
//! anyone in. A sign-in always makes a new token (no fixation), sign-out
//! deletes the row, and rows past `expires_at` are ignored and swept.

use sha2::{Digest, Sha256};
use sqlx::SqlitePool;
use time::{Duration, OffsetDateTime};

use crate::server::clock;

/// How long a session lasts after sign-in.
pub const LIFETIME: Duration = Duration::days(14);

pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).expect("the operating system's random source");
    to_hex(&bytes)
}

pub fn token_hash(token: &str) -> String {
    to_hex(&Sha256::digest(token.as_bytes()))
}

fn to_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

/// Starts a session for `user_id` and returns the token for the cookie.
#[tracing::instrument(skip(pool))]
pub async fn create(pool: &SqlitePool, user_id: i64) -> Result<String, sqlx::Error> {
    let token = new_token();
    let now = OffsetDateTime::now_utc();
    let created = clock::format_instant(now);
    let expires = clock::format_instant(now + LIFETIME);
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at)
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(token_hash(&token))
    .bind(user_id)
    .bind(&created)
    .bind(&expires)
    .bind(&created)
    .execute(pool)
    .await?;
    sqlx::query("DELETE FROM sessions WHERE expires_at <= ?")
        .bind(&created)
        .execute(pool)
        .await?;
    Ok(token)
}

/// The author a live session belongs to: (id, username, display name).
#[tracing::instrument(skip_all)]
pub async fn lookup(
    pool: &SqlitePool,
    token: &str,
) -> Result<Option<(i64, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.id, u.username, u.display_name FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.expires_at > ?",
    )
    .bind(token_hash(token))
    .bind(clock::now())
    .fetch_optional(pool)
    .await
}

#[tracing::instrument(skip_all)]
pub async fn delete(pool: &SqlitePool, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
        .bind(token_hash(token))
        .execute(pool)
        .await?;
    Ok(())
}

#[tracing::instrument(skip(pool))]
pub async fn delete_all_for(pool: &SqlitePool, user_id: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE user_id = ?")
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let a = new_token();
        assert_eq!(a.len(), 64);
        assert_ne!(a, new_token());
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
    }
}
