//! `/notes`: every published note, newest first and shown whole, a page
//! at a time.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::bodies::{Apart, Bodies};
use super::LoadError;
use crate::api::{list_notes, NotesQuery};
use crate::components::{page_meta::PageMeta, tag_list::TagList};
use crate::domain::{dates, NoteItem, NotePage};

const DESCRIPTION: &str =
    "Short notes: snippets, commands and small lessons from building software.";

#[component]
pub fn NotesPage() -> impl IntoView {
    let query = use_query_map();
    let page = move || query.read().get("page").and_then(|p| p.parse::<u32>().ok());
    let notes = Resource::new(page, |page| async move {
        list_notes(NotesQuery { page }).await.map(Apart::new)
    });

    view! {
        <Transition fallback=|| view! { <p class="py-6">"Loading notes…"</p> }>
            {move || Suspend::new(async move {
                match notes.await {
                    Ok(apart) => {
                        let (page, bodies) = apart.into_parts();
                        view! { <NotesList page bodies /> }.into_any()
                    }
                    Err(error) => view! { <LoadError error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

impl Bodies for NotePage {
    fn bodies(&mut self) -> Vec<&mut String> {
        self.items
            .iter_mut()
            .map(|note| &mut note.body_html)
            .collect()
    }
}

#[component]
fn NotesList(
    page: NotePage,
    /// Each note's body, in order; `None` after hydration.
    bodies: Vec<Option<String>>,
) -> impl IntoView {
    let (title, path) = if page.page > 1 {
        (
            format!("Notes, page {}", page.page),
            format!("/notes?page={}", page.page),
        )
    } else {
        ("Notes".to_owned(), "/notes".to_owned())
    };
    let body = if page.items.is_empty() {
        view! {
            <p class="py-6 text-muted dark:text-night-muted">
                "No notes yet. Short snippets and lessons will show up here once the first one is published."
            </p>
        }
        .into_any()
    } else {
        view! {
            <ol class="divide-y divide-rule dark:divide-night-rule" aria-label="Notes, newest first">
                {page
                    .items
                    .into_iter()
                    .zip(bodies)
                    .map(|(note, body)| view! { <NoteEntry note body /> })
                    .collect_view()}
            </ol>
            <Pagination page=page.page total_pages=page.total_pages />
        }
        .into_any()
    };
    view! {
        <PageMeta title=title description=DESCRIPTION path=path />
        <header class="pt-10 pb-4">
            <h1 class="font-serif text-4xl font-semibold tracking-tight">"Notes"</h1>
            <p class="mt-2 text-muted dark:text-night-muted">{DESCRIPTION}</p>
        </header>
        {body}
    }
}

#[component]
fn NoteEntry(note: NoteItem, body: Option<String>) -> impl IntoView {
    let NoteItem {
        slug,
        title,
        published,
        body_html: _,
        tags,
    } = note;
    view! {
        <li class="py-8">
            <article>
                <h2 class="font-serif text-2xl font-semibold leading-snug">
                    <a href=format!("/notes/{slug}") class="hover:text-accent hover:underline dark:hover:text-night-accent">
                        {title}
                    </a>
                </h2>
                <p class="mt-1 text-sm text-muted dark:text-night-muted">
                    <time datetime=published.clone()>{dates::day_label(&published)}</time>
                </p>
                <div class="article-body mt-4" inner_html=body></div>
                {(!tags.is_empty()).then(|| view! { <div class="mt-4"><TagList tags /></div> })}
            </article>
        </li>
    }
}

/// Newer/older links and where the reader is, only when there is more than
/// one page.
#[component]
fn Pagination(page: u32, total_pages: u32) -> impl IntoView {
    (total_pages > 1).then(|| {
        let newer = (page > 1).then(|| {
            if page == 2 { "/notes".to_owned() } else { format!("/notes?page={}", page - 1) }
        });
        let older = (page < total_pages).then(|| format!("/notes?page={}", page + 1));
        view! {
            <nav aria-label="Pagination" class="mt-8 flex items-center justify-between gap-4 text-sm">
                <span class="min-w-24">
                    {newer.map(|href| view! { <a href=href rel="prev" class="underline">"← Newer notes"</a> })}
                </span>
                <span class="text-muted dark:text-night-muted">{format!("Page {page} of {total_pages}")}</span>
                <span class="min-w-24 text-right">
                    {older.map(|href| view! { <a href=href rel="next" class="underline">"Older notes →"</a> })}
                </span>
            </nav>
        }
    })
}
