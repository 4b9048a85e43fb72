//! The summaries page over HTTP: day groups, filters alone and combined,
//! rail counts that follow the other filters, paging, the empty state,
//! escaping, and the rule that unpublished summaries are never seen.

mod common;

use common::TestSite;

/// The public rule, written out independently of the app's own macro.
const PUBLIC: &str = "s.deleted_at IS NULL AND s.status <> 'draft'
    AND s.published_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

async fn rows(site: &TestSite, sql: &str) -> Vec<(String, i64)> {
    sqlx::query_as(&sql.replace("{public}", PUBLIC))
        .fetch_all(&site.pool)
        .await
        .unwrap()
}

async fn count(site: &TestSite, conditions: &str) -> i64 {
    let sql = format!(
        "SELECT COUNT(*) FROM summaries s JOIN sources so ON so.id = s.source_id
         JOIN categories c ON c.id = s.category_id WHERE {PUBLIC} {conditions}"
    );
    sqlx::query_scalar(&sql)
        .fetch_one(&site.pool)
        .await
        .unwrap()
}

/// (day, heading count text, number of summaries listed) for each day group.
fn day_groups(body: &str) -> Vec<(String, String, usize)> {
    body.split("<section aria-labelledby=\"day-")
        .skip(1)
        .map(|chunk| {
            let chunk = &chunk[..chunk.find("</section>").unwrap()];
            let day = chunk[..10].to_owned();
            let heading = &chunk[..chunk.find("</h2>").unwrap()];
            let count = heading.rsplit("<span>").next().unwrap();
            let count = count.trim_end_matches("</span>").to_owned();
            (day, count, chunk.matches("<article").count())
        })
        .collect()
}

/// (option name, count) for each option of one rail facet.
fn rail(body: &str, param: &str) -> Vec<(String, i64)> {
    let start = body
        .find(&format!("aria-labelledby=\"facet-{param}\""))
        .unwrap();
    let section = &body[start..];
    let section = &section[..section.find("</section>").unwrap()];
    section
        .split("<li>")
        .filter(|li| li.contains("rail-count"))
        .map(|li| {
            let name = li.split("<span>").nth(1).unwrap();
            let name = &name[..name.find("</span>").unwrap()];
            let n = li.split("rail-count\">").nth(1).unwrap();
            let n = &n[..n.find('<').unwrap()];
            (name.to_owned(), n.parse().unwrap())
        })
        .collect()
}

fn sorted(mut list: Vec<(String, i64)>) -> Vec<(String, i64)> {
    list.sort();
    list
}

#[tokio::test]
async fn summaries_are_grouped_by_day_newest_first_with_their_counts() {
    let site = TestSite::demo().await;
    let page = site.get("/summaries").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.body.matches("<h1").count(), 1);
    let expected = rows(
        &site,
        "SELECT day, COUNT(*) FROM summaries s WHERE {public} GROUP BY day ORDER BY day DESC",
    )
    .await;
    assert!(expected.len() >= 6, "the demo spans at least six days");
    let groups = day_groups(&page.body);
    assert_eq!(groups.len(), expected.len());
    for (index, ((day, label, listed), (want_day, want))) in
        groups.iter().zip(&expected).enumerate()
    {
        assert_eq!(day, want_day);
        assert_eq!(*listed as i64, *want, "{day}");
        let noun = if *want == 1 { "summary" } else { "summaries" };
        assert_eq!(label, &format!("{want} {noun}"));
        let heading = format!("Day {:02}", index + 1);
        assert!(page.body.contains(&heading), "{heading}");
        assert!(page.body.contains(&app::domain::day_heading(day)));
    }
    assert!(
        page.body.contains("Friday November 13 · 2026"),
        "weekday named"
    );
    let (title, url, source): (String, String, String) = sqlx::query_as(
        "SELECT s.title, s.original_url, so.name FROM summaries s
         JOIN sources so ON so.id = s.source_id ORDER BY s.day DESC LIMIT 1",
    )
    .fetch_one(&site.pool)
    .await
    .unwrap();
    let link = format!("<a href=\"{url}\" rel=\"noopener external\"");
    assert!(page.body.contains(&link), "links out to the original");
    assert!(page
        .body
        .contains(&format!("Read the original at {source}")));
    assert!(page.body.contains(&escape(&title)));
    assert!(page.body.contains("class=\"tag-chip\""), "tags listed");
    assert!(page.body.contains("Showing 21 of 21"));
    assert!(page
        .body
        .contains("<a href=\"/summaries/feed.xml\" type=\"application/atom+xml\""));
}

