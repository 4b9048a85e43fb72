//! `/notes/:slug`: one note, its tags, and the notes on either side of it.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::bodies::{Apart, Bodies};
use super::breadcrumbs::{base_url, breadcrumb_json};
use super::LoadError;
use crate::api::{get_note, NoteQuery};
use crate::components::{
    page_meta::{PageMeta, SiteResource},
    tag_list::TagList,
};
use crate::domain::{dates, NoteDetail, NoteItem};

#[component]
pub fn NotePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let note = Resource::new(slug, |slug| async move {
        get_note(NoteQuery { slug }).await.map(Apart::new)
    });
    let site = expect_context::<SiteResource>();

    view! {
        <Transition fallback=|| view! { <p class="py-10">"Loading note…"</p> }>
            {move || Suspend::new(async move {
                match note.await {
                    Ok(apart) => {
                        let (detail, mut bodies) = apart.into_parts();
                        let body = bodies.pop().flatten();
                        let base = base_url(site).await;
                        view! { <NoteView detail body base /> }.into_any()
                    }
                    Err(error) => view! { <LoadError error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

impl Bodies for NoteDetail {
    fn bodies(&mut self) -> Vec<&mut String> {
        vec![&mut self.note.body_html]
    }
}

#[component]
fn NoteView(
    detail: NoteDetail,
    /// `None` after hydration: the server's body stays.
    body: Option<String>,
    base: String,
) -> impl IntoView {
    let NoteDetail {
        note,
        description,
        newer,
        older,
    } = detail;
    let NoteItem {
        slug,
        title,
        published,
        body_html: _,
        tags,
    } = note;
    let path = format!("/notes/{slug}");
    let json_ld = breadcrumb_json(
        &base,
        &[("Notes", "/notes".to_owned()), (&title, path.clone())],
    );
    view! {
        <PageMeta title=title.clone() description path og_type="article" json_ld />
        <article class="mx-auto max-w-3xl pt-10">
            <header class="border-b border-rule pb-6 dark:border-night-rule">
                <h1 class="font-serif text-4xl font-semibold leading-tight tracking-tight">{title}</h1>
                <p class="mt-3 text-sm text-muted dark:text-night-muted">
                    "Published " <time datetime=published.clone()>{dates::day_label(&published)}</time>
                </p>
                {(!tags.is_empty()).then(|| view! { <div class="mt-4"><TagList tags /></div> })}
            </header>
            <div class="article-body mt-8" inner_html=body></div>
        </article>
        <nav aria-label="More notes" class="mx-auto mt-12 max-w-3xl border-t border-rule pt-6 dark:border-night-rule">
            <ul class="grid gap-4 sm:grid-cols-2">
                {older.map(|link| view! {
                    <li>
                        <span class="block text-sm text-muted dark:text-night-muted">"Previous note"</span>
                        <a href=format!("/notes/{}", link.slug) rel="prev" class="font-semibold hover:underline">
                            {link.title}
                        </a>
                    </li>
                })}
                {newer.map(|link| view! {
                    <li class="sm:col-start-2 sm:text-right">
                        <span class="block text-sm text-muted dark:text-night-muted">"Next note"</span>
                        <a href=format!("/notes/{}", link.slug) rel="next" class="font-semibold hover:underline">
                            {link.title}
                        </a>
                    </li>
                })}
            </ul>
            <p class="mt-6">
                <a href="/notes" class="text-accent underline dark:text-night-accent">"Back to all notes"</a>
            </p>
        </nav>
    }
}
