//! Reading published summaries, filtered and a page at a time.

use leptos::prelude::*;

use super::AppError;
use crate::domain::{SummaryFilters, SummaryListing};

/// The summaries page's query string, as the page read it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SummariesQuery {
    pub filters: SummaryFilters,
    pub page: Option<u32>,
}

#[server(endpoint = "list_summaries")]
pub async fn list_summaries(
    #[server(default)] query: SummariesQuery,
) -> Result<SummaryListing, AppError> {
    use crate::server::{clock, db, state::app_state};
    let state = app_state()?;
    let filters = normalise(query.filters);
    let page = query.page.unwrap_or(1).max(1);
    Ok(db::summaries::list_published(&state.pool, &clock::now(), &filters, page).await?)
}

/// Blank values mean "no filter"; anything longer than a slug can be is
/// cut, since it cannot match and need not travel to the database whole.
#[cfg(feature = "ssr")]
fn normalise(filters: SummaryFilters) -> SummaryFilters {
    let clean = |value: Option<String>| {
        value
            .map(|v| {
                v.trim()
                    .chars()
                    .take(crate::domain::Slug::MAX_LEN + 1)
                    .collect::<String>()
            })
            .filter(|v| !v.is_empty())
    };
    SummaryFilters {
        category: clean(filters.category),
        tag: clean(filters.tag),
        source: clean(filters.source),
    }
}
