//! The state every request shares, handed to axum and to server functions.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use leptos::prelude::use_context;
use sqlx::SqlitePool;

use super::auth::rate_limit::SignInLimits;
use super::config::SiteConfig;
use super::generation::{ContentGeneration, Remembered};
use crate::api::AppError;

/// Cloned for every request by each layer that reads it, so it is one
/// `Arc`: a profile of a cached page put cloning and dropping it field by
/// field (`LeptosOptions` is a dozen `Arc<str>`s) near a fifth of the CPU
/// samples, though making it one `Arc` did not measurably raise req/s.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl AppState {
    pub fn new(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What Leptos's axum integration takes from the state.
impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

pub struct Shared {
    pub leptos_options: LeptosOptions,
    pub pool: SqlitePool,
    pub site: Arc<SiteConfig>,
    /// Bumped by every content write; what page caches key on.
    pub generation: Arc<ContentGeneration>,
    /// The profile's name, as every page's header and metadata show it.
    pub owner_name: Remembered<Option<String>>,
    /// When a scheduled item next becomes public (`db::schedule`).
    pub next_publication: Remembered<Option<String>>,
    /// Failed sign-ins per address and per account.
    pub sign_in_limits: Arc<SignInLimits>,
    /// The largest image upload accepted, in bytes.
    pub max_upload_bytes: u64,
}

impl Shared {
    /// The profile's name (`None` before the site has one), read once per
    /// content generation.
    pub async fn owner_name(&self) -> Result<Option<String>, sqlx::Error> {
        let generation = self.generation.current();
        if let Some(name) = self.owner_name.get(generation, |_| true) {
            return Ok(name);
        }
        let name = super::db::profile::owner_name(&self.pool).await?;
        self.owner_name.put(generation, name.clone());
        Ok(name)
    }

    /// The next publish time after `now` of a scheduled item, read once per
    /// content generation and again once that time has come.
    pub async fn next_publication(&self, now: &str) -> Result<Option<String>, sqlx::Error> {
        let generation = self.generation.current();
        let still_ahead = |at: &Option<String>| at.as_deref().is_none_or(|at| now < at);
        if let Some(at) = self.next_publication.get(generation, still_ahead) {
            return Ok(at);
        }
        let at = super::db::schedule::next_publication(&self.pool, now).await?;
        self.next_publication.put(generation, at.clone());
        Ok(at)
    }
}

/// The state, as a server function sees it through Leptos' context.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the server function context");
        AppError::Internal
    })
}
