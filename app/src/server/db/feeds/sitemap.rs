//! Every public page a search engine should know about, with the time it
//! last changed: the section pages, each article and note, and each tag
//! that something public carries.

use sqlx::SqlitePool;

use crate::public;

/// One `<url>` of the sitemap: a site-relative path and its last change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SitemapEntry {
    /// Starts with `/`.
    pub path: String,
    /// `YYYY-MM-DDTHH:MM:SSZ`; `None` when the page lists nothing yet.
    pub lastmod: Option<String>,
}

#[derive(sqlx::FromRow)]
struct UrlRow {
    path: String,
    lastmod: Option<String>,
}

/// The section pages first, then articles, notes and tags, each newest first.
#[tracing::instrument(skip(pool))]
pub async fn sitemap_entries(
    pool: &SqlitePool,
    now: &str,
) -> Result<Vec<SitemapEntry>, sqlx::Error> {
    let sections: Vec<UrlRow> = sqlx::query_as(concat!(
        "WITH latest(kind, at) AS (
             SELECT 'articles', MAX(MAX(a.updated_at, a.published_at)) FROM articles a WHERE ",
        public!("a"),
        " UNION ALL SELECT 'notes', MAX(MAX(n.updated_at, n.published_at)) FROM notes n WHERE ",
        public!("n"),
        " UNION ALL SELECT 'summaries', MAX(MAX(s.updated_at, s.published_at)) FROM summaries s WHERE ",
        public!("s"),
        ")
         SELECT '/' AS path, (SELECT MAX(at) FROM latest) AS lastmod
         UNION ALL SELECT '/' || kind, at FROM latest
         UNION ALL SELECT '/tags', (SELECT MAX(at) FROM latest)"
    ))
    .bind(now)
    .bind(now)
    .bind(now)
    .fetch_all(pool)
    .await?;
    let items: Vec<UrlRow> = sqlx::query_as(concat!(
        "SELECT path, lastmod FROM (
             SELECT 0 AS kind, '/articles/' || a.slug AS path,
                    MAX(a.updated_at, a.published_at) AS lastmod
             FROM articles a WHERE ",
        public!("a"),
        " UNION ALL
             SELECT 1, '/notes/' || n.slug, MAX(n.updated_at, n.published_at)
             FROM notes n WHERE ",
        public!("n"),
        ") ORDER BY kind, lastmod DESC, path"
    ))
    .bind(now)
    .bind(now)
    .fetch_all(pool)
    .await?;
    let tags: Vec<UrlRow> = sqlx::query_as(concat!(
        "SELECT '/tags/' || t.slug AS path, MAX(x.changed) AS lastmod
         FROM tags t JOIN (
             SELECT xa.tag_id, MAX(a.updated_at, a.published_at) AS changed
             FROM article_tags xa JOIN articles a ON a.id = xa.article_id WHERE ",
        public!("a"),
        " UNION ALL
             SELECT nt.tag_id, MAX(n.updated_at, n.published_at)
             FROM note_tags nt JOIN notes n ON n.id = nt.note_id WHERE ",
        public!("n"),
        " UNION ALL
             SELECT st.tag_id, MAX(s.updated_at, s.published_at)
             FROM summary_tags st JOIN summaries s ON s.id = st.summary_id WHERE ",
        public!("s"),
        ") x ON x.tag_id = t.id
         GROUP BY t.id ORDER BY t.slug"
    ))
    .bind(now)
    .bind(now)
    .bind(now)
    .fetch_all(pool)
    .await?;
    Ok(sections
        .into_iter()
        .chain(items)
        .chain(tags)
        .map(|row| SitemapEntry {
            path: row.path,
            lastmod: row.lastmod,
        })
        .collect())
}
