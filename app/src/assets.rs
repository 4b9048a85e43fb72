//! Addresses of the built assets that change when their content does.
//!
//! Each page names the stylesheet and the wasm bundle as
//! `/pkg/<file>?v=<hash of its bytes>` (not the JS glue: see
//! `hydration::bundle_names`). A request carrying the hash of the
//! file as it is on disk may be kept by the browser for a year without
//! asking again (the server answers it `immutable`, see the server's
//! `assets`); a deploy changes the bytes, so its pages name new addresses
//! and nobody is left with a stale bundle. Renaming the files instead
//! (cargo-leptos `hash-files`) would tie the server to a hash file next to
//! its binary; a query keeps every path as the build writes it.

use leptos::prelude::LeptosOptions;

/// `/<pkg>/<file>`, with `?v=` and the file's version when it can be read.
pub fn versioned(options: &LeptosOptions, file: &str) -> String {
    let pkg = &options.site_pkg_dir;
    let path = format!("/{pkg}/{file}");
    #[cfg(feature = "ssr")]
    if let Some(version) = version(options.site_root.as_ref(), &format!("{pkg}/{file}")) {
        return format!("{path}?v={version}");
    }
    path
}

/// The version of `relative` (under the site root): the first 48 bits of
/// the SHA-256 of its bytes, in hex. Worked out once per file and again
/// only when the file's size or modification time changes (a rebuild
/// under `cargo leptos watch`), so asking costs a `stat`.
#[cfg(feature = "ssr")]
pub fn version(site_root: &str, relative: &str) -> Option<String> {
    use sha2::{Digest, Sha256};
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex};
    use std::time::SystemTime;

    type Known = HashMap<String, (SystemTime, u64, String)>;
    static KNOWN: LazyLock<Mutex<Known>> = LazyLock::new(Default::default);

    if relative
        .split('/')
        .any(|part| part == ".." || part.is_empty())
    {
        return None;
    }
    let path = std::path::Path::new(site_root).join(relative);
    let meta = std::fs::metadata(&path).ok()?;
    let stamp = (meta.modified().ok()?, meta.len());
    let mut known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((modified, len, version)) = known.get(relative) {
        if (*modified, *len) == stamp {
            return Some(version.clone());
        }
    }
    let bytes = std::fs::read(&path).ok()?;
    let digest = Sha256::digest(&bytes);
    let version: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    known.insert(relative.to_owned(), (stamp.0, stamp.1, version.clone()));
    Some(version)
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn the_version_follows_the_bytes() {
        let root = std::env::temp_dir().join(format!("folio-assets-{}", std::process::id()));
        std::fs::create_dir_all(root.join("pkg")).unwrap();
        let site_root = root.to_str().unwrap();
        let file = root.join("pkg/site.css");
        std::fs::write(&file, "body { color: black }").unwrap();
        let first = version(site_root, "pkg/site.css").unwrap();
        assert_eq!(first.len(), 12);
        assert_eq!(version(site_root, "pkg/site.css").unwrap(), first);
        std::fs::write(&file, "body { color: maroon }").unwrap();
        assert_ne!(version(site_root, "pkg/site.css").unwrap(), first);
        assert_eq!(version(site_root, "pkg/missing.css"), None);
        assert_eq!(version(site_root, "pkg/../pkg/site.css"), None);
        let options = LeptosOptions::builder()
            .output_name("site")
            .site_root(site_root)
            .build();
        let href = versioned(&options, "site.css");
        assert!(href.starts_with("/pkg/site.css?v="), "{href}");
        assert_eq!(versioned(&options, "gone.js"), "/pkg/gone.js");
        std::fs::remove_dir_all(&root).unwrap();
    }
}
