//! `/admin/taxonomy`: every tag, category and source with how many items
//! use it. Rename one (its old address redirects), merge one into another,
//! or delete one nothing uses.

use leptos::prelude::*;

use super::{AdminFrame, AdminGate};
use crate::api::{delete_term, load_taxonomy, merge_terms, rename_term};
use crate::domain::{TermDelete, TermKind, TermMerge, TermRename, TermRow};
use crate::pages::LoadError;

/// What the last action came to, shown at the top of the page.
type Outcome = Callback<Result<String, String>>;

#[component]
pub fn TaxonomyPage() -> impl IntoView {
    let taxonomy = super::load_in_browser(|| (), |()| load_taxonomy());
    let message = RwSignal::new(None::<(bool, String)>);
    let done: Outcome = Callback::new(move |outcome: Result<String, String>| match outcome {
        Ok(text) => {
            message.set(Some((true, text)));
            taxonomy.refetch();
        }
        Err(text) => message.set(Some((false, text))),
    });
    view! {
        <AdminGate>
            <AdminFrame title="Tags & categories">
                <h1 class="pt-6 font-serif text-3xl font-semibold tracking-tight">"Tags, categories and sources"</h1>
                <p class="mt-2 text-muted dark:text-night-muted">
                    "Counts include drafts and the trash. Renamed or merged ones keep their old addresses working."
                </p>
                <super::ActionNotice message testid="taxonomy-message" />
                {move || match taxonomy.get() {
                    None => view! { <p class="py-6">"Loading…"</p> }.into_any(),
                    Some(Err(error)) => view! { <LoadError error /> }.into_any(),
                    Some(Ok(all)) => TermKind::ALL.into_iter().map(|kind| {
                        let rows = all.of(kind).to_vec();
                        view! { <TermSection kind rows done /> }
                    }).collect_view().into_any(),
                }}
            </AdminFrame>
        </AdminGate>
    }
}

#[component]
fn TermSection(kind: TermKind, rows: Vec<TermRow>, done: Outcome) -> impl IntoView {
    let heading = format!("{}-heading", kind.as_str());
    let heading_id = heading.clone();
    let all = StoredValue::new(rows.clone());
    view! {
        <section aria-labelledby=heading class="mt-8">
            <h2 id=heading_id class="font-serif text-2xl font-semibold">{kind.plural()}</h2>
            {if rows.is_empty() {
                view! { <p class="mt-2">"None yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="mt-3 divide-y divide-rule border-y border-rule dark:divide-night-rule dark:border-night-rule">
                        {rows.into_iter().map(|row| view! { <TermItem kind row all done /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn TermItem(
    kind: TermKind,
    row: TermRow,
    all: StoredValue<Vec<TermRow>>,
    done: Outcome,
) -> impl IntoView {
    let id = row.id;
    let name = RwSignal::new(row.name.clone());
    let slug = RwSignal::new(row.slug.clone());
    let others: Vec<TermRow> =
        all.with_value(|a| a.iter().filter(|r| r.id != id).cloned().collect());
    let into = RwSignal::new(others.first().map(|r| r.id).unwrap_or_default());
    let uses = row.uses;
    let label = row.name.clone();
    let field = |part: &str| format!("{}-{id}-{part}", kind.as_str());
    let (name_id, slug_id, merge_id) = (field("name"), field("slug"), field("merge"));
    let rename = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let request = TermRename {
            kind,
            id,
            name: name.get_untracked(),
            slug: slug.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            done.run(rename_term(request).await.map_err(|e| e.to_string()));
        });
    };
    let merge = {
        let label = label.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let request = TermMerge {
                kind,
                from: id,
                into: into.get_untracked(),
            };
            let label = label.clone();
            leptos::task::spawn_local(async move {
                done.run(
                    merge_terms(request)
                        .await
                        .map(|_| format!("Merged “{label}”; its old address redirects."))
                        .map_err(|e| e.to_string()),
                );
            });
        }
    };
    let delete = {
        let label = label.clone();
        move |_| {
            let label = label.clone();
            leptos::task::spawn_local(async move {
                done.run(
                    delete_term(TermDelete { kind, id })
                        .await
                        .map(|_| format!("Deleted “{label}”."))
                        .map_err(|e| e.to_string()),
                );
            });
        }
    };
    let count = if uses == 1 {
        "1 item".to_owned()
    } else {
        format!("{uses} items")
    };
    view! {
        <li class="py-3">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <p>
                    <a class="font-semibold underline" href=kind.public_path(&row.slug)>{row.name.clone()}</a>
                    <span class="ml-2 font-mono text-sm text-muted dark:text-night-muted">{row.slug.clone()}</span>
                </p>
                <p class="text-sm" data-testid="term-uses">{count}</p>
            </div>
            <details class="mt-2">
                <summary class="cursor-pointer text-sm underline">{format!("Change “{}”", row.name)}</summary>
                <div class="mt-3 grid gap-4 md:grid-cols-2">
                    <form class="space-y-2" on:submit=rename aria-label=format!("Rename {}", row.name)>
                        <label for=name_id.clone() class="block text-sm font-semibold">"Name"</label>
                        <input id=name_id type="text" maxlength="80" required
                            class="w-full rounded border border-muted bg-paper px-3 py-2 text-ink dark:border-night-muted dark:bg-night dark:text-night-ink"
                            prop:value=move || name.get() on:input=move |e| name.set(event_target_value(&e)) />
                        <label for=slug_id.clone() class="block text-sm font-semibold">"Address (slug)"</label>
                        <input id=slug_id type="text" maxlength="120"
                            class="w-full rounded border border-muted bg-paper px-3 py-2 font-mono text-ink dark:border-night-muted dark:bg-night dark:text-night-ink"
                            prop:value=move || slug.get() on:input=move |e| slug.set(event_target_value(&e)) />
                        <button type="submit" class="rounded bg-ink px-3 py-2 text-sm font-semibold text-paper dark:bg-night-ink dark:text-night">"Rename"</button>
                    </form>
                    <div class="space-y-4">
                        {(!others.is_empty()).then(|| view! {
                            <form class="space-y-2" on:submit=merge aria-label=format!("Merge {}", row.name)>
                                <label for=merge_id.clone() class="block text-sm font-semibold">"Merge into"</label>
                                <select id=merge_id
                                    class="w-full rounded border border-muted bg-paper px-3 py-2 text-ink dark:border-night-muted dark:bg-night dark:text-night-ink"
                                    on:change=move |e| into.set(event_target_value(&e).parse().unwrap_or_default())>
                                    {others.iter().map(|o| view! { <option value=o.id.to_string()>{o.name.clone()}</option> }).collect_view()}
                                </select>
                                <button type="submit" class="rounded border border-rule px-3 py-2 text-sm font-semibold dark:border-night-rule">"Merge"</button>
                            </form>
                        })}
                        {if uses == 0 {
                            view! {
                                <button type="button" class="rounded border border-rule px-3 py-2 text-sm font-semibold dark:border-night-rule" on:click=delete>
                                    {format!("Delete “{label}”")}
                                </button>
                            }.into_any()
                        } else {
                            view! { <p class="text-sm text-muted dark:text-night-muted">"In use, so it cannot be deleted: merge it into another instead."</p> }.into_any()
                        }}
                    </div>
                </div>
            </details>
        </li>
    }
}
