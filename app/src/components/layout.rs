//! The frame around every page: header with navigation, and footer.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::page_meta::SiteResource;
use super::theme_toggle::ThemeToggle;

/// The sections of the site, in navigation order.
const NAV: &[(&str, &str)] = &[
    ("/articles", "Articles"),
    ("/notes", "Notes"),
    ("/summaries", "Summaries"),
    ("/tags", "Tags"),
    ("/search", "Search"),
];

#[component]
pub fn SiteHeader() -> impl IntoView {
    let meta = expect_context::<SiteResource>();
    let location = use_location();
    let brand = move || {
        meta.get()
            .and_then(Result::ok)
            .map(|m| m.author)
            .unwrap_or_else(|| "Folio".to_owned())
    };

    view! {
        <header class="border-b border-rule dark:border-night-rule">
            <div class="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-4 sm:px-6">
                <a href="/" class="font-serif text-xl font-semibold tracking-tight no-underline">
                    <Transition fallback=|| "Folio">{brand}</Transition>
                </a>
                <nav aria-label="Main" class="order-last w-full sm:order-none sm:w-auto">
                    <ul class="flex flex-wrap gap-x-5 gap-y-1 text-sm">
                        {NAV
                            .iter()
                            .map(|(href, label)| {
                                let current = move || {
                                    let path = location.pathname.get();
                                    (path == *href || path.starts_with(&format!("{href}/")))
                                        .then_some("page")
                                };
                                view! {
                                    <li>
                                        <a
                                            href=*href
                                            aria-current=current
                                            class="text-muted hover:text-ink aria-[current=page]:font-semibold aria-[current=page]:text-ink dark:text-night-muted dark:hover:text-night-ink dark:aria-[current=page]:text-night-ink"
                                        >
                                            {*label}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </nav>
                <ThemeToggle />
            </div>
        </header>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="border-t border-rule py-8 text-sm text-muted dark:border-night-rule dark:text-night-muted">
            <div class="mx-auto max-w-5xl px-4 sm:px-6">
                <ul class="flex flex-wrap gap-x-5 gap-y-2" aria-label="Feeds">
                    <li><a href="/feed.xml" type="application/atom+xml" class="underline">"Everything (Atom)"</a></li>
                    <li><a href="/articles/feed.xml" type="application/atom+xml" class="underline">"Articles"</a></li>
                    <li><a href="/notes/feed.xml" type="application/atom+xml" class="underline">"Notes"</a></li>
                    <li><a href="/summaries/feed.xml" type="application/atom+xml" class="underline">"Summaries"</a></li>
                </ul>
                <p class="mt-4">"Published with Folio."</p>
            </div>
        </footer>
    }
}
