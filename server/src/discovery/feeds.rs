//! The Atom feeds: the whole site, each kind, the summaries with the same
//! filters as their page, and each tag. Unknown tags and unknown filter
//! slugs answer 404, so a mistyped subscription fails loudly instead of
//! staying silently empty forever.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;

use app::domain::Slug;
use app::server::db::feeds::{self as db, FeedEntry, FilterNames, SummaryFilter};
use app::server::{clock, state::AppState};

use super::atom::Feed;
use super::entry::entry;
use super::response::{document, DiscoveryError, ATOM};

/// Entries per feed: enough for a reader that polls daily or weekly.
const FEED_LENGTH: u32 = 20;

pub async fn site(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, DiscoveryError> {
    let entries = db::latest_everything(&state.pool, &clock::now(), None, FEED_LENGTH).await?;
    let about = About {
        self_path: "/feed.xml".into(),
        page_path: "/".into(),
        title: state.site.title.clone(),
        subtitle: Some(state.site.description.clone()).filter(|s| !s.is_empty()),
    };
    respond(&state, &headers, about, entries).await
}

pub async fn articles(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, DiscoveryError> {
    let entries = db::latest_articles(&state.pool, &clock::now(), None, FEED_LENGTH).await?;
    let about = About::plain("/articles", format!("{} · Articles", state.site.title));
    respond(&state, &headers, about, entries).await
}

pub async fn notes(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, DiscoveryError> {
    let entries = db::latest_notes(&state.pool, &clock::now(), None, FEED_LENGTH).await?;
    let about = About::plain("/notes", format!("{} · Notes", state.site.title));
    respond(&state, &headers, about, entries).await
}

/// The query string of `/summaries` and `/summaries/feed.xml`.
#[derive(Debug, Default, Deserialize)]
pub struct SummaryParams {
    category: Option<String>,
    tag: Option<String>,
    source: Option<String>,
}

impl SummaryParams {
    /// Empty values mean "any", as in the page's links; a value that is not
    /// a slug can name nothing.
    fn parse(self) -> Result<SummaryFilter, DiscoveryError> {
        let slug = |value: Option<String>| match value.filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => Slug::parse(&v)
                .map(Some)
                .map_err(|_| DiscoveryError::NotFound),
        };
        Ok(SummaryFilter {
            category: slug(self.category)?,
            tag: slug(self.tag)?,
            source: slug(self.source)?,
        })
    }
}

pub async fn summaries(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<SummaryParams>,
) -> Result<Response, DiscoveryError> {
    let filter = params.parse()?;
    let now = clock::now();
    let names = db::filter_names(&state.pool, &filter, &now)
        .await?
        .ok_or(DiscoveryError::NotFound)?;
    let entries = db::latest_summaries(&state.pool, &now, &filter, FEED_LENGTH).await?;
    let query = query_string(&filter);
    let about = About {
        self_path: format!("/summaries/feed.xml{query}"),
        page_path: format!("/summaries{query}"),
        title: format!("{} · Summaries{}", state.site.title, describe(&names)),
        subtitle: None,
    };
    respond(&state, &headers, about, entries).await
}

pub async fn tag(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Response, DiscoveryError> {
    let slug = Slug::parse(&slug).map_err(|_| DiscoveryError::NotFound)?;
    let tag = db::find_tag(&state.pool, &slug)
        .await?
        .ok_or(DiscoveryError::NotFound)?;
    let entries =
        db::latest_everything(&state.pool, &clock::now(), Some(&slug), FEED_LENGTH).await?;
    // Like the tag page: a tag that only hidden items carry does not exist
    // for the public, and its name must not leak through the feed title.
    if entries.is_empty() {
        return Err(DiscoveryError::NotFound);
    }
    let title = format!("{} · Tagged {}", state.site.title, tag.name);
    let about = About::plain(&format!("/tags/{}", tag.slug), title);
    respond(&state, &headers, about, entries).await
}

/// `?category=…&tag=…&source=…` with only the filters that are set, in the
/// order the page writes them; empty when none is.
fn query_string(filter: &SummaryFilter) -> String {
    let pairs: Vec<String> = [
        ("category", &filter.category),
        ("tag", &filter.tag),
        ("source", &filter.source),
    ]
    .into_iter()
    .filter_map(|(key, slug)| slug.as_ref().map(|slug| format!("{key}={slug}")))
    .collect();
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}

/// ` in Databases, tagged rust, from The Queue` for the filters set.
fn describe(names: &FilterNames) -> String {
    let parts: Vec<String> = [
        names.category.as_ref().map(|n| format!("in {n}")),
        names.tag.as_ref().map(|n| format!("tagged {n}")),
        names.source.as_ref().map(|n| format!("from {n}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" {}", parts.join(", "))
    }
}

/// What a feed says about itself, with site-relative paths.
struct About {
    self_path: String,
    /// The HTML page listing the same items.
    page_path: String,
    title: String,
    subtitle: Option<String>,
}

impl About {
    /// A feed that lives at `<page>/feed.xml`.
    fn plain(page_path: &str, title: String) -> Self {
        Self {
            self_path: format!("{page_path}/feed.xml"),
            page_path: page_path.to_owned(),
            title,
            subtitle: None,
        }
    }
}

async fn respond(
    state: &AppState,
    headers: &HeaderMap,
    about: About,
    entries: Vec<FeedEntry>,
) -> Result<Response, DiscoveryError> {
    let base = state.site.base_url.as_str();
    let author = state
        .owner_name()
        .await?
        .unwrap_or_else(|| state.site.title.clone());
    let feed = Feed {
        id: format!("{base}{}", about.self_path),
        title: about.title,
        subtitle: about.subtitle,
        author,
        alternate: format!("{base}{}", about.page_path),
        language: state.site.language.clone(),
        entries: entries.into_iter().map(|e| entry(base, e)).collect(),
    };
    Ok(document(headers, ATOM, feed.to_xml()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(s: &str) -> Option<Slug> {
        Some(Slug::parse(s).unwrap())
    }

    #[test]
    fn the_query_string_keeps_only_set_filters() {
        assert_eq!(query_string(&SummaryFilter::default()), "");
        let filter = SummaryFilter {
            category: slug("databases"),
            tag: None,
            source: slug("the-queue"),
        };
        assert_eq!(
            query_string(&filter),
            "?category=databases&source=the-queue"
        );
    }

    #[test]
    fn bad_slugs_name_nothing_and_empty_ones_mean_any() {
        let params = SummaryParams {
            category: Some(String::new()),
            tag: Some("rust".into()),
            source: None,
        };
        assert_eq!(params.parse().unwrap().tag, slug("rust"));
        let bad = SummaryParams {
            tag: Some("<x>".into()),
            ..SummaryParams::default()
        };
        assert!(matches!(bad.parse(), Err(DiscoveryError::NotFound)));
    }
}
