//! `/articles`: every published article, newest first, a page at a time,
//! filtered by category and tag from the rail; every filter is in the URL.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::LoadError;
use crate::api::{list_articles, ArchiveQuery};
use crate::components::{
    article_row::ArticleRow,
    filter_rail::{filter_href, page_href, FilterRail},
    page_meta::PageMeta,
};
use crate::domain::Archive;

const PATH: &str = "/articles";

#[component]
pub fn ArchivePage() -> impl IntoView {
    let query = use_query_map();
    let archive_query = move || {
        let query = query.read();
        ArchiveQuery {
            category: query.get("category").filter(|s| !s.is_empty()),
            tag: query.get("tag").filter(|s| !s.is_empty()),
            page: query.get("page").and_then(|p| p.parse::<u32>().ok()),
        }
    };
    let archive = Resource::new(archive_query, list_articles);

    view! {
        <Transition fallback=|| view! { <p class="py-6">"Loading articles…"</p> }>
            {move || Suspend::new(async move {
                match archive.await {
                    Ok(archive) => view! { <ArchiveView archive /> }.into_any(),
                    Err(error) => view! { <LoadError error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ArchiveView(archive: Archive) -> impl IntoView {
    let Archive {
        list,
        facets,
        category,
        tag,
    } = archive;
    let filtered = category.is_some() || tag.is_some();
    let mut title = "Articles".to_owned();
    if let Some(category) = &category {
        title = format!("{} articles", category.name);
    }
    if let Some(tag) = &tag {
        title = format!("{title} tagged #{}", tag.slug);
    }
    let description = match &category {
        Some(c) => format!(
            "Articles filed under {} — long-form writing on building software.",
            c.name
        ),
        None => "Long-form writing on building software: every article, newest first.".to_owned(),
    };
    let query = use_query_map();
    let path = query.with_untracked(|q| page_href(PATH, q, list.page));
    view! {
        <PageMeta title=title description path />
        <header class="pt-10 pb-6">
            <p class="font-mono text-xs uppercase tracking-widest text-muted dark:text-night-muted">"Writing"</p>
            <h1 class="mt-1 font-serif text-4xl font-semibold tracking-tight">"Articles"</h1>
            <ActiveFilters category=category.clone().map(|c| c.name) tag=tag.clone().map(|t| t.slug) />
        </header>
        <div class="grid gap-10 lg:grid-cols-[minmax(0,1fr)_14rem]">
            <section aria-label="Article list">
                {if list.items.is_empty() {
                    view! { <EmptyArchive filtered total=list.total category_filter=query.read_untracked().get("category").is_some() /> }.into_any()
                } else {
                    view! {
                        <p class="text-sm text-muted dark:text-night-muted">
                            {format!("{} {}", list.total, if list.total == 1 { "article" } else { "articles" })}
                        </p>
                        <ul class="divide-y divide-rule dark:divide-night-rule">
                            {list.items.into_iter().map(|article| view! { <ArticleRow article /> }).collect_view()}
                        </ul>
                        <Pagination path=PATH.to_owned() page=list.page total_pages=list.total_pages />
                    }.into_any()
                }}
            </section>
            <aside class="lg:border-l lg:border-rule lg:pl-6 lg:dark:border-night-rule">
                <FilterRail path=PATH facets />
            </aside>
        </div>
    }
}

/// What is filtered, each with a way to drop it.
#[component]
fn ActiveFilters(category: Option<String>, tag: Option<String>) -> impl IntoView {
    let query = use_query_map();
    let chip = move |label: String, param: &'static str| {
        let href = query.with_untracked(|q| filter_href(PATH, q, param, None));
        view! {
            <li class="flex items-center gap-2 rounded-full border border-rule px-3 py-0.5 dark:border-night-rule">
                <span>{label.clone()}</span>
                <a href=href class="text-accent underline dark:text-night-accent" aria-label=format!("Remove filter {label}")>"✕"</a>
            </li>
        }
    };
    (category.is_some() || tag.is_some()).then(|| view! {
        <ul class="mt-4 flex flex-wrap items-center gap-2 text-sm" aria-label="Active filters">
            {category.map(|name| chip(format!("Category · {name}"), "category"))}
            {tag.map(|slug| chip(format!("Tag · #{slug}"), "tag"))}
            <li><a href=PATH class="text-accent underline dark:text-night-accent">"Clear all filters"</a></li>
        </ul>
    })
}

#[component]
fn EmptyArchive(filtered: bool, total: u32, category_filter: bool) -> impl IntoView {
    let message = match (filtered, category_filter) {
        _ if total > 0 => "This page is past the end of the list.",
        (false, _) => "Nothing has been published yet.",
        (true, true) => "No posts in this category yet.",
        (true, false) => "No articles match these filters yet.",
    };
    view! {
        <div class="rounded-lg border border-dashed border-rule px-6 py-10 text-center dark:border-night-rule">
            <p class="text-lg">{message}</p>
            {(filtered || total > 0).then(|| view! {
                <p class="mt-3"><a href=PATH class="text-accent underline dark:text-night-accent">"See all articles"</a></p>
            })}
        </div>
    }
}

/// Real links to the neighbouring pages of the list at `path`, keeping the
/// filters.
#[component]
pub fn Pagination(path: String, page: u32, total_pages: u32) -> impl IntoView {
    let query = use_query_map();
    let href = move |n: u32| query.with_untracked(|q| page_href(&path, q, n));
    (total_pages > 1).then(|| view! {
        <nav aria-label="Pagination" class="mt-8 flex items-center justify-between gap-4 text-sm">
            {(page > 1).then(|| view! { <a href=href(page - 1) rel="prev" class="text-accent underline dark:text-night-accent">"← Newer"</a> })}
            <span class="text-muted dark:text-night-muted">{format!("Page {page} of {total_pages}")}</span>
            {(page < total_pages).then(|| view! { <a href=href(page + 1) rel="next" class="text-accent underline dark:text-night-accent">"Older →"</a> })}
        </nav>
    })
}
