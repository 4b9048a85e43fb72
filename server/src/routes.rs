//! The router: the Leptos pages and server functions, sign-in and sign-out,
//! static assets, the feeds, sitemap and robots.txt, and a health check.

use axum::{
    extract::Request,
    http::Method,
    http::{header, HeaderValue},
    middleware::{self, Next},
    response::Response,
    routing::get,
    Router,
};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::{sync::Arc, time::Duration};

use crate::{cache::PageCache, front::Front};

use axum::{extract::State, http::StatusCode, response::IntoResponse};
use tower_http::{
    compression::CompressionLayer,
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
    timeout::TimeoutLayer,
    trace::{DefaultOnResponse, TraceLayer},
};

/// The largest request body anything accepts: a long article as JSON,
/// with room for escaping (the editor refuses bodies past 2 MB itself).
const BODY_LIMIT: usize = 8 * 1024 * 1024;
/// The largest body: a long article, or an image upload as base64 in JSON
/// (4 bytes for every 3). Files up to twice the upload limit still arrive,
/// so the author hears both sizes from the image check; past that the
/// declared length alone is refused (`refuse_oversized`).
fn body_limit(max_upload_bytes: u64) -> usize {
    let upload = max_upload_bytes.saturating_mul(8).div_ceil(3) + 64 * 1024;
    usize::try_from(upload)
        .unwrap_or(usize::MAX)
        .max(BODY_LIMIT)
}

/// A request that declares more than its route's limit (uploads theirs,
/// everything else 8 MB) is answered 413 before
/// a byte of it is read, in the error shape server functions use, so the
/// editor can show the reason. One that declares no length (a chunked
/// body) is held to the same limit as it is read; past it the reader gets
/// a length-limit error, which server functions answer with 413 too
/// (`AppError`'s decoding of the request).
async fn refuse_oversized(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let upload = request.uri().path() == "/api/upload_media";
    let limit = if upload {
        body_limit(state.max_upload_bytes) as u64
    } else {
        BODY_LIMIT as u64
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match declared {
        Some(length) if length > limit => {
            let message = if upload {
                format!(
                    "This file is far too large: images can be at most {}.",
                    app::domain::human_size(state.max_upload_bytes)
                )
            } else {
                "This request is too large to accept.".to_owned()
            };
            let body =
                serde_json::to_string(&app::api::AppError::Invalid(message)).unwrap_or_default();
            (
                StatusCode::PAYLOAD_TOO_LARGE,
                [
                    (header::CONTENT_TYPE, "application/json"),
                    (header::CACHE_CONTROL, "no-store"),
                ],
                body,
            )
                .into_response()
        }
        Some(_) => next.run(request).await,
        None => {
            let limit = usize::try_from(limit).unwrap_or(usize::MAX);
            let request = request
                .map(|body| axum::body::Body::new(http_body_util::Limited::new(body, limit)));
            next.run(request).await
        }
    }
}

/// A whole request, from its first byte to the last of the answer.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

use app::{server::state::AppState, shell, App};

const HEALTH: &str = "/healthz";
const READY: &str = "/readyz";

/// One address the router answers: its path (axum syntax, `{param}`),
/// the method, and whether it is a Leptos page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    pub path: String,
    pub method: Method,
    pub page: bool,
}

/// Every address the router answers besides server functions (which the
/// server-function registry lists) and static files: the Leptos route
/// list, then the plain axum routes. Tests walk this table so that a new
/// route cannot escape the security and visibility checks.
pub fn route_table() -> Vec<Route> {
    let plain = |path: &str, method: Method| Route {
        path: path.to_owned(),
        method,
        page: false,
    };
    let mut table: Vec<Route> = generate_route_list(App)
        .into_iter()
        .map(|listing| Route {
            path: listing.path().to_owned(),
            method: Method::GET,
            page: true,
        })
        .collect();
    table.extend(
        crate::discovery::PATHS
            .into_iter()
            .map(|p| plain(p, Method::GET)),
    );
    table.push(plain(crate::media::PATH, Method::GET));
    table.extend(
        crate::admin::PATHS
            .into_iter()
            .map(|p| plain(p, Method::POST)),
    );
    table.push(plain(HEALTH, Method::GET));
    table.push(plain(READY, Method::GET));
    table
}

