//! The state every request shares, handed to axum and to server functions.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use leptos::prelude::use_context;
use sqlx::SqlitePool;

use super::auth::rate_limit::SignInLimits;
use super::config::SiteConfig;
use super::generation::ContentGeneration;
use crate::api::AppError;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: SqlitePool,
    pub site: Arc<SiteConfig>,
    /// Bumped by every content write; what page caches key on.
    pub generation: Arc<ContentGeneration>,
    /// Failed sign-ins per address and per account.
    pub sign_in_limits: Arc<SignInLimits>,
    /// The largest image upload accepted, in bytes.
    pub max_upload_bytes: u64,
}

/// The state, as a server function sees it through Leptos' context.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the server function context");
        AppError::Internal
    })
}
