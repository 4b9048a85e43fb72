//! Prometheus metrics, off unless `--metrics-addr` is given, and then only
//! on that address: requests and latency by route, page-cache answers and
//! the database pool. The public port never serves them, so a reader
//! cannot learn what the author is doing from the request counts.
//!
//! Until the recorder is installed the `metrics` macros do nothing, so a
//! site without metrics pays only for a clock read per request.

use std::{net::SocketAddr, sync::Arc, time::Instant};

use axum::{
    extract::{MatchedPath, Request, State},
    http::Method,
    middleware::Next,
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use metrics::SharedString;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use sqlx::SqlitePool;
use tokio::net::TcpListener;

/// The route a response was served for, carried out of the router to the
/// front (`metrics::observe`), and kept with cached pages, which skip the router.
#[derive(Clone, Debug)]
pub struct RouteLabel(pub Arc<str>);

const DURATION: &str = "folio_request_duration_seconds";
const BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// Installs the recorder and serves `/metrics` on `addr`; returns the
/// address it listens on.
pub async fn serve(addr: SocketAddr, pool: SqlitePool) -> Result<SocketAddr, crate::BoxError> {
    let handle = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Full(DURATION.to_owned()), BUCKETS)?
        .install_recorder()?;
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen for metrics on {addr}: {e}"))?;
    let local = listener.local_addr()?;
    let app = Router::new()
        .route("/metrics", get(render))
        .with_state((handle, pool));
    tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            tracing::error!(%error, "the metrics listener stopped");
        }
    });
    Ok(local)
}

async fn render(State((handle, pool)): State<(PrometheusHandle, SqlitePool)>) -> impl IntoResponse {
    let idle = pool.num_idle() as f64;
    metrics::gauge!("folio_db_connections", "state" => "idle").set(idle);
    metrics::gauge!("folio_db_connections", "state" => "in_use").set(f64::from(pool.size()) - idle);
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle.render(),
    )
}

/// Innermost: names the route the router matched, for `observe`.
pub async fn label_route(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|m| Arc::<str>::from(m.as_str()));
    let mut response = next.run(request).await;
    if let Some(route) = route {
        response.extensions_mut().insert(RouteLabel(route));
    }
    response
}

/// Counts every answer by route, method and status, and times it from
/// `started` (`front`, for hits and misses alike).
pub fn observe(started: Instant, method: &Method, response: &Response) {
    let route = response.extensions().get::<RouteLabel>().map_or_else(
        || SharedString::const_str("unmatched"),
        |label| label.0.clone().into(),
    );
    let status = SharedString::from(response.status().as_str().to_owned());
    metrics::histogram!(DURATION, "route" => route.clone()).record(started.elapsed().as_secs_f64());
    metrics::counter!("folio_requests_total", "route" => route, "method" => method.as_str().to_owned(), "status" => status)
        .increment(1);
}
