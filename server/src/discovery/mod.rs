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

/// True when the document at `path` (one of `PATHS`) reads nothing from
/// the query string: every query gives the same bytes, so the page cache
/// holds one copy under the path alone. A crawler's or anyone's made-up
/// `?x=1`, `?x=2`… then cannot make the server write the sitemap (about
/// 130 ms and 2 MB at 10k articles) again and again, nor fill the cache
/// with copies of it. The summaries feed is filtered by its query.
pub fn ignores_query(path: &str) -> bool {
    answers(path) && path != "/summaries/feed.xml"
}

/// True when `path` is one of the addresses above (the page cache holds
/// these documents as it holds pages).
pub fn answers(path: &str) -> bool {
    PATHS
        .iter()
        .any(|pattern| match pattern.split_once("{slug}") {
            Some((before, after)) => path
                .strip_prefix(before)
                .and_then(|rest| rest.strip_suffix(after))
                .is_some_and(|slug| !slug.is_empty() && !slug.contains('/')),
            None => path == *pattern,
        })
}

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

#[cfg(test)]
mod tests {
    use super::answers;

    #[test]
    fn the_documents_are_known_by_their_addresses() {
        for path in [
            "/feed.xml",
            "/sitemap.xml",
            "/robots.txt",
            "/tags/rust/feed.xml",
        ] {
            assert!(answers(path), "{path}");
        }
        for path in [
            "/tags//feed.xml",
            "/tags/a/b/feed.xml",
            "/pkg/folio.css",
            "/favicon.ico",
        ] {
            assert!(!answers(path), "{path}");
        }
    }
}
