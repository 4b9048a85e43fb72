//! The write path end to end: saving each kind, versions and conflicts,
//! field errors, scheduling, trash, revisions, and the preview being the
//! published page.

mod common;

use common::TestSite;
use serde_json::{json, Value};

async fn save(site: &TestSite, cookie: &str, doc: Value, explicit: bool) -> Value {
    save_from(site, cookie, doc, explicit, "").await
}

/// A save from the open editor whose token is `writer`.
async fn save_from(
    site: &TestSite,
    cookie: &str,
    doc: Value,
    explicit: bool,
    writer: &str,
) -> Value {
    let page = site
        .call(
            "/api/save_item",
            &json!({"request": {"doc": doc, "explicit": explicit, "writer": writer}}),
            Some(cookie),
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.json()
}

fn article(title: &str, slug: &str, status: &str) -> Value {
    json!({"kind": "article", "title": title, "slug": slug, "category": "Databases",
           "tags": ["sqlite", "A Brand New Tag"], "status": status, "dek": "One line.",
           "body_md": "## Why\n\nBecause *it* works.\n"})
}

fn saved_doc(outcome: &Value) -> Value {
    outcome
        .get("Saved")
        .unwrap_or_else(|| panic!("not saved: {outcome}"))["doc"]
        .clone()
}

#[tokio::test]
async fn a_published_article_appears_on_the_site_in_its_category_tags_feed_and_search() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let draft = saved_doc(
        &save(
            &site,
            &cookie,
            article("Zebra crossings in SQL", "zebra-crossings", "draft"),
            false,
        )
        .await,
    );
    assert_eq!(draft["version"], 1);
    assert_eq!(
        site.get("/articles/zebra-crossings").await.status,
        404,
        "a draft is not public"
    );
    let mut doc = draft.clone();
    doc["status"] = json!("published");
    let published = saved_doc(&save(&site, &cookie, doc, true).await);
    assert_eq!(published["version"], 2);
    let page = site.get("/articles/zebra-crossings").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Because <em>it</em> works."),
        "rendered at save"
    );
    assert!(site
        .get("/articles?category=databases")
        .await
        .body
        .contains("Zebra crossings in SQL"));
    assert!(
        site.get("/tags/a-brand-new-tag")
            .await
            .body
            .contains("Zebra crossings in SQL"),
        "a new tag is created"
    );
    assert!(site
        .get("/feed.xml")
        .await
        .body
        .contains("Zebra crossings in SQL"));
    assert!(site
        .get("/search?q=zebra")
        .await
        .body
        .contains("Zebra crossings"));
}

#[tokio::test]
async fn a_save_based_on_an_old_version_is_a_conflict_and_writes_nothing() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let first = saved_doc(
        &save(
            &site,
            &cookie,
            article("Two tabs", "two-tabs", "draft"),
            false,
        )
        .await,
    );
    let mut tab_a = first.clone();
    tab_a["body_md"] = json!("Tab A wrote this.");
    saved_doc(&save(&site, &cookie, tab_a, false).await);
    let mut tab_b = first.clone();
    tab_b["body_md"] = json!("Tab B wrote this.");
    let outcome = save(&site, &cookie, tab_b, false).await;
    let server = &outcome["Conflict"]["server"];
    assert_eq!(server["body_md"], "Tab A wrote this.", "{outcome}");
    assert_eq!(server["version"], 2);
    let (body,): (String,) = sqlx::query_as("SELECT body_md FROM articles WHERE slug = 'two-tabs'")
        .fetch_one(&site.pool)
        .await
        .unwrap();
    assert_eq!(body, "Tab A wrote this.");
    // Choosing "keep mine" is a save based on the version now on the server.
    let mut keep = first;
    keep["body_md"] = json!("Tab B wrote this.");
    keep["version"] = json!(2);
    assert_eq!(
        saved_doc(&save(&site, &cookie, keep, true).await)["body_md"],
        "Tab B wrote this."
    );
}

