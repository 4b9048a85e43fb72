//! The moments the author must choose: a copy of unsaved work found in this
//! browser, a newer version saved elsewhere, an item in the trash. Nothing
//! is replaced without the author saying so.

use leptos::prelude::*;

use super::{save, Editing, SaveState};
use crate::api::restore_item;
use crate::domain::{EditorDoc, ItemRef};

const BUTTON: &str = "rounded border border-ink px-3 py-1.5 font-semibold hover:bg-rule dark:border-night-ink dark:hover:bg-night-rule";

/// Offers back what this browser kept of work that never reached the server
/// (closed tab, crash, network cut).
#[component]
pub fn LocalCopyOffer(editing: Editing) -> impl IntoView {
    let found = RwSignal::new(None::<(EditorDoc, String)>);
    Effect::new(move || {
        #[cfg(feature = "hydrate")]
        {
            use super::browser;
            let (kind, id) = editing.doc.with_untracked(|d| (d.kind, d.id));
            let key = browser::copy_key(kind, id);
            if let Some(copy) = browser::kept(&key) {
                let differs = editing
                    .saved
                    .with_untracked(|saved| !copy.doc.same_content(saved));
                if differs {
                    found.set(Some((copy.doc, browser::clock_label(copy.kept_at))));
                } else {
                    browser::forget(&key);
                }
            }
        }
    });
    let restore = move |_| {
        if let Some((copy, _)) = found.get_untracked() {
            // The copy keeps the version it was based on, so if the server
            // moved on meanwhile the next save is a conflict, not a loss.
            editing.doc.set(copy);
            found.set(None);
            save::save_now(editing, false);
        }
    };
    let discard = move |_| {
        #[cfg(feature = "hydrate")]
        editing
            .doc
            .with_untracked(|d| super::browser::forget(&super::browser::copy_key(d.kind, d.id)));
        found.set(None);
    };
    move || {
        found.get().map(|(copy, at)| {
            let words = crate::domain::word_count(&copy.body_md);
            view! {
                <section role="alert" aria-labelledby="local-copy-heading" class="mt-4 rounded border border-amber-700 bg-amber-50 p-4 dark:border-amber-300 dark:bg-amber-950">
                    <h2 id="local-copy-heading" class="font-semibold">"Unsaved work found in this browser"</h2>
                    <p class="mt-1 text-sm">
                        {format!("A copy from {at} (“{}”, {words} words) never reached the server.", copy.title)}
                    </p>
                    <div class="mt-3 flex flex-wrap gap-2">
                        <button type="button" class=BUTTON on:click=restore>"Restore my unsaved work"</button>
                        <button type="button" class=BUTTON on:click=discard>"Discard it"</button>
                    </div>
                </section>
            }
        })
    }
}

/// Both versions side by side when a save met a newer one.
#[component]
pub fn ConflictPanel(editing: Editing) -> impl IntoView {
    let keep_mine = move |server: EditorDoc| {
        editing.doc.update(|d| d.version = server.version);
        editing.saved.set(server);
        editing.state.set(SaveState::Unsaved);
        save::save_now(editing, true);
    };
    let take_theirs = move |server: EditorDoc| {
        #[cfg(feature = "hydrate")]
        super::browser::forget(&super::browser::copy_key(server.kind, server.id));
        editing.saved.set(server.clone());
        editing.doc.set(server);
        editing.state.set(SaveState::Clean);
    };
    move || {
        let SaveState::Conflict(server) = editing.state.get() else {
            return None;
        };
        let server = *server;
        let mine = editing.doc.get_untracked();
        let (a, b) = (server.clone(), server.clone());
        Some(view! {
            <section role="alert" aria-labelledby="conflict-heading" class="mt-4 rounded border border-red-700 p-4 dark:border-red-300">
                <h2 id="conflict-heading" class="font-semibold">"This was changed somewhere else"</h2>
                <p class="mt-1 text-sm">
                    "Another tab or device saved a newer version while you were editing. Nothing has been overwritten: choose which to keep."
                </p>
                <div class="mt-3 grid gap-4 md:grid-cols-2">
                    <Version heading="Your version (this tab)" doc=mine />
                    <Version heading="The saved version" doc=server />
                </div>
                <div class="mt-3 flex flex-wrap gap-2">
                    <button type="button" class=BUTTON on:click=move |_| keep_mine(a.clone())>"Keep my version"</button>
                    <button type="button" class=BUTTON on:click=move |_| take_theirs(b.clone())>"Use the saved version"</button>
                </div>
            </section>
        })
    }
}

#[component]
fn Version(heading: &'static str, doc: EditorDoc) -> impl IntoView {
    view! {
        <div class="min-w-0">
            <h3 class="text-sm font-semibold">{heading}</h3>
            <p class="mt-1 font-serif font-semibold">{doc.title}</p>
            <pre class="mt-1 max-h-64 overflow-auto whitespace-pre-wrap rounded border border-rule p-2 text-sm dark:border-night-rule" tabindex="0">{doc.body_md}</pre>
        </div>
    }
}

#[component]
pub fn TrashBanner(editing: Editing) -> impl IntoView {
    let restore = move |_| {
        let Some(id) = editing.doc.with_untracked(|d| d.id) else {
            return;
        };
        let kind = editing.doc.with_untracked(|d| d.kind);
        leptos::task::spawn_local(async move {
            match restore_item(ItemRef { kind, id }).await {
                Ok(stored) => {
                    for signal in [editing.doc, editing.saved] {
                        signal.update(|d| {
                            d.deleted_at = None;
                            d.version = stored.version;
                        });
                    }
                }
                Err(e) => editing.state.set(SaveState::Failed(e.to_string())),
            }
        });
    };
    move || {
        editing.doc.with(|d| d.deleted_at.is_some()).then(|| view! {
            <section role="status" class="mt-4 flex flex-wrap items-center justify-between gap-2 rounded border border-rule p-4 dark:border-night-rule">
                <p>"This item is in the trash: it is on no public page."</p>
                <button type="button" class=BUTTON on:click=restore>"Restore from trash"</button>
            </section>
        })
    }
}
