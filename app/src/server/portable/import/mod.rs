//! Reads a folder of markdown files into the site. Everything is read and
//! checked before anything is written: one problem anywhere stops the
//! import with every problem listed, and nothing is imported. Then one
//! transaction writes it all through the editor's write path; an item whose
//! slug is already there is updated in place, so importing twice changes
//! nothing the second time.

mod apply;
mod read;
mod scan;
mod side_files;

use std::path::Path;

use sqlx::SqlitePool;

use super::{PortableError, Problem};
use crate::domain::ItemKind;
use crate::server::authoring::validate;
use crate::server::clock;
use crate::server::db::authoring::save::Prepared;
use crate::server::db::portable as db;
use crate::server::db::profile::ProfileInput;
use crate::server::db::write::Term;
pub use read::{DEFAULT_CATEGORY, DEFAULT_SOURCE};

#[derive(Clone, Copy, Debug, Default)]
pub struct ImportOptions {
    /// Read and check everything and say what would happen; write nothing.
    pub dry_run: bool,
}

#[derive(Debug, Default)]
pub struct ImportReport {
    pub dry_run: bool,
    pub items: Vec<Imported>,
    /// Whether `site.toml` replaced the profile.
    pub profile: bool,
    /// Categories, tags, sources and series from `taxonomy.toml`.
    pub terms: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub kind: ItemKind,
    pub slug: String,
    pub file: String,
    /// New, rather than an update of the item with the same slug.
    pub created: bool,
}

/// Everything a folder holds, read and checked.
struct Plan {
    items: Vec<Ready>,
    profile: Option<ProfileInput>,
    terms: side_files::Terms,
}

/// One item, validated, with what its file says beyond the editor's fields.
struct Ready {
    file: String,
    prepared: Prepared,
    created: Option<String>,
    updated: Option<String>,
    deleted: Option<String>,
    series: Option<Term>,
}

pub async fn import(
    pool: &SqlitePool,
    dir: &Path,
    options: ImportOptions,
) -> Result<ImportReport, PortableError> {
    let now = clock::now();
    let plan = plan(dir, &now)?;
    let mut report = ImportReport {
        dry_run: options.dry_run,
        profile: plan.profile.is_some(),
        terms: plan.terms.len(),
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

impl Ready {
    fn imported(&self, created: bool) -> Imported {
        Imported {
            kind: self.prepared.kind,
            slug: self.prepared.slug.to_string(),
            file: self.file.clone(),
            created,
        }
    }
}

fn plan(dir: &Path, now: &str) -> Result<Plan, PortableError> {
    let layout = scan::scan(dir)?;
    let mut problems = Vec::new();
    let mut items: Vec<Ready> = Vec::new();
    for source in &layout.files {
        let bytes = std::fs::read(&source.path).map_err(PortableError::io("read", &source.path))?;
        let Ok(text) = String::from_utf8(bytes) else {
            problems.push(Problem::new(&source.name, None, "is not UTF-8 text"));
            continue;
        };
        let item = read::read(source, &text, now)
            .map_err(|problem| vec![problem])
            .and_then(|incoming| ready(incoming, now));
        match item {
            Ok(item) => {
                let twin = items.iter().find(|other| {
                    other.prepared.kind == item.prepared.kind
                        && other.prepared.slug == item.prepared.slug
                });
                match twin {
                    Some(other) => problems.push(Problem::new(
                        &item.file,
                        None,
                        format!(
                            "{} has the same slug `{}`; a slug is used once per kind",
                            other.file, item.prepared.slug
                        ),
                    )),
                    None => items.push(item),
                }
            }
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
    })
}

/// Checks an item the way the editor's save does, naming the file and the
/// front matter key of each problem.
fn ready(incoming: read::Incoming, now: &str) -> Result<Ready, Vec<Problem>> {
    let mut prepared = validate::prepare(&incoming.doc, now, 0, true).map_err(|errors| {
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
