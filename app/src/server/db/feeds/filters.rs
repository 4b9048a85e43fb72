//! Resolving the slugs a feed address names: a tag for a tag feed, and the
//! category, tag and source of a filtered summaries feed.

use sqlx::SqlitePool;

use super::SummaryFilter;
use crate::domain::{Slug, TagRef};
use crate::public;

/// The display names of the filters a `SummaryFilter` selects.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterNames {
    pub category: Option<String>,
    pub tag: Option<String>,
    pub source: Option<String>,
}

/// The tag with this slug, whether or not anything public carries it.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn find_tag(pool: &SqlitePool, slug: &Slug) -> Result<Option<TagRef>, sqlx::Error> {
    let row: Option<(String, String)> = sqlx::query_as(FIND_TAG)
        .bind(slug.as_str())
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|(slug, name)| TagRef { slug, name }))
}

/// The names of the filter's category, tag and source, or `None` when any
/// of the slugs it sets names nothing a public summary carries (a term only
/// drafts carry must not name a feed).
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn filter_names(
    pool: &SqlitePool,
    filter: &SummaryFilter,
    now: &str,
) -> Result<Option<FilterNames>, sqlx::Error> {
    let category = name_of(pool, NAME_OF_CATEGORY, filter.category.as_ref(), now).await?;
    let tag = name_of(pool, NAME_OF_TAG, filter.tag.as_ref(), now).await?;
    let source = name_of(pool, NAME_OF_SOURCE, filter.source.as_ref(), now).await?;
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
pub(crate) const NAME_OF_CATEGORY: &str = concat!(
    "SELECT c.name FROM categories c WHERE c.slug = ?
     AND EXISTS (SELECT 1 FROM summaries s WHERE s.category_id = c.id AND ",
    public!("s"),
    ")"
);
pub(crate) const NAME_OF_TAG: &str = concat!(
    "SELECT t.name FROM tags t WHERE t.slug = ?
     AND EXISTS (SELECT 1 FROM summary_tags x JOIN summaries s ON s.id = x.summary_id
                 WHERE x.tag_id = t.id AND ",
    public!("s"),
    ")"
);
pub(crate) const NAME_OF_SOURCE: &str = concat!(
    "SELECT so.name FROM sources so WHERE so.slug = ?
     AND EXISTS (SELECT 1 FROM summaries s WHERE s.source_id = so.id AND ",
    public!("s"),
    ")"
);

/// `Some(None)` when no slug is asked for, `None` when the slug is unknown.
async fn name_of(
    pool: &SqlitePool,
    sql: &'static str,
    slug: Option<&Slug>,
    now: &str,
) -> Result<Option<Option<String>>, sqlx::Error> {
    let Some(slug) = slug else {
        return Ok(Some(None));
    };
    let name: Option<String> = sqlx::query_scalar(sql)
        .bind(slug.as_str())
        .bind(now)
        .fetch_optional(pool)
        .await?;
    Ok(name.map(Some))
}
