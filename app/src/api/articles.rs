//! Reading published articles.

use leptos::prelude::*;

use super::AppError;
use crate::domain::{Archive, ArticleWithLinks};

/// The archive query, as the URL carries it: `/articles?category=&tag=&page=`.
/// A query with nothing set is sent as no fields at all, hence the defaults
/// here and on the server function's argument.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ArchiveQuery {
    pub category: Option<String>,
    pub tag: Option<String>,
    pub page: Option<u32>,
}

/// Which article to read: `/articles/:slug`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ArticleQuery {
    pub slug: String,
}

#[server(endpoint = "list_articles")]
pub async fn list_articles(#[server(default)] query: ArchiveQuery) -> Result<Archive, AppError> {
    use crate::domain::{CategoryRef, Facet, Slug, TagRef};
    use crate::server::db::articles::{self, ArchiveFilter};
    use crate::server::state::app_state;
    let state = app_state()?;
    let now = crate::server::clock::now();
    // A slug that cannot exist matches nothing rather than everything.
    let parse = |s: Option<String>| {
        s.map(|s| Slug::parse(&s).map_or_else(|_| "-".to_owned(), |s| s.to_string()))
    };
    let filter = ArchiveFilter {
        category: parse(query.category),
        tag: parse(query.tag),
    };
    let page = query.page.unwrap_or(1).max(1);
    let list = articles::list_published(&state.pool, &now, &filter, page).await?;
    let categories = articles::category_counts(&state.pool, &now).await?;
    let tags = articles::tag_counts(&state.pool, &now).await?;
    let category = filter.category.as_deref().and_then(|slug| {
        categories
            .iter()
            .find(|c| c.slug == slug)
            .map(|c| CategoryRef {
                slug: c.slug.clone(),
                name: c.name.clone(),
            })
    });
    let tag = filter.tag.as_deref().and_then(|slug| {
        tags.iter().find(|t| t.slug == slug).map(|t| TagRef {
            slug: t.slug.clone(),
            name: t.name.clone(),
        })
    });
    Ok(Archive {
        list,
        facets: vec![
            Facet {
                param: "category".into(),
                label: "Categories".into(),
                options: categories,
            },
            Facet {
                param: "tag".into(),
                label: "Tags".into(),
                options: tags,
            },
        ],
        category,
        tag,
    })
}

/// One public article with its neighbours and related articles; all four
/// lookups see the same "now", so they agree on what is public.
#[server(endpoint = "get_article")]
pub async fn get_article(query: ArticleQuery) -> Result<ArticleWithLinks, AppError> {
    use crate::domain::Slug;
    use crate::server::{db, state::app_state};
    let slug = Slug::parse(&query.slug).map_err(|_| AppError::NotFound)?;
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
