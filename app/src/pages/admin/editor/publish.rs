//! The side panel: status (draft, scheduled with its time, published), the
//! save and publish buttons, the warning about code that will not be
//! highlighted, trash, history and a link to the published page.

use leptos::prelude::*;

use super::{save, Editing, SaveState};
use crate::api::trash_item;
use crate::domain::{ItemRef, Status};

const BUTTON: &str = "w-full rounded border border-ink px-3 py-2 font-semibold hover:bg-rule dark:border-night-ink dark:hover:bg-night-rule";
const PRIMARY: &str = "w-full rounded bg-ink px-3 py-2 font-semibold text-paper hover:bg-accent dark:bg-night-ink dark:text-night dark:hover:bg-night-accent";

#[component]
pub fn PublishPanel(editing: Editing) -> impl IntoView {
    let status = move || editing.doc.with(|d| d.status.unwrap_or(Status::Draft));
    let set_status = move |next: Status| editing.doc.update(|d| d.status = Some(next));
    let error = editing.error_for("publish_at");
    // The time input speaks the author's zone; the document holds UTC.
    let local_time = RwSignal::new(String::new());
    Effect::new(move || {
        #[cfg(feature = "hydrate")]
        {
            let at = editing
                .doc
                .with(|d| d.publish_at.clone())
                .unwrap_or_default();
            let shown = super::browser::to_local_input(&at);
            if local_time.get_untracked() != shown && !at.is_empty() {
                local_time.set(shown);
            }
        }
    });
    let publish = move |_| {
        set_status(Status::Published);
        editing.doc.update(|d| {
            if d.publish_at
                .as_deref()
                .is_some_and(|at| at > now_instant().as_str())
            {
                d.publish_at = None;
            }
        });
        save::save_now(editing, true);
    };
    let unpublish = move |_| {
        set_status(Status::Draft);
        save::save_now(editing, true);
    };
    let trash = move |_| {
        let Some(id) = editing.doc.with_untracked(|d| d.id) else {
            return;
        };
        let kind = editing.doc.with_untracked(|d| d.kind);
        leptos::task::spawn_local(async move {
            match trash_item(ItemRef { kind, id }).await {
                Ok(stored) => {
                    editing.doc.update(|d| {
                        d.deleted_at = stored.deleted_at.clone();
                        d.version = stored.version;
                    });
                    editing.saved.update(|d| {
                        d.deleted_at = stored.deleted_at;
                        d.version = stored.version;
                    });
                }
                Err(e) => editing.state.set(SaveState::Failed(e.to_string())),
            }
        });
    };
    let choices = [
        (Status::Draft, "Draft", "Only you can see it."),
        (
            Status::Scheduled,
            "Scheduled",
            "Publishes itself at the time below.",
        ),
        (Status::Published, "Published", "On the site now."),
    ];
    let is_published = move || {
        editing
            .saved
            .with(|d| d.status == Some(Status::Published) && d.id.is_some())
    };
    let public_link = move || {
        editing.saved.with(|d| {
            (d.id.is_some() && d.status != Some(Status::Draft) && d.deleted_at.is_none())
                .then(|| d.kind.public_path(&d.slug))
        })
    };
    let history = move || {
        editing.doc.with(|d| {
            d.id.filter(|_| d.kind.has_history())
                .map(|id| format!("/admin/history/{}/{id}", d.kind.as_str()))
        })
    };

    view! {
        <aside class="space-y-4" aria-label="Publishing">
            <fieldset class="rounded border border-rule p-4 dark:border-night-rule">
                <legend class="px-1 text-sm font-semibold">"Status"</legend>
                {choices.into_iter().map(|(value, label, hint)| {
                    let id = format!("status-{}", value.as_str());
                    view! {
                        <div class="mt-2 flex items-start gap-2">
                            <input
                                type="radio"
                                name="status"
                                id=id.clone()
                                value=value.as_str()
                                class="mt-1"
                                prop:checked=move || status() == value
                                on:change=move |_| set_status(value)
                            />
                            <label for=id>
                                <span class="font-semibold">{label}</span>
                                <span class="block text-sm text-muted dark:text-night-muted">{hint}</span>
                            </label>
                        </div>
                    }
                }).collect_view()}
                <div class="mt-3" class:hidden=move || status() != Status::Scheduled>
                    <label for="publish_at" class="block text-sm font-semibold">"Publish at (your time)"</label>
                    <input
                        id="publish_at"
                        type="datetime-local"
                        step="1"
                        class="mt-1 w-full rounded border border-muted bg-paper px-2 py-1 text-ink dark:border-night-muted dark:bg-night dark:text-night-ink"
                        prop:value=move || local_time.get()
                        aria-describedby="publish_at-error"
                        on:input=move |event| {
                            let value = event_target_value(&event);
                            local_time.set(value.clone());
                            #[cfg(feature = "hydrate")]
                            editing.doc.update(|d| d.publish_at = super::browser::from_local_input(&value));
                        }
                    />
                </div>
                <super::fields::FieldMessage id="publish_at" error />
            </fieldset>
            <UnknownLanguages editing />
            <div class="space-y-2">
                <button type="submit" class=PRIMARY aria-keyshortcuts="Control+S Meta+S">"Save"</button>
                <button type="button" class=BUTTON on:click=publish>"Publish now"</button>
                {move || is_published().then(|| view! {
                    <button type="button" class=BUTTON on:click=unpublish>"Unpublish"</button>
                })}
            </div>
            <ul class="space-y-1 text-sm">
                {move || public_link().map(|href| view! {
                    <li><a href=href class="underline" target="_blank">"View on the site"</a></li>
                })}
                {move || history().map(|href| view! {
                    <li><a href=href class="underline">"Revision history"</a></li>
                })}
                <li><a href="/admin" class="underline">"Back to the dashboard"</a></li>
            </ul>
            {move || editing.doc.with(|d| d.id.is_some() && d.deleted_at.is_none()).then(|| view! {
                <button type="button" class="text-sm font-semibold text-red-700 underline dark:text-red-300" on:click=trash>
                    "Move to trash"
                </button>
            })}
        </aside>
    }
}

/// Fenced code in a language the highlighter does not know is published
/// as plain text; say so before it goes out.
#[component]
fn UnknownLanguages(editing: Editing) -> impl IntoView {
    move || {
        let langs = editing.unknown_languages.get();
        (!langs.is_empty()).then(|| {
            let list = langs.join(", ");
            view! {
                <div role="status" class="rounded border border-amber-700 bg-amber-50 p-3 text-sm text-ink dark:border-amber-300 dark:bg-amber-950 dark:text-night-ink">
                    <p class="font-semibold">"Code will not be highlighted"</p>
                    <p class="mt-1">
                        "Folio does not know the language of a code block: " <span class="font-mono">{list}</span>
                        ". It will be published as plain text. Check the name after the ``` fence (e.g. rust, python, bash)."
                    </p>
                </div>
            }
        })
    }
}

fn now_instant() -> String {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::new_0()
            .to_iso_string()
            .as_string()
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    String::new()
}
