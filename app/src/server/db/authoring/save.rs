//! One save of one item, inside the caller's transaction: taxonomy found or
//! created by slug, the row inserted or updated only if its version is the
//! one the editor started from, its tags replaced, its revision kept.

use super::{revisions, table, tag_table};
use crate::domain::{ItemKind, Slug, Status};
use crate::server::db::write::{Term, Tx};

/// What the markdown renderer made of the body, computed before the
/// transaction so the write lock is held only for writing.
#[derive(Clone, Debug)]
pub struct RenderedBody {
    pub html: String,
    pub text: String,
    pub toc_json: String,
    pub reading_minutes: u32,
}

/// A validated item, ready to store.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub kind: ItemKind,
    pub id: Option<i64>,
    pub base_version: i64,
    pub slug: Slug,
    pub title: String,
    pub dek: String,
    pub body_md: String,
    pub rendered: RenderedBody,
    pub category: Option<Term>,
    pub tags: Vec<Term>,
    pub status: Status,
    pub published_at: Option<String>,
    pub source: Option<Term>,
    pub original_url: String,
    pub day: String,
    pub explicit: bool,
    /// Who saved it; `None` for an import, which runs with nobody signed in.
    pub user_id: Option<i64>,
    /// The open editor that sent it ([`crate::domain::SaveRequest::writer`]);
    /// empty for an import.
    pub writer: String,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Written {
    Saved {
        id: i64,
        version: i64,
        /// The item was or now is more than a draft, so readers' pages may
        /// have changed; a draft saved as a draft changes nothing they see.
        public_facing: bool,
    },
    /// The row has moved past `base_version`; nothing was written.
    Conflict,
    /// No such item.
    Missing,
}

#[tracing::instrument(skip_all, fields(kind = ?item.kind, id = ?item.id))]
pub async fn save(tx: &mut Tx<'_>, item: &Prepared, now: &str) -> Result<Written, sqlx::Error> {
    let category_id = match &item.category {
        Some(term) => Some(find_or_create(tx, "categories", term).await?),
        None => None,
    };
    let source_id = match &item.source {
        Some(term) => Some(find_or_create(tx, "sources", term).await?),
        None => None,
    };
    let was_public_facing = match item.id {
        Some(id) => sqlx::query_scalar::<_, bool>(&format!(
            "SELECT status <> 'draft' AND deleted_at IS NULL FROM {} WHERE id = ?",
            table(item.kind)
        ))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .unwrap_or(false),
        None => false,
    };
    let written = match item.id {
        None => Some(insert(tx, item, category_id, source_id, now).await?),
        Some(id) => update(tx, item, id, category_id, source_id, now).await?,
    };
    let Some((id, version)) = written else {
        let exists: Option<i64> =
            sqlx::query_scalar(&format!("SELECT id FROM {} WHERE id = ?", table(item.kind)))
                .bind(item.id)
                .fetch_optional(&mut **tx)
                .await?;
        return Ok(if exists.is_some() {
            Written::Conflict
        } else {
            Written::Missing
        });
    };
    replace_tags(tx, item.kind, id, &item.tags).await?;
    crate::server::db::media::replace_uses(tx, item.kind.as_str(), id, &[&item.body_md]).await?;
    if item.kind.has_history() {
        revisions::record(tx, item, id, now).await?;
    }
    Ok(Written::Saved {
        id,
        version,
        public_facing: was_public_facing || item.status != Status::Draft,
    })
}

async fn insert(
    tx: &mut Tx<'_>,
    item: &Prepared,
    category_id: Option<i64>,
    source_id: Option<i64>,
    now: &str,
) -> Result<(i64, i64), sqlx::Error> {
    let r = &item.rendered;
    let query = match item.kind {
        ItemKind::Article => sqlx::query_as::<_, (i64, i64)>(
            "INSERT INTO articles (slug, title, dek, body_md, body_html, body_text, toc_json,
                 reading_minutes, category_id, status, published_at, created_at, updated_at, last_writer)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id, version",
        )
        .bind(item.slug.as_str())
        .bind(&item.title)
        .bind(&item.dek)
        .bind(&item.body_md)
        .bind(&r.html)
        .bind(&r.text)
        .bind(&r.toc_json)
        .bind(i64::from(r.reading_minutes))
        .bind(category_id),
        ItemKind::Note => sqlx::query_as::<_, (i64, i64)>(
            "INSERT INTO notes (slug, title, body_md, body_html, body_text, status, published_at,
                 created_at, updated_at, last_writer)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id, version",
        )
        .bind(item.slug.as_str())
        .bind(&item.title)
        .bind(&item.body_md)
        .bind(&r.html)
        .bind(&r.text),
        ItemKind::Summary => sqlx::query_as::<_, (i64, i64)>(
            "INSERT INTO summaries (slug, title, body_md, body_html, source_id, original_url,
                 category_id, day, status, published_at, created_at, updated_at, last_writer)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id, version",
        )
        .bind(item.slug.as_str())
        .bind(&item.title)
        .bind(&item.body_md)
        .bind(&r.html)
        .bind(source_id)
        .bind(&item.original_url)
        .bind(category_id)
        .bind(&item.day),
    };
    query
        .bind(item.status.as_str())
        .bind(&item.published_at)
        .bind(now)
        .bind(now)
        .bind(&item.writer)
        .fetch_one(&mut **tx)
        .await
}

