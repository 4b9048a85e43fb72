//! The one write path for content. Every save goes: editor document →
//! `validate::prepare` (domain checks, markdown rendered once) → one
//! transaction that writes the row only at the version the editor started
//! from, its tags and its revision → commit → the content generation is
//! bumped so page caches drop what they hold. Media upload, taxonomy edits
//! and import (the next issue) are meant to end the same way: commit, then
//! `state.generation.bump()`.

pub mod profile;
pub mod validate;

use crate::api::AppError;
use crate::domain::{EditorDoc, FieldError, ItemKind, SaveOutcome, SaveRequest};
use crate::server::auth::Author;
use crate::server::clock;
use crate::server::db::authoring::{load, revisions, save::Written, trash};
use crate::server::db::media;
use crate::server::state::AppState;

pub async fn save(
    state: &AppState,
    author: &Author,
    request: SaveRequest,
) -> Result<SaveOutcome, AppError> {
    let now = clock::now();
    let images = media::dimensions_for(&state.pool, &[&request.doc.body_md]).await?;
    let mut prepared = match validate::prepare_with_images(
        &request.doc,
        &now,
        author.id,
        request.explicit,
        &images,
    ) {
        Ok(prepared) => prepared,
        Err(errors) => return Ok(SaveOutcome::Invalid { errors }),
    };
    if request.writer.len() <= SaveRequest::WRITER_MAX {
        prepared.writer = request.writer.clone();
    }
    let mut tx = crate::server::db::begin_write(&state.pool).await?;
    let written = match crate::server::db::authoring::save::save(&mut tx, &prepared, &now).await {
        Ok(written) => written,
        Err(error) if is_unique_violation(&error) => {
            return Ok(SaveOutcome::Invalid {
                errors: vec![FieldError::new(
                    "slug",
                    format!("Another {} already uses this slug", prepared.kind.as_str()),
                )],
            });
        }
        Err(error) => return Err(error.into()),
    };
    match written {
        Written::Saved {
            id, public_facing, ..
        } => {
            tx.commit().await?;
            // The page cache's one invalidation: any write readers could
            // see. Autosaves of a draft leave every cached page valid.
            if public_facing {
                state.generation.bump();
            }
            let doc = load::load(&state.pool, prepared.kind, id)
                .await?
                .ok_or(AppError::NotFound)?;
            tracing::info!(
                kind = prepared.kind.as_str(),
                id,
                version = doc.version,
                "saved"
            );
            Ok(SaveOutcome::Saved { doc, saved_at: now })
        }
        Written::Conflict => {
            tx.rollback().await?;
            let id = prepared.id.ok_or(AppError::NotFound)?;
            let server = load::load(&state.pool, prepared.kind, id)
                .await?
                .ok_or(AppError::NotFound)?;
            // The newer version already says what this save says: a save
            // whose answer was lost (a network cut, a tab closing), sent
            // again. Nothing to choose between; carry on from the server's.
            if server.same_content(&request.doc) {
                tracing::info!(
                    kind = prepared.kind.as_str(),
                    id,
                    version = server.version,
                    "already saved"
                );
                return Ok(SaveOutcome::Saved {
                    doc: server,
                    saved_at: now,
                });
            }
            Ok(SaveOutcome::Conflict { server })
        }
        Written::Missing => Err(AppError::NotFound),
    }
}

fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// Moves an item into the trash (`true`) or out of it (`false`).
pub async fn set_trashed(
    state: &AppState,
    kind: ItemKind,
    id: i64,
    trashed: bool,
) -> Result<EditorDoc, AppError> {
    let now = clock::now();
    let found = trash::set_deleted(&state.pool, kind, id, trashed.then_some(now.as_str())).await?;
    if !found {
        return Err(AppError::NotFound);
    }
    state.generation.bump();
    load::load(&state.pool, kind, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Puts an old revision's words back as a new save (so restoring is itself
/// a revision, and can be undone the same way).
pub async fn restore_revision(
    state: &AppState,
    author: &Author,
    kind: ItemKind,
    id: i64,
    revision: i64,
) -> Result<SaveOutcome, AppError> {
    let (title, dek, body_md) = revisions::content(&state.pool, kind, id, revision)
        .await?
        .ok_or(AppError::NotFound)?;
    let current = load::load(&state.pool, kind, id)
        .await?
        .ok_or(AppError::NotFound)?;
    revisions::seal_latest(&state.pool, kind, id).await?;
    let doc = EditorDoc {
        title,
        dek,
        body_md,
        ..current
    };
    save(
        state,
        author,
        SaveRequest {
            doc,
            explicit: true,
            writer: String::new(),
        },
    )
    .await
}
