//! Searching published content.

use leptos::prelude::*;

use super::AppError;
use crate::domain::SearchResults;

/// The search box's one field, as it arrives in `/search?q=`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    pub q: String,
}

#[server(endpoint = "search")]
pub async fn search(#[server(default)] query: SearchQuery) -> Result<SearchResults, AppError> {
    use crate::domain::{SearchTerms, MAX_QUERY_CHARS};
    use crate::server::{clock, db, state::app_state};
    let shown: String = query.q.trim().chars().take(MAX_QUERY_CHARS).collect();
    let Some(terms) = SearchTerms::parse(&shown) else {
        return Ok(SearchResults {
            query: shown,
            ..SearchResults::default()
        });
    };
    let state = app_state()?;
    let (hits, total) = db::search::search(&state.pool, &clock::now(), &terms).await?;
    Ok(SearchResults {
        query: shown,
        searched: true,
        hits,
        total,
    })
}
