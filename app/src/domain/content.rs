//! What the server sends the browser about published content. These are
//! wire types: database rows are converted into them on the server.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryRef {
    pub slug: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagRef {
    pub slug: String,
    pub name: String,
}

/// One row of the article archive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleListItem {
    pub slug: String,
    pub title: String,
    pub dek: String,
    pub category: CategoryRef,
    /// `YYYY-MM-DD`
    pub published: String,
    pub reading_minutes: u32,
}

/// A heading of a long article, for its table of contents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Everything the article page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDetail {
    pub slug: String,
    pub title: String,
    pub dek: String,
    pub category: CategoryRef,
    pub tags: Vec<TagRef>,
    /// `YYYY-MM-DD`
    pub published: String,
    /// `YYYY-MM-DD`, only when it differs from the published day.
    pub updated: Option<String>,
    pub reading_minutes: u32,
    /// Sanitized HTML, rendered once when the article was saved.
    pub body_html: String,
    pub toc: Vec<TocEntry>,
}

/// An article with the ways out of it: the neighbours in publication
/// order and the articles that share the most tags with it. Kept apart from
/// `ArticleDetail` so that loading one article and linking it to others
/// stay separate queries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleWithLinks {
    pub article: ArticleDetail,
    /// The article published just before this one.
    pub prev: Option<ArticleListItem>,
    /// The article published just after this one.
    pub next: Option<ArticleListItem>,
    /// Up to three articles with the most tags in common, newest first among equals.
    pub related: Vec<ArticleListItem>,
}

/// A page of the archive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticlePage {
    pub items: Vec<ArticleListItem>,
    pub page: u32,
    pub total_pages: u32,
    pub total: u32,
}

/// Where a piece of content is in its life. Anything but `Published` (and a
/// `Scheduled` item whose time has come) stays off every public page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Scheduled,
    Published,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Scheduled => "scheduled",
            Status::Published => "published",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        match input {
            "draft" => Some(Status::Draft),
            "scheduled" => Some(Status::Scheduled),
            "published" => Some(Status::Published),
            _ => None,
        }
    }
}
