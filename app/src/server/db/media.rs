//! The `media` table and which items use each image.

use std::collections::HashMap;

use sqlx::{SqliteExecutor, SqlitePool};

use super::write::Tx;
use crate::domain::{media_names_in, MediaItem, MediaUse, MEDIA_PREFIX};

/// One stored image, for serving.
pub struct Stored {
    pub content_type: String,
    pub bytes: Vec<u8>,
}

pub async fn find(pool: &SqlitePool, name: &str) -> Result<Option<Stored>, sqlx::Error> {
    let row: Option<(String, Vec<u8>)> =
        sqlx::query_as("SELECT content_type, bytes FROM media WHERE name = ?")
            .bind(name)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(content_type, bytes)| Stored {
        content_type,
        bytes,
    }))
}

/// Width and height of every uploaded image `text` points at, so the
/// renderer can write them on the `<img>` and the page does not shift.
pub async fn dimensions_for<'e>(
    executor: impl SqliteExecutor<'e>,
    texts: &[&str],
) -> Result<HashMap<String, (u32, u32)>, sqlx::Error> {
    let mut names: Vec<String> = Vec::new();
    for text in texts {
        for name in media_names_in(text) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    if names.is_empty() {
        return Ok(HashMap::new());
    }
    // One JSON array parameter instead of a variable number of `?`.
    let list = serde_json::to_string(&names).unwrap_or_else(|_| "[]".to_owned());
    let rows: Vec<(String, u32, u32)> = sqlx::query_as(
        "SELECT name, width, height FROM media WHERE name IN (SELECT value FROM json_each(?))",
    )
    .bind(list)
    .fetch_all(executor)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(name, w, h)| (name, (w, h)))
        .collect())
}

/// Records which images an item's text uses, replacing what was recorded.
pub async fn replace_uses(
    tx: &mut Tx<'_>,
    kind: &str,
    item_id: i64,
    texts: &[&str],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM media_uses WHERE kind = ? AND item_id = ?")
        .bind(kind)
        .bind(item_id)
        .execute(&mut **tx)
        .await?;
    for text in texts {
        for name in media_names_in(text) {
            sqlx::query("INSERT OR IGNORE INTO media_uses (name, kind, item_id) VALUES (?, ?, ?)")
                .bind(&name)
                .bind(kind)
                .bind(item_id)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    name: String,
    filename: String,
    content_type: String,
    width: u32,
    height: u32,
    size: i64,
    created_at: String,
}

/// Every image, newest first, each with the items that use it.
pub async fn library(pool: &SqlitePool) -> Result<Vec<MediaItem>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT name, filename, content_type, width, height, size, created_at
         FROM media ORDER BY created_at DESC, id DESC",
    )
    .fetch_all(pool)
    .await?;
    let uses: Vec<(String, String, i64, Option<String>)> = sqlx::query_as(
        "SELECT u.name, u.kind, u.item_id,
                CASE u.kind
                    WHEN 'article' THEN (SELECT title FROM articles WHERE id = u.item_id)
                    WHEN 'note' THEN (SELECT title FROM notes WHERE id = u.item_id)
                    WHEN 'summary' THEN (SELECT title FROM summaries WHERE id = u.item_id)
                    ELSE 'About page'
                END
         FROM media_uses u JOIN media m ON m.name = u.name
         ORDER BY u.kind, u.item_id",
    )
    .fetch_all(pool)
    .await?;
    let mut by_name: HashMap<String, Vec<MediaUse>> = HashMap::new();
    for (name, kind, id, title) in uses {
        let Some(title) = title else { continue };
        let (label, edit_href) = match kind.as_str() {
            "profile" => ("Profile".to_owned(), "/admin/profile".to_owned()),
            other => (
                crate::domain::ItemKind::parse(other)
                    .map_or("Item", |k| k.label())
                    .to_owned(),
                format!("/admin/edit/{other}/{id}"),
            ),
        };
        by_name.entry(name).or_default().push(MediaUse {
            kind: label,
            title,
            edit_href,
        });
    }
    Ok(rows
        .into_iter()
        .map(|row| MediaItem {
            url: format!("{MEDIA_PREFIX}{}", row.name),
            uses: by_name.remove(&row.name).unwrap_or_default(),
            name: row.name,
            filename: row.filename,
            content_type: row.content_type,
            width: row.width,
            height: row.height,
            size: u64::try_from(row.size).unwrap_or_default(),
            created_at: row.created_at,
        })
        .collect())
}

/// What deleting an image came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Deleted {
    Deleted,
    /// Still used by this many items; nothing was deleted.
    InUse(i64),
    Missing,
}

/// Deletes an image only if no item uses it, checked in the same
/// transaction as the delete.
pub async fn delete_unused(pool: &SqlitePool, name: &str) -> Result<Deleted, sqlx::Error> {
    let mut tx = crate::server::db::begin_write(pool).await?;
    let uses: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM media_uses u WHERE u.name = ? AND (
             (u.kind = 'article' AND EXISTS (SELECT 1 FROM articles WHERE id = u.item_id))
          OR (u.kind = 'note' AND EXISTS (SELECT 1 FROM notes WHERE id = u.item_id))
          OR (u.kind = 'summary' AND EXISTS (SELECT 1 FROM summaries WHERE id = u.item_id))
          OR u.kind = 'profile')",
    )
    .bind(name)
    .fetch_one(&mut *tx)
    .await?;
    if uses > 0 {
        return Ok(Deleted::InUse(uses));
    }
    let gone = sqlx::query("DELETE FROM media WHERE name = ?")
        .bind(name)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok(if gone == 1 {
        Deleted::Deleted
    } else {
        Deleted::Missing
    })
}
