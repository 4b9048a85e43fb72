//! The light/dark switch. The theme follows the system until the reader
//! picks one; the pick is remembered in localStorage and applied by a tiny
//! inline script in <head> before the first paint, so no page ever flashes
//! the wrong theme. Without JavaScript the system preference still applies
//! (through a media query in style/main.css) and the switch is hidden.

use leptos::prelude::*;

/// The localStorage key holding `light` or `dark`.
pub const THEME_KEY: &str = "folio-theme";

/// Runs before first paint: puts the remembered choice, else the system's,
/// as a `dark` or `light` class on <html>, which every dark style keys on.
pub const THEME_SCRIPT: &str = "(function(){var t;try{t=localStorage.getItem('folio-theme')}catch(e){}if(t!=='dark'&&t!=='light')t=matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light';document.documentElement.classList.add(t)})()";

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let (dark, set_dark) = signal(false);
    // The server cannot know the theme; the browser reads it once hydrated.
    Effect::new(move || {
        #[cfg(feature = "hydrate")]
        set_dark.set(browser::is_dark());
    });
    let toggle = move |_| {
        let next = !dark.get_untracked();
        #[cfg(feature = "hydrate")]
        browser::apply(next);
        set_dark.set(next);
    };
    view! {
        <button
            type="button"
            class="theme-toggle rounded border border-rule px-2 py-1 text-sm text-muted hover:text-ink dark:border-night-rule dark:text-night-muted dark:hover:text-night-ink"
            aria-pressed=move || if dark.get() { "true" } else { "false" }
            on:click=toggle
        >
            <span aria-hidden="true">{move || if dark.get() { "☾ " } else { "☀ " }}</span>
            "Dark theme"
        </button>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::THEME_KEY;

    fn root() -> Option<web_sys::Element> {
        leptos::prelude::document().document_element()
    }

    /// The theme in effect: an explicit class, else the system preference.
    pub fn is_dark() -> bool {
        let Some(root) = root() else { return false };
        let classes = root.class_list();
        if classes.contains("dark") {
            return true;
        }
        if classes.contains("light") {
            return false;
        }
        leptos::prelude::window()
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .is_some_and(|query| query.matches())
    }

    pub fn apply(dark: bool) {
        let (on, off) = if dark {
            ("dark", "light")
        } else {
            ("light", "dark")
        };
        if let Some(root) = root() {
            let classes = root.class_list();
            let _ = classes.remove_1(off);
            let _ = classes.add_1(on);
        }
        if let Ok(Some(storage)) = leptos::prelude::window().local_storage() {
            let _ = storage.set_item(THEME_KEY, on);
        }
    }
}
