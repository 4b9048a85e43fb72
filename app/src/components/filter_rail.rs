//! The rail of filters beside a list: each facet a list of links that set
//! or clear one query parameter and keep the others, so a filtered view is
//! a URL that can be shared and the back button walks through filters.

use leptos::prelude::*;
use leptos_router::{hooks::use_query_map, params::ParamsMap};

use crate::domain::{query_string, Facet, PAGE_PARAM};

/// `path` followed by the query string of `query`.
fn with_query(path: &str, query: &ParamsMap) -> String {
    let pairs = query.into_iter().map(|(k, v)| (k.as_ref(), v));
    format!("{path}{}", query_string(pairs))
}

/// `path` with the current query, `param` set to `value` (or removed when
/// `None`) and the page number dropped.
pub fn filter_href(path: &str, query: &ParamsMap, param: &str, value: Option<&str>) -> String {
    let mut query = query.clone();
    query.remove(PAGE_PARAM);
    query.remove(param);
    if let Some(value) = value {
        query.insert(param.to_owned(), value.to_owned());
    }
    with_query(path, &query)
}

/// `path` with the current query and page `page` (page 1 is the bare list).
pub fn page_href(path: &str, query: &ParamsMap, page: u32) -> String {
    let mut query = query.clone();
    query.remove(PAGE_PARAM);
    if page > 1 {
        query.insert(PAGE_PARAM, page.to_string());
    }
    with_query(path, &query)
}

#[component]
pub fn FilterRail(
    /// The list's own path, e.g. `/articles`.
    path: &'static str,
    facets: Vec<Facet>,
) -> impl IntoView {
    view! {
        <nav aria-label="Filters" class="space-y-8 text-sm">
            {facets.into_iter().map(|facet| view! { <FacetList path facet /> }).collect_view()}
        </nav>
    }
}

#[component]
fn FacetList(path: &'static str, facet: Facet) -> impl IntoView {
    let query = use_query_map();
    let Facet {
        param,
        label,
        options,
    } = facet;
    let heading_id = format!("facet-{param}");
    let labelled_by = heading_id.clone();
    let param_for_all = param.clone();
    let none_selected = {
        let param = param.clone();
        move || query.read().get_str(&param).is_none()
    };
    let all_href = move || filter_href(path, &query.read(), &param_for_all, None);
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading_id class="mb-2 font-mono text-xs uppercase tracking-widest text-muted dark:text-night-muted">
                {label}
            </h2>
            <ul class="space-y-1">
                <li>
                    <a
                        href=all_href
                        aria-current=move || none_selected().then_some("true")
                        class="rail-link"
                    >
                        "All"
                    </a>
                </li>
                {options
                    .into_iter()
                    .map(|option| {
                        let param = param.clone();
                        let slug = option.slug.clone();
                        let selected = {
                            let (param, slug) = (param.clone(), slug.clone());
                            move || query.read().get_str(&param) == Some(slug.as_str())
                        };
                        let href = {
                            let selected = selected.clone();
                            move || {
                                let value = (!selected()).then_some(slug.as_str());
                                filter_href(path, &query.read(), &param, value)
                            }
                        };
                        view! {
                            <li>
                                <a href=href aria-current=move || selected().then_some("true") class="rail-link">
                                    <span>{option.name}</span>
                                    <span class="rail-count">{option.count}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&'static str, &str)]) -> ParamsMap {
        pairs.iter().map(|(k, v)| (*k, v.to_string())).collect()
    }

    #[test]
    fn setting_a_filter_keeps_the_others_and_drops_the_page() {
        let current = query(&[("tag", "rust"), ("page", "3")]);
        let href = filter_href("/articles", &current, "category", Some("backend"));
        assert!(href.starts_with("/articles?"), "{href}");
        assert!(
            href.contains("tag=rust") && href.contains("category=backend"),
            "{href}"
        );
        assert!(!href.contains("page="), "{href}");
    }

    #[test]
    fn clearing_the_last_filter_leaves_a_bare_path() {
        let current = query(&[("tag", "rust")]);
        assert_eq!(filter_href("/articles", &current, "tag", None), "/articles");
    }

    #[test]
    fn page_links_keep_filters() {
        let current = query(&[("tag", "rust"), ("page", "2")]);
        assert_eq!(
            page_href("/articles", &current, 3),
            "/articles?tag=rust&page=3"
        );
        assert_eq!(page_href("/articles", &current, 1), "/articles?tag=rust");
    }

    #[test]
    fn values_are_escaped() {
        let href = filter_href("/summaries", &ParamsMap::new(), "source", Some("a&b c"));
        assert!(!href.contains("a&b"), "{href}");
    }
}