/// The whole site: the page cache's warm path in front of the router.
pub fn router(state: AppState) -> Front {
    let routes = generate_route_list(App);
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let shell_options = state.leptos_options.clone();
    let base_url = state.site.base_url.clone();
    let body_limit = body_limit(state.max_upload_bytes);
    // One cache: misses fill it inside the layers (`serve_cached`), and
    // hits are answered in front of the router (`front::Front`).
    let pages = Arc::new(PageCache::default());
    let router = Router::new()
        .nest("/pkg", assets(&state.leptos_options.site_root))
        .route(HEALTH, get(|| async { "ok" }))
        .route(READY, get(ready))
        .merge(crate::discovery::routes())
        .merge(crate::admin::routes())
        .merge(crate::media::routes())
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(shell_options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(middleware::from_fn(crate::metrics::label_route))
        .layer(middleware::from_fn(admin_never_cached))
        .layer(middleware::from_fn(pages_keep_their_policy))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::origin::same_origin_only,
        ))
        // Inside the cache: a page the cache holds was rendered in this
        // content generation, after any rename (a rename is a write), so
        // only a miss needs to ask whether its terms were renamed.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::redirects::follow_renamed_terms,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::cache::serve_cached,
        ))
        .layer(axum::Extension(pages.clone()))
        .layer(RequestBodyLimitLayer::new(body_limit))
        // Server functions read their body through axum, whose own default
        // (2 MB) would cut a long article short with a 500.
        .layer(axum::extract::DefaultBodyLimit::max(body_limit))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            refuse_oversized,
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(CompressionLayer::new());
    let hits = crate::cache::AnswerHits::new(pages, &state, security_headers(&base_url));
    let router = with_request_ids(with_security_headers(router, &base_url)).with_state(state);
    Front::new(hits, router)
}

/// The built assets: the wasm bundle and its chunks, their JS glue and the
/// stylesheet. A release built with `--precompress` has a `.br` and a `.gz`
/// beside each file, compressed once at the best level; those are sent as
/// they are (the compression layer leaves an encoded body alone), so no
/// request compresses the bundle again.
///
/// Pages name the files with their content version (`?v=`, see
/// `app::assets`): asked for with the version of the bytes on disk, a file
/// is answered `immutable` for a year, so a returning reader's browser does
/// not even ask. Asked for without it, or with another (a page from before
/// a deploy), the answer must be revalidated (`no-cache`, then a 304 from
/// Last-Modified), so nobody keeps bytes their page did not name.
fn assets(site_root: &str) -> Router<AppState> {
    let files = ServeDir::new(std::path::Path::new(site_root).join("pkg"))
        .precompressed_br()
        .precompressed_gzip();
    let site_root: Arc<str> = site_root.into();
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            let site_root = site_root.clone();
            async move {
                let asked = request.uri().query().and_then(|query| {
                    form_urlencoded::parse(query.as_bytes())
                        .find(|(key, _)| key == "v")
                        .map(|(_, value)| value.into_owned())
                });
                let relative = format!("pkg{}", request.uri().path());
                let mut response = next.run(request).await;
                let current = asked
                    .as_ref()
                    .filter(|_| {
                        matches!(response.status(), StatusCode::OK | StatusCode::NOT_MODIFIED)
                    })
                    .and_then(|_| app::assets::version(&site_root, &relative[..]));
                let policy = if asked.is_some() && asked == current {
                    "public, max-age=31536000, immutable"
                } else {
                    "no-cache"
                };
                response
                    .headers_mut()
                    .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
                response
            }
        }))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::VARY,
            HeaderValue::from_static("accept-encoding"),
        ))
}

