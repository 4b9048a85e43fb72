//! The editor for articles, notes and summaries. Typing only ever touches
//! local state: the text goes to localStorage at once, to the preview after
//! a 200 ms pause and to the server (autosave) after a longer one. Every
//! save names the version it was based on; the server refuses a stale one
//! and the author chooses between the two versions.
//!
//! The editor is built in the browser (its data is a `LocalResource`): its
//! pages depend on the session and there is nothing in them for the server
//! to render ahead of time.

#[cfg(feature = "hydrate")]
mod browser;
mod conflict;
mod fields;
pub mod format;
mod preview;
mod publish;
mod save;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{AdminFrame, AdminGate};
use crate::api::{load_item, AppError};
use crate::domain::{EditorDoc, FieldError, ItemKind, ItemRef};
use crate::pages::LoadError;

/// Where a save stands, as the indicator shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing typed since the item was opened or saved.
    Clean,
    /// Typed, kept in this browser, not yet on the server.
    Unsaved,
    Saving,
    /// On the server, at `HH:MM`.
    Saved(String),
    /// The network is down; the text is kept here and saved when it returns.
    Offline,
    /// The server has a newer version; nothing is saved until the author chooses.
    Conflict(Box<EditorDoc>),
    /// The server refused a field; shown beside it.
    Invalid,
    /// Another failure, in words for the author.
    Failed(String),
}

/// Everything the editor's pieces share. All signals, so it is `Copy`.
#[derive(Clone, Copy)]
pub struct Editing {
    pub doc: RwSignal<EditorDoc>,
    /// The document as the server last confirmed it.
    pub saved: RwSignal<EditorDoc>,
    pub state: RwSignal<SaveState>,
    pub errors: RwSignal<Vec<FieldError>>,
    /// The slug follows the title until the author edits it.
    pub slug_follows_title: RwSignal<bool>,
    pub unknown_languages: RwSignal<Vec<String>>,
    /// This editor's token for its saves (`SaveRequest::writer`).
    pub writer: StoredValue<String>,
}

impl Editing {
    fn new(doc: EditorDoc) -> Self {
        Self {
            slug_follows_title: RwSignal::new(doc.id.is_none() && doc.slug.is_empty()),
            saved: RwSignal::new(doc.clone()),
            doc: RwSignal::new(doc),
            state: RwSignal::new(SaveState::Clean),
            errors: RwSignal::new(Vec::new()),
            unknown_languages: RwSignal::new(Vec::new()),
            #[cfg(feature = "hydrate")]
            writer: StoredValue::new(browser::writer_token()),
            #[cfg(not(feature = "hydrate"))]
            writer: StoredValue::new(String::new()),
        }
    }

    pub fn error_for(self, field: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || {
            self.errors.with(|all| {
                all.iter()
                    .find(|e| e.field == field)
                    .map(|e| e.message.clone())
            })
        })
    }

    pub fn dirty(self) -> bool {
        self.doc
            .with_untracked(|doc| self.saved.with_untracked(|saved| !doc.same_content(saved)))
    }
}

/// `/admin/new/:kind` and `/admin/edit/:kind/:id`.
#[component]
pub fn EditorPage() -> impl IntoView {
    let params = use_params_map();
    let target = move || {
        params.with(|p| {
            let kind = p.get("kind").and_then(|k| ItemKind::parse(&k));
            let id = p.get("id").map(|id| id.parse::<i64>().ok());
            (kind, id)
        })
    };
    let doc = super::load_in_browser(target, |(kind, id)| async move {
        match (kind, id) {
            (Some(kind), Some(Some(id))) => load_item(ItemRef { kind, id }).await,
            (Some(kind), None) => Ok(new_doc(kind)),
            _ => Err(AppError::NotFound),
        }
    });
    view! {
        <AdminGate>
            <AdminFrame title="Editor">
                {move || match doc.get() {
                    None => view! { <p class="py-8">"Opening the editor…"</p> }.into_any(),
                    Some(Ok(doc)) => view! { <Editor doc /> }.into_any(),
                    Some(Err(error)) => view! { <LoadError error /> }.into_any(),
                }}
            </AdminFrame>
        </AdminGate>
    }
}

fn new_doc(kind: ItemKind) -> EditorDoc {
    #[cfg(feature = "hydrate")]
    let today = browser::today();
    #[cfg(not(feature = "hydrate"))]
    let today = String::new();
    EditorDoc::new(kind, &today)
}

#[component]
fn Editor(doc: EditorDoc) -> impl IntoView {
    let kind = doc.kind;
    let editing = Editing::new(doc);
    save::install(editing);
    let heading = move || {
        let verb = if editing.doc.with(|d| d.id.is_some()) {
            "Edit"
        } else {
            "New"
        };
        format!("{verb} {}", kind.as_str())
    };
    view! {
        <div class="flex flex-wrap items-baseline justify-between gap-4 pt-6">
            <h1 class="font-serif text-3xl font-semibold tracking-tight">{heading}</h1>
            <save::SaveIndicator editing />
        </div>
        <conflict::LocalCopyOffer editing />
        <conflict::ConflictPanel editing />
        <conflict::TrashBanner editing />
        <form
            class="mt-4 grid gap-6 lg:grid-cols-[minmax(0,1fr)_16rem]"
            aria-label=format!("{} details", kind.label())
            on:submit=move |event| {
                event.prevent_default();
                save::save_now(editing, true);
            }
        >
            <div class="min-w-0 space-y-4">
                <fields::TitleAndSlug editing />
                <fields::KindFields editing />
                <preview::BodyAndPreview editing />
            </div>
            <publish::PublishPanel editing />
        </form>
    }
}
