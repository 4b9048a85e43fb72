//! The SQL of import and export that the editor's write path does not
//! already have: listing what to export, finding an item by slug inside
//! the import's transaction, and putting back the times and series a
//! file carries (a save stamps its own time; an import keeps the file's).

use sqlx::{SqliteExecutor, SqlitePool};

use super::authoring::table;
use super::write::{Term, Tx};
use crate::domain::ItemKind;

/// What export needs of an item beyond what the editor loads.
#[derive(Debug, sqlx::FromRow)]
pub struct ItemRow {
    pub id: i64,
    pub created_at: String,
    pub series: Option<String>,
}

/// Every item of a kind, by slug; the trash only when asked.
#[tracing::instrument(skip(pool))]
pub async fn items(
    pool: &SqlitePool,
    kind: ItemKind,
    include_trash: bool,
) -> Result<Vec<ItemRow>, sqlx::Error> {
    let series = match kind {
        ItemKind::Article => "(SELECT s.name FROM series s WHERE s.id = t.series_id)",
        ItemKind::Note | ItemKind::Summary => "NULL",
    };
    let trash = if include_trash {
        ""
    } else {
        "WHERE t.deleted_at IS NULL"
    };
    sqlx::query_as(&format!(
        "SELECT t.id, t.created_at, {series} AS series FROM {} t {trash} ORDER BY t.slug",
        table(kind)
    ))
    .fetch_all(pool)
    .await
}

/// (slug, name, extra) of every row of a taxonomy table, by slug; `extra`
/// is the category's description or the source's site, empty otherwise.
#[tracing::instrument(skip(pool))]
pub async fn terms(
    pool: &SqlitePool,
    table: TermTable,
) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    let extra = match table {
        TermTable::Categories => "description",
        TermTable::Sources => "url",
        TermTable::Tags | TermTable::Series => "''",
    };
    sqlx::query_as(&format!(
        "SELECT slug, name, {extra} FROM {} ORDER BY slug",
        table.name()
    ))
    .fetch_all(pool)
    .await
}

#[derive(Clone, Copy, Debug)]
pub enum TermTable {
    Categories,
    Tags,
    Sources,
    Series,
}

impl TermTable {
    fn name(self) -> &'static str {
        match self {
            TermTable::Categories => "categories",
            TermTable::Tags => "tags",
            TermTable::Sources => "sources",
            TermTable::Series => "series",
        }
    }
}

/// The tech stack as listed, each group with its items in order.
#[tracing::instrument(skip(pool))]
pub async fn stack(pool: &SqlitePool) -> Result<Vec<(String, Vec<String>)>, sqlx::Error> {
    let rows: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT g.name, i.name FROM stack_groups g LEFT JOIN stack_items i ON i.group_id = g.id
         ORDER BY g.position, g.id, i.position, i.id",
    )
    .fetch_all(pool)
    .await?;
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for (group, item) in rows {
        if groups.last().is_none_or(|(name, _)| *name != group) {
            groups.push((group, Vec::new()));
        }
        if let (Some(item), Some((_, items))) = (item, groups.last_mut()) {
            items.push(item);
        }
    }
    Ok(groups)
}

/// The name of every stored image, in order.
#[tracing::instrument(skip(pool))]
pub async fn media_names(pool: &SqlitePool) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM media ORDER BY name")
        .fetch_all(pool)
        .await
}

/// The id and version of the item of `kind` with this slug.
pub async fn existing(
    executor: impl SqliteExecutor<'_>,
    kind: ItemKind,
    slug: &str,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT id, version FROM {} WHERE slug = ?",
        table(kind)
    ))
    .bind(slug)
    .fetch_optional(executor)
    .await
}

/// The times a file gives an item, over the ones its save just stamped.
/// `None` keeps the stamped time; the trash time is the file's, whatever it is.
pub struct Times<'a> {
    pub created: Option<&'a str>,
    pub updated: Option<&'a str>,
    pub deleted: Option<&'a str>,
}

pub async fn set_times(
    tx: &mut Tx<'_>,
    kind: ItemKind,
    id: i64,
    times: &Times<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "UPDATE {} SET created_at = COALESCE(?, created_at), updated_at = COALESCE(?, updated_at),
             deleted_at = ? WHERE id = ?",
        table(kind)
    ))
    .bind(times.created)
    .bind(times.updated)
    .bind(times.deleted)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Puts an article in the series named (created when new), or in none.
pub async fn set_series(
    tx: &mut Tx<'_>,
    article_id: i64,
    series: Option<&Term>,
) -> Result<(), sqlx::Error> {
    let series_id = match series {
        Some(term) => Some(find_series(tx, term).await?),
        None => None,
    };
    sqlx::query("UPDATE articles SET series_id = ? WHERE id = ?")
        .bind(series_id)
        .bind(article_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A series by name first, as the editor's terms are found, then by slug.
async fn find_series(tx: &mut Tx<'_>, term: &Term) -> Result<i64, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM series WHERE name = ?1 OR slug = ?2 ORDER BY name = ?1 DESC LIMIT 1",
    )
    .bind(&term.name)
    .bind(term.slug.as_str())
    .fetch_optional(&mut **tx)
    .await?;
    match found {
        Some(id) => Ok(id),
        None => super::write::upsert_series(tx, term).await,
    }
}
