//! One layer refuses every state-changing request that a browser sent from
//! another origin: server functions, the sign-in and sign-out forms, and
//! anything added later. Browsers send `Sec-Fetch-Site` (modern ones) or
//! `Origin` on every cross-origin POST, so a page elsewhere cannot make an
//! author's browser write. Requests with neither come from non-browser
//! clients, which carry no ambient cookie and are judged by the session
//! check alone.

use axum::{
    extract::{Request, State},
    http::{header, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

use app::server::state::AppState;

pub async fn same_origin_only(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if is_safe_method(request.method()) || is_same_origin(&state.site.base_url, request.headers()) {
        return next.run(request).await;
    }
    tracing::warn!(path = %request.uri().path(), "cross-origin write refused");
    (
        StatusCode::FORBIDDEN,
        [(header::CACHE_CONTROL, "no-store")],
        "Requests from other sites cannot change anything here.",
    )
        .into_response()
}

fn is_safe_method(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

pub fn is_same_origin(base_url: &str, headers: &header::HeaderMap) -> bool {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = get("sec-fetch-site") {
        // `none` is the author typing the address or using a bookmark.
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = get("origin") else {
        return true;
    };
    if origin == "null" {
        return false;
    }
    let origin = origin.trim_end_matches('/');
    if origin.eq_ignore_ascii_case(site_origin(base_url)) {
        return true;
    }
    // The host the browser addressed (behind a proxy the base URL is the
    // public name; locally it may be 127.0.0.1 or localhost).
    get("host").is_some_and(|host| {
        ["http://", "https://"]
            .iter()
            .any(|scheme| origin.eq_ignore_ascii_case(&format!("{scheme}{host}")))
    })
}

/// `scheme://host[:port]` of the site URL.
fn site_origin(base_url: &str) -> &str {
    let after_scheme = base_url.find("://").map_or(0, |i| i + 3);
    match base_url[after_scheme..].find('/') {
        Some(slash) => &base_url[..after_scheme + slash],
        None => base_url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> header::HeaderMap {
        let mut map = header::HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, v.parse().unwrap());
        }
        map
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        let base = "https://blog.example";
        assert!(is_same_origin(
            base,
            &headers(&[("sec-fetch-site", "same-origin")])
        ));
        assert!(!is_same_origin(
            base,
            &headers(&[("sec-fetch-site", "cross-site")])
        ));
        assert!(!is_same_origin(
            base,
            &headers(&[
                ("sec-fetch-site", "same-site"),
                ("origin", "https://blog.example")
            ])
        ));
    }

    #[test]
    fn origin_must_be_the_site_or_the_addressed_host() {
        let base = "https://blog.example/";
        assert!(is_same_origin(
            base,
            &headers(&[("origin", "https://blog.example")])
        ));
        assert!(is_same_origin(
            base,
            &headers(&[
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000")
            ])
        ));
        assert!(!is_same_origin(
            base,
            &headers(&[("origin", "https://evil.example"), ("host", "blog.example")])
        ));
        assert!(!is_same_origin(base, &headers(&[("origin", "null")])));
        assert!(is_same_origin(base, &headers(&[])));
        assert_eq!(
            site_origin("http://127.0.0.1:3000"),
            "http://127.0.0.1:3000"
        );
        assert_eq!(site_origin("https://a.example/blog"), "https://a.example");
    }
}
