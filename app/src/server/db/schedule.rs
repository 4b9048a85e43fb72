//! When the public site next changes by itself: the earliest publish time
//! still to come of any item that is not a draft and not in the trash.
//! Page caches are valid until then (or until the next write).

use sqlx::SqlitePool;

#[tracing::instrument(level = "debug", skip(pool))]
pub async fn next_publication(pool: &SqlitePool, now: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(NEXT_PUBLICATION)
        .bind(now)
        .bind(now)
        .bind(now)
        .fetch_one(pool)
        .await
}

/// Each arm reads the kind's partial public index, not its rows.
pub(super) const NEXT_PUBLICATION: &str = "SELECT MIN(at) FROM (
             SELECT MIN(published_at) AS at FROM articles WHERE deleted_at IS NULL AND status <> 'draft' AND published_at > ?
             UNION ALL SELECT MIN(published_at) FROM notes WHERE deleted_at IS NULL AND status <> 'draft' AND published_at > ?
             UNION ALL SELECT MIN(published_at) FROM summaries WHERE deleted_at IS NULL AND status <> 'draft' AND published_at > ?)";
