//! The JSON-LD `BreadcrumbList` that tells search engines where a page sits
//! in the site, shared by the note and tag pages.

use crate::components::page_meta::SiteResource;

/// Serializes the trail from the home page to this page. Each step is a
/// name and a site path; paths are made absolute with the site's base URL.
pub fn breadcrumb_json(base_url: &str, steps: &[(&str, String)]) -> String {
    let items: Vec<serde_json::Value> = std::iter::once(("Home", "/".to_owned()))
        .chain(steps.iter().map(|(name, path)| (*name, path.clone())))
        .enumerate()
        .map(|(index, (name, path))| {
            serde_json::json!({
                "@type": "ListItem",
                "position": index + 1,
                "name": name,
                "item": format!("{base_url}{path}"),
            })
        })
        .collect();
    serde_json::json!({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": items,
    })
    .to_string()
}

/// The site's base URL, or an empty string (relative paths) if it could
/// not be loaded.
pub async fn base_url(site: SiteResource) -> String {
    site.await.map(|meta| meta.base_url).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trail_starts_at_home_and_counts_from_one() {
        let json = breadcrumb_json("https://folio.test", &[("Tags", "/tags".to_owned())]);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["@type"], "BreadcrumbList");
        let items = value["itemListElement"].as_array().unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0]["position"], 1);
        assert_eq!(items[0]["item"], "https://folio.test/");
        assert_eq!(items[1]["name"], "Tags");
        assert_eq!(items[1]["item"], "https://folio.test/tags");
    }
}
