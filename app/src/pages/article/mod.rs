//! `/articles/:slug`: one article, its body rendered when it was saved,
//! with a table of contents when it is long and links onward at the end.

#[cfg(feature = "hydrate")]
mod copy_code;
mod json_ld;
mod links;
mod toc;

use leptos::html::Div;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::bodies::{Apart, Bodies};
use super::LoadError;
use crate::components::page_meta::{PageMeta, SiteResource};
use crate::components::tag_list::TagList;
use crate::domain::{dates::day_label, ArticleDetail, ArticleWithLinks, CategoryRef, TagRef};
use json_ld::{article_json_ld, Publisher};
use links::{PrevNext, Related};
use toc::{FoldedToc, SideToc, MIN_ENTRIES};

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    // Through the prefetch: a click after a hover finds the data here. The
    // body travels once: `bodies`.
    let article = Resource::new(slug, |slug| async move {
        crate::prefetch::article(slug).await.map(Apart::new)
    });
    let site = expect_context::<SiteResource>();

    view! {
        <Transition fallback=|| view! { <p class="py-10">"Loading article…"</p> }>
            {move || Suspend::new(async move {
                match article.await {
                    Ok(apart) => {
                        let (page, mut bodies) = apart.into_parts();
                        let body = bodies.pop().flatten();
                        let meta = site.await.ok();
                        let json_ld = article_json_ld(
                            &page.article,
                            &Publisher {
                                base_url: meta.as_ref().map_or("", |m| m.base_url.as_str()),
                                author: meta.as_ref().map_or("", |m| m.author.as_str()),
                            },
                        );
                        view! { <ArticleView page body json_ld /> }.into_any()
                    }
                    Err(error) => view! { <LoadError error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

impl Bodies for ArticleWithLinks {
    fn bodies(&mut self) -> Vec<&mut String> {
        vec![&mut self.article.body_html]
    }
}

#[component]
fn ArticleView(
    page: ArticleWithLinks,
    /// `None` after hydration: the server's body stays.
    body: Option<String>,
    json_ld: String,
) -> impl IntoView {
    let ArticleWithLinks {
        article,
        prev,
        next,
        related,
    } = page;
    let ArticleDetail {
        slug,
        title,
        dek,
        category,
        tags,
        published,
        updated,
        reading_minutes,
        body_html: _,
        toc,
    } = article;
    let long = toc.len() >= MIN_ENTRIES;
    let body_ref = NodeRef::<Div>::new();
    let copy_status = RwSignal::new(String::new());
    #[cfg(feature = "hydrate")]
    copy_code::wire_copy_buttons(body_ref, copy_status);
    let layout = if long {
        "mx-auto max-w-3xl pt-10 lg:grid lg:max-w-none lg:grid-cols-[minmax(0,1fr)_14rem] lg:gap-x-12"
    } else {
        "mx-auto max-w-3xl pt-10"
    };

    view! {
        <PageMeta title=title.clone() description=dek.clone() path=format!("/articles/{slug}") og_type="article" json_ld />
        <div class=layout>
            <article class="min-w-0">
                <ArticleHeader category title dek published updated reading_minutes tags />
                {long.then(|| view! { <div class="lg:hidden"><FoldedToc toc=toc.clone() /></div> })}
                <div class="article-body mt-8" node_ref=body_ref inner_html=body></div>
                <p class="sr-only" role="status" aria-live="polite">{move || copy_status.get()}</p>
                <PrevNext prev next />
                <Related related />
            </article>
            {long.then(|| view! {
                <div class="hidden pt-2 lg:block">
                    <SideToc toc />
                </div>
            })}
        </div>
    }
    .into_any()
}

/// Category, title, dek, dates, reading time and tags.
#[component]
fn ArticleHeader(
    category: CategoryRef,
    title: String,
    dek: String,
    /// `YYYY-MM-DD`
    published: String,
    updated: Option<String>,
    reading_minutes: u32,
    tags: Vec<TagRef>,
) -> impl IntoView {
    view! {
        <header class="border-b border-rule pb-8 dark:border-night-rule">
            <p class="flex flex-wrap gap-x-2 text-sm text-muted dark:text-night-muted">
                <a
                    href=format!("/articles?category={}", category.slug)
                    class="font-semibold text-accent hover:underline dark:text-night-accent"
                >
                    {category.name}
                </a>
                <span aria-hidden="true">"·"</span>
                <span>{format!("{reading_minutes} min read")}</span>
            </p>
            <h1 class="mt-3 font-serif text-4xl font-semibold leading-tight tracking-tight text-balance sm:text-5xl">
                {title}
            </h1>
            <p class="mt-4 text-xl text-muted dark:text-night-muted">{dek}</p>
            <p class="mt-6 flex flex-wrap gap-x-4 text-sm text-muted dark:text-night-muted">
                <span>"Published " <time datetime=published.clone()>{day_label(&published)}</time></span>
                {updated.map(|day| view! { <span>"Updated " <time datetime=day.clone()>{day_label(&day)}</time></span> })}
            </p>
            <div class="mt-4">
                <TagList tags />
            </div>
        </header>
    }
    .into_any()
}
