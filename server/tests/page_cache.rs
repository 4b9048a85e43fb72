//! The page cache: pages are rendered once per content generation, served
//! compressed with a strong ETag, dropped at every write and when a
//! scheduled item's time comes, and never kept for a signed-in author or
//! an error.

mod common;

use axum::body::Body;
use common::TestSite;
use serde_json::json;

async fn get_with(site: &TestSite, uri: &str, headers: &[(&str, &str)]) -> common::Page {
    let mut request = http::Request::get(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    site.send(request.body(Body::empty()).unwrap()).await
}

#[tokio::test]
async fn a_page_is_rendered_once_and_then_served_from_memory() {
    let site = TestSite::demo().await;
    let first = site.get("/articles").await;
    assert_eq!(first.header("x-folio-cache"), Some("miss"));
    let second = site.get("/articles").await;
    assert_eq!(second.header("x-folio-cache"), Some("hit"));
    assert_eq!(first.body, second.body);
    assert_eq!(second.header("cache-control"), Some("public, max-age=60"));
    assert_eq!(second.header("vary"), Some("Accept-Encoding"));
    let etag = second.header("etag").unwrap().to_owned();
    assert!(etag.starts_with('"') && etag.ends_with('"'));
    let again = get_with(&site, "/articles", &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    let br = get_with(&site, "/articles", &[("accept-encoding", "gzip, br")]).await;
    assert_eq!(br.header("content-encoding"), Some("br"));
    let gz = get_with(&site, "/articles", &[("accept-encoding", "gzip")]).await;
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    // Another query is another page.
    assert_eq!(
        site.get("/articles?page=2").await.header("x-folio-cache"),
        Some("miss")
    );
}

#[tokio::test]
async fn every_write_drops_what_the_cache_holds() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    assert!(!site
        .get("/notes")
        .await
        .body
        .contains("Fresh from the editor"));
    assert_eq!(
        site.get("/notes").await.header("x-folio-cache"),
        Some("hit")
    );
    let note = json!({"request": {"doc": {"kind": "note", "title": "Fresh from the editor", "slug": "fresh-note",
        "status": "published", "body_md": "New."}, "explicit": true}});
    site.call("/api/save_item", &note, Some(&cookie)).await;
    let page = site.get("/notes").await;
    assert_eq!(page.header("x-folio-cache"), Some("miss"));
    assert!(page.body.contains("Fresh from the editor"));
}

#[tokio::test]
async fn a_scheduled_item_appears_at_its_time_through_a_warm_cache() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let at = std::time::SystemTime::now() + std::time::Duration::from_secs(2);
    let note = json!({"request": {"doc": {"kind": "note", "title": "Timed note", "slug": "timed-note",
        "status": "scheduled", "publish_at": app::server::clock::format_instant(at.into()), "body_md": "Soon."}, "explicit": true}});
    site.call("/api/save_item", &note, Some(&cookie)).await;
    assert!(!site.get("/notes").await.body.contains("Timed note"));
    assert_eq!(
        site.get("/notes").await.header("x-folio-cache"),
        Some("hit")
    );
    tokio::time::sleep(std::time::Duration::from_millis(3100)).await;
    let page = site.get("/notes").await;
    assert!(
        page.body.contains("Timed note"),
        "the cache expired at the publish time"
    );
}

#[tokio::test]
async fn nothing_is_cached_for_an_author_or_an_error() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    for _ in 0..2 {
        let page = site.get_signed_in("/articles", &cookie).await;
        assert_eq!(page.header("x-folio-cache"), None);
    }
    for _ in 0..2 {
        let missing = site.get("/articles/no-such-article").await;
        assert_eq!(missing.status, 404);
        assert_eq!(missing.header("x-folio-cache"), None);
        assert_eq!(missing.header("cache-control"), Some("no-store"));
    }
    assert_eq!(site.get("/admin/login").await.header("x-folio-cache"), None);
}

