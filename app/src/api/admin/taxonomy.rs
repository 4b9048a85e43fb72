//! Managing tags, categories and sources.

use leptos::prelude::*;

use crate::api::AppError;
use crate::domain::{Taxonomy, TermDelete, TermMerge, TermRename};

#[server(endpoint = "load_taxonomy", input = leptos::server_fn::codec::Json)]
pub async fn load_taxonomy() -> Result<Taxonomy, AppError> {
    use crate::domain::TermKind;
    use crate::server::{auth::require_author, db::authoring::taxonomy, state::app_state};
    require_author().await?;
    super::session::private_response();
    let pool = app_state()?.pool.clone();
    Ok(Taxonomy {
        tags: taxonomy::list(&pool, TermKind::Tag).await?,
        categories: taxonomy::list(&pool, TermKind::Category).await?,
        sources: taxonomy::list(&pool, TermKind::Source).await?,
    })
}

/// Renames a term; a new slug leaves the old address redirecting (301).
#[server(endpoint = "rename_term", input = leptos::server_fn::codec::Json)]
pub async fn rename_term(#[server(default)] request: TermRename) -> Result<String, AppError> {
    use crate::domain::Slug;
    use crate::server::db::authoring::taxonomy::{self, Changed};
    use crate::server::{auth::require_author, state::app_state};
    use http::StatusCode;
    require_author().await?;
    super::session::private_response();
    let name = request.name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(super::session::refuse(
            StatusCode::BAD_REQUEST,
            "A name needs between 1 and 80 characters.",
        ));
    }
    let slug_text = if request.slug.trim().is_empty() {
        Slug::from_title(name).map(|s| s.as_str().to_owned())
    } else {
        Slug::parse(request.slug.trim()).map(|s| s.as_str().to_owned())
    };
    let slug = slug_text.map_err(|e| {
        super::session::refuse(
            StatusCode::BAD_REQUEST,
            &format!("That address will not do: {e}."),
        )
    })?;
    let state = app_state()?;
    match taxonomy::rename(&state.pool, request.kind, request.id, name, &slug).await? {
        Changed::Done => {
            state.generation.bump();
            tracing::info!(kind = request.kind.as_str(), id = request.id, %slug, "term renamed");
            Ok(format!("Renamed to “{name}” ({slug})."))
        }
        Changed::SlugTaken(other) => Err(super::session::refuse(
            StatusCode::CONFLICT,
            &format!("“{other}” already uses the address {slug}: merge the two instead."),
        )),
        Changed::Missing | Changed::InUse(_) => Err(AppError::NotFound),
    }
}

#[server(endpoint = "merge_terms", input = leptos::server_fn::codec::Json)]
pub async fn merge_terms(#[server(default)] request: TermMerge) -> Result<String, AppError> {
    use crate::server::db::authoring::taxonomy::{self, Changed};
    use crate::server::{auth::require_author, state::app_state};
    require_author().await?;
    super::session::private_response();
    if request.from == request.into {
        return Err(super::session::refuse(
            http::StatusCode::BAD_REQUEST,
            "Choose another one to merge into.",
        ));
    }
    let state = app_state()?;
    match taxonomy::merge(&state.pool, request.kind, request.from, request.into).await? {
        Changed::Done => {
            state.generation.bump();
            tracing::info!(
                kind = request.kind.as_str(),
                request.from,
                request.into,
                "terms merged"
            );
            Ok("Merged.".to_owned())
        }
        _ => Err(AppError::NotFound),
    }
}

/// Deletes a term nothing uses; one still in use is refused with 409.
#[server(endpoint = "delete_term", input = leptos::server_fn::codec::Json)]
pub async fn delete_term(#[server(default)] request: TermDelete) -> Result<String, AppError> {
    use crate::server::db::authoring::taxonomy::{self, Changed};
    use crate::server::{auth::require_author, state::app_state};
    require_author().await?;
    super::session::private_response();
    let state = app_state()?;
    match taxonomy::delete_unused(&state.pool, request.kind, request.id).await? {
        Changed::Done => {
            state.generation.bump();
            Ok("Deleted.".to_owned())
        }
        Changed::InUse(n) => Err(super::session::refuse(
            http::StatusCode::CONFLICT,
            &format!(
                "Still used by {n} item{}: merge it into another instead.",
                if n == 1 { "" } else { "s" }
            ),
        )),
        _ => Err(AppError::NotFound),
    }
}
