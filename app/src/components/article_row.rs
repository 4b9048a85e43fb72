//! One article in a list: date · category · reading time, title, dek.

use leptos::prelude::*;

use crate::domain::{dates, ArticleListItem};

#[component]
pub fn ArticleRow(article: ArticleListItem) -> impl IntoView {
    let href = format!("/articles/{}", article.slug);
    view! {
        <li class="py-6">
            <article>
                <p class="flex flex-wrap gap-x-2 text-sm text-muted dark:text-night-muted">
                    <time datetime=article.published.clone()>{dates::day_label(&article.published)}</time>
                    <span aria-hidden="true">"·"</span>
                    <span>{article.category.name.clone()}</span>
                    <span aria-hidden="true">"·"</span>
                    <span>{format!("{} min read", article.reading_minutes)}</span>
                </p>
                <h2 class="mt-1 font-serif text-2xl font-semibold leading-snug">
                    <a href=href class="hover:text-accent hover:underline dark:hover:text-night-accent">
                        {article.title}
                    </a>
                </h2>
                <p class="mt-2 text-muted dark:text-night-muted">{article.dek}</p>
            </article>
        </li>
    }
}
