//! The one error type server functions return. Its messages are written for
//! readers; database and I/O detail is logged on the server and never sent.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("We could not find that page.")]
    NotFound,
    #[error("{0}")]
    Invalid(String),
    /// No signed-in author; the response status is 401.
    #[error("Please sign in to continue.")]
    Unauthorized,
    #[error("Something went wrong on our side. Please try again in a moment.")]
    Internal,
    /// The database cannot be reached or is too busy: nothing is wrong
    /// with the request, and trying again shortly should work (503).
    #[error("The site cannot reach its database right now. Please try again in a minute.")]
    Unavailable,
    #[error("The request could not be completed: {0}")]
    Transport(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::RowNotFound => AppError::NotFound,
            other if is_outage(&other) => {
                tracing::error!(error = %other, "database unavailable");
                AppError::Unavailable
            }
            other => {
                tracing::error!(error = %other, "database error");
                AppError::Internal
            }
        }
    }
}

/// Errors that say the database is out of reach (closed, out of
/// connections, locked past the busy timeout, its disk failing or full),
/// not that a statement was wrong.
#[cfg(feature = "ssr")]
fn is_outage(error: &sqlx::Error) -> bool {
    /// SQLite's primary result codes for BUSY, LOCKED, IOERR, FULL, CANTOPEN.
    const OUTAGE_CODES: [i64; 5] = [5, 6, 10, 13, 14];
    match error {
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => true,
        sqlx::Error::Database(database) => database
            .code()
            .and_then(|code| code.parse::<i64>().ok())
            .is_some_and(|code| OUTAGE_CODES.contains(&(code & 0xff))),
        _ => false,
    }
}
