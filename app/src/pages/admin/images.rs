//! Adding an image to a markdown field: paste it, drop it or pick it, say
//! what it shows (or mark it decorative), and its `![alt](/media/…)` goes
//! in where the cursor was. The text is never touched until the server
//! has stored the image; a refusal is shown and nothing is inserted.

use leptos::{html, prelude::*};

use super::editor::format::{self, Edit};

/// An image waiting for its alt text.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Waiting {
    filename: String,
    /// Where the cursor was when the image arrived (UTF-16 units).
    start: u32,
    end: u32,
}

/// Where an upload stands, as the status line shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Upload {
    Idle,
    Uploading(String),
    Added(String),
    Refused(String),
}

/// The state one markdown field's image tools share. All signals: `Copy`.
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub struct ImageTools {
    textarea: NodeRef<html::Textarea>,
    dialog: NodeRef<html::Dialog>,
    picker: NodeRef<html::Input>,
    waiting: RwSignal<Option<Waiting>>,
    upload: RwSignal<Upload>,
    /// The file itself stays in the browser thread that read it.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    file: StoredValue<Option<FileHandle>, LocalStorage>,
    on_edit: Callback<Edit>,
}

#[cfg(feature = "hydrate")]
type FileHandle = web_sys::File;
#[cfg(not(feature = "hydrate"))]
type FileHandle = ();

impl ImageTools {
    /// Tools for `textarea`; `on_edit` receives the text with the image in.
    pub fn new(textarea: NodeRef<html::Textarea>, on_edit: Callback<Edit>) -> Self {
        Self {
            textarea,
            dialog: NodeRef::new(),
            picker: NodeRef::new(),
            waiting: RwSignal::new(None),
            upload: RwSignal::new(Upload::Idle),
            file: StoredValue::new_local(None),
            on_edit,
        }
    }

    /// For the textarea's `on:paste`: an image on the clipboard is taken;
    /// text pastes as usual.
    pub fn paste(self, event: leptos::ev::ClipboardEvent) {
        #[cfg(feature = "hydrate")]
        self.take(&event, event.clipboard_data().and_then(|d| d.files()));
        #[cfg(not(feature = "hydrate"))]
        let _ = event;
    }

