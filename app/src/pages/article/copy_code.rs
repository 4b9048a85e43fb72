//! Copy buttons on code blocks. The server renders them `hidden`, so a
//! reader without JavaScript never meets a button that does nothing; once
//! the page is hydrated this reveals them and answers their clicks through
//! one listener on the article body.

use gloo_timers::callback::Timeout;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::js_sys::Reflect;
use web_sys::{Clipboard, Element, EventTarget, HtmlDocument, HtmlElement, HtmlTextAreaElement};

/// How long "Copied" stays on the button and in the live region.
const RESET_AFTER_MS: u32 = 2_000;

const COPY: &str = "Copy";
const COPIED: &str = "Copied";
const FAILED_LABEL: &str = "Press Ctrl+C";
const FAILED_MESSAGE: &str =
    "Could not copy automatically. The code is selected: press Ctrl+C (⌘C on a Mac) to copy it.";

/// Reveals the copy buttons inside `body` and handles their clicks,
/// telling screen-reader users the outcome through `status`, which the
/// page renders in a polite live region.
///
/// The listener is the effect's value: it is removed when the effect
/// drops it, so navigating to another article (a new body element, a new
/// effect) never leaves a listener behind or adds a second one.
pub fn wire_copy_buttons(body: NodeRef<Div>, status: RwSignal<String>) {
    Effect::new(move |_previous: Option<Option<ClickListener>>| {
        let element = body.get()?;
        reveal_buttons(&element);
        Some(ClickListener::new(element.into(), move |event| {
            on_click(&event, status)
        }))
    });
}

/// A `click` listener that removes itself when dropped.
struct ClickListener {
    target: EventTarget,
    callback: Closure<dyn FnMut(web_sys::MouseEvent)>,
}

impl ClickListener {
    fn new(target: EventTarget, handler: impl FnMut(web_sys::MouseEvent) + 'static) -> Self {
        let callback = Closure::<dyn FnMut(web_sys::MouseEvent)>::new(handler);
        // Adding a listener only fails for a detached or foreign target,
        // and then there is nothing to click anyway.
        let _ = target.add_event_listener_with_callback("click", callback.as_ref().unchecked_ref());
        Self { target, callback }
    }
}

impl Drop for ClickListener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback("click", self.callback.as_ref().unchecked_ref());
    }
}

fn reveal_buttons(body: &Element) {
    let Ok(buttons) = body.query_selector_all("[data-copy-code]") else {
        return;
    };
    for index in 0..buttons.length() {
        if let Some(button) = buttons
            .item(index)
            .and_then(|n| n.dyn_into::<Element>().ok())
        {
            let _ = button.remove_attribute("hidden");
        }
    }
}

fn on_click(event: &web_sys::MouseEvent, status: RwSignal<String>) {
    let button = event
        .target()
        .and_then(|target| target.dyn_into::<Element>().ok())
        .and_then(|element| element.closest("[data-copy-code]").ok().flatten());
    let Some(button) = button else { return };
    let code = button
        .closest(".code-block")
        .ok()
        .flatten()
        .and_then(|block| block.query_selector("pre code").ok().flatten());
    let Some(code) = code else { return };
    let text = code.text_content().unwrap_or_default();
    match clipboard() {
        Some(clipboard) => {
            let promise = clipboard.write_text(&text);
            leptos::task::spawn_local(async move {
                // Permission denied or an insecure context: the old way
                // may still work while the click's activation lasts.
                let copied = JsFuture::from(promise).await.is_ok() || copy_via_textarea(&text);
                report(&button, &code, copied, status);
            });
        }
        None => {
            let copied = copy_via_textarea(&text);
            report(&button, &code, copied, status);
        }
    }
}

/// `navigator.clipboard`, if this browser (or context) has one: it is
/// missing on plain-HTTP origins and in older browsers.
fn clipboard() -> Option<Clipboard> {
    let navigator = window().navigator();
    let value = Reflect::get(&navigator, &JsValue::from_str("clipboard")).ok()?;
    (!value.is_undefined() && !value.is_null()).then(|| value.unchecked_into())
}

/// The pre-Clipboard-API way: select the text in an off-screen textarea
/// and ask the document to copy the selection.
fn copy_via_textarea(text: &str) -> bool {
    let document = document();
    let Some(body) = document.body() else {
        return false;
    };
    let Some(area) = document
        .create_element("textarea")
        .ok()
        .and_then(|element| element.dyn_into::<HtmlTextAreaElement>().ok())
    else {
        return false;
    };
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    let _ = area.set_attribute("aria-hidden", "true");
    // Set through the CSSOM, which a strict style-src policy still allows.
    let style = HtmlElement::style(&area);
    for (property, value) in [
        ("position", "fixed"),
        ("top", "0"),
        ("left", "0"),
        ("opacity", "0"),
    ] {
        let _ = style.set_property(property, value);
    }
    if body.append_child(&area).is_err() {
        return false;
    }
    area.select();
    let copied = document
        .dyn_ref::<HtmlDocument>()
        .and_then(|html| html.exec_command("copy").ok())
        .unwrap_or(false);
    area.remove();
    copied
}

/// Shows the outcome on the button and in the live region, then puts both
/// back so that the next copy is announced again.
fn report(button: &Element, code: &Element, copied: bool, status: RwSignal<String>) {
    let (label, message) = if copied {
        (COPIED, COPIED)
    } else {
        select_contents(code);
        (FAILED_LABEL, FAILED_MESSAGE)
    };
    button.set_text_content(Some(label));
    if let Some(button) = button.dyn_ref::<HtmlElement>() {
        // The textarea took focus; give it back to the button pressed.
        let _ = button.focus();
    }
    // The reader may have left the page meanwhile: then there is no
    // live region to update.
    let _ = status.try_set(message.to_owned());
    let button = button.clone();
    Timeout::new(RESET_AFTER_MS, move || {
        button.set_text_content(Some(COPY));
        let _ = status.try_set(String::new());
    })
    .forget();
}

/// Selects the code so that the reader's own Ctrl+C copies it.
fn select_contents(code: &Element) {
    if let Ok(Some(selection)) = window().get_selection() {
        let _ = selection.select_all_children(code);
    }
}
