//! The parts of the summaries page around the list: the filters in force
//! with links to clear them, the empty state, and the page links.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::filter_rail::filter_href;
use crate::domain::{ActiveFilter, PAGE_PARAM};

/// "Tag · #backend  Clear" for each filter in force, and one link to clear all.
#[component]
pub fn ActiveFilters(path: &'static str, active: Vec<ActiveFilter>) -> impl IntoView {
    let query = use_query_map();
    let several = active.len() > 1;
    (!active.is_empty()).then(|| {
        view! {
            <ul aria-label="Active filters" class="flex flex-wrap items-center gap-x-4 gap-y-2">
                {active
                    .into_iter()
                    .map(|filter| {
                        let ActiveFilter { param, label, value } = filter;
                        let clear_label = format!("Clear the {} filter", label.to_lowercase());
                        let href = move || filter_href(path, &query.read(), &param, None);
                        view! {
                            <li class="flex items-center gap-2">
                                <span>{format!("{label} · {value}")}</span>
                                <a href=href aria-label=clear_label class="underline hover:text-accent dark:hover:text-night-accent">
                                    "Clear"
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
                {several.then(|| view! {
                    <li>
                        <a href=path class="underline hover:text-accent dark:hover:text-night-accent">"Clear all filters"</a>
                    </li>
                })}
            </ul>
        }
    })
}

/// What the page says when it has nothing to list.
#[component]
pub fn EmptyState(
    /// True when summaries exist but the filters exclude them all.
    filtered: bool,
) -> impl IntoView {
    if filtered {
        view! {
            <div class="rounded-lg border border-rule px-6 py-10 text-center dark:border-night-rule">
                <p class="font-serif text-xl">"No summaries match these filters."</p>
                <p class="mt-3">
                    <a href="/summaries" class="underline hover:text-accent dark:hover:text-night-accent">"Clear all filters"</a>
                </p>
            </div>
        }
        .into_any()
    } else {
        view! {
            <p class="py-6 text-muted dark:text-night-muted">
                "No summaries have been published yet. They will appear here, newest first."
            </p>
        }
        .into_any()
    }
}

/// Newer and older pages of the same filtered view.
#[component]
pub fn Pager(path: &'static str, page: u32, total_pages: u32) -> impl IntoView {
    let query = use_query_map();
    let link = move |target: u32| {
        move || {
            let value = (target > 1).then(|| target.to_string());
            filter_href(path, &query.read(), PAGE_PARAM, value.as_deref())
        }
    };
    (total_pages > 1).then(|| {
        view! {
            <nav aria-label="Pagination" class="mt-10 flex items-center justify-between text-sm">
                {(page > 1).then(|| view! { <a href=link(page - 1) rel="prev" class="underline">"← Newer"</a> })}
                <span class="text-muted dark:text-night-muted">{format!("Page {page} of {total_pages}")}</span>
                {(page < total_pages).then(|| view! { <a href=link(page + 1) rel="next" class="underline">"Older →"</a> })}
            </nav>
        }
    })
}
