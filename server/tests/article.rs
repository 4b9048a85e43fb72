//! The article page over HTTP: its header, table of contents, structured
//! data, and the links onward (previous/next, related), which must never
//! lead to a draft, a scheduled or a deleted article, nor back to itself.

mod common;

use axum::body::Body;
use http_body_util::BodyExt;
use tower::ServiceExt;

use app::domain::ArticleWithLinks;
use common::TestSite;

/// SQLite's "now" in the stored form, so the tests apply the same rule.
const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

/// Public article slugs, oldest first, in the page's own order.
async fn public_slugs(site: &TestSite) -> Vec<String> {
    let sql = format!(
        "SELECT slug FROM articles WHERE deleted_at IS NULL AND status <> 'draft'
         AND published_at <= {NOW} ORDER BY published_at, id"
    );
    sqlx::query_scalar(&sql)
        .fetch_all(&site.pool)
        .await
        .unwrap()
}

/// Calls the `get_article` server function the way the browser does.
async fn get_article(site: &TestSite, slug: &str) -> ArticleWithLinks {
    let request = http::Request::post("/api/get_article")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(format!("query[slug]={slug}")))
        .unwrap();
    let response = site.router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), 200, "get_article {slug}");
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    serde_json::from_slice(&bytes).expect("ArticleWithLinks JSON")
}

async fn exec(site: &TestSite, sql: &str, slug: &str) {
    sqlx::query(sql)
        .bind(slug)
        .execute(&site.pool)
        .await
        .unwrap();
    site.changed();
}

fn slug_of(item: &Option<app::domain::ArticleListItem>) -> Option<&str> {
    item.as_ref().map(|a| a.slug.as_str())
}

