//! Where a reader can go from one article: its neighbours in publication
//! order and the articles sharing the most tags with it. Every candidate
//! passes `public!`, so drafts, scheduled and deleted articles are never
//! offered, and the article itself never is either.

use sqlx::SqlitePool;

use super::articles::ListRow;
use crate::domain::{ArticleListItem, Slug};
use crate::public;

/// How many related articles the page shows at most.
pub const RELATED_LIMIT: i64 = 3;

/// Columns of a `ListRow`, for article alias `a` joined to category `c`.
macro_rules! link_columns {
    () => {
        "SELECT a.slug, a.title, a.dek, c.slug AS category_slug, c.name AS category_name,
                a.published_at, a.reading_minutes
         FROM articles a JOIN categories c ON c.id = a.category_id"
    };
}

/// The public article published just before `slug`. Articles published
/// at the same instant are ordered by id, so every article has exactly one
/// place in the sequence.
#[tracing::instrument(skip(pool))]
pub async fn previous(
    pool: &SqlitePool,
    now: &str,
    slug: &Slug,
) -> Result<Option<ArticleListItem>, sqlx::Error> {
    let row: Option<ListRow> = sqlx::query_as(concat!(
        link_columns!(),
        " WHERE (a.published_at, a.id) < (SELECT published_at, id FROM articles WHERE slug = ?)
            AND ",
        public!("a"),
        " ORDER BY a.published_at DESC, a.id DESC LIMIT 1"
    ))
    .bind(slug.as_str())
    .bind(now)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(Into::into))
}

/// The public article published just after `slug`.
#[tracing::instrument(skip(pool))]
pub async fn next(
    pool: &SqlitePool,
    now: &str,
    slug: &Slug,
) -> Result<Option<ArticleListItem>, sqlx::Error> {
    let row: Option<ListRow> = sqlx::query_as(concat!(
        link_columns!(),
        " WHERE (a.published_at, a.id) > (SELECT published_at, id FROM articles WHERE slug = ?)
            AND ",
        public!("a"),
        " ORDER BY a.published_at ASC, a.id ASC LIMIT 1"
    ))
    .bind(slug.as_str())
    .bind(now)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(Into::into))
}

/// Up to `RELATED_LIMIT` public articles sharing at least one tag with
/// `slug`, most shared tags first, then newest.
#[tracing::instrument(skip(pool))]
pub async fn related(
    pool: &SqlitePool,
    now: &str,
    slug: &Slug,
) -> Result<Vec<ArticleListItem>, sqlx::Error> {
    let rows: Vec<ListRow> = sqlx::query_as(concat!(
        link_columns!(),
        " JOIN article_tags shared ON shared.article_id = a.id
          WHERE shared.tag_id IN (
                SELECT own.tag_id FROM article_tags own
                JOIN articles self ON self.id = own.article_id
                WHERE self.slug = ?)
            AND a.slug <> ?
            AND ",
        public!("a"),
        " GROUP BY a.id
          ORDER BY COUNT(*) DESC, a.published_at DESC, a.id DESC
          LIMIT ?"
    ))
    .bind(slug.as_str())
    .bind(slug.as_str())
    .bind(now)
    .bind(RELATED_LIMIT)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}
