//! A fresh Folio for each test: its own SQLite file in a temporary folder,
//! the real router, and requests sent without a socket.

#![allow(dead_code)] // each test file uses a different part of this kit

use std::path::PathBuf;

use axum::{body::Body, Router};
use http_body_util::BodyExt;
use tower::ServiceExt;

use folio_server::config::Settings;

pub struct TestSite {
    pub router: Router,
    pub pool: sqlx::SqlitePool,
    _dir: tempfile::TempDir,
}

pub struct Page {
    pub status: u16,
    pub body: String,
    pub content_type: String,
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
        let dir = tempfile::tempdir().expect("temporary folder");
        let settings = Settings {
            addr: "127.0.0.1:0".parse().unwrap(),
            db: dir.path().join("folio.db"),
            demo,
            site: app::server::config::SiteConfig::default().with_base_url("http://folio.test"),
            site_root: PathBuf::from(dir.path()),
        };
        let state = folio_server::prepare(&settings).await.expect("site starts");
        let pool = state.pool.clone();
        Self {
            router: folio_server::router(state),
            pool,
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

    async fn send(&self, request: http::Request<Body>) -> Page {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router answers");
        let status = response.status().as_u16();
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
            content_type,
        }
    }
}
