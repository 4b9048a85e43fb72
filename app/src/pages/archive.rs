//! `/articles`: every published article, newest first, a page at a time.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::LoadError;
use crate::api::{list_articles, ArchiveQuery};
use crate::components::{article_row::ArticleRow, page_meta::PageMeta};
use crate::domain::ArticlePage;

#[component]
pub fn ArchivePage() -> impl IntoView {
    let query = use_query_map();
    let page = move || query.read().get("page").and_then(|p| p.parse::<u32>().ok());
    let articles = Resource::new(page, |page| list_articles(ArchiveQuery { page }));

    view! {
        <PageMeta title="Articles" description="Long-form writing on building software." path="/articles" />
        <header class="pt-10 pb-4">
            <h1 class="font-serif text-4xl font-semibold tracking-tight">"Articles"</h1>
        </header>
        <Transition fallback=|| view! { <p class="py-6">"Loading articles…"</p> }>
            {move || Suspend::new(async move {
                match articles.await {
                    Ok(page) => view! { <ArchiveList page /> }.into_any(),
                    Err(error) => view! { <LoadError error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ArchiveList(page: ArticlePage) -> impl IntoView {
    if page.items.is_empty() {
        return view! { <p class="py-6 text-muted dark:text-night-muted">"Nothing has been published yet."</p> }
            .into_any();
    }
    let prev = (page.page > 1).then(|| format!("/articles?page={}", page.page - 1));
    let next = (page.page < page.total_pages).then(|| format!("/articles?page={}", page.page + 1));
    view! {
        <ul class="divide-y divide-rule dark:divide-night-rule">
            {page.items.into_iter().map(|article| view! { <ArticleRow article /> }).collect_view()}
        </ul>
        <nav aria-label="Pagination" class="mt-8 flex items-center justify-between text-sm">
            {prev.map(|href| view! { <a href=href rel="prev" class="underline">"← Newer"</a> })}
            <span class="text-muted dark:text-night-muted">
                {format!("Page {} of {}", page.page, page.total_pages)}
            </span>
            {next.map(|href| view! { <a href=href rel="next" class="underline">"Older →"</a> })}
        </nav>
    }
    .into_any()
}
