//! The page cache. A public page is rendered once per content generation,
//! compressed once (brotli and gzip) and then served from memory with a
//! strong ETag, so a warm article costs what serving bytes costs.
//!
//! An entry is valid while (1) the content generation is the one it was
//! rendered at — every write bumps it (`app::server::authoring`) — and (2)
//! the next scheduled publication has not come (a scheduled item becomes
//! public by time, not by a write). Nothing is cached for a request that
//! carries a session cookie, nor any answer that is not a plain 200.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use sha2::{Digest, Sha256};

use app::server::{clock, db, state::AppState};

/// How long browsers and proxies may reuse a page without asking again.
const PUBLIC_MAX_AGE: &str = "public, max-age=60";
const MAX_ENTRIES: usize = 2_000;
const MAX_BYTES: usize = 48 * 1024 * 1024;

#[derive(Default)]
pub struct PageCache {
    inner: Mutex<Inner>,
    /// Pages being rendered now, by key: see `Turn`.
    renders: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

/// One render of a page at a time. A burst of readers on a page that is
/// not cached yet (a new article shared somewhere, the first minute after
/// a write) would otherwise render it once per reader, all at once, and
/// time out together. The first request to miss leads: it renders while
/// holding the page's turn. Those that miss meanwhile wait for the turn,
/// then look again and are answered from the cache. When the leader's
/// answer was not cacheable (a 404, a failure), each of them renders its
/// own, without waiting for one another.
struct Turn<'a> {
    cache: &'a PageCache,
    key: &'a str,
    lock: Arc<tokio::sync::Mutex<()>>,
}

impl<'a> Turn<'a> {
    fn of(cache: &'a PageCache, key: &'a str) -> Self {
        let mut renders = cache.renders.lock().unwrap_or_else(|e| e.into_inner());
        let lock = renders.entry(key.to_owned()).or_default().clone();
        Self { cache, key, lock }
    }
}

impl Drop for Turn<'_> {
    /// The last one holding the page's turn takes it out of the map, so
    /// the map only ever holds pages being rendered.
    fn drop(&mut self) {
        let mut renders = self.cache.renders.lock().unwrap_or_else(|e| e.into_inner());
        if Arc::strong_count(&self.lock) == 2
            && renders
                .get(self.key)
                .is_some_and(|l| Arc::ptr_eq(l, &self.lock))
        {
            renders.remove(self.key);
        }
    }
}

#[derive(Default)]
struct Inner {
    entries: HashMap<String, Arc<Entry>>,
    bytes: usize,
    /// The generation the entries were rendered at, and until when they
    /// hold (the next scheduled publication, if any).
    generation: u64,
    valid_until: Option<String>,
}

struct Entry {
    content_type: HeaderValue,
    /// The page's Content-Security-Policy: it names the nonce the bytes
    /// carry, so it is kept and sent with them.
    policy: Option<HeaderValue>,
    /// The route it was rendered for, for the request metrics.
    route: Option<crate::metrics::RouteLabel>,
    etag: HeaderValue,
    identity: Bytes,
    brotli: Bytes,
    gzip: Bytes,
}

impl Entry {
    fn size(&self) -> usize {
        self.identity.len() + self.brotli.len() + self.gzip.len()
    }
}

pub async fn serve_cached(
    State(state): State<AppState>,
    cache: axum::Extension<Arc<PageCache>>,
    request: Request,
    next: Next,
) -> Response {
    if !cacheable_request(&request) {
        return next.run(request).await;
    }
    let key = request.uri().to_string();
    let now = clock::now();
    let mut generation = state.generation.current();
    let hit = cache.lookup(&key, generation, &now);
    if let Some(entry) = hit {
        return answer(&entry, request.headers(), "hit");
    }
    let turn = Turn::of(&cache, &key);
    let _leading = match turn.lock.try_lock() {
        Ok(guard) => Some(guard),
        Err(_) => {
            drop(turn.lock.lock().await);
            generation = state.generation.current();
            if let Some(entry) = cache.lookup(&key, generation, &now) {
                return answer(&entry, request.headers(), "hit");
            }
            None
        }
    };
    let headers = request.headers().clone();
    let response = next.run(request).await;
    if !cacheable_response(&response) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(identity) = axum::body::to_bytes(body, MAX_BYTES).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .cloned()
        .unwrap_or_else(|| HeaderValue::from_static("text/html; charset=utf-8"));
    let policy = parts.headers.get(header::CONTENT_SECURITY_POLICY).cloned();
    let route = parts
        .extensions
        .get::<crate::metrics::RouteLabel>()
        .cloned();
    let entry = Arc::new(compress(identity, content_type, policy, route).await);
    // The generation read before rendering: a write during the render
    // leaves this entry already stale, never wrongly fresh.
    let valid_until = match db::schedule::next_publication(&state.pool, &now).await {
        Ok(at) => at,
        Err(error) => {
            tracing::warn!(%error, "cannot read the publication schedule; not caching");
            return answer(&entry, &headers, "miss");
        }
    };
    cache.store(key.clone(), entry.clone(), generation, valid_until, &now);
    answer(&entry, &headers, "miss")
}

