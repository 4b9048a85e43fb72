//! `/admin/login`: a plain form that posts to the server, so signing in
//! works with JavaScript off. The server answers a failure by rendering
//! this page with the reason in the query (and a 401 or 429 status).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{sign_in_notice, whoami};
use crate::components::page_meta::PageMeta;

#[component]
pub fn LoginPage() -> impl IntoView {
    let who = Resource::new(|| (), |_| whoami());
    let query = use_query_map();
    let next = move || {
        query
            .with(|q| q.get("next"))
            .unwrap_or_else(|| "/admin".to_owned())
    };
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match who.await {
                    Ok(Some(name)) => view! {
                        <PageMeta title="Signed in" description="Folio's author area." path="/admin/login" />
                        <section class="mx-auto max-w-md py-12">
                            <h1 class="font-serif text-3xl font-semibold">"You are signed in"</h1>
                            <p class="mt-4">{format!("Signed in as {name}. ")}<a href="/admin" class="underline">"Go to the dashboard"</a></p>
                        </section>
                    }.into_any(),
                    _ => view! { <SignInForm next=next() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The form itself, also shown by the admin gate in place of any admin page.
#[component]
pub fn SignInForm(next: String) -> impl IntoView {
    let query = use_query_map();
    // Why the last attempt failed: set by the server when it renders this
    // page in answer to a refused sign-in, and carried to the browser with
    // the page, so it survives hydration (the address has no query then).
    let notice = Resource::new(|| (), |_| sign_in_notice());
    let notice = move || notice.get().and_then(Result::ok).flatten();
    let username = move || notice().map(|n| n.username).unwrap_or_default();
    let message = move || notice().map(|n| n.message());
    let signed_out = move || query.with(|q| q.get("signed_out").is_some());
    view! {
        <PageMeta title="Sign in" description="Sign in to write on this site." path="/admin/login" />
        <section class="mx-auto max-w-md py-12">
            <h1 class="font-serif text-3xl font-semibold">"Sign in"</h1>
            <p class="mt-2 text-muted dark:text-night-muted">"The author's area of this site."</p>
            {move || signed_out().then(|| view! { <p role="status" class="mt-4 font-semibold">"You have signed out."</p> })}
            <Suspense fallback=|| ()>
                {move || message().map(|text| view! {
                    <p role="alert" id="sign-in-error" class="mt-4 rounded border border-red-700 p-3 font-semibold text-red-700 dark:border-red-300 dark:text-red-300">{text}</p>
                })}
            </Suspense>
            <form method="post" action="/admin/login" class="mt-6 space-y-4">
                <input type="hidden" name="next" value=next />
                <div>
                    <label for="username" class="block text-sm font-semibold">"Name"</label>
                    <Suspense fallback=|| ()>
                    <input id="username" name="username" type="text" required autocomplete="username"
                        value=username
                        class="mt-1 w-full rounded border border-muted bg-paper px-3 py-2 text-ink dark:border-night-muted dark:bg-night dark:text-night-ink" />
                    </Suspense>
                </div>
                <div>
                    <label for="password" class="block text-sm font-semibold">"Password"</label>
                    <input id="password" name="password" type="password" required autocomplete="current-password"
                        class="mt-1 w-full rounded border border-muted bg-paper px-3 py-2 text-ink dark:border-night-muted dark:bg-night dark:text-night-ink" />
                </div>
                <button type="submit" class="rounded bg-ink px-4 py-2 font-semibold text-paper hover:bg-accent dark:bg-night-ink dark:text-night dark:hover:bg-night-accent">
                    "Sign in"
                </button>
            </form>
        </section>
    }
}
