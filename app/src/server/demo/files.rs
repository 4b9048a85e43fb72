//! The shapes of the demo files and their conversion into write inputs.

use include_dir::{Dir, File};
use serde::Deserialize;

use super::slug;
use crate::domain::Status;
use crate::server::{
    clock::normalise_instant,
    db::{
        profile::ProfileInput,
        write::{ArticleInput, NoteInput, SummaryInput, Term},
    },
    frontmatter,
    portable::SiteFile,
};

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("demo file {file} is missing")]
    Missing { file: String },
    #[error("demo file {file} is not valid: {reason}")]
    Invalid { file: String, reason: String },
    #[error("could not write the demo content")]
    Database(#[from] sqlx::Error),
}

fn invalid(file: &str, reason: impl ToString) -> DemoError {
    DemoError::Invalid {
        file: file.to_owned(),
        reason: reason.to_string(),
    }
}

pub fn read_toml<T: serde::de::DeserializeOwned>(
    dir: &Dir<'_>,
    name: &str,
) -> Result<T, DemoError> {
    let text = dir
        .get_file(name)
        .and_then(File::contents_utf8)
        .ok_or_else(|| DemoError::Missing {
            file: name.to_owned(),
        })?;
    toml::from_str(text).map_err(|e| invalid(name, e))
}

/// The profile, checked the way the profile editor checks a save.
pub fn profile(file: SiteFile) -> Result<ProfileInput, DemoError> {
    file.into_input().map_err(|errors| {
        let reasons: Vec<String> = errors
            .into_iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect();
        invalid("profile.toml", reasons.join("; "))
    })
}

pub fn term(slug_text: &str, name: &str) -> Result<Term, DemoError> {
    Ok(Term {
        slug: slug(slug_text, "taxonomy")?,
        name: name.to_owned(),
    })
}

#[derive(Deserialize)]
struct ArticleFront {
    title: String,
    slug: String,
    #[serde(default)]
    dek: String,
    category: String,
    #[serde(default)]
    tags: Vec<String>,
    published: String,
    updated: Option<String>,
    status: String,
    series: Option<String>,
}

#[derive(Deserialize)]
struct NoteFront {
    title: String,
    slug: String,
    published: String,
    #[serde(default)]
    tags: Vec<String>,
    status: String,
}

fn front<T: serde::de::DeserializeOwned>(
    file: &File<'_>,
) -> Result<(String, T, String), DemoError> {
    let name = file.path().display().to_string();
    let text = file
        .contents_utf8()
        .ok_or_else(|| invalid(&name, "not UTF-8"))?;
    let cut = frontmatter::split(text)
        .filter(|cut| cut.format == frontmatter::Format::Toml)
        .ok_or_else(|| invalid(&name, "no +++ front matter"))?;
    let parsed = toml::from_str(cut.front).map_err(|e| invalid(&name, e))?;
    Ok((name, parsed, cut.body.to_owned()))
}

fn status(value: &str, file: &str) -> Result<Status, DemoError> {
    Status::parse(value).ok_or_else(|| invalid(file, format!("unknown status `{value}`")))
}

fn instant(value: &str, file: &str) -> Result<String, DemoError> {
    normalise_instant(value)
        .ok_or_else(|| invalid(file, format!("`{value}` is not an RFC 3339 time")))
}

fn slugs(values: &[String], file: &str) -> Result<Vec<crate::domain::Slug>, DemoError> {
    values.iter().map(|v| slug(v, file)).collect()
}

pub fn parse_article(file: &File<'_>) -> Result<ArticleInput, DemoError> {
    let (name, f, body): (_, ArticleFront, _) = front(file)?;
    let series = match f.series {
        Some(series) => Some(Term {
            slug: crate::domain::Slug::from_title(&series).map_err(|e| invalid(&name, e))?,
            name: series,
        }),
        None => None,
    };
    Ok(ArticleInput {
        slug: slug(&f.slug, &name)?,
        category: slug(&f.category, &name)?,
        tags: slugs(&f.tags, &name)?,
        status: status(&f.status, &name)?,
        published_at: Some(instant(&f.published, &name)?),
        updated_at: f
            .updated
            .as_deref()
            .map(|u| instant(u, &name))
            .transpose()?,
        title: f.title,
        dek: f.dek,
        body_md: body,
        series,
    })
}

pub fn parse_note(file: &File<'_>) -> Result<NoteInput, DemoError> {
    let (name, f, body): (_, NoteFront, _) = front(file)?;
    Ok(NoteInput {
        slug: slug(&f.slug, &name)?,
        tags: slugs(&f.tags, &name)?,
        status: status(&f.status, &name)?,
        published_at: Some(instant(&f.published, &name)?),
        title: f.title,
        body_md: body,
    })
}

#[derive(Deserialize)]
pub struct Summaries {
    pub summary: Vec<SummaryEntry>,
}

#[derive(Deserialize)]
pub struct SummaryEntry {
    title: String,
    slug: String,
    source: String,
    url: String,
    category: String,
    #[serde(default)]
    tags: Vec<String>,
    day: String,
    body: String,
}

impl SummaryEntry {
    pub fn into_input(self) -> Result<SummaryInput, DemoError> {
        let file = "summaries.toml";
        if crate::domain::dates::parse_day(&self.day).is_none() {
            return Err(invalid(
                file,
                format!("day `{}` of {}", self.day, self.slug),
            ));
        }
        Ok(SummaryInput {
            slug: slug(&self.slug, file)?,
            source: slug(&self.source, file)?,
            category: slug(&self.category, file)?,
            tags: slugs(&self.tags, file)?,
            status: Status::Published,
            published_at: Some(format!("{}T12:00:00Z", self.day)),
            title: self.title,
            body_md: self.body,
            original_url: self.url,
            day: self.day,
        })
    }
}
