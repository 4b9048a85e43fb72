//! Reading published articles.

use leptos::prelude::*;

use super::AppError;
use crate::domain::{ArticlePage, ArticleWithLinks};

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

/// One public article with its neighbours and related articles; all four
/// lookups see the same "now", so they agree on what is public.
#[server(endpoint = "get_article")]
pub async fn get_article(slug: String) -> Result<ArticleWithLinks, AppError> {
    use crate::domain::Slug;
    use crate::server::{db, state::app_state};
    let slug = Slug::parse(&slug).map_err(|_| AppError::NotFound)?;
    let state = app_state()?;
    let pool = &state.pool;
    let now = crate::server::clock::now();
    let article = db::articles::find_published(pool, &now, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let (prev, next, related) = tokio::try_join!(
        db::article_links::previous(pool, &now, &slug),
        db::article_links::next(pool, &now, &slug),
        db::article_links::related(pool, &now, &slug),
    )?;
    Ok(ArticleWithLinks {
        article,
        prev,
        next,
        related,
    })
}
