//! Notes and tags over HTTP: list order, pagination, a note's page, the tag
//! index and its counts, a tag's page, 404s, and the rule that drafts,
//! scheduled and deleted items never show or count.

mod common;

use axum::body::Body;
use common::TestSite;
use http_body_util::BodyExt;
use tower::ServiceExt;

/// Public notes as the database sees them, newest first.
async fn public_notes(site: &TestSite) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT slug, title FROM notes WHERE status <> 'draft' AND deleted_at IS NULL
         AND published_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         ORDER BY published_at DESC, id DESC",
    )
    .fetch_all(&site.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn notes_are_listed_whole_and_newest_first() {
    let site = TestSite::demo().await;
    let page = site.get("/notes").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.body.matches("<h1").count(), 1, "one h1");
    let notes = public_notes(&site).await;
    assert!(notes.len() > 2 && notes.len() <= 20, "demo fits one page");
    let mut last = 0;
    for (slug, title) in &notes {
        let at = page
            .body
            .find(&format!("href=\"/notes/{slug}\""))
            .unwrap_or_else(|| panic!("{slug} listed"));
        assert!(at > last, "{slug} after the newer notes");
        assert!(page.body[at..].contains(&escape(title)));
        last = at;
    }
    assert!(
        page.body.contains("class=\"code-block\""),
        "snippets keep their markup"
    );
    assert!(
        page.body.contains("data-copy-code"),
        "and their copy button"
    );
    let (tag,): (String,) =
        sqlx::query_as("SELECT t.slug FROM note_tags nt JOIN tags t ON t.id = nt.tag_id LIMIT 1")
            .fetch_one(&site.pool)
            .await
            .unwrap();
    assert!(
        page.body.contains(&format!("href=\"/tags/{tag}\"")),
        "tags link to their page"
    );
    assert!(
        !page.body.contains("Page 1 of"),
        "no pagination for one page"
    );
    assert!(page.body.contains("<title>Notes · Folio</title>"));
}

#[tokio::test]
async fn many_notes_are_paginated_with_real_links() {
    let site = TestSite::demo().await;
    for n in 0..10 {
        sqlx::query(
            "INSERT INTO notes (slug, title, body_md, body_html, body_text, status, published_at,
                                created_at, updated_at)
             VALUES (?, ?, 'x', '<p>x</p>', 'x', 'published', ?, ?, ?)",
        )
        .bind(format!("old-note-{n}"))
        .bind(format!("Old note number {n}"))
        .bind(format!("2001-01-{:02}T00:00:00Z", n + 1))
        .bind("2001-01-01T00:00:00Z")
        .bind("2001-01-01T00:00:00Z")
        .execute(&site.pool)
        .await
        .unwrap();
        site.changed();
    }
    let total = public_notes(&site).await.len();
    assert!(total > 20 && total <= 40);
    let first = site.get("/notes").await;
    assert!(first.body.contains("Page 1 of 2"));
    assert!(first.body.contains("href=\"/notes?page=2\""));
    assert!(
        !first.body.contains("Old note number 0"),
        "oldest is on page 2"
    );
    let second = site.get("/notes?page=2").await;
    assert_eq!(second.status, 200);
    assert!(second.body.contains("Page 2 of 2"));
    assert!(second.body.contains("Old note number 0"));
    assert!(
        second.body.contains("href=\"/notes\""),
        "a link back to newer notes"
    );
    assert_eq!(site.get("/notes?page=3").await.status, 404);
}

#[tokio::test]
async fn a_note_page_shows_the_note_its_tags_and_its_neighbours() {
    let site = TestSite::demo().await;
    let notes = public_notes(&site).await;
    let (newer, _) = &notes[0];
    let (slug, title) = &notes[1];
    let (older, _) = &notes[2];
    let page = site.get(&format!("/notes/{slug}")).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.body.matches("<h1").count(), 1);
    assert!(page.body.contains(&format!("{}</h1>", escape(title))));
    let (body_html,): (String,) = sqlx::query_as("SELECT body_html FROM notes WHERE slug = ?")
        .bind(slug)
        .fetch_one(&site.pool)
        .await
        .unwrap();
    assert!(
        page.body.contains(&body_html),
        "the body as rendered on save"
    );
    let tags: Vec<(String,)> = sqlx::query_as(
        "SELECT t.slug FROM note_tags nt JOIN notes n ON n.id = nt.note_id
         JOIN tags t ON t.id = nt.tag_id WHERE n.slug = ?",
    )
    .bind(slug)
    .fetch_all(&site.pool)
    .await
    .unwrap();
    for (tag,) in tags {
        assert!(
            page.body.contains(&format!("href=\"/tags/{tag}\"")),
            "{tag}"
        );
    }
    assert!(page
        .body
        .contains(&format!("href=\"/notes/{newer}\" rel=\"next\"")));
    assert!(page
        .body
        .contains(&format!("href=\"/notes/{older}\" rel=\"prev\"")));
    assert!(page.body.contains("Back to all notes"));
    assert!(page.body.contains("\"BreadcrumbList\""));
    assert!(page.body.contains(&format!(
        "<link href=\"http://folio.test/notes/{slug}\" rel=\"canonical\">"
    )));
    // The newest note has nothing newer.
    let newest = site.get(&format!("/notes/{newer}")).await;
    assert!(!newest.body.contains("rel=\"next\""));
}

