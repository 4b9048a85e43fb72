//! `folio export DIR` and `folio import DIR`: the whole site as plain
//! markdown files with front matter that Zola (and Hugo) can read, and back.
//! The layout:
//!
//! ```text
//! DIR/articles/<slug>.md   DIR/notes/<slug>.md   DIR/summaries/<slug>.md
//! DIR/media/<file>         DIR/site.toml         DIR/taxonomy.toml
//! ```
//!
//! Import goes through the editor's write path (`validate::prepare`, then
//! `db::authoring::save::save`), all of it in one transaction, so a folder
//! imports whole or not at all.

mod error;
pub mod export;
mod front;
pub mod import;
// Public so the fuzz targets in `fuzz/` can write one file and read it back.
pub mod item_file;
mod site;
mod yaml;

pub use error::{PortableError, Problem};
pub use site::{Described, Named, SiteFile, SourceEntry, TaxonomyFile};

use crate::domain::ItemKind;

pub const SITE_FILE: &str = "site.toml";
pub const TAXONOMY_FILE: &str = "taxonomy.toml";
pub const MEDIA_DIR: &str = "media";

/// The folder a kind is exported to.
pub fn folder(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Article => "articles",
        ItemKind::Note => "notes",
        ItemKind::Summary => "summaries",
    }
}

/// The kind a top folder holds on import: anything but `notes/` and
/// `summaries/` holds articles (Zola's `blog/`, Hugo's `posts/`…).
pub fn folder_kind(name: &str) -> ItemKind {
    match name {
        "notes" => ItemKind::Note,
        "summaries" => ItemKind::Summary,
        _ => ItemKind::Article,
    }
}
