//! The names the editor's pickers offer: every category, tag and source.

use sqlx::SqlitePool;

use crate::domain::Terms;

#[tracing::instrument(skip(pool))]
pub async fn all(pool: &SqlitePool) -> Result<Terms, sqlx::Error> {
    let names =
        |table: &str| format!("SELECT name FROM {table} ORDER BY name COLLATE NOCASE LIMIT 5000");
    Ok(Terms {
        categories: sqlx::query_scalar(&names("categories"))
            .fetch_all(pool)
            .await?,
        tags: sqlx::query_scalar(&names("tags")).fetch_all(pool).await?,
        sources: sqlx::query_scalar(&names("sources"))
            .fetch_all(pool)
            .await?,
    })
}
