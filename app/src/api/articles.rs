//! Reading published articles.

use leptos::prelude::*;

use super::AppError;
use crate::domain::{ArticleDetail, ArticlePage};

/// The archive query: which page of the newest-first list.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ArchiveQuery {
    pub page: Option<u32>,
}

#[server(endpoint = "list_articles")]
pub async fn list_articles(query: ArchiveQuery) -> Result<ArticlePage, AppError> {
    use crate::server::{db, state::app_state};
    let state = app_state()?;
    let page = query.page.unwrap_or(1).max(1);
    Ok(db::articles::list_published(&state.pool, &crate::server::clock::now(), page).await?)
}

#[server(endpoint = "get_article")]
pub async fn get_article(slug: String) -> Result<ArticleDetail, AppError> {
    use crate::domain::Slug;
    use crate::server::{db, state::app_state};
    let slug = Slug::parse(&slug).map_err(|_| AppError::NotFound)?;
    let state = app_state()?;
    db::articles::find_published(&state.pool, &crate::server::clock::now(), &slug)
        .await?
        .ok_or(AppError::NotFound)
}
