//! The rail's counts: for each facet, how many public summaries each option
//! would show given the other active filters.

use sqlx::SqlitePool;

use super::filters::{conditions, Chosen, Dimension};
use crate::domain::{Facet, FacetOption};

#[derive(sqlx::FromRow)]
struct CountRow {
    slug: String,
    name: String,
    count: i64,
}

/// One rail group: every option counted among the summaries the other
/// filters leave, plus the chosen option even when that count is zero.
#[tracing::instrument(level = "debug", skip(pool, chosen))]
pub(super) async fn facet(
    pool: &SqlitePool,
    now: &str,
    chosen: &[Chosen],
    dimension: Dimension,
) -> Result<Facet, sqlx::Error> {
    let (conditions, ids) = conditions(chosen, Some(dimension));
    let sql = dimension.counts().replace("{where}", &conditions);
    let mut query = sqlx::query_as::<_, CountRow>(&sql).bind(now);
    for id in ids {
        query = query.bind(id);
    }
    let mut options: Vec<FacetOption> = query
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|row| FacetOption {
            slug: row.slug,
            name: row.name,
            count: u32::try_from(row.count).unwrap_or(u32::MAX),
        })
        .collect();
    let selected = chosen
        .iter()
        .find(|c| c.dimension == dimension && c.id.is_some());
    if let Some(selected) = selected {
        if !options.iter().any(|o| o.slug == selected.slug) {
            options.push(FacetOption {
                slug: selected.slug.clone(),
                name: selected.name.clone(),
                count: 0,
            });
        }
    }
    Ok(Facet {
        param: dimension.param().to_owned(),
        label: dimension.heading().to_owned(),
        options,
    })
}
