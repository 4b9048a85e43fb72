//! The import's one transaction: taxonomy (so names find their own slugs),
//! profile, then each item through the editor's save, updated in place when
//! its slug exists, with the times and series its file gives.

use sqlx::SqlitePool;

use super::plan::{Plan, Ready};
use super::Imported;
use crate::domain::ItemKind;
use crate::server::db::authoring::save::{self, Written};
use crate::server::db::portable::{self as db, Times};
use crate::server::db::{profile, write};
use crate::server::portable::{PortableError, Problem};

pub(super) async fn apply(
    pool: &SqlitePool,
    plan: Plan,
    now: &str,
) -> Result<Vec<Imported>, PortableError> {
    let mut tx = crate::server::db::begin_write(pool).await?;
    // Images first: the profile and the items measure theirs as they save.
    plan.media.store(&mut tx, now).await?;
    for (term, description) in &plan.terms.categories {
        write::upsert_category(&mut tx, term, description).await?;
    }
    for term in &plan.terms.tags {
        write::upsert_tag(&mut tx, term).await?;
    }
    for (term, url) in &plan.terms.sources {
        write::upsert_source(&mut tx, term, url).await?;
    }
    for term in &plan.terms.series {
        write::upsert_series(&mut tx, term).await?;
    }
    if let Some(input) = &plan.profile {
        profile::replace_profile(&mut tx, input, now).await?;
    }
    let mut imported = Vec::with_capacity(plan.items.len());
    for mut ready in plan.items {
        let kind = ready.prepared.kind;
        let found = db::existing(&mut *tx, kind, ready.prepared.slug.as_str()).await?;
        ready.prepared.id = found.map(|(id, _)| id);
        ready.prepared.base_version = found.map_or(0, |(_, version)| version);
        let id = match save::save(&mut tx, &ready.prepared, now).await {
            Ok(Written::Saved { id, .. }) => id,
            Ok(Written::Conflict | Written::Missing) => {
                return Err(refused(&ready, "changed while it was being imported"))
            }
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                return Err(refused(
                    &ready,
                    "clashes with an item already in the database",
                ))
            }
            Err(e) => return Err(e.into()),
        };
        let times = Times {
            created: ready.created.as_deref(),
            updated: ready.updated.as_deref(),
            deleted: ready.deleted.as_deref(),
        };
        db::set_times(&mut tx, kind, id, &times).await?;
        if kind == ItemKind::Article {
            db::set_series(&mut tx, id, ready.series.as_ref()).await?;
        }
        imported.push(ready.imported(found.is_none()));
    }
    tx.commit().await?;
    Ok(imported)
}

fn refused(ready: &Ready, why: &str) -> PortableError {
    PortableError::Invalid(vec![Problem::new(&ready.file, None, why)])
}
