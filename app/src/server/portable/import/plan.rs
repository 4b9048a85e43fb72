//! The first half of an import: every file read and checked the way the
//! editor checks a save, with every problem gathered, and nothing written.

use std::path::Path;

use sqlx::SqlitePool;

use super::media_files::MediaSet;
use super::read::{self, Incoming};
use super::{scan, side_files, Imported};
use crate::domain::media_names_in;
use crate::server::authoring::validate;
use crate::server::db::authoring::save::Prepared;
use crate::server::db::media::dimensions_for;
use crate::server::db::profile::ProfileInput;
use crate::server::db::write::Term;
use crate::server::portable::{PortableError, Problem};

/// Everything a folder holds, read and checked.
pub(super) struct Plan {
    pub items: Vec<Ready>,
    pub profile: Option<ProfileInput>,
    pub terms: side_files::Terms,
    pub media: MediaSet,
}

/// One item, validated, with what its file says beyond the editor's fields.
pub(super) struct Ready {
    pub file: String,
    pub prepared: Prepared,
    pub created: Option<String>,
    pub updated: Option<String>,
    pub deleted: Option<String>,
    pub series: Option<Term>,
}

impl Ready {
    pub fn imported(&self, created: bool) -> Imported {
        Imported {
            kind: self.prepared.kind,
            slug: self.prepared.slug.to_string(),
            file: self.file.clone(),
            created,
        }
    }
}

/// Reads from the database only the sizes of images already uploaded.
pub(super) async fn plan(
    pool: &SqlitePool,
    dir: &Path,
    now: &str,
    max_image_bytes: u64,
) -> Result<Plan, PortableError> {
    let layout = scan::scan(dir)?;
    let mut problems = Vec::new();
    let mut media = MediaSet::default();
    if let Some(folder) = &layout.media {
        if let Err(mut found) = media.read_folder(folder, max_image_bytes) {
            problems.append(&mut found);
        }
    }
    let mut items: Vec<Ready> = Vec::new();
    for source in &layout.files {
        let bytes = std::fs::read(&source.path).map_err(PortableError::io("read", &source.path))?;
        let Ok(text) = String::from_utf8(bytes) else {
            problems.push(Problem::new(&source.name, None, "is not UTF-8 text"));
            continue;
        };
        let incoming = read::read(source, &text, now)
            .map_err(|problem| vec![problem])
            .and_then(|mut incoming| {
                let (root, site_static) = (dir, layout.site_static.as_deref());
                media.localise(
                    &mut incoming,
                    &source.path,
                    root,
                    site_static,
                    max_image_bytes,
                )?;
                Ok(incoming)
            });
        let item = match incoming {
            Ok(incoming) => {
                let sizes = image_sizes(pool, &media, &incoming.doc.body_md).await?;
                ready(incoming, now, &sizes)
            }
            Err(found) => Err(found),
        };
        match item {
            Ok(item) => match twin(&items, &item) {
                Some(problem) => problems.push(problem),
                None => items.push(item),
            },
            Err(mut found) => problems.append(&mut found),
        }
    }
    let profile = match &layout.site {
        Some(path) => side_files::site(path)
            .map_err(|mut found| problems.append(&mut found))
            .ok(),
        None => None,
    };
    let terms = match &layout.taxonomy {
        Some(path) => side_files::taxonomy(path).unwrap_or_else(|mut found| {
            problems.append(&mut found);
            side_files::Terms::default()
        }),
        None => side_files::Terms::default(),
    };
    if !problems.is_empty() {
        return Err(PortableError::Invalid(problems));
    }
    Ok(Plan {
        items,
        profile,
        terms,
        media,
    })
}

/// A second file with the slug of one already read, as a problem.
fn twin(items: &[Ready], item: &Ready) -> Option<Problem> {
    let other = items.iter().find(|other| {
        other.prepared.kind == item.prepared.kind && other.prepared.slug == item.prepared.slug
    })?;
    Some(Problem::new(
        &item.file,
        None,
        format!(
            "{} has the same slug `{}`; a slug is used once per kind",
            other.file, item.prepared.slug
        ),
    ))
}

/// The sizes of the images a body shows: those being imported, and those
/// already uploaded.
async fn image_sizes(
    pool: &SqlitePool,
    media: &MediaSet,
    body: &str,
) -> Result<crate::markdown::ImageSizes, sqlx::Error> {
    let mut sizes = dimensions_for(pool, &[body]).await?;
    for name in media_names_in(body) {
        if let Some(size) = media.sizes.get(&name) {
            sizes.insert(name, *size);
        }
    }
    Ok(sizes)
}

/// Checks an item the way the editor's save does, naming the file and the
/// front matter key of each problem.
fn ready(
    incoming: Incoming,
    now: &str,
    sizes: &crate::markdown::ImageSizes,
) -> Result<Ready, Vec<Problem>> {
    let mut prepared =
        validate::prepare_with_images(&incoming.doc, now, 0, true, sizes).map_err(|errors| {
            errors
                .into_iter()
                .map(|e| {
                    let (line, key) = incoming.locate(&e.field);
                    Problem::new(&incoming.file, line, format!("`{key}`: {}", e.message))
                })
                .collect::<Vec<_>>()
        })?;
    prepared.user_id = None;
    let series = match incoming.series.as_deref() {
        Some(name) => Some(validate::term_of(name).ok_or_else(|| {
            vec![Problem::new(
                &incoming.file,
                None,
                "`series`: use at least one letter or digit in the name",
            )]
        })?),
        None => None,
    };
    Ok(Ready {
        file: incoming.file,
        prepared,
        created: incoming.created,
        updated: incoming.updated,
        deleted: incoming.deleted,
        series,
    })
}
