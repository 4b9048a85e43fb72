//! The short lists the home page shows: latest notes and summaries, and the
//! articles written during each role of the experience timeline.

use sqlx::SqlitePool;

use crate::domain::{dates, ArticleLink, NoteTeaser, SummaryTeaser};
use crate::markdown::excerpt;
use crate::public;

const EXCERPT_CHARS: usize = 180;

#[tracing::instrument(level = "debug", skip(pool))]
pub async fn latest_notes(
    pool: &SqlitePool,
    now: &str,
    limit: u32,
) -> Result<Vec<NoteTeaser>, sqlx::Error> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(LATEST_NOTES)
        .bind(now)
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, title, published_at, text)| NoteTeaser {
            slug,
            title,
            published: dates::day_of(&published_at).unwrap_or_default(),
            excerpt: excerpt(&text, EXCERPT_CHARS),
        })
        .collect())
}

#[tracing::instrument(level = "debug", skip(pool))]
pub async fn latest_summaries(
    pool: &SqlitePool,
    now: &str,
    limit: u32,
) -> Result<Vec<SummaryTeaser>, sqlx::Error> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(LATEST_SUMMARIES)
        .bind(now)
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(title, source, original_url, day)| SummaryTeaser {
            title,
            source,
            original_url,
            day,
        })
        .collect())
}

/// The newest `limit` public articles published from the first day of
/// `start_month` to the last day of `end_month` (or now), and how many
/// there are in all: a role lists a few and counts the rest.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn articles_between(
    pool: &SqlitePool,
    now: &str,
    start_month: &str,
    end_month: Option<&str>,
    limit: u32,
) -> Result<(Vec<ArticleLink>, u32), sqlx::Error> {
    let from = format!("{start_month}-01T00:00:00Z");
    // "YYYY-MM-" sorts after every instant in that month and before the next.
    let until = end_month.map_or_else(|| "9999".to_owned(), |m| format!("{m}-99"));
    let total: i64 = sqlx::query_scalar(COUNT_BETWEEN)
        .bind(now)
        .bind(&from)
        .bind(&until)
        .fetch_one(pool)
        .await?;
    let rows: Vec<(String, String, String)> = sqlx::query_as(ARTICLES_BETWEEN)
        .bind(now)
        .bind(from)
        .bind(until)
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await?;
    let links = rows
        .into_iter()
        .map(|(slug, title, published_at)| ArticleLink {
            slug,
            title,
            published: dates::day_of(&published_at).unwrap_or_default(),
        })
        .collect();
    Ok((links, u32::try_from(total).unwrap_or(0)))
}

pub(super) const LATEST_NOTES: &str = concat!(
    "SELECT n.slug, n.title, n.published_at, n.body_text FROM notes n WHERE ",
    public!("n"),
    " ORDER BY n.published_at DESC, n.id DESC LIMIT ?"
);

pub(super) const LATEST_SUMMARIES: &str = concat!(
    "SELECT s.title, src.name, s.original_url, s.day
     FROM summaries s CROSS JOIN sources src ON src.id = s.source_id WHERE ",
    public!("s"),
    " ORDER BY s.day DESC, s.published_at DESC, s.id DESC LIMIT ?"
);

pub(super) const COUNT_BETWEEN: &str = concat!(
    "SELECT COUNT(*) FROM articles a WHERE ",
    public!("a"),
    " AND a.published_at >= ? AND a.published_at < ?"
);

pub(super) const ARTICLES_BETWEEN: &str = concat!(
    "SELECT a.slug, a.title, a.published_at FROM articles a WHERE ",
    public!("a"),
    " AND a.published_at >= ? AND a.published_at < ?
      ORDER BY a.published_at DESC, a.id DESC LIMIT ?"
);
