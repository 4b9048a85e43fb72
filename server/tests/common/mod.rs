//! A fresh Folio for each test: its own SQLite file in a temporary folder,
//! the real router, and requests sent without a socket.

#![allow(dead_code)] // each test file uses a different part of this kit

pub mod surface;
pub mod wire;

use std::path::PathBuf;
use std::process::{Command, Output};

use axum::body::Body;
use http_body_util::BodyExt;
use tower::ServiceExt;

use folio_server::config::Settings;

/// Runs the real `folio` binary.
pub fn folio(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .output()
        .expect("folio runs")
}

/// All that a run of the binary printed, standard output then errors.
pub fn printed(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A real PNG of the given size, different for every size.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 7) as u8, (y * 11) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("encode");
    out.into_inner()
}

pub struct TestSite {
    pub router: folio_server::Front,
    pub pool: sqlx::SqlitePool,
    pub db: PathBuf,
    generation: std::sync::Arc<app::server::generation::ContentGeneration>,
    _dir: tempfile::TempDir,
}

pub struct Page {
    pub status: u16,
    pub body: String,
    pub bytes: Vec<u8>,
    pub content_type: String,
    pub headers: http::HeaderMap,
}

/// The author every signed-in test uses, and their password.
pub const AUTHOR: &str = "ada";
pub const PASSWORD: &str = "correct horse battery staple";

impl Page {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The `name=value` part of the session cookie this response set.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(http::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.contains("folio_session=") && !c.contains("Max-Age=0"))
            .and_then(|c| c.split(';').next())
            .map(str::to_owned)
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

impl TestSite {
    /// A site filled with the demo content.
    pub async fn demo() -> Self {
        Self::start(true).await
    }

    /// A site with an empty database.
    pub async fn empty() -> Self {
        Self::start(false).await
    }

    async fn start(demo: bool) -> Self {
        Self::start_at(demo, "http://folio.test").await
    }

    /// A demo site whose public address is `base_url` (https changes the cookie).
    pub async fn start_at(demo: bool, base_url: &str) -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        let settings = Settings {
            addr: "127.0.0.1:0".parse().unwrap(),
            db: dir.path().join("folio.db"),
            demo,
            site: app::server::config::SiteConfig::default().with_base_url(base_url),
            site_root: PathBuf::from(dir.path()),
            max_upload_bytes: app::server::media::DEFAULT_MAX_BYTES,
        };
        let state = folio_server::prepare(&settings).await.expect("site starts");
        let pool = state.pool.clone();
        let generation = state.generation.clone();
        Self {
            generation,
            router: folio_server::router(state),
            pool,
            db: dir.path().join("folio.db"),
            _dir: dir,
        }
    }

    pub async fn get(&self, uri: &str) -> Page {
        self.send(http::Request::get(uri).body(Body::empty()).unwrap())
            .await
    }

    /// Calls a server function the way the browser does after hydration.
    pub async fn post_form(&self, uri: &str, form: &str) -> Page {
        let request = http::Request::post(uri)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(form.to_owned()))
            .unwrap();
        self.send(request).await
    }

    /// Tells the page cache that a test wrote to the database behind the
    /// site's back (the site's own writes do this themselves).
    pub fn changed(&self) {
        self.generation.bump();
    }

    /// Every row of every table, in a fixed order: equal fingerprints mean
    /// no content was written in between. Rows, not file bytes: SQLite's
    /// own statistics (`PRAGMA optimize` on connect and close) may change
    /// the file without anything the site stores changing.
    pub async fn fingerprint(&self) -> Vec<String> {
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table'
               AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .fetch_all(&self.pool)
        .await
        .expect("table list");
        let mut rows = Vec::new();
        for table in tables {
            let columns: Vec<String> =
                sqlx::query_scalar("SELECT name FROM pragma_table_info(?) ORDER BY cid")
                    .bind(&table)
                    .fetch_all(&self.pool)
                    .await
                    .expect("columns");
            if columns.is_empty() {
                continue;
            }
            let row = columns
                .iter()
                .map(|c| format!("quote(\"{c}\")"))
                .collect::<Vec<_>>()
                .join(" || ',' || ");
            let sql = format!("SELECT '{table}:' || {row} FROM \"{table}\" ORDER BY 1");
            let mut found: Vec<String> = sqlx::query_scalar(&sql)
                .fetch_all(&self.pool)
                .await
                .unwrap_or_else(|e| panic!("{table}: {e}"));
            rows.append(&mut found);
        }
        rows
    }

    /// Adds the test author (once) and signs in; returns the cookie.
    pub async fn sign_in(&self) -> String {
        let _ = app::server::auth::users::add(&self.pool, AUTHOR, PASSWORD.to_owned()).await;
        let form = format!("username={AUTHOR}&password={}", PASSWORD.replace(' ', "+"));
        let page = self.post_form("/admin/login", &form).await;
        assert_eq!(page.status, 303, "sign-in redirects: {}", page.body);
        page.session_cookie()
            .expect("sign-in sets the session cookie")
    }

    /// Calls a JSON server function, with a session cookie when given.
    pub async fn call(&self, uri: &str, body: &serde_json::Value, cookie: Option<&str>) -> Page {
        let body = body.to_string();
        let mut request = http::Request::post(uri)
            .header("content-type", "application/json")
            .header("content-length", body.len());
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        self.send(request.body(Body::from(body)).unwrap()).await
    }

    /// Saves an editor document through the author's server function.
    pub async fn save_item(&self, cookie: &str, doc: serde_json::Value) -> Page {
        let request = serde_json::json!({"request": {"doc": doc, "explicit": true}});
        self.call("/api/save_item", &request, Some(cookie)).await
    }

    /// GET with a session cookie.
    pub async fn get_signed_in(&self, uri: &str, cookie: &str) -> Page {
        self.send(
            http::Request::get(uri)
                .header("cookie", cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    /// A whole request, for tests that set their own headers.
    pub async fn send(&self, request: http::Request<Body>) -> Page {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router answers");
        read(response).await
    }
}

/// A response, read whole.
pub async fn read(response: axum::response::Response) -> Page {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let content_type = response
        .headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    Page {
        status,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes: bytes.to_vec(),
        content_type,
        headers,
    }
}
