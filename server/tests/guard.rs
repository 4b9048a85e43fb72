//! The author-only guard, sessions, the sign-in rate limit and the origin
//! check, over HTTP against the real router. The list of server functions
//! comes from the server-function registry, so a new one cannot be missed.

mod common;

use axum::body::Body;
use common::{TestSite, AUTHOR, PASSWORD};
use serde_json::json;

/// Server functions anyone may call, each reviewed: they answer only what
/// the public site shows, or (whoami, sign_in_notice) only what the caller
/// already knows about their own request. Everything else must be 401.
const PUBLIC: &[&str] = &[
    "/api/get_article",
    "/api/get_home",
    "/api/get_note",
    "/api/get_tag",
    "/api/list_articles",
    "/api/list_notes",
    "/api/list_summaries",
    "/api/list_tags",
    "/api/search",
    "/api/sign_in_notice",
    "/api/site_meta",
    "/api/whoami",
];

fn registered() -> Vec<(String, http::Method)> {
    common::surface::server_functions()
}

fn guarded() -> Vec<(String, http::Method)> {
    registered()
        .into_iter()
        .filter(|(path, _)| !PUBLIC.contains(&path.as_str()))
        .collect()
}

async fn call_as(
    site: &TestSite,
    path: &str,
    method: &http::Method,
    cookie: Option<&str>,
) -> common::Page {
    let mut request = http::Request::builder()
        .method(method.clone())
        .uri(path)
        .header("content-type", "application/json");
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    site.send(request.body(Body::from("{}")).unwrap()).await
}

/// What the dashboard function answers a caller holding `cookie`.
async fn dashboard_status(site: &TestSite, cookie: &str) -> u16 {
    call_as(
        site,
        "/api/admin_dashboard",
        &http::Method::POST,
        Some(cookie),
    )
    .await
    .status
}

#[tokio::test]
async fn the_public_list_names_only_registered_functions() {
    let paths: Vec<String> = registered().into_iter().map(|(p, _)| p).collect();
    for public in PUBLIC {
        assert!(
            paths.iter().any(|p| p == public),
            "{public} is not registered any more"
        );
    }
    assert!(
        guarded().len() >= 10,
        "the author's functions are registered: {paths:?}"
    );
}

#[tokio::test]
async fn every_other_server_function_answers_401_and_changes_nothing() {
    let site = TestSite::demo().await;
    let before = site.fingerprint().await;
    for (path, method) in guarded() {
        let answer = call_as(&site, &path, &method, None).await;
        assert_eq!(
            answer.status, 401,
            "{method} {path} answered {}: {}",
            answer.status, answer.body
        );
        assert!(
            answer.body.contains("Unauthorized"),
            "{path}: {}",
            answer.body
        );
        // A cookie that is not a session is no better than none.
        let forged = call_as(&site, &path, &method, Some("folio_session=0123abcd")).await;
        assert_eq!(forged.status, 401, "{path} with a forged cookie");
    }
    assert!(
        site.fingerprint().await == before,
        "an anonymous call wrote to the database"
    );
}

#[tokio::test]
async fn the_author_gets_past_the_guard_of_every_function() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    for (path, method) in guarded() {
        let answer = call_as(&site, &path, &method, Some(&cookie)).await;
        assert_ne!(
            answer.status, 401,
            "{path} refused the signed-in author: {}",
            answer.body
        );
    }
}

#[tokio::test]
async fn anonymous_visitors_at_admin_get_the_sign_in_form_and_no_drafts() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let saved = site
        .call(
            "/api/save_item",
            &json!({"request": {"doc": {"kind": "article", "title": "Zq secret draft title", "slug": "zq-secret-draft", "category": "Databases", "status": "draft"}}}),
            Some(&cookie),
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let id = saved.json()["Saved"]["doc"]["id"].as_i64().expect("an id");
    for path in [
        "/admin".to_owned(),
        format!("/admin/edit/article/{id}"),
        "/admin/new/note".into(),
        format!("/admin/history/article/{id}"),
    ] {
        let page = site.get(&path).await;
        assert!(page.body.contains("Sign in"), "{path}: {}", page.body);
        assert!(
            !page.body.contains("Zq secret"),
            "{path} shows a draft title"
        );
        assert!(!page.body.contains("Drafts"), "{path} shows draft counts");
        assert_eq!(
            page.header("cache-control"),
            Some("private, no-store"),
            "{path}"
        );
    }
    let page = site.get_signed_in("/admin", &cookie).await;
    assert!(page.body.contains("Signed in as ada"), "{}", page.body);
}