#[tokio::test]
async fn a_save_sent_again_after_its_answer_was_lost_is_saved_not_a_conflict() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let mut note = saved_doc(
        &save(
            &site,
            &cookie,
            json!({"kind": "note", "title": "Lost answer", "slug": "lost-answer",
                   "body_md": "Written online.", "status": "draft", "day": "2026-12-07"}),
            false,
        )
        .await,
    );
    // The browser's copy of a note carries a day and its own tag order;
    // neither is part of a note's content.
    note["day"] = json!("2026-12-07");
    note["body_md"] = json!("Written online. Then the tab closed.");
    note["tags"] = json!(["sqlite", "rust"]);
    let second = saved_doc(&save(&site, &cookie, note.clone(), false).await);
    assert_eq!(second["version"], 2);
    let stored = || async {
        sqlx::query_as::<_, (i64, String, i64)>(
            "SELECT version, updated_at,
                    (SELECT COUNT(*) FROM revisions r WHERE r.kind = 'note' AND r.item_id = n.id)
             FROM notes n WHERE slug = 'lost-answer'",
        )
        .fetch_one(&site.pool)
        .await
        .unwrap()
    };
    let before = stored().await;
    // The answer never arrived; the same words come again from version 1.
    note["tags"] = json!(["rust", "sqlite"]);
    let again = saved_doc(&save(&site, &cookie, note.clone(), true).await);
    assert_eq!(again["version"], 2);
    assert_eq!(stored().await, before, "nothing new was written");
    // Different words from the old version are still a conflict.
    note["body_md"] = json!("Something else.");
    let outcome = save(&site, &cookie, note, false).await;
    assert_eq!(
        outcome["Conflict"]["server"]["body_md"], "Written online. Then the tab closed.",
        "{outcome}"
    );
}

#[tokio::test]
async fn an_editor_whose_answers_were_lost_goes_on_saving_until_someone_else_writes() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let mut tab_a = saved_doc(
        &save_from(
            &site,
            &cookie,
            json!({"kind": "note", "title": "Flaky wifi", "slug": "flaky-wifi",
                   "body_md": "One.", "status": "draft"}),
            false,
            "tab-a",
        )
        .await,
    );
    // Two saves reach the server but their answers do not reach tab A,
    // which goes on typing from version 1.
    for body in ["One. Two.", "One. Two. Three."] {
        tab_a["body_md"] = json!(body);
        let saved = saved_doc(&save_from(&site, &cookie, tab_a.clone(), false, "tab-a").await);
        assert_eq!(saved["body_md"], body);
    }
    let (version,): (i64,) = sqlx::query_as("SELECT version FROM notes WHERE slug = 'flaky-wifi'")
        .fetch_one(&site.pool)
        .await
        .unwrap();
    assert_eq!(version, 3);
    // Another tab (or none: an empty token never matches) from version 1
    // is a conflict: it has not seen tab A's words.
    let mut tab_b = tab_a.clone();
    tab_b["body_md"] = json!("Tab B.");
    for writer in ["tab-b", ""] {
        let outcome = save_from(&site, &cookie, tab_b.clone(), false, writer).await;
        assert_eq!(
            outcome["Conflict"]["server"]["body_md"], "One. Two. Three.",
            "{outcome}"
        );
    }
    // Once tab B writes, tab A's stale version is a conflict again.
    tab_b["version"] = json!(3);
    saved_doc(&save_from(&site, &cookie, tab_b, false, "tab-b").await);
    tab_a["body_md"] = json!("One. Two. Three. Four.");
    let outcome = save_from(&site, &cookie, tab_a.clone(), false, "tab-a").await;
    assert_eq!(
        outcome["Conflict"]["server"]["body_md"], "Tab B.",
        "{outcome}"
    );
    // So is a trash meanwhile, whoever wrote last.
    let mut tab_c = saved_doc(
        &save_from(
            &site,
            &cookie,
            outcome["Conflict"]["server"].clone(),
            false,
            "tab-c",
        )
        .await,
    );
    let id = tab_c["id"].as_i64().unwrap();
    let trashed = site
        .call(
            "/api/trash_item",
            &json!({"item": {"kind": "note", "id": id}}),
            Some(&cookie),
        )
        .await;
    assert_eq!(trashed.status, 200, "{}", trashed.body);
    tab_c["body_md"] = json!("Tab C, unaware.");
    let outcome = save_from(&site, &cookie, tab_c, false, "tab-c").await;
    assert!(outcome.get("Conflict").is_some(), "{outcome}");
}

