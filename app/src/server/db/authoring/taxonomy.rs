//! Renaming, merging and deleting tags, categories and sources, each in one
//! transaction, with the redirects that keep old addresses working.

use sqlx::SqlitePool;

use crate::domain::{TermKind, TermRow};
use crate::server::db::write::Tx;

fn table(kind: TermKind) -> &'static str {
    match kind {
        TermKind::Tag => "tags",
        TermKind::Category => "categories",
        TermKind::Source => "sources",
    }
}

/// How many items use each term of a kind, in any state: a term a draft or
/// a trashed item still carries is in use.
fn uses_sql(kind: TermKind) -> &'static str {
    match kind {
        TermKind::Tag => {
            "(SELECT COUNT(*) FROM article_tags WHERE tag_id = t.id)
           + (SELECT COUNT(*) FROM note_tags WHERE tag_id = t.id)
           + (SELECT COUNT(*) FROM summary_tags WHERE tag_id = t.id)"
        }
        TermKind::Category => {
            "(SELECT COUNT(*) FROM articles WHERE category_id = t.id)
           + (SELECT COUNT(*) FROM summaries WHERE category_id = t.id)"
        }
        TermKind::Source => "(SELECT COUNT(*) FROM summaries WHERE source_id = t.id)",
    }
}

pub async fn list(pool: &SqlitePool, kind: TermKind) -> Result<Vec<TermRow>, sqlx::Error> {
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(&format!(
        "SELECT t.id, t.slug, t.name, {} FROM {} t ORDER BY t.name COLLATE NOCASE",
        uses_sql(kind),
        table(kind)
    ))
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, slug, name, uses)| TermRow {
            id,
            slug,
            name,
            uses,
        })
        .collect())
}

async fn find(tx: &mut Tx<'_>, kind: TermKind, id: i64) -> Result<Option<TermRow>, sqlx::Error> {
    let row: Option<(i64, String, String, i64)> = sqlx::query_as(&format!(
        "SELECT t.id, t.slug, t.name, {} FROM {} t WHERE t.id = ?",
        uses_sql(kind),
        table(kind)
    ))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|(id, slug, name, uses)| TermRow {
        id,
        slug,
        name,
        uses,
    }))
}

#[derive(Debug, PartialEq, Eq)]
pub enum Changed {
    Done,
    Missing,
    /// Another term of the kind already has the slug.
    SlugTaken(String),
    /// The term is still used by this many items.
    InUse(i64),
}

pub async fn rename(
    pool: &SqlitePool,
    kind: TermKind,
    id: i64,
    name: &str,
    slug: &str,
) -> Result<Changed, sqlx::Error> {
    let mut tx = crate::server::db::begin_write(pool).await?;
    let Some(current) = find(&mut tx, kind, id).await? else {
        return Ok(Changed::Missing);
    };
    if current.slug != slug {
        let taken: Option<String> = sqlx::query_scalar(&format!(
            "SELECT name FROM {} WHERE slug = ? AND id <> ?",
            table(kind)
        ))
        .bind(slug)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(other) = taken {
            return Ok(Changed::SlugTaken(other));
        }
        redirect(&mut tx, kind, &current.slug, id).await?;
        sqlx::query("DELETE FROM term_redirects WHERE kind = ? AND old_slug = ?")
            .bind(kind.as_str())
            .bind(slug)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(&format!(
        "UPDATE {} SET name = ?, slug = ? WHERE id = ?",
        table(kind)
    ))
    .bind(name)
    .bind(slug)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Changed::Done)
}

/// The old slug now leads to `term_id`.
async fn redirect(
    tx: &mut Tx<'_>,
    kind: TermKind,
    old_slug: &str,
    term_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT OR REPLACE INTO term_redirects (kind, old_slug, term_id) VALUES (?, ?, ?)")
        .bind(kind.as_str())
        .bind(old_slug)
        .bind(term_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn merge(
    pool: &SqlitePool,
    kind: TermKind,
    from: i64,
    into: i64,
) -> Result<Changed, sqlx::Error> {
    let mut tx = crate::server::db::begin_write(pool).await?;
    let (Some(gone), Some(_)) = (
        find(&mut tx, kind, from).await?,
        find(&mut tx, kind, into).await?,
    ) else {
        return Ok(Changed::Missing);
    };
    let moves: &[&str] = match kind {
        TermKind::Tag => &[
            "INSERT OR IGNORE INTO article_tags (article_id, tag_id) SELECT article_id, ?2 FROM article_tags WHERE tag_id = ?1",
            "INSERT OR IGNORE INTO note_tags (note_id, tag_id) SELECT note_id, ?2 FROM note_tags WHERE tag_id = ?1",
            "INSERT OR IGNORE INTO summary_tags (summary_id, tag_id) SELECT summary_id, ?2 FROM summary_tags WHERE tag_id = ?1",
            "DELETE FROM article_tags WHERE tag_id = ?1",
            "DELETE FROM note_tags WHERE tag_id = ?1",
            "DELETE FROM summary_tags WHERE tag_id = ?1",
        ],
        TermKind::Category => &[
            "UPDATE articles SET category_id = ?2 WHERE category_id = ?1",
            "UPDATE summaries SET category_id = ?2 WHERE category_id = ?1",
        ],
        TermKind::Source => &["UPDATE summaries SET source_id = ?2 WHERE source_id = ?1"],
    };
    for sql in moves {
        sqlx::query(sql)
            .bind(from)
            .bind(into)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("UPDATE term_redirects SET term_id = ? WHERE kind = ? AND term_id = ?")
        .bind(into)
        .bind(kind.as_str())
        .bind(from)
        .execute(&mut *tx)
        .await?;
    redirect(&mut tx, kind, &gone.slug, into).await?;
    sqlx::query(&format!("DELETE FROM {} WHERE id = ?", table(kind)))
        .bind(from)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Changed::Done)
}

pub async fn delete_unused(
    pool: &SqlitePool,
    kind: TermKind,
    id: i64,
) -> Result<Changed, sqlx::Error> {
    let mut tx = crate::server::db::begin_write(pool).await?;
    let Some(term) = find(&mut tx, kind, id).await? else {
        return Ok(Changed::Missing);
    };
    if term.uses > 0 {
        return Ok(Changed::InUse(term.uses));
    }
    sqlx::query("DELETE FROM term_redirects WHERE kind = ? AND term_id = ?")
        .bind(kind.as_str())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(&format!("DELETE FROM {} WHERE id = ?", table(kind)))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Changed::Done)
}

/// Where an old slug went: the term's current slug, if it was renamed or
/// merged away.
pub async fn redirected(
    pool: &SqlitePool,
    kind: TermKind,
    old_slug: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(&format!(
        "SELECT t.slug FROM term_redirects r JOIN {} t ON t.id = r.term_id
         WHERE r.kind = ? AND r.old_slug = ?",
        table(kind)
    ))
    .bind(kind.as_str())
    .bind(old_slug)
    .fetch_optional(pool)
    .await
}
