//! The site's machine-readable doors: Atom feeds, the sitemap and
//! robots.txt. Plain axum routes, registered ahead of the Leptos pages so
//! `/articles/feed.xml` is never taken for an article slug.

mod atom;
mod entry;
mod feeds;
mod response;
mod robots;
mod sitemap;
mod xml;

use axum::{routing::get, Router};

use app::server::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/feed.xml", get(feeds::site))
        .route("/articles/feed.xml", get(feeds::articles))
        .route("/notes/feed.xml", get(feeds::notes))
        .route("/summaries/feed.xml", get(feeds::summaries))
        .route("/tags/{slug}/feed.xml", get(feeds::tag))
        .route("/sitemap.xml", get(sitemap::sitemap))
        .route("/robots.txt", get(robots::robots))
}