#[tokio::test]
async fn problems_come_back_per_field_and_a_taken_slug_is_not_a_500() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let outcome = save(&site, &cookie, json!({"kind": "summary", "title": "", "slug": "Bad Slug", "original_url": "javascript:alert(1)", "day": "someday"}), true).await;
    let fields: Vec<&str> = outcome["Invalid"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["title", "slug", "category", "source", "original_url", "day"],
        "{outcome}"
    );
    saved_doc(
        &save(
            &site,
            &cookie,
            article("Taken", "taken-slug", "draft"),
            false,
        )
        .await,
    );
    let clash = save(
        &site,
        &cookie,
        article("Another", "taken-slug", "draft"),
        false,
    )
    .await;
    assert_eq!(clash["Invalid"]["errors"][0]["field"], "slug", "{clash}");
    assert!(clash["Invalid"]["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("already uses this slug"));
    let check = site
        .call(
            "/api/check_slug",
            &json!({"query": {"kind": "article", "slug": "taken-slug"}}),
            Some(&cookie),
        )
        .await;
    assert_eq!(check.json(), json!("Taken"));
    let free = site
        .call(
            "/api/check_slug",
            &json!({"query": {"kind": "note", "slug": "taken-slug"}}),
            Some(&cookie),
        )
        .await;
    assert_eq!(free.json(), json!("Available"), "slugs are unique per kind");
}

#[tokio::test]
async fn a_scheduled_item_publishes_itself_when_its_time_comes() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let in_two_seconds = std::time::SystemTime::now() + std::time::Duration::from_secs(2);
    let at = app::server::clock::format_instant(in_two_seconds.into());
    let note = json!({"kind": "note", "title": "Later note", "slug": "later-note", "status": "scheduled", "publish_at": at, "body_md": "Soon."});
    saved_doc(&save(&site, &cookie, note, true).await);
    assert_eq!(site.get("/notes/later-note").await.status, 404);
    assert!(!site
        .get("/notes/feed.xml")
        .await
        .body
        .contains("Later note"));
    let dashboard = site
        .call("/api/admin_dashboard", &json!({}), Some(&cookie))
        .await
        .json();
    assert!(dashboard["scheduled"].to_string().contains("Later note"));
    tokio::time::sleep(std::time::Duration::from_millis(3100)).await;
    assert_eq!(
        site.get("/notes/later-note").await.status,
        200,
        "no restart, no job"
    );
    assert!(site
        .get("/notes/feed.xml")
        .await
        .body
        .contains("Later note"));
    assert!(site
        .get("/search?q=later")
        .await
        .body
        .contains("Later note"));
}

#[tokio::test]
async fn trash_hides_an_item_and_restore_brings_it_back() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let doc = saved_doc(
        &save(
            &site,
            &cookie,
            article("Bin me", "bin-me", "published"),
            true,
        )
        .await,
    );
    let item = json!({"item": {"kind": "article", "id": doc["id"]}});
    let trashed = site
        .call("/api/trash_item", &item, Some(&cookie))
        .await
        .json();
    assert!(trashed["deleted_at"].is_string());
    assert_eq!(site.get("/articles/bin-me").await.status, 404);
    let dashboard = site
        .call("/api/admin_dashboard", &json!({}), Some(&cookie))
        .await
        .json();
    assert!(dashboard["trash"].to_string().contains("Bin me"));
    site.call("/api/restore_item", &item, Some(&cookie)).await;
    assert_eq!(site.get("/articles/bin-me").await.status, 200);
}

#[tokio::test]
async fn autosaves_of_one_burst_are_one_revision_and_restoring_is_a_new_one() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let mut doc = saved_doc(
        &save(
            &site,
            &cookie,
            article("History", "history", "draft"),
            false,
        )
        .await,
    );
    for word in ["one", "one two", "one two three"] {
        doc["body_md"] = json!(word);
        doc = saved_doc(&save(&site, &cookie, doc, false).await);
    }
    let item = json!({"item": {"kind": "article", "id": doc["id"]}});
    let revisions = site
        .call("/api/list_revisions", &item, Some(&cookie))
        .await
        .json();
    assert_eq!(
        revisions.as_array().unwrap().len(),
        1,
        "one burst, one revision: {revisions}"
    );
    // An explicit save closes the burst; the next edit starts a new revision.
    doc = saved_doc(&save(&site, &cookie, doc, true).await);
    doc["body_md"] = json!("rewritten entirely");
    doc = saved_doc(&save(&site, &cookie, doc, false).await);
    let revisions = site
        .call("/api/list_revisions", &item, Some(&cookie))
        .await
        .json();
    let ids: Vec<i64> = revisions
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 2);
    let diff = site
        .call(
            "/api/diff_revisions",
            &json!({"request": {"item": item["item"], "from": ids[1], "to": ids[0]}}),
            Some(&cookie),
        )
        .await
        .json();
    let lines = diff.to_string();
    assert!(
        lines.contains(r#"{"change":"-","text":"one two three"}"#),
        "{lines}"
    );
    assert!(
        lines.contains(r#"{"change":"+","text":"rewritten entirely"}"#),
        "{lines}"
    );
    let restored = site
        .call(
            "/api/restore_revision",
            &json!({"request": {"item": item["item"], "revision": ids[1]}}),
            Some(&cookie),
        )
        .await
        .json();
    assert_eq!(saved_doc(&restored)["body_md"], "one two three");
    assert!(saved_doc(&restored)["version"].as_i64().unwrap() > doc["version"].as_i64().unwrap());
    let revisions = site
        .call("/api/list_revisions", &item, Some(&cookie))
        .await
        .json();
    assert_eq!(
        revisions.as_array().unwrap().len(),
        3,
        "restoring is itself a revision: {revisions}"
    );
}

/// Every construct the renderer knows, in a few documents.
const DOCUMENTS: &[&str] = &[
    "# Title\n\n## Section one\n\nText with **bold**, _italic_, `code`, ~~gone~~ and a [link](https://example.com).\n\n### Deeper\n\n- a\n- b\n  1. nested\n",
    "| Left | Centre | Right |\n|:-----|:------:|------:|\n| a | b | c |\n\nA claim.[^1]\n\n[^1]: The footnote.\n",
    "```rust\nfn main() { println!(\"hi\"); }\n```\n\n```python\ndef f():\n    return 1\n```\n\n```sql\nSELECT 1;\n```\n\n```klingon\nqaStaH nuq\n```\n",
    "<div class=\"note\">raw <b>html</b><script>alert(1)</script></div>\n\n![A diagram](/media/abc.png \"title\")\n\n<img src=x onerror=alert(1)>\n\n> quoted\n\n---\n",
];

#[tokio::test]
async fn the_preview_is_byte_for_byte_the_published_html() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    for (n, body) in DOCUMENTS.iter().enumerate() {
        let preview = site
            .call(
                "/api/preview_markdown",
                &json!({"request": {"body_md": body}}),
                Some(&cookie),
            )
            .await
            .json();
        let slug = format!("preview-doc-{n}");
        let mut doc = article(&format!("Preview {n}"), &slug, "draft");
        doc["body_md"] = json!(body);
        saved_doc(&save(&site, &cookie, doc, true).await);
        let (stored,): (String,) = sqlx::query_as("SELECT body_html FROM articles WHERE slug = ?")
            .bind(&slug)
            .fetch_one(&site.pool)
            .await
            .unwrap();
        assert_eq!(preview["html"].as_str().unwrap(), stored, "document {n}");
        assert!(
            !stored.contains("<script") && !stored.contains("onerror"),
            "sanitised: {stored}"
        );
    }
    let preview = site
        .call(
            "/api/preview_markdown",
            &json!({"request": {"body_md": DOCUMENTS[2]}}),
            Some(&cookie),
        )
        .await
        .json();
    assert_eq!(preview["unknown_languages"], json!(["klingon"]));
}

