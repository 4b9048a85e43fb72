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
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn sitemap_entries(
    pool: &SqlitePool,
    now: &str,
) -> Result<Vec<SitemapEntry>, sqlx::Error> {
    let sections: Vec<UrlRow> = sqlx::query_as(SECTIONS)
        .bind(now)
        .bind(now)
        .bind(now)
        .fetch_all(pool)
        .await?;
    let items: Vec<UrlRow> = sqlx::query_as(ITEMS)
        .bind(now)
        .bind(now)
        .fetch_all(pool)
        .await?;
    let tags: Vec<UrlRow> = sqlx::query_as(TAGS)
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

// Every arm reads its kind's covering public index, never the rows.
pub(crate) const SECTIONS: &str = concat!(
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
);

pub(crate) const ITEMS: &str = concat!(
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
);

/// Each kind's latest change per tag, from the public index and the join
/// table's key (items the outer loop), then the latest of the three.
pub(crate) const TAGS: &str = concat!(
    "SELECT '/tags/' || t.slug AS path, x.lastmod FROM (
       SELECT tag_id, MAX(changed) AS lastmod FROM (
         SELECT xa.tag_id, MAX(MAX(a.updated_at, a.published_at)) AS changed
         FROM articles a CROSS JOIN article_tags xa ON xa.article_id = a.id WHERE ",
    public!("a"),
    " GROUP BY xa.tag_id
         UNION ALL
         SELECT xn.tag_id, MAX(MAX(n.updated_at, n.published_at))
         FROM notes n CROSS JOIN note_tags xn ON xn.note_id = n.id WHERE ",
    public!("n"),
    " GROUP BY xn.tag_id
         UNION ALL
         SELECT xs.tag_id, MAX(MAX(s.updated_at, s.published_at))
         FROM summaries s CROSS JOIN summary_tags xs ON xs.summary_id = s.id WHERE ",
    public!("s"),
    " GROUP BY xs.tag_id
       ) GROUP BY tag_id
     ) x JOIN tags t ON t.id = x.tag_id
     ORDER BY t.slug"
);
