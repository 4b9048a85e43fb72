//! Reads a folder of markdown files into the site. Everything is read and
//! checked before anything is written: one problem anywhere stops the
//! import with every problem listed, and nothing is imported. Then one
//! transaction writes it all through the editor's write path; an item whose
//! slug is already there is updated in place, so importing twice changes
//! nothing the second time.

mod apply;
mod images;
mod media_files;
mod plan;
// Public so the fuzz targets in `fuzz/` can read one file's text.
pub mod read;
pub mod scan;
mod side_files;

use std::path::Path;

use sqlx::SqlitePool;

use super::PortableError;
use crate::domain::ItemKind;
use crate::server::clock;
use crate::server::db::portable as db;
pub use read::{DEFAULT_CATEGORY, DEFAULT_SOURCE};

#[derive(Clone, Copy, Debug)]
pub struct ImportOptions {
    /// Read and check everything and say what would happen; write nothing.
    pub dry_run: bool,
    /// The largest image taken in, as for an upload.
    pub max_image_bytes: u64,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            dry_run: false,
            max_image_bytes: crate::server::media::DEFAULT_MAX_BYTES,
        }
    }
}

#[derive(Debug, Default)]
pub struct ImportReport {
    pub dry_run: bool,
    pub items: Vec<Imported>,
    /// Whether `site.toml` replaced the profile.
    pub profile: bool,
    /// Categories, tags, sources and series from `taxonomy.toml`.
    pub terms: usize,
    /// Images from `media/` and from the bodies' local image links.
    pub images: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub kind: ItemKind,
    pub slug: String,
    pub file: String,
    /// New, rather than an update of the item with the same slug.
    pub created: bool,
}

pub async fn import(
    pool: &SqlitePool,
    dir: &Path,
    options: ImportOptions,
) -> Result<ImportReport, PortableError> {
    let now = clock::now();
    let plan = plan::plan(pool, dir, &now, options.max_image_bytes).await?;
    let mut report = ImportReport {
        dry_run: options.dry_run,
        profile: plan.profile.is_some(),
        terms: plan.terms.len(),
        images: plan.media.len(),
        items: Vec::with_capacity(plan.items.len()),
    };
    if options.dry_run {
        for ready in &plan.items {
            let found =
                db::existing(pool, ready.prepared.kind, ready.prepared.slug.as_str()).await?;
            report.items.push(ready.imported(found.is_none()));
        }
        return Ok(report);
    }
    report.items = apply::apply(pool, plan, &now).await?;
    Ok(report)
}
