//! What the server sends the browser about tags: how much published work
//! carries each one, and everything published under one of them.

use serde::{Deserialize, Serialize};

use super::{ArticleListItem, TagRef};

/// A tag in the index, with its published items counted per kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagCount {
    pub slug: String,
    pub name: String,
    pub articles: u32,
    pub notes: u32,
    pub summaries: u32,
}

impl TagCount {
    pub fn total(&self) -> u32 {
        self.articles + self.notes + self.summaries
    }
}

/// A note under a tag: enough to find and open it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaggedNote {
    pub slug: String,
    pub title: String,
    /// `YYYY-MM-DD`
    pub published: String,
}

/// A summary under a tag; it points at the piece it summarises.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaggedSummary {
    pub title: String,
    pub source_name: String,
    /// `YYYY-MM-DD`, the day the summary was written.
    pub day: String,
    pub original_url: String,
}

/// How many items of each kind one page of a tag shows.
pub const TAG_PAGE_SIZE: u32 = 20;

/// One page of what is published under one tag, newest first within each
/// kind: page `n` holds the `n`th `TAG_PAGE_SIZE` items of every kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagDetail {
    pub tag: TagRef,
    pub articles: Vec<ArticleListItem>,
    pub notes: Vec<TaggedNote>,
    pub summaries: Vec<TaggedSummary>,
    pub articles_total: u32,
    pub notes_total: u32,
    pub summaries_total: u32,
    pub page: u32,
    pub total_pages: u32,
}

impl TagDetail {
    /// A tag page with nothing on it does not exist for readers.
    pub fn is_empty(&self) -> bool {
        self.articles_total == 0 && self.notes_total == 0 && self.summaries_total == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_total_adds_every_kind() {
        let tag = TagCount {
            slug: "rust".into(),
            name: "Rust".into(),
            articles: 3,
            notes: 2,
            summaries: 1,
        };
        assert_eq!(tag.total(), 6);
    }

    #[test]
    fn a_tag_with_nothing_published_is_empty() {
        let detail = TagDetail {
            tag: TagRef {
                slug: "rust".into(),
                name: "Rust".into(),
            },
            articles: vec![],
            notes: vec![],
            summaries: vec![],
            articles_total: 0,
            notes_total: 0,
            summaries_total: 0,
            page: 1,
            total_pages: 1,
        };
        assert!(detail.is_empty());
    }
}
