//! Queries over published notes: the newest-first list, one note, and the
//! notes on either side of it in time.

use std::collections::HashMap;

use sqlx::SqlitePool;

use crate::domain::{dates, excerpt, NoteDetail, NoteItem, NoteLink, NotePage, Slug, TagRef};
use crate::public;

pub const PAGE_SIZE: u32 = 20;

#[derive(sqlx::FromRow)]
struct NoteRow {
    id: i64,
    slug: String,
    title: String,
    published_at: String,
    body_html: String,
    /// Only the single-note query reads it, for the page description.
    #[sqlx(default)]
    body_text: String,
}

impl NoteRow {
    fn into_item(self, tags: Vec<TagRef>) -> NoteItem {
        NoteItem {
            published: dates::day_of(&self.published_at).unwrap_or_default(),
            slug: self.slug,
            title: self.title,
            body_html: self.body_html,
            tags,
        }
    }
}

#[derive(sqlx::FromRow)]
struct NoteTagRow {
    note_id: i64,
    slug: String,
    name: String,
}

#[tracing::instrument(level = "debug", skip(pool))]
pub async fn list_published(
    pool: &SqlitePool,
    now: &str,
    page: u32,
) -> Result<NotePage, sqlx::Error> {
    let (total,): (i64,) = sqlx::query_as(COUNT).bind(now).fetch_one(pool).await?;
    let total = u32::try_from(total).unwrap_or(0);
    let total_pages = total.div_ceil(PAGE_SIZE).max(1);
    let offset = i64::from(page.saturating_sub(1)) * i64::from(PAGE_SIZE);
    let rows: Vec<NoteRow> = sqlx::query_as(PAGE)
        .bind(now)
        .bind(i64::from(PAGE_SIZE))
        .bind(offset)
        .fetch_all(pool)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let mut tags = tags_of(pool, &ids).await?;
    Ok(NotePage {
        items: rows
            .into_iter()
            .map(|row| {
                let tags = tags.remove(&row.id).unwrap_or_default();
                row.into_item(tags)
            })
            .collect(),
        page,
        total_pages,
        total,
    })
}

#[tracing::instrument(level = "debug", skip(pool))]
pub async fn find_published(
    pool: &SqlitePool,
    now: &str,
    slug: &Slug,
) -> Result<Option<NoteDetail>, sqlx::Error> {
    let row: Option<NoteRow> = sqlx::query_as(DETAIL)
        .bind(slug.as_str())
        .bind(now)
        .fetch_optional(pool)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let newer = neighbour(pool, now, &row, Direction::Newer).await?;
    let older = neighbour(pool, now, &row, Direction::Older).await?;
    let tags = tags_of(pool, &[row.id])
        .await?
        .remove(&row.id)
        .unwrap_or_default();
    let description = Some(excerpt(&row.body_text, 160))
        .filter(|text| !text.is_empty())
        .unwrap_or_else(|| row.title.clone());
    Ok(Some(NoteDetail {
        description,
        note: row.into_item(tags),
        newer,
        older,
    }))
}

#[derive(Debug, Clone, Copy)]
enum Direction {
    Newer,
    Older,
}

/// The closest public note in one direction of the list's order
/// (`published_at`, then `id`, so notes published the same second still
/// form one chain).
async fn neighbour(
    pool: &SqlitePool,
    now: &str,
    from: &NoteRow,
    direction: Direction,
) -> Result<Option<NoteLink>, sqlx::Error> {
    let sql = match direction {
        Direction::Newer => NEWER,
        Direction::Older => OLDER,
    };
    let row: Option<(String, String)> = sqlx::query_as(sql)
        .bind(&from.published_at)
        .bind(from.id)
        .bind(now)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|(slug, title)| NoteLink { slug, title }))
}

/// The tags of several notes in one query, keyed by note id.
async fn tags_of(
    pool: &SqlitePool,
    note_ids: &[i64],
) -> Result<HashMap<i64, Vec<TagRef>>, sqlx::Error> {
    if note_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let ids = serde_json::to_string(note_ids).unwrap_or_else(|_| "[]".to_owned());
    let rows: Vec<NoteTagRow> = sqlx::query_as(TAGS_OF).bind(ids).fetch_all(pool).await?;
    let mut by_note: HashMap<i64, Vec<TagRef>> = HashMap::new();
    for row in rows {
        by_note.entry(row.note_id).or_default().push(TagRef {
            slug: row.slug,
            name: row.name,
        });
    }
    Ok(by_note)
}

pub(super) const COUNT: &str = concat!("SELECT COUNT(*) FROM notes n WHERE ", public!("n"));

pub(super) const PAGE: &str = concat!(
    "SELECT n.id, n.slug, n.title, n.published_at, n.body_html FROM notes n WHERE ",
    public!("n"),
    " ORDER BY n.published_at DESC, n.id DESC LIMIT ? OFFSET ?"
);

pub(super) const DETAIL: &str = concat!(
    "SELECT n.id, n.slug, n.title, n.published_at, n.body_html, n.body_text FROM notes n
     WHERE n.slug = ? AND ",
    public!("n")
);

pub(super) const NEWER: &str = concat!(
    "SELECT n.slug, n.title FROM notes n WHERE (n.published_at, n.id) > (?, ?) AND ",
    public!("n"),
    " ORDER BY n.published_at ASC, n.id ASC LIMIT 1"
);

pub(super) const OLDER: &str = concat!(
    "SELECT n.slug, n.title FROM notes n WHERE (n.published_at, n.id) < (?, ?) AND ",
    public!("n"),
    " ORDER BY n.published_at DESC, n.id DESC LIMIT 1"
);

pub(super) const TAGS_OF: &str = "SELECT nt.note_id, t.slug, t.name FROM note_tags nt
     JOIN tags t ON t.id = nt.tag_id
     WHERE nt.note_id IN (SELECT value FROM json_each(?)) ORDER BY t.name";
