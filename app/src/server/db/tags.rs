//! Queries over tags: the index with published counts per kind, and
//! everything published under one tag, a page at a time. Unpublished
//! items never count.

use sqlx::SqlitePool;

use super::articles::{archive_count_sql, archive_page_sql, filter_sql, ListRow};
use crate::domain::{
    dates, Slug, TagCount, TagDetail, TagRef, TaggedNote, TaggedSummary, TAG_PAGE_SIZE,
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
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn list_with_counts(pool: &SqlitePool, now: &str) -> Result<Vec<TagCount>, sqlx::Error> {
    let rows: Vec<CountRow> = sqlx::query_as(LIST_WITH_COUNTS)
        .bind(now)
        .bind(now)
        .bind(now)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Each kind's public items are read once from their covering index and
/// counted per tag through the join table's key (`CROSS JOIN` keeps the
/// items the outer loop), instead of three correlated counts per tag.
pub(super) const LIST_WITH_COUNTS: &str = concat!(
    "WITH a AS (SELECT x.tag_id, COUNT(*) AS n FROM articles a
                CROSS JOIN article_tags x ON x.article_id = a.id WHERE ",
    public!("a"),
    " GROUP BY x.tag_id),
          n AS (SELECT x.tag_id, COUNT(*) AS n FROM notes n
                CROSS JOIN note_tags x ON x.note_id = n.id WHERE ",
    public!("n"),
    " GROUP BY x.tag_id),
          s AS (SELECT x.tag_id, COUNT(*) AS n FROM summaries s
                CROSS JOIN summary_tags x ON x.summary_id = s.id WHERE ",
    public!("s"),
    " GROUP BY x.tag_id)
     SELECT t.slug, t.name, COALESCE(a.n, 0) AS articles, COALESCE(n.n, 0) AS notes,
            COALESCE(s.n, 0) AS summaries
     FROM tags t LEFT JOIN a ON a.tag_id = t.id LEFT JOIN n ON n.tag_id = t.id
          LEFT JOIN s ON s.tag_id = t.id
     WHERE a.n IS NOT NULL OR n.n IS NOT NULL OR s.n IS NOT NULL
     ORDER BY t.name COLLATE NOCASE, t.slug"
);

pub(super) const TAG: &str = "SELECT id, slug, name FROM tags WHERE slug = ?";

/// The tag and one page of its public items of each kind, or `None` when
/// the tag does not exist. A tag that exists but carries nothing public
/// comes back empty. Page `n` shows the `n`th page of every kind.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn find_with_items(
    pool: &SqlitePool,
    now: &str,
    slug: &Slug,
    page: u32,
) -> Result<Option<TagDetail>, sqlx::Error> {
    let tag: Option<(i64, String, String)> = sqlx::query_as(TAG)
        .bind(slug.as_str())
        .fetch_optional(pool)
        .await?;
    let Some((id, slug, name)) = tag else {
        return Ok(None);
    };
    let filter = filter_sql(false, true);
    let articles_total = count(pool, &archive_count_sql(&filter), now, id).await?;
    let notes_total = count(pool, NOTES_COUNT, now, id).await?;
    let summaries_total = count(pool, SUMMARIES_COUNT, now, id).await?;
    let total_pages = articles_total
        .max(notes_total)
        .max(summaries_total)
        .div_ceil(TAG_PAGE_SIZE)
        .max(1);
    let page = page.clamp(1, total_pages);
    let offset = i64::from(page - 1) * i64::from(TAG_PAGE_SIZE);
    let window = (now, id, offset);
    let articles: Vec<ListRow> = page_of(pool, &archive_page_sql(&filter), window).await?;
    let notes: Vec<(String, String, String)> = page_of(pool, NOTES_PAGE, window).await?;
    let summaries: Vec<SummaryRow> = page_of(pool, SUMMARIES_PAGE, window).await?;
    Ok(Some(TagDetail {
        tag: TagRef { slug, name },
        articles: articles.into_iter().map(Into::into).collect(),
        notes: notes
            .into_iter()
            .map(|(slug, title, published_at)| TaggedNote {
                published: dates::day_of(&published_at).unwrap_or_default(),
                slug,
                title,
            })
            .collect(),
        summaries: summaries
            .into_iter()
            .map(|row| TaggedSummary {
                title: row.title,
                source_name: row.source_name,
                day: row.day,
                original_url: row.original_url,
            })
            .collect(),
        articles_total,
        notes_total,
        summaries_total,
        page,
        total_pages,
    }))
}

/// One page of a kind's list: the SQL binds now, the tag id, limit and offset.
async fn page_of<T>(
    pool: &SqlitePool,
    sql: &str,
    (now, tag_id, offset): (&str, i64, i64),
) -> Result<Vec<T>, sqlx::Error>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + Send + Unpin,
{
    sqlx::query_as(sql)
        .bind(now)
        .bind(tag_id)
        .bind(i64::from(TAG_PAGE_SIZE))
        .bind(offset)
        .fetch_all(pool)
        .await
}

async fn count(pool: &SqlitePool, sql: &str, now: &str, tag_id: i64) -> Result<u32, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(sql)
        .bind(now)
        .bind(tag_id)
        .fetch_one(pool)
        .await?;
    Ok(u32::try_from(n).unwrap_or(0))
}

// Like the archive, each list walks its kind's public index newest first and
// probes the tag's items (`+` keeps SQLite from fetching every tagged row).
pub(super) const NOTES_COUNT: &str = concat!(
    "SELECT COUNT(*) FROM notes n WHERE ",
    public!("n"),
    " AND +n.id IN (SELECT note_id FROM note_tags WHERE tag_id = ?)"
);

pub(super) const NOTES_PAGE: &str = concat!(
    "SELECT n.slug, n.title, n.published_at FROM notes n WHERE ",
    public!("n"),
    " AND +n.id IN (SELECT note_id FROM note_tags WHERE tag_id = ?)
      ORDER BY n.published_at DESC, n.id DESC LIMIT ? OFFSET ?"
);

pub(super) const SUMMARIES_COUNT: &str = concat!(
    "SELECT COUNT(*) FROM summaries s WHERE ",
    public!("s"),
    " AND +s.id IN (SELECT summary_id FROM summary_tags WHERE tag_id = ?)"
);

/// The summaries page's order, which is the `summaries_public` index's.
pub(super) const SUMMARIES_PAGE: &str = concat!(
    "SELECT s.title, src.name AS source_name, s.day, s.original_url
     FROM summaries s CROSS JOIN sources src ON src.id = s.source_id WHERE ",
    public!("s"),
    " AND +s.id IN (SELECT summary_id FROM summary_tags WHERE tag_id = ?)
      ORDER BY s.day DESC, s.published_at DESC, s.id LIMIT ? OFFSET ?"
);

#[derive(sqlx::FromRow)]
struct SummaryRow {
    title: String,
    source_name: String,
    day: String,
    original_url: String,
}
