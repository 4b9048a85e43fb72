//! `/articles/:slug`: one article, its body rendered when it was saved.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::LoadError;
use crate::api::get_article;
use crate::components::page_meta::PageMeta;
use crate::domain::ArticleDetail;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let article = Resource::new(slug, get_article);

    view! {
        <Transition fallback=|| view! { <p class="py-10">"Loading article…"</p> }>
            {move || Suspend::new(async move {
                match article.await {
                    Ok(article) => view! { <ArticleView article /> }.into_any(),
                    Err(error) => view! { <LoadError error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ArticleView(article: ArticleDetail) -> impl IntoView {
    let ArticleDetail {
        slug,
        title,
        dek,
        category,
        tags,
        published,
        updated,
        reading_minutes,
        body_html,
        ..
    } = article;
    view! {
        <PageMeta title=title.clone() description=dek.clone() path=format!("/articles/{slug}") og_type="article" />
        <article class="mx-auto max-w-3xl pt-10">
            <header class="border-b border-rule pb-8 dark:border-night-rule">
                <p class="flex flex-wrap gap-x-2 text-sm text-muted dark:text-night-muted">
                    <span>{category.name}</span>
                    <span aria-hidden="true">"·"</span>
                    <span>{format!("{reading_minutes} min read")}</span>
                </p>
                <h1 class="mt-3 font-serif text-4xl font-semibold leading-tight tracking-tight sm:text-5xl">
                    {title}
                </h1>
                <p class="mt-4 text-xl text-muted dark:text-night-muted">{dek}</p>
                <p class="mt-6 flex flex-wrap gap-x-4 text-sm text-muted dark:text-night-muted">
                    <span>"Published " <time datetime=published.clone()>{published.clone()}</time></span>
                    {updated.map(|day| view! { <span>"Updated " <time datetime=day.clone()>{day.clone()}</time></span> })}
                </p>
                {(!tags.is_empty()).then(|| view! {
                    <ul class="mt-4 flex flex-wrap gap-2 text-sm" aria-label="Tags">
                        {tags.into_iter().map(|tag| view! {
                            <li class="rounded-full border border-rule px-3 py-0.5 dark:border-night-rule">
                                {format!("#{}", tag.slug)}
                            </li>
                        }).collect_view()}
                    </ul>
                })}
            </header>
            <div class="article-body mt-8" inner_html=body_html></div>
        </article>
    }
}