    /// For `on:dragover`: say that a drop is welcome.
    pub fn drag_over(self, event: leptos::ev::DragEvent) {
        #[cfg(feature = "hydrate")]
        if event
            .data_transfer()
            .is_some_and(|d| d.types().includes(&"Files".into(), 0))
        {
            event.prevent_default();
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = event;
    }

    /// For `on:drop`: a dropped file is taken; dropped text drops as usual.
    pub fn drop(self, event: leptos::ev::DragEvent) {
        #[cfg(feature = "hydrate")]
        self.take(&event, event.data_transfer().and_then(|d| d.files()));
        #[cfg(not(feature = "hydrate"))]
        let _ = event;
    }

    /// The first file of a paste or drop, instead of the browser's default.
    #[cfg(feature = "hydrate")]
    fn take(self, event: &web_sys::Event, files: Option<web_sys::FileList>) {
        if let Some(file) = files.and_then(|files| files.get(0)) {
            event.prevent_default();
            self.arrived(file);
        }
    }

    pub fn pick(self) {
        if let Some(input) = self.picker.get_untracked() {
            input.set_value("");
            input.click();
        }
    }

    #[cfg(feature = "hydrate")]
    fn arrived(self, file: web_sys::File) {
        let (start, end) = self
            .textarea
            .get_untracked()
            .map(|area| {
                let start = area.selection_start().ok().flatten().unwrap_or(0);
                (start, area.selection_end().ok().flatten().unwrap_or(start))
            })
            .unwrap_or_default();
        self.waiting.set(Some(Waiting {
            filename: file.name(),
            start,
            end,
        }));
        self.file.set_value(Some(file));
        self.upload.set(Upload::Idle);
        if let Some(dialog) = self.dialog.get_untracked() {
            let _ = dialog.show_modal();
        }
    }

    fn close(self) {
        if let Some(dialog) = self.dialog.get_untracked() {
            dialog.close();
        }
        self.waiting.set(None);
    }

    /// Uploads the waiting image and, once stored, inserts it.
    fn insert(self, alt: String) {
        let Some(waiting) = self.waiting.get_untracked() else {
            return;
        };
        self.close();
        self.upload.set(Upload::Uploading(format!(
            "Uploading {}…",
            waiting.filename
        )));
        #[cfg(feature = "hydrate")]
        {
            let Some(file) = self.file.get_value() else {
                return;
            };
            leptos::task::spawn_local(async move {
                match send(&file).await {
                    Ok(stored) => {
                        let text = self
                            .textarea
                            .get_untracked()
                            .map(|a| a.value())
                            .unwrap_or_default();
                        let markdown = crate::domain::image_markdown(&alt, &stored.url);
                        let edit =
                            format::insert_block(&text, waiting.start, waiting.end, &markdown);
                        if let Some(area) = self.textarea.get_untracked() {
                            area.set_value(&edit.text);
                            let _ = area.focus();
                            let _ = area.set_selection_range(edit.start, edit.end);
                        }
                        self.on_edit.run(edit);
                        self.upload.set(Upload::Added(format!(
                            "Added {} ({} × {}).",
                            waiting.filename, stored.width, stored.height
                        )));
                    }
                    Err(message) => self.upload.set(Upload::Refused(format!(
                        "{} was not added: {message} Your text is unchanged.",
                        waiting.filename
                    ))),
                }
                self.file.set_value(None);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (alt, format::insert_block);
    }
}

#[cfg(feature = "hydrate")]
async fn send(file: &web_sys::File) -> Result<crate::domain::MediaRef, String> {
    use base64::Engine;
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "the file could not be read.".to_owned())?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let request = crate::domain::UploadRequest {
        filename: file.name(),
        data_base64: base64::engine::general_purpose::STANDARD.encode(bytes),
    };
    crate::api::upload_media(request)
        .await
        .map_err(|error| match error {
            crate::api::AppError::Transport(_) => {
                "it did not reach the server (it may be over the upload limit, or the connection dropped).".to_owned()
            }
            other => other.to_string(),
        })
}

/// The "Image" toolbar button and its hidden file picker.
#[component]
pub fn ImageButton(tools: ImageTools) -> impl IntoView {
    view! {
        <button
            type="button"
            class="rounded border border-rule px-2 py-1 text-sm hover:bg-rule dark:border-night-rule dark:hover:bg-night-rule"
            title="Add an image (or paste or drop one into the text)"
            on:click=move |_| tools.pick()
        >
            "Image"
        </button>
        <input
            type="file"
            accept="image/png,image/jpeg,image/gif,image/webp,image/avif"
            class="sr-only"
            tabindex="-1"
            aria-hidden="true"
            data-testid="image-picker"
            node_ref=tools.picker
            on:change=move |_event| {
                #[cfg(feature = "hydrate")]
                {
                    let input: web_sys::HtmlInputElement = event_target(&_event);
                    if let Some(file) = input.files().and_then(|f| f.get(0)) {
                        tools.arrived(file);
                    }
                }
            }
        />
    }
}

/// The alt-text dialog and the upload's status line.
#[component]
pub fn ImageDialog(tools: ImageTools) -> impl IntoView {
    let alt = RwSignal::new(String::new());
    let decorative = RwSignal::new(false);
    let problem = RwSignal::new(None::<&'static str>);
    Effect::new(move || {
        if tools.waiting.with(Option::is_some) {
            alt.set(String::new());
            decorative.set(false);
            problem.set(None);
        }
    });
    let confirm = move || {
        let text = alt.get_untracked().trim().to_owned();
        if text.is_empty() && !decorative.get_untracked() {
            problem.set(Some(
                "Describe the image for readers who cannot see it, or mark it decorative.",
            ));
            return;
        }
        tools.insert(if decorative.get_untracked() {
            String::new()
        } else {
            text
        });
    };
    let status = move || {
        match tools.upload.get() {
        Upload::Idle => None,
        Upload::Uploading(text) | Upload::Added(text) => Some(view! {
            <p class="mt-1 text-sm text-muted dark:text-night-muted" data-testid="image-status">{text}</p>
        }.into_any()),
        Upload::Refused(text) => Some(view! {
            <p class="mt-1 text-sm font-semibold text-red-700 dark:text-red-300" data-testid="image-status">{text}</p>
        }.into_any()),
    }
    };
    view! {
        <div role="status" aria-live="polite">{status}</div>
        <dialog
            node_ref=tools.dialog
            aria-labelledby="image-dialog-title"
            class="w-[min(32rem,calc(100vw-2rem))] rounded border border-rule bg-paper p-5 text-ink backdrop:bg-black/40 dark:border-night-rule dark:bg-night dark:text-night-ink"
            on:close=move |_| tools.waiting.set(None)
        >
            <form
                method="dialog"
                class="space-y-4"
                on:submit=move |event| {
                    event.prevent_default();
                    confirm();
                }
            >
                <h2 id="image-dialog-title" class="font-serif text-xl font-semibold">"Add an image"</h2>
                <p class="text-sm text-muted dark:text-night-muted">
                    {move || tools.waiting.get().map(|w| w.filename).unwrap_or_default()}
                </p>
                <div>
                    <label for="image-alt" class="block text-sm font-semibold">"What does it show?"</label>
                    <input
                        id="image-alt"
                        type="text"
                        autocomplete="off"
                        maxlength="300"
                        class="mt-1 w-full rounded border border-muted bg-paper px-3 py-2 text-ink disabled:opacity-60 dark:border-night-muted dark:bg-night dark:text-night-ink"
                        aria-describedby="image-alt-help image-alt-problem"
                        prop:value=move || alt.get()
                        prop:disabled=move || decorative.get()
                        on:input=move |event| {
                            alt.set(event_target_value(&event));
                            problem.set(None);
                        }
                    />
                    <p id="image-alt-help" class="mt-1 text-sm text-muted dark:text-night-muted">
                        "Read aloud by screen readers and shown if the image cannot load."
                    </p>
                </div>
                <label class="flex items-start gap-2 text-sm">
                    <input
                        type="checkbox"
                        class="mt-1"
                        prop:checked=move || decorative.get()
                        on:change=move |event| {
                            decorative.set(event_target_checked(&event));
                            problem.set(None);
                        }
                    />
                    <span>"Decorative: it adds nothing a reader needs, so it gets no description"</span>
                </label>
                <p id="image-alt-problem" class="text-sm font-semibold text-red-700 dark:text-red-300" aria-live="assertive">
                    {move || problem.get()}
                </p>
                <div class="flex justify-end gap-2">
                    <button type="button" class="rounded border border-rule px-3 py-2 dark:border-night-rule" on:click=move |_| tools.close()>
                        "Cancel"
                    </button>
                    <button type="submit" class="rounded bg-ink px-3 py-2 font-semibold text-paper dark:bg-night-ink dark:text-night">
                        "Insert image"
                    </button>
                </div>
            </form>
        </dialog>
    }
}
