//! The rule that matters most: drafts, scheduled items whose time has not
//! come, and deleted items never reach a public response — no page, count,
//! feed, sitemap, search result or server-function answer. Each test hides
//! items of every kind under a unique marker, then reads everything a
//! visitor (or a crawler, or a script calling the API) can read.

mod common;

use common::TestSite;

const STATES: [(&str, &str); 3] = [
    ("draft", "status = 'draft'"),
    (
        "scheduled",
        "status = 'scheduled', published_at = '2999-01-01T00:00:00Z'",
    ),
    ("deleted", "deleted_at = '2026-01-01T00:00:00Z'"),
];

/// One hidden item: its marker title and the address it would have.
struct Hidden {
    marker: String,
    url: Option<String>,
}

/// Hides the newest published article, note and summary in each state
/// and gives each a title no other content has.
async fn hide_items(site: &TestSite) -> Vec<Hidden> {
    let mut hidden = Vec::new();
    for (table, path) in [
        ("articles", Some("/articles/")),
        ("notes", Some("/notes/")),
        ("summaries", None),
    ] {
        for (state, set) in STATES {
            let (id, slug): (i64, String) = sqlx::query_as(&format!(
                "SELECT id, slug FROM {table} WHERE status = 'published' AND deleted_at IS NULL
                 ORDER BY published_at DESC LIMIT 1"
            ))
            .fetch_one(&site.pool)
            .await
            .unwrap();
            let marker = format!("Zqxmarker {table} {state}");
            sqlx::query(&format!("UPDATE {table} SET title = ?, {set} WHERE id = ?"))
                .bind(&marker)
                .bind(id)
                .execute(&site.pool)
                .await
                .unwrap();
            hidden.push(Hidden {
                marker,
                url: path.map(|p| format!("{p}{slug}")),
            });
            // Terms only this hidden item carries: their names must not
            // show either (tag lists, filter rails, facets, feeds).
            let singular = table.trim_end_matches('s').replace("summarie", "summary");
            let tag = format!("Zqxmarker tag {table} {state}");
            let tag_id: i64 =
                sqlx::query_scalar("INSERT INTO tags (slug, name) VALUES (?, ?) RETURNING id")
                    .bind(format!("zqxmarker-tag-{table}-{state}"))
                    .bind(&tag)
                    .fetch_one(&site.pool)
                    .await
                    .unwrap();
            sqlx::query(&format!(
                "INSERT INTO {singular}_tags ({singular}_id, tag_id) VALUES (?, ?)"
            ))
            .bind(id)
            .bind(tag_id)
            .execute(&site.pool)
            .await
            .unwrap();
            hidden.push(Hidden {
                marker: tag,
                url: None,
            });
            // A category (articles, summaries) and a source (summaries).
            let mut terms = Vec::new();
            if table != "notes" {
                terms.push(("categories", "category_id", "category"));
            }
            if table == "summaries" {
                terms.push(("sources", "source_id", "source"));
            }
            for (terms_table, column, kind) in terms {
                let name = format!("Zqxmarker {kind} {table} {state}");
                let term_id: i64 = sqlx::query_scalar(&format!(
                    "INSERT INTO {terms_table} (slug, name) VALUES (?, ?) RETURNING id"
                ))
                .bind(format!("zqxmarker-{kind}-{table}-{state}"))
                .bind(&name)
                .fetch_one(&site.pool)
                .await
                .unwrap();
                sqlx::query(&format!("UPDATE {table} SET {column} = ? WHERE id = ?"))
                    .bind(term_id)
                    .bind(id)
                    .execute(&site.pool)
                    .await
                    .unwrap();
                hidden.push(Hidden {
                    marker: name,
                    url: None,
                });
            }
        }
    }
    hidden
}

#[tokio::test]
async fn hidden_items_never_reach_a_public_page_feed_or_search() {
    let site = TestSite::demo().await;
    let hidden = hide_items(&site).await;
    for uri in
        common::surface::public_addresses(&site, &["zqxmarker", "Zqxmarker%20articles"]).await
    {
        let page = site.get(&uri).await;
        assert!(
            page.status == 200 || page.status == 404,
            "{uri} answered {}",
            page.status
        );
        for item in &hidden {
            assert!(
                !page.body.contains(&item.marker),
                "{} appears on {uri}",
                item.marker
            );
            if let Some(url) = &item.url {
                assert!(
                    !page.body.contains(&format!("{url}\""))
                        && !page.body.contains(&format!("{url}<")),
                    "{url} is linked from {uri}"
                );
            }
        }
    }
    for item in &hidden {
        if let Some(url) = &item.url {
            assert_eq!(site.get(url).await.status, 404, "{url}");
        }
    }
}