/// A burst of readers on a page nobody has asked for yet renders it once:
/// the rest wait for that render and are answered from the cache.
#[tokio::test]
async fn concurrent_misses_of_one_page_render_it_once() {
    let site = TestSite::demo().await;
    let slug: String = sqlx::query_scalar(
        "SELECT slug FROM articles WHERE status = 'published' ORDER BY published_at DESC LIMIT 1",
    )
    .fetch_one(&site.pool)
    .await
    .unwrap();
    let uri = format!("/articles/{slug}");
    let answers = futures::future::join_all((0..20).map(|_| site.get(&uri))).await;
    let misses = answers
        .iter()
        .filter(|page| page.header("x-folio-cache") == Some("miss"))
        .count();
    assert!(answers.iter().all(|page| page.status == 200));
    assert!(
        answers.windows(2).all(|w| w[0].body == w[1].body),
        "every reader gets the same page"
    );
    assert_eq!(misses, 1, "one render for 20 concurrent readers");

    // An answer that cannot be cached is not shared: each reader of a
    // missing page gets its own 404, none waits for another's in turn.
    let missing =
        futures::future::join_all((0..5).map(|_| site.get("/articles/no-such-article"))).await;
    assert!(missing.iter().all(|page| page.status == 404));
}

/// Feeds, the sitemap and robots.txt are held like pages (the sitemap of a
/// large site takes long to write) and dropped at the same writes; their
/// own longer `Cache-Control` is kept.
#[tokio::test]
async fn discovery_documents_are_held_like_pages() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    for uri in [
        "/sitemap.xml",
        "/feed.xml",
        "/tags/rust/feed.xml",
        "/robots.txt",
    ] {
        assert_eq!(
            site.get(uri).await.header("x-folio-cache"),
            Some("miss"),
            "{uri}"
        );
        let again = site.get(uri).await;
        assert_eq!(again.header("x-folio-cache"), Some("hit"), "{uri}");
        assert_eq!(again.header("cache-control"), Some("public, max-age=300"));
        // They read no query: a made-up one is the same document, held once.
        let made_up = site.get(&format!("{uri}?utm_source=elsewhere")).await;
        assert_eq!(made_up.header("x-folio-cache"), Some("hit"), "{uri}");
        assert_eq!(made_up.body, again.body);
        assert!(again
            .header("content-type")
            .unwrap()
            .contains("charset=utf-8"));
    }
    // The summaries feed is filtered by its query: each filter is its own.
    let all = site.get("/summaries/feed.xml").await;
    assert_eq!(all.header("x-folio-cache"), Some("miss"));
    let filtered = site.get("/summaries/feed.xml?category=databases").await;
    assert_eq!(filtered.header("x-folio-cache"), Some("miss"));
    assert_ne!(filtered.body, all.body);
    let note = json!({"request": {"doc": {"kind": "note", "title": "Mapped note", "slug": "mapped-note",
        "status": "published", "body_md": "Here."}, "explicit": true}});
    site.call("/api/save_item", &note, Some(&cookie)).await;
    let sitemap = site.get("/sitemap.xml").await;
    assert_eq!(sitemap.header("x-folio-cache"), Some("miss"));
    assert!(sitemap.body.contains("/notes/mapped-note"));
}

