//! `/admin/media`: every uploaded image with where it is used. An image
//! still used by an article, note, summary or the profile cannot be
//! deleted; the server checks again in the same transaction as the delete.

use leptos::prelude::*;

use super::{AdminFrame, AdminGate};
use crate::api::{delete_media, media_library};
use crate::domain::{human_size, MediaItem};
use crate::pages::LoadError;

#[component]
pub fn MediaPage() -> impl IntoView {
    let library = super::load_in_browser(|| (), |()| media_library());
    let message = RwSignal::new(None::<(bool, String)>);
    view! {
        <AdminGate>
            <AdminFrame title="Media">
                <h1 class="pt-6 font-serif text-3xl font-semibold tracking-tight">"Media"</h1>
                <p class="mt-2 text-muted dark:text-night-muted">
                    "Images you added to articles, notes, summaries and the profile. Add new ones in the editor: paste, drop or pick them."
                </p>
                <super::ActionNotice message testid="media-message" />
                {move || match library.get() {
                    None => view! { <p class="py-6">"Loading images…"</p> }.into_any(),
                    Some(Err(error)) => view! { <LoadError error /> }.into_any(),
                    Some(Ok(lib)) if lib.items.is_empty() => view! {
                        <p class="py-6">{format!("No images yet. Uploads can be up to {} each.", human_size(lib.max_bytes))}</p>
                    }.into_any(),
                    Some(Ok(lib)) => view! {
                        <p class="mt-2 text-sm text-muted dark:text-night-muted">
                            {format!("{} images · uploads up to {} each", lib.items.len(), human_size(lib.max_bytes))}
                        </p>
                        <ul class="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
                            <For each=move || lib.items.clone() key=|item| item.name.clone() let:item>
                                <MediaCard item on_done=Callback::new(move |outcome: Result<String, String>| {
                                    match outcome {
                                        Ok(text) => {
                                            message.set(Some((true, text)));
                                            library.refetch();
                                        }
                                        Err(text) => message.set(Some((false, text))),
                                    }
                                }) />
                            </For>
                        </ul>
                    }.into_any(),
                }}
            </AdminFrame>
        </AdminGate>
    }
}

#[component]
fn MediaCard(item: MediaItem, on_done: Callback<Result<String, String>>) -> impl IntoView {
    let name = item.name.clone();
    let used = !item.uses.is_empty();
    let label = item.filename.clone();
    let delete = move |_| {
        let name = name.clone();
        let label = label.clone();
        leptos::task::spawn_local(async move {
            let outcome = match delete_media(name).await {
                Ok(()) => Ok(format!("Deleted {label}.")),
                Err(error) => Err(format!("{label} was not deleted: {error}")),
            };
            on_done.run(outcome);
        });
    };
    view! {
        <li class="rounded border border-rule p-3 dark:border-night-rule">
            <img
                src=item.url.clone()
                alt=""
                width=item.width
                height=item.height
                loading="lazy"
                class="h-40 w-full rounded bg-rule object-contain dark:bg-night-rule"
            />
            <p class="mt-2 break-all font-semibold">{item.filename.clone()}</p>
            <p class="text-sm text-muted dark:text-night-muted">
                {format!("{} × {} · {} · {}", item.width, item.height, human_size(item.size), item.content_type)}
            </p>
            <p class="mt-1 break-all font-mono text-xs">{item.url.clone()}</p>
            {if used {
                view! {
                    <div class="mt-2 text-sm">
                        <p class="font-semibold">"Used in"</p>
                        <ul class="list-disc pl-5">
                            {item.uses.iter().map(|u| view! {
                                <li><a class="underline" href=u.edit_href.clone()>{format!("{}: {}", u.kind, u.title)}</a></li>
                            }).collect_view()}
                        </ul>
                    </div>
                }.into_any()
            } else {
                view! { <p class="mt-2 text-sm">"Not used anywhere."</p> }.into_any()
            }}
            <button
                type="button"
                class="mt-3 rounded border border-rule px-3 py-1 text-sm font-semibold disabled:opacity-60 dark:border-night-rule"
                prop:disabled=used
                aria-label=format!("Delete {}", item.filename)
                title=if used { "Take it out of the items that use it first" } else { "Delete this image" }
                on:click=delete
            >
                "Delete"
            </button>
        </li>
    }
}
