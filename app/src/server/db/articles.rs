//! Queries over published articles.

use sqlx::SqlitePool;

use crate::domain::{
    dates, ArticleDetail, ArticleListItem, ArticlePage, CategoryRef, FacetOption, Slug, TagRef,
    TocEntry,
};
use crate::public;

pub const PAGE_SIZE: u32 = 20;

/// The archive filters as SQL on alias `a`, binding category twice then tag twice.
macro_rules! filtered {
    () => {
        " AND (? IS NULL OR a.category_id = (SELECT id FROM categories WHERE slug = ?))
          AND (? IS NULL OR EXISTS (SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id
                                    WHERE at.article_id = a.id AND t.slug = ?))"
    };
}

/// One article as lists show it; other list queries select the same columns.
#[derive(sqlx::FromRow)]
pub(super) struct ListRow {
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

/// Rows the archive shows, newest first, after the category and tag filters.
#[tracing::instrument(skip(pool))]
pub async fn list_published(
    pool: &SqlitePool,
    now: &str,
    filter: &ArchiveFilter,
    page: u32,
) -> Result<ArticlePage, sqlx::Error> {
    let (total,): (i64,) = sqlx::query_as(concat!(
        "SELECT COUNT(*) FROM articles a WHERE ",
        public!("a"),
        filtered!()
    ))
    .bind(now)
    .bind(&filter.category)
    .bind(&filter.category)
    .bind(&filter.tag)
    .bind(&filter.tag)
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
        filtered!(),
        " ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?"
    ))
    .bind(now)
    .bind(&filter.category)
    .bind(&filter.category)
    .bind(&filter.tag)
    .bind(&filter.tag)
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

/// The archive's filters: a category slug and a tag slug, either optional.
#[derive(Debug, Default)]
pub struct ArchiveFilter {
    pub category: Option<String>,
    pub tag: Option<String>,
}

/// Every category, with its count of public articles (zero included, so a
/// reader can see a category exists even before anything is filed in it).
#[tracing::instrument(skip(pool))]
pub async fn category_counts(
    pool: &SqlitePool,
    now: &str,
) -> Result<Vec<FacetOption>, sqlx::Error> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(concat!(
        "SELECT c.slug, c.name, COUNT(a.id) FROM categories c
         LEFT JOIN articles a ON a.category_id = c.id AND ",
        public!("a"),
        " GROUP BY c.id ORDER BY c.name"
    ))
    .bind(now)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(facet_option).collect())
}

/// Tags carried by at least one public article, most used first.
#[tracing::instrument(skip(pool))]
pub async fn tag_counts(pool: &SqlitePool, now: &str) -> Result<Vec<FacetOption>, sqlx::Error> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(concat!(
        "SELECT t.slug, t.name, COUNT(*) AS n FROM tags t
         JOIN article_tags at ON at.tag_id = t.id
         JOIN articles a ON a.id = at.article_id AND ",
        public!("a"),
        " GROUP BY t.id ORDER BY n DESC, t.name"
    ))
    .bind(now)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(facet_option).collect())
}

fn facet_option((slug, name, count): (String, String, i64)) -> FacetOption {
    FacetOption {
        slug,
        name,
        count: u32::try_from(count).unwrap_or(0),
    }
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
