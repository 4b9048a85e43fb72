//! Queries over published articles.

use sqlx::SqlitePool;

use crate::domain::{
    dates, ArticleDetail, ArticleListItem, ArticlePage, CategoryRef, FacetOption, Slug, TagRef,
    TocEntry,
};
use crate::public;

pub const PAGE_SIZE: u32 = 20;

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

/// The columns of a `ListRow` for article alias `a` and category `c`.
macro_rules! list_columns {
    () => {
        "SELECT a.slug, a.title, a.dek, c.slug AS category_slug, c.name AS category_name,
                a.published_at, a.reading_minutes"
    };
}

/// The archive's count and page, with `filters` (from `filter_sql`) added:
/// the list walks `articles_public_list` (or `articles_public_category`)
/// newest first and joins its names only for the rows it returns.
pub(super) fn archive_count_sql(filters: &str) -> String {
    format!(
        concat!("SELECT COUNT(*) FROM articles a WHERE ", public!("a"), "{}"),
        filters
    )
}

pub(super) fn archive_page_sql(filters: &str) -> String {
    format!(
        concat!(
            list_columns!(),
            " FROM articles a CROSS JOIN categories c ON c.id = a.category_id WHERE ",
            public!("a"),
            "{} ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?"
        ),
        filters
    )
}

/// The conditions a category and a tag filter add, each binding one id.
/// The tag's articles are a list the index walk probes (`+a.id` keeps
/// SQLite from fetching each tagged row by id, which would read its body).
pub(super) fn filter_sql(category: bool, tag: bool) -> String {
    let mut sql = String::new();
    if category {
        sql.push_str(" AND a.category_id = ?");
    }
    if tag {
        sql.push_str(" AND +a.id IN (SELECT article_id FROM article_tags WHERE tag_id = ?)");
    }
    sql
}

/// Rows the archive shows, newest first, after the category and tag filters.
/// A filter naming no category or tag matches nothing.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn list_published(
    pool: &SqlitePool,
    now: &str,
    filter: &ArchiveFilter,
    page: u32,
) -> Result<ArticlePage, sqlx::Error> {
    let category = id_of(pool, CATEGORY_ID, filter.category.as_deref()).await?;
    let tag = id_of(pool, TAG_ID, filter.tag.as_deref()).await?;
    let offset = i64::from(page.saturating_sub(1)) * i64::from(PAGE_SIZE);
    let (total, rows) = match (category, tag) {
        (Some(None), _) | (_, Some(None)) => (0, Vec::new()),
        (category, tag) => {
            let ids: Vec<i64> = [category.flatten(), tag.flatten()]
                .into_iter()
                .flatten()
                .collect();
            let filters = filter_sql(category.is_some(), tag.is_some());
            let count_sql = archive_count_sql(&filters);
            let mut count = sqlx::query_scalar::<_, i64>(&count_sql).bind(now);
            let page_sql = archive_page_sql(&filters);
            let mut rows = sqlx::query_as::<_, ListRow>(&page_sql).bind(now);
            for id in ids {
                count = count.bind(id);
                rows = rows.bind(id);
            }
            let total = count.fetch_one(pool).await?;
            let rows = rows
                .bind(i64::from(PAGE_SIZE))
                .bind(offset)
                .fetch_all(pool)
                .await?;
            (total, rows)
        }
    };
    let total = u32::try_from(total).unwrap_or(0);
    Ok(ArticlePage {
        items: rows.into_iter().map(Into::into).collect(),
        page,
        total_pages: total.div_ceil(PAGE_SIZE).max(1),
        total,
    })
}

pub(super) const CATEGORY_ID: &str = "SELECT id FROM categories WHERE slug = ?";
pub(super) const TAG_ID: &str = "SELECT id FROM tags WHERE slug = ?";

/// `None` when no slug is given, `Some(None)` when it names nothing.
async fn id_of(
    pool: &SqlitePool,
    sql: &'static str,
    slug: Option<&str>,
) -> Result<Option<Option<i64>>, sqlx::Error> {
    let Some(slug) = slug else { return Ok(None) };
    Ok(Some(
        sqlx::query_scalar(sql)
            .bind(slug)
            .fetch_optional(pool)
            .await?,
    ))
}

/// The archive's filters: a category slug and a tag slug, either optional.
#[derive(Debug, Default)]
pub struct ArchiveFilter {
    pub category: Option<String>,
    pub tag: Option<String>,
}

/// Every category, with its count of public articles (zero included, so a
/// reader can see a category exists even before anything is filed in it).
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn category_counts(
    pool: &SqlitePool,
    now: &str,
) -> Result<Vec<FacetOption>, sqlx::Error> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(CATEGORY_COUNTS)
        .bind(now)
        .bind(now)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(facet_option).collect())
}

/// Counts come from `articles_public_category` alone; `categories` is the
/// outer loop, a dozen rows read whole, so empty categories still show —
/// but not one that only drafts, scheduled or deleted articles carry: its
/// name would tell readers what is coming.
pub(super) const CATEGORY_COUNTS: &str = concat!(
    "SELECT c.slug, c.name, COUNT(a.id) FROM categories c
     LEFT JOIN articles a ON a.category_id = c.id AND ",
    public!("a"),
    " GROUP BY c.id
     HAVING COUNT(a.id) > 0
         OR EXISTS (SELECT 1 FROM summaries s WHERE s.category_id = c.id AND ",
    public!("s"),
    ")
         OR NOT (EXISTS (SELECT 1 FROM articles h WHERE h.category_id = c.id)
              OR EXISTS (SELECT 1 FROM summaries h WHERE h.category_id = c.id))
     ORDER BY c.name"
);

/// Tags carried by at least one public article, most used first.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn tag_counts(pool: &SqlitePool, now: &str) -> Result<Vec<FacetOption>, sqlx::Error> {
    let rows: Vec<(String, String, i64)> =
        sqlx::query_as(TAG_COUNTS).bind(now).fetch_all(pool).await?;
    Ok(rows.into_iter().map(facet_option).collect())
}

/// Public articles from their covering index, each one's tags from the
/// `article_tags` key, then counted per tag.
pub(super) const TAG_COUNTS: &str = concat!(
    "SELECT t.slug, t.name, x.n FROM (
         SELECT at.tag_id, COUNT(*) AS n FROM articles a
         CROSS JOIN article_tags at ON at.article_id = a.id WHERE ",
    public!("a"),
    " GROUP BY at.tag_id) x
     JOIN tags t ON t.id = x.tag_id
     ORDER BY x.n DESC, t.name"
);

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

#[tracing::instrument(level = "debug", skip(pool))]
pub async fn find_published(
    pool: &SqlitePool,
    now: &str,
    slug: &Slug,
) -> Result<Option<ArticleDetail>, sqlx::Error> {
    let row: Option<DetailRow> = sqlx::query_as(DETAIL)
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

pub(super) const DETAIL: &str = concat!(
    "SELECT a.id, a.slug, a.title, a.dek, c.slug AS category_slug, c.name AS category_name,
            a.published_at, a.updated_at, a.reading_minutes, a.body_html, a.toc_json
     FROM articles a JOIN categories c ON c.id = a.category_id
     WHERE a.slug = ? AND ",
    public!("a")
);

pub(super) const TAGS_OF: &str = "SELECT t.slug, t.name FROM article_tags at
     JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ? ORDER BY t.name";

async fn tags_of(pool: &SqlitePool, article_id: i64) -> Result<Vec<TagRef>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as(TAGS_OF)
        .bind(article_id)
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, name)| TagRef { slug, name })
        .collect())
}