/// `None` when the row is not at `base_version` (or does not exist),
/// unless this editor wrote the row's current version: then every version
/// since its base is its own (a conflict would have stopped it otherwise),
/// and it only missed the answers.
async fn update(
    tx: &mut Tx<'_>,
    item: &Prepared,
    id: i64,
    category_id: Option<i64>,
    source_id: Option<i64>,
    now: &str,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    let r = &item.rendered;
    let query = match item.kind {
        ItemKind::Article => sqlx::query_as::<_, (i64, i64)>(
            "UPDATE articles SET slug = ?, title = ?, dek = ?, body_md = ?, body_html = ?, body_text = ?,
                 toc_json = ?, reading_minutes = ?, category_id = ?, status = ?, published_at = ?,
                 updated_at = ?, version = version + 1, last_writer = ?
             WHERE id = ? AND (version = ? OR (last_writer = ? AND last_writer <> ''))
             RETURNING id, version",
        )
        .bind(item.slug.as_str())
        .bind(&item.title)
        .bind(&item.dek)
        .bind(&item.body_md)
        .bind(&r.html)
        .bind(&r.text)
        .bind(&r.toc_json)
        .bind(i64::from(r.reading_minutes))
        .bind(category_id),
        ItemKind::Note => sqlx::query_as::<_, (i64, i64)>(
            "UPDATE notes SET slug = ?, title = ?, body_md = ?, body_html = ?, body_text = ?,
                 status = ?, published_at = ?, updated_at = ?, version = version + 1, last_writer = ?
             WHERE id = ? AND (version = ? OR (last_writer = ? AND last_writer <> ''))
             RETURNING id, version",
        )
        .bind(item.slug.as_str())
        .bind(&item.title)
        .bind(&item.body_md)
        .bind(&r.html)
        .bind(&r.text),
        ItemKind::Summary => sqlx::query_as::<_, (i64, i64)>(
            "UPDATE summaries SET slug = ?, title = ?, body_md = ?, body_html = ?, source_id = ?,
                 original_url = ?, category_id = ?, day = ?, status = ?, published_at = ?,
                 updated_at = ?, version = version + 1, last_writer = ?
             WHERE id = ? AND (version = ? OR (last_writer = ? AND last_writer <> ''))
             RETURNING id, version",
        )
        .bind(item.slug.as_str())
        .bind(&item.title)
        .bind(&item.body_md)
        .bind(&r.html)
        .bind(source_id)
        .bind(&item.original_url)
        .bind(category_id)
        .bind(&item.day),
    };
    query
        .bind(item.status.as_str())
        .bind(&item.published_at)
        .bind(now)
        .bind(&item.writer)
        .bind(id)
        .bind(item.base_version)
        .bind(&item.writer)
        .fetch_optional(&mut **tx)
        .await
}

/// The id of the category, tag or source the author means: the one with
/// this name (exactly, else in any letter case), else the one with this
/// slug, else a new one with the author's spelling. Names come first
/// because the editor deals in names, and a term's slug need not be the one
/// its name would give ("PostgreSQL" may file under `postgres`).
async fn find_or_create(tx: &mut Tx<'_>, table: &str, term: &Term) -> Result<i64, sqlx::Error> {
    let existing: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT id FROM {table} WHERE name = ?1 COLLATE NOCASE OR slug = ?2
         ORDER BY name = ?1 DESC, name = ?1 COLLATE NOCASE DESC, id LIMIT 1"
    ))
    .bind(&term.name)
    .bind(term.slug.as_str())
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(id) = existing {
        return Ok(id);
    }
    // A slug in use again no longer redirects to what it was renamed to.
    let kind = match table {
        "tags" => "tag",
        "categories" => "category",
        _ => "source",
    };
    sqlx::query("DELETE FROM term_redirects WHERE kind = ? AND old_slug = ?")
        .bind(kind)
        .bind(term.slug.as_str())
        .execute(&mut **tx)
        .await?;
    sqlx::query_scalar(&format!(
        "INSERT INTO {table} (slug, name) VALUES (?, ?) RETURNING id"
    ))
    .bind(term.slug.as_str())
    .bind(&term.name)
    .fetch_one(&mut **tx)
    .await
}

async fn replace_tags(
    tx: &mut Tx<'_>,
    kind: ItemKind,
    id: i64,
    tags: &[Term],
) -> Result<(), sqlx::Error> {
    let (join, column) = tag_table(kind);
    sqlx::query(&format!("DELETE FROM {join} WHERE {column} = ?"))
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for term in tags {
        let tag_id = find_or_create(tx, "tags", term).await?;
        sqlx::query(&format!(
            "INSERT OR IGNORE INTO {join} ({column}, tag_id) VALUES (?, ?)"
        ))
        .bind(id)
        .bind(tag_id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
