//! The page for an address that leads nowhere, served with status 404.

use leptos::prelude::*;

use crate::components::page_meta::PageMeta;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
        response.insert_header(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("no-store"),
        );
    }
    view! {
        <PageMeta title="Page not found" description="There is nothing at this address." path="/404" />
        <section class="py-16">
            <p class="font-mono text-sm text-muted dark:text-night-muted">"404"</p>
            <h1 class="mt-2 font-serif text-4xl font-semibold">"Page not found"</h1>
            <p class="mt-4 max-w-prose text-muted dark:text-night-muted">
                "There is nothing at this address. It may have moved, or the link may be mistyped."
            </p>
            <p class="mt-6">
                <a href="/articles" class="text-accent underline dark:text-night-accent">"Browse all articles"</a>
            </p>
        </section>
    }
}
