//! Managing tags, categories and sources: what the taxonomy page shows and
//! the three things it can do to a term (rename, merge, delete).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TermKind {
    #[default]
    Tag,
    Category,
    Source,
}

impl TermKind {
    pub const ALL: [TermKind; 3] = [TermKind::Tag, TermKind::Category, TermKind::Source];

    pub fn as_str(self) -> &'static str {
        match self {
            TermKind::Tag => "tag",
            TermKind::Category => "category",
            TermKind::Source => "source",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == input)
    }

    pub fn plural(self) -> &'static str {
        match self {
            TermKind::Tag => "Tags",
            TermKind::Category => "Categories",
            TermKind::Source => "Sources",
        }
    }

    /// The query parameter that filters lists by this kind of term.
    pub fn query_key(self) -> &'static str {
        self.as_str()
    }

    /// Where readers see the items filed under a term.
    pub fn public_path(self, slug: &str) -> String {
        match self {
            TermKind::Tag => format!("/tags/{slug}"),
            TermKind::Category => format!("/articles?category={slug}"),
            TermKind::Source => format!("/summaries?source={slug}"),
        }
    }
}

/// One term with how many items (in any state, trash included) use it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub uses: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Taxonomy {
    pub tags: Vec<TermRow>,
    pub categories: Vec<TermRow>,
    pub sources: Vec<TermRow>,
}

impl Taxonomy {
    pub fn of(&self, kind: TermKind) -> &[TermRow] {
        match kind {
            TermKind::Tag => &self.tags,
            TermKind::Category => &self.categories,
            TermKind::Source => &self.sources,
        }
    }
}

/// Rename a term: a new name and, when it changes, a new slug (the old
/// one then redirects).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TermRename {
    pub kind: TermKind,
    pub id: i64,
    pub name: String,
    pub slug: String,
}

/// Move everything filed under `from` to `into`, then remove `from`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TermMerge {
    pub kind: TermKind,
    pub from: i64,
    pub into: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TermDelete {
    pub kind: TermKind,
    pub id: i64,
}
