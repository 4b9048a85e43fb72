//! The browser entry point: hydrate the server-rendered page and nothing else.

// Typed views nest deeply; hydrating a whole page needs more than the
// default 128 levels when the compiler computes their layout.
#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
