//! Writes the site out as files. Export only reads, so it may run while the
//! site serves; it reads item by item, so a save made during an export may
//! or may not be in it (take `folio backup` for a point-in-time copy).

use std::path::Path;

use sqlx::SqlitePool;

use super::item_file::{self, Extras};
use super::site::{Described, Named, SiteFile, SourceEntry, TaxonomyFile};
use super::{folder, PortableError, MEDIA_DIR, SITE_FILE, TAXONOMY_FILE};
use crate::domain::{is_media_name, ItemKind};
use crate::server::db::authoring::{load, profile};
use crate::server::db::media;
use crate::server::db::portable::{self as db, TermTable};

#[derive(Clone, Copy, Debug, Default)]
pub struct ExportOptions {
    /// Export items in the trash too, marked `[extra] deleted = <time>`.
    pub include_trash: bool,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct ExportReport {
    pub articles: usize,
    pub notes: usize,
    pub summaries: usize,
    pub images: usize,
    pub profile: bool,
}

/// Exports into `dir`, which must be new or empty: files left from an
/// earlier export would come back on the next import.
pub async fn export(
    pool: &SqlitePool,
    dir: &Path,
    options: ExportOptions,
) -> Result<ExportReport, PortableError> {
    prepare_dir(dir)?;
    let mut report = ExportReport::default();
    for kind in ItemKind::ALL {
        let written = export_kind(pool, dir, kind, options).await?;
        match kind {
            ItemKind::Article => report.articles = written,
            ItemKind::Note => report.notes = written,
            ItemKind::Summary => report.summaries = written,
        }
    }
    if crate::server::db::profile::owner_name(pool)
        .await?
        .is_some()
    {
        let site = SiteFile::from_doc(profile::load(pool).await?, db::stack(pool).await?);
        write_toml(dir, SITE_FILE, &site)?;
        report.profile = true;
    }
    write_toml(dir, TAXONOMY_FILE, &taxonomy(pool).await?)?;
    report.images = export_media(pool, dir).await?;
    Ok(report)
}

/// Every stored image as `media/<name>`, the name the bodies link to
/// (`/media/<name>`). Read one at a time: images can be large.
async fn export_media(pool: &SqlitePool, dir: &Path) -> Result<usize, PortableError> {
    let names = db::media_names(pool).await?;
    if names.is_empty() {
        return Ok(0);
    }
    let folder = dir.join(MEDIA_DIR);
    std::fs::create_dir_all(&folder).map_err(PortableError::io("create", &folder))?;
    for name in &names {
        // Names are checked on the way in; never let one name a path.
        if !is_media_name(name) {
            return Err(PortableError::Refused(format!(
                "the stored image name `{name}` is not a media name"
            )));
        }
        let stored = media::find(pool, name)
            .await?
            .ok_or(sqlx::Error::RowNotFound)?;
        let path = folder.join(name);
        std::fs::write(&path, stored.bytes).map_err(PortableError::io("write", &path))?;
    }
    Ok(names.len())
}

fn prepare_dir(dir: &Path) -> Result<(), PortableError> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(PortableError::io("read", dir))?;
        if entries.next().is_some() {
            return Err(PortableError::Refused(format!(
                "{} is not empty; export into a new or empty folder",
                dir.display()
            )));
        }
    }
    std::fs::create_dir_all(dir).map_err(PortableError::io("create", dir))
}

async fn export_kind(
    pool: &SqlitePool,
    dir: &Path,
    kind: ItemKind,
    options: ExportOptions,
) -> Result<usize, PortableError> {
    let rows = db::items(pool, kind, options.include_trash).await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let folder = dir.join(folder(kind));
    std::fs::create_dir_all(&folder).map_err(PortableError::io("create", &folder))?;
    for row in &rows {
        let doc = load::load(pool, kind, row.id)
            .await?
            .ok_or(sqlx::Error::RowNotFound)?;
        let extras = Extras {
            created_at: &row.created_at,
            series: row.series.as_deref(),
        };
        let text = item_file::render(&doc, &extras).map_err(|reason| {
            PortableError::Refused(format!(
                "cannot export {} {}: {reason}",
                kind.as_str(),
                doc.slug
            ))
        })?;
        let path = folder.join(format!("{}.md", doc.slug));
        std::fs::write(&path, text).map_err(PortableError::io("write", &path))?;
    }
    Ok(rows.len())
}

async fn taxonomy(pool: &SqlitePool) -> Result<TaxonomyFile, sqlx::Error> {
    let named = |rows: Vec<(String, String, String)>| {
        rows.into_iter()
            .map(|(slug, name, _)| Named { slug, name })
            .collect()
    };
    Ok(TaxonomyFile {
        category: db::terms(pool, TermTable::Categories)
            .await?
            .into_iter()
            .map(|(slug, name, description)| Described {
                slug,
                name,
                description,
            })
            .collect(),
        tag: named(db::terms(pool, TermTable::Tags).await?),
        source: db::terms(pool, TermTable::Sources)
            .await?
            .into_iter()
            .map(|(slug, name, url)| SourceEntry { slug, name, url })
            .collect(),
        series: named(db::terms(pool, TermTable::Series).await?),
    })
}

fn write_toml<T: serde::Serialize>(dir: &Path, name: &str, value: &T) -> Result<(), PortableError> {
    let path = dir.join(name);
    let text = toml::to_string(value)
        .map_err(|e| PortableError::Refused(format!("cannot write {name}: {e}")))?;
    std::fs::write(&path, text).map_err(PortableError::io("write", &path))
}
