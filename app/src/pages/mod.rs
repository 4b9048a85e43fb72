//! One module per page: its resources and its view.

pub mod admin;
mod archive;
mod article;
mod bodies;
mod breadcrumbs;
mod home;
mod not_found;
mod note;
mod notes;
mod search;
mod summaries;
mod tag;
mod tags;

pub use archive::ArchivePage;
pub use article::ArticlePage;
pub use home::HomePage;
pub use not_found::NotFound;
pub use note::NotePage;
pub use notes::NotesPage;
pub use search::SearchPage;
pub use summaries::SummariesPage;
pub use tag::TagPage;
pub use tags::TagsPage;

use leptos::prelude::*;

use crate::api::AppError;

/// What a page shows when its data could not be loaded, with the status
/// that says so (a failed page must never look like a good one to a cache or
/// a crawler) and no internal detail: `AppError`'s messages are for readers.
#[component]
pub fn LoadError(error: AppError) -> impl IntoView {
    send_error_status(&error);
    match error {
        AppError::NotFound => view! { <NotFound /> }.into_any(),
        other => view! {
            <section class="py-16" role="alert">
                <h1 class="font-serif text-3xl font-semibold">"This page could not be loaded"</h1>
                <p class="mt-4 text-muted dark:text-night-muted">{other.to_string()}</p>
            </section>
        }
        .into_any(),
    }
}

/// The status of a page that shows `error` instead of its content, and
/// `no-store` so no cache keeps it; a 503 also says when to try again.
pub fn send_error_status(error: &AppError) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        let status = error.status();
        response.set_status(status);
        if status == http::StatusCode::SERVICE_UNAVAILABLE {
            response.insert_header(
                http::header::RETRY_AFTER,
                http::HeaderValue::from_static("30"),
            );
        }
        response.insert_header(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("no-store"),
        );
    }
    #[cfg(not(feature = "ssr"))]
    let _ = error;
}
