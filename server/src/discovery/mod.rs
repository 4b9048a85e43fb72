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

/// Every address this module answers (all GET), in axum's syntax. The
/// router below is built from this list, and tests that must visit every
/// public address read it (`crate::route_table`).
pub const PATHS: [&str; 7] = [
    "/feed.xml",
    "/articles/feed.xml",
    "/notes/feed.xml",
    "/summaries/feed.xml",
    "/tags/{slug}/feed.xml",
    "/sitemap.xml",
    "/robots.txt",
];

pub fn routes() -> Router<AppState> {
    let [site, articles, notes, summaries, tag, sitemap, robots] = PATHS;
    Router::new()
        .route(site, get(feeds::site))
        .route(articles, get(feeds::articles))
        .route(notes, get(feeds::notes))
        .route(summaries, get(feeds::summaries))
        .route(tag, get(feeds::tag))
        .route(sitemap, get(sitemap::sitemap))
        .route(robots, get(robots::robots))
}
