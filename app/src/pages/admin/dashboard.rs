//! `/admin`: what is in progress, what is coming, what went out, and the
//! trash, with counts per kind and a "New" button for each.

use leptos::prelude::*;

use super::{AdminFrame, AdminGate};
use crate::api::{admin_dashboard, restore_item};
use crate::domain::{dates, Dashboard, DashboardItem, ItemKind, ItemRef, KindCounts};
use crate::pages::LoadError;

#[component]
pub fn DashboardPage() -> impl IntoView {
    view! {
        <AdminGate>
            <AdminFrame title="Dashboard">
                <DashboardBody />
            </AdminFrame>
        </AdminGate>
    }
}

#[component]
fn DashboardBody() -> impl IntoView {
    let data = super::load_in_browser(|| (), |()| admin_dashboard());
    view! {
        <h1 class="pt-6 font-serif text-3xl font-semibold tracking-tight">"Dashboard"</h1>
        {move || match data.get() {
            None => view! { <p class="py-6">"Loading your work…"</p> }.into_any(),
            Some(Ok(dashboard)) => view! { <Lists dashboard reload=move || data.refetch() /> }.into_any(),
            Some(Err(error)) => view! { <LoadError error /> }.into_any(),
        }}
    }
}

#[component]
fn Lists(dashboard: Dashboard, reload: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let Dashboard {
        counts,
        drafts,
        scheduled,
        published,
        trash,
    } = dashboard;
    view! {
        <ul class="mt-6 grid gap-4 sm:grid-cols-3" aria-label="Counts by kind">
            {counts.into_iter().map(|c| view! { <CountCard counts=c /> }).collect_view()}
        </ul>
        <div class="mt-8 grid gap-8 md:grid-cols-2">
            <ItemList heading="Drafts" empty="No drafts. Start something new." items=drafts when="Changed" />
            <ItemList heading="Scheduled" empty="Nothing scheduled." items=scheduled when="Publishes" />
            <ItemList heading="Recently published" empty="Nothing published yet." items=published when="Published" />
            <TrashList items=trash reload />
        </div>
    }
}

#[component]
fn CountCard(counts: KindCounts) -> impl IntoView {
    let kind = counts.kind;
    let heading_id = format!("count-{}", kind.as_str());
    view! {
        <li class="rounded border border-rule p-4 dark:border-night-rule" aria-labelledby=heading_id.clone()>
            <div class="flex items-baseline justify-between gap-2">
                <h2 id=heading_id.clone() class="font-semibold">{kind.plural()}</h2>
                <a href=format!("/admin/new/{}", kind.as_str()) class="rounded bg-ink px-3 py-1 text-sm font-semibold text-paper hover:bg-accent dark:bg-night-ink dark:text-night dark:hover:bg-night-accent">
                    {format!("New {}", kind.as_str())}
                </a>
            </div>
            <dl class="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
                <dt>"Drafts"</dt><dd class="text-right font-mono tabular-nums">{counts.drafts}</dd>
                <dt>"Scheduled"</dt><dd class="text-right font-mono tabular-nums">{counts.scheduled}</dd>
                <dt>"Published"</dt><dd class="text-right font-mono tabular-nums">{counts.published}</dd>
                <dt>"In the trash"</dt><dd class="text-right font-mono tabular-nums">{counts.trash}</dd>
            </dl>
        </li>
    }
}

fn edit_href(kind: ItemKind, id: i64) -> String {
    format!("/admin/edit/{}/{id}", kind.as_str())
}

fn when_label(at: &str) -> String {
    let day = dates::day_of(at).unwrap_or_default();
    let time = at.get(11..16).unwrap_or_default();
    format!("{} {time} UTC", dates::day_label(&day))
}

#[component]
fn ItemList(
    heading: &'static str,
    empty: &'static str,
    items: Vec<DashboardItem>,
    when: &'static str,
) -> impl IntoView {
    view! {
        <section aria-label=heading>
            <h2 class="font-serif text-xl font-semibold">{heading}</h2>
            {if items.is_empty() {
                view! { <p class="mt-2 text-muted dark:text-night-muted">{empty}</p> }.into_any()
            } else {
                view! {
                    <ul class="mt-2 divide-y divide-rule dark:divide-night-rule">
                        {items.into_iter().map(|item| view! {
                            <li class="py-2">
                                <a href=edit_href(item.kind, item.id) class="font-semibold hover:underline">{item.title.clone()}</a>
                                <p class="text-sm text-muted dark:text-night-muted">
                                    {format!("{} · {when} {}", item.kind.label(), when_label(&item.at))}
                                </p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn TrashList(
    items: Vec<DashboardItem>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let failed = RwSignal::new(None::<String>);
    view! {
        <section aria-label="Trash">
            <h2 class="font-serif text-xl font-semibold">"Trash"</h2>
            {move || failed.get().map(|m| view! { <p role="alert" class="mt-2 text-red-700 dark:text-red-300">{m}</p> })}
            {if items.is_empty() {
                view! { <p class="mt-2 text-muted dark:text-night-muted">"The trash is empty."</p> }.into_any()
            } else {
                view! {
                    <ul class="mt-2 divide-y divide-rule dark:divide-night-rule">
                        {items.into_iter().map(|item| {
                            let target = ItemRef { kind: item.kind, id: item.id };
                            let restore = move |_| {
                                let target = target.clone();
                                leptos::task::spawn_local(async move {
                                    match restore_item(target).await {
                                        Ok(_) => reload(),
                                        Err(e) => failed.set(Some(e.to_string())),
                                    }
                                });
                            };
                            view! {
                                <li class="flex items-center justify-between gap-3 py-2">
                                    <div>
                                        <a href=edit_href(item.kind, item.id) class="font-semibold hover:underline">{item.title.clone()}</a>
                                        <p class="text-sm text-muted dark:text-night-muted">{format!("{} · deleted {}", item.kind.label(), when_label(&item.at))}</p>
                                    </div>
                                    <button type="button" class="rounded border border-rule px-2 py-1 text-sm font-semibold dark:border-night-rule" on:click=restore
                                        aria-label=format!("Restore {}", item.title)>
                                        "Restore"
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
