//! The page cache. A public page is rendered once per content generation,
//! compressed once (brotli and gzip, in the background once a second
//! reader asks for it) and then served from memory with a strong ETag, so
//! a warm article costs what serving bytes costs.
//!
//! An entry is valid while (1) the content generation is the one it was
//! rendered at — every write bumps it (`app::server::authoring`) — and (2)
//! the next scheduled publication has not come (a scheduled item becomes
//! public by time, not by a write). Nothing is cached for a request that
//! carries a session cookie, nor any answer that is not a plain 200.
//!
//! Besides the pages, the feeds, the sitemap and robots.txt are held the
//! same way (at 10k articles the sitemap takes ~200 ms to write).
//!
//! When the cache is full it forgets what was asked for once before what
//! readers keep asking for (S3-FIFO, `quick_cache`): a crawler walking
//! every page, or a flood of addresses with made-up query strings, passes
//! through without pushing the home page and this week's article out.

use std::collections::HashMap;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use sha2::{Digest, Sha256};

use app::server::{clock, state::AppState};

/// How long browsers and proxies may reuse a page without asking again.
const PUBLIC_MAX_AGE: &str = "public, max-age=60";
/// About how many pages the cache holds; it sizes the cache's table.
const ESTIMATED_ENTRIES: usize = 2_000;
/// The most bytes the cache's entries (all three encodings) may hold.
/// What readers come back to is a small set (the home page, the lists,
/// this month's articles; about 60 KB each with their compressed copies:
/// some 270 of them fit), and the eviction keeps it; more would mostly
/// hold pages asked for once, against the server's memory target of
/// 64 MB (24 MB measured 12 MB more at the peak of a cold load on the
/// large site, with no more hits).
const MAX_BYTES: usize = 16 * 1024 * 1024;

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

struct Inner {
    entries: quick_cache::unsync::Cache<String, Arc<Entry>, Weight>,
    /// The generation the entries were rendered at, and until when they
    /// hold (the next scheduled publication, if any).
    generation: u64,
    valid_until: Option<String>,
}

impl Default for PageCache {
    fn default() -> Self {
        Self::holding(MAX_BYTES)
    }
}

impl PageCache {
    /// A cache whose entries hold at most `bytes`.
    fn holding(bytes: usize) -> Self {
        Self {
            inner: Mutex::new(Inner {
                entries: quick_cache::unsync::Cache::with_weighter(
                    ESTIMATED_ENTRIES,
                    bytes as u64,
                    Weight,
                ),
                generation: 0,
                valid_until: None,
            }),
            renders: Mutex::default(),
        }
    }
}

/// An entry weighs its bytes (and its key's).
#[derive(Clone)]
struct Weight;

impl quick_cache::Weighter<String, Arc<Entry>> for Weight {
    fn weight(&self, key: &String, entry: &Arc<Entry>) -> u64 {
        (key.len() + entry.size()) as u64
    }
}

struct Entry {
    content_type: HeaderValue,
    /// The answer's own `Cache-Control` (feeds keep theirs longer), or
    /// `PUBLIC_MAX_AGE`.
    cache_control: HeaderValue,
    /// The page's Content-Security-Policy: it names the nonce the bytes
    /// carry, so it is kept and sent with them.
    policy: Option<HeaderValue>,
    /// The route it was rendered for, for the request metrics.
    route: Option<crate::metrics::RouteLabel>,
    etag: HeaderValue,
    identity: Bytes,
    /// Brotli and gzip at their best levels, made once readers come back.
    compressed: OnceLock<Compressed>,
    compressing: AtomicBool,
}

struct Compressed {
    brotli: Bytes,
    gzip: Bytes,
}

impl Entry {
    /// What the entry will hold once compressed (an entry's weight must
    /// not change while cached): a page compresses to well under a
    /// quarter of itself in either encoding.
    fn size(&self) -> usize {
        self.identity.len() + self.identity.len() / 2
    }
}

/// The warm path, in front of the router (`front::Front`): a page the
/// cache holds in the encoding the reader asks for is answered before the
/// router matches a route and runs the request id, trace span, limits,
/// compression and the rest of the layers it wraps every route in
/// (`routes::router`). Those cost a warm page more than the bytes do. So
/// the answer carries what those layers would have added — the security
/// headers and the request id — and the page-cache tests check that a hit
/// carries every header a miss does.
///
/// Anything else (a miss, a page not compressed yet for a reader who
/// accepts compression, a session cookie) goes to the router and down its
/// layers to `serve_cached`, unchanged.
#[derive(Clone)]
pub struct AnswerHits {
    cache: Arc<PageCache>,
    generation: Arc<app::server::generation::ContentGeneration>,
    headers: Arc<[(header::HeaderName, HeaderValue)]>,
}

