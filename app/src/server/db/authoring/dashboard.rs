//! The dashboard: every item by state, whatever the public may see.

use sqlx::SqlitePool;

use super::table;
use crate::domain::{Dashboard, DashboardItem, ItemKind, KindCounts};

/// How many rows each dashboard list shows.
const LIST_LIMIT: i64 = 20;

/// An item's state for the author, as SQL over table alias-free columns with
/// one `?` bound to now: trash, draft, scheduled (time not come) or published.
const STATE: &str = "CASE WHEN deleted_at IS NOT NULL THEN 'trash'
     WHEN status = 'draft' THEN 'draft'
     WHEN published_at > ? THEN 'scheduled'
     ELSE 'published' END";

#[tracing::instrument(skip(pool))]
pub async fn load(pool: &SqlitePool, now: &str) -> Result<Dashboard, sqlx::Error> {
    let mut dashboard = Dashboard::default();
    for kind in ItemKind::ALL {
        let rows: Vec<(String, i64)> = sqlx::query_as(&format!(
            "SELECT {STATE} AS state, COUNT(*) FROM {} GROUP BY state",
            table(kind)
        ))
        .bind(now)
        .fetch_all(pool)
        .await?;
        let mut counts = KindCounts {
            kind,
            ..KindCounts::default()
        };
        for (state, n) in rows {
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            match state.as_str() {
                "trash" => counts.trash = n,
                "draft" => counts.drafts = n,
                "scheduled" => counts.scheduled = n,
                _ => counts.published = n,
            }
        }
        dashboard.counts.push(counts);
    }
    dashboard.drafts = list(pool, now, "draft", "updated_at DESC").await?;
    dashboard.scheduled = list(pool, now, "scheduled", "published_at ASC").await?;
    dashboard.published = list(pool, now, "published", "published_at DESC").await?;
    dashboard.trash = list(pool, now, "trash", "deleted_at DESC").await?;
    Ok(dashboard)
}

async fn list(
    pool: &SqlitePool,
    now: &str,
    state: &str,
    order: &str,
) -> Result<Vec<DashboardItem>, sqlx::Error> {
    let at = match state {
        "draft" => "updated_at",
        "trash" => "deleted_at",
        _ => "published_at",
    };
    let per_kind = |kind: ItemKind| {
        format!(
            "SELECT '{kind}' AS kind, id, title, {at} AS at, updated_at, published_at, deleted_at
             FROM {table} WHERE {STATE} = ?",
            kind = kind.as_str(),
            table = table(kind)
        )
    };
    let sql = format!(
        "SELECT kind, id, title, at FROM ({} UNION ALL {} UNION ALL {}) ORDER BY {order} LIMIT ?",
        per_kind(ItemKind::Article),
        per_kind(ItemKind::Note),
        per_kind(ItemKind::Summary)
    );
    let mut query = sqlx::query_as::<_, (String, i64, String, Option<String>)>(&sql);
    for _ in ItemKind::ALL {
        query = query.bind(now).bind(state);
    }
    let rows = query.bind(LIST_LIMIT).fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(kind, id, title, at)| {
            Some(DashboardItem {
                kind: ItemKind::parse(&kind)?,
                id,
                title,
                at: at.unwrap_or_default(),
            })
        })
        .collect())
}
