//! `/search` over HTTP: every kind is found, titles outrank bodies, snippets
//! are escaped and marked, no input breaks the page, unpublished items never
//! come back, and the index follows every edit.

mod common;

use common::TestSite;

const PAST: &str = "2026-01-05T09:00:00Z";
const FUTURE: &str = "2999-01-01T00:00:00Z";

/// A site with one category and one source, and nothing else, so each test
/// knows exactly what can match.
async fn site() -> TestSite {
    let site = TestSite::empty().await;
    sqlx::query("INSERT INTO categories (slug, name) VALUES ('general', 'General')")
        .execute(&site.pool)
        .await
        .unwrap();
    site.changed();
    sqlx::query("INSERT INTO sources (slug, name) VALUES ('weekly', 'Weekly')")
        .execute(&site.pool)
        .await
        .unwrap();
    site.changed();
    site
}

async fn article(site: &TestSite, slug: &str, title: &str, body: &str, published: &str) {
    sqlx::query(
        "INSERT INTO articles (slug, title, dek, body_text, category_id, status, published_at,
                               created_at, updated_at)
         VALUES (?, ?, 'A short dek.', ?, (SELECT id FROM categories), 'published', ?, ?, ?)",
    )
    .bind(slug)
    .bind(title)
    .bind(body)
    .bind(published)
    .bind(published)
    .bind(published)
    .execute(&site.pool)
    .await
    .unwrap();
    site.changed();
}

async fn note(site: &TestSite, slug: &str, title: &str, body: &str) {
    sqlx::query(
        "INSERT INTO notes (slug, title, body_text, status, published_at, created_at, updated_at)
         VALUES (?, ?, ?, 'published', ?, ?, ?)",
    )
    .bind(slug)
    .bind(title)
    .bind(body)
    .bind(PAST)
    .bind(PAST)
    .bind(PAST)
    .execute(&site.pool)
    .await
    .unwrap();
    site.changed();
}

async fn summary(site: &TestSite, slug: &str, title: &str, body: &str) {
    sqlx::query(
        "INSERT INTO summaries (slug, title, body_md, body_html, source_id, original_url,
                                category_id, day, status, published_at, created_at, updated_at)
         VALUES (?, ?, ?, '', (SELECT id FROM sources), ?, (SELECT id FROM categories),
                 '2026-01-05', 'published', ?, ?, ?)",
    )
    .bind(slug)
    .bind(title)
    .bind(body)
    .bind(format!("https://weekly.example/{slug}"))
    .bind(PAST)
    .bind(PAST)
    .bind(PAST)
    .execute(&site.pool)
    .await
    .unwrap();
    site.changed();
}

async fn search(site: &TestSite, query: &str) -> String {
    let page = site.get(&format!("/search?q={}", encode(query))).await;
    assert_eq!(page.status, 200, "{query:?}");
    assert_eq!(page.body.matches("<h1").count(), 1, "one h1 for {query:?}");
    page.body
}

