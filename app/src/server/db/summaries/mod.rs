//! Queries behind the summaries page: one page of the summaries matching the
//! reader's filters, their tags, and the rail's counts. Filters are resolved
//! to ids first so every condition is an indexed equality on an integer.

use sqlx::SqlitePool;

mod facets;
pub(super) mod filters;

use crate::domain::{
    group_by_day, ActiveFilter, CategoryRef, SourceRef, SummaryFilters, SummaryItem,
    SummaryListing, TagRef, SUMMARIES_PER_PAGE,
};
use crate::public;
use facets::facet;
use filters::{conditions, resolve, Chosen, Dimension};

#[derive(sqlx::FromRow)]
struct ItemRow {
    id: i64,
    slug: String,
    title: String,
    body_html: String,
    original_url: String,
    source_slug: String,
    source_name: String,
    category_slug: String,
    category_name: String,
    day: String,
}

/// One page of the public summaries matching `filters`, newest day first.
#[tracing::instrument(level = "debug", skip(pool))]
pub async fn list_published(
    pool: &SqlitePool,
    now: &str,
    filters: &SummaryFilters,
    page: u32,
) -> Result<SummaryListing, sqlx::Error> {
    let chosen = resolve(pool, filters, now).await?;
    let total = count(pool, now, &[]).await?;
    let matching = if chosen.is_empty() {
        total
    } else {
        count(pool, now, &chosen).await?
    };
    let total_pages = matching.div_ceil(SUMMARIES_PER_PAGE).max(1);
    let page = page.clamp(1, total_pages);
    let (items, category, tag, source) = tokio::try_join!(
        page_items(pool, now, &chosen, page),
        facet(pool, now, &chosen, Dimension::Category),
        facet(pool, now, &chosen, Dimension::Tag),
        facet(pool, now, &chosen, Dimension::Source),
    )?;
    let active = chosen
        .iter()
        .map(|c| ActiveFilter {
            param: c.dimension.param().to_owned(),
            label: c.dimension.label().to_owned(),
            value: c.name.clone(),
        })
        .collect();
    Ok(SummaryListing {
        days: group_by_day(items),
        facets: vec![category, tag, source],
        active,
        matching,
        total,
        page,
        total_pages,
    })
}

/// How many public summaries pass `conditions` (from `filters::conditions`).
pub(super) fn count_sql(conditions: &str) -> String {
    format!(
        concat!(
            "SELECT COUNT(*) FROM summaries s WHERE ",
            public!("s"),
            "{}"
        ),
        conditions
    )
}

/// One page of summaries passing `conditions`. The inner order matches the
/// `summaries_public` index (rowid is its implied last column), so a page's
/// ids are read from the index without sorting, and only those fifty rows
/// are joined to their names. The index is named because with a category
/// chosen SQLite would rather read all of that category's rows and sort
/// them; `CROSS JOIN` keeps the page the outer loop for the same reason.
pub(super) fn page_sql(conditions: &str) -> String {
    format!(
        concat!(
            "SELECT s.id, s.slug, s.title, s.body_html, s.original_url, s.day,
                    so.slug AS source_slug, so.name AS source_name,
                    c.slug AS category_slug, c.name AS category_name
             FROM (SELECT s.id FROM summaries s INDEXED BY summaries_public WHERE ",
            public!("s"),
            "{} ORDER BY s.day DESC, s.published_at DESC, s.id LIMIT ? OFFSET ?) p
             CROSS JOIN summaries s ON s.id = p.id
             CROSS JOIN sources so ON so.id = s.source_id
             CROSS JOIN categories c ON c.id = s.category_id
             ORDER BY s.day DESC, s.published_at DESC, s.id"
        ),
        conditions
    )
}

/// A filter naming a term that does not exist matches nothing; no query
/// is needed (and `INDEXED BY` has no plan for a constant-false `WHERE`).
fn matches_nothing(chosen: &[Chosen]) -> bool {
    chosen.iter().any(|c| c.id.is_none())
}

async fn count(pool: &SqlitePool, now: &str, chosen: &[Chosen]) -> Result<u32, sqlx::Error> {
    if matches_nothing(chosen) {
        return Ok(0);
    }
    let (conditions, ids) = conditions(chosen, None);
    let sql = count_sql(&conditions);
    let mut query = sqlx::query_scalar::<_, i64>(&sql).bind(now);
    for id in ids {
        query = query.bind(id);
    }
    Ok(u32::try_from(query.fetch_one(pool).await?).unwrap_or(u32::MAX))
}

async fn page_items(
    pool: &SqlitePool,
    now: &str,
    chosen: &[Chosen],
    page: u32,
) -> Result<Vec<SummaryItem>, sqlx::Error> {
    if matches_nothing(chosen) {
        return Ok(Vec::new());
    }
    let (conditions, ids) = conditions(chosen, None);
    let sql = page_sql(&conditions);
    let mut query = sqlx::query_as::<_, ItemRow>(&sql).bind(now);
    for id in ids {
        query = query.bind(id);
    }
    let offset = i64::from(page - 1) * i64::from(SUMMARIES_PER_PAGE);
    let rows = query
        .bind(i64::from(SUMMARIES_PER_PAGE))
        .bind(offset)
        .fetch_all(pool)
        .await?;
    let mut tags = tags_of(pool, rows.iter().map(|r| r.id).collect()).await?;
    Ok(rows
        .into_iter()
        .map(|row| SummaryItem {
            tags: tags.remove(&row.id).unwrap_or_default(),
            slug: row.slug,
            title: row.title,
            body_html: row.body_html,
            original_url: row.original_url,
            source: SourceRef {
                slug: row.source_slug,
                name: row.source_name,
            },
            category: CategoryRef {
                slug: row.category_slug,
                name: row.category_name,
            },
            day: row.day,
        })
        .collect())
}

/// The tags of the given summaries, each list in name order.
async fn tags_of(
    pool: &SqlitePool,
    ids: Vec<i64>,
) -> Result<std::collections::HashMap<i64, Vec<TagRef>>, sqlx::Error> {
    let ids = serde_json::to_string(&ids).unwrap_or_else(|_| "[]".to_owned());
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as(TAGS_OF).bind(ids).fetch_all(pool).await?;
    let mut tags = std::collections::HashMap::<i64, Vec<TagRef>>::new();
    for (id, slug, name) in rows {
        tags.entry(id).or_default().push(TagRef { slug, name });
    }
    Ok(tags)
}

pub(super) const TAGS_OF: &str = "SELECT st.summary_id, t.slug, t.name FROM summary_tags st
     JOIN tags t ON t.id = st.tag_id
     WHERE st.summary_id IN (SELECT value FROM json_each(?)) ORDER BY t.slug";
