//! The archive's filters, rail counts and pagination, and the home page's
//! profile, timeline and latest writing, over HTTP on a fresh database.

mod common;

use common::TestSite;

#[tokio::test]
async fn category_and_tag_filters_combine_and_match_sql() {
    let site = TestSite::demo().await;
    let (category, tag): (String, String) = sqlx::query_as(
        "SELECT c.slug, t.slug FROM articles a JOIN categories c ON c.id = a.category_id
         JOIN article_tags at ON at.article_id = a.id JOIN tags t ON t.id = at.tag_id
         WHERE a.status = 'published' GROUP BY c.slug, t.slug ORDER BY COUNT(*) DESC LIMIT 1",
    )
    .fetch_one(&site.pool)
    .await
    .unwrap();
    let expected: Vec<String> = sqlx::query_scalar(
        "SELECT a.slug FROM articles a JOIN categories c ON c.id = a.category_id
         WHERE a.status = 'published' AND c.slug = ? AND EXISTS (
             SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id
             WHERE at.article_id = a.id AND t.slug = ?)
         ORDER BY a.published_at DESC",
    )
    .bind(&category)
    .bind(&tag)
    .fetch_all(&site.pool)
    .await
    .unwrap();
    let page = site
        .get(&format!("/articles?category={category}&tag={tag}"))
        .await;
    assert_eq!(page.status, 200);
    let listed = article_links(&page.body);
    assert_eq!(listed, expected, "newest first, exactly the matching ones");
    assert!(page.body.contains("Clear all filters"));
    assert!(page.body.contains(&format!("Tag · #{tag}")));
}

#[tokio::test]
async fn the_rail_counts_published_articles_per_category_and_tag() {
    let site = TestSite::demo().await;
    let page = site.get("/articles").await;
    let counts: Vec<(String, i64)> = sqlx::query_as(
        "SELECT c.slug, COUNT(a.id) FROM categories c
         LEFT JOIN articles a ON a.category_id = c.id AND a.status = 'published'
         GROUP BY c.id",
    )
    .fetch_all(&site.pool)
    .await
    .unwrap();
    for (slug, count) in counts {
        let link = format!("href=\"/articles?category={slug}\"");
        let at = page
            .body
            .find(&link)
            .unwrap_or_else(|| panic!("{slug} in the rail"));
        let after = &page.body[at..];
        let shown = after
            .split("class=\"rail-count\">")
            .nth(1)
            .and_then(|rest| rest.split('<').next())
            .unwrap();
        assert_eq!(shown, count.to_string(), "count for {slug}");
    }
}

#[tokio::test]
async fn an_empty_category_says_so_and_pages_keep_filters() {
    let site = TestSite::demo().await;
    let page = site.get("/articles?category=career").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("No posts in this category yet."));
    assert!(article_links(&page.body).is_empty());

    // Twenty-five more articles in one category make a second page of it.
    for n in 0..25 {
        sqlx::query(
            "INSERT INTO articles (slug, title, dek, category_id, status, published_at, created_at, updated_at)
             SELECT ?, ?, 'A dek.', id, 'published', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z'
             FROM categories WHERE slug = 'career'",
        )
        .bind(format!("career-note-{n}"))
        .bind(format!("Career piece {n}"))
        .execute(&site.pool)
        .await
        .unwrap();
        site.changed();
    }
    let first = site.get("/articles?category=career").await;
    assert_eq!(article_links(&first.body).len(), 20);
    assert!(first
        .body
        .contains("href=\"/articles?category=career&amp;page=2\""));
    let second = site.get("/articles?category=career&page=2").await;
    assert_eq!(article_links(&second.body).len(), 5);
    assert!(second.body.contains("Page 2 of 2"));
}

#[tokio::test]
async fn unknown_or_hostile_filters_match_nothing_and_are_escaped() {
    let site = TestSite::demo().await;
    let page = site
        .get("/articles?tag=%3Cscript%3Ezq&category=x%22y")
        .await;
    assert_eq!(page.status, 200);
    assert!(article_links(&page.body).is_empty());
    assert!(
        !page.body.contains("<script>zq"),
        "hostile input is not echoed raw"
    );
    let past_the_end = site.get("/articles?page=99").await;
    assert!(past_the_end.body.contains("past the end"));
}

#[tokio::test]
async fn the_home_page_shows_the_profile_timeline_and_latest_writing() {
    let site = TestSite::demo().await;
    let page = site.get("/").await;
    assert_eq!(page.status, 200);
    let name: String = sqlx::query_scalar("SELECT name FROM profile")
        .fetch_one(&site.pool)
        .await
        .unwrap();
    assert!(page.body.contains(&format!(
        "<h1 class=\"font-serif text-4xl font-semibold tracking-tight sm:text-5xl\">{name}</h1>"
    )));
    assert!(page.body.contains("Tech stack"));
    assert!(
        page.body.contains("Dec 2025 – Present"),
        "current role's range"
    );
    let roles: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM experiences")
        .fetch_one(&site.pool)
        .await
        .unwrap();
    assert!(roles >= 6);
    assert!(page.body.contains("Written during this role:"));
    assert!(page.body.contains("\"@type\":\"Person\""));
    let newest: String = sqlx::query_scalar(
        "SELECT slug FROM articles WHERE status = 'published' ORDER BY published_at DESC LIMIT 1",
    )
    .fetch_one(&site.pool)
    .await
    .unwrap();
    assert!(page.body.contains(&format!("href=\"/articles/{newest}\"")));
    for section in [
        "Latest articles and technical writing",
        "Latest notes",
        "Latest summaries",
    ] {
        assert!(page.body.contains(section), "{section}");
    }
}

#[tokio::test]
async fn a_role_links_only_to_what_was_published_during_it() {
    let site = TestSite::demo().await;
    let (start, end): (String, Option<String>) = sqlx::query_as(
        "SELECT start_month, end_month FROM experiences WHERE end_month IS NOT NULL
         ORDER BY start_month DESC LIMIT 1",
    )
    .fetch_one(&site.pool)
    .await
    .unwrap();
    let (links, total) = app::server::db::home::articles_between(
        &site.pool,
        &app::server::clock::now(),
        &start,
        end.as_deref(),
        1_000,
    )
    .await
    .unwrap();
    assert!(!links.is_empty(), "the demo has writing in that role");
    assert_eq!(links.len(), total as usize);
    let (first, same_total) = app::server::db::home::articles_between(
        &site.pool,
        &app::server::clock::now(),
        &start,
        end.as_deref(),
        1,
    )
    .await
    .unwrap();
    assert_eq!(
        (first.len(), same_total),
        (1, total),
        "a limit lists fewer, counts all"
    );
    let end = end.unwrap();
    for link in links {
        let month = &link.published[..7];
        assert!(
            month >= start.as_str() && month <= end.as_str(),
            "{} outside {start}..{end}",
            link.published
        );
    }
}

/// The article slugs an archive page lists, in order.
fn article_links(body: &str) -> Vec<String> {
    let list = body
        .split("aria-label=\"Article list\"")
        .nth(1)
        .and_then(|rest| rest.split("aria-label=\"Filters\"").next())
        .unwrap_or_default();
    list.split("href=\"/articles/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}
