//! The head of every page: title, description, canonical URL, OpenGraph
//! and Twitter cards, and optional JSON-LD, all from one component so no
//! page can forget one of them.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

use crate::api::{AppError, SiteMeta};

/// The site's own metadata, loaded once by `App` and shared by context.
pub type SiteResource = Resource<Result<SiteMeta, AppError>>;

#[component]
pub fn PageMeta(
    #[prop(into)] title: String,
    #[prop(into)] description: String,
    /// The page's path, e.g. `/articles/wal-mode`; made absolute with the base URL.
    #[prop(into)]
    path: String,
    /// OpenGraph type: `website`, `article` or `profile`.
    #[prop(optional, into)]
    og_type: Option<String>,
    /// A JSON-LD object for search engines, already serialized.
    #[prop(optional, into)]
    json_ld: Option<String>,
) -> impl IntoView {
    let site = expect_context::<SiteResource>();
    let og_type = og_type.unwrap_or_else(|| "website".to_owned());
    // The base URL comes from the server's settings; waiting for it inside
    // Suspense keeps these tags in the <head> of the server-rendered page.
    let absolute = move || {
        let path = path.clone();
        Suspend::new(async move {
            let meta = site.await.ok();
            let base = meta
                .as_ref()
                .map(|m| m.base_url.clone())
                .unwrap_or_default();
            let name = meta.map(|m| m.author).unwrap_or_default();
            let url = format!("{base}{path}");
            view! {
                <Link rel="canonical" href=url.clone() />
                <Meta property="og:url" content=url />
                <Meta property="og:site_name" content=name />
            }
        })
    };
    view! {
        <Title text=title.clone() />
        <Meta name="description" content=description.clone() />
        <Suspense>{absolute}</Suspense>
        <Meta property="og:type" content=og_type />
        <Meta property="og:title" content=title.clone() />
        <Meta property="og:description" content=description.clone() />
        <Meta name="twitter:card" content="summary" />
        <Meta name="twitter:title" content=title />
        <Meta name="twitter:description" content=description />
        {json_ld.filter(|json| !json.is_empty()).map(|json| view! { <script type="application/ld+json" inner_html=escape_json_for_script(&json)></script> })}
    }
}

/// JSON inside a <script> must not contain `</` (the browser would end the
/// script there) nor `<!--`; writing every `<` as its JSON escape rules out
/// both and leaves the data the same to a JSON parser.
pub fn escape_json_for_script(json: &str) -> String {
    json.replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_cannot_close_its_script() {
        let json = r#"{"name":"</script><script>alert(1)</script>"}"#;
        let escaped = super::escape_json_for_script(json);
        assert!(!escaped.contains('<'));
        let same: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(
            same,
            serde_json::from_str::<serde_json::Value>(json).unwrap()
        );
    }
}
