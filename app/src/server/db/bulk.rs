//! Rows written many at a time, already rendered: what `folio generate`
//! uses to fill a database with a large site quickly. The columns are the
//! ones `write.rs` fills, revision included, so the rows (and the search
//! index rows the triggers add) are indistinguishable from saved ones.

use sqlx::query::QueryScalar;
use sqlx::sqlite::{Sqlite, SqliteArguments};

use super::write::{record_revision, Tx};

/// An item's place in its life, as the columns store it.
pub struct Lifecycle {
    pub status: &'static str,
    pub published_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

pub struct ArticleRow {
    pub slug: String,
    pub title: String,
    pub dek: String,
    pub body_md: String,
    pub body_html: String,
    pub body_text: String,
    pub toc_json: String,
    pub reading_minutes: u32,
    pub category_id: i64,
    pub tag_ids: Vec<i64>,
    pub life: Lifecycle,
}

pub struct NoteRow {
    pub slug: String,
    pub title: String,
    pub body_md: String,
    pub body_html: String,
    pub body_text: String,
    pub tag_ids: Vec<i64>,
    pub life: Lifecycle,
}

pub struct SummaryRow {
    pub slug: String,
    pub title: String,
    pub body_md: String,
    pub body_html: String,
    pub source_id: i64,
    pub original_url: String,
    pub category_id: i64,
    pub day: String,
    pub tag_ids: Vec<i64>,
    pub life: Lifecycle,
}

pub async fn insert_articles(tx: &mut Tx<'_>, rows: &[ArticleRow]) -> Result<(), sqlx::Error> {
    for row in rows {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO articles (slug, title, dek, body_md, body_html, body_text, toc_json,
                 reading_minutes, category_id, status, published_at, created_at, updated_at,
                 deleted_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&row.slug)
        .bind(&row.title)
        .bind(&row.dek)
        .bind(&row.body_md)
        .bind(&row.body_html)
        .bind(&row.body_text)
        .bind(&row.toc_json)
        .bind(i64::from(row.reading_minutes))
        .bind(row.category_id)
        .bind_life(&row.life)
        .fetch_one(&mut **tx)
        .await?;
        link_tags(
            tx,
            "INSERT INTO article_tags (article_id, tag_id) VALUES (?, ?)",
            id,
            &row.tag_ids,
        )
        .await?;
        let at = &row.life.updated_at;
        record_revision(tx, "article", id, &row.title, &row.dek, &row.body_md, at).await?;
    }
    Ok(())
}

pub async fn insert_notes(tx: &mut Tx<'_>, rows: &[NoteRow]) -> Result<(), sqlx::Error> {
    for row in rows {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO notes (slug, title, body_md, body_html, body_text, status, published_at,
                 created_at, updated_at, deleted_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&row.slug)
        .bind(&row.title)
        .bind(&row.body_md)
        .bind(&row.body_html)
        .bind(&row.body_text)
        .bind_life(&row.life)
        .fetch_one(&mut **tx)
        .await?;
        link_tags(
            tx,
            "INSERT INTO note_tags (note_id, tag_id) VALUES (?, ?)",
            id,
            &row.tag_ids,
        )
        .await?;
        let at = &row.life.updated_at;
        record_revision(tx, "note", id, &row.title, "", &row.body_md, at).await?;
    }
    Ok(())
}

pub async fn insert_summaries(tx: &mut Tx<'_>, rows: &[SummaryRow]) -> Result<(), sqlx::Error> {
    for row in rows {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO summaries (slug, title, body_md, body_html, source_id, original_url,
                 category_id, day, status, published_at, created_at, updated_at, deleted_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&row.slug)
        .bind(&row.title)
        .bind(&row.body_md)
        .bind(&row.body_html)
        .bind(row.source_id)
        .bind(&row.original_url)
        .bind(row.category_id)
        .bind(&row.day)
        .bind_life(&row.life)
        .fetch_one(&mut **tx)
        .await?;
        link_tags(
            tx,
            "INSERT INTO summary_tags (summary_id, tag_id) VALUES (?, ?)",
            id,
            &row.tag_ids,
        )
        .await?;
    }
    Ok(())
}

async fn link_tags(
    tx: &mut Tx<'_>,
    sql: &'static str,
    id: i64,
    tags: &[i64],
) -> Result<(), sqlx::Error> {
    for tag in tags {
        sqlx::query(sql)
            .bind(id)
            .bind(tag)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Binds the five lifecycle columns every insert above ends with.
trait BindLife<'q> {
    fn bind_life(self, life: &'q Lifecycle) -> Self;
}

impl<'q> BindLife<'q> for QueryScalar<'q, Sqlite, i64, SqliteArguments<'q>> {
    fn bind_life(self, life: &'q Lifecycle) -> Self {
        self.bind(life.status)
            .bind(&life.published_at)
            .bind(&life.created_at)
            .bind(&life.updated_at)
            .bind(&life.deleted_at)
    }
}