fn cacheable_request(request: &Request) -> bool {
    let path = request.uri().path();
    let excluded = ["/api/", "/admin", "/pkg/", "/healthz", "/readyz"];
    request.method() == Method::GET
        && !excluded.iter().any(|prefix| path.starts_with(prefix))
        // Static files and feeds (which answer conditional requests themselves).
        && !path.rsplit('/').next().unwrap_or_default().contains('.')
        && !has_session_cookie(request.headers())
}

fn has_session_cookie(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains("folio_session="))
}

fn cacheable_response(response: &Response) -> bool {
    let headers = response.headers();
    let private = headers
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("no-store") || v.contains("private"));
    response.status() == StatusCode::OK
        && !private
        && !headers.contains_key(header::SET_COOKIE)
        && !headers.contains_key(header::CONTENT_ENCODING)
}

static COMPRESSING: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
});

async fn compress(
    identity: Bytes,
    content_type: HeaderValue,
    policy: Option<HeaderValue>,
    route: Option<crate::metrics::RouteLabel>,
) -> Entry {
    let etag = format!("\"{}\"", hex(&Sha256::digest(&identity)[..16]));
    let source = identity.clone();
    // One compression per core at a time: after a write every reader misses
    // at once, and a hundred brotli encoders side by side would take the
    // CPU and hundreds of megabytes while none finished sooner.
    let _permit = COMPRESSING.acquire().await;
    let (brotli, gzip) = tokio::task::spawn_blocking(move || {
        let mut br = Vec::with_capacity(source.len() / 4);
        {
            // A window no larger than the page: the same output, and the
            // encoder's tables sized to it rather than to 4 MB.
            let window = (usize::BITS - source.len().leading_zeros()).clamp(16, 22);
            let mut writer = brotli::CompressorWriter::new(&mut br, 4096, 9, window);
            let _ = writer.write_all(&source);
        }
        let mut gz = flate2::write::GzEncoder::new(
            Vec::with_capacity(source.len() / 3),
            flate2::Compression::best(),
        );
        let _ = gz.write_all(&source);
        (br, gz.finish().unwrap_or_default())
    })
    .await
    .unwrap_or_default();
    Entry {
        content_type,
        policy,
        route,
        etag: HeaderValue::from_str(&etag).unwrap_or_else(|_| HeaderValue::from_static("\"0\"")),
        identity,
        brotli: brotli.into(),
        gzip: gzip.into(),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn answer(entry: &Entry, request: &HeaderMap, how: &'static str) -> Response {
    let matches = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| {
            tags.split(',')
                .any(|t| t.trim() == entry.etag.to_str().unwrap_or_default() || t.trim() == "*")
        });
    let accepts = request
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else if accepts.contains("br") && !entry.brotli.is_empty() {
        let mut r = Body::from(entry.brotli.clone()).into_response();
        r.headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
        r
    } else if accepts.contains("gzip") && !entry.gzip.is_empty() {
        let mut r = Body::from(entry.gzip.clone()).into_response();
        r.headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        r
    } else {
        Body::from(entry.identity.clone()).into_response()
    };
    let headers = response.headers_mut();
    if !matches {
        headers.insert(header::CONTENT_TYPE, entry.content_type.clone());
    }
    if let Some(policy) = &entry.policy {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy.clone());
    }
    headers.insert(header::ETAG, entry.etag.clone());
    headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(PUBLIC_MAX_AGE),
    );
    headers.insert("x-folio-cache", HeaderValue::from_static(how));
    if let Some(route) = &entry.route {
        response.extensions_mut().insert(route.clone());
    }
    metrics::counter!("folio_page_cache_total", "result" => how).increment(1);
    response
}

impl PageCache {
    fn lookup(&self, key: &str, generation: u64, now: &str) -> Option<Arc<Entry>> {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let expired = inner
            .valid_until
            .as_deref()
            .is_some_and(|until| now >= until);
        if inner.generation != generation || expired {
            inner.entries.clear();
            inner.bytes = 0;
            return None;
        }
        inner.entries.get(key).cloned()
    }

    fn store(
        &self,
        key: String,
        entry: Arc<Entry>,
        generation: u64,
        valid_until: Option<String>,
        now: &str,
    ) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if inner.generation != generation {
            if generation < inner.generation {
                return; // rendered before a newer write: already stale
            }
            inner.entries.clear();
            inner.bytes = 0;
            inner.generation = generation;
        }
        if valid_until.as_deref().is_some_and(|until| now >= until) {
            return;
        }
        inner.valid_until = valid_until;
        if inner.entries.len() >= MAX_ENTRIES || inner.bytes + entry.size() > MAX_BYTES {
            inner.entries.clear();
            inner.bytes = 0;
        }
        inner.bytes += entry.size();
        if let Some(old) = inner.entries.insert(key, entry) {
            inner.bytes -= old.size();
        }
    }
}
