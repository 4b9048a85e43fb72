//! The browser entry point: hydrate the server-rendered page and nothing else.

// Typed views nest deeply; hydrating a whole page needs more than the
// default 128 levels when the compiler computes their layout.
#![recursion_limit = "256"]

use std::panic;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_failure();
    }));
    // Lazy routes (the author's pages) are separate wasm chunks; hydrating
    // one of them directly first loads its chunk.
    leptos::mount::hydrate_lazy(app::App);
}

/// When the app stops (a chunk that cannot be fetched, a bug), the page must
/// not silently freeze: it says so, and points at the local copy the editor
/// keeps of unsaved work.
fn show_failure() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id("app-failure").is_some() {
        return;
    }
    let Ok(banner) = document.create_element("div") else {
        return;
    };
    banner.set_id("app-failure");
    let _ = banner.set_attribute("role", "alert");
    let _ = banner.set_attribute("class", "app-failure");
    banner.set_text_content(Some(
        "This page stopped working: part of Folio could not be loaded. Check your connection and reload the page. \
         Anything you were writing is kept in this browser and offered back when you reopen it.",
    ));
    if let Some(body) = document.body() {
        let _ = body.prepend_with_node_1(&banner);
    }
}