#[tokio::test]
async fn each_filter_alone_narrows_the_list_and_names_itself() {
    let site = TestSite::demo().await;
    let total = count(&site, "").await;
    for (param, slug, condition, active) in [
        (
            "category",
            "databases",
            "AND c.slug = 'databases'",
            "Category · Databases",
        ),
        (
            "tag",
            "performance",
            "AND s.id IN (SELECT summary_id FROM summary_tags JOIN tags t ON t.id = tag_id
                          WHERE t.slug = 'performance')",
            "Tag · #performance",
        ),
        (
            "source",
            "relational-review",
            "AND so.slug = 'relational-review'",
            "Source · The Relational Review",
        ),
    ] {
        let page = site.get(&format!("/summaries?{param}={slug}")).await;
        assert_eq!(page.status, 200);
        let matching = count(&site, condition).await;
        assert!(matching > 0 && matching < total, "{param}");
        assert!(
            page.body
                .contains(&format!("Showing {matching} of {total}")),
            "{param}"
        );
        assert_eq!(
            page.body.matches("<article").count() as i64,
            matching,
            "{param}"
        );
        assert!(page.body.contains(active), "{param}");
        let clear = format!("aria-label=\"Clear the {param} filter\"");
        assert!(page.body.contains(&clear), "{param}");
        let feed =
            format!("href=\"/summaries/feed.xml?{param}={slug}\" type=\"application/atom+xml\"");
        assert!(page.body.contains(&feed), "{param}");
    }
}

#[tokio::test]
async fn filters_combine() {
    let site = TestSite::demo().await;
    let page = site
        .get("/summaries?category=databases&tag=performance")
        .await;
    let titles = rows(
        &site,
        "SELECT s.title, 0 FROM summaries s JOIN categories c ON c.id = s.category_id
         WHERE {public} AND c.slug = 'databases' AND s.id IN (SELECT summary_id FROM summary_tags
           JOIN tags t ON t.id = tag_id WHERE t.slug = 'performance')",
    )
    .await;
    assert!(!titles.is_empty());
    assert_eq!(page.body.matches("<article").count(), titles.len());
    for (title, _) in &titles {
        assert!(page.body.contains(&escape(title)), "{title}");
    }
    assert!(page
        .body
        .contains(&format!("Showing {} of 21", titles.len())));
    assert!(page.body.contains("Clear all filters"));
    assert!(page
        .body
        .contains("<title>Summaries: Databases, #performance · Folio</title>"));
}

#[tokio::test]
async fn rail_counts_follow_the_other_filters() {
    let site = TestSite::demo().await;
    let page = site.get("/summaries?source=relational-review").await;
    let tags = rows(
        &site,
        "SELECT '#' || t.slug, COUNT(*) FROM summary_tags st JOIN summaries s ON s.id = st.summary_id
         JOIN tags t ON t.id = st.tag_id JOIN sources so ON so.id = s.source_id
         WHERE {public} AND so.slug = 'relational-review' GROUP BY t.slug",
    )
    .await;
    assert_eq!(sorted(rail(&page.body, "tag")), sorted(tags));
    let categories = rows(
        &site,
        "SELECT c.name, COUNT(*) FROM summaries s JOIN categories c ON c.id = s.category_id
         JOIN sources so ON so.id = s.source_id
         WHERE {public} AND so.slug = 'relational-review' GROUP BY c.id",
    )
    .await;
    assert_eq!(sorted(rail(&page.body, "category")), sorted(categories));
    // The chosen facet is counted without itself: every source stays offered.
    let sources = rows(
        &site,
        "SELECT so.name, COUNT(*) FROM summaries s JOIN sources so ON so.id = s.source_id
         WHERE {public} GROUP BY so.id",
    )
    .await;
    assert_eq!(sorted(rail(&page.body, "source")), sorted(sources));

    let both = site
        .get("/summaries?source=relational-review&tag=performance")
        .await;
    let sources = rows(
        &site,
        "SELECT so.name, COUNT(*) FROM summaries s JOIN sources so ON so.id = s.source_id
         WHERE {public} AND s.id IN (SELECT summary_id FROM summary_tags JOIN tags t
           ON t.id = tag_id WHERE t.slug = 'performance') GROUP BY so.id",
    )
    .await;
    assert_eq!(sorted(rail(&both.body, "source")), sorted(sources));
}

#[tokio::test]
async fn long_lists_are_paged_and_pages_keep_the_filters() {
    let site = TestSite::demo().await;
    // Sixty more summaries, one a day through early 2025, all in one category.
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
         INSERT INTO summaries (slug, title, body_md, body_html, source_id, original_url,
             category_id, day, status, published_at, created_at, updated_at)
         SELECT 'extra-' || i, 'Extra summary ' || i, 'x', 'x', (SELECT MIN(id) FROM sources),
             'https://example.com/' || i, (SELECT id FROM categories WHERE slug = 'career'),
             date('2025-01-01', '+' || i || ' days'), 'published', '2025-06-01T00:00:00Z',
             '2025-06-01T00:00:00Z', '2025-06-01T00:00:00Z'
         FROM n",
    )
    .execute(&site.pool)
    .await
    .unwrap();
    let first = site.get("/summaries").await;
    assert_eq!(first.body.matches("<article").count(), 50);
    assert!(first.body.contains("Showing 81 of 81"));
    assert!(first.body.contains("Page 1 of 2"));
    assert!(first
        .body
        .contains("<a href=\"/summaries?page=2\" rel=\"next\""));
    let second = site.get("/summaries?page=2").await;
    assert_eq!(second.body.matches("<article").count(), 31);
    assert!(second.body.contains("Page 2 of 2"));
    assert!(second.body.contains("<a href=\"/summaries\" rel=\"prev\""));
    assert!(
        second.body.contains("Day 01"),
        "day index restarts on each page"
    );
    assert!(
        !second.body.contains("Extra summary 60<"),
        "newest were on page 1"
    );

    let filtered = site.get("/summaries?category=career").await;
    assert!(filtered.body.contains("Page 1 of 2"));
    assert!(filtered
        .body
        .contains("<a href=\"/summaries?category=career&amp;page=2\" rel=\"next\""));
}

