//! `/summaries`: short summaries of other people's writing, grouped by the
//! day they were written, filtered from a rail by category, tag and source.

mod day;
mod status;

use leptos::prelude::*;
use leptos_router::{hooks::use_query_map, params::ParamsMap};

use super::bodies::{Apart, Bodies};
use super::LoadError;
use crate::api::{list_summaries, SummariesQuery};
use crate::components::{
    filter_rail::{page_href, FilterRail},
    page_meta::PageMeta,
};
use crate::domain::{SummaryFilters, SummaryListing, PAGE_PARAM};
use day::DayGroup;
use status::{ActiveFilters, EmptyState, Pager};

const PATH: &str = "/summaries";

/// The filters as they stand in the query string.
fn filters_from(query: &ParamsMap) -> SummaryFilters {
    SummaryFilters {
        category: query.get("category"),
        tag: query.get("tag"),
        source: query.get("source"),
    }
}

#[component]
pub fn SummariesPage() -> impl IntoView {
    let query = use_query_map();
    let request = move || {
        let query = query.read();
        SummariesQuery {
            filters: filters_from(&query),
            page: query.get(PAGE_PARAM).and_then(|p| p.parse::<u32>().ok()),
        }
    };
    let listing = Resource::new(request, |request| async move {
        list_summaries(request).await.map(Apart::new)
    });
    let feed_href = move || {
        format!(
            "{PATH}/feed.xml{}",
            filters_from(&query.read()).query_string()
        )
    };

    view! {
        <header class="pt-10 pb-6">
            <p aria-hidden="true" class="font-mono text-xs uppercase tracking-widest text-muted dark:text-night-muted">
                "№ 03 / Summaries"
            </p>
            <h1 class="mt-2 font-serif text-4xl font-semibold tracking-tight">"Summaries"</h1>
            <p class="mt-3 max-w-2xl text-muted dark:text-night-muted">
                "Every summary, newest first. Filter by category, tag or source from the rail."
            </p>
            <p class="mt-3 text-sm">
                <a href=feed_href type="application/atom+xml" class="underline hover:text-accent dark:hover:text-night-accent">
                    "Atom feed of this view"
                </a>
            </p>
        </header>
        <Transition fallback=|| view! { <p class="py-6">"Loading summaries…"</p> }>
            {move || Suspend::new(async move {
                match listing.await {
                    Ok(apart) => {
                        let (listing, bodies) = apart.into_parts();
                        view! { <SummariesView listing bodies /> }.into_any()
                    }
                    Err(error) => view! {
                        <PageMeta title="Summaries" description=DESCRIPTION path=PATH />
                        <LoadError error />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

const DESCRIPTION: &str =
    "Short summaries of engineering writing worth reading, grouped by day, with links to the originals.";

/// The page's title and canonical path for the filters in force.
fn meta_of(listing: &SummaryListing, query: &ParamsMap) -> (String, String) {
    let title = if listing.active.is_empty() {
        "Summaries".to_owned()
    } else {
        let values: Vec<&str> = listing.active.iter().map(|a| a.value.as_str()).collect();
        format!("Summaries: {}", values.join(", "))
    };
    (title, page_href(PATH, query, listing.page))
}

impl Bodies for SummaryListing {
    fn bodies(&mut self) -> Vec<&mut String> {
        self.days
            .iter_mut()
            .flat_map(|day| day.items.iter_mut())
            .map(|summary| &mut summary.body_html)
            .collect()
    }
}

#[component]
fn SummariesView(
    listing: SummaryListing,
    /// Each summary's body, in page order; `None` after hydration.
    bodies: Vec<Option<String>>,
) -> impl IntoView {
    let query = use_query_map();
    let (title, path) = meta_of(&listing, &query.read_untracked());
    let SummaryListing {
        days,
        facets,
        active,
        matching,
        total,
        page,
        total_pages,
    } = listing;
    let filtered = total > 0;
    let body = if days.is_empty() {
        view! { <EmptyState filtered /> }.into_any()
    } else {
        let mut bodies = bodies.into_iter();
        view! {
            <div class="space-y-12">
                {days
                    .into_iter()
                    .enumerate()
                    .map(|(index, day)| {
                        let day_bodies = bodies.by_ref().take(day.items.len()).collect();
                        view! { <DayGroup index=index + 1 day bodies=day_bodies /> }.into_any()
                    })
                    .collect_view()}
            </div>
            {view! { <Pager path=PATH page total_pages /> }.into_any()}
        }
        .into_any()
    };
    // Each part is type-erased so the page's view type stays small enough
    // for the compiler's layout computation in the server crate.
    let meta = view! { <PageMeta title path description=DESCRIPTION /> }.into_any();
    let active = view! { <ActiveFilters path=PATH active /> }.into_any();
    let rail = view! { <FilterRail path=PATH facets /> }.into_any();
    view! {
        {meta}
        <div class="grid gap-10 lg:grid-cols-[minmax(0,1fr)_14rem]">
            <div>
                <div class="mb-8 flex flex-wrap items-center gap-x-6 gap-y-3 border-y border-rule py-3 text-sm dark:border-night-rule">
                    <p aria-live="polite" class="font-mono tabular-nums">{format!("Showing {matching} of {total}")}</p>
                    {active}
                </div>
                {body}
            </div>
            <div>
                {rail}
            </div>
        </div>
    }
    .into_any()
}
