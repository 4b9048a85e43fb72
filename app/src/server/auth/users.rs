//! Authors: the accounts `folio user` manages.

use sqlx::SqlitePool;

use super::{password, session};
use crate::server::clock;

#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("a user name is 1 to 64 letters, digits, '.', '-' or '_'")]
    BadName,
    #[error("there is already an author named {0}")]
    Exists(String),
    #[error("there is no author named {0}")]
    Missing(String),
    #[error(transparent)]
    Password(#[from] password::PasswordError),
    #[error("database error")]
    Database(#[from] sqlx::Error),
}

fn check_name(name: &str) -> Result<(), UserError> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    ok.then_some(()).ok_or(UserError::BadName)
}

#[tracing::instrument(skip(pool, password))]
pub async fn add(pool: &SqlitePool, name: &str, password: String) -> Result<i64, UserError> {
    check_name(name)?;
    let hash = password::hash(password).await?;
    let inserted: Option<i64> = sqlx::query_scalar(
        "INSERT INTO users (username, display_name, password_hash, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (username) DO NOTHING RETURNING id",
    )
    .bind(name)
    .bind(name)
    .bind(hash)
    .bind(clock::now())
    .fetch_optional(pool)
    .await?;
    inserted.ok_or_else(|| UserError::Exists(name.to_owned()))
}

/// Sets a new password and ends every session of that author, so a
/// password changed because it leaked also signs out whoever used it.
#[tracing::instrument(skip(pool, password))]
pub async fn set_password(
    pool: &SqlitePool,
    name: &str,
    password: String,
) -> Result<u64, UserError> {
    let hash = password::hash(password).await?;
    let id: Option<i64> =
        sqlx::query_scalar("UPDATE users SET password_hash = ? WHERE username = ? RETURNING id")
            .bind(hash)
            .bind(name)
            .fetch_optional(pool)
            .await?;
    let id = id.ok_or_else(|| UserError::Missing(name.to_owned()))?;
    Ok(session::delete_all_for(pool, id).await?)
}

/// (username, created_at, live sessions), by name.
pub async fn list(pool: &SqlitePool) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.username, u.created_at,
                (SELECT COUNT(*) FROM sessions s WHERE s.user_id = u.id AND s.expires_at > ?)
         FROM users u ORDER BY u.username",
    )
    .bind(clock::now())
    .fetch_all(pool)
    .await
}

/// Checks a name and password; `Some(user id)` when they match.
#[tracing::instrument(skip(pool, password))]
pub async fn authenticate(
    pool: &SqlitePool,
    name: &str,
    password: String,
) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64, String)> =
        sqlx::query_as("SELECT id, password_hash FROM users WHERE username = ?")
            .bind(name)
            .fetch_optional(pool)
            .await?;
    match row {
        Some((id, stored)) => Ok(password::verify(password, stored).await.then_some(id)),
        None => {
            password::verify_dummy(password).await;
            Ok(None)
        }
    }
}
