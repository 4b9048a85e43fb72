//! The two files beside the content: `site.toml` (the profile, in the shape
//! of the demo's `profile.toml`) and `taxonomy.toml` (every category, tag,
//! source and series with its slug, so a slug that its name would not give,
//! like `postgres` for "PostgreSQL", survives a round trip). The demo
//! loader reads its files with these same shapes.

use serde::{Deserialize, Serialize};

use crate::domain::{ExperienceEntry, FieldError, LinkEntry, ProfileDoc, StackEntry};
use crate::server::authoring::profile::validate;
use crate::server::db::profile::ProfileInput;

/// What a current role has for its end month.
const PRESENT: &str = "present";

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct SiteFile {
    pub name: String,
    #[serde(default)]
    pub headline: String,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub bio: String,
    #[serde(default)]
    pub links: Vec<LinkEntry>,
    #[serde(default)]
    pub stack: Vec<StackGroup>,
    #[serde(default)]
    pub experience: Vec<Role>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct StackGroup {
    pub group: String,
    pub items: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct Role {
    pub role: String,
    pub organisation: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub location: String,
    /// `YYYY-MM`
    pub start: String,
    /// `YYYY-MM`, or `present`.
    pub end: String,
    #[serde(default)]
    pub summary: String,
}

impl SiteFile {
    pub fn from_doc(doc: ProfileDoc, stack: Vec<(String, Vec<String>)>) -> Self {
        Self {
            name: doc.name,
            headline: doc.headline,
            location: doc.location,
            email: doc.email,
            bio: doc.bio_md,
            links: doc.links,
            stack: stack
                .into_iter()
                .map(|(group, items)| StackGroup { group, items })
                .collect(),
            experience: doc
                .experience
                .into_iter()
                .map(|e| Role {
                    end: if e.end_month.is_empty() {
                        PRESENT.to_owned()
                    } else {
                        e.end_month
                    },
                    role: e.role,
                    organisation: e.organisation,
                    url: e.url,
                    location: e.location,
                    start: e.start_month,
                    summary: e.summary_md,
                })
                .collect(),
        }
    }

    /// Checked the way the profile editor checks a save. Stack items are
    /// taken as listed (the editor's comma-separated field would split an
    /// item that has a comma in it).
    pub fn into_input(self) -> Result<ProfileInput, Vec<FieldError>> {
        let stack: Vec<(String, Vec<String>)> = self
            .stack
            .iter()
            .map(|g| {
                let items = g.items.iter().map(|i| i.trim().to_owned());
                (g.group.trim().to_owned(), items.collect())
            })
            .collect();
        let doc = ProfileDoc {
            name: self.name,
            headline: self.headline,
            bio_md: self.bio,
            location: self.location,
            email: self.email,
            links: self.links,
            stack: self
                .stack
                .into_iter()
                .map(|g| StackEntry {
                    group: g.group,
                    items: g.items.join(", "),
                })
                .collect(),
            experience: self
                .experience
                .into_iter()
                .map(|r| ExperienceEntry {
                    end_month: if r.end == PRESENT {
                        String::new()
                    } else {
                        r.end
                    },
                    role: r.role,
                    organisation: r.organisation,
                    url: r.url,
                    location: r.location,
                    start_month: r.start,
                    summary_md: r.summary,
                })
                .collect(),
        };
        let mut input = validate(doc)?;
        input.stack = stack;
        Ok(input)
    }
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct TaxonomyFile {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub category: Vec<Described>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tag: Vec<Named>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<SourceEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub series: Vec<Named>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct Described {
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct Named {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct SourceEntry {
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub url: String,
}
