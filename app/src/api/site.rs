//! What every page needs about the site itself: its name and owner.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteMeta {
    pub title: String,
    pub description: String,
    pub base_url: String,
    pub author: String,
}

#[server(endpoint = "site_meta")]
pub async fn get_site_meta() -> Result<SiteMeta, AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    let author = state.owner_name().await?;
    Ok(SiteMeta {
        title: state.site.title.clone(),
        description: state.site.description.clone(),
        base_url: state.site.base_url.clone(),
        author: author.unwrap_or_else(|| state.site.title.clone()),
    })
}
