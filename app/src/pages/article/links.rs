//! The end of an article: where to read next. The neighbours in
//! publication order, then the articles that share the most tags.

use leptos::prelude::*;

use crate::domain::{dates::day_label, ArticleListItem};

#[component]
pub fn PrevNext(prev: Option<ArticleListItem>, next: Option<ArticleListItem>) -> impl IntoView {
    (prev.is_some() || next.is_some()).then(|| {
        view! {
            <nav aria-label="Previous and next article" class="mt-12 border-t border-rule pt-8 dark:border-night-rule">
                <ul class="grid gap-4 sm:grid-cols-2">
                    {prev.map(|article| view! {
                        <li><Neighbour article rel="prev" label="← Previous article" align="" /></li>
                    })}
                    {next.map(|article| view! {
                        <li class="sm:col-start-2">
                            <Neighbour article rel="next" label="Next article →" align="sm:text-right" />
                        </li>
                    })}
                </ul>
            </nav>
        }
        .into_any()
    })
}

#[component]
fn Neighbour(
    article: ArticleListItem,
    rel: &'static str,
    label: &'static str,
    align: &'static str,
) -> impl IntoView {
    view! {
        <a
            href=format!("/articles/{}", article.slug)
            rel=rel
            class=format!("neighbour-link {align}")
        >
            <span class="block text-sm text-muted dark:text-night-muted">{label}</span>
            <span class="mt-1 block font-serif text-lg font-semibold leading-snug">{article.title}</span>
        </a>
    }
}

#[component]
pub fn Related(related: Vec<ArticleListItem>) -> impl IntoView {
    (!related.is_empty()).then(|| {
        view! {
            <section aria-labelledby="related-heading" class="mt-12">
                <h2 id="related-heading" class="font-serif text-2xl font-semibold">"Related articles"</h2>
                <ul class="mt-2 divide-y divide-rule dark:divide-night-rule">
                    {related.into_iter().map(|article| view! { <RelatedItem article /> }).collect_view()}
                </ul>
            </section>
        }
        .into_any()
    })
}

/// Like an archive row, one heading level down: these sit under
/// "Related articles".
#[component]
fn RelatedItem(article: ArticleListItem) -> impl IntoView {
    view! {
        <li class="py-4">
            <article>
                <h3 class="font-serif text-lg font-semibold leading-snug">
                    <a href=format!("/articles/{}", article.slug) class="hover:text-accent hover:underline dark:hover:text-night-accent">
                        {article.title}
                    </a>
                </h3>
                <p class="mt-1 flex flex-wrap gap-x-2 text-sm text-muted dark:text-night-muted">
                    <time datetime=article.published.clone()>{day_label(&article.published)}</time>
                    <span aria-hidden="true">"·"</span>
                    <span>{article.category.name}</span>
                    <span aria-hidden="true">"·"</span>
                    <span>{format!("{} min read", article.reading_minutes)}</span>
                </p>
            </article>
        </li>
    }
}
