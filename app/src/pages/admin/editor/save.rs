//! Autosave and its indicator. Every change is written to localStorage at
//! once; after a pause the document goes to the server with the version it
//! is based on. What the server answers decides the state: saved, conflict,
//! a field error, or offline (then it tries again when the network returns).

use std::time::Duration;

use leptos::prelude::*;

use super::{Editing, SaveState};
use crate::api::{save_item, AppError};
use crate::domain::{SaveOutcome, SaveRequest};

/// How long typing must pause before an autosave.
const AUTOSAVE_AFTER: Duration = Duration::from_millis(1200);
/// How often a failed save is tried again while the page is open.
const RETRY_AFTER: Duration = Duration::from_secs(10);

/// Wires the editor's effects: local copy, autosave, Ctrl/Cmd+S, the
/// warning on leaving with unsaved changes, and saving when back online.
pub fn install(editing: Editing) {
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let first = StoredValue::new(true);
    Effect::new(move || {
        // Track every field: any change is a reason to keep and to save.
        editing.doc.track();
        if first.get_value() {
            first.set_value(false);
            return;
        }
        if !editing.dirty() {
            return;
        }
        #[cfg(feature = "hydrate")]
        editing.doc.with_untracked(|doc| {
            super::browser::keep(&super::browser::copy_key(doc.kind, doc.id), doc);
        });
        if !matches!(
            editing.state.get_untracked(),
            SaveState::Conflict(_) | SaveState::Saving
        ) {
            editing.state.set(SaveState::Unsaved);
        }
        schedule(editing, timer, AUTOSAVE_AFTER);
    });
    on_cleanup(move || {
        if let Some(handle) = timer.try_get_value().flatten() {
            handle.clear();
        }
    });
    #[cfg(feature = "hydrate")]
    listeners(editing);
}

fn schedule(editing: Editing, timer: StoredValue<Option<TimeoutHandle>>, after: Duration) {
    if let Some(handle) = timer.get_value() {
        handle.clear();
    }
    let handle = set_timeout_with_handle(
        move || {
            timer.set_value(None);
            save_now(editing, false);
        },
        after,
    );
    timer.set_value(handle.ok());
}

#[cfg(feature = "hydrate")]
fn listeners(editing: Editing) {
    use leptos::ev;
    let keys = window_event_listener(ev::keydown, move |event| {
        if (event.ctrl_key() || event.meta_key()) && event.key().eq_ignore_ascii_case("s") {
            event.prevent_default();
            save_now(editing, true);
        }
    });
    let leaving = window_event_listener(ev::beforeunload, move |event| {
        if editing.dirty() {
            event.prevent_default();
            event.set_return_value("You have changes that are not saved yet.");
        }
    });
    let online = window_event_listener(ev::online, move |_| {
        if editing.dirty() {
            save_now(editing, false);
        }
    });
    let offline = window_event_listener(ev::offline, move |_| {
        // A save in flight keeps its state: it settles on its own, and
        // marking it offline would let a second save start beside it.
        let saving = matches!(
            editing.state.get_untracked(),
            SaveState::Saving | SaveState::Conflict(_)
        );
        if editing.dirty() && !saving {
            editing.state.set(SaveState::Offline);
        }
    });
    on_cleanup(move || {
        keys.remove();
        leaving.remove();
        online.remove();
        offline.remove();
    });
}

/// Saves now. `explicit` is the author asking (Ctrl+S, a button): it also
/// saves a new item without a title, to show what is missing, and closes
/// the current revision.
pub fn save_now(editing: Editing, explicit: bool) {
    // A retry timer can outlive the editor it was set for.
    let Some(state) = editing.state.try_get_untracked() else {
        return;
    };
    match state {
        SaveState::Saving => {
            PENDING.with(|p| p.set(true));
            return;
        }
        SaveState::Conflict(_) => return,
        _ => {}
    }
    let snapshot = editing.doc.get_untracked();
    if !explicit && (!editing.dirty() || snapshot.id.is_none() && snapshot.title.trim().is_empty())
    {
        return;
    }
    editing.state.set(SaveState::Saving);
    leptos::task::spawn_local(async move {
        let sent = snapshot.clone();
        let outcome = save_item(SaveRequest {
            doc: snapshot,
            explicit,
            writer: editing.writer.get_value(),
        })
        .await;
        settle(editing, sent, outcome);
        if PENDING.with(|p| p.replace(false)) {
            save_now(editing, false);
        }
    });
}

