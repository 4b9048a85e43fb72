//! The owner's profile and the home page built around it.

use serde::{Deserialize, Serialize};

use super::ArticleListItem;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileLink {
    pub label: String,
    pub url: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StackGroup {
    pub name: String,
    pub items: Vec<String>,
}

/// An article title and where it lives, for short lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleLink {
    pub slug: String,
    pub title: String,
    /// `YYYY-MM-DD`
    pub published: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Experience {
    pub role: String,
    pub organisation: String,
    pub url: String,
    pub location: String,
    /// `YYYY-MM`
    pub start_month: String,
    /// `YYYY-MM`, `None` while the role is current.
    pub end_month: Option<String>,
    /// Sanitized inline HTML.
    pub summary_html: String,
    /// The newest articles published while the role lasted, at most
    /// `WRITING_PER_ROLE` of them, newest first.
    pub writing: Vec<ArticleLink>,
    /// How many articles were published while the role lasted.
    pub writing_total: u32,
}

/// How many titles each role of the timeline lists before "and N more".
pub const WRITING_PER_ROLE: u32 = 3;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub name: String,
    pub headline: String,
    /// Sanitized HTML.
    pub bio_html: String,
    pub location: String,
    pub email: String,
    pub links: Vec<ProfileLink>,
    pub stack: Vec<StackGroup>,
    pub experience: Vec<Experience>,
}

/// A note on the home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteTeaser {
    pub slug: String,
    pub title: String,
    /// `YYYY-MM-DD`
    pub published: String,
    /// The first sentences of the note, as plain text.
    pub excerpt: String,
}

/// A summary on the home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryTeaser {
    pub title: String,
    pub source: String,
    pub original_url: String,
    /// `YYYY-MM-DD`
    pub day: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Home {
    /// `None` until the owner has written a profile.
    pub profile: Option<Profile>,
    pub articles: Vec<ArticleListItem>,
    pub notes: Vec<NoteTeaser>,
    pub summaries: Vec<SummaryTeaser>,
}