#[tokio::test]
async fn sign_in_sets_a_fresh_http_only_session_cookie() {
    let site = TestSite::empty().await;
    app::server::auth::users::add(&site.pool, AUTHOR, PASSWORD.into())
        .await
        .unwrap();
    let planted = "folio_session=planted-by-someone-else";
    let request = http::Request::post("/admin/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", planted)
        .body(Body::from(format!(
            "username={AUTHOR}&password={}&next=/admin/new/note",
            PASSWORD.replace(' ', "+")
        )))
        .unwrap();
    let page = site.send(request).await;
    assert_eq!(page.status, 303);
    assert_eq!(page.header("location"), Some("/admin/new/note"));
    let set = page.header("set-cookie").unwrap().to_owned();
    for part in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age="] {
        assert!(set.contains(part), "{set}");
    }
    assert!(
        !set.contains("Secure"),
        "plain http sites cannot use Secure: {set}"
    );
    let cookie = page.session_cookie().unwrap();
    assert_ne!(cookie, planted, "the session id is new at sign-in");
    assert_eq!(dashboard_status(&site, planted).await, 401);
    // A second sign-in from the same browser ends the first session.
    let again = http::Request::post("/admin/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", &cookie)
        .body(Body::from(format!(
            "username={AUTHOR}&password={}",
            PASSWORD.replace(' ', "+")
        )))
        .unwrap();
    let second = site.send(again).await.session_cookie().unwrap();
    assert_ne!(second, cookie);
    assert_eq!(dashboard_status(&site, &cookie).await, 401);
    assert_eq!(dashboard_status(&site, &second).await, 200);
    let (stored,): (String,) = sqlx::query_as("SELECT token_hash FROM sessions")
        .fetch_one(&site.pool)
        .await
        .unwrap();
    assert!(
        !second.contains(&stored),
        "the table holds a hash, not the token"
    );
}

#[tokio::test]
async fn https_sites_use_a_host_prefixed_secure_cookie() {
    let site = TestSite::start_at(false, "https://blog.example").await;
    app::server::auth::users::add(&site.pool, AUTHOR, PASSWORD.into())
        .await
        .unwrap();
    let page = site
        .post_form(
            "/admin/login",
            &format!("username={AUTHOR}&password={}", PASSWORD.replace(' ', "+")),
        )
        .await;
    let set = page.header("set-cookie").unwrap();
    assert!(set.starts_with("__Host-folio_session="), "{set}");
    assert!(set.contains("; Secure") && set.contains("Path=/"), "{set}");
}

#[tokio::test]
async fn sign_out_ends_the_session_on_the_server() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let request = http::Request::post("/admin/logout")
        .header("cookie", &cookie)
        .body(Body::empty())
        .unwrap();
    let out = site.send(request).await;
    assert_eq!(out.status, 303);
    assert!(out.header("set-cookie").unwrap().contains("Max-Age=0"));
    // The old cookie, replayed by whoever copied it, signs no one in.
    let replay = call_as(
        &site,
        "/api/admin_dashboard",
        &http::Method::POST,
        Some(&cookie),
    )
    .await;
    assert_eq!(replay.status, 401);
    let (left,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions")
        .fetch_one(&site.pool)
        .await
        .unwrap();
    assert_eq!(left, 0);
}

#[tokio::test]
async fn sessions_expire() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    assert_eq!(dashboard_status(&site, &cookie).await, 200);
    sqlx::query("UPDATE sessions SET expires_at = '2020-01-01T00:00:00Z'")
        .execute(&site.pool)
        .await
        .unwrap();
    assert_eq!(dashboard_status(&site, &cookie).await, 401);
}