#[tokio::test]
async fn filters_that_match_nothing_say_so() {
    let site = TestSite::demo().await;
    for uri in [
        "/summaries?tag=no-such-tag",
        "/summaries?category=career&source=relational-review",
    ] {
        let page = site.get(uri).await;
        assert_eq!(page.status, 200, "{uri}");
        assert!(
            page.body.contains("No summaries match these filters."),
            "{uri}"
        );
        assert!(page.body.contains("Showing 0 of 21"), "{uri}");
        assert!(page.body.contains("<a href=\"/summaries\""), "{uri}");
        assert_eq!(page.body.matches("<article").count(), 0, "{uri}");
    }
    let empty = TestSite::empty().await;
    let page = empty.get("/summaries").await;
    assert!(page.body.contains("No summaries have been published yet."));
}

#[tokio::test]
async fn hostile_text_is_escaped() {
    let site = TestSite::demo().await;
    sqlx::query("UPDATE summaries SET title = '<script>alert(\"t\")</script>' WHERE id = (SELECT MAX(id) FROM summaries)")
        .execute(&site.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE sources SET name = '<img src=x onerror=alert(1)>'")
        .execute(&site.pool)
        .await
        .unwrap();
    let page = site
        .get("/summaries?tag=%3Cscript%3Ealert(1)%3C/script%3E")
        .await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("<script>alert"), "no raw script");
    assert!(!page.body.contains("<img src=x"), "no raw image");
    let listed = site.get("/summaries").await;
    assert!(!listed.body.contains("<script>alert"));
    assert!(!listed.body.contains("<img src=x"));
    assert!(listed.body.contains("&lt;script&gt;alert"));
}

#[tokio::test]
async fn unpublished_summaries_are_never_listed_or_counted() {
    let site = TestSite::demo().await;
    let hidden: Vec<(i64, String)> = sqlx::query_as(
        "SELECT s.id, s.title FROM summaries s JOIN sources so ON so.id = s.source_id
         WHERE so.slug = 'relational-review' ORDER BY s.id LIMIT 3",
    )
    .fetch_all(&site.pool)
    .await
    .unwrap();
    assert_eq!(hidden.len(), 3);
    for (sql, (id, _)) in [
        "UPDATE summaries SET status = 'draft' WHERE id = ?",
        "UPDATE summaries SET status = 'scheduled', published_at = '2999-01-01T00:00:00Z' WHERE id = ?",
        "UPDATE summaries SET deleted_at = '2026-01-01T00:00:00Z' WHERE id = ?",
    ]
    .into_iter()
    .zip(&hidden)
    {
        sqlx::query(sql).bind(id).execute(&site.pool).await.unwrap();
    }
    for uri in ["/summaries", "/summaries?source=relational-review"] {
        let page = site.get(uri).await;
        for (_, title) in &hidden {
            assert!(!page.body.contains(&escape(title)), "{uri}: {title}");
            assert!(
                !page.body.contains(title.as_str()),
                "{uri}: {title} in data"
            );
        }
        assert!(page.body.contains(" of 18"), "{uri}");
        let sources = rows(
            &site,
            "SELECT so.name, COUNT(*) FROM summaries s JOIN sources so ON so.id = s.source_id
             WHERE {public} GROUP BY so.id",
        )
        .await;
        // A source only hidden summaries carry is as unknown as a typo:
        // not in the rail, its name nowhere on the page.
        assert!(!page.body.contains("The Relational Review"), "{uri}");
        assert_eq!(sorted(rail(&page.body, "source")), sorted(sources), "{uri}");
    }
    let tags = rows(
        &site,
        "SELECT '#' || t.slug, COUNT(*) FROM summary_tags st JOIN summaries s ON s.id = st.summary_id
         JOIN tags t ON t.id = st.tag_id WHERE {public} GROUP BY t.slug",
    )
    .await;
    assert_eq!(
        sorted(rail(&site.get("/summaries").await.body, "tag")),
        sorted(tags)
    );

    // The server function the browser calls after hydration obeys the same rule.
    let request = http::Request::post("/api/list_summaries")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(
            "query[filters][source]=relational-review",
        ))
        .unwrap();
    let response = tower::ServiceExt::oneshot(site.router.clone(), request)
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    let json = String::from_utf8_lossy(&bytes);
    assert!(json.contains("\"matching\":0"), "{json}");
    assert!(json.contains("\"total\":18"), "{json}");
    for (_, title) in &hidden {
        assert!(!json.contains(title.as_str()), "{title} in the response");
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
