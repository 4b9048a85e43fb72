//! The site's own settings, read from the `[site]` table of Leptos.toml.

use serde::Deserialize;

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Shown in the header, page titles and feeds.
    #[serde(default = "default_title")]
    pub title: String,
    /// The default meta description.
    #[serde(default)]
    pub description: String,
    /// Absolute URL the site is reached at, without a trailing slash; used
    /// for canonical links, feeds and the sitemap.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
}

impl Default for SiteConfig {
    fn default() -> Self {
        Self {
            title: default_title(),
            description: String::new(),
            base_url: default_base_url(),
            language: default_language(),
        }
    }
}

impl SiteConfig {
    pub fn with_base_url(mut self, base_url: &str) -> Self {
        self.base_url = base_url.trim_end_matches('/').to_owned();
        self
    }
}

fn default_title() -> String {
    "Folio".to_owned()
}

fn default_base_url() -> String {
    "http://127.0.0.1:3000".to_owned()
}

fn default_language() -> String {
    "en".to_owned()
}