/// Every request gets an id, in an `x-request-id` response header and on
/// every log line written while it is served (the `request` span: id,
/// method, path). A proxy's id is kept when it looks like one, so its logs
/// and Folio's can be joined; anything else is replaced. Responses are
/// logged at debug level, failures (5xx) as errors.
fn with_request_ids(router: Router<AppState>) -> Router<AppState> {
    let trace = TraceLayer::new_for_http()
        .make_span_with(|request: &Request| {
            let id = request
                .headers()
                .get(&REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            tracing::info_span!(
                "request",
                id,
                method = %request.method(),
                path = request.uri().path()
            )
        })
        .on_request(())
        .on_response(DefaultOnResponse::new().level(tracing::Level::DEBUG));
    router
        .layer(trace)
        .layer(PropagateRequestIdLayer::new(REQUEST_ID.clone()))
        .layer(SetRequestIdLayer::new(REQUEST_ID.clone(), MakeRequestUuid))
        .layer(middleware::from_fn(drop_odd_request_ids))
}

pub(crate) static REQUEST_ID: header::HeaderName = header::HeaderName::from_static("x-request-id");

/// An incoming id is kept only if it is short and plain (letters, digits,
/// `-`, `_`, `.`), so no client can write what it likes into the logs.
pub(crate) fn plain_request_id(value: &HeaderValue) -> bool {
    let bytes = value.as_bytes();
    bytes.len() <= 64
        && !bytes.is_empty()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

async fn drop_odd_request_ids(mut request: Request, next: Next) -> Response {
    if !request
        .headers()
        .get(&REQUEST_ID)
        .is_none_or(plain_request_id)
    {
        request.headers_mut().remove(&REQUEST_ID);
    }
    next.run(request).await
}

/// Headers every response carries: no MIME sniffing, no framing by other
/// sites, referrers trimmed to the origin elsewhere, and HSTS once the site
/// is served over https. HTML pages send their own Content-Security-Policy
/// with the nonce of their inline scripts (`app::shell`); everything else
/// (feeds, JSON, files, images) may load and run nothing at all.
fn with_security_headers(router: Router<AppState>, base_url: &str) -> Router<AppState> {
    security_headers(base_url)
        .into_iter()
        .fold(router, |router, (name, value)| {
            router.layer(SetResponseHeaderLayer::if_not_present(name, value))
        })
}

/// The headers of `with_security_headers`, for the layers and for the
/// page cache's warm path, which answers outside them.
fn security_headers(base_url: &str) -> Vec<(header::HeaderName, HeaderValue)> {
    let mut headers = vec![
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; frame-ancestors 'none'",
        ),
    ];
    if base_url.starts_with("https://") {
        headers.push((
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        ));
    }
    headers
        .into_iter()
        .map(|(name, value)| (name, HeaderValue::from_static(value)))
        .collect()
}

/// Ready to serve: the database answers a query. `/healthz` only says the
/// process is alive.
async fn ready(State(state): State<AppState>) -> impl IntoResponse {
    let probe = sqlx::query("SELECT 1").execute(&state.pool);
    let answer = match tokio::time::timeout(Duration::from_secs(2), probe).await {
        Ok(Ok(_)) => (StatusCode::OK, "ready"),
        Ok(Err(error)) => {
            tracing::error!(%error, "readiness probe failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "the database does not answer",
            )
        }
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "the database does not answer in time",
        ),
    };
    (answer.0, [(header::CACHE_CONTROL, "no-store")], answer.1)
}

/// A safety net under `app::shell`, which sends each page's policy with
/// its nonce. Should a page ever come out of the renderer without it, the
/// policy is rebuilt from the nonce of the first script in the page's
/// <head> (the shell's own theme script, before any content), and a
/// warning names the page. Without this a reader would get the catch-all
/// `default-src 'none'` and a page whose scripts and styles are all
/// blocked. Only such a page is read whole; every other answer streams by.
async fn pages_keep_their_policy(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if !html
        || response
            .headers()
            .contains_key(header::CONTENT_SECURITY_POLICY)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(page) = axum::body::to_bytes(body, BODY_LIMIT).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Some(policy) = head_nonce(&page)
        .and_then(|nonce| HeaderValue::from_str(&app::content_security_policy(nonce)).ok())
    {
        tracing::warn!(%path, "a page was rendered without its Content-Security-Policy; rebuilt from its nonce");
        parts
            .headers
            .insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    Response::from_parts(parts, axum::body::Body::from(page))
}

/// The nonce of the first `<script nonce="…">` in the page's <head>.
fn head_nonce(page: &[u8]) -> Option<&str> {
    let find = |haystack: &[u8], needle: &[u8]| {
        haystack
            .windows(needle.len())
            .position(|window| window == needle)
    };
    let head = &page[..find(page, b"</head>")?];
    let marker = b"<script nonce=\"";
    let start = find(head, marker)? + marker.len();
    let length = head[start..].iter().position(|&b| b == b'"')?;
    let nonce = std::str::from_utf8(&head[start..start + length]).ok()?;
    let plain = !nonce.is_empty()
        && nonce
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_'));
    plain.then_some(nonce)
}

/// Admin pages depend on the session: no shared cache may keep them, and
/// search engines have no business with them.
async fn admin_never_cached(request: Request, next: Next) -> Response {
    let admin = request.uri().path() == "/admin" || request.uri().path().starts_with("/admin/");
    let mut response = next.run(request).await;
    if admin {
        let headers = response.headers_mut();
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
        headers.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::head_nonce;

    #[test]
    fn the_nonce_is_read_from_the_head_only() {
        let page = br#"<html><head><meta charset="utf-8"><script nonce="aB3+/x=">t()</script></head><body><script nonce="evil">x</script></body>"#;
        assert_eq!(head_nonce(page), Some("aB3+/x="));
        let in_body =
            br#"<html><head><title>x</title></head><body><script nonce="evil">x</script></body>"#;
        assert_eq!(head_nonce(in_body), None);
        let odd = br#"<html><head><script nonce="a b'c">t()</script></head>"#;
        assert_eq!(head_nonce(odd), None);
        assert_eq!(head_nonce(b"<html>no head end"), None);
    }
}
