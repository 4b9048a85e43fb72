//! Writing content. Markdown is rendered here, once, when content is saved,
//! so reading a page never renders markdown again.

use sqlx::{Sqlite, Transaction};

use crate::domain::{Slug, Status};
use crate::markdown;

pub type Tx<'c> = Transaction<'c, Sqlite>;

/// A taxonomy entry (category, tag, source or series) by slug and name.
#[derive(Clone, Debug)]
pub struct Term {
    pub slug: Slug,
    pub name: String,
}

pub struct ArticleInput {
    pub slug: Slug,
    pub title: String,
    pub dek: String,
    pub body_md: String,
    pub category: Slug,
    pub tags: Vec<Slug>,
    pub series: Option<Term>,
    pub status: Status,
    pub published_at: Option<String>,
    pub updated_at: Option<String>,
}

pub struct NoteInput {
    pub slug: Slug,
    pub title: String,
    pub body_md: String,
    pub tags: Vec<Slug>,
    pub status: Status,
    pub published_at: Option<String>,
}

pub struct SummaryInput {
    pub slug: Slug,
    pub title: String,
    pub body_md: String,
    pub source: Slug,
    pub original_url: String,
    pub category: Slug,
    pub tags: Vec<Slug>,
    pub day: String,
    pub status: Status,
    pub published_at: Option<String>,
}

#[tracing::instrument(skip(tx))]
pub async fn upsert_category(
    tx: &mut Tx<'_>,
    term: &Term,
    description: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO categories (slug, name, description) VALUES (?, ?, ?)
         ON CONFLICT (slug) DO UPDATE SET name = excluded.name, description = excluded.description
         RETURNING id",
    )
    .bind(term.slug.as_str())
    .bind(&term.name)
    .bind(description)
    .fetch_one(&mut **tx)
    .await
}

#[tracing::instrument(skip(tx))]
pub async fn upsert_tag(tx: &mut Tx<'_>, term: &Term) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO tags (slug, name) VALUES (?, ?)
         ON CONFLICT (slug) DO UPDATE SET name = excluded.name RETURNING id",
    )
    .bind(term.slug.as_str())
    .bind(&term.name)
    .fetch_one(&mut **tx)
    .await
}

#[tracing::instrument(skip(tx))]
pub async fn upsert_source(tx: &mut Tx<'_>, term: &Term, url: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO sources (slug, name, url) VALUES (?, ?, ?)
         ON CONFLICT (slug) DO UPDATE SET name = excluded.name, url = excluded.url RETURNING id",
    )
    .bind(term.slug.as_str())
    .bind(&term.name)
    .bind(url)
    .fetch_one(&mut **tx)
    .await
}

pub async fn upsert_series(tx: &mut Tx<'_>, term: &Term) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO series (slug, name) VALUES (?, ?)
         ON CONFLICT (slug) DO UPDATE SET name = excluded.name RETURNING id",
    )
    .bind(term.slug.as_str())
    .bind(&term.name)
    .fetch_one(&mut **tx)
    .await
}

/// Looks up a taxonomy id by slug, creating a tag named after its slug when
/// it is new (categories and sources must exist: they carry more than a name).
async fn id_of(tx: &mut Tx<'_>, table: &str, slug: &Slug) -> Result<i64, sqlx::Error> {
    let sql = format!("SELECT id FROM {table} WHERE slug = ?");
    sqlx::query_scalar(&sql)
        .bind(slug.as_str())
        .fetch_one(&mut **tx)
        .await
}

async fn tag_ids(tx: &mut Tx<'_>, tags: &[Slug]) -> Result<Vec<i64>, sqlx::Error> {
    let mut ids = Vec::with_capacity(tags.len());
    for slug in tags {
        let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM tags WHERE slug = ?")
            .bind(slug.as_str())
            .fetch_optional(&mut **tx)
            .await?;
        let id = match existing {
            Some(id) => id,
            None => {
                upsert_tag(
                    tx,
                    &Term {
                        slug: slug.clone(),
                        name: slug.to_string(),
                    },
                )
                .await?
            }
        };
        ids.push(id);
    }
    Ok(ids)
}