#[tokio::test]
async fn summaries_and_notes_save_with_their_own_fields() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let summary = json!({"kind": "summary", "title": "A summary of pools", "slug": "pools-summary", "category": "Databases",
        "source": "Brand New Weekly", "original_url": "https://example.com/pools", "day": "2026-12-01", "status": "published",
        "body_md": "Pools are *queues*."});
    let doc = saved_doc(&save(&site, &cookie, summary, true).await);
    assert_eq!(doc["source"], "Brand New Weekly");
    let page = site.get("/summaries?source=brand-new-weekly").await;
    assert!(
        page.body.contains("A summary of pools"),
        "a new source is created"
    );
    let note = json!({"kind": "note", "title": "A note", "slug": "a-note-x", "status": "published", "tags": ["rust"], "body_md": "Short."});
    saved_doc(&save(&site, &cookie, note, true).await);
    assert_eq!(site.get("/notes/a-note-x").await.status, 200);
}

#[tokio::test]
async fn the_profile_editor_saves_the_about_page_and_refuses_script_links() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let mut profile = site
        .call("/api/load_profile", &json!({}), Some(&cookie))
        .await
        .json();
    assert!(
        !profile["name"].as_str().unwrap().is_empty(),
        "the demo profile loads: {profile}"
    );
    profile["headline"] = json!("Writes Rust for a living, zq-headline");
    profile["links"]
        .as_array_mut()
        .unwrap()
        .push(json!({"label": "Zq link", "url": "https://zq.example"}));
    profile["stack"]
        .as_array_mut()
        .unwrap()
        .push(json!({"group": "Zq tools", "items": "awk, sed , jq"}));
    let saved = site
        .call("/api/save_profile", &json!({"doc": profile}), Some(&cookie))
        .await
        .json();
    assert!(saved.get("Saved").is_some(), "{saved}");
    let home = site.get("/").await.body;
    for text in [
        "zq-headline",
        "https://zq.example",
        "Zq tools",
        "awk · sed · jq",
    ] {
        assert!(home.contains(text), "{text} on the home page");
    }
    let mut bad = site
        .call("/api/load_profile", &json!({}), Some(&cookie))
        .await
        .json();
    bad["links"][0]["url"] = json!("javascript:alert(1)");
    let refused = site
        .call("/api/save_profile", &json!({"doc": bad}), Some(&cookie))
        .await
        .json();
    assert_eq!(
        refused["Invalid"]["errors"][0]["field"], "links.0.url",
        "{refused}"
    );
    assert!(!site.get("/").await.body.contains("javascript:"));
}
