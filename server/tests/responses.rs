//! What every response says about itself: failed pages carry a failing
//! status and are never cached, security headers are always there, and a
//! tag only hidden items carry does not exist for the public.

mod common;

use common::TestSite;
use serde_json::json;

#[tokio::test]
async fn a_page_whose_data_fails_answers_500_without_detail_and_is_not_cached() {
    let site = TestSite::demo().await;
    // The archive's own query now fails inside the database.
    sqlx::query("DROP TABLE article_tags")
        .execute(&site.pool)
        .await
        .unwrap();
    let page = site.get("/articles").await;
    assert_eq!(page.status, 500, "{}", page.body);
    assert!(page.body.contains("This page could not be loaded"));
    assert_eq!(page.header("cache-control"), Some("no-store"));
    for detail in ["article_tags", "SQL", "sqlx", "no such table"] {
        assert!(!page.body.contains(detail), "the page shows {detail}");
    }
    let missing = site.get("/articles/no-such-article").await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("cache-control"), Some("no-store"));
}

#[tokio::test]
async fn a_tag_only_hidden_items_carry_has_no_feed_and_no_page() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let draft = json!({"request": {"doc": {"kind": "note", "title": "Hidden tagger", "slug": "hidden-tagger",
        "status": "draft", "tags": ["Zq Only Hidden"], "body_md": "Shh."}}});
    let saved = site.call("/api/save_item", &draft, Some(&cookie)).await;
    assert!(saved.json().get("Saved").is_some(), "{}", saved.body);
    let feed = site.get("/tags/zq-only-hidden/feed.xml").await;
    assert_eq!(feed.status, 404, "{}", feed.body);
    assert!(!feed.body.contains("Zq Only Hidden"));
    assert_eq!(site.get("/tags/zq-only-hidden").await.status, 404);
}

/// The nonce of a page's Content-Security-Policy, checked to be the only
/// way an inline script may run.
fn page_nonce(path: &str, policy: &str) -> String {
    let script = policy
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src "))
        .unwrap_or_else(|| panic!("{path}: no script-src in {policy}"));
    assert!(!script.contains("unsafe-inline"), "{path}: {script}");
    assert!(!policy.contains("'unsafe-eval'"), "{path}: {policy}");
    for directive in [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "style-src 'self'",
    ] {
        assert!(
            policy.contains(directive),
            "{path}: {directive} in {policy}"
        );
    }
    script
        .split_whitespace()
        .find_map(|s| s.strip_prefix("'nonce-")?.strip_suffix('\''))
        .unwrap_or_else(|| panic!("{path}: no nonce in {script}"))
        .to_owned()
}

/// Every inline script of an HTML page carries the policy's nonce (the
/// JSON-LD data blocks are not scripts a browser runs, but carry none).
fn assert_inline_scripts_carry(path: &str, body: &str, nonce: &str) {
    let mut executable = 0;
    for tag in body.split("<script").skip(1) {
        let open = &tag[..tag.find('>').unwrap_or(tag.len())];
        if open.contains(" src=") || open.contains("application/ld+json") {
            continue;
        }
        executable += 1;
        assert!(
            open.contains(&format!("nonce=\"{nonce}\"")),
            "{path}: an inline script without the page's nonce: <script{open}>"
        );
    }
    assert!(executable >= 2, "{path}: the theme and hydration scripts");
}

/// Every GET address in the route table (every parameter filled from the
/// demo database), public and the author's, answers with the security
/// headers; HTML pages carry a script policy with a fresh nonce that every
/// inline script of theirs has, also when the page comes from the cache.
#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let mut addresses = common::surface::get_addresses(&site, false).await;
    addresses.extend(["/no/such/page".to_owned(), "/pkg/folio.css".to_owned()]);
    let admin = common::surface::get_addresses(&site, true).await;
    assert!(
        addresses.len() > 40 && admin.len() >= 6,
        "{addresses:?} {admin:?}"
    );
    let mut nonces = std::collections::HashSet::new();
    let visits = addresses
        .iter()
        .map(|a| (a, None))
        .chain(admin.iter().map(|a| (a, Some(cookie.as_str()))));
    for (path, cookie) in visits {
        let page = match cookie {
            Some(cookie) => site.get_signed_in(path, cookie).await,
            None => site.get(path).await,
        };
        assert!(page.status < 500, "{path}: {}", page.status);
        assert_eq!(
            page.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(page.header("x-frame-options"), Some("DENY"), "{path}");
        assert_eq!(
            page.header("referrer-policy"),
            Some("strict-origin-when-cross-origin"),
            "{path}"
        );
        assert_eq!(
            page.header("strict-transport-security"),
            None,
            "plain http: no HSTS ({path})"
        );
        let policy = page
            .header("content-security-policy")
            .unwrap_or_else(|| panic!("{path}: no Content-Security-Policy"));
        if page.content_type.starts_with("text/html") {
            let nonce = page_nonce(path, policy);
            assert_inline_scripts_carry(path, &page.body, &nonce);
            if cookie.is_none() {
                // Served again, from the page cache when it is cacheable:
                // the policy still names the nonce the bytes carry.
                let again = site.get(path).await;
                let policy = again.header("content-security-policy").unwrap_or_default();
                assert_inline_scripts_carry(path, &again.body, &page_nonce(path, policy));
            }
            assert!(nonces.insert(nonce), "{path}: a nonce used twice");
        } else {
            assert_eq!(
                policy, "default-src 'none'; frame-ancestors 'none'",
                "{path}"
            );
        }
    }
    let secure = TestSite::start_at(false, "https://blog.example").await;
    let page = secure.get("/").await;
    assert_eq!(
        page.header("strict-transport-security"),
        Some("max-age=31536000; includeSubDomains")
    );
}