#[tokio::test]
async fn hidden_items_never_reach_a_server_function_answer() {
    let site = TestSite::demo().await;
    let hidden = hide_items(&site).await;
    let calls = [
        ("/api/get_home", String::new()),
        ("/api/list_articles", "query[page]=1".to_owned()),
        ("/api/list_notes", "query[page]=1".to_owned()),
        (
            "/api/list_summaries",
            "query[filters][tag]=&query[page]=1".to_owned(),
        ),
        ("/api/list_tags", String::new()),
        ("/api/search", "query[q]=zqxmarker".to_owned()),
        ("/api/site_meta", String::new()),
        ("/api/whoami", String::new()),
        ("/api/sign_in_notice", String::new()),
    ];
    let mut calls: Vec<(String, String)> = calls
        .into_iter()
        .map(|(uri, form)| (uri.to_owned(), form))
        .collect();
    let tags: Vec<String> = sqlx::query_scalar("SELECT slug FROM tags")
        .fetch_all(&site.pool)
        .await
        .unwrap();
    for tag in tags {
        calls.push(("/api/get_tag".to_owned(), format!("query[slug]={tag}")));
    }
    // Every function a visitor may call is called here. The registry says
    // which they are: a guarded function answers a stranger 401 in one of
    // the two encodings (the other may not even decode); any other is
    // public and must be read by this test.
    for (path, _) in common::surface::server_functions() {
        let form = site.post_form(&path, "").await.status;
        let json = site.call(&path, &serde_json::json!({}), None).await.status;
        let guarded = form == 401 || json == 401;
        let covered = calls.iter().any(|(uri, _)| *uri == path)
            || ["/api/get_article", "/api/get_note"].contains(&path.as_str());
        assert!(
            guarded || covered,
            "{path} answers visitors (form {form}, JSON {json}) but this test does not read it"
        );
    }
    for (uri, form) in calls {
        let uri = uri.as_str();
        let answer = site.post_form(uri, &form).await;
        // A tag only hidden items carry has no page, so no answer either.
        let missing_tag = uri == "/api/get_tag" && answer.status == 404;
        assert!(
            answer.status == 200 || missing_tag,
            "{uri} {form}: {} {}",
            answer.status,
            answer.body
        );
        for item in &hidden {
            assert!(
                !answer.body.contains(&item.marker),
                "{} in {uri}",
                item.marker
            );
        }
    }
    for item in hidden.iter().filter_map(|h| h.url.as_deref()) {
        let slug = item.rsplit('/').next().unwrap();
        let (uri, form) = if item.starts_with("/articles/") {
            ("/api/get_article", format!("query[slug]={slug}"))
        } else {
            ("/api/get_note", format!("query[slug]={slug}"))
        };
        let answer = site.post_form(uri, &form).await;
        assert_ne!(answer.status, 200, "{uri} {slug}: {}", answer.body);
    }
}

#[tokio::test]
async fn titles_are_escaped_in_the_document_head() {
    let site = TestSite::demo().await;
    sqlx::query(
        "UPDATE articles SET title = 'Closing </title><script>alert(1)</script> tags'
         WHERE id = (SELECT id FROM articles WHERE status = 'published' ORDER BY published_at DESC LIMIT 1)",
    )
    .execute(&site.pool)
    .await
    .unwrap();
    let slug: String = sqlx::query_scalar("SELECT slug FROM articles WHERE title LIKE 'Closing%'")
        .fetch_one(&site.pool)
        .await
        .unwrap();
    let page = site.get(&format!("/articles/{slug}")).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("<script>alert(1)"), "{}", page.body);
    assert!(page
        .body
        .contains("<title>Closing &lt;/title&gt;&lt;script&gt;"));
}

/// The public rule compares `published_at` with now as text: any other
/// form of instant would sort wrongly, so the database refuses it.
#[tokio::test]
async fn the_database_refuses_an_instant_the_public_rule_cannot_compare() {
    let site = TestSite::empty().await;
    let insert = |at: &'static str| {
        sqlx::query(
            "INSERT INTO notes (slug, title, body_md, status, published_at, created_at, updated_at)
             VALUES (?, 't', 'x', 'published', ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        )
        .bind(format!("n-{}", at.len()))
        .bind(at)
        .execute(&site.pool)
    };
    for odd in [
        "2026-5-8",
        "2026-05-08 09:30:00",
        "2026-05-08T09:30:00+02:00",
        "soon",
    ] {
        let error = insert(odd).await.expect_err(odd).to_string();
        assert!(error.contains("published_at must be"), "{odd}: {error}");
    }
    insert("2026-05-08T09:30:00Z").await.unwrap();
    let error = sqlx::query("UPDATE notes SET published_at = '2026-05-08T09:30:00.5Z'")
        .execute(&site.pool)
        .await
        .expect_err("a fractional instant")
        .to_string();
    assert!(error.contains("published_at must be"), "{error}");
}
