//! Queries behind the Atom feeds and the sitemap: the newest public items
//! of each kind with everything an entry shows, and every public URL with
//! the time it last changed. Handlers get plain structs, never rows.

pub(super) mod filters;
pub(super) mod sitemap;

use std::collections::HashMap;

use sqlx::SqlitePool;

use crate::domain::{CategoryRef, Slug, TagRef};
use crate::markdown::excerpt;
use crate::public;

pub use filters::{filter_names, find_tag, FilterNames};
pub use sitemap::{sitemap_entries, SitemapEntry};

/// Which kind of content an entry is, so its URL can be built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    Article,
    Note,
    Summary,
}

/// The article a summary was written about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Original {
    pub url: String,
    pub source: String,
}

/// One public item as a feed shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedEntry {
    pub kind: EntryKind,
    pub slug: String,
    pub title: String,
    /// Plain text: an article's dek, the opening of a note or summary.
    pub summary: String,
    /// Sanitized HTML, as stored when the item was saved.
    pub content_html: String,
    /// `YYYY-MM-DDTHH:MM:SSZ`
    pub published_at: String,
    /// `YYYY-MM-DDTHH:MM:SSZ`, never before `published_at`.
    pub updated_at: String,
    pub category: Option<CategoryRef>,
    pub tags: Vec<TagRef>,
    pub original: Option<Original>,
}

/// The filters of the summaries page; `None` means "any".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SummaryFilter {
    pub category: Option<Slug>,
    pub tag: Option<Slug>,
    pub source: Option<Slug>,
}

/// Longest plain-text summary of a note or summary, in characters.
const SUMMARY_CHARS: usize = 280;

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: i64,
    slug: String,
    title: String,
    summary: String,
    content_html: String,
    published_at: String,
    updated_at: String,
    category_slug: Option<String>,
    category_name: Option<String>,
    original_url: Option<String>,
    source_name: Option<String>,
}

/// The newest public articles, optionally only those carrying `tag`.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn latest_articles(
    pool: &SqlitePool,
    now: &str,
    tag: Option<&Slug>,
    limit: u32,
) -> Result<Vec<FeedEntry>, sqlx::Error> {
    let tag = tag.map(Slug::as_str);
    let rows: Vec<EntryRow> = sqlx::query_as(LATEST_ARTICLES)
        .bind(now)
        .bind(tag)
        .bind(tag)
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await?;
    let mut tags = tags_of(pool, TAGS_OF_ARTICLES, &rows).await?;
    Ok(rows
        .into_iter()
        .map(|row| entry(EntryKind::Article, row, &mut tags))
        .collect())
}

/// The newest public notes, optionally only those carrying `tag`.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn latest_notes(
    pool: &SqlitePool,
    now: &str,
    tag: Option<&Slug>,
    limit: u32,
) -> Result<Vec<FeedEntry>, sqlx::Error> {
    let tag = tag.map(Slug::as_str);
    let rows: Vec<EntryRow> = sqlx::query_as(LATEST_NOTES)
        .bind(now)
        .bind(tag)
        .bind(tag)
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await?;
    let mut tags = tags_of(pool, TAGS_OF_NOTES, &rows).await?;
    Ok(rows
        .into_iter()
        .map(|row| entry(EntryKind::Note, row, &mut tags))
        .collect())
}

/// The newest public summaries matching every filter that is set.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn latest_summaries(
    pool: &SqlitePool,
    now: &str,
    filter: &SummaryFilter,
    limit: u32,
) -> Result<Vec<FeedEntry>, sqlx::Error> {
    let category = filter.category.as_ref().map(Slug::as_str);
    let tag = filter.tag.as_ref().map(Slug::as_str);
    let source = filter.source.as_ref().map(Slug::as_str);
    let rows: Vec<EntryRow> = sqlx::query_as(LATEST_SUMMARIES)
        .bind(now)
        .bind(category)
        .bind(category)
        .bind(source)
        .bind(source)
        .bind(tag)
        .bind(tag)
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await?;
    let mut tags = tags_of(pool, TAGS_OF_SUMMARIES, &rows).await?;
    Ok(rows
        .into_iter()
        .map(|mut row| {
            // The summary body is one markdown paragraph; its text is the summary.
            row.summary = crate::markdown::render(&row.summary).plain_text;
            entry(EntryKind::Summary, row, &mut tags)
        })
        .collect())
}

/// The newest public items of every kind, optionally only those carrying
/// `tag`, newest first.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn latest_everything(
    pool: &SqlitePool,
    now: &str,
    tag: Option<&Slug>,
    limit: u32,
) -> Result<Vec<FeedEntry>, sqlx::Error> {
    let summaries = SummaryFilter {
        tag: tag.cloned(),
        ..SummaryFilter::default()
    };
    let mut entries = latest_articles(pool, now, tag, limit).await?;
    entries.extend(latest_notes(pool, now, tag, limit).await?);
    entries.extend(latest_summaries(pool, now, &summaries, limit).await?);
    entries.sort_by(|a, b| b.published_at.cmp(&a.published_at));
    entries.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok(entries)
}

