//! Folio's shared application: the HTML shell, the route table, pages,
//! components and server functions, compiled for the server (`ssr`) and the
//! browser (`hydrate`).

// Typed views nest deeply; hydrating a whole page needs more than the
// default 128 levels when the compiler computes their layout.
#![recursion_limit = "256"]

pub mod api;
pub mod assets;
pub mod components;
pub mod domain;
mod hydration;
mod leaving;
pub mod pages;
pub mod prefetch;

#[cfg(feature = "ssr")]
pub mod markdown;
#[cfg(feature = "ssr")]
pub mod server;

use leptos::{nonce::use_nonce, prelude::*};
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, Lazy, SsrMode,
};

use components::layout::{SiteFooter, SiteHeader};
use components::route_announcer::RouteAnnouncer;
use pages::admin::routes::{
    DashboardRoute, EditorRoute, HistoryRoute, MediaRoute, ProfileRoute, TaxonomyRoute,
};
use pages::admin::LoginPage;
use pages::{
    ArchivePage, ArticlePage, HomePage, NotFound, NotePage, NotesPage, SearchPage, SummariesPage,
    TagPage, TagsPage,
};

/// The document around every server-rendered page. Content routes render
/// in `SsrMode::Async`: the whole page, its <head> and its status code are
/// known before the first byte is sent, which readers and crawlers want.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    send_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link id="leptos" rel="stylesheet" href=assets::versioned(&options, &format!("{}.css", options.output_name)) />
                <script nonce=use_nonce() inner_html=components::theme_toggle::THEME_SCRIPT></script>
                <AutoReload options=options.clone() />
                <hydration::DeferredHydration options />
                <MetaTags />
            </head>
            <body class="min-h-screen bg-paper text-ink antialiased dark:bg-night dark:text-night-ink">
                <App />
            </body>
        </html>
    }
}

/// The page's Content-Security-Policy. Scripts run only from this origin
/// or inline with this response's nonce: Leptos puts it on its hydration
/// and resource scripts, the shell on the theme script, and nothing an
/// author writes can carry it (the sanitiser drops `<script>` and every
/// event handler). No inline styles, no plugins, no `<base>`, no framing,
/// and forms post only here. WebAssembly needs `'wasm-unsafe-eval'`.
///
/// The page cache keeps this header with the bytes it was rendered with,
/// so a cached page repeats its nonce. That is sound here: an entry lives
/// for one content generation, and anything that could put markup into a
/// page is either a write (which ends the generation) or a different
/// address (a different entry with its own nonce), so no injected markup
/// can ever be rendered next to a nonce its author has seen.
#[cfg(feature = "ssr")]
fn send_content_security_policy() {
    let (Some(nonce), Some(response)) =
        (use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    let policy = content_security_policy(&nonce);
    if let Ok(value) = axum::http::HeaderValue::from_str(&policy) {
        response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// The policy for an HTML page rendered with `nonce`.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' https: data:; font-src 'self'; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// `Page · Folio`. leptos_meta writes the server's <title> without escaping
/// it, so the text is escaped here on the server; in the browser it is set
/// as plain text and must stay as it is.
fn document_title(title: String) -> String {
    let full = if title.is_empty() {
        "Folio".to_owned()
    } else {
        format!("{title} · Folio")
    };
    if cfg!(feature = "ssr") {
        full.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    } else {
        full
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let site: components::page_meta::SiteResource = Resource::new(|| (), |_| api::get_site_meta());
    provide_context(site);
    // Marks the document once the wasm bundle has taken over, so tests (and
    // styles that only make sense with JavaScript) can tell.
    Effect::new(|| {
        #[cfg(feature = "hydrate")]
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "");
        }
        prefetch::listen();
        leaving::listen();
    });

    view! {
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
        <Title formatter=document_title />
        <Meta name="color-scheme" content="light dark" />
        <Link rel="alternate" type_="application/atom+xml" href="/feed.xml" title="Everything, as an Atom feed" />
        <Router>
            <a href="#main" class="skip-link">"Skip to content"</a>
            <RouteAnnouncer />
            <SiteHeader />
            <main id="main" tabindex="-1" class="mx-auto w-full max-w-5xl px-4 pb-16 sm:px-6">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/articles") view=ArchivePage ssr=SsrMode::Async />
                    <Route path=path!("/articles/:slug") view=ArticlePage ssr=SsrMode::Async />
                    <Route path=path!("/notes") view=NotesPage ssr=SsrMode::Async />
                    <Route path=path!("/notes/:slug") view=NotePage ssr=SsrMode::Async />
                    <Route path=path!("/summaries") view=SummariesPage ssr=SsrMode::Async />
                    <Route path=path!("/tags") view=TagsPage ssr=SsrMode::Async />
                    <Route path=path!("/tags/:slug") view=TagPage ssr=SsrMode::Async />
                    <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async />
                    // The author's area: every page checks the session on
                    // the server before showing anything but the sign-in form.
                    // Its pages are lazy routes, compiled into wasm chunks
                    // of their own that readers never download.
                    <Route path=path!("/admin/login") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/admin") view={Lazy::<DashboardRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/profile") view={Lazy::<ProfileRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/media") view={Lazy::<MediaRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/taxonomy") view={Lazy::<TaxonomyRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/new/:kind") view={Lazy::<EditorRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/edit/:kind/:id") view={Lazy::<EditorRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/history/:kind/:id") view={Lazy::<HistoryRoute>::new()} ssr=SsrMode::Async />
                </Routes>
            </main>
            <SiteFooter />
        </Router>
    }
}
