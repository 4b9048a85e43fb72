//! The shapes of the demo files and their conversion into write inputs.

use include_dir::{Dir, File};
use serde::Deserialize;

use super::slug;
use crate::domain::Status;
use crate::server::{
    clock::normalise_instant,
    db::{
        profile::{ExperienceInput, ProfileInput},
        write::{ArticleInput, NoteInput, SummaryInput, Term},
    },
    frontmatter,
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

pub fn term(slug_text: &str, name: &str) -> Result<Term, DemoError> {
    Ok(Term {
        slug: slug(slug_text, "taxonomy")?,
        name: name.to_owned(),
    })
}

#[derive(Deserialize)]
pub struct Profile {
    name: String,
    headline: String,
    location: String,
    #[serde(default)]
    email: String,
    bio: String,
    #[serde(default)]
    links: Vec<Link>,
    #[serde(default)]
    stack: Vec<StackGroup>,
    #[serde(default)]
    experience: Vec<Experience>,
}

#[derive(Deserialize)]
struct Link {
    label: String,
    url: String,
}

#[derive(Deserialize)]
struct StackGroup {
    group: String,
    items: Vec<String>,
}

#[derive(Deserialize)]
struct Experience {
    role: String,
    organisation: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    location: String,
    start: String,
    end: String,
    summary: String,
}

impl Profile {
    pub fn into_input(self) -> Result<ProfileInput, DemoError> {
        let mut experience = Vec::with_capacity(self.experience.len());
        for e in self.experience {
            let month = |m: &str| crate::domain::dates::month_label(m).is_some();
            if !month(&e.start) || !(e.end == "present" || month(&e.end)) {
                return Err(invalid(
                    "profile.toml",
                    format!("dates of {} at {}", e.role, e.organisation),
                ));
            }
            experience.push(ExperienceInput {
                end_month: (e.end != "present").then_some(e.end),
                role: e.role,
                organisation: e.organisation,
                url: e.url,
                location: e.location,
                start_month: e.start,
                summary_md: e.summary,
            });
        }
        Ok(ProfileInput {
            name: self.name,
            headline: self.headline,
            bio_md: self.bio,
            location: self.location,
            email: self.email,
            links: self.links.into_iter().map(|l| (l.label, l.url)).collect(),
            stack: self.stack.into_iter().map(|g| (g.group, g.items)).collect(),
            experience,
        })
    }
}

#[derive(Deserialize)]
pub struct Categories {
    pub category: Vec<Described>,
}

#[derive(Deserialize)]
pub struct Described {
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Deserialize)]
pub struct Tags {
    pub tag: Vec<Named>,
}

#[derive(Deserialize)]
pub struct Named {
    pub slug: String,
    pub name: String,
}

#[derive(Deserialize)]
pub struct Sources {
    pub source: Vec<SourceEntry>,
}

#[derive(Deserialize)]
pub struct SourceEntry {
    pub slug: String,
    pub name: String,
    pub url: String,
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
    let (front, body) =
        frontmatter::split(text).ok_or_else(|| invalid(&name, "no +++ front matter"))?;
    let parsed = toml::from_str(front).map_err(|e| invalid(&name, e))?;
    Ok((name, parsed, body.to_owned()))
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
