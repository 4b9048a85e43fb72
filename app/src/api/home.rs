//! The home page: who the author is and what they published last.

use leptos::prelude::*;

use super::AppError;
use crate::domain::Home;

/// How many of each kind the home page lists.
pub const HOME_LATEST: u32 = 6;

#[server(endpoint = "get_home")]
pub async fn get_home() -> Result<Home, AppError> {
    use crate::server::db::{articles, home, profile};
    use crate::server::state::app_state;
    let state = app_state()?;
    let now = crate::server::clock::now();
    let pool = &state.pool;
    let profile = profile::load(pool, &now).await?;
    let mut articles =
        articles::list_published(pool, &now, &articles::ArchiveFilter::default(), 1).await?;
    articles.items.truncate(HOME_LATEST as usize);
    Ok(Home {
        profile,
        articles: articles.items,
        notes: home::latest_notes(pool, &now, HOME_LATEST).await?,
        summaries: home::latest_summaries(pool, &now, HOME_LATEST).await?,
    })
}