fn encode(query: &str) -> String {
    query
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn every_kind_is_found_and_linked() {
    let site = site().await;
    article(
        &site,
        "an-article",
        "Tuning zanzibar caches",
        "Body text.",
        PAST,
    )
    .await;
    note(
        &site,
        "a-note",
        "A note",
        "The zanzibar pattern in one line.",
    )
    .await;
    summary(
        &site,
        "a-summary",
        "A summary",
        "Someone wrote about zanzibar.",
    )
    .await;
    let body = search(&site, "zanzibar").await;
    assert!(body.contains("3 results for “zanzibar”"), "{body}");
    for (kind, href) in [
        ("Article", "/articles/an-article"),
        ("Note", "/notes/a-note"),
        ("Summary", "https://weekly.example/a-summary"),
    ] {
        assert!(body.contains(&format!(">{kind}</span>")), "{kind}");
        assert!(body.contains(&format!("href=\"{href}\"")), "{href}");
    }
    assert!(body.contains("<mark>zanzibar</mark>"));
    assert!(body.contains("datetime=\"2026-01-05\""));
    assert!(body.contains("role=\"search\""));
    assert!(body.contains("aria-live=\"polite\""));
}

#[tokio::test]
async fn a_title_hit_outranks_a_body_only_hit() {
    let site = site().await;
    let body_only = "quokka ".repeat(5) + "and more words about other things";
    article(
        &site,
        "body-only",
        "Something else",
        &body_only,
        "2026-03-01T00:00:00Z",
    )
    .await;
    article(
        &site,
        "in-title",
        "Why quokka matters",
        "Unrelated words.",
        PAST,
    )
    .await;
    let body = search(&site, "quokka").await;
    let title_at = body.find("/articles/in-title").expect("title hit listed");
    let body_at = body.find("/articles/body-only").expect("body hit listed");
    assert!(title_at < body_at, "the title hit comes first");
    assert!(
        body.contains("Why <mark>quokka</mark> matters"),
        "the matching word is marked in the title too"
    );
}

#[tokio::test]
async fn snippets_are_escaped_and_highlighted() {
    let site = site().await;
    let hostile = "<script>alert('owned')</script> a blorptastic <b>bold</b> claim & more";
    article(&site, "hostile", "Markup in a body", hostile, PAST).await;
    let body = search(&site, "blorptastic").await;
    assert!(body.contains("<mark>blorptastic</mark>"), "{body}");
    assert!(body.contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;"));
    assert!(body.contains("&lt;b&gt;bold&lt;/b&gt; claim &amp; more"));
    assert!(!body.contains("<script>alert"));
    assert!(!body.contains("<b>bold"));
    // A prefix still matches while the reader is typing, and marks the word.
    let body = search(&site, "blorpt").await;
    assert!(body.contains("<mark>blorptastic</mark>"));
}

#[tokio::test]
async fn query_syntax_never_breaks_the_page() {
    let site = site().await;
    note(
        &site,
        "n",
        "Parens and quotes",
        "Some (text) with \"quotes\" and NEAR words.",
    )
    .await;
    let long = "(\"*".repeat(3_000);
    for query in [
        "\"",
        "*",
        "NEAR(",
        "a OR",
        "-",
        "^",
        ":",
        "(",
        ")",
        "\"(*",
        "AND",
        "text:near",
        "near(text",
        "\"quotes",
        "日本語",
        "🚀",
        "{title} : x",
        long.as_str(),
    ] {
        let body = search(&site, query).await;
        assert!(
            body.contains("result")
                || body.contains("No results for")
                || body.contains("has no words to search for"),
            "friendly answer for {query:?}"
        );
        assert!(!body.contains("could not be loaded"), "{query:?}");
    }
    let body = search(&site, "\"(*").await;
    assert!(body.contains("has no words to search for"));
    let body = search(&site, "NEAR(").await;
    assert!(body.contains("1 result for"));
}

#[tokio::test]
async fn empty_and_missing_queries_get_friendly_pages() {
    let site = site().await;
    for uri in ["/search", "/search?q=", "/search?q=%20%20"] {
        let page = site.get(uri).await;
        assert_eq!(page.status, 200, "{uri}");
        assert!(page.body.contains("Type a word or two"), "{uri}");
        assert!(page.body.contains("<label for=\"search-q\""), "{uri}");
    }
    let body = search(&site, "nothingmatchesthis").await;
    assert!(body.contains("No results for “nothingmatchesthis”"));
}

#[tokio::test]
async fn unpublished_items_of_every_kind_never_come_back() {
    let site = site().await;
    for state in ["shown", "draft", "scheduled", "deleted"] {
        let title = format!("Hushword {state}");
        article(&site, &format!("article-{state}"), &title, "text", PAST).await;
        note(&site, &format!("note-{state}"), &title, "text").await;
        summary(&site, &format!("summary-{state}"), &title, "text").await;
    }
    assert!(search(&site, "hushword").await.contains("12 results"));
    for table in ["articles", "notes", "summaries"] {
        for sql in [
            format!("UPDATE {table} SET status = 'draft' WHERE title = 'Hushword draft'"),
            format!(
                "UPDATE {table} SET status = 'scheduled', published_at = '{FUTURE}'
                 WHERE title = 'Hushword scheduled'"
            ),
            format!("UPDATE {table} SET deleted_at = '{PAST}' WHERE title = 'Hushword deleted'"),
        ] {
            sqlx::query(&sql).execute(&site.pool).await.unwrap();
            site.changed();
        }
    }
    let body = search(&site, "hushword").await;
    assert!(body.contains("3 results for “hushword”"), "{body}");
    for hidden in ["draft", "scheduled", "deleted"] {
        assert!(!body.contains(&format!("Hushword {hidden}")), "{hidden}");
        assert!(!body.contains(&format!("-{hidden}")), "{hidden}");
    }
    // Publishing the draft brings it back; unpublishing hides it again.
    sqlx::query("UPDATE notes SET status = 'published' WHERE slug = 'note-draft'")
        .execute(&site.pool)
        .await
        .unwrap();
    site.changed();
    assert!(search(&site, "hushword")
        .await
        .contains("/notes/note-draft"));
    sqlx::query("UPDATE notes SET status = 'draft' WHERE slug = 'note-draft'")
        .execute(&site.pool)
        .await
        .unwrap();
    site.changed();
    assert!(!search(&site, "hushword")
        .await
        .contains("/notes/note-draft"));
}

#[tokio::test]
async fn edits_and_deletes_update_the_index() {
    let site = site().await;
    article(
        &site,
        "edited",
        "Original title",
        "oldword in the body",
        PAST,
    )
    .await;
    note(&site, "gone", "Note to remove", "removable text").await;
    summary(&site, "renamed", "Summary", "oldword here too").await;
    assert!(search(&site, "oldword").await.contains("2 results"));

    sqlx::query("UPDATE articles SET body_text = 'newword in the body' WHERE slug = 'edited'")
        .execute(&site.pool)
        .await
        .unwrap();
    site.changed();
    sqlx::query(
        "UPDATE summaries SET title = 'Freshly renamed', body_md = 'plain' WHERE slug = 'renamed'",
    )
    .execute(&site.pool)
    .await
    .unwrap();
    site.changed();
    sqlx::query("DELETE FROM notes WHERE slug = 'gone'")
        .execute(&site.pool)
        .await
        .unwrap();
    site.changed();
    assert!(search(&site, "oldword").await.contains("No results"));
    assert!(search(&site, "newword").await.contains("/articles/edited"));
    assert!(search(&site, "freshly")
        .await
        .contains("https://weekly.example/renamed"));
    assert!(search(&site, "removable").await.contains("No results"));
    // The index itself holds one document per row, not stale copies.
    let (documents,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM search_index")
        .fetch_one(&site.pool)
        .await
        .unwrap();
    assert_eq!(documents, 2);
}

#[tokio::test]
async fn many_hits_show_the_best_thirty_and_the_total() {
    let site = site().await;
    for n in 0..35 {
        note(
            &site,
            &format!("many-{n}"),
            &format!("Many {n}"),
            "plentiful words",
        )
        .await;
    }
    let body = search(&site, "plentiful").await;
    assert!(body.contains("35 results for “plentiful”. Showing the best 30."));
    assert_eq!(body.matches("<mark>plentiful</mark>").count(), 30);
}

#[tokio::test]
async fn the_demo_site_is_searchable() {
    let site = TestSite::demo().await;
    let body = search(&site, "wal checkpoints").await;
    assert!(body.contains("href=\"/articles/wal-checkpoints-and-disk-alerts\""));
    assert!(body.contains("<title>Search: wal checkpoints · Folio</title>"));
    assert!(body.contains("noindex"));
    let hidden: Vec<(String, String)> = sqlx::query_as(
        "SELECT slug, title FROM articles
         WHERE status = 'draft' OR deleted_at IS NOT NULL
            OR published_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
    )
    .fetch_all(&site.pool)
    .await
    .unwrap();
    assert!(
        !hidden.is_empty(),
        "the demo has unpublished articles to hide"
    );
    for (slug, title) in hidden {
        let body = search(&site, &title).await;
        assert!(!body.contains(&format!("/articles/{slug}\"")), "{slug}");
    }
}
