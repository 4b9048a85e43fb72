//! Full-text search over the FTS5 index kept by the search migration's
//! triggers. Every hit is joined back to its table under the `public!` rule,
//! and the reader's words reach FTS5 only as quoted strings.

use sqlx::SqlitePool;

use crate::domain::{dates, HitKind, SearchHit, SearchTerms};
use crate::public;

/// Most hits one query returns. Results are ranked, so the reader refines
/// the query rather than paging through weaker matches.
pub const RESULT_LIMIT: u32 = 30;

/// Private-use characters FTS5 puts around matches in snippets. They are
/// turned into `<mark>` only after the text around them is escaped.
const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';

#[derive(sqlx::FromRow)]
struct HitRow {
    kind: String,
    slug: String,
    title: String,
    original_url: String,
    date: String,
    /// The indexed copy of the title, matches wrapped in sentinels.
    title_marked: String,
    snippet: String,
    total: i64,
}

/// Ranked public hits for `terms`. Titles weigh ten times a body word; ties
/// go to the newer item. Snippets are made only for the hits returned.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn search(
    pool: &SqlitePool,
    now: &str,
    terms: &SearchTerms,
) -> Result<(Vec<SearchHit>, u32), sqlx::Error> {
    let query = fts5_query(terms);
    let rows: Vec<HitRow> = sqlx::query_as(SEARCH)
        .bind(&query)
        .bind(now)
        .bind(now)
        .bind(now)
        .bind(i64::from(RESULT_LIMIT))
        .bind(&query)
        .fetch_all(pool)
        .await?;
    let total = rows
        .first()
        .map_or(0, |row| u32::try_from(row.total).unwrap_or(0));
    let hits = rows.into_iter().filter_map(hit_of).collect();
    Ok((hits, total))
}

/// Ranks every public hit but reads each kind's table only for the page
/// of hits returned. The public rule is checked on covering indexes (for
/// articles, `articles_public_by_id`, named so a plan change cannot send
/// it back to the rows): an article's small columns come after its
/// bodies, and reading them for every hit of a common word walked the
/// overflow pages of thousands of articles (315 ms for one word at 10k
/// articles, against 96 ms this way). The final join is driven by the
/// page (`CROSS JOIN`), so FTS5 looks up those rows by rowid instead of
/// matching the whole query again.
pub(super) const SEARCH: &str = concat!(
    "WITH hits AS MATERIALIZED (
             SELECT rowid AS doc, bm25(search_index, 10.0, 1.0) AS rank
             FROM search_index WHERE search_index MATCH ?
         ),
         found AS (
             SELECT hits.doc, hits.rank, a.published_at AS date
             FROM hits JOIN articles a INDEXED BY articles_public_by_id ON a.id = hits.doc / 4
             WHERE hits.doc % 4 = 1 AND ",
    public!("a"),
    "    UNION ALL
             SELECT hits.doc, hits.rank, n.published_at
             FROM hits JOIN notes n ON n.id = hits.doc / 4
             WHERE hits.doc % 4 = 2 AND ",
    public!("n"),
    "    UNION ALL
             SELECT hits.doc, hits.rank, s.day
             FROM hits JOIN summaries s ON s.id = hits.doc / 4
             WHERE hits.doc % 4 = 3 AND ",
    public!("s"),
    " ),
         top AS (
             SELECT doc, rank, date, COUNT(*) OVER () AS total FROM found
             ORDER BY rank, date DESC LIMIT ?
         )
         SELECT CASE top.doc % 4 WHEN 1 THEN 'article' WHEN 2 THEN 'note' ELSE 'summary' END
                    AS kind,
                COALESCE(a.slug, n.slug, s.slug) AS slug,
                COALESCE(a.title, n.title, s.title) AS title,
                COALESCE(s.original_url, '') AS original_url, top.date, top.total,
                highlight(search_index, 0, char(57344), char(57345)) AS title_marked,
                snippet(search_index, 1, char(57344), char(57345), '…', 24) AS snippet
         FROM top CROSS JOIN search_index ON search_index.rowid = top.doc
              LEFT JOIN articles a ON top.doc % 4 = 1 AND a.id = top.doc / 4
              LEFT JOIN notes n ON top.doc % 4 = 2 AND n.id = top.doc / 4
              LEFT JOIN summaries s ON top.doc % 4 = 3 AND s.id = top.doc / 4
         WHERE search_index MATCH ?
         ORDER BY top.rank, top.date DESC"
);

