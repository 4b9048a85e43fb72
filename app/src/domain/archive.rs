//! The article archive as the page shows it: one page of rows, the rail of
//! categories and tags, and which filters are active.

use serde::{Deserialize, Serialize};

use super::{ArticlePage, CategoryRef, Facet, TagRef};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Archive {
    pub list: ArticlePage,
    /// Categories then tags, each option with its count of published articles.
    pub facets: Vec<Facet>,
    /// The category filter, when it names a category that exists.
    pub category: Option<CategoryRef>,
    /// The tag filter, when it names a tag that exists.
    pub tag: Option<TagRef>,
}