#[tracing::instrument(skip(tx, input), fields(slug = %input.slug))]
pub async fn insert_article(
    tx: &mut Tx<'_>,
    input: &ArticleInput,
    now: &str,
) -> Result<i64, sqlx::Error> {
    let rendered = markdown::render(&input.body_md);
    let toc = serde_json::to_string(&rendered.toc).unwrap_or_else(|_| "[]".to_owned());
    let category_id = id_of(tx, "categories", &input.category).await?;
    let series_id = match &input.series {
        Some(series) => Some(upsert_series(tx, series).await?),
        None => None,
    };
    let updated_at = input
        .updated_at
        .as_deref()
        .or(input.published_at.as_deref())
        .unwrap_or(now);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO articles (slug, title, dek, body_md, body_html, body_text, toc_json,
             reading_minutes, category_id, series_id, status, published_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(input.slug.as_str())
    .bind(&input.title)
    .bind(&input.dek)
    .bind(&input.body_md)
    .bind(&rendered.html)
    .bind(&rendered.plain_text)
    .bind(toc)
    .bind(i64::from(rendered.reading_minutes))
    .bind(category_id)
    .bind(series_id)
    .bind(input.status.as_str())
    .bind(&input.published_at)
    .bind(now)
    .bind(updated_at)
    .fetch_one(&mut **tx)
    .await?;
    for tag_id in tag_ids(tx, &input.tags).await? {
        sqlx::query("INSERT INTO article_tags (article_id, tag_id) VALUES (?, ?)")
            .bind(id)
            .bind(tag_id)
            .execute(&mut **tx)
            .await?;
    }
    record_revision(
        tx,
        "article",
        id,
        &input.title,
        &input.dek,
        &input.body_md,
        now,
    )
    .await?;
    Ok(id)
}

#[tracing::instrument(skip(tx, input), fields(slug = %input.slug))]
pub async fn insert_note(
    tx: &mut Tx<'_>,
    input: &NoteInput,
    now: &str,
) -> Result<i64, sqlx::Error> {
    let rendered = markdown::render(&input.body_md);
    let published = input.published_at.as_deref().unwrap_or(now);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO notes (slug, title, body_md, body_html, body_text, status, published_at,
             created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(input.slug.as_str())
    .bind(&input.title)
    .bind(&input.body_md)
    .bind(&rendered.html)
    .bind(&rendered.plain_text)
    .bind(input.status.as_str())
    .bind(&input.published_at)
    .bind(now)
    .bind(published)
    .fetch_one(&mut **tx)
    .await?;
    for tag_id in tag_ids(tx, &input.tags).await? {
        sqlx::query("INSERT INTO note_tags (note_id, tag_id) VALUES (?, ?)")
            .bind(id)
            .bind(tag_id)
            .execute(&mut **tx)
            .await?;
    }
    record_revision(tx, "note", id, &input.title, "", &input.body_md, now).await?;
    Ok(id)
}

#[tracing::instrument(skip(tx, input), fields(slug = %input.slug))]
pub async fn insert_summary(
    tx: &mut Tx<'_>,
    input: &SummaryInput,
    now: &str,
) -> Result<i64, sqlx::Error> {
    let html = markdown::render_inline(&input.body_md);
    let source_id = id_of(tx, "sources", &input.source).await?;
    let category_id = id_of(tx, "categories", &input.category).await?;
    let published = input.published_at.as_deref().unwrap_or(now);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO summaries (slug, title, body_md, body_html, source_id, original_url,
             category_id, day, status, published_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(input.slug.as_str())
    .bind(&input.title)
    .bind(&input.body_md)
    .bind(html)
    .bind(source_id)
    .bind(&input.original_url)
    .bind(category_id)
    .bind(&input.day)
    .bind(input.status.as_str())
    .bind(&input.published_at)
    .bind(now)
    .bind(published)
    .fetch_one(&mut **tx)
    .await?;
    for tag_id in tag_ids(tx, &input.tags).await? {
        sqlx::query("INSERT INTO summary_tags (summary_id, tag_id) VALUES (?, ?)")
            .bind(id)
            .bind(tag_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(id)
}

pub(super) async fn record_revision(
    tx: &mut Tx<'_>,
    kind: &str,
    item_id: i64,
    title: &str,
    dek: &str,
    body_md: &str,
    now: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO revisions (kind, item_id, title, dek, body_md, created_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(kind)
    .bind(item_id)
    .bind(title)
    .bind(dek)
    .bind(body_md)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
