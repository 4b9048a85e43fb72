//! The markdown source beside its live preview. The preview HTML comes from
//! the server's own renderer (a POST after typing pauses for 200 ms), so it
//! is the published page; replies that arrive after a newer request are
//! dropped. Word count and reading time are counted here, on every key.

use std::time::Duration;

use leptos::{ev, html, prelude::*};

use super::format::{self, Format};
use super::Editing;
use crate::api::preview_markdown;
use crate::domain::{reading_minutes, word_count, PreviewRequest};
use crate::pages::admin::images::{ImageButton, ImageDialog, ImageTools};

const PREVIEW_AFTER: Duration = Duration::from_millis(200);

#[component]
pub fn BodyAndPreview(editing: Editing) -> impl IntoView {
    let textarea = NodeRef::<html::Textarea>::new();
    let preview = RwSignal::new(String::new());
    let preview_failed = RwSignal::new(false);
    let sequence = StoredValue::new(0u64);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let body = Memo::new(move |_| editing.doc.with(|d| d.body_md.clone()));

    Effect::new(move || {
        let text = body.get();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let request = move || {
            sequence.update_value(|n| *n += 1);
            let mine = sequence.get_value();
            leptos::task::spawn_local(async move {
                let answer = preview_markdown(PreviewRequest { body_md: text }).await;
                if sequence.get_value() != mine {
                    return; // a newer preview is on its way
                }
                match answer {
                    Ok(rendered) => {
                        preview.set(rendered.html);
                        editing.unknown_languages.set(rendered.unknown_languages);
                        preview_failed.set(false);
                    }
                    Err(_) => preview_failed.set(true),
                }
            });
        };
        pending.set_value(set_timeout_with_handle(request, PREVIEW_AFTER).ok());
    });

    let apply = move |format: Format| {
        let Some(area) = textarea.get_untracked() else {
            return;
        };
        let start = area.selection_start().ok().flatten().unwrap_or(0);
        let end = area.selection_end().ok().flatten().unwrap_or(start);
        let edit = format::apply(&area.value(), start, end, format);
        area.set_value(&edit.text);
        let _ = area.focus();
        let _ = area.set_selection_range(edit.start, edit.end);
        editing.doc.update(|d| d.body_md = edit.text);
    };
    let on_keydown = move |event: ev::KeyboardEvent| {
        if !(event.ctrl_key() || event.meta_key()) || event.alt_key() {
            return;
        }
        if let Some(format) = Format::from_key(&event.key(), event.shift_key()) {
            event.prevent_default();
            apply(format);
        }
    };
    let images = ImageTools::new(
        textarea,
        Callback::new(move |edit: format::Edit| editing.doc.update(|d| d.body_md = edit.text)),
    );
    let words = Memo::new(move |_| body.with(|b| word_count(b)));
    let error = editing.error_for("body_md");

    view! {
        <div class="grid gap-4 xl:grid-cols-2">
            <div class="min-w-0">
                <div class="flex flex-wrap items-end justify-between gap-2">
                    <label for="body" class="block text-sm font-semibold">"Text (markdown)"</label>
                    <p class="text-sm text-muted dark:text-night-muted" aria-live="off" data-testid="word-count">
                        {move || {
                            let n = words.get();
                            let unit = if n == 1 { "word" } else { "words" };
                            format!("{n} {unit} · {} min read", reading_minutes(n))
                        }}
                    </p>
                </div>
                <div role="toolbar" aria-label="Formatting" aria-controls="body" class="mt-1 flex flex-wrap gap-1">
                    {Format::ALL.into_iter().map(|format| view! {
                        <button
                            type="button"
                            class="rounded border border-rule px-2 py-1 text-sm hover:bg-rule dark:border-night-rule dark:hover:bg-night-rule"
                            aria-keyshortcuts=format.aria_shortcut()
                            title=format!("{} ({})", format.label(), shortcut_text(format))
                            on:click=move |_| apply(format)
                        >
                            {format.label()}
                        </button>
                    }).collect_view()}
                    <ImageButton tools=images />
                </div>
                <textarea
                    id="body"
                    name="body"
                    node_ref=textarea
                    rows="24"
                    spellcheck="true"
                    class="mt-2 w-full rounded border border-muted bg-paper p-3 font-mono text-sm leading-relaxed text-ink dark:border-night-muted dark:bg-night dark:text-night-ink"
                    aria-describedby="body-error"
                    prop:value=move || body.get()
                    on:input=move |event| {
                        let text = event_target_value(&event);
                        editing.doc.update(|d| d.body_md = text);
                    }
                    on:keydown=on_keydown
                    on:paste=move |event| images.paste(event)
                    on:dragover=move |event| images.drag_over(event)
                    on:drop=move |event| images.drop(event)
                ></textarea>
                <ImageDialog tools=images />
                <super::fields::FieldMessage id="body_md" error />
            </div>
            <section aria-labelledby="preview-heading" class="min-w-0">
                <h2 id="preview-heading" class="text-sm font-semibold">"Preview"</h2>
                {move || preview_failed.get().then(|| view! {
                    <p class="mt-1 text-sm text-red-700 dark:text-red-300">"The preview could not be updated; your text is safe."</p>
                })}
                <div
                    data-testid="preview"
                    class="article-body mt-2 rounded border border-rule p-4 dark:border-night-rule"
                    inner_html=move || preview.get()
                ></div>
            </section>
        </div>
    }
}

fn shortcut_text(format: Format) -> String {
    let (key, shift) = format.shortcut();
    let key = key.to_uppercase();
    if shift {
        format!("Ctrl+Shift+{key}")
    } else {
        format!("Ctrl+{key}")
    }
}
