//! Signing in and out: plain HTML form posts, so they work with JavaScript
//! off, answered by axum handlers because they set and clear the cookie.
//! A failed sign-in renders the sign-in page itself with 401 (or 429 when
//! rate-limited) so the author sees why, with the name they typed kept.

use std::net::SocketAddr;

use axum::{
    body::Body,
    extract::{ConnectInfo, FromRequest, Request, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Form, Router,
};
use leptos::prelude::provide_context;
use serde::Deserialize;

use app::api::{LoginNotice, SignInRefusal};
use app::server::auth::{cookie, session, users};
use app::server::state::AppState;

/// A sign-in form is a name and a password: anything longer is not one.
const FORM_LIMIT: usize = 16 * 1024;

/// The form posts this module answers: sign-in and sign-out.
pub const PATHS: [&str; 2] = ["/admin/login", "/admin/logout"];

pub fn routes() -> Router<AppState> {
    let [login, logout] = PATHS;
    Router::new()
        .route(login, post(sign_in))
        .route(logout, post(sign_out))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(FORM_LIMIT))
}

#[derive(Deserialize)]
struct SignInForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

async fn sign_in(State(state): State<AppState>, request: Request) -> Response {
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string());
    let old_token = cookie::read(request.headers(), secure(&state));
    let Ok(Form(form)) = Form::<SignInForm>::from_request(request, &state).await else {
        return (
            StatusCode::BAD_REQUEST,
            "The sign-in form could not be read.",
        )
            .into_response();
    };
    let username = form.username.trim().to_owned();
    if let Err(wait) = state.sign_in_limits.check(&address, &username) {
        tracing::warn!(%address, "sign-in rate-limited");
        let refused = notice(SignInRefusal::Locked(wait), &username);
        let mut page = login_page(&state, refused, StatusCode::TOO_MANY_REQUESTS).await;
        if let Ok(value) = HeaderValue::from_str(&wait.to_string()) {
            page.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return page;
    }
    let user = match users::authenticate(&state.pool, &username, form.password).await {
        Ok(user) => user,
        Err(error) => {
            tracing::error!(%error, "sign-in lookup failed");
            return login_page(
                &state,
                notice(SignInRefusal::Unavailable, &username),
                StatusCode::SERVICE_UNAVAILABLE,
            )
            .await;
        }
    };
    let Some(user_id) = user else {
        state.sign_in_limits.record_failure(&address, &username);
        tracing::info!(%address, "sign-in refused");
        return login_page(
            &state,
            notice(SignInRefusal::Credentials, &username),
            StatusCode::UNAUTHORIZED,
        )
        .await;
    };
    // A new session at every sign-in, and the one the browser held before
    // is ended: a planted cookie can never become a signed-in one.
    if let Some(old) = old_token {
        let _ = session::delete(&state.pool, &old).await;
    }
    let token = match session::create(&state.pool, user_id).await {
        Ok(token) => token,
        Err(error) => {
            tracing::error!(%error, "cannot create a session");
            return login_page(
                &state,
                notice(SignInRefusal::Unavailable, &username),
                StatusCode::SERVICE_UNAVAILABLE,
            )
            .await;
        }
    };
    tracing::info!(user_id, "signed in");
    let cookie = cookie::set(&token, secure(&state), session::LIFETIME.whole_seconds());
    with_cookie(Redirect::to(safe_next(&form.next)).into_response(), &cookie)
}

async fn sign_out(State(state): State<AppState>, request: Request) -> Response {
    if let Some(token) = cookie::read(request.headers(), secure(&state)) {
        if let Err(error) = session::delete(&state.pool, &token).await {
            tracing::error!(%error, "cannot end a session");
        }
    }
    let response = Redirect::to("/admin/login?signed_out=1").into_response();
    with_cookie(response, &cookie::clear(secure(&state)))
}

fn secure(state: &AppState) -> bool {
    cookie::is_secure(&state.site.base_url)
}

fn with_cookie(mut response: Response, cookie: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Only paths inside the admin area: never another site (`//evil`).
fn safe_next(next: &str) -> &str {
    let inside = (next == "/admin" || next.starts_with("/admin/"))
        && !next.starts_with("/admin/login")
        && !next.contains("//")
        && !next.contains('\\');
    if inside {
        next
    } else {
        "/admin"
    }
}

fn notice(reason: SignInRefusal, username: &str) -> LoginNotice {
    LoginNotice {
        reason,
        username: username.to_owned(),
    }
}

/// The Leptos sign-in page showing why the attempt failed, with `status`.
async fn login_page(state: &AppState, notice: LoginNotice, status: StatusCode) -> Response {
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            provide_context(notice.clone());
        }
    };
    let options = state.leptos_options.clone();
    let render =
        leptos_axum::render_app_async_with_context(context, move || app::shell(options.clone()));
    let request = Request::get("/admin/login")
        .body(Body::empty())
        .expect("a valid request");
    let mut response = render(request).await.into_response();
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_inside_the_admin_area() {
        assert_eq!(safe_next("/admin/edit/article/3"), "/admin/edit/article/3");
        for outside in [
            "https://evil.example",
            "//evil.example",
            "/admin//x",
            "/articles",
            "/admin/login",
            "/admin\\x",
            "",
        ] {
            assert_eq!(safe_next(outside), "/admin", "{outside}");
        }
    }
}
