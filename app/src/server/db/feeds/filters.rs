//! Resolving the slugs a feed address names: a tag for a tag feed, and the
//! category, tag and source of a filtered summaries feed.

use sqlx::SqlitePool;

use super::SummaryFilter;
use crate::domain::{Slug, TagRef};

/// The display names of the filters a `SummaryFilter` selects.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterNames {
    pub category: Option<String>,
    pub tag: Option<String>,
    pub source: Option<String>,
}

/// The tag with this slug, whether or not anything public carries it.
#[tracing::instrument(skip(pool))]
pub async fn find_tag(pool: &SqlitePool, slug: &Slug) -> Result<Option<TagRef>, sqlx::Error> {
    let row: Option<(String, String)> = sqlx::query_as(FIND_TAG)
        .bind(slug.as_str())
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|(slug, name)| TagRef { slug, name }))
}

/// The names of the filter's category, tag and source, or `None` when any
/// of the slugs it sets names nothing.
#[tracing::instrument(skip(pool))]
pub async fn filter_names(
    pool: &SqlitePool,
    filter: &SummaryFilter,
) -> Result<Option<FilterNames>, sqlx::Error> {
    let category = name_of(pool, NAME_OF_CATEGORY, filter.category.as_ref()).await?;
    let tag = name_of(pool, NAME_OF_TAG, filter.tag.as_ref()).await?;
    let source = name_of(pool, NAME_OF_SOURCE, filter.source.as_ref()).await?;
    Ok(match (category, tag, source) {
        (Some(category), Some(tag), Some(source)) => Some(FilterNames {
            category,
            tag,
            source,
        }),
        _ => None,
    })
}

pub(crate) const FIND_TAG: &str = "SELECT slug, name FROM tags WHERE slug = ?";
pub(crate) const NAME_OF_CATEGORY: &str = "SELECT name FROM categories WHERE slug = ?";
pub(crate) const NAME_OF_TAG: &str = "SELECT name FROM tags WHERE slug = ?";
pub(crate) const NAME_OF_SOURCE: &str = "SELECT name FROM sources WHERE slug = ?";

/// `Some(None)` when no slug is asked for, `None` when the slug is unknown.
async fn name_of(
    pool: &SqlitePool,
    sql: &'static str,
    slug: Option<&Slug>,
) -> Result<Option<Option<String>>, sqlx::Error> {
    let Some(slug) = slug else {
        return Ok(Some(None));
    };
    let name: Option<String> = sqlx::query_scalar(sql)
        .bind(slug.as_str())
        .fetch_optional(pool)
        .await?;
    Ok(name.map(Some))
}
