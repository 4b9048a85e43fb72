//! Filters that live in the query string: the options a rail offers, each
//! with how many published items it would show, and the links between them.

use serde::{Deserialize, Serialize};

/// One choice in a filter rail, e.g. the tag `rust` with 7 articles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetOption {
    pub slug: String,
    pub name: String,
    /// Published items this option would show, given the other active filters.
    pub count: u32,
}

/// A group of choices bound to one query parameter (`category`, `tag`, `source`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facet {
    /// The query-string key this facet sets.
    pub param: String,
    /// The heading the rail shows, e.g. "Categories".
    pub label: String,
    pub options: Vec<FacetOption>,
}

/// The query parameter that selects a page of a paginated list; any change
/// of filter goes back to the first page, so links drop it.
pub const PAGE_PARAM: &str = "page";

/// `?key=value&…` for the given pairs, form-encoded (slugs stay readable),
/// or an empty string when there are none.
pub fn query_string<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    serializer.extend_pairs(pairs);
    let query = serializer.finish();
    if query.is_empty() {
        query
    } else {
        format!("?{query}")
    }
}

#[cfg(test)]
mod tests {
    use super::query_string;

    #[test]
    fn slugs_stay_readable_and_the_rest_is_encoded() {
        assert_eq!(query_string([("category", "ai-llms")]), "?category=ai-llms");
        assert_eq!(query_string([("q", "a&b c")]), "?q=a%26b+c");
        assert_eq!(query_string(std::iter::empty()), "");
    }
}
