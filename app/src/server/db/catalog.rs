//! Every statement a public page can run, by name, so a test can ask SQLite
//! how it plans each one against a large generated site. The SQL itself
//! stays beside the function that runs it; this only lists it. A statement
//! built from parts is listed once for every combination of parts.

use super::summaries::filters::Dimension;
use super::{
    article_links, articles, feeds, home, notes, profile, schedule, search, summaries, tags,
};

/// One statement and the name the test reports it by.
pub struct Statement {
    pub name: String,
    pub sql: String,
}

fn statement(name: impl Into<String>, sql: impl Into<String>) -> Statement {
    Statement {
        name: name.into(),
        sql: sql.into(),
    }
}

pub fn public_statements() -> Vec<Statement> {
    let mut all = vec![
        statement("articles::category_id", articles::CATEGORY_ID),
        statement("articles::tag_id", articles::TAG_ID),
        statement("articles::category_counts", articles::CATEGORY_COUNTS),
        statement("articles::tag_counts", articles::TAG_COUNTS),
        statement("articles::detail", articles::DETAIL),
        statement("articles::tags_of", articles::TAGS_OF),
        statement("article_links::previous", article_links::PREVIOUS),
        statement("article_links::next", article_links::NEXT),
        statement("article_links::related", article_links::RELATED),
        statement("home::latest_notes", home::LATEST_NOTES),
        statement("home::latest_summaries", home::LATEST_SUMMARIES),
        statement("home::count_between", home::COUNT_BETWEEN),
        statement("home::articles_between", home::ARTICLES_BETWEEN),
        statement("profile::profile", profile::PROFILE),
        statement("profile::links", profile::LINKS),
        statement("profile::stack", profile::STACK),
        statement("profile::roles", profile::ROLES),
        statement("notes::count", notes::COUNT),
        statement("notes::page", notes::PAGE),
        statement("notes::detail", notes::DETAIL),
        statement("notes::newer", notes::NEWER),
        statement("notes::older", notes::OLDER),
        statement("notes::tags_of", notes::TAGS_OF),
        statement("tags::list_with_counts", tags::LIST_WITH_COUNTS),
        statement("tags::tag", tags::TAG),
        statement("tags::notes_count", tags::NOTES_COUNT),
        statement("tags::notes_page", tags::NOTES_PAGE),
        statement("tags::summaries_count", tags::SUMMARIES_COUNT),
        statement("tags::summaries_page", tags::SUMMARIES_PAGE),
        statement("feeds::latest_articles", feeds::LATEST_ARTICLES),
        statement("feeds::latest_notes", feeds::LATEST_NOTES),
        statement("feeds::latest_summaries", feeds::LATEST_SUMMARIES),
        statement("feeds::tags_of_articles", feeds::TAGS_OF_ARTICLES),
        statement("feeds::tags_of_notes", feeds::TAGS_OF_NOTES),
        statement("feeds::tags_of_summaries", feeds::TAGS_OF_SUMMARIES),
        statement("feeds::find_tag", feeds::filters::FIND_TAG),
        statement("feeds::name_of_category", feeds::filters::NAME_OF_CATEGORY),
        statement("feeds::name_of_tag", feeds::filters::NAME_OF_TAG),
        statement("feeds::name_of_source", feeds::filters::NAME_OF_SOURCE),
        statement("sitemap::sections", feeds::sitemap::SECTIONS),
        statement("sitemap::items", feeds::sitemap::ITEMS),
        statement("sitemap::tags", feeds::sitemap::TAGS),
        statement("schedule::next_publication", schedule::NEXT_PUBLICATION),
        statement("search::search", search::SEARCH),
        statement("summaries::tags_of", summaries::TAGS_OF),
    ];
    for (category, tag) in [(false, false), (true, false), (false, true), (true, true)] {
        let filters = articles::filter_sql(category, tag);
        let label = format!("category={category},tag={tag}");
        all.push(statement(
            format!("articles::count({label})"),
            articles::archive_count_sql(&filters),
        ));
        all.push(statement(
            format!("articles::page({label})"),
            articles::archive_page_sql(&filters),
        ));
    }
    for dimension in Dimension::ALL {
        all.push(statement(
            format!("summaries::lookup({})", dimension.param()),
            dimension.lookup(),
        ));
    }
    // Every set of chosen filters: the count, the page, and each facet
    // counted under the other chosen filters.
    for mask in 0..8u8 {
        let chosen: Vec<Dimension> = Dimension::ALL
            .into_iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, d)| d)
            .collect();
        let label: Vec<&str> = chosen.iter().map(|d| d.param()).collect();
        let label = label.join("+");
        let conditions: String = chosen.iter().map(|d| d.condition()).collect();
        all.push(statement(
            format!("summaries::count({label})"),
            summaries::count_sql(&conditions),
        ));
        all.push(statement(
            format!("summaries::page({label})"),
            summaries::page_sql(&conditions),
        ));
        for facet in Dimension::ALL {
            let others: String = chosen
                .iter()
                .filter(|d| **d != facet)
                .map(|d| d.condition())
                .collect();
            all.push(statement(
                format!("summaries::facet({}; {label})", facet.param()),
                facet.counts().replace("{where}", &others),
            ));
        }
    }
    all
}

#[cfg(test)]
mod plan_tests;
