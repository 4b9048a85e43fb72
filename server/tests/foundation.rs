//! The first vertical slice over HTTP: archive, article, 404, health, and
//! the rule that unpublished articles stay out of sight.

mod common;

use common::TestSite;

#[tokio::test]
async fn the_archive_lists_published_articles_newest_first() {
    let site = TestSite::demo().await;
    let page = site.get("/articles").await;
    assert_eq!(page.status, 200);
    assert!(page.content_type.starts_with("text/html"));
    assert!(page.body.contains("<h1"), "has a heading");
    let (newest,): (String,) = sqlx::query_as(
        "SELECT title FROM articles WHERE status = 'published' ORDER BY published_at DESC LIMIT 1",
    )
    .fetch_one(&site.pool)
    .await
    .unwrap();
    let (oldest_on_page,): (String,) = sqlx::query_as(
        "SELECT title FROM (SELECT title, published_at FROM articles WHERE status = 'published'
         ORDER BY published_at DESC LIMIT 20) ORDER BY published_at ASC LIMIT 1",
    )
    .fetch_one(&site.pool)
    .await
    .unwrap();
    let newest_at = page
        .body
        .find(&escape(&newest))
        .expect("newest article listed");
    let oldest_at = page
        .body
        .find(&escape(&oldest_on_page))
        .expect("20th article listed");
    assert!(newest_at < oldest_at, "newest first");
    assert!(page.body.contains("min read"));
    assert!(page.body.contains("Page 1 of 2"));
    let second = site.get("/articles?page=2").await;
    assert!(second.body.contains("Page 2 of 2"));
    assert!(!second.body.contains(&escape(&newest)));
}

#[tokio::test]
async fn an_article_page_shows_its_rendered_body() {
    let site = TestSite::demo().await;
    let (slug, title, dek): (String, String, String) = sqlx::query_as(
        "SELECT slug, title, dek FROM articles WHERE status = 'published'
         ORDER BY length(body_md) DESC LIMIT 1",
    )
    .fetch_one(&site.pool)
    .await
    .unwrap();
    let page = site.get(&format!("/articles/{slug}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(&escape(&title)));
    assert!(page.body.contains(&escape(&dek)));
    assert!(page.body.contains("<h2"), "markdown headings rendered");
    assert!(
        page.body.contains("class=\"code-block\""),
        "code fences rendered"
    );
    assert!(page
        .body
        .contains(&format!("<title>{} · Folio</title>", escape(&title))));
    let canonical = format!("<link href=\"http://folio.test/articles/{slug}\" rel=\"canonical\">");
    assert!(page.body.contains(&canonical), "canonical URL in the head");
}

#[tokio::test]
async fn unknown_addresses_answer_404_with_a_page() {
    let site = TestSite::demo().await;
    for uri in [
        "/no/such/page",
        "/articles/no-such-article",
        "/articles/Bad%20Slug",
    ] {
        let page = site.get(uri).await;
        assert_eq!(page.status, 404, "{uri}");
        assert!(page.body.contains("Page not found"), "{uri}");
    }
}

#[tokio::test]
async fn drafts_and_future_articles_stay_hidden() {
    let site = TestSite::demo().await;
    let (draft,): (String,) =
        sqlx::query_as("SELECT slug FROM articles WHERE status = 'draft' LIMIT 1")
            .fetch_one(&site.pool)
            .await
            .unwrap();
    sqlx::query(
        "UPDATE articles SET status = 'scheduled', published_at = '2999-01-01T00:00:00Z'
         WHERE slug = (SELECT slug FROM articles WHERE status = 'published' LIMIT 1 OFFSET 3)",
    )
    .execute(&site.pool)
    .await
    .unwrap();
    let (scheduled, scheduled_title): (String, String) =
        sqlx::query_as("SELECT slug, title FROM articles WHERE status = 'scheduled'")
            .fetch_one(&site.pool)
            .await
            .unwrap();
    sqlx::query("UPDATE articles SET deleted_at = '2026-01-01T00:00:00Z' WHERE id = (SELECT MIN(id) FROM articles WHERE status = 'published')")
        .execute(&site.pool)
        .await
        .unwrap();
    let (deleted,): (String,) =
        sqlx::query_as("SELECT slug FROM articles WHERE deleted_at IS NOT NULL")
            .fetch_one(&site.pool)
            .await
            .unwrap();
    for slug in [&draft, &scheduled, &deleted] {
        assert_eq!(
            site.get(&format!("/articles/{slug}")).await.status,
            404,
            "{slug}"
        );
    }
    for archive in ["/articles", "/articles?page=2"] {
        let page = site.get(archive).await;
        for slug in [&draft, &scheduled, &deleted] {
            assert!(!page.body.contains(slug.as_str()), "{slug} on {archive}");
        }
        assert!(!page.body.contains(&escape(&scheduled_title)));
    }
}

#[tokio::test]
async fn an_empty_site_says_so_and_stays_healthy() {
    let site = TestSite::empty().await;
    assert_eq!(site.get("/healthz").await.body, "ok");
    let page = site.get("/articles").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Nothing has been published yet."));
}

/// Text as the server writes it into HTML.
#[tokio::test]
async fn every_connection_keeps_sqlite_memory_small() {
    let site = TestSite::empty().await;
    // More than one connection: each must have been set up the same way.
    let mut held = Vec::new();
    for _ in 0..2 {
        let mut conn = site.pool.acquire().await.unwrap();
        let (cache,): (i64,) = sqlx::query_as("PRAGMA cache_size")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        let (limit,): (i64,) = sqlx::query_as("PRAGMA soft_heap_limit")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(cache, -512, "512 KiB of pages per connection");
        assert_eq!(limit, app::server::db::SOFT_HEAP_LIMIT);
        held.push(conn);
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
