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

/// Columns of a `ListRow`, for article alias `a` joined to category `c`
/// (`CROSS JOIN`: articles are the outer loop, walked in list order).
macro_rules! link_columns {
    () => {
        "SELECT a.slug, a.title, a.dek, c.slug AS category_slug, c.name AS category_name,
                a.published_at, a.reading_minutes
         FROM articles a CROSS JOIN categories c ON c.id = a.category_id"
    };
}

/// The public article published just before `slug`. Articles published
/// at the same instant are ordered by id, so every article has exactly one
/// place in the sequence.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn previous(
    pool: &SqlitePool,
    now: &str,
    slug: &Slug,
) -> Result<Option<ArticleListItem>, sqlx::Error> {
    let row: Option<ListRow> = sqlx::query_as(PREVIOUS)
        .bind(slug.as_str())
        .bind(now)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(Into::into))
}

/// The public article published just after `slug`.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn next(
    pool: &SqlitePool,
    now: &str,
    slug: &Slug,
) -> Result<Option<ArticleListItem>, sqlx::Error> {
    let row: Option<ListRow> = sqlx::query_as(NEXT)
        .bind(slug.as_str())
        .bind(now)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(Into::into))
}

/// Up to `RELATED_LIMIT` public articles sharing at least one tag with
/// `slug`, most shared tags first, then newest.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn related(
    pool: &SqlitePool,
    now: &str,
    slug: &Slug,
) -> Result<Vec<ArticleListItem>, sqlx::Error> {
    let rows: Vec<ListRow> = sqlx::query_as(RELATED)
        .bind(slug.as_str())
        .bind(now)
        .bind(RELATED_LIMIT)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

pub(super) const PREVIOUS: &str = concat!(
    link_columns!(),
    " WHERE (a.published_at, a.id) < (SELECT published_at, id FROM articles WHERE slug = ?)
            AND ",
    public!("a"),
    " ORDER BY a.published_at DESC, a.id DESC LIMIT 1"
);

pub(super) const NEXT: &str = concat!(
    link_columns!(),
    " WHERE (a.published_at, a.id) > (SELECT published_at, id FROM articles WHERE slug = ?)
            AND ",
    public!("a"),
    " ORDER BY a.published_at ASC, a.id ASC LIMIT 1"
);

/// Candidates come from the join table's keys and are ranked from
/// `articles_public_by_id` (named, because SQLite would otherwise fetch each
/// candidate's wide row by id just to read its date); only the winners'
/// rows are read. `article_tags_tag` is named too: the bundled SQLite
/// picks it, but SQLite 3.40 on a site of 3,000 articles read the whole
/// join table in article order instead, to spare the GROUP BY its sort,
/// and took 5× as long; naming it keeps the plan from turning on that.
pub(super) const RELATED: &str = concat!(
    "WITH self AS (SELECT id FROM articles WHERE slug = ?),
          shared AS (
              SELECT x.article_id AS id, COUNT(*) AS n
              FROM article_tags x INDEXED BY article_tags_tag
              WHERE x.tag_id IN (SELECT tag_id FROM article_tags
                                 WHERE article_id = (SELECT id FROM self))
                AND x.article_id <> (SELECT id FROM self)
              GROUP BY x.article_id),
          ranked AS (
              SELECT shared.id, shared.n, p.published_at
              FROM shared CROSS JOIN articles p INDEXED BY articles_public_by_id
                   ON p.id = shared.id
              WHERE ",
    public!("p"),
    " ORDER BY shared.n DESC, p.published_at DESC, p.id DESC LIMIT ?)
     SELECT a.slug, a.title, a.dek, c.slug AS category_slug, c.name AS category_name,
            a.published_at, a.reading_minutes
     FROM ranked CROSS JOIN articles a ON a.id = ranked.id
     JOIN categories c ON c.id = a.category_id
     ORDER BY ranked.n DESC, ranked.published_at DESC, ranked.id DESC"
);