/// A page is compressed at the best levels in the background once a
/// second reader asks for it; until then, and for a page asked for once,
/// answers are compressed on the fly at a fast level. Both decode to the
/// same page.
#[tokio::test]
async fn a_page_read_again_is_compressed_once_at_the_best_level() {
    use std::io::Read;
    let site = TestSite::demo().await;
    let br = [("accept-encoding", "br")];
    let decode = |bytes: &[u8]| {
        let mut page = String::new();
        brotli::Decompressor::new(bytes, 4096)
            .read_to_string(&mut page)
            .unwrap();
        page
    };
    let first = get_with(&site, "/articles", &br).await;
    assert_eq!(first.header("x-folio-cache"), Some("miss"));
    assert_eq!(first.header("content-encoding"), Some("br"));
    let page = decode(&first.bytes);
    assert!(page.contains("<h1"), "{page}");
    let mut best = None;
    for _ in 0..200 {
        let again = get_with(&site, "/articles", &br).await;
        assert_eq!(again.header("x-folio-cache"), Some("hit"));
        assert_eq!(decode(&again.bytes), page);
        if again.bytes.len() < first.bytes.len() {
            best = Some(again);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let best = best.expect("the best-level copy replaces the fast one");
    let gzip = get_with(&site, "/articles", &[("accept-encoding", "gzip")]).await;
    assert_eq!(gzip.header("content-encoding"), Some("gzip"));
    let mut unzipped = String::new();
    flate2::read::GzDecoder::new(&gzip.bytes[..])
        .read_to_string(&mut unzipped)
        .unwrap();
    assert_eq!(unzipped, page);
    assert_eq!(best.header("etag"), gzip.header("etag"));
}

/// Hits are answered outside the router's layers (`cache::AnswerHits`),
/// so they must carry by themselves everything those layers add. For
/// every public address of the route table that the cache holds, a hit —
/// plain, and brotli once the best-level copy is made — has every header
/// the miss had, with the same value, but for those that belong to one
/// answer (its id, its length, its encoding, hit or miss). Over https the
/// hit carries HSTS too.
#[tokio::test]
async fn a_hit_carries_every_header_a_miss_does() {
    let site = TestSite::start_at(true, "https://folio.test").await;
    let per_answer = [
        "x-request-id",
        "x-folio-cache",
        "content-length",
        "content-encoding",
        "date",
    ];
    let mut compared = 0;
    for uri in common::surface::get_addresses(&site, false).await {
        let miss = site.get(&uri).await;
        if miss.header("x-folio-cache") != Some("miss") {
            continue; // not a page the cache keeps (a 404, a file)
        }
        assert!(miss.header("strict-transport-security").is_some(), "{uri}");
        let plain = site.get(&uri).await;
        let mut br = get_with(&site, &uri, &[("accept-encoding", "br")]).await;
        for _ in 0..200 {
            if br.bytes.len() < miss.bytes.len() / 2 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            br = get_with(&site, &uri, &[("accept-encoding", "br")]).await;
        }
        for hit in [&plain, &br] {
            assert_eq!(hit.status, 200, "{uri}");
            assert_eq!(hit.header("x-folio-cache"), Some("hit"), "{uri}");
            assert!(hit.header("x-request-id").is_some(), "{uri}");
            for name in miss.headers.keys() {
                if per_answer.contains(&name.as_str()) {
                    continue;
                }
                let values = |page: &common::Page| {
                    let mut values: Vec<_> = page
                        .headers
                        .get_all(name)
                        .iter()
                        .map(|v| v.to_str().unwrap().to_ascii_lowercase())
                        .collect();
                    values.sort();
                    values
                };
                assert_eq!(values(hit), values(&miss), "{uri}: {name}");
            }
        }
        assert_eq!(br.header("content-encoding"), Some("br"), "{uri}");
        compared += 1;
    }
    assert!(compared >= 10, "only {compared} cached pages compared");
}

/// A reader's request id is kept on a hit when it is plain, and replaced
/// when it is not, as on every other answer.
#[tokio::test]
async fn a_hit_keeps_a_plain_request_id_and_replaces_an_odd_one() {
    let site = TestSite::demo().await;
    site.get("/notes").await;
    let kept = get_with(&site, "/notes", &[("x-request-id", "proxy-42.a")]).await;
    assert_eq!(kept.header("x-folio-cache"), Some("hit"));
    assert_eq!(kept.header("x-request-id"), Some("proxy-42.a"));
    let odd = get_with(&site, "/notes", &[("x-request-id", "two words")]).await;
    assert_eq!(odd.header("x-folio-cache"), Some("hit"));
    let replaced = odd.header("x-request-id").unwrap();
    assert_ne!(replaced, "two words");
    assert_eq!(replaced.len(), 36, "a UUID: {replaced}");
}
