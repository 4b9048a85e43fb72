//! Queries over tags: the index with published counts per kind, and
//! everything published under one tag. Unpublished items never count.

use sqlx::SqlitePool;

use super::articles::ListRow;
use crate::domain::{
    dates, ArticleListItem, Slug, TagCount, TagDetail, TagRef, TaggedNote, TaggedSummary,
};
use crate::public;

#[derive(sqlx::FromRow)]
struct CountRow {
    slug: String,
    name: String,
    articles: i64,
    notes: i64,
    summaries: i64,
}

impl From<CountRow> for TagCount {
    fn from(row: CountRow) -> Self {
        Self {
            slug: row.slug,
            name: row.name,
            articles: u32::try_from(row.articles).unwrap_or(0),
            notes: u32::try_from(row.notes).unwrap_or(0),
            summaries: u32::try_from(row.summaries).unwrap_or(0),
        }
    }
}

/// Every tag carried by at least one public item, alphabetical by name.
#[tracing::instrument(skip(pool))]
pub async fn list_with_counts(pool: &SqlitePool, now: &str) -> Result<Vec<TagCount>, sqlx::Error> {
    let rows: Vec<CountRow> = sqlx::query_as(concat!(
        "SELECT slug, name, articles, notes, summaries FROM (
           SELECT t.slug, t.name,
             (SELECT COUNT(*) FROM article_tags x JOIN articles a ON a.id = x.article_id
               WHERE x.tag_id = t.id AND ",
        public!("a"),
        ") AS articles,
             (SELECT COUNT(*) FROM note_tags x JOIN notes n ON n.id = x.note_id
               WHERE x.tag_id = t.id AND ",
        public!("n"),
        ") AS notes,
             (SELECT COUNT(*) FROM summary_tags x JOIN summaries s ON s.id = x.summary_id
               WHERE x.tag_id = t.id AND ",
        public!("s"),
        ") AS summaries
           FROM tags t)
         WHERE articles + notes + summaries > 0
         ORDER BY name COLLATE NOCASE, slug"
    ))
    .bind(now)
    .bind(now)
    .bind(now)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// The tag and its public items, or `None` when the tag does not exist.
/// A tag that exists but carries nothing public comes back empty.
#[tracing::instrument(skip(pool))]
pub async fn find_with_items(
    pool: &SqlitePool,
    now: &str,
    slug: &Slug,
) -> Result<Option<TagDetail>, sqlx::Error> {
    let tag: Option<(i64, String, String)> =
        sqlx::query_as("SELECT id, slug, name FROM tags WHERE slug = ?")
            .bind(slug.as_str())
            .fetch_optional(pool)
            .await?;
    let Some((id, slug, name)) = tag else {
        return Ok(None);
    };
    Ok(Some(TagDetail {
        tag: TagRef { slug, name },
        articles: articles_tagged(pool, now, id).await?,
        notes: notes_tagged(pool, now, id).await?,
        summaries: summaries_tagged(pool, now, id).await?,
    }))
}

async fn articles_tagged(
    pool: &SqlitePool,
    now: &str,
    tag_id: i64,
) -> Result<Vec<ArticleListItem>, sqlx::Error> {
    let rows: Vec<ListRow> = sqlx::query_as(concat!(
        "SELECT a.slug, a.title, a.dek, c.slug AS category_slug, c.name AS category_name,
                a.published_at, a.reading_minutes
         FROM article_tags x JOIN articles a ON a.id = x.article_id
         JOIN categories c ON c.id = a.category_id
         WHERE x.tag_id = ? AND ",
        public!("a"),
        " ORDER BY a.published_at DESC, a.id DESC"
    ))
    .bind(tag_id)
    .bind(now)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

async fn notes_tagged(
    pool: &SqlitePool,
    now: &str,
    tag_id: i64,
) -> Result<Vec<TaggedNote>, sqlx::Error> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(concat!(
        "SELECT n.slug, n.title, n.published_at
         FROM note_tags x JOIN notes n ON n.id = x.note_id
         WHERE x.tag_id = ? AND ",
        public!("n"),
        " ORDER BY n.published_at DESC, n.id DESC"
    ))
    .bind(tag_id)
    .bind(now)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, title, published_at)| TaggedNote {
            published: dates::day_of(&published_at).unwrap_or_default(),
            slug,
            title,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    title: String,
    source_name: String,
    day: String,
    original_url: String,
}

async fn summaries_tagged(
    pool: &SqlitePool,
    now: &str,
    tag_id: i64,
) -> Result<Vec<TaggedSummary>, sqlx::Error> {
    let rows: Vec<SummaryRow> = sqlx::query_as(concat!(
        "SELECT s.title, src.name AS source_name, s.day, s.original_url
         FROM summary_tags x JOIN summaries s ON s.id = x.summary_id
         JOIN sources src ON src.id = s.source_id
         WHERE x.tag_id = ? AND ",
        public!("s"),
        " ORDER BY s.day DESC, s.published_at DESC, s.id DESC"
    ))
    .bind(tag_id)
    .bind(now)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| TaggedSummary {
            title: row.title,
            source_name: row.source_name,
            day: row.day,
            original_url: row.original_url,
        })
        .collect())
}
