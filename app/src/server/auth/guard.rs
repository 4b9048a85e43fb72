//! The check every author-only server function makes first, before it reads
//! or writes anything: is there a live session behind this request?

use leptos::prelude::use_context;
use serde::{Deserialize, Serialize};

use super::{cookie, session};
use crate::api::AppError;
use crate::server::state::{app_state, AppState};

/// The signed-in author. Carries no secret, so it may be sent to the browser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    pub id: i64,
    pub username: String,
    pub display_name: String,
}

/// The author behind the current request, if any.
pub async fn current_author() -> Result<Option<Author>, AppError> {
    let state = app_state()?;
    let Some(parts) = use_context::<http::request::Parts>() else {
        return Ok(None);
    };
    author_from_headers(&state, &parts.headers).await
}

pub async fn author_from_headers(
    state: &AppState,
    headers: &http::HeaderMap,
) -> Result<Option<Author>, AppError> {
    let secure = cookie::is_secure(&state.site.base_url);
    let Some(token) = cookie::read(headers, secure) else {
        return Ok(None);
    };
    let found = session::lookup(&state.pool, &token).await?;
    Ok(found.map(|(id, username, display_name)| Author {
        id,
        username,
        display_name,
    }))
}

/// The signed-in author, or a 401 with nothing read or written.
pub async fn require_author() -> Result<Author, AppError> {
    match current_author().await? {
        Some(author) => Ok(author),
        None => {
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                response.set_status(http::StatusCode::UNAUTHORIZED);
            }
            Err(AppError::Unauthorized)
        }
    }
}