#[tokio::test]
async fn unknown_notes_and_tags_answer_404() {
    let site = TestSite::demo().await;
    sqlx::query("INSERT INTO tags (slug, name) VALUES ('lonely', 'Lonely')")
        .execute(&site.pool)
        .await
        .unwrap();
    site.changed();
    for uri in [
        "/notes/no-such-note",
        "/notes/Bad%20Slug",
        "/tags/no-such-tag",
        "/tags/lonely",
        "/tags/UPPER",
    ] {
        let page = site.get(uri).await;
        assert_eq!(page.status, 404, "{uri}");
        assert!(page.body.contains("Page not found"), "{uri}");
    }
    assert!(!site.get("/tags").await.body.contains("/tags/lonely"));
}

#[tokio::test]
async fn the_tag_index_counts_match_the_database() {
    let site = TestSite::demo().await;
    let page = site.get("/tags").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.body.matches("<h1").count(), 1);
    let expected = expected_counts(&site).await;
    assert!(!expected.is_empty());
    let mut last = 0;
    for (slug, name, articles, notes, summaries) in &expected {
        let at = page
            .body
            .find(&format!("href=\"/tags/{slug}\""))
            .unwrap_or_else(|| panic!("{slug} listed"));
        assert!(at > last, "{slug} in alphabetical order");
        last = at;
        let card = &page.body[at..at + page.body[at..].find("</li>").unwrap()];
        assert!(card.contains(&escape(name)));
        let total = articles + notes + summaries;
        assert!(
            card.contains(&format!(">{total} item")),
            "{slug}: {total} items"
        );
        for (count, one, many) in [
            (articles, "article", "articles"),
            (notes, "note", "notes"),
            (summaries, "summary", "summaries"),
        ] {
            match count {
                0 => assert!(!card.contains(&format!(" {one}")), "{slug}: no {many}"),
                1 => assert!(card.contains(&format!("1 {one}")), "{slug}: 1 {one}"),
                n => assert!(card.contains(&format!("{n} {many}")), "{slug}: {n} {many}"),
            }
        }
    }
    let listed = page.body.matches("href=\"/tags/").count();
    assert_eq!(
        listed,
        expected.len(),
        "every tag with published work, no others"
    );
}

