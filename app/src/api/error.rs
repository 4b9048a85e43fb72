//! The one error type server functions return. Its messages are written for
//! readers; database and I/O detail is logged on the server and never sent.
//! Each error also decides its HTTP status, once, as it leaves a server
//! function: a caller's mistake is a 4xx, only our own failure a 500.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::{Bytes, Encodes};
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
        #[cfg(feature = "ssr")]
        if let Some(refusal) = unreadable_request(&value) {
            return refusal;
        }
        AppError::Transport(value.to_string())
    }

    /// Every error a server function answers is encoded here, exactly once,
    /// which makes this the boundary where it gets its status. A status set
    /// earlier (`refuse`, the sign-in guard) is kept.
    fn ser(&self) -> Bytes {
        #[cfg(feature = "ssr")]
        set_status_unless_set(self.status());
        Self::Encoder::encode(self).unwrap_or_else(|_| Bytes::from_static(b"\"Internal\""))
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// The HTTP status this error answers with when nothing more specific
    /// was set, from a server function or a page that shows the error
    /// (`pages::send_error_status`). `Transport` on the server means the server-function layer
    /// itself failed (an unreadable request is `Invalid` by then).
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Invalid(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Internal | AppError::Transport(_) => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

/// A request whose body or arguments cannot be decoded is the caller's
/// mistake: a 400 (a 413 when the body ran past the size limit while it
/// was read) with a plain sentence. The decoder's own words — serde
/// positions, "server function results" — are logged, not sent.
#[cfg(feature = "ssr")]
fn unreadable_request(error: &ServerFnErrorErr) -> Option<AppError> {
    let detail = match error {
        ServerFnErrorErr::Deserialization(detail)
        | ServerFnErrorErr::Args(detail)
        | ServerFnErrorErr::MissingArg(detail) => detail,
        _ => return None,
    };
    tracing::info!(%detail, "unreadable server function request");
    // http-body-util's `LengthLimitError`: every body limit on the way in
    // (axum's, tower-http's, `refuse_oversized`'s) raises it mid-read.
    if detail.contains("length limit exceeded") {
        set_status_unless_set(http::StatusCode::PAYLOAD_TOO_LARGE);
        return Some(AppError::Invalid(
            "This request is too large to accept.".into(),
        ));
    }
    set_status_unless_set(http::StatusCode::BAD_REQUEST);
    Some(AppError::Invalid(
        "This request could not be read. Please reload the page and try again.".into(),
    ))
}

#[cfg(feature = "ssr")]
fn set_status_unless_set(status: http::StatusCode) {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        let mut parts = response
            .0
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let status = *parts.status.get_or_insert(status);
        // An outage is temporary: say when trying again makes sense.
        if status == http::StatusCode::SERVICE_UNAVAILABLE {
            parts.headers.insert(
                http::header::RETRY_AFTER,
                http::HeaderValue::from_static("30"),
            );
        }
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
