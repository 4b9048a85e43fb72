//! Reading tags: the index and everything published under one tag.

use leptos::prelude::*;

use super::AppError;
use crate::domain::{TagCount, TagDetail};

/// One tag, by the slug in its address.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TagQuery {
    pub slug: String,
    /// 1-based; past the end shows the last page.
    #[serde(default)]
    pub page: Option<u32>,
}

#[server(endpoint = "list_tags")]
pub async fn list_tags() -> Result<Vec<TagCount>, AppError> {
    use crate::server::{clock, db, state::app_state};
    let state = app_state()?;
    Ok(db::tags::list_with_counts(&state.pool, &clock::now()).await?)
}

#[server(endpoint = "get_tag")]
pub async fn get_tag(query: TagQuery) -> Result<TagDetail, AppError> {
    use crate::domain::Slug;
    use crate::server::{clock, db, state::app_state};
    let slug = Slug::parse(&query.slug).map_err(|_| AppError::NotFound)?;
    let state = app_state()?;
    db::tags::find_with_items(&state.pool, &clock::now(), &slug, query.page.unwrap_or(1))
        .await?
        .filter(|detail| !detail.is_empty())
        .ok_or(AppError::NotFound)
}
