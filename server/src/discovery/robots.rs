//! `/robots.txt`: crawl everything public, keep out of the author's admin
//! pages and the server-function endpoints, and point at the sitemap.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

use app::server::state::AppState;

use super::response::{document, TEXT};

pub async fn robots(State(state): State<AppState>, headers: HeaderMap) -> Response {
    document(&headers, TEXT, robots_txt(&state.site.base_url))
}

fn robots_txt(base: &str) -> String {
    format!(
        "User-agent: *\n\
         Allow: /\n\
         Disallow: /admin\n\
         Disallow: /api/\n\
         \n\
         Sitemap: {base}/sitemap.xml\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_absolute_sitemap() {
        let text = robots_txt("https://x.test");
        assert!(text.starts_with("User-agent: *\nAllow: /\n"), "{text}");
        assert!(
            text.contains("\nDisallow: /admin\nDisallow: /api/\n"),
            "{text}"
        );
        assert!(
            text.ends_with("\nSitemap: https://x.test/sitemap.xml\n"),
            "{text}"
        );
    }
}
