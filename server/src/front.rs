//! What a connection talks to: the page cache's warm path, then the router.
//!
//! A page the cache holds is answered here (`cache::AnswerHits`), before
//! the router has matched a route — an axum router clones the whole stack
//! of layers around the matched route for every request it routes, which
//! cost a warm page more than sending its bytes did. Everything else goes
//! to the router, with the peer's address (`ConnectInfo`, for the sign-in
//! limits) added only then. Requests are counted and timed here, both
//! ways (`metrics::observe`).

use std::{
    convert::Infallible,
    future::{ready, Future, Ready},
    net::SocketAddr,
    pin::Pin,
    time::Instant,
};

use axum::{
    body::{Body, Bytes, HttpBody},
    extract::ConnectInfo,
    response::Response,
    Router,
};
use futures_util::future::Either;
use tower::{Service, ServiceExt};

use crate::cache::AnswerHits;

type Miss = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

/// The whole site as one service: cloned per connection (two `Arc`s).
#[derive(Clone)]
pub struct Front {
    hits: AnswerHits,
    router: Router,
}

impl Front {
    pub(crate) fn new(hits: AnswerHits, router: Router) -> Self {
        Self { hits, router }
    }

    /// The service for one connection from `peer`.
    pub(crate) fn connection(&self, peer: SocketAddr) -> Connection {
        Connection {
            front: self.clone(),
            peer,
        }
    }

    fn serve<B>(
        &self,
        request: axum::http::Request<B>,
        peer: Option<SocketAddr>,
    ) -> Either<Ready<Result<Response, Infallible>>, Miss>
    where
        B: HttpBody<Data = Bytes> + Send + 'static,
        B::Error: Into<axum::BoxError>,
    {
        let started = Instant::now();
        if let Some(response) = self.hits.answer(&request) {
            crate::metrics::observe(started, request.method(), &response);
            return Either::Left(ready(Ok(response)));
        }
        let mut request = request.map(Body::new);
        if let Some(peer) = peer {
            request.extensions_mut().insert(ConnectInfo(peer));
        }
        let method = request.method().clone();
        let router = self.router.clone();
        Either::Right(Box::pin(async move {
            let Ok(response) = router.oneshot(request).await;
            crate::metrics::observe(started, &method, &response);
            Ok(response)
        }))
    }
}

/// For tests and anything else that drives the site without a socket.
impl<B> Service<axum::http::Request<B>> for Front
where
    B: HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Either<Ready<Result<Response, Infallible>>, Miss>;

    fn poll_ready(
        &mut self,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Infallible>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: axum::http::Request<B>) -> Self::Future {
        self.serve(request, None)
    }
}

/// One connection's service, for hyper (which calls it by reference, so a
/// hit clones nothing).
pub(crate) struct Connection {
    front: Front,
    peer: SocketAddr,
}

impl hyper::service::Service<axum::http::Request<hyper::body::Incoming>> for Connection {
    type Response = Response;
    type Error = Infallible;
    type Future = Either<Ready<Result<Response, Infallible>>, Miss>;

    fn call(&self, request: axum::http::Request<hyper::body::Incoming>) -> Self::Future {
        self.front.serve(request, Some(self.peer))
    }
}
