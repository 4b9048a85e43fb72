//! Loading the wasm bundle without holding up the page.
//!
//! Leptos's own `HydrationScripts` preloads the bundle from the <head>, so
//! the browser fetches half a megabyte side by side with the stylesheet,
//! and a reader on a slow phone waits for both before the article paints
//! (Lighthouse counted LCP at about 4 s on mobile, the text itself ready
//! long before). The page is complete as the server sent it — it works
//! with JavaScript off — so the bundle can wait: this script asks for it
//! only once the text has painted, then hydrates exactly as Leptos
//! does. The page names its bundle in `data-js` and `data-wasm`.
//!
//! Lazy routes (the author's pages) still get their chunks preloaded: the
//! split manifest is provided here as `HydrationScripts` provides it, and
//! the integration turns it into `<link rel=preload>` for the chunks a
//! page renders.

use leptos::{nonce::use_nonce, prelude::*};

/// Waits for the first contentful paint (the paint timing entry), then
/// imports the JS glue, instantiates the wasm and hydrates. A frame
/// callback was not enough: the first frame is not always the one that
/// paints the text. A browser that never reports the paint (a tab opened
/// in the background) hydrates after three seconds regardless.
const SCRIPT: &str = r#"((s) => {
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    import(s.dataset.js).then((m) =>
      m.default({ module_or_path: s.dataset.wasm }).then(() => m.hydrate()));
  };
  try {
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName("first-contentful-paint").length) {
        observer.disconnect();
        setTimeout(start, 0);
      }
    }).observe({ type: "paint", buffered: true });
  } catch (_) {
    requestAnimationFrame(() => setTimeout(start, 0));
  }
  setTimeout(start, 3000);
})(document.querySelector("script[data-wasm]"));"#;

/// The bundle's addresses under `/pkg`, as cargo-leptos names the files
/// (the wasm carries a `_bg` suffix unless the build named its output
/// itself). The wasm carries its content version (`crate::assets`); the JS
/// glue cannot: the split loader imports it as `./<name>.js`, and under
/// another address the browser would load a second copy of the module,
/// one the lazy chunks would link against uninitialised. It is small and
/// revalidated instead.
fn bundle_names(options: &LeptosOptions) -> (String, String) {
    let name = options.output_name.to_string();
    let wasm = if option_env!("LEPTOS_OUTPUT_NAME").is_some() {
        name.clone()
    } else {
        format!("{name}_bg")
    };
    let pkg = &options.site_pkg_dir;
    (
        format!("/{pkg}/{name}.js"),
        crate::assets::versioned(options, &format!("{wasm}.wasm")),
    )
}

/// In the <head> of the shell, in place of Leptos's `HydrationScripts`.
#[component]
pub fn DeferredHydration(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    provide_split_manifest(&options);
    let (js, wasm) = bundle_names(&options);
    // A module script has no `document.currentScript`: it finds itself by
    // its `data-wasm`.
    view! { <script type="module" nonce=use_nonce() data-js=js data-wasm=wasm inner_html=SCRIPT></script> }
}

/// The lazy routes' chunks, read once from the manifest the split build
/// writes (`__wasm_split_manifest.json`); nothing when the build was not
/// split.
#[cfg(feature = "ssr")]
fn provide_split_manifest(options: &LeptosOptions) {
    use std::sync::OnceLock;
    static MANIFEST: OnceLock<Option<leptos::WasmSplitManifest>> = OnceLock::new();
    let manifest = MANIFEST.get_or_init(|| {
        let pkg = options.site_pkg_dir.to_string();
        let path = std::path::Path::new(options.site_root.as_ref())
            .join(&pkg)
            .join("__wasm_split_manifest.json");
        let text = std::fs::read_to_string(path).ok()?;
        let chunks = serde_json::from_str(&text)
            .inspect_err(|error| tracing::error!(%error, "the wasm split manifest is unreadable"))
            .ok()?;
        Some(leptos::WasmSplitManifest(ArcStoredValue::new((
            format!("/{pkg}"),
            chunks,
            "__wasm_split.______________________.js".to_owned(),
        ))))
    });
    if let Some(manifest) = manifest {
        provide_context(manifest.clone());
    }
}