fn hit_of(row: HitRow) -> Option<SearchHit> {
    let (kind, url, date) = match row.kind.as_str() {
        "article" => (
            HitKind::Article,
            format!("/articles/{}", row.slug),
            dates::day_of(&row.date)?,
        ),
        "note" => (
            HitKind::Note,
            format!("/notes/{}", row.slug),
            dates::day_of(&row.date)?,
        ),
        // A stored link that is not a web address (see `links::href`) sends
        // the reader to the summary itself, as its feed entry does.
        "summary" => (
            HitKind::Summary,
            crate::domain::links::href(&row.original_url)
                .unwrap_or_else(|| format!("/summaries#summary-{}", row.slug)),
            row.date,
        ),
        _ => return None,
    };
    Some(SearchHit {
        kind,
        title: row.title,
        url,
        title_html: mark_snippet(&row.title_marked),
        snippet_html: mark_snippet(&row.snippet),
        date,
    })
}

/// Turns parsed words into an FTS5 query that cannot be a syntax error:
/// each word is a quoted string (so `AND`, `NEAR(`, `*`, `:` and `^` are
/// plain text), the words must all match, and an unfinished last word
/// matches as a prefix so results follow the reader's typing, once it has
/// two characters: a one-letter prefix matches nearly every document, and
/// ranking all of them is the slowest thing a reader could ask for while
/// telling us nothing about what they want.
pub fn fts5_query(terms: &SearchTerms) -> String {
    let mut query = terms
        .words()
        .iter()
        .map(|word| format!("\"{}\"", word.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ");
    let last_len = terms.words().last().map_or(0, |w| w.chars().count());
    if terms.last_is_open() && last_len >= MIN_PREFIX_CHARS {
        query.push('*');
    }
    query
}

/// The shortest unfinished word matched as a prefix.
const MIN_PREFIX_CHARS: usize = 2;

/// Escapes a snippet for HTML, then turns the sentinels around matches into
/// `<mark>` elements, balanced even if content held a stray sentinel.
pub fn mark_snippet(raw: &str) -> String {
    let mut html = String::with_capacity(raw.len() + 32);
    let mut open = false;
    for ch in raw.chars() {
        match ch {
            MARK_OPEN if !open => {
                html.push_str("<mark>");
                open = true;
            }
            MARK_CLOSE if open => {
                html.push_str("</mark>");
                open = false;
            }
            MARK_OPEN | MARK_CLOSE => {}
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            '\'' => html.push_str("&#39;"),
            other => html.push(other),
        }
    }
    if open {
        html.push_str("</mark>");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(input: &str) -> Option<String> {
        SearchTerms::parse(input).map(|terms| fts5_query(&terms))
    }

    #[test]
    fn words_become_quoted_strings() {
        assert_eq!(query("wal mode").as_deref(), Some("\"wal\" \"mode\"*"));
        assert_eq!(query("a OR").as_deref(), Some("\"a\" \"OR\"*"));
        assert_eq!(query("NEAR(").as_deref(), Some("\"NEAR(\""));
        assert_eq!(
            query("say \"hi\"").as_deref(),
            Some("\"say\" \"\"\"hi\"\"\"")
        );
        assert_eq!(query("title:x ^y").as_deref(), Some("\"title:x\" \"^y\"*"));
        assert_eq!(query("\"(*"), None);
        assert_eq!(query("s").as_deref(), Some("\"s\""));
        assert_eq!(query("sq").as_deref(), Some("\"sq\"*"));
    }

    #[test]
    fn snippets_are_escaped_then_marked() {
        let raw = format!("a <script>{MARK_OPEN}x&y{MARK_CLOSE}</script> 'q\"");
        assert_eq!(
            mark_snippet(&raw),
            "a &lt;script&gt;<mark>x&amp;y</mark>&lt;/script&gt; &#39;q&quot;"
        );
    }

    #[test]
    fn stray_sentinels_cannot_unbalance_marks() {
        let raw = format!("{MARK_CLOSE}a{MARK_OPEN}b{MARK_OPEN}c");
        assert_eq!(mark_snippet(&raw), "a<mark>bc</mark>");
    }

    /// The bundled SQLite must have FTS5, and no input may make a query fail.
    #[tokio::test]
    async fn hostile_queries_never_fail() {
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(1)
            .connect("sqlite::memory:")
            .await
            .unwrap();
        crate::server::db::migrate(&pool).await.unwrap();
        sqlx::query(
            "INSERT INTO notes (slug, title, body_text, status, published_at, created_at, updated_at)
             VALUES ('n', 'NEAR the OR', 'body with \"quotes\" and (parens) * ^ : -', 'published',
                     '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        )
        .execute(&pool)
        .await
        .unwrap();
        let long = "x(\"*".repeat(5_000);
        let inputs = [
            "\"",
            "*",
            "NEAR(",
            "a OR",
            "-",
            "^",
            ":",
            "(",
            ")",
            "()",
            "a AND",
            "NOT",
            "title:near",
            "\"unterminated",
            "body*",
            "日本語",
            "café",
            "🚀 near",
            "NEAR(a b, 2)",
            "{title}: x",
            "+",
            "a - b",
            "a\u{0}b",
            "near\u{0}",
            long.as_str(),
        ];
        for input in inputs {
            let Some(terms) = SearchTerms::parse(input) else {
                continue;
            };
            let result = search(&pool, "2026-06-01T00:00:00Z", &terms).await;
            assert!(result.is_ok(), "{input:?}: {result:?}");
        }
        let terms = SearchTerms::parse("near OR").unwrap();
        let (hits, total) = search(&pool, "2026-06-01T00:00:00Z", &terms).await.unwrap();
        assert_eq!((hits.len(), total), (1, 1));
        assert_eq!(hits[0].url, "/notes/n");
    }

    /// Rows written before the search migration are indexed by it.
    #[tokio::test]
    async fn the_migration_indexes_existing_rows() {
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(1)
            .connect("sqlite::memory:")
            .await
            .unwrap();
        let mut migrations = crate::server::db::MIGRATOR.iter();
        let content_model = migrations.next().unwrap();
        sqlx::raw_sql(&content_model.sql)
            .execute(&pool)
            .await
            .unwrap();
        sqlx::raw_sql(
            "INSERT INTO categories (slug, name) VALUES ('c', 'C');
             INSERT INTO articles (slug, title, dek, body_text, category_id, status,
                                   published_at, created_at, updated_at)
             VALUES ('old', 'Older piece', 'earlyword dek', 'body', 1, 'published',
                     '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');",
        )
        .execute(&pool)
        .await
        .unwrap();
        let search_migration = migrations
            .find(|m| m.description.contains("search"))
            .unwrap();
        sqlx::raw_sql(&search_migration.sql)
            .execute(&pool)
            .await
            .unwrap();
        // The later ones too: the query names an index one of them makes.
        for later in migrations {
            sqlx::raw_sql(&later.sql).execute(&pool).await.unwrap();
        }
        let terms = SearchTerms::parse("earlyword").unwrap();
        let (hits, _) = search(&pool, "2026-06-01T00:00:00Z", &terms).await.unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].url, "/articles/old");
        assert_eq!(hits[0].snippet_html, "<mark>earlyword</mark> dek\nbody");
    }
}
