//! An item as the editor edits it, whatever its state.

use sqlx::SqlitePool;

use super::{table, tag_table};
use crate::domain::{EditorDoc, ItemKind, Status};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    version: i64,
    slug: String,
    title: String,
    dek: String,
    body_md: String,
    category: String,
    status: String,
    published_at: Option<String>,
    deleted_at: Option<String>,
    updated_at: String,
    source: String,
    original_url: String,
    day: String,
}

#[tracing::instrument(skip(pool))]
pub async fn load(
    pool: &SqlitePool,
    kind: ItemKind,
    id: i64,
) -> Result<Option<EditorDoc>, sqlx::Error> {
    let sql = match kind {
        ItemKind::Article => {
            "SELECT a.id, a.version, a.slug, a.title, a.dek, a.body_md, c.name AS category, a.status,
                    a.published_at, a.deleted_at, a.updated_at, '' AS source, '' AS original_url, '' AS day
             FROM articles a JOIN categories c ON c.id = a.category_id WHERE a.id = ?"
        }
        ItemKind::Note => {
            "SELECT id, version, slug, title, '' AS dek, body_md, '' AS category, status,
                    published_at, deleted_at, updated_at, '' AS source, '' AS original_url, '' AS day
             FROM notes WHERE id = ?"
        }
        ItemKind::Summary => {
            "SELECT s.id, s.version, s.slug, s.title, '' AS dek, s.body_md, c.name AS category, s.status,
                    s.published_at, s.deleted_at, s.updated_at, src.name AS source, s.original_url, s.day
             FROM summaries s JOIN categories c ON c.id = s.category_id
             JOIN sources src ON src.id = s.source_id WHERE s.id = ?"
        }
    };
    let Some(row) = sqlx::query_as::<_, Row>(sql)
        .bind(id)
        .fetch_optional(pool)
        .await?
    else {
        return Ok(None);
    };
    let (join, column) = tag_table(kind);
    let tags: Vec<String> = sqlx::query_scalar(&format!(
        "SELECT t.name FROM {join} j JOIN tags t ON t.id = j.tag_id WHERE j.{column} = ? ORDER BY t.name"
    ))
    .bind(id)
    .fetch_all(pool)
    .await?;
    Ok(Some(EditorDoc {
        kind,
        id: Some(row.id),
        version: row.version,
        title: row.title,
        slug: row.slug,
        dek: row.dek,
        body_md: row.body_md,
        category: row.category,
        tags,
        status: Status::parse(&row.status),
        publish_at: row.published_at,
        source: row.source,
        original_url: row.original_url,
        day: row.day,
        deleted_at: row.deleted_at,
        updated_at: row.updated_at,
    }))
}

/// The id of the item of `kind` that has `slug`, if any.
pub async fn id_by_slug(
    pool: &SqlitePool,
    kind: ItemKind,
    slug: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(&format!("SELECT id FROM {} WHERE slug = ?", table(kind)))
        .bind(slug)
        .fetch_optional(pool)
        .await
}
