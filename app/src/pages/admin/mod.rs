//! The author's pages under `/admin`. The gate asks the server who is
//! signed in while the page is rendered there, so an anonymous visitor gets
//! the sign-in form in the first response and no admin data is ever sent
//! to them; the author-only server functions check again on every call.

mod dashboard;
pub mod editor;
mod history;
pub mod images;
mod login;
mod media;
mod profile;
pub mod routes;
mod taxonomy;

pub use dashboard::DashboardPage;
pub use editor::EditorPage;
pub use history::HistoryPage;
pub use login::LoginPage;
pub use media::MediaPage;
pub use profile::ProfilePage;
pub use taxonomy::TaxonomyPage;

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_location;

use crate::api::whoami;

/// Shows `children` to a signed-in author and the sign-in form to anyone else.
#[component]
pub fn AdminGate(children: ChildrenFn) -> impl IntoView {
    let who = Resource::new(|| (), |_| whoami());
    let children = StoredValue::new(children);
    let location = use_location();
    view! {
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| view! { <p class="py-8">"Checking who you are…"</p> }>
            {move || Suspend::new(async move {
                match who.await {
                    Ok(Some(name)) => {
                        provide_context(AuthorName(name));
                        children.with_value(|c| c()).into_any()
                    }
                    Ok(None) => {
                        let next = location.pathname.get_untracked();
                        view! { <login::SignInForm next /> }.into_any()
                    }
                    Err(error) => view! { <crate::pages::LoadError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Data an admin page loads in the browser once it has hydrated. The
/// server renders the loading state (admin data depends on the session and
/// is not worth rendering ahead of time), the browser renders the same and
/// then fetches: no hydration mismatch, no Suspense race. A newer fetch
/// wins over an older one that answers late.
pub struct BrowserData<T: Send + Sync + 'static> {
    value: RwSignal<Option<T>>,
    version: RwSignal<u64>,
}

impl<T: Send + Sync + 'static> Clone for BrowserData<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for BrowserData<T> {}

impl<T: Clone + Send + Sync + 'static> BrowserData<T> {
    pub fn get(self) -> Option<T> {
        self.value.get()
    }

    pub fn refetch(self) {
        self.version.update(|v| *v += 1);
    }
}

pub fn load_in_browser<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetch: impl Fn(S) -> Fut + Copy + Send + Sync + 'static,
) -> BrowserData<T>
where
    S: 'static,
    T: Send + Sync + 'static,
    Fut: std::future::Future<Output = T> + 'static,
{
    let data = BrowserData {
        value: RwSignal::new(None),
        version: RwSignal::new(0),
    };
    let sequence = StoredValue::new(0u64);
    Effect::new(move || {
        data.version.track();
        let input = source();
        sequence.update_value(|n| *n += 1);
        let mine = sequence.get_value();
        leptos::task::spawn_local(async move {
            let value = fetch(input).await;
            if sequence.try_get_value() == Some(mine) {
                data.value.set(Some(value));
            }
        });
    });
    data
}

/// The signed-in author's display name, for the admin bar.
#[derive(Clone, Debug)]
pub struct AuthorName(pub String);

/// The admin bar and the page's title around an admin page's content.
#[component]
pub fn AdminFrame(title: &'static str, children: Children) -> impl IntoView {
    let name = use_context::<AuthorName>().map(|a| a.0).unwrap_or_default();
    view! {
        <crate::components::page_meta::PageMeta title description="Folio's author area." path="/admin" />
        <nav aria-label="Author" class="mt-4 flex flex-wrap items-center justify-between gap-3 rounded border border-rule px-4 py-2 text-sm dark:border-night-rule">
            <ul class="flex flex-wrap gap-x-4 gap-y-1">
                <li><a href="/admin" class="font-semibold underline">"Dashboard"</a></li>
                <li><a href="/admin/new/article" class="underline">"New article"</a></li>
                <li><a href="/admin/new/note" class="underline">"New note"</a></li>
                <li><a href="/admin/new/summary" class="underline">"New summary"</a></li>
                <li><a href="/admin/profile" class="underline">"Profile"</a></li>
                <li><a href="/admin/media" class="underline">"Media"</a></li>
                <li><a href="/admin/taxonomy" class="underline">"Tags & categories"</a></li>
            </ul>
            <form method="post" action="/admin/logout" class="flex items-center gap-3">
                <span class="text-muted dark:text-night-muted">{format!("Signed in as {name}")}</span>
                <button type="submit" class="rounded border border-rule px-2 py-1 font-semibold dark:border-night-rule">"Sign out"</button>
            </form>
        </nav>
        {children()}
    }
}

/// What the last action on an admin page came to (`true` when it worked),
/// announced politely to screen readers.
#[component]
pub fn ActionNotice(
    message: RwSignal<Option<(bool, String)>>,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <div role="status" aria-live="polite" class="mt-3">
            {move || message.get().map(|(ok, text)| {
                let class = if ok {
                    "text-sm"
                } else {
                    "text-sm font-semibold text-red-700 dark:text-red-300"
                };
                view! { <p class=class data-testid=testid>{text}</p> }
            })}
        </div>
    }
}
