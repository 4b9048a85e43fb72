//! Deleting puts an item in the trash (it leaves every public page at once);
//! restoring takes it out. Both move the version on, so an editor open on
//! the item learns of the change at its next save.

use sqlx::SqlitePool;

use super::table;
use crate::domain::ItemKind;

/// True when the item exists.
#[tracing::instrument(skip(pool))]
pub async fn set_deleted(
    pool: &SqlitePool,
    kind: ItemKind,
    id: i64,
    deleted_at: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(&format!(
        "UPDATE {} SET deleted_at = ?, version = version + 1, last_writer = '' WHERE id = ?",
        table(kind)
    ))
    .bind(deleted_at)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}
