//! Renaming, merging and deleting tags, categories and sources, and the
//! redirects that keep their old addresses working.

mod common;

use common::TestSite;
use serde_json::{json, Value};

async fn terms(site: &TestSite, cookie: &str) -> Value {
    let page = site
        .call("/api/load_taxonomy", &json!({}), Some(cookie))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.json()
}

fn find<'a>(all: &'a Value, list: &str, slug: &str) -> &'a Value {
    all[list]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["slug"] == slug)
        .unwrap_or_else(|| panic!("no {slug} in {list}"))
}

/// A public tag of the demo site and one of its public articles.
async fn a_public_tag(site: &TestSite) -> (String, i64) {
    let (slug, id): (String, i64) = sqlx::query_as(
        "SELECT t.slug, t.id FROM tags t JOIN article_tags at ON at.tag_id = t.id
         JOIN articles a ON a.id = at.article_id
         WHERE a.status = 'published' AND a.deleted_at IS NULL ORDER BY t.slug LIMIT 1",
    )
    .fetch_one(&site.pool)
    .await
    .unwrap();
    (slug, id)
}

#[tokio::test]
async fn a_renamed_tag_keeps_its_items_and_its_old_address_redirects() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let (slug, id) = a_public_tag(&site).await;
    let before = site.get(&format!("/tags/{slug}")).await;
    assert_eq!(before.status, 200);
    let uses = find(&terms(&site, &cookie).await, "tags", &slug)["uses"].clone();

    let page = site
        .call(
            "/api/rename_term",
            &json!({"request": {"kind": "tag", "id": id, "name": "Renamed Topic", "slug": "renamed-topic"}}),
            Some(&cookie),
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let after = terms(&site, &cookie).await;
    assert_eq!(find(&after, "tags", "renamed-topic")["uses"], uses);

    let new = site.get("/tags/renamed-topic").await;
    assert_eq!(new.status, 200);
    assert!(new.body.contains("Renamed Topic"));
    for (old, target) in [
        (format!("/tags/{slug}"), "/tags/renamed-topic".to_owned()),
        (
            format!("/tags/{slug}/feed.xml"),
            "/tags/renamed-topic/feed.xml".to_owned(),
        ),
        (
            format!("/articles?tag={slug}&page=2"),
            "/articles?tag=renamed-topic&page=2".to_owned(),
        ),
    ] {
        let moved = site.get(&old).await;
        assert_eq!(moved.status, 301, "{old}");
        assert_eq!(moved.header("location"), Some(target.as_str()), "{old}");
    }

    // Renaming it again redirects the first address straight to the newest.
    let page = site
        .call(
            "/api/rename_term",
            &json!({"request": {"kind": "tag", "id": id, "name": "Third Name", "slug": ""}}),
            Some(&cookie),
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let moved = site.get(&format!("/tags/{slug}")).await;
    assert_eq!(moved.header("location"), Some("/tags/third-name"));
}

#[tokio::test]
async fn renaming_onto_a_taken_slug_or_to_nothing_is_refused() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let all = terms(&site, &cookie).await;
    let tags = all["tags"].as_array().unwrap();
    let (a, b) = (&tags[0], &tags[1]);
    let taken = site
        .call(
            "/api/rename_term",
            &json!({"request": {"kind": "tag", "id": a["id"], "name": "X", "slug": b["slug"]}}),
            Some(&cookie),
        )
        .await;
    assert_eq!(taken.status, 409, "{}", taken.body);
    assert!(taken.body.contains("merge"), "{}", taken.body);
    let empty = site
        .call(
            "/api/rename_term",
            &json!({"request": {"kind": "tag", "id": a["id"], "name": "  ", "slug": ""}}),
            Some(&cookie),
        )
        .await;
    assert_eq!(empty.status, 400);
    let bad = site
        .call(
            "/api/rename_term",
            &json!({"request": {"kind": "tag", "id": a["id"], "name": "Ok", "slug": "Not A Slug"}}),
            Some(&cookie),
        )
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(terms(&site, &cookie).await, all, "nothing changed");
}

#[tokio::test]
async fn merging_categories_moves_every_item_and_the_old_filter_redirects() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let all = terms(&site, &cookie).await;
    let cats = all["categories"].as_array().unwrap();
    let from = cats.iter().find(|c| c["uses"].as_i64() > Some(0)).unwrap();
    let into = cats.iter().find(|c| c["id"] != from["id"]).unwrap();
    let total = from["uses"].as_i64().unwrap() + into["uses"].as_i64().unwrap();
    let page = site
        .call(
            "/api/merge_terms",
            &json!({"request": {"kind": "category", "from": from["id"], "into": into["id"]}}),
            Some(&cookie),
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let after = terms(&site, &cookie).await;
    let slug = into["slug"].as_str().unwrap();
    assert_eq!(
        find(&after, "categories", slug)["uses"].as_i64(),
        Some(total)
    );
    assert!(!after["categories"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == from["id"]));
    let old = format!("/articles?category={}", from["slug"].as_str().unwrap());
    let moved = site.get(&old).await;
    assert_eq!(moved.status, 301);
    assert_eq!(
        moved.header("location"),
        Some(format!("/articles?category={slug}").as_str())
    );
}

#[tokio::test]
async fn only_an_unused_term_can_be_deleted() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let (slug, id) = a_public_tag(&site).await;
    let refused = site
        .call(
            "/api/delete_term",
            &json!({"request": {"kind": "tag", "id": id}}),
            Some(&cookie),
        )
        .await;
    assert_eq!(refused.status, 409, "{}", refused.body);
    assert_eq!(site.get(&format!("/tags/{slug}")).await.status, 200);

    sqlx::query("INSERT INTO sources (slug, name) VALUES ('lonely', 'Lonely Press')")
        .execute(&site.pool)
        .await
        .unwrap();
    let all = terms(&site, &cookie).await;
    let lonely = find(&all, "sources", "lonely");
    assert_eq!(lonely["uses"], 0);
    let deleted = site
        .call(
            "/api/delete_term",
            &json!({"request": {"kind": "source", "id": lonely["id"]}}),
            Some(&cookie),
        )
        .await;
    assert_eq!(deleted.status, 200, "{}", deleted.body);
    let after = terms(&site, &cookie).await;
    assert!(!after["sources"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["slug"] == "lonely"));
}

#[tokio::test]
async fn a_tag_created_again_under_an_old_slug_stops_redirecting() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let (slug, id) = a_public_tag(&site).await;
    site.call(
        "/api/rename_term",
        &json!({"request": {"kind": "tag", "id": id, "name": "Moved Away", "slug": "moved-away"}}),
        Some(&cookie),
    )
    .await;
    assert_eq!(site.get(&format!("/tags/{slug}")).await.status, 301);
    let doc = json!({"kind": "note", "title": "Back again", "slug": "back-again",
        "status": "published", "tags": [slug.clone()], "body_md": "Hello."});
    let page = site.save_item(&cookie, doc).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(site.get(&format!("/tags/{slug}")).await.status, 200);
}