impl AnswerHits {
    /// `headers` are those every response carries (`routes`' security
    /// headers); a page's own Content-Security-Policy replaces the
    /// catch-all one.
    pub fn new(
        cache: Arc<PageCache>,
        state: &AppState,
        headers: Vec<(header::HeaderName, HeaderValue)>,
    ) -> Self {
        Self {
            cache,
            generation: state.generation.clone(),
            headers: headers.into(),
        }
    }

    /// The answer to `request` if the cache holds it, ready to send.
    pub(crate) fn answer<B>(&self, request: &axum::http::Request<B>) -> Option<Response> {
        if !cacheable_request(request) {
            return None;
        }
        let generation = self.generation.current();
        let entry = self
            .cache
            .lookup_at(key_of(request), generation, clock::now)?;
        let accepts = accepted(request.headers());
        if entry.compressed.get().is_none() && (accepts.brotli || accepts.gzip) {
            return None; // the compression layer compresses it on the way
        }
        let mut response = answer(&entry, request.headers(), "hit");
        let headers = response.headers_mut();
        for (name, value) in self.headers.iter() {
            if !headers.contains_key(name) {
                headers.insert(name.clone(), value.clone());
            }
        }
        let id = request
            .headers()
            .get(&crate::routes::REQUEST_ID)
            .filter(|id| crate::routes::plain_request_id(id))
            .cloned()
            .or_else(|| {
                use tower_http::request_id::MakeRequestId;
                tower_http::request_id::MakeRequestUuid
                    .make_request_id(request)
                    .map(|id| id.header_value().clone())
            });
        if let Some(id) = id {
            headers.insert(crate::routes::REQUEST_ID.clone(), id);
        }
        Some(response)
    }
}

/// The cache's key for a request: its path and query, or its path alone
/// for a document the query does not change (`discovery::ignores_query`).
fn key_of<B>(request: &axum::http::Request<B>) -> &str {
    let uri = request.uri();
    if crate::discovery::ignores_query(uri.path()) {
        return uri.path();
    }
    uri.path_and_query().map_or("/", |address| address.as_str())
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
    let key = key_of(&request).to_owned();
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
    let response = {
        let _rendering = RENDERING.acquire().await;
        next.run(request).await
    };
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
    let cache_control = parts
        .headers
        .get(header::CACHE_CONTROL)
        .cloned()
        .unwrap_or_else(|| HeaderValue::from_static(PUBLIC_MAX_AGE));
    let route = parts
        .extensions
        .get::<crate::metrics::RouteLabel>()
        .cloned();
    let entry = Arc::new(entry_of(
        identity,
        content_type,
        cache_control,
        policy,
        route,
    ));
    // The generation read before rendering: a write during the render
    // leaves this entry already stale, never wrongly fresh.
    let valid_until = match state.next_publication(&now).await {
        Ok(at) => at,
        Err(error) => {
            tracing::warn!(%error, "cannot read the publication schedule; not caching");
            return answer(&entry, &headers, "miss");
        }
    };
    cache.store(key.clone(), entry.clone(), generation, valid_until, &now);
    answer(&entry, &headers, "miss")
}

fn cacheable_request<B>(request: &axum::http::Request<B>) -> bool {
    let path = request.uri().path();
    let excluded = ["/api/", "/admin", "/pkg/", "/healthz", "/readyz"];
    request.method() == Method::GET
        && !excluded.iter().any(|prefix| path.starts_with(prefix))
        // Static files are served from disk as they are; the discovery
        // documents are the only other addresses with a file extension.
        && (crate::discovery::answers(path)
            || !path.rsplit('/').next().unwrap_or_default().contains('.'))
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

/// At most one page renders per core at once; other misses queue, in
/// order, for a turn. Rendering is CPU and database work: fifty renders
/// side by side finish no sooner than a few at a time, but hold fifty
/// pages' worth of rows, strings and markup at once (a burst of made-up
/// addresses for the sitemap and searches of a large site took the server
/// past 230 MB). On the large benchmark site one per core rather than the
/// pool's two served a cold mixed load a little faster (38 against 35
/// req/s) at 14 MB less peak memory. The pool keeps its second connection
/// per core for server functions and the write path.
static RENDERING: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
});