#[tokio::test]
async fn readiness_follows_the_database() {
    let site = TestSite::demo().await;
    let ready = site.get("/readyz").await;
    assert_eq!((ready.status, ready.body.as_str()), (200, "ready"));
    site.pool.close().await;
    let down = site.get("/readyz").await;
    assert_eq!(down.status, 503);
    assert_eq!(site.get("/healthz").await.status, 200, "alive, not ready");
    // Pages say the same to readers: try again soon, keep nothing.
    for path in ["/", "/articles", "/search?q=rust"] {
        let page = site.get(path).await;
        assert_eq!(page.status, 503, "{path}: {}", page.body);
        assert_eq!(page.header("retry-after"), Some("30"), "{path}");
        assert_eq!(page.header("cache-control"), Some("no-store"), "{path}");
        assert!(page.body.contains("cannot reach its database"), "{path}");
        assert!(!page.body.contains("pool"), "{path}: internal detail");
    }
    // And server functions, to the hydrated site and the editor.
    let answer = site.post_form("/api/get_home", "").await;
    assert_eq!(answer.status, 503, "{}", answer.body);
    assert_eq!(answer.header("retry-after"), Some("30"));
    assert!(answer.body.contains("Unavailable"), "{}", answer.body);
}

#[tokio::test]
async fn oversized_bodies_are_refused_before_they_are_read() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let huge = "x".repeat(9 * 1024 * 1024);
    let doc = json!({"request": {"doc": {"kind": "note", "title": "Huge", "slug": "huge", "body_md": huge}}});
    let body = doc.to_string();
    let request = http::Request::post("/api/save_item")
        .header("content-type", "application/json")
        .header("content-length", body.len())
        .header("cookie", &cookie)
        .body(axum::body::Body::from(body))
        .unwrap();
    assert_eq!(site.send(request).await.status, 413);
    let form = format!("username=ada&password={}", "p".repeat(20_000));
    let request = http::Request::post("/admin/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("content-length", form.len())
        .body(axum::body::Body::from(form))
        .unwrap();
    assert_eq!(site.send(request).await.status, 413);
    // Two megabytes of text is refused with a field message, not a 500.
    let long = json!({"request": {"doc": {"kind": "note", "title": "Long", "slug": "long", "body_md": "y".repeat(2_100_000)}}});
    let answer = site.call("/api/save_item", &long, Some(&cookie)).await;
    assert_eq!(
        answer.status,
        200,
        "{}",
        answer.body.chars().take(300).collect::<String>()
    );
    assert_eq!(answer.json()["Invalid"]["errors"][0]["field"], "body_md");
}

