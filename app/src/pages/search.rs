//! `/search?q=`: full-text search over every kind of content. Without
//! JavaScript it is a plain GET form; with it, results follow the reader's
//! typing and the URL keeps up by replacing its history entry.

use std::time::Duration;

use leptos::{ev, html, prelude::*};
use leptos_meta::Meta;
use leptos_router::{
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};

use crate::api::{search, AppError, SearchQuery};
use crate::components::page_meta::PageMeta;
use crate::domain::{dates, results_label, search_href, SearchHit, SearchResults};

/// How long typing must pause before the results are fetched.
const DEBOUNCE: Duration = Duration::from_millis(250);

#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let results = Resource::new(move || q.get(), |q| search(SearchQuery { q }));
    let input = NodeRef::<html::Input>::new();
    let pending = StoredValue::new(None::<TimeoutHandle>);
    on_cleanup(move || {
        if let Some(handle) = pending.try_get_value().flatten() {
            handle.clear();
        }
    });

    let navigate = use_navigate();
    // Replacing rather than pushing keeps one history entry per search,
    // not one per keystroke; not scrolling keeps the reader where they are.
    let go = move |text: &str| {
        let options = NavigateOptions {
            replace: true,
            scroll: false,
            ..Default::default()
        };
        navigate(&search_href(text), options);
    };
    let cancel_pending = move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        pending.set_value(None);
    };
    let on_input = {
        let go = go.clone();
        move |event: ev::Event| {
            cancel_pending();
            let text = event_target_value(&event);
            let go = go.clone();
            let fire = move || {
                pending.set_value(None);
                go(&text);
            };
            pending.set_value(set_timeout_with_handle(fire, DEBOUNCE).ok());
        }
    };
    let on_submit = move |event: ev::SubmitEvent| {
        event.prevent_default();
        cancel_pending();
        go(&input.get().map(|field| field.value()).unwrap_or_default());
    };
    // When the query changes from outside the box (the header's Search
    // link, back and forward), show it, unless the reader is mid-word.
    Effect::new(move || {
        let current = q.get();
        if let Some(field) = input.get() {
            if pending.get_value().is_none() && field.value() != current {
                field.set_value(&current);
            }
        }
    });

    view! {
        <header class="pt-10 pb-4">
            <h1 class="font-serif text-4xl font-semibold tracking-tight">"Search"</h1>
        </header>
        <form method="get" action="/search" role="search" on:submit=on_submit class="max-w-2xl">
            <label for="search-q" class="block text-sm font-semibold">"Search"</label>
            <div class="mt-1 flex gap-2">
                <input
                    id="search-q"
                    type="search"
                    name="q"
                    value=q.get_untracked()
                    node_ref=input
                    on:input=on_input
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="search-hint"
                    class="min-w-0 flex-1 rounded border border-muted bg-paper px-3 py-2 text-ink dark:border-night-muted dark:bg-night dark:text-night-ink"
                />
                <button
                    type="submit"
                    class="rounded bg-ink px-4 py-2 font-semibold text-paper hover:bg-accent dark:bg-night-ink dark:text-night dark:hover:bg-night-accent"
                >
                    "Search"
                </button>
            </div>
            <p id="search-hint" class="mt-1 text-sm text-muted dark:text-night-muted">
                "Finds every word you type in articles, notes and summaries."
            </p>
        </form>
        <div aria-live="polite" aria-atomic="true" class="mt-8">
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match results.await {
                        Ok(results) => view! { <SearchStatus results /> }.into_any(),
                        Err(error) => view! { <SearchFailed error /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
        <Transition fallback=|| view! { <p class="py-6">"Searching…"</p> }>
            {move || Suspend::new(async move {
                results.await.ok().map(|results| view! { <HitList hits=results.hits /> })
            })}
        </Transition>
    }
}

/// The page's head and the one sentence a screen reader hears when the
/// results change.
#[component]
fn SearchStatus(results: SearchResults) -> impl IntoView {
    let SearchResults {
        query,
        searched,
        hits,
        total,
    } = results;
    let title = if query.is_empty() {
        "Search".to_owned()
    } else {
        format!("Search: {query}")
    };
    let status = if query.is_empty() {
        "Type a word or two to search every article, note and summary.".to_owned()
    } else if !searched {
        format!("“{query}” has no words to search for. Try a word or two, like a topic or a title.")
    } else if total == 0 {
        format!("No results for “{query}”. Try fewer words, or a different spelling.")
    } else if usize::try_from(total).unwrap_or(usize::MAX) > hits.len() {
        format!(
            "{}. Showing the best {}.",
            results_label(total, &query),
            hits.len()
        )
    } else {
        results_label(total, &query)
    };
    view! {
        <PageMeta title description="Search every article, note and summary." path="/search" />
        {(!query.is_empty()).then(|| view! { <Meta name="robots" content="noindex" /> })}
        <p class="font-semibold">{status}</p>
    }
}

#[component]
fn SearchFailed(error: AppError) -> impl IntoView {
    super::send_error_status(&error);
    view! {
        <PageMeta title="Search" description="Search every article, note and summary." path="/search" />
        <p role="alert">{error.to_string()}</p>
    }
}

#[component]
fn HitList(hits: Vec<SearchHit>) -> impl IntoView {
    (!hits.is_empty()).then(|| {
        view! {
            <ol aria-label="Search results" class="mt-2 divide-y divide-rule dark:divide-night-rule">
                {hits.into_iter().map(|hit| view! { <HitRow hit /> }).collect_view()}
            </ol>
        }
    })
}

#[component]
fn HitRow(hit: SearchHit) -> impl IntoView {
    let SearchHit {
        kind,
        title_html,
        url,
        snippet_html,
        date,
        ..
    } = hit;
    let marks = "[&_mark]:rounded-sm [&_mark]:bg-amber-200 [&_mark]:text-ink dark:[&_mark]:bg-amber-300/30 dark:[&_mark]:text-night-ink";
    view! {
        <li class="py-5">
            <article>
                <p class="flex flex-wrap gap-x-2 text-sm text-muted dark:text-night-muted">
                    <span class="font-semibold">{kind.label()}</span>
                    <span aria-hidden="true">"·"</span>
                    <time datetime=date.clone()>{dates::day_label(&date)}</time>
                </p>
                <h2 class="mt-1 font-serif text-xl font-semibold leading-snug">
                    <a
                        href=url
                        class=format!("hover:text-accent hover:underline dark:hover:text-night-accent {marks}")
                        inner_html=title_html
                    ></a>
                </h2>
                <p
                    class=format!("mt-1 text-muted dark:text-night-muted {marks}")
                    inner_html=snippet_html
                ></p>
            </article>
        </li>
    }
}