// Each feed walks its kind's public index newest first; a filter is an id
// looked up once and checked on the way (in the index for summaries), so
// only the rows a feed shows are read whole. `CROSS JOIN` keeps the items
// the outer loop.
pub(super) const LATEST_ARTICLES: &str = concat!(
    "SELECT a.id, a.slug, a.title, a.dek AS summary, a.body_html AS content_html,
                a.published_at, MAX(a.updated_at, a.published_at) AS updated_at,
                c.slug AS category_slug, c.name AS category_name,
                NULL AS original_url, NULL AS source_name
         FROM articles a JOIN categories c ON c.id = a.category_id
         WHERE ",
    public!("a"),
    " AND (? IS NULL OR EXISTS (SELECT 1 FROM article_tags x WHERE x.article_id = a.id
                                    AND x.tag_id = (SELECT id FROM tags WHERE slug = ?)))
         ORDER BY a.published_at DESC, a.id DESC LIMIT ?"
);

pub(super) const LATEST_NOTES: &str = concat!(
    "SELECT n.id, n.slug, n.title, n.body_text AS summary, n.body_html AS content_html,
                n.published_at, MAX(n.updated_at, n.published_at) AS updated_at,
                NULL AS category_slug, NULL AS category_name,
                NULL AS original_url, NULL AS source_name
         FROM notes n
         WHERE ",
    public!("n"),
    " AND (? IS NULL OR EXISTS (SELECT 1 FROM note_tags x WHERE x.note_id = n.id
                                    AND x.tag_id = (SELECT id FROM tags WHERE slug = ?)))
         ORDER BY n.published_at DESC, n.id DESC LIMIT ?"
);

pub(super) const LATEST_SUMMARIES: &str = concat!(
    "SELECT s.id, s.slug, s.title, s.body_md AS summary, s.body_html AS content_html,
                s.published_at, MAX(s.updated_at, s.published_at) AS updated_at,
                c.slug AS category_slug, c.name AS category_name,
                s.original_url, so.name AS source_name
         FROM summaries s
         CROSS JOIN categories c ON c.id = s.category_id
         CROSS JOIN sources so ON so.id = s.source_id
         WHERE ",
    public!("s"),
    " AND (? IS NULL OR s.category_id = (SELECT id FROM categories WHERE slug = ?))
          AND (? IS NULL OR s.source_id = (SELECT id FROM sources WHERE slug = ?))
          AND (? IS NULL OR EXISTS (SELECT 1 FROM summary_tags x WHERE x.summary_id = s.id
                                    AND x.tag_id = (SELECT id FROM tags WHERE slug = ?)))
         ORDER BY s.published_at DESC, s.id DESC LIMIT ?"
);

pub(super) const TAGS_OF_ARTICLES: &str = "SELECT x.article_id, t.slug, t.name
     FROM article_tags x JOIN tags t ON t.id = x.tag_id
     WHERE x.article_id IN (SELECT value FROM json_each(?)) ORDER BY t.name";
pub(super) const TAGS_OF_NOTES: &str = "SELECT x.note_id, t.slug, t.name
     FROM note_tags x JOIN tags t ON t.id = x.tag_id
     WHERE x.note_id IN (SELECT value FROM json_each(?)) ORDER BY t.name";
pub(super) const TAGS_OF_SUMMARIES: &str = "SELECT x.summary_id, t.slug, t.name
     FROM summary_tags x JOIN tags t ON t.id = x.tag_id
     WHERE x.summary_id IN (SELECT value FROM json_each(?)) ORDER BY t.name";

/// The tags of every row at once, by item id: one query per feed, not per entry.
async fn tags_of(
    pool: &SqlitePool,
    sql: &'static str,
    rows: &[EntryRow],
) -> Result<HashMap<i64, Vec<TagRef>>, sqlx::Error> {
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let ids = serde_json::to_string(&ids).unwrap_or_else(|_| "[]".to_owned());
    let found: Vec<(i64, String, String)> = sqlx::query_as(sql).bind(ids).fetch_all(pool).await?;
    let mut by_item: HashMap<i64, Vec<TagRef>> = HashMap::new();
    for (id, slug, name) in found {
        by_item.entry(id).or_default().push(TagRef { slug, name });
    }
    Ok(by_item)
}

fn entry(kind: EntryKind, row: EntryRow, tags: &mut HashMap<i64, Vec<TagRef>>) -> FeedEntry {
    let category = match (row.category_slug, row.category_name) {
        (Some(slug), Some(name)) => Some(CategoryRef { slug, name }),
        _ => None,
    };
    let original = match (row.original_url, row.source_name) {
        (Some(url), Some(source)) => {
            crate::domain::links::href(&url).map(|url| Original { url, source })
        }
        _ => None,
    };
    FeedEntry {
        kind,
        tags: tags.remove(&row.id).unwrap_or_default(),
        slug: row.slug,
        title: row.title,
        summary: excerpt(&row.summary, SUMMARY_CHARS),
        content_html: row.content_html,
        published_at: row.published_at,
        updated_at: row.updated_at,
        category,
        original,
    }
}