/// Built assets go out as the build compressed them (`cargo leptos build
/// --precompress`), and are revalidated rather than kept across a deploy.
#[tokio::test]
async fn assets_are_sent_precompressed_and_revalidated() {
    let site = TestSite::empty().await;
    let pkg = site.db.parent().unwrap().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let wasm = vec![0u8; 4096];
    std::fs::write(pkg.join("folio.wasm"), &wasm).unwrap();
    std::fs::write(pkg.join("folio.wasm.br"), b"brotli bytes").unwrap();
    std::fs::write(pkg.join("folio.wasm.gz"), b"gzip bytes").unwrap();
    std::fs::write(pkg.join("folio.css"), "body { color: black }\n".repeat(200)).unwrap();
    let get = |path: &str, encoding: &str| {
        http::Request::get(path)
            .header("accept-encoding", encoding)
            .body(axum::body::Body::empty())
            .unwrap()
    };

    let br = site.send(get("/pkg/folio.wasm", "gzip, br")).await;
    assert_eq!(br.status, 200);
    assert_eq!(br.header("content-encoding"), Some("br"));
    assert_eq!(br.body, "brotli bytes", "the build's own brotli file");
    assert_eq!(br.header("content-type"), Some("application/wasm"));
    assert_eq!(br.header("cache-control"), Some("no-cache"));
    assert!(br
        .header("vary")
        .is_some_and(|v| v.contains("accept-encoding")));
    let gz = site.send(get("/pkg/folio.wasm", "gzip")).await;
    assert_eq!(gz.body, "gzip bytes");
    let plain = site.send(get("/pkg/folio.wasm", "identity")).await;
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(plain.body.len(), wasm.len());

    // Without build-time copies the file is still compressed on the way.
    let css = site.send(get("/pkg/folio.css", "br")).await;
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-encoding"), Some("br"));

    let modified = br.header("last-modified").expect("a validator").to_owned();
    let again = site
        .send(
            http::Request::get("/pkg/folio.wasm")
                .header("if-modified-since", modified)
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(again.status, 304);
    assert_eq!(site.get("/pkg/no-such.wasm").await.status, 404);
    assert_eq!(site.get("/pkg/../folio.db").await.status, 404);
}

/// Pages name the stylesheet and the wasm with the version of their bytes; asked for with that version a file may be kept for a year,
/// with any other (or none) it must be revalidated.
#[tokio::test]
async fn versioned_assets_are_immutable_and_others_are_revalidated() {
    let site = TestSite::empty().await;
    let pkg = site.db.parent().unwrap().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    for (file, bytes) in [
        ("folio.css", "body { color: black }"),
        ("folio.js", "export default async function () {}"),
        ("folio_bg.wasm", "\0asm"),
    ] {
        std::fs::write(pkg.join(file), bytes).unwrap();
    }
    let page = site.get("/").await;
    let document = scraper::Html::parse_document(&page.body);
    let pick = |selector: &str, attribute: &str| {
        let selector = scraper::Selector::parse(selector).unwrap();
        let element = document.select(&selector).next().expect(attribute);
        element.value().attr(attribute).unwrap().to_owned()
    };
    // The JS glue keeps its plain address: the lazy chunks' loader imports
    // it by that name, and a second address would be a second module.
    assert_eq!(pick("script[data-wasm]", "data-js"), "/pkg/folio.js");
    let addresses = [
        pick("link[rel=stylesheet]", "href"),
        pick("script[data-wasm]", "data-wasm"),
    ];
    for address in &addresses {
        let (path, version) = address.split_once("?v=").expect(address);
        assert!(path.starts_with("/pkg/folio"), "{address}");
        assert_eq!(version.len(), 12, "{address}");
        let kept = site.get(address).await;
        assert_eq!(kept.status, 200, "{address}");
        assert_eq!(
            kept.header("cache-control"),
            Some("public, max-age=31536000, immutable"),
            "{address}"
        );
        for other in [path.to_owned(), format!("{path}?v=000000000000")] {
            let revalidated = site.get(&other).await;
            assert_eq!(revalidated.status, 200, "{other}");
            assert_eq!(
                revalidated.header("cache-control"),
                Some("no-cache"),
                "{other}"
            );
        }
    }
    // Other bytes, another version.
    std::fs::write(pkg.join("folio.css"), "body { color: maroon }").unwrap();
    let stale = site.get(&addresses[0]).await;
    assert_eq!(stale.header("cache-control"), Some("no-cache"));
}

/// The longest run of a body's HTML that escaping leaves as it is (no
/// markup, entity, quote or backslash): in a page it stands for the body.
fn plain_run(html: &str) -> &str {
    html.split(['<', '>', '&', '"', '\'', '\\', '\n'])
        .max_by_key(|run| run.len())
        .unwrap_or_default()
}

#[tokio::test]
async fn each_body_is_sent_once_not_again_in_the_hydration_data() {
    let site = TestSite::demo().await;
    let public = "deleted_at IS NULL AND status <> 'draft'
                  AND published_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
    let article: (String, String) = sqlx::query_as(&format!(
        "SELECT slug, body_html FROM articles WHERE {public} ORDER BY length(body_html) DESC"
    ))
    .fetch_one(&site.pool)
    .await
    .unwrap();
    let note: (String, String) = sqlx::query_as(&format!(
        "SELECT slug, body_html FROM notes WHERE {public} ORDER BY published_at DESC, id DESC"
    ))
    .fetch_one(&site.pool)
    .await
    .unwrap();
    let summary: String = sqlx::query_scalar(&format!(
        "SELECT body_html FROM summaries WHERE {public} ORDER BY published_at DESC, id DESC"
    ))
    .fetch_one(&site.pool)
    .await
    .unwrap();
    let pages = [
        (format!("/articles/{}", article.0), &article.1),
        (format!("/notes/{}", note.0), &note.1),
        ("/notes".to_owned(), &note.1),
        ("/summaries".to_owned(), &summary),
    ];
    for (path, body) in pages {
        let run = plain_run(body);
        assert!(run.len() >= 20, "{path}: no plain run in {body}");
        let page = site.get(&path).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(
            page.body.contains("__RESOLVED_RESOURCES"),
            "{path} hydrates"
        );
        assert_eq!(
            page.body.matches(run).count(),
            1,
            "{path} sends {run:?} once"
        );
    }
}
