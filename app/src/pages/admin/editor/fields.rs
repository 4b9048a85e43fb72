//! The fields around the body: title and slug, and what each kind has
//! (summary line, category, tags, source, original address, day). Each
//! shows the server's message for it beside it.

use std::time::Duration;

use leptos::{ev, prelude::*};

use super::Editing;
use crate::api::{check_slug, list_terms};
use crate::domain::{EditorDoc, ItemKind, Slug, SlugAvailability, SlugQuery, Terms};

const INPUT: &str = "w-full rounded border border-muted bg-paper px-3 py-2 text-ink aria-[invalid=true]:border-red-700 dark:border-night-muted dark:bg-night dark:text-night-ink dark:aria-[invalid=true]:border-red-300";
const LABEL: &str = "block text-sm font-semibold";

/// One labelled input bound to one field of the document.
#[component]
fn TextField(
    editing: Editing,
    id: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] input_type: Option<&'static str>,
    #[prop(optional)] list: Option<&'static str>,
    get: fn(&EditorDoc) -> String,
    set: fn(&mut EditorDoc, String),
) -> impl IntoView {
    let error = editing.error_for(id);
    let described = move || {
        let mut ids = Vec::new();
        if hint.is_some() {
            ids.push(format!("{id}-hint"));
        }
        if error.get().is_some() {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    view! {
        <div>
            <label for=id class=LABEL>{label}</label>
            <input
                id=id
                name=id
                type=input_type.unwrap_or("text")
                list=list
                autocomplete="off"
                class=format!("mt-1 {INPUT}")
                prop:value=move || editing.doc.with(get)
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
                on:input=move |event| {
                    let value = event_target_value(&event);
                    editing.doc.update(|doc| set(doc, value));
                }
            />
            {hint.map(|hint| view! { <p id=format!("{id}-hint") class="mt-1 text-sm text-muted dark:text-night-muted">{hint}</p> })}
            <FieldMessage id error />
        </div>
    }
}

#[component]
pub fn FieldMessage(id: &'static str, error: Signal<Option<String>>) -> impl IntoView {
    // Always in the page and only its text changes, so a message arriving
    // never moves the nodes of the field being typed in.
    view! {
        <p id=format!("{id}-error") class="mt-1 text-sm font-semibold text-red-700 empty:hidden dark:text-red-300">
            {move || error.get().unwrap_or_default()}
        </p>
    }
}

#[component]
pub fn TitleAndSlug(editing: Editing) -> impl IntoView {
    let title_error = editing.error_for("title");
    let on_title = move |event: ev::Event| {
        let title = event_target_value(&event);
        editing.doc.update(|doc| {
            if editing.slug_follows_title.get_untracked() {
                doc.slug = Slug::from_title(&title)
                    .map(|s| s.to_string())
                    .unwrap_or_default();
            }
            doc.title = title;
        });
    };
    view! {
        <div>
            <label for="title" class=LABEL>"Title"</label>
            <input
                id="title"
                name="title"
                type="text"
                autocomplete="off"
                class=format!("mt-1 {INPUT} font-serif text-2xl")
                prop:value=move || editing.doc.with(|d| d.title.clone())
                aria-invalid=move || title_error.get().is_some().then_some("true")
                aria-describedby=move || title_error.get().is_some().then_some("title-error")
                on:input=on_title
            />
            <FieldMessage id="title" error=title_error />
        </div>
        <SlugField editing />
    }
}

/// The slug, derived from the title until edited, checked as it changes.
#[component]
fn SlugField(editing: Editing) -> impl IntoView {
    let error = editing.error_for("slug");
    let availability = RwSignal::new(None::<SlugAvailability>);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let sequence = StoredValue::new(0u64);
    let target = Memo::new(move |_| editing.doc.with(|d| (d.kind, d.slug.clone(), d.id)));
    Effect::new(move || {
        let (kind, slug, id) = target.get();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        if slug.is_empty() {
            availability.set(None);
            return;
        }
        let check = move || {
            sequence.update_value(|n| *n += 1);
            let mine = sequence.get_value();
            leptos::task::spawn_local(async move {
                let answer = check_slug(SlugQuery { kind, slug, id }).await.ok();
                if sequence.get_value() == mine {
                    availability.set(answer);
                }
            });
        };
        pending.set_value(set_timeout_with_handle(check, Duration::from_millis(300)).ok());
    });
    let status = move || match availability.get() {
        Some(SlugAvailability::Available) => Some(("Available".to_owned(), false)),
        Some(SlugAvailability::Taken) => {
            Some(("Already used by another item of this kind".to_owned(), true))
        }
        Some(SlugAvailability::Invalid(why)) => Some((why, true)),
        None => None,
    };
    let path = move || editing.doc.with(|d| d.kind.public_path(&d.slug));
    view! {
        <div>
            <label for="slug" class=LABEL>"Slug"</label>
            <input
                id="slug"
                name="slug"
                type="text"
                autocomplete="off"
                spellcheck="false"
                class=format!("mt-1 {INPUT} font-mono text-sm")
                prop:value=move || editing.doc.with(|d| d.slug.clone())
                aria-invalid=move || (error.get().is_some() || status().is_some_and(|s| s.1)).then_some("true")
                aria-describedby="slug-status slug-error"
                on:input=move |event| {
                    editing.slug_follows_title.set(false);
                    let slug = event_target_value(&event);
                    editing.doc.update(|doc| doc.slug = slug);
                }
            />
            <p id="slug-status" class="mt-1 text-sm text-muted dark:text-night-muted" aria-live="polite">
                <span class="font-mono">{path}</span>
                {move || status().map(|(text, bad)| {
                    let tone = if bad { "font-semibold text-red-700 dark:text-red-300" } else { "text-green-800 dark:text-green-300" };
                    view! { " — " <span class=tone>{text}</span> }
                })}
            </p>
            <FieldMessage id="slug" error />
        </div>
    }
}

/// Fields that only some kinds have, with autocomplete from existing names.
#[component]
pub fn KindFields(editing: Editing) -> impl IntoView {
    let kind = editing.doc.with_untracked(|d| d.kind);
    let terms = LocalResource::new(list_terms);
    let options = move |pick: fn(&Terms) -> Vec<String>| {
        move || {
            terms
                .get()
                .and_then(Result::ok)
                .map(|t| pick(&t))
                .unwrap_or_default()
                .into_iter()
                .map(|name| view! { <option value=name></option> })
                .collect_view()
        }
    };
    view! {
        <datalist id="category-options">{options(|t| t.categories.clone())}</datalist>
        <datalist id="tag-options">{options(|t| t.tags.clone())}</datalist>
        <datalist id="source-options">{options(|t| t.sources.clone())}</datalist>
        {(kind == ItemKind::Article).then(|| view! {
            <TextField editing id="dek" label="Summary line" hint="One paragraph shown in lists and feeds."
                get=|d| d.dek.clone() set=|d, v| d.dek = v />
        })}
        <div class="grid gap-4 sm:grid-cols-2">
            {(kind != ItemKind::Note).then(|| view! {
                <TextField editing id="category" label="Category" list="category-options"
                    hint="Pick one, or type a new name to create it."
                    get=|d| d.category.clone() set=|d, v| d.category = v />
            })}
            <TagPicker editing />
        </div>
        {(kind == ItemKind::Summary).then(|| view! {
            <div class="grid gap-4 sm:grid-cols-2">
                <TextField editing id="source" label="Source" list="source-options"
                    hint="The publication, e.g. a newsletter or blog."
                    get=|d| d.source.clone() set=|d, v| d.source = v />
                <TextField editing id="original_url" label="Original address" input_type="url"
                    get=|d| d.original_url.clone() set=|d, v| d.original_url = v />
                <TextField editing id="day" label="Day read" input_type="date"
                    get=|d| d.day.clone() set=|d, v| d.day = v />
            </div>
        })}
    }
}

/// Tags as removable chips; Enter or a comma adds what was typed, and the
/// list offers every existing tag. A new name becomes a new tag on save.
#[component]
fn TagPicker(editing: Editing) -> impl IntoView {
    let draft = RwSignal::new(String::new());
    let error = editing.error_for("tags");
    let tags = Memo::new(move |_| editing.doc.with(|d| d.tags.clone()));
    let add = move || {
        let name = draft
            .get_untracked()
            .trim()
            .trim_end_matches(',')
            .trim()
            .to_owned();
        if !name.is_empty() {
            editing.doc.update(|doc| {
                if !doc.tags.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
                    doc.tags.push(name);
                }
            });
        }
        draft.set(String::new());
    };
    view! {
        <div>
            <label for="tag-input" class=LABEL>"Tags"</label>
            <ul class="mt-1 flex flex-wrap gap-2" aria-label="Tags on this item">
                {move || tags.get().into_iter().map(|tag| {
                    let name = tag.clone();
                    view! {
                        <li class="flex items-center gap-1 rounded-full border border-rule px-3 py-0.5 text-sm dark:border-night-rule">
                            {tag.clone()}
                            <button
                                type="button"
                                class="rounded px-1 text-muted hover:text-ink dark:text-night-muted dark:hover:text-night-ink"
                                aria-label=format!("Remove tag {tag}")
                                on:click=move |_| editing.doc.update(|d| d.tags.retain(|t| *t != name))
                            >"×"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <input
                id="tag-input"
                type="text"
                list="tag-options"
                autocomplete="off"
                class=format!("mt-2 {INPUT}")
                aria-describedby="tag-hint"
                prop:value=move || draft.get()
                on:input=move |event| {
                    let value = event_target_value(&event);
                    let done = value.ends_with(',');
                    draft.set(value);
                    if done {
                        add();
                    }
                }
                on:keydown=move |event: ev::KeyboardEvent| {
                    if event.key() == "Enter" {
                        event.prevent_default();
                        add();
                    }
                }
                on:change=move |_| add()
            />
            <p id="tag-hint" class="mt-1 text-sm text-muted dark:text-night-muted">"Type a tag and press Enter; new names create new tags."</p>
            <FieldMessage id="tags" error />
        </div>
    }
}