static COMPRESSING: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
});

/// An entry as rendered: its bytes and headers, not compressed yet.
fn entry_of(
    identity: Bytes,
    content_type: HeaderValue,
    cache_control: HeaderValue,
    policy: Option<HeaderValue>,
    route: Option<crate::metrics::RouteLabel>,
) -> Entry {
    let etag = format!("\"{}\"", hex(&Sha256::digest(&identity)[..16]));
    Entry {
        content_type,
        cache_control,
        policy,
        route,
        etag: HeaderValue::from_str(&etag).unwrap_or_else(|_| HeaderValue::from_static("\"0\"")),
        identity,
        compressed: OnceLock::new(),
        compressing: AtomicBool::new(false),
    }
}

impl Entry {
    /// Compresses the page at the best levels in the background, once;
    /// the entry serves the result from then on. Until it is done (and
    /// for a page asked for only once, never) the compression layer
    /// compresses each answer on the fly at a fast level.
    fn compress_later(self: &Arc<Self>) {
        if self.compressing.swap(true, Ordering::AcqRel) {
            return;
        }
        let entry = self.clone();
        tokio::spawn(async move {
            // One compression per core at a time: after a write every page
            // readers come back to is compressed again, and a hundred
            // encoders side by side would take the CPU from rendering
            // while none finished sooner.
            let _permit = COMPRESSING.acquire().await;
            let source = entry.identity.clone();
            if let Ok(compressed) = tokio::task::spawn_blocking(move || compress(&source)).await {
                let _ = entry.compressed.set(compressed);
            }
        });
    }
}

