//! The demo site: our own sample profile and writing, embedded in the binary
//! and loaded into an empty database so a new install shows a full site.

mod files;

use include_dir::{include_dir, Dir};
use sqlx::SqlitePool;

use super::db::{profile, write};
use super::portable::TaxonomyFile;
use crate::domain::Slug;
use files::{parse_article, parse_note, DemoError};

static DEMO: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../demo");

/// What was loaded, for the log line.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    pub articles: usize,
    pub notes: usize,
    pub summaries: usize,
}

/// Loads the whole demo site in one transaction: all of it or none of it.
#[tracing::instrument(skip(pool))]
pub async fn load(pool: &SqlitePool) -> Result<Loaded, DemoError> {
    let now = super::clock::now();
    let mut tx = pool.begin().await?;
    let profile = files::profile(files::read_toml(&DEMO, "profile.toml")?)?;
    profile::replace_profile(&mut tx, &profile, &now).await?;

    // Each taxonomy file holds one table of the export's taxonomy.toml.
    let categories: TaxonomyFile = files::read_toml(&DEMO, "categories.toml")?;
    for c in categories.category {
        write::upsert_category(&mut tx, &files::term(&c.slug, &c.name)?, &c.description).await?;
    }
    let tags: TaxonomyFile = files::read_toml(&DEMO, "tags.toml")?;
    for t in tags.tag {
        write::upsert_tag(&mut tx, &files::term(&t.slug, &t.name)?).await?;
    }
    let sources: TaxonomyFile = files::read_toml(&DEMO, "sources.toml")?;
    for s in sources.source {
        write::upsert_source(&mut tx, &files::term(&s.slug, &s.name)?, &s.url).await?;
    }

    let mut loaded = Loaded::default();
    for file in markdown_files("articles") {
        let input = parse_article(file)?;
        write::insert_article(&mut tx, &input, &now).await?;
        loaded.articles += 1;
    }
    for file in markdown_files("notes") {
        let input = parse_note(file)?;
        write::insert_note(&mut tx, &input, &now).await?;
        loaded.notes += 1;
    }
    let summaries: files::Summaries = files::read_toml(&DEMO, "summaries.toml")?;
    for summary in summaries.summary {
        write::insert_summary(&mut tx, &summary.into_input()?, &now).await?;
        loaded.summaries += 1;
    }
    tx.commit().await?;
    Ok(loaded)
}

fn markdown_files(folder: &str) -> impl Iterator<Item = &'static include_dir::File<'static>> {
    let mut files: Vec<_> = DEMO
        .get_dir(folder)
        .map(|dir| {
            dir.files()
                .filter(|f| f.path().extension().is_some_and(|e| e == "md"))
                .collect()
        })
        .unwrap_or_default();
    files.sort_by_key(|f| f.path());
    files.into_iter()
}

/// Parses a slug from demo data, naming the file when it is wrong.
fn slug(value: &str, file: &str) -> Result<Slug, DemoError> {
    Slug::parse(value).map_err(|e| DemoError::Invalid {
        file: file.to_owned(),
        reason: format!("slug `{value}`: {e}"),
    })
}
