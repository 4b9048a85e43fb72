//! `/tags/:slug`: everything published under one tag, a section per kind,
//! and the tag's Atom feed. Days are shown as `YYYY-MM-DD`, like the
//! `ArticleRow`s beside them.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::archive::Pagination;
use super::breadcrumbs::{base_url, breadcrumb_json};
use super::LoadError;
use crate::api::{get_tag, TagQuery};
use crate::components::{
    article_row::ArticleRow,
    page_meta::{PageMeta, SiteResource},
};
use crate::domain::{dates, links, TagDetail, TaggedNote, TaggedSummary};

#[component]
pub fn TagPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let tag_query = move || TagQuery {
        slug: params.read().get("slug").unwrap_or_default(),
        page: query.read().get("page").and_then(|p| p.parse::<u32>().ok()),
    };
    let tag = Resource::new(tag_query, get_tag);
    let site = expect_context::<SiteResource>();

    view! {
        <Transition fallback=|| view! { <p class="py-10">"Loading tag…"</p> }>
            {move || Suspend::new(async move {
                match tag.await {
                    Ok(detail) => {
                        let base = base_url(site).await;
                        view! { <TagView detail base /> }.into_any()
                    }
                    Err(error) => view! { <LoadError error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn TagView(detail: TagDetail, base: String) -> impl IntoView {
    let TagDetail {
        tag,
        articles,
        notes,
        summaries,
        articles_total,
        notes_total,
        summaries_total,
        page,
        total_pages,
    } = detail;
    let list_path = format!("/tags/{}", tag.slug);
    let path = if page > 1 {
        format!("{list_path}?page={page}")
    } else {
        list_path.clone()
    };
    let feed = format!("/tags/{}/feed.xml", tag.slug);
    let json_ld = breadcrumb_json(
        &base,
        &[("Tags", "/tags".to_owned()), (&tag.name, path.clone())],
    );
    let description = format!("Articles, notes and summaries tagged {}.", tag.name);
    let articles_href = format!("/articles?tag={}", tag.slug);
    let summaries_href = format!("/summaries?tag={}", tag.slug);
    view! {
        <PageMeta title=format!("Tagged {}", tag.name) description=description path json_ld />
        <header class="pt-10 pb-6">
            <p class="text-sm text-muted dark:text-night-muted">
                <a href="/tags" class="underline">"All tags"</a>
            </p>
            <h1 class="mt-2 font-serif text-4xl font-semibold tracking-tight">
                <span class="text-muted dark:text-night-muted" aria-hidden="true">"#"</span>
                {tag.name.clone()}
            </h1>
            <p class="mt-3 text-sm">
                <a href=feed type="application/atom+xml" class="text-accent underline dark:text-night-accent">
                    {format!("Atom feed for {}", tag.name)}
                </a>
            </p>
        </header>
        {(!articles.is_empty()).then(|| view! {
            <Section id="articles" title="Articles" total=articles_total more=(articles_href, "All articles with this tag")>
                <ul class="divide-y divide-rule dark:divide-night-rule">
                    {articles.into_iter().map(|article| view! { <ArticleRow article /> }).collect_view()}
                </ul>
            </Section>
        })}
        {(!notes.is_empty()).then(|| view! {
            <Section id="notes" title="Notes" total=notes_total more=("/notes".to_owned(), "All notes")>
                <ul class="divide-y divide-rule dark:divide-night-rule">
                    {notes.into_iter().map(|note| view! { <NoteRow note /> }).collect_view()}
                </ul>
            </Section>
        })}
        {(!summaries.is_empty()).then(|| view! {
            <Section id="summaries" title="Summaries" total=summaries_total more=(summaries_href, "All summaries with this tag")>
                <ul class="divide-y divide-rule dark:divide-night-rule">
                    {summaries.into_iter().map(|summary| view! { <SummaryRow summary /> }).collect_view()}
                </ul>
            </Section>
        })}
        <Pagination path=list_path page total_pages />
    }
}

/// One kind of content under the tag, labelled by its heading, with how
/// many there are in all.
#[component]
fn Section(
    id: &'static str,
    title: &'static str,
    total: u32,
    more: (String, &'static str),
    children: Children,
) -> impl IntoView {
    let heading = format!("{id}-heading");
    view! {
        <section aria-labelledby=heading.clone() class="mt-10">
            <h2 id=heading.clone() class="border-b border-rule pb-2 font-serif text-2xl font-semibold dark:border-night-rule">
                {title}
            </h2>
            <p class="mt-2 text-sm text-muted dark:text-night-muted">
                {if total == 1 { "1 in all".to_owned() } else { format!("{total} in all") }}
            </p>
            {children()}
            <p class="mt-4 text-sm">
                <a href=more.0 class="text-accent underline dark:text-night-accent">{more.1}</a>
            </p>
        </section>
    }
}

#[component]
fn NoteRow(note: TaggedNote) -> impl IntoView {
    view! {
        <li class="py-4">
            <a href=format!("/notes/{}", note.slug) class="font-semibold hover:underline">{note.title}</a>
            <p class="text-sm text-muted dark:text-night-muted">
                <time datetime=note.published.clone()>{dates::day_label(&note.published)}</time>
            </p>
        </li>
    }
}

#[component]
fn SummaryRow(summary: TaggedSummary) -> impl IntoView {
    view! {
        <li class="py-4">
            <a href=links::href(&summary.original_url) rel="noopener" class="font-semibold hover:underline">
                {summary.title}
            </a>
            <p class="text-sm text-muted dark:text-night-muted">
                <span>{summary.source_name}</span>
                <span aria-hidden="true">" · "</span>
                <time datetime=summary.day.clone()>{dates::day_label(&summary.day)}</time>
            </p>
        </li>
    }
}
