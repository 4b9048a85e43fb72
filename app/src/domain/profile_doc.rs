//! The profile as the author edits it: markdown sources, not rendered HTML.

use serde::{Deserialize, Serialize};

use super::FieldError;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileDoc {
    pub name: String,
    pub headline: String,
    pub bio_md: String,
    pub location: String,
    pub email: String,
    pub links: Vec<LinkEntry>,
    pub stack: Vec<StackEntry>,
    pub experience: Vec<ExperienceEntry>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LinkEntry {
    pub label: String,
    pub url: String,
}

/// A group of the tech stack; items are written comma-separated.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StackEntry {
    pub group: String,
    pub items: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExperienceEntry {
    pub role: String,
    pub organisation: String,
    pub url: String,
    pub location: String,
    /// `YYYY-MM`
    pub start_month: String,
    /// `YYYY-MM`, or empty while the role is current.
    pub end_month: String,
    pub summary_md: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProfileOutcome {
    Saved { saved_at: String },
    Invalid { errors: Vec<FieldError> },
}

impl StackEntry {
    pub fn item_list(&self) -> Vec<String> {
        self.items
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }
}
