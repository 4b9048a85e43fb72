//! Queries over published articles.

use sqlx::SqlitePool;

use crate::domain::{
    dates, ArticleDetail, ArticleListItem, ArticlePage, CategoryRef, Slug, TagRef, TocEntry,
};
use crate::public;

pub const PAGE_SIZE: u32 = 20;

#[derive(sqlx::FromRow)]
struct ListRow {
    slug: String,
    title: String,
    dek: String,
    category_slug: String,
    category_name: String,
    published_at: String,
    reading_minutes: i64,
}

impl From<ListRow> for ArticleListItem {
    fn from(row: ListRow) -> Self {
        Self {
            published: dates::day_of(&row.published_at).unwrap_or_default(),
            slug: row.slug,
            title: row.title,
            dek: row.dek,
            category: CategoryRef {
                slug: row.category_slug,
                name: row.category_name,
            },
            reading_minutes: u32::try_from(row.reading_minutes).unwrap_or(1),
        }
    }
}

#[tracing::instrument(skip(pool))]
pub async fn list_published(
    pool: &SqlitePool,
    now: &str,
    page: u32,
) -> Result<ArticlePage, sqlx::Error> {
    let (total,): (i64,) = sqlx::query_as(concat!(
        "SELECT COUNT(*) FROM articles a WHERE ",
        public!("a")
    ))
    .bind(now)
    .fetch_one(pool)
    .await?;
    let total = u32::try_from(total).unwrap_or(0);
    let total_pages = total.div_ceil(PAGE_SIZE).max(1);
    let offset = i64::from(page.saturating_sub(1)) * i64::from(PAGE_SIZE);
    let rows: Vec<ListRow> = sqlx::query_as(concat!(
        "SELECT a.slug, a.title, a.dek, c.slug AS category_slug, c.name AS category_name,
                a.published_at, a.reading_minutes
         FROM articles a JOIN categories c ON c.id = a.category_id
         WHERE ",
        public!("a"),
        " ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?"
    ))
    .bind(now)
    .bind(i64::from(PAGE_SIZE))
    .bind(offset)
    .fetch_all(pool)
    .await?;
    Ok(ArticlePage {
        items: rows.into_iter().map(Into::into).collect(),
        page,
        total_pages,
        total,
    })
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    id: i64,
    slug: String,
    title: String,
    dek: String,
    category_slug: String,
    category_name: String,
    published_at: String,
    updated_at: String,
    reading_minutes: i64,
    body_html: String,
    toc_json: String,
}

#[tracing::instrument(skip(pool))]
pub async fn find_published(
    pool: &SqlitePool,
    now: &str,
    slug: &Slug,
) -> Result<Option<ArticleDetail>, sqlx::Error> {
    let row: Option<DetailRow> = sqlx::query_as(concat!(
        "SELECT a.id, a.slug, a.title, a.dek, c.slug AS category_slug, c.name AS category_name,
                a.published_at, a.updated_at, a.reading_minutes, a.body_html, a.toc_json
         FROM articles a JOIN categories c ON c.id = a.category_id
         WHERE a.slug = ? AND ",
        public!("a")
    ))
    .bind(slug.as_str())
    .bind(now)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let tags = tags_of(pool, row.id).await?;
    let published = dates::day_of(&row.published_at).unwrap_or_default();
    let updated = dates::day_of(&row.updated_at).filter(|day| *day > published);
    let toc: Vec<TocEntry> = serde_json::from_str(&row.toc_json).unwrap_or_default();
    Ok(Some(ArticleDetail {
        slug: row.slug,
        title: row.title,
        dek: row.dek,
        category: CategoryRef {
            slug: row.category_slug,
            name: row.category_name,
        },
        tags,
        published,
        updated,
        reading_minutes: u32::try_from(row.reading_minutes).unwrap_or(1),
        body_html: row.body_html,
        toc,
    }))
}

async fn tags_of(pool: &SqlitePool, article_id: i64) -> Result<Vec<TagRef>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT t.slug, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
         WHERE at.article_id = ? ORDER BY t.name",
    )
    .bind(article_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, name)| TagRef { slug, name })
        .collect())
}
