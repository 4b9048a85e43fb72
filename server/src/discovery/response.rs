//! How every discovery document leaves the server: a short public cache,
//! an ETag so a feed reader polling an unchanged feed gets a bodiless 304,
//! and one error type that logs database detail and shows none of it.

use std::hash::{DefaultHasher, Hash, Hasher};

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// Feeds and the sitemap change when something is published; readers and
/// crawlers may reuse a copy for five minutes.
const CACHE_CONTROL: &str = "public, max-age=300";

pub const ATOM: &str = "application/atom+xml; charset=utf-8";
pub const XML: &str = "application/xml; charset=utf-8";
pub const TEXT: &str = "text/plain; charset=utf-8";

/// A document, answered with 304 when the client already holds this body.
pub fn document(request: &HeaderMap, content_type: &'static str, body: String) -> Response {
    let etag = etag_of(&body);
    let cached = request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|tag| matches!(tag.trim(), "*") || tag.trim() == etag);
    let headers = [
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static(CACHE_CONTROL),
        ),
        (
            header::ETAG,
            HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"\"")),
        ),
    ];
    if cached {
        (StatusCode::NOT_MODIFIED, headers).into_response()
    } else {
        (
            headers,
            [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
            body,
        )
            .into_response()
    }
}

/// Weak, because compression may change the bytes on the wire while the
/// document stays the same.
fn etag_of(body: &str) -> String {
    let mut hasher = DefaultHasher::new();
    body.hash(&mut hasher);
    format!("W/\"{:016x}\"", hasher.finish())
}

#[derive(Debug, thiserror::Error)]
pub enum DiscoveryError {
    #[error("no such feed")]
    NotFound,
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
}

impl IntoResponse for DiscoveryError {
    fn into_response(self) -> Response {
        let (status, message) = match &self {
            Self::NotFound => (
                StatusCode::NOT_FOUND,
                "There is no feed at this address. The site's feeds are listed at /feed.xml, /articles/feed.xml, /notes/feed.xml, /summaries/feed.xml and /tags/<tag>/feed.xml.\n",
            ),
            Self::Database(error) => {
                tracing::error!(%error, "a discovery document could not be read");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "This document is unavailable right now; please try again shortly.\n",
                )
            }
        };
        (status, [(header::CONTENT_TYPE, TEXT)], message).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_etag_follows_the_body() {
        assert_eq!(etag_of("a"), etag_of("a"));
        assert_ne!(etag_of("a"), etag_of("b"));
        assert!(etag_of("a").starts_with("W/\""));
    }

    #[test]
    fn a_matching_etag_answers_not_modified() {
        let fresh = document(&HeaderMap::new(), TEXT, "body".into());
        assert_eq!(fresh.status(), StatusCode::OK);
        let etag = fresh.headers()[header::ETAG].clone();
        let mut request = HeaderMap::new();
        request.insert(header::IF_NONE_MATCH, etag);
        let again = document(&request, TEXT, "body".into());
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        let changed = document(&request, TEXT, "new body".into());
        assert_eq!(changed.status(), StatusCode::OK);
    }
}
