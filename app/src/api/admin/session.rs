//! Who is signed in, for the admin pages to decide what to show.

use leptos::prelude::*;

use crate::api::AppError;
use crate::domain::Dashboard;

/// Why a sign-in was refused, when the server renders the sign-in page in
/// answer to one. Never about anyone but the request it answers.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LoginNotice {
    pub reason: SignInRefusal,
    pub username: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SignInRefusal {
    Credentials,
    /// Rate-limited: try again after this many seconds.
    Locked(u64),
    Unavailable,
}

impl LoginNotice {
    pub fn message(&self) -> String {
        match self.reason {
            SignInRefusal::Credentials => {
                "That name and password do not match. Check both and try again.".into()
            }
            SignInRefusal::Locked(seconds) => {
                format!("Too many attempts — try again in {seconds} seconds.")
            }
            SignInRefusal::Unavailable => {
                "Signing in is not possible right now. Please try again in a moment.".into()
            }
        }
    }
}

/// The refusal the server is rendering the sign-in page for; `None` on
/// every other call. Public: it only ever echoes the caller's own attempt.
#[server(endpoint = "sign_in_notice")]
pub async fn sign_in_notice() -> Result<Option<LoginNotice>, AppError> {
    Ok(use_context::<LoginNotice>())
}

/// The signed-in author's name, or `None`. Public: it tells a visitor only
/// that they are not signed in.
#[server(endpoint = "whoami")]
pub async fn whoami() -> Result<Option<String>, AppError> {
    let author = crate::server::auth::current_author().await?;
    if author.is_some() {
        private_response();
    }
    Ok(author.map(|a| a.display_name))
}

#[server(endpoint = "admin_dashboard", input = leptos::server_fn::codec::Json)]
pub async fn admin_dashboard() -> Result<Dashboard, AppError> {
    use crate::server::{auth::require_author, clock, db::authoring::dashboard, state::app_state};
    require_author().await?;
    private_response();
    let state = app_state()?;
    Ok(dashboard::load(&state.pool, &clock::now()).await?)
}

/// Marks the response as one that depends on the session: never stored
/// by a shared cache.
#[cfg(feature = "ssr")]
pub(crate) fn private_response() {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("private, no-store"),
        );
    }
}

/// An expected refusal: the status says what kind, the message says why.
#[cfg(feature = "ssr")]
pub(crate) fn refuse(status: http::StatusCode, message: &str) -> AppError {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
    AppError::Invalid(message.to_owned())
}
