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
            other => {
                tracing::error!(error = %other, "database error");
                AppError::Internal
            }
        }
    }
}
