//! Revision history of articles and notes. A burst of autosaves updates one
//! open revision instead of adding one per pause in typing; an explicit save
//! (or a long enough pause) seals it, so history reads as the author's
//! intentions rather than as a keystroke log.

use sqlx::SqlitePool;

use super::save::Prepared;
use crate::domain::{word_count, ItemKind, RevisionInfo};
use crate::server::db::write::Tx;

/// Autosaves closer together than this belong to one editing burst.
const BURST_SECONDS: i64 = 10 * 60;

#[derive(sqlx::FromRow)]
struct Latest {
    id: i64,
    title: String,
    dek: String,
    body_md: String,
    sealed: bool,
    fresh: bool,
}

/// Keeps the item's content as a revision, if it changed since the last one.
pub async fn record(
    tx: &mut Tx<'_>,
    item: &Prepared,
    item_id: i64,
    now: &str,
) -> Result<(), sqlx::Error> {
    let kind = item.kind.as_str();
    let latest: Option<Latest> = sqlx::query_as(
        "SELECT id, title, dek, body_md, sealed,
                (unixepoch(?) - unixepoch(COALESCE(saved_at, created_at))) < ? AS fresh
         FROM revisions WHERE kind = ? AND item_id = ? ORDER BY id DESC LIMIT 1",
    )
    .bind(now)
    .bind(BURST_SECONDS)
    .bind(kind)
    .bind(item_id)
    .fetch_optional(&mut **tx)
    .await?;
    let sealed = i64::from(item.explicit);
    if let Some(latest) = &latest {
        let unchanged =
            latest.title == item.title && latest.dek == item.dek && latest.body_md == item.body_md;
        if unchanged {
            if item.explicit && !latest.sealed {
                sqlx::query("UPDATE revisions SET sealed = 1 WHERE id = ?")
                    .bind(latest.id)
                    .execute(&mut **tx)
                    .await?;
            }
            return Ok(());
        }
        if !latest.sealed && latest.fresh {
            sqlx::query(
                "UPDATE revisions SET title = ?, dek = ?, body_md = ?, saved_at = ?, sealed = ?, user_id = ?
                 WHERE id = ?",
            )
            .bind(&item.title)
            .bind(&item.dek)
            .bind(&item.body_md)
            .bind(now)
            .bind(sealed)
            .bind(item.user_id)
            .bind(latest.id)
            .execute(&mut **tx)
            .await?;
            return Ok(());
        }
    }
    sqlx::query(
        "INSERT INTO revisions (kind, item_id, title, dek, body_md, user_id, created_at, saved_at, sealed)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(kind)
    .bind(item_id)
    .bind(&item.title)
    .bind(&item.dek)
    .bind(&item.body_md)
    .bind(item.user_id)
    .bind(now)
    .bind(now)
    .bind(sealed)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Closes the open revision of an item, so the next save starts a new one
/// (restoring an old revision must not overwrite the current one).
pub async fn seal_latest(
    pool: &SqlitePool,
    kind: ItemKind,
    item_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE revisions SET sealed = 1 WHERE kind = ? AND item_id = ? AND sealed = 0")
        .bind(kind.as_str())
        .bind(item_id)
        .execute(pool)
        .await?;
    Ok(())
}

#[tracing::instrument(skip(pool))]
pub async fn list(
    pool: &SqlitePool,
    kind: ItemKind,
    item_id: i64,
) -> Result<Vec<RevisionInfo>, sqlx::Error> {
    let rows: Vec<(i64, String, String, Option<String>, String)> = sqlx::query_as(
        "SELECT id, title, created_at, saved_at, body_md FROM revisions
         WHERE kind = ? AND item_id = ? ORDER BY id DESC LIMIT 200",
    )
    .bind(kind.as_str())
    .bind(item_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, created_at, saved_at, body)| RevisionInfo {
            id,
            title,
            saved_at: saved_at.unwrap_or_else(|| created_at.clone()),
            created_at,
            words: word_count(&body),
        })
        .collect())
}

/// (title, dek, body) of one revision of one item.
pub async fn content(
    pool: &SqlitePool,
    kind: ItemKind,
    item_id: i64,
    revision: i64,
) -> Result<Option<(String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT title, dek, body_md FROM revisions WHERE id = ? AND kind = ? AND item_id = ?",
    )
    .bind(revision)
    .bind(kind.as_str())
    .bind(item_id)
    .fetch_optional(pool)
    .await
}
