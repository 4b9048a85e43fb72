//! The summaries page on the wire: the filters a reader picked, one page of
//! summaries grouped by the day they were written, and the rail's counts.

use serde::{Deserialize, Serialize};
use time::Weekday;

use super::{dates, CategoryRef, Facet, TagRef};

/// The query-string keys of the summaries page, in the order links write them.
pub const SUMMARY_FILTER_PARAMS: [&str; 3] = ["category", "tag", "source"];

/// Summaries shown on one page of the list.
pub const SUMMARIES_PER_PAGE: u32 = 50;

/// What the reader asked for: each filter is a slug from the query string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct SummaryFilters {
    pub category: Option<String>,
    pub tag: Option<String>,
    pub source: Option<String>,
}

impl SummaryFilters {
    /// The same filters as a query string (`?category=…&tag=…`), or an empty
    /// string when none is set; used for the feed link of the current view.
    pub fn query_string(&self) -> String {
        super::query_string(
            SUMMARY_FILTER_PARAMS
                .iter()
                .zip([&self.category, &self.tag, &self.source])
                .filter_map(|(key, value)| value.as_deref().map(|v| (*key, v))),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.category.is_none() && self.tag.is_none() && self.source.is_none()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    pub slug: String,
    pub name: String,
}

/// One summary of someone else's writing, and where to read the original.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryItem {
    pub slug: String,
    pub title: String,
    /// Sanitized inline HTML, rendered once when the summary was saved.
    pub body_html: String,
    pub original_url: String,
    pub source: SourceRef,
    pub category: CategoryRef,
    pub tags: Vec<TagRef>,
    /// `YYYY-MM-DD`
    pub day: String,
}

/// The summaries of one day that fall on the current page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryDay {
    /// `YYYY-MM-DD`
    pub day: String,
    pub items: Vec<SummaryItem>,
}

/// A filter in force, as the page names it: "Tag" · "#backend".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActiveFilter {
    pub param: String,
    pub label: String,
    pub value: String,
}

/// Everything the summaries page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryListing {
    pub days: Vec<SummaryDay>,
    pub facets: Vec<Facet>,
    pub active: Vec<ActiveFilter>,
    /// Published summaries matching the filters.
    pub matching: u32,
    /// All published summaries.
    pub total: u32,
    pub page: u32,
    pub total_pages: u32,
}

/// Splits a newest-first list into runs of the same day, keeping order.
pub fn group_by_day(items: Vec<SummaryItem>) -> Vec<SummaryDay> {
    let mut days: Vec<SummaryDay> = Vec::new();
    for item in items {
        match days.last_mut() {
            Some(group) if group.day == item.day => group.items.push(item),
            _ => days.push(SummaryDay {
                day: item.day.clone(),
                items: vec![item],
            }),
        }
    }
    days
}

/// `2026-05-08` → `Friday May 8 · 2026`.
pub fn day_heading(day: &str) -> String {
    match dates::parse_day(day) {
        Some(d) => format!(
            "{} {} {} · {}",
            weekday_name(d.weekday()),
            d.month(),
            d.day(),
            d.year()
        ),
        None => day.to_owned(),
    }
}

/// `1 summary`, `3 summaries`.
pub fn summary_count(count: usize) -> String {
    if count == 1 {
        "1 summary".to_owned()
    } else {
        format!("{count} summaries")
    }
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(slug: &str, day: &str) -> SummaryItem {
        SummaryItem {
            slug: slug.to_owned(),
            title: slug.to_owned(),
            body_html: String::new(),
            original_url: String::new(),
            source: SourceRef {
                slug: "s".into(),
                name: "S".into(),
            },
            category: CategoryRef {
                slug: "c".into(),
                name: "C".into(),
            },
            tags: Vec::new(),
            day: day.to_owned(),
        }
    }

    #[test]
    fn runs_of_a_day_become_one_group_in_order() {
        let days = group_by_day(vec![
            item("a", "2026-05-08"),
            item("b", "2026-05-08"),
            item("c", "2026-05-07"),
        ]);
        assert_eq!(days.len(), 2);
        assert_eq!(days[0].day, "2026-05-08");
        let slugs: Vec<&str> = days[0].items.iter().map(|i| i.slug.as_str()).collect();
        assert_eq!(slugs, ["a", "b"]);
        assert_eq!(days[1].items.len(), 1);
        assert!(group_by_day(Vec::new()).is_empty());
    }

    #[test]
    fn headings_name_the_weekday_and_counts_agree_in_number() {
        assert_eq!(day_heading("2026-05-08"), "Friday May 8 · 2026");
        assert_eq!(day_heading("not a day"), "not a day");
        assert_eq!(summary_count(1), "1 summary");
        assert_eq!(summary_count(0), "0 summaries");
        assert_eq!(summary_count(2), "2 summaries");
    }

    #[test]
    fn the_feed_link_keeps_the_filters_in_a_fixed_order() {
        let filters = SummaryFilters {
            category: None,
            tag: Some("backend".into()),
            source: Some("a&b".into()),
        };
        assert_eq!(filters.query_string(), "?tag=backend&source=a%26b");
        assert_eq!(SummaryFilters::default().query_string(), "");
    }
}