fn compress(source: &[u8]) -> Compressed {
    let mut br = Vec::with_capacity(source.len() / 4);
    {
        // A window no larger than the page: the same output, and the
        // encoder's tables sized to it rather than to 4 MB. Quality 10
        // (the binary-tree matcher) rather than 9: 7% smaller on a 32 KB
        // article for about a fifth more time, and its tables follow the
        // window (about 1 MB) where quality 9's hash table is 32 MB
        // whatever the page — two of those at once were most of the
        // server's peak memory.
        let window = (usize::BITS - source.len().leading_zeros()).clamp(16, 22);
        let mut writer = brotli::CompressorWriter::new(&mut br, 4096, 10, window);
        let _ = writer.write_all(source);
    }
    let mut gz = flate2::write::GzEncoder::new(
        Vec::with_capacity(source.len() / 3),
        flate2::Compression::best(),
    );
    let _ = gz.write_all(source);
    Compressed {
        brotli: br.into(),
        gzip: gz.finish().unwrap_or_default().into(),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The entry as this request wants it: 304 when its ETag matches, else
/// the best encoding it accepts that the entry holds. A hit on a page not
/// compressed yet starts its compression: a page asked for twice will
/// likely be asked for again.
fn answer(entry: &Arc<Entry>, request: &HeaderMap, how: &'static str) -> Response {
    let matches = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| {
            tags.split(',')
                .any(|t| t.trim() == entry.etag.to_str().unwrap_or_default() || t.trim() == "*")
        });
    let accepts = accepted(request);
    let compressed = entry.compressed.get();
    if compressed.is_none() && how == "hit" && (accepts.brotli || accepts.gzip) {
        entry.compress_later();
    }
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else if let Some(c) = compressed.filter(|_| accepts.brotli) {
        let mut r = Body::from(c.brotli.clone()).into_response();
        r.headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
        r
    } else if let Some(c) = compressed.filter(|_| accepts.gzip) {
        let mut r = Body::from(c.gzip.clone()).into_response();
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
    headers.insert(header::CACHE_CONTROL, entry.cache_control.clone());
    headers.insert("x-folio-cache", HeaderValue::from_static(how));
    if let Some(route) = &entry.route {
        response.extensions_mut().insert(route.clone());
    }
    metrics::counter!("folio_page_cache_total", "result" => how).increment(1);
    response
}

/// The encodings a request accepts that the cache holds.
struct Accepted {
    brotli: bool,
    gzip: bool,
}

fn accepted(request: &HeaderMap) -> Accepted {
    let accepts = request
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let mut accepted = Accepted {
        brotli: false,
        gzip: false,
    };
    for coding in accepts.split(',') {
        let mut parts = coding.split(';');
        let name = parts.next().unwrap_or_default().trim();
        // `q=0` says "not this one" (RFC 9110 §12.5.3).
        let refused = parts.any(|p| {
            p.trim()
                .strip_prefix("q=")
                .and_then(|q| q.parse::<f32>().ok())
                .is_some_and(|q| q == 0.0)
        });
        if refused {
            continue;
        }
        if name.eq_ignore_ascii_case("br") {
            accepted.brotli = true;
        } else if name.eq_ignore_ascii_case("gzip") {
            accepted.gzip = true;
        }
    }
    accepted
}

impl PageCache {
    fn lookup(&self, key: &str, generation: u64, now: &str) -> Option<Arc<Entry>> {
        self.lookup_at(key, generation, || now.to_owned())
    }

    /// `now` is read only when the entries wait on a scheduled publication.
    fn lookup_at(
        &self,
        key: &str,
        generation: u64,
        now: impl FnOnce() -> String,
    ) -> Option<Arc<Entry>> {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let expired = inner
            .valid_until
            .as_deref()
            .is_some_and(|until| now().as_str() >= until);
        if inner.generation != generation || expired {
            inner.entries.clear();
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
            inner.generation = generation;
        }
        if valid_until.as_deref().is_some_and(|until| now >= until) {
            return;
        }
        inner.valid_until = valid_until;
        inner.entries.insert(key, entry);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: &str = "2026-12-07T00:00:00Z";

    #[test]
    fn accepted_encodings_are_read_as_tokens_and_q_zero_refuses() {
        let read = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(
                header::ACCEPT_ENCODING,
                HeaderValue::from_str(value).unwrap(),
            );
            let a = accepted(&headers);
            (a.brotli, a.gzip)
        };
        assert!(!accepted(&HeaderMap::new()).brotli);
        assert_eq!(read("gzip, deflate, br, zstd"), (true, true));
        assert_eq!(read("GZIP;q=0.5, Br"), (true, true));
        assert_eq!(read("br;q=0, gzip"), (false, true));
        assert_eq!(read("gzip; q=0.0"), (false, false));
        assert_eq!(read("identity, x-brotli, gzipped"), (false, false));
        assert_eq!(read("*"), (false, false));
    }

    fn entry(bytes: usize) -> Arc<Entry> {
        Arc::new(entry_of(
            Bytes::from(vec![b'x'; bytes]),
            HeaderValue::from_static("text/html"),
            HeaderValue::from_static(PUBLIC_MAX_AGE),
            None,
            None,
        ))
    }

    #[test]
    fn pages_read_again_outlive_a_walk_through_pages_read_once() {
        let cache = PageCache::holding(1_000_000);
        cache.store("/".into(), entry(20_000), 0, None, NOW);
        cache.store("/articles/hot".into(), entry(20_000), 0, None, NOW);
        for _ in 0..3 {
            assert!(cache.lookup("/", 0, NOW).is_some());
            assert!(cache.lookup("/articles/hot", 0, NOW).is_some());
        }
        // Twenty times what the cache holds, each address asked for once.
        for n in 0..1_000 {
            let key = format!("/articles/hot?utm={n}");
            assert!(cache.lookup(&key, 0, NOW).is_none());
            cache.store(key, entry(20_000), 0, None, NOW);
        }
        assert!(cache.lookup("/", 0, NOW).is_some());
        assert!(cache.lookup("/articles/hot", 0, NOW).is_some());
        let inner = cache.inner.lock().unwrap();
        assert!(
            inner.entries.weight() <= 1_000_000,
            "{}",
            inner.entries.weight()
        );
    }

    #[test]
    fn a_new_generation_or_the_next_publication_drops_every_entry() {
        let cache = PageCache::holding(1_000_000);
        cache.store("/".into(), entry(10), 3, None, NOW);
        assert!(cache.lookup("/", 3, NOW).is_some());
        assert!(cache.lookup("/", 4, NOW).is_none());
        assert!(cache.lookup("/", 3, NOW).is_none(), "dropped, not hidden");
        // An entry rendered before a newer write is never kept.
        cache.store("/".into(), entry(10), 4, None, NOW);
        cache.store("/notes".into(), entry(10), 3, None, NOW);
        assert!(cache.lookup("/notes", 4, NOW).is_none());
        let soon = "2026-12-07T00:00:05Z";
        cache.store("/".into(), entry(10), 4, Some(soon.into()), NOW);
        assert!(cache.lookup("/", 4, NOW).is_some());
        assert!(cache.lookup("/", 4, soon).is_none());
    }
}
