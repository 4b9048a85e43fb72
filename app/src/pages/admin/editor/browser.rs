//! The few browser facilities the editor needs: the local copy in
//! localStorage, the clock and time zone, the address bar, and whether
//! the network is up. Hydrate-only; the server never runs the editor.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use crate::domain::{EditorDoc, ItemKind};

/// What the browser keeps of unsaved work: the whole document and when.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LocalCopy {
    pub doc: EditorDoc,
    /// Milliseconds since the epoch.
    pub kept_at: f64,
}

pub fn copy_key(kind: ItemKind, id: Option<i64>) -> String {
    match id {
        Some(id) => format!("folio-draft:{}:{id}", kind.as_str()),
        None => format!("folio-draft:{}:new", kind.as_str()),
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn keep(key: &str, doc: &EditorDoc) {
    let copy = LocalCopy {
        doc: doc.clone(),
        kept_at: js_sys::Date::now(),
    };
    if let (Some(storage), Ok(json)) = (storage(), serde_json::to_string(&copy)) {
        let _ = storage.set_item(key, &json);
    }
}

pub fn kept(key: &str) -> Option<LocalCopy> {
    let json = storage()?.get_item(key).ok().flatten()?;
    serde_json::from_str(&json).ok()
}

pub fn forget(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// A token naming this open editor among others on the same item; unique
/// enough to tell tabs apart, not a secret.
pub fn writer_token() -> String {
    let part = || (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    format!("{:08x}{:08x}{:08x}", part(), part(), part())
}

pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// `HH:MM` in the author's time zone, for "Saved at".
pub fn clock_label(ms: f64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms));
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Today as `YYYY-MM-DD` in the author's time zone.
pub fn today() -> String {
    let date = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    )
}

/// An RFC 3339 instant as a `datetime-local` value in the author's zone.
pub fn to_local_input(instant: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(instant));
    if date.get_time().is_nan() {
        return String::new();
    }
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds()
    )
}

/// A `datetime-local` value (the author's zone) as an RFC 3339 UTC instant.
pub fn from_local_input(local: &str) -> Option<String> {
    if local.is_empty() {
        return None;
    }
    let date = js_sys::Date::new(&JsValue::from_str(local));
    if date.get_time().is_nan() {
        return None;
    }
    date.to_iso_string().as_string()
}

/// Changes the address bar without a navigation, so the editor (and the
/// text being typed) stays as it is when a new item gets its id.
pub fn replace_url(path: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(path));
    }
}