#[tokio::test]
async fn previous_and_next_follow_publication_order() {
    let site = TestSite::demo().await;
    let slugs = public_slugs(&site).await;
    assert!(slugs.len() >= 10);
    let middle = &slugs[5];
    let links = get_article(&site, middle).await;
    assert_eq!(slug_of(&links.prev), Some(slugs[4].as_str()));
    assert_eq!(slug_of(&links.next), Some(slugs[6].as_str()));

    let page = site.get(&format!("/articles/{middle}")).await;
    assert!(
        page.body
            .contains(&format!(r#"href="/articles/{}" rel="prev""#, slugs[4])),
        "previous link rendered"
    );
    assert!(
        page.body
            .contains(&format!(r#"href="/articles/{}" rel="next""#, slugs[6])),
        "next link rendered"
    );

    let first = get_article(&site, &slugs[0]).await;
    assert!(first.prev.is_none(), "the oldest article has no previous");
    let last = get_article(&site, slugs.last().unwrap()).await;
    assert!(last.next.is_none(), "the newest article has no next");
    let last_page = site
        .get(&format!("/articles/{}", slugs.last().unwrap()))
        .await;
    assert!(!last_page.body.contains(r#"rel="next""#));
}

#[tokio::test]
async fn previous_and_next_skip_unpublished_articles() {
    let site = TestSite::demo().await;
    let slugs = public_slugs(&site).await;
    let middle = &slugs[5];
    exec(
        &site,
        "UPDATE articles SET status = 'draft' WHERE slug = ?",
        &slugs[4],
    )
    .await;
    exec(
        &site,
        "UPDATE articles SET status = 'scheduled', published_at = '2999-01-01T00:00:00Z' WHERE slug = ?",
        &slugs[3],
    )
    .await;
    exec(
        &site,
        "UPDATE articles SET deleted_at = '2026-01-01T00:00:00Z' WHERE slug = ?",
        &slugs[6],
    )
    .await;
    let links = get_article(&site, middle).await;
    assert_eq!(slug_of(&links.prev), Some(slugs[2].as_str()));
    assert_eq!(slug_of(&links.next), Some(slugs[7].as_str()));
    let page = site.get(&format!("/articles/{middle}")).await;
    for hidden in &slugs[3..=4] {
        assert!(
            !page.body.contains(&format!("/articles/{hidden}\"")),
            "{hidden}"
        );
    }
    assert!(!page.body.contains(&format!("/articles/{}\"", slugs[6])));
}

/// How many tags `a` and `b` share.
async fn shared_tags(site: &TestSite, a: &str, b: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM article_tags x JOIN article_tags y ON x.tag_id = y.tag_id
         WHERE x.article_id = (SELECT id FROM articles WHERE slug = ?)
           AND y.article_id = (SELECT id FROM articles WHERE slug = ?)",
    )
    .bind(a)
    .bind(b)
    .fetch_one(&site.pool)
    .await
    .unwrap()
}

/// Related articles exclude the article itself, share at least one tag,
/// and come most-shared first, newest first among equals.
async fn assert_well_ordered(site: &TestSite, slug: &str, links: &ArticleWithLinks) {
    assert!(links.related.len() <= 3);
    let mut previous: Option<(i64, String)> = None;
    for item in &links.related {
        assert_ne!(item.slug, slug, "never itself");
        let shared = shared_tags(site, slug, &item.slug).await;
        assert!(shared >= 1, "{} shares a tag", item.slug);
        if let Some((count, published)) = &previous {
            assert!(
                shared < *count || (shared == *count && item.published <= *published),
                "ordered by shared tags, then recency"
            );
        }
        previous = Some((shared, item.published.clone()));
    }
}

#[tokio::test]
async fn related_articles_share_tags_and_are_public() {
    let site = TestSite::demo().await;
    let slug = "bounded-channels-backpressure";
    let links = get_article(&site, slug).await;
    assert_eq!(links.related.len(), 3, "a well-tagged article has three");
    assert_well_ordered(&site, slug, &links).await;
    let page = site.get(&format!("/articles/{slug}")).await;
    assert!(page.body.contains("Related articles"));
    assert!(page
        .body
        .contains(&format!("href=\"/articles/{}\"", links.related[0].slug)));

    // Hide all three in the three ways an article can be unpublished.
    let shown: Vec<String> = links.related.iter().map(|a| a.slug.clone()).collect();
    exec(
        &site,
        "UPDATE articles SET status = 'draft' WHERE slug = ?",
        &shown[0],
    )
    .await;
    exec(
        &site,
        "UPDATE articles SET status = 'scheduled', published_at = '2999-01-01T00:00:00Z' WHERE slug = ?",
        &shown[1],
    )
    .await;
    exec(
        &site,
        "UPDATE articles SET deleted_at = '2026-01-01T00:00:00Z' WHERE slug = ?",
        &shown[2],
    )
    .await;
    let after = get_article(&site, slug).await;
    assert_well_ordered(&site, slug, &after).await;
    for item in &after.related {
        assert!(!shown.contains(&item.slug), "{} is unpublished", item.slug);
    }
    let page = site.get(&format!("/articles/{slug}")).await;
    for hidden in &shown {
        assert!(
            !page.body.contains(&format!("/articles/{hidden}\"")),
            "{hidden}"
        );
    }
}

#[tokio::test]
async fn an_article_sharing_no_tags_has_no_related_section() {
    let site = TestSite::demo().await;
    let slug = "inject-the-clock";
    sqlx::query(
        "DELETE FROM article_tags WHERE article_id = (SELECT id FROM articles WHERE slug = ?)",
    )
    .bind(slug)
    .execute(&site.pool)
    .await
    .unwrap();
    site.changed();
    assert!(get_article(&site, slug).await.related.is_empty());
    let page = site.get(&format!("/articles/{slug}")).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("Related articles"));
}

#[tokio::test]
async fn the_header_links_the_category_and_shows_readable_dates() {
    let site = TestSite::demo().await;
    let (slug, category, published): (String, String, String) = sqlx::query_as(
        "SELECT a.slug, c.slug, a.published_at FROM articles a
         JOIN categories c ON c.id = a.category_id WHERE a.slug = 'inject-the-clock'",
    )
    .fetch_one(&site.pool)
    .await
    .unwrap();
    let page = site.get(&format!("/articles/{slug}")).await;
    assert!(
        page.body
            .contains(&format!(r#"href="/articles?category={category}""#)),
        "category links to the filtered archive"
    );
    let day = &published[..10];
    assert!(page.body.contains(&format!(r#"<time datetime="{day}">"#)));
    assert!(page.body.contains("Oct 14, 2025"), "readable date label");
    assert!(
        page.body.contains(r#"href="/tags/go""#),
        "tags link to their pages"
    );
}

#[tokio::test]
async fn long_articles_get_a_table_of_contents() {
    let site = TestSite::demo().await;
    let (toc_json,): (String,) = sqlx::query_as(
        "SELECT toc_json FROM articles WHERE slug = 'reading-explain-analyze-calmly'",
    )
    .fetch_one(&site.pool)
    .await
    .unwrap();
    let toc: Vec<app::domain::TocEntry> = serde_json::from_str(&toc_json).unwrap();
    assert!(toc.len() >= 3);
    let page = site.get("/articles/reading-explain-analyze-calmly").await;
    assert!(page.body.contains("On this page"));
    assert!(page.body.contains("aria-labelledby=\"toc-side-label\""));
    for entry in &toc {
        assert!(
            page.body.contains(&format!("href=\"#{}\"", entry.id)),
            "TOC links to #{}",
            entry.id
        );
        assert!(page.body.contains(&format!("id=\"{}\"", entry.id)));
    }
    assert!(
        page.body.contains("aria-label=\"Link to section: "),
        "heading anchors name their section"
    );

    let short = site.get("/articles/inject-the-clock").await;
    assert_eq!(short.status, 200);
    assert!(
        !short.body.contains("On this page"),
        "short articles have none"
    );
}

#[tokio::test]
async fn structured_data_describes_the_article_and_its_breadcrumbs() {
    let site = TestSite::demo().await;
    let page = site.get("/articles/inject-the-clock").await;
    let start_tag = r#"<script type="application/ld+json">"#;
    let start = page.body.find(start_tag).expect("JSON-LD script") + start_tag.len();
    let end = start + page.body[start..].find("</script>").unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&page.body[start..end].replace("<\\/", "</")).expect("valid JSON");
    let graph = json["@graph"].as_array().expect("@graph");
    let article = graph
        .iter()
        .find(|n| n["@type"] == "Article")
        .expect("Article");
    assert_eq!(article["headline"], "Inject the clock");
    assert_eq!(article["datePublished"], "2025-10-14");
    assert_eq!(
        article["url"],
        "http://folio.test/articles/inject-the-clock"
    );
    assert_eq!(article["author"]["@type"], "Person");
    assert!(!article["author"]["name"].as_str().unwrap().is_empty());
    let crumbs = graph
        .iter()
        .find(|n| n["@type"] == "BreadcrumbList")
        .expect("BreadcrumbList");
    let names: Vec<&str> = crumbs["itemListElement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Home", "Articles", "Inject the clock"]);
}

#[tokio::test]
async fn the_server_function_refuses_unpublished_articles() {
    let site = TestSite::demo().await;
    exec(
        &site,
        "UPDATE articles SET status = 'draft' WHERE slug = ?",
        "inject-the-clock",
    )
    .await;
    let request = http::Request::post("/api/get_article")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from("query[slug]=inject-the-clock"))
        .unwrap();
    let response = site.router.clone().oneshot(request).await.unwrap();
    assert_ne!(response.status(), 200);
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    assert!(!String::from_utf8_lossy(&bytes).contains("Inject the clock"));
}
