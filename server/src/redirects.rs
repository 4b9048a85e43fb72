//! Old addresses of renamed or merged tags, categories and sources answer
//! 301 with the new one: `/tags/<old>` (and its feed) and any page filtered
//! by `?tag=`, `?category=` or `?source=`. One primary-key lookup per
//! such request; everything else passes straight through.

use axum::{
    extract::{Request, State},
    http::{header, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

use app::domain::TermKind;
use app::server::{db::authoring::taxonomy, state::AppState};

pub async fn follow_renamed_terms(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    match moved_to(&state, request.uri()).await {
        Ok(Some(location)) => moved(&location),
        Ok(None) => next.run(request).await,
        Err(error) => {
            tracing::error!(%error, "cannot look up a renamed term");
            next.run(request).await
        }
    }
}

fn moved(location: &str) -> Response {
    let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// The new address, when this one names a term that has moved.
async fn moved_to(state: &AppState, uri: &axum::http::Uri) -> Result<Option<String>, sqlx::Error> {
    let path = uri.path();
    let query = uri.query().unwrap_or_default();
    if let Some(rest) = path.strip_prefix("/tags/") {
        let (slug, tail) = rest.split_once('/').map_or((rest, ""), |(s, t)| (s, t));
        if !slug.is_empty() && (tail.is_empty() || tail == "feed.xml") {
            if let Some(new) = taxonomy::redirected(&state.pool, TermKind::Tag, slug).await? {
                let tail = if tail.is_empty() {
                    String::new()
                } else {
                    format!("/{tail}")
                };
                let query = if query.is_empty() {
                    String::new()
                } else {
                    format!("?{query}")
                };
                return Ok(Some(format!("/tags/{new}{tail}{query}")));
            }
        }
    }
    if query.is_empty() {
        return Ok(None);
    }
    let mut pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let mut changed = false;
    for (key, value) in &mut pairs {
        let Some(kind) = TermKind::ALL.into_iter().find(|k| k.query_key() == key) else {
            continue;
        };
        if let Some(new) = taxonomy::redirected(&state.pool, kind, value).await? {
            *value = new;
            changed = true;
        }
    }
    if !changed {
        return Ok(None);
    }
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&pairs)
        .finish();
    Ok(Some(format!("{path}?{query}")))
}
