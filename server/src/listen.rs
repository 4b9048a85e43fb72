//! The accept loop, written out (rather than `axum::serve`) for the two
//! things it does not offer: a deadline for request headers — which is
//! also the idle limit of a kept-alive connection — so a client that
//! dribbles bytes cannot hold a connection, and a drain deadline on
//! shutdown. HTTP/1.1 only: Folio sits on loopback or behind a proxy that
//! speaks HTTP/1.1 to it, and sniffing for HTTP/2 would wait on a silent
//! client with no deadline at all.

use std::{future::Future, time::Duration};

use hyper::server::conn::http1;
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
};
use tokio::net::TcpListener;

use crate::front::Front;

/// How long the loop waits on clients.
#[derive(Clone, Copy, Debug)]
pub struct Deadlines {
    /// For a request's headers to arrive in full, counted from when the
    /// connection starts waiting for them (so also an idle connection's
    /// life between requests).
    pub headers: Duration,
    /// For requests in flight to finish once shutdown begins.
    pub drain: Duration,
}

/// Serves `app` on `listener` until `shutdown` resolves, then stops
/// accepting, lets requests in flight finish (up to `drain`), and returns
/// whether every connection ended in time.
pub async fn serve(
    listener: TcpListener,
    app: Front,
    deadlines: Deadlines,
    shutdown: impl Future<Output = ()>,
) -> bool {
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(deadlines.headers)
        .keep_alive(true);
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, usually: wait rather than spin.
                    tracing::warn!(%error, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let connection = builder.serve_connection(TokioIo::new(stream), app.connection(peer));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, %peer, "connection ended with an error");
            }
        });
    }
    drop(listener);
    tracing::info!(deadline = ?deadlines.drain, "no longer accepting; finishing requests in flight");
    match tokio::time::timeout(deadlines.drain, graceful.shutdown()).await {
        Ok(()) => true,
        Err(_) => {
            tracing::warn!("requests still in flight at the drain deadline were cut off");
            false
        }
    }
}
