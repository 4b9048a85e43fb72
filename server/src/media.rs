//! `/media/<hash>.<ext>`: uploaded images, straight from the database. A
//! name is the hash of the bytes, so the answer never changes: browsers
//! and proxies may keep it for a year without asking again.

use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};

use app::domain::is_media_name;
use app::server::{db::media, state::AppState};

/// The one address this module answers (GET).
pub const PATH: &str = "/media/{name}";

pub fn routes() -> Router<AppState> {
    Router::new().route(PATH, get(serve))
}

async fn serve(
    State(state): State<AppState>,
    Path(name): Path<String>,
    request_headers: HeaderMap,
) -> Response {
    if !is_media_name(&name) {
        return not_found();
    }
    let etag = format!("\"{}\"", name.split('.').next().unwrap_or_default());
    let stored = match media::find(&state.pool, &name).await {
        Ok(Some(stored)) => stored,
        Ok(None) => return not_found(),
        Err(error) => {
            tracing::error!(%error, %name, "cannot read an image");
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                [(header::CACHE_CONTROL, "no-store")],
                "This image could not be read.",
            )
                .into_response();
        }
    };
    let fresh = request_headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|tag| tag.trim() == etag));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        stored.bytes.into_response()
    };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&stored.content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    // An image is never a document: nothing in it may run or be framed.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'; sandbox"),
    );
    response
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CACHE_CONTROL, "no-store")],
        "No such image.",
    )
        .into_response()
}
