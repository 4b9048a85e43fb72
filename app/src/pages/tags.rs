//! `/tags`: every tag that carries published work, with how much of each
//! kind. Alphabetical, because readers come here to look a topic up by
//! name; the counts beside each name still show which topics are large.

use leptos::prelude::*;

use super::LoadError;
use crate::api::list_tags;
use crate::components::page_meta::PageMeta;
use crate::domain::TagCount;

const DESCRIPTION: &str = "Every topic on the site, with its articles, notes and summaries.";

#[component]
pub fn TagsPage() -> impl IntoView {
    let tags = Resource::new(|| (), |_| list_tags());

    view! {
        <PageMeta title="Tags" description=DESCRIPTION path="/tags" />
        <header class="pt-10 pb-6">
            <h1 class="font-serif text-4xl font-semibold tracking-tight">"Tags"</h1>
            <p class="mt-2 text-muted dark:text-night-muted">{DESCRIPTION}</p>
        </header>
        <Transition fallback=|| view! { <p class="py-6">"Loading tags…"</p> }>
            {move || Suspend::new(async move {
                match tags.await {
                    Ok(tags) => view! { <TagIndex tags /> }.into_any(),
                    Err(error) => view! { <LoadError error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn TagIndex(tags: Vec<TagCount>) -> impl IntoView {
    if tags.is_empty() {
        return view! {
            <p class="py-6 text-muted dark:text-night-muted">
                "No tags yet. Topics appear here as soon as something tagged is published."
            </p>
        }
        .into_any();
    }
    view! {
        <ul class="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {tags.into_iter().map(|tag| view! { <TagCard tag /> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn TagCard(tag: TagCount) -> impl IntoView {
    let total = tag.total();
    let kinds = [
        (tag.articles, "article", "articles"),
        (tag.notes, "note", "notes"),
        (tag.summaries, "summary", "summaries"),
    ];
    let breakdown = kinds
        .into_iter()
        .filter(|(count, _, _)| *count > 0)
        .map(|(count, one, many)| counted(count, one, many))
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <li class="rounded-lg border border-rule p-4 dark:border-night-rule">
            <p class="flex items-baseline justify-between gap-3">
                <a href=format!("/tags/{}", tag.slug) class="font-semibold text-accent underline dark:text-night-accent">
                    {tag.name}
                </a>
                <span class="font-mono text-sm tabular-nums text-muted dark:text-night-muted">
                    {counted(total, "item", "items")}
                </span>
            </p>
            <p class="mt-1 text-sm text-muted dark:text-night-muted">{breakdown}</p>
        </li>
    }
}

/// `1 note`, `3 notes`.
fn counted(count: u32, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_read_as_words() {
        assert_eq!(super::counted(1, "summary", "summaries"), "1 summary");
        assert_eq!(super::counted(4, "summary", "summaries"), "4 summaries");
    }
}