/// Counts per tag computed independently of the app: one row per public
/// item and tag, grouped, tags with nothing public left out.
async fn expected_counts(site: &TestSite) -> Vec<(String, String, i64, i64, i64)> {
    sqlx::query_as(
        "WITH live(kind, tag_id) AS (
           SELECT 'a', x.tag_id FROM article_tags x JOIN articles i ON i.id = x.article_id
             WHERE i.status IN ('published', 'scheduled') AND i.deleted_at IS NULL
             AND i.published_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
           UNION ALL
           SELECT 'n', x.tag_id FROM note_tags x JOIN notes i ON i.id = x.note_id
             WHERE i.status IN ('published', 'scheduled') AND i.deleted_at IS NULL
             AND i.published_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
           UNION ALL
           SELECT 's', x.tag_id FROM summary_tags x JOIN summaries i ON i.id = x.summary_id
             WHERE i.status IN ('published', 'scheduled') AND i.deleted_at IS NULL
             AND i.published_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
         SELECT t.slug, t.name, SUM(kind = 'a'), SUM(kind = 'n'), SUM(kind = 's')
         FROM live JOIN tags t ON t.id = live.tag_id
         GROUP BY t.id ORDER BY t.name COLLATE NOCASE, t.slug",
    )
    .fetch_all(&site.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_tag_page_lists_each_kind_it_carries() {
    let site = TestSite::demo().await;
    let counts = expected_counts(&site).await;
    let (slug, name, ..) = counts
        .iter()
        .find(|(_, _, a, n, s)| *a > 0 && *n > 0 && *s > 0)
        .expect("a demo tag on all three kinds");
    let page = site.get(&format!("/tags/{slug}")).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.body.matches("<h1").count(), 1);
    assert!(page.body.contains(&escape(name)));
    for section in ["Articles</h2>", "Notes</h2>", "Summaries</h2>"] {
        assert!(page.body.contains(section), "{section}");
    }
    assert!(page.body.contains(&format!(
        "href=\"/tags/{slug}/feed.xml\" type=\"application/atom+xml\""
    )));
    assert!(page.body.contains("\"BreadcrumbList\""));
    let titles: Vec<(String, String)> = sqlx::query_as(
        "SELECT a.slug, a.title FROM articles a JOIN article_tags x ON x.article_id = a.id
         JOIN tags t ON t.id = x.tag_id WHERE t.slug = ? AND a.status = 'published'",
    )
    .bind(slug)
    .fetch_all(&site.pool)
    .await
    .unwrap();
    for (article, title) in titles {
        assert!(page.body.contains(&format!("href=\"/articles/{article}\"")));
        assert!(page.body.contains(&escape(&title)));
    }
    let summaries: Vec<(String, String)> = sqlx::query_as(
        "SELECT s.original_url, src.name FROM summaries s JOIN summary_tags x ON x.summary_id = s.id
         JOIN tags t ON t.id = x.tag_id JOIN sources src ON src.id = s.source_id
         WHERE t.slug = ? AND s.status = 'published'",
    )
    .bind(slug)
    .fetch_all(&site.pool)
    .await
    .unwrap();
    for (url, source) in summaries {
        assert!(page
            .body
            .contains(&format!("href=\"{url}\" rel=\"noopener\"")));
        assert!(page.body.contains(&escape(&source)));
    }

    let (only_articles,) = counts
        .iter()
        .find(|(_, _, a, n, s)| *a > 0 && *n == 0 && *s == 0)
        .map(|(slug, ..)| (slug.clone(),))
        .expect("a demo tag on articles only");
    let page = site.get(&format!("/tags/{only_articles}")).await;
    assert!(page.body.contains("Articles</h2>"));
    assert!(
        !page.body.contains("Notes</h2>"),
        "empty sections are left out"
    );
    assert!(!page.body.contains("Summaries</h2>"));
}

#[tokio::test]
async fn unpublished_items_never_show_or_count() {
    let site = TestSite::demo().await;
    let (tag, tag_id): (String, i64) = sqlx::query_as(
        "SELECT t.slug, t.id FROM tags t WHERE
           (SELECT COUNT(*) FROM note_tags x WHERE x.tag_id = t.id) >= 3
           AND EXISTS (SELECT 1 FROM article_tags x WHERE x.tag_id = t.id)
           AND EXISTS (SELECT 1 FROM summary_tags x WHERE x.tag_id = t.id)
         LIMIT 1",
    )
    .fetch_one(&site.pool)
    .await
    .unwrap();
    let before = counts_of(&site, &tag).await;
    let hidden_notes = hide_three(&site, "notes", "note_tags", "note_id", tag_id).await;
    let hidden_articles = hide_three(&site, "articles", "article_tags", "article_id", tag_id).await;
    let hidden_summaries =
        hide_three(&site, "summaries", "summary_tags", "summary_id", tag_id).await;
    assert_eq!(
        hidden_notes.len(),
        3,
        "a draft, a scheduled and a deleted note"
    );
    assert!(!hidden_articles.is_empty() && !hidden_summaries.is_empty());
    let after = counts_of(&site, &tag).await;
    assert_eq!(after.0, before.0 - hidden_articles.len() as i64);
    assert_eq!(after.1, before.1 - hidden_notes.len() as i64);
    assert_eq!(after.2, before.2 - hidden_summaries.len() as i64);

    let tags_page = site.get("/tags").await.body;
    let card_at = tags_page.find(&format!("href=\"/tags/{tag}\"")).unwrap();
    let card = &tags_page[card_at..card_at + tags_page[card_at..].find("</li>").unwrap()];
    let total = after.0 + after.1 + after.2;
    assert!(card.contains(&format!(">{total} item")), "{card}");

    let notes_page = site.get("/notes").await.body;
    let tag_page = site.get(&format!("/tags/{tag}")).await.body;
    for (slug, title) in &hidden_notes {
        assert!(
            !notes_page.contains(&format!("/notes/{slug}\"")),
            "{slug} on /notes"
        );
        assert!(!notes_page.contains(&escape(title)));
        assert!(
            !tag_page.contains(&format!("/notes/{slug}\"")),
            "{slug} on the tag"
        );
        assert_eq!(
            site.get(&format!("/notes/{slug}")).await.status,
            404,
            "{slug}"
        );
    }
    for (slug, title) in hidden_articles.iter().chain(&hidden_summaries) {
        assert!(!tag_page.contains(&escape(title)), "{slug} on the tag");
    }
    for (slug, _) in public_notes(&site).await {
        let page = site.get(&format!("/notes/{slug}")).await.body;
        for (hidden, _) in &hidden_notes {
            assert!(
                !page.contains(&format!("/notes/{hidden}\"")),
                "{hidden} as a neighbour"
            );
        }
    }
    let api = post(&site, "/api/list_notes", "query[page]=1").await;
    for (slug, _) in &hidden_notes {
        assert!(!api.contains(slug.as_str()), "{slug} in list_notes");
    }
    let api = post(&site, "/api/get_tag", &format!("query[slug]={tag}")).await;
    for (slug, _) in hidden_notes.iter().chain(&hidden_articles) {
        assert!(!api.contains(slug.as_str()), "{slug} in get_tag");
    }

    // A tag whose only items are unpublished disappears altogether.
    sqlx::query("UPDATE notes SET status = 'draft' WHERE id IN (SELECT note_id FROM note_tags WHERE tag_id = ?)")
        .bind(tag_id)
        .execute(&site.pool)
        .await
        .unwrap();
    site.changed();
    sqlx::query("UPDATE articles SET deleted_at = '2026-01-01T00:00:00Z' WHERE id IN (SELECT article_id FROM article_tags WHERE tag_id = ?)")
        .bind(tag_id)
        .execute(&site.pool)
        .await
        .unwrap();
    site.changed();
    sqlx::query("UPDATE summaries SET status = 'scheduled', published_at = '2999-01-01T00:00:00Z' WHERE id IN (SELECT summary_id FROM summary_tags WHERE tag_id = ?)")
        .bind(tag_id)
        .execute(&site.pool)
        .await
        .unwrap();
    site.changed();
    assert_eq!(site.get(&format!("/tags/{tag}")).await.status, 404);
    assert!(!site
        .get("/tags")
        .await
        .body
        .contains(&format!("href=\"/tags/{tag}\"")));
}

/// Makes the first three public items of `table` carrying the tag
/// unpublished, one of each way: draft, scheduled for 2999, deleted.
async fn hide_three(
    site: &TestSite,
    table: &str,
    join: &str,
    column: &str,
    tag_id: i64,
) -> Vec<(String, String)> {
    let items: Vec<(i64, String, String)> = sqlx::query_as(&format!(
        "SELECT i.id, i.slug, i.title FROM {table} i JOIN {join} x ON x.{column} = i.id
         WHERE x.tag_id = ? AND i.status = 'published' AND i.deleted_at IS NULL
         ORDER BY i.id LIMIT 3"
    ))
    .bind(tag_id)
    .fetch_all(&site.pool)
    .await
    .unwrap();
    let changes = [
        "status = 'draft'",
        "status = 'scheduled', published_at = '2999-01-01T00:00:00Z'",
        "deleted_at = '2026-01-01T00:00:00Z'",
    ];
    for ((id, ..), change) in items.iter().zip(changes) {
        sqlx::query(&format!("UPDATE {table} SET {change} WHERE id = ?"))
            .bind(id)
            .execute(&site.pool)
            .await
            .unwrap();
        site.changed();
    }
    items
        .into_iter()
        .map(|(_, slug, title)| (slug, title))
        .collect()
}

async fn counts_of(site: &TestSite, slug: &str) -> (i64, i64, i64) {
    let counts = expected_counts(site).await;
    let (_, _, a, n, s) = counts.into_iter().find(|c| c.0 == slug).unwrap();
    (a, n, s)
}

#[tokio::test]
async fn an_empty_site_has_friendly_notes_and_tags_pages() {
    let site = TestSite::empty().await;
    let notes = site.get("/notes").await;
    assert_eq!(notes.status, 200);
    assert!(notes.body.contains("No notes yet."));
    let tags = site.get("/tags").await;
    assert_eq!(tags.status, 200);
    assert!(tags.body.contains("No tags yet."));
}

/// Calls a server function the way the browser does, returning its body.
async fn post(site: &TestSite, uri: &str, form: &str) -> String {
    let request = http::Request::post(uri)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(form.to_owned()))
        .unwrap();
    let response = site.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = String::from_utf8_lossy(&bytes).into_owned();
    assert!(status.is_success(), "{uri}: {status} {body}");
    body
}

/// Text as the server writes it into an HTML text node.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
