//! Editing the profile, links, tech stack and experience timeline.

use leptos::prelude::*;

use crate::api::AppError;
use crate::domain::{ProfileDoc, ProfileOutcome};

#[server(endpoint = "load_profile", input = leptos::server_fn::codec::Json)]
pub async fn load_profile() -> Result<ProfileDoc, AppError> {
    use crate::server::{auth::require_author, db::authoring::profile, state::app_state};
    require_author().await?;
    super::session::private_response();
    Ok(profile::load(&app_state()?.pool).await?)
}

#[server(endpoint = "save_profile", input = leptos::server_fn::codec::Json)]
pub async fn save_profile(#[server(default)] doc: ProfileDoc) -> Result<ProfileOutcome, AppError> {
    use crate::server::{auth::require_author, authoring::profile, state::app_state};
    require_author().await?;
    super::session::private_response();
    profile::save(&app_state()?, doc).await
}
