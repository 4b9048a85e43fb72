//! Images: uploads are checked by their content, stored by hash, served
//! immutable, measured on the page, listed with where they are used, and
//! never deleted while used.

mod common;

use base64::Engine;
use common::TestSite;
use serde_json::{json, Value};

fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 7) as u8, (y * 11) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("encode");
    out.into_inner()
}

async fn upload(site: &TestSite, cookie: &str, filename: &str, bytes: &[u8]) -> common::Page {
    let data = base64::engine::general_purpose::STANDARD.encode(bytes);
    site.call(
        "/api/upload_media",
        &json!({"request": {"filename": filename, "data_base64": data}}),
        Some(cookie),
    )
    .await
}

async fn save_article(site: &TestSite, cookie: &str, slug: &str, body: &str) -> Value {
    let doc = json!({"kind": "article", "title": format!("Pictures {slug}"), "slug": slug,
        "category": "Databases", "status": "published", "body_md": body});
    let page = site.save_item(cookie, doc).await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.json()["Saved"]["doc"].clone()
}

#[tokio::test]
async fn an_uploaded_image_is_served_immutable_and_measured_on_the_published_page() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let bytes = png(40, 30);
    let page = upload(&site, &cookie, "../../diagram.png", &bytes).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let stored = page.json();
    let url = stored["url"].as_str().unwrap().to_owned();
    assert!(url.starts_with("/media/") && url.ends_with(".png"), "{url}");
    assert_eq!(
        (stored["width"].as_u64(), stored["height"].as_u64()),
        (Some(40), Some(30))
    );

    let again = upload(&site, &cookie, "copy.png", &bytes).await.json();
    assert_eq!(
        again["url"], stored["url"],
        "the same bytes are the same image"
    );

    let served = site.get(&url).await;
    assert_eq!(served.status, 200);
    assert_eq!(served.bytes, bytes);
    assert_eq!(served.content_type, "image/png");
    assert_eq!(
        served.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(served.header("x-content-type-options"), Some("nosniff"));
    let etag = served.header("etag").expect("etag").to_owned();
    let revalidated = site
        .send(
            http::Request::get(&url)
                .header("if-none-match", &etag)
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(revalidated.status, 304);

    let body = format!("Intro.\n\n![A small diagram](<{url}>)\n\n![Second](<{url}> \"t\")\n");
    save_article(&site, &cookie, "with-pictures", &body).await;
    let article = site.get("/articles/with-pictures").await;
    let first = format!(r#"<img src="{url}" alt="A small diagram" width="40" height="30">"#);
    assert!(article.body.contains(&first), "{}", article.body);
    let second = format!(
        r#"<img src="{url}" alt="Second" title="t" width="40" height="30" loading="lazy">"#
    );
    assert!(
        article.body.contains(&second),
        "below the fold loads lazily"
    );
}

#[tokio::test]
async fn what_is_not_an_image_is_refused_with_a_reason_and_nothing_is_stored() {
    let site = TestSite::empty().await;
    let cookie = site.sign_in().await;
    let before = site.fingerprint().await;
    let cases: [(&str, Vec<u8>, u16, &str); 4] = [
        (
            "notes.png",
            b"just some text, honestly".to_vec(),
            415,
            "not an image",
        ),
        (
            "logo.png",
            b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".to_vec(),
            415,
            "SVG",
        ),
        (
            "cut.png",
            png(50, 50)[..200].to_vec(),
            422,
            "could not be read",
        ),
        ("empty.png", Vec::new(), 422, "empty"),
    ];
    for (name, bytes, status, words) in cases {
        let page = upload(&site, &cookie, name, &bytes).await;
        assert_eq!(page.status, status, "{name}: {}", page.body);
        assert!(page.body.contains(words), "{name}: {}", page.body);
    }
    let damaged = site
        .call(
            "/api/upload_media",
            &json!({"request": {"filename": "x.png", "data_base64": "%%%"}}),
            Some(&cookie),
        )
        .await;
    assert_eq!(damaged.status, 400);
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM media")
        .fetch_one(&site.pool)
        .await
        .unwrap();
    assert_eq!(count, 0);
    assert_eq!(site.fingerprint().await, before, "nothing was written");
}

#[tokio::test]
async fn uploads_over_the_limit_are_refused_with_both_sizes() {
    let site = TestSite::empty().await;
    let cookie = site.sign_in().await;
    // Noise does not compress: about 3 MB per megapixel.
    let big = {
        let mut state = 0x1234_5678_u32;
        let image = image::RgbImage::from_fn(2000, 1900, |_, _| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            image::Rgb([state as u8, (state >> 8) as u8, (state >> 16) as u8])
        });
        let mut out = std::io::Cursor::new(Vec::new());
        image.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    };
    assert!(big.len() > 10 * 1024 * 1024, "{}", big.len());
    let page = upload(&site, &cookie, "huge.png", &big).await;
    assert_eq!(page.status, 413, "{}", page.body);
    assert!(page.body.contains("at most 10.0 MB"), "{}", page.body);
    assert!(
        page.body.contains("This file is 1"),
        "both sizes: {}",
        page.body
    );

    // Far past the limit, the declared length alone is refused, in words.
    let far = "A".repeat(30 * 1024 * 1024);
    let page = site
        .call(
            "/api/upload_media",
            &json!({"request": {"filename": "far.png", "data_base64": far}}),
            Some(&cookie),
        )
        .await;
    assert_eq!(
        page.status,
        413,
        "{}",
        &page.body[..page.body.len().min(300)]
    );
    assert_eq!(
        page.json(),
        json!({"Invalid": "This file is far too large: images can be at most 10.0 MB."})
    );
}

#[tokio::test]
async fn odd_media_addresses_are_not_found() {
    let site = TestSite::empty().await;
    for path in [
        "/media/..%2f..%2fetc%2fpasswd",
        "/media/../Cargo.toml",
        "/media/0123456789abcdef0123456789abcdef.svg",
        "/media/0123456789abcdef0123456789abcdef.png",
        "/media/x.png",
    ] {
        let page = site.get(path).await;
        assert_eq!(page.status, 404, "{path}");
    }
}

#[tokio::test]
async fn the_library_says_where_an_image_is_used_and_refuses_to_delete_it_then() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let used = upload(&site, &cookie, "used.png", &png(8, 8)).await.json();
    let unused = upload(&site, &cookie, "spare.png", &png(9, 9)).await.json();
    let url = used["url"].as_str().unwrap();
    let doc = save_article(&site, &cookie, "uses-one", &format!("![x]({url})\n")).await;

    let library = site
        .call("/api/media_library", &json!({}), Some(&cookie))
        .await;
    assert_eq!(library.status, 200);
    let items = library.json()["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 2);
    let entry = items.iter().find(|i| i["url"] == used["url"]).unwrap();
    assert_eq!(entry["filename"], "used.png");
    assert_eq!(entry["uses"][0]["title"], "Pictures uses-one");
    assert_eq!(
        entry["uses"][0]["edit_href"],
        format!("/admin/edit/article/{}", doc["id"])
    );

    let refused = site
        .call(
            "/api/delete_media",
            &json!({"name": used["name"]}),
            Some(&cookie),
        )
        .await;
    assert_eq!(refused.status, 409, "{}", refused.body);
    assert!(refused.body.contains("still used"), "{}", refused.body);
    assert_eq!(site.get(url).await.status, 200);

    let deleted = site
        .call(
            "/api/delete_media",
            &json!({"name": unused["name"]}),
            Some(&cookie),
        )
        .await;
    assert_eq!(deleted.status, 200, "{}", deleted.body);
    assert_eq!(site.get(unused["url"].as_str().unwrap()).await.status, 404);

    // Taking the image out of the text frees it.
    let mut doc = doc;
    doc["body_md"] = json!("No pictures now.\n");
    let page = site.save_item(&cookie, doc).await;
    assert_eq!(page.status, 200);
    let freed = site
        .call(
            "/api/delete_media",
            &json!({"name": used["name"]}),
            Some(&cookie),
        )
        .await;
    assert_eq!(freed.status, 200, "{}", freed.body);
}