thread_local! {
    /// A change arrived while a save was in flight: save again after it.
    static PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn settle(
    editing: Editing,
    sent: crate::domain::EditorDoc,
    outcome: Result<SaveOutcome, AppError>,
) {
    match outcome {
        Ok(SaveOutcome::Saved { doc: stored, .. }) => {
            let was_new = sent.id.is_none();
            // What the author sent is now on the server, at the new version.
            let confirmed = crate::domain::EditorDoc {
                id: stored.id,
                version: stored.version,
                deleted_at: stored.deleted_at.clone(),
                updated_at: stored.updated_at.clone(),
                publish_at: stored.publish_at.clone(),
                ..sent
            };
            editing.saved.set(confirmed.clone());
            editing.doc.update(|doc| {
                doc.id = confirmed.id;
                doc.version = confirmed.version;
                doc.deleted_at = confirmed.deleted_at.clone();
                doc.updated_at = confirmed.updated_at.clone();
                doc.publish_at = confirmed.publish_at.clone();
            });
            editing.errors.set(Vec::new());
            #[cfg(feature = "hydrate")]
            {
                use super::browser;
                if was_new {
                    browser::forget(&browser::copy_key(confirmed.kind, None));
                    if let Some(id) = confirmed.id {
                        browser::replace_url(&format!("/admin/edit/{}/{id}", confirmed.kind.as_str()));
                    }
                }
                if editing.dirty() {
                    editing.state.set(SaveState::Unsaved);
                    browser::keep(&browser::copy_key(confirmed.kind, confirmed.id), &editing.doc.get_untracked());
                } else {
                    browser::forget(&browser::copy_key(confirmed.kind, confirmed.id));
                    editing.state.set(SaveState::Saved(browser::clock_label(browser::now_ms())));
                }
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = was_new;
        }
        Ok(SaveOutcome::Conflict { server }) => editing.state.set(SaveState::Conflict(Box::new(server))),
        Ok(SaveOutcome::Invalid { errors }) => {
            editing.errors.set(errors);
            editing.state.set(SaveState::Invalid);
        }
        Err(AppError::Transport(_)) => {
            #[cfg(feature = "hydrate")]
            let offline = !super::browser::online();
            #[cfg(not(feature = "hydrate"))]
            let offline = true;
            editing.state.set(if offline {
                SaveState::Offline
            } else {
                SaveState::Failed("The server could not be reached; trying again shortly.".into())
            });
            set_timeout(move || save_now(editing, false), RETRY_AFTER);
        }
        Err(AppError::Unauthorized) => editing.state.set(SaveState::Failed(
            "Your session has ended. Sign in again in another tab; your text is kept in this browser.".into(),
        )),
        Err(error) => {
            editing.state.set(SaveState::Failed(format!("{error} Your text is kept in this browser.")));
            set_timeout(move || save_now(editing, false), RETRY_AFTER);
        }
    }
}

/// "Saving…", "Saved at 14:02", "Offline"… announced politely.
#[component]
pub fn SaveIndicator(editing: Editing) -> impl IntoView {
    let text = move || match editing.state.get() {
        SaveState::Clean => "No changes".to_owned(),
        SaveState::Unsaved => "Unsaved changes (kept in this browser)".to_owned(),
        SaveState::Saving => "Saving…".to_owned(),
        SaveState::Saved(at) => format!("Saved at {at}"),
        SaveState::Offline => {
            "Offline — kept in this browser, will save when back online".to_owned()
        }
        SaveState::Conflict(_) => "Conflict — choose a version below".to_owned(),
        SaveState::Invalid => "Not saved — see the fields marked below".to_owned(),
        SaveState::Failed(why) => format!("Not saved: {why}"),
    };
    let tone = move || match editing.state.get() {
        SaveState::Offline | SaveState::Conflict(_) | SaveState::Invalid | SaveState::Failed(_) => {
            "text-red-700 dark:text-red-300"
        }
        _ => "text-muted dark:text-night-muted",
    };
    view! {
        <p
            role="status"
            aria-live="polite"
            data-save-state=move || state_name(&editing.state.get())
            class=move || format!("text-sm font-semibold {}", tone())
        >
            {text}
        </p>
    }
}

fn state_name(state: &SaveState) -> &'static str {
    match state {
        SaveState::Clean => "clean",
        SaveState::Unsaved => "unsaved",
        SaveState::Saving => "saving",
        SaveState::Saved(_) => "saved",
        SaveState::Offline => "offline",
        SaveState::Conflict(_) => "conflict",
        SaveState::Invalid => "invalid",
        SaveState::Failed(_) => "failed",
    }
}
