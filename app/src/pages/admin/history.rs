//! `/admin/history/:kind/:id`: every revision of an article or note, a diff
//! between any two, and restoring one (which is itself a new revision).

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::{AdminFrame, AdminGate};
use crate::api::{diff_revisions, list_revisions, restore_revision, AppError};
use crate::domain::{DiffRequest, ItemKind, ItemRef, RestoreRequest, RevisionInfo, SaveOutcome};
use crate::pages::LoadError;

#[component]
pub fn HistoryPage() -> impl IntoView {
    let params = use_params_map();
    let item = move || {
        params.with(|p| {
            let kind = p.get("kind").and_then(|k| ItemKind::parse(&k))?;
            let id = p.get("id")?.parse::<i64>().ok()?;
            Some(ItemRef { kind, id })
        })
    };
    let revisions = super::load_in_browser(item, |item| async move {
        match item {
            Some(item) => list_revisions(item.clone()).await.map(|r| (item, r)),
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <AdminGate>
            <AdminFrame title="Revision history">
                <h1 class="pt-6 font-serif text-3xl font-semibold tracking-tight">"Revision history"</h1>
                {move || match revisions.get() {
                    None => view! { <p class="py-6">"Loading revisions…"</p> }.into_any(),
                    Some(Ok((item, list))) => view! { <Revisions item list /> }.into_any(),
                    Some(Err(error)) => view! { <LoadError error /> }.into_any(),
                }}
            </AdminFrame>
        </AdminGate>
    }
}

#[component]
fn Revisions(item: ItemRef, list: Vec<RevisionInfo>) -> impl IntoView {
    let newest = list.first().map(|r| r.id).unwrap_or_default();
    let older = list.get(1).map_or(newest, |r| r.id);
    let from = RwSignal::new(older);
    let to = RwSignal::new(newest);
    let target = item.clone();
    let diff = LocalResource::new(move || {
        let request = DiffRequest {
            item: target.clone(),
            from: from.get(),
            to: to.get(),
        };
        async move { diff_revisions(request).await }
    });
    let message = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let editor = format!("/admin/edit/{}/{}", item.kind.as_str(), item.id);
    let restore = {
        let item = item.clone();
        let editor = editor.clone();
        move |revision: i64| {
            let item = item.clone();
            let editor = editor.clone();
            let navigate = navigate.clone();
            leptos::task::spawn_local(async move {
                match restore_revision(RestoreRequest { item, revision }).await {
                    Ok(SaveOutcome::Saved { .. }) => navigate(&editor, Default::default()),
                    Ok(SaveOutcome::Invalid { errors }) => {
                        message.set(errors.first().map(|e| e.message.clone()))
                    }
                    Ok(SaveOutcome::Conflict { .. }) => message.set(Some(
                        "The item changed meanwhile; reload and try again.".into(),
                    )),
                    Err(e) => message.set(Some(e.to_string())),
                }
            });
        }
    };
    let options = move || {
        list.iter()
            .map(|r| {
                (
                    r.id,
                    format!(
                        "{} — {} ({} words)",
                        r.saved_at.replace('T', " ").trim_end_matches('Z'),
                        r.title,
                        r.words
                    ),
                )
            })
            .collect::<Vec<_>>()
    };
    let rows = options();
    let picker = move |label: &'static str, id: &'static str, signal: RwSignal<i64>| {
        let rows = options();
        view! {
            <div>
                <label for=id class="block text-sm font-semibold">{label}</label>
                <select id=id class="mt-1 w-full rounded border border-muted bg-paper px-2 py-1 text-ink dark:border-night-muted dark:bg-night dark:text-night-ink"
                    on:change=move |e| if let Ok(v) = event_target_value(&e).parse() { signal.set(v) }>
                    {rows.into_iter().map(|(rid, text)| view! {
                        <option value=rid.to_string() selected=move || signal.get() == rid>{text}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <p class="mt-2"><a href=editor class="underline">"Back to the editor"</a></p>
        {move || message.get().map(|m| view! { <p role="alert" class="mt-2 font-semibold text-red-700 dark:text-red-300">{m}</p> })}
        <ol class="mt-4 divide-y divide-rule dark:divide-night-rule" aria-label="Revisions, newest first">
            {rows.into_iter().map(|(rid, text)| {
                let restore = restore.clone();
                view! {
                    <li class="flex flex-wrap items-center justify-between gap-2 py-2">
                        <span>{text.clone()}</span>
                        <button type="button" class="rounded border border-rule px-2 py-1 text-sm font-semibold dark:border-night-rule"
                            aria-label=format!("Restore the revision of {text}")
                            on:click=move |_| restore(rid)>"Restore"</button>
                    </li>
                }
            }).collect_view()}
        </ol>
        <section aria-labelledby="diff-heading" class="mt-8">
            <h2 id="diff-heading" class="font-serif text-xl font-semibold">"Compare two revisions"</h2>
            <div class="mt-2 grid gap-4 sm:grid-cols-2">
                {picker("From", "diff-from", from)}
                {picker("To", "diff-to", to)}
            </div>
            {move || match diff.get() {
                        None => ().into_any(),
                        Some(Ok(lines)) => view! {
                            <pre data-testid="diff" tabindex="0" class="mt-4 overflow-x-auto rounded border border-rule p-3 text-sm dark:border-night-rule">
                                {lines.into_iter().map(|line| {
                                    let (class, sign, label) = match line.change {
                                        '+' => ("block bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200", "+ ", "added: "),
                                        '-' => ("block bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200", "- ", "removed: "),
                                        _ => ("block", "  ", ""),
                                    };
                                    view! { <span class=class><span class="sr-only">{label}</span><span aria-hidden="true">{sign}</span>{line.text}</span> }
                                }).collect_view()}
                            </pre>
                        }.into_any(),
                        Some(Err(error)) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
            }}
        </section>
    }
}
