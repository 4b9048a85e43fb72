//! After a client-side navigation, moves focus to the new page's main
//! heading and announces its title, as a full page load would for screen
//! reader and keyboard users. Changes of query string alone (filters,
//! search as you type) keep focus where it is.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn RouteAnnouncer() -> impl IntoView {
    let location = use_location();
    let (message, set_message) = signal(String::new());
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        #[cfg(feature = "hydrate")]
        browser::on_route(previous.is_some(), set_message);
        #[cfg(not(feature = "hydrate"))]
        let _ = (previous, set_message);
        path
    });
    view! {
        <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">{message}</div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;

    /// Marks a heading that has already had its turn.
    const SEEN: &str = "data-route-seen";
    const HEADING: &str = "main h1";

    pub fn on_route(navigated: bool, announce: WriteSignal<String>) {
        if !navigated {
            mark_current();
            return;
        }
        leptos::task::spawn_local(async move {
            // The new page renders once its data arrives; wait for its h1.
            for _ in 0..100 {
                gloo_timers::future::TimeoutFuture::new(30).await;
                let fresh = document()
                    .query_selector(&format!("{HEADING}:not([{SEEN}])"))
                    .ok()
                    .flatten();
                if let Some(heading) = fresh {
                    let _ = heading.set_attribute(SEEN, "");
                    let _ = heading.set_attribute("tabindex", "-1");
                    if let Ok(heading) =
                        wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(heading)
                    {
                        let _ = heading.focus();
                    }
                    // Let the <title> update land before reading it.
                    gloo_timers::future::TimeoutFuture::new(30).await;
                    announce.set(format!("{} — page loaded", document().title()));
                    return;
                }
            }
        });
    }

    fn mark_current() {
        if let Ok(Some(heading)) = document().query_selector(HEADING) {
            let _ = heading.set_attribute(SEEN, "");
        }
    }
}