#[tokio::test]
async fn a_new_password_ends_every_session() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let ended =
        app::server::auth::users::set_password(&site.pool, AUTHOR, "another long password".into())
            .await
            .unwrap();
    assert_eq!(ended, 1);
    assert_eq!(dashboard_status(&site, &cookie).await, 401);
}

#[tokio::test]
async fn repeated_wrong_passwords_are_rate_limited() {
    let site = TestSite::demo().await;
    app::server::auth::users::add(&site.pool, AUTHOR, PASSWORD.into())
        .await
        .unwrap();
    for attempt in 1..=5 {
        let page = site
            .post_form(
                "/admin/login",
                &format!("username={AUTHOR}&password=wrong-{attempt}"),
            )
            .await;
        assert_eq!(page.status, 401, "attempt {attempt}");
        assert!(page.body.contains("do not match"), "{}", page.body);
        assert!(
            page.body.contains(&format!("value=\"{AUTHOR}\"")),
            "the name typed is kept"
        );
    }
    let locked = site
        .post_form(
            "/admin/login",
            &format!("username={AUTHOR}&password={}", PASSWORD.replace(' ', "+")),
        )
        .await;
    assert_eq!(
        locked.status, 429,
        "even the right password waits: {}",
        locked.body
    );
    assert!(
        locked.body.contains("Too many attempts — try again in "),
        "{}",
        locked.body
    );
    let wait: u64 = locked.header("retry-after").unwrap().parse().unwrap();
    assert!(wait > 0 && wait <= 15 * 60);
    assert!(locked.session_cookie().is_none());
}

#[tokio::test]
async fn cross_origin_writes_are_refused_before_anything_runs() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let before = site.fingerprint().await;
    let doc = json!({"request": {"doc": {"kind": "note", "title": "Planted", "slug": "planted", "status": "published"}}});
    for (name, value) in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
        ("origin", "null"),
    ] {
        let request = http::Request::post("/api/save_item")
            .header("content-type", "application/json")
            .header("cookie", &cookie)
            .header(name, value)
            .body(Body::from(doc.to_string()))
            .unwrap();
        let page = site.send(request).await;
        assert_eq!(page.status, 403, "{name}: {value}");
        // A form on another site posting a sign-in (login CSRF) too.
        let request = http::Request::post("/admin/login")
            .header("content-type", "application/x-www-form-urlencoded")
            .header(name, value)
            .body(Body::from(format!(
                "username={AUTHOR}&password={}",
                PASSWORD.replace(' ', "+")
            )))
            .unwrap();
        assert_eq!(site.send(request).await.status, 403);
    }
    assert!(
        site.fingerprint().await == before,
        "a refused request wrote to the database"
    );
    let request = http::Request::post("/api/save_item")
        .header("content-type", "application/json")
        .header("cookie", &cookie)
        .header("origin", "http://folio.test")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(doc.to_string()))
        .unwrap();
    assert_eq!(
        site.send(request).await.status,
        200,
        "the site's own origin is welcome"
    );
}

#[tokio::test]
async fn the_user_command_adds_lists_and_changes_authors() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let run = |args: &[&str], input: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(args)
            .arg("--db")
            .arg(&db)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let added = run(
        &["user", "add", "grace", "--password-stdin"],
        "a long enough secret\n",
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let twice = run(
        &["user", "add", "grace", "--password-stdin"],
        "a long enough secret\n",
    );
    assert!(!twice.status.success());
    assert!(String::from_utf8_lossy(&twice.stderr).contains("already an author named grace"));
    let short = run(&["user", "add", "linus", "--password-stdin"], "short\n");
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 10 characters"));
    let listed = run(&["user", "list"], "");
    assert!(String::from_utf8_lossy(&listed.stdout).contains("grace"));
    let changed = run(
        &["user", "passwd", "grace", "--password-stdin"],
        "another long secret\n",
    );
    assert!(String::from_utf8_lossy(&changed.stdout).contains("ended 0 session(s)"));
    let missing = run(
        &["user", "passwd", "nobody", "--password-stdin"],
        "another long secret\n",
    );
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no author named nobody"));
}
