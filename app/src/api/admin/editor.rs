//! Loading, saving, previewing and trashing items in the editor.

use leptos::prelude::*;

use crate::api::AppError;
use crate::domain::{
    EditorDoc, ItemRef, Preview, PreviewRequest, SaveOutcome, SaveRequest, SlugAvailability,
    SlugQuery, Terms,
};

#[server(endpoint = "load_item", input = leptos::server_fn::codec::Json)]
pub async fn load_item(#[server(default)] item: ItemRef) -> Result<EditorDoc, AppError> {
    use crate::server::{auth::require_author, db::authoring::load, state::app_state};
    require_author().await?;
    super::session::private_response();
    let state = app_state()?;
    load::load(&state.pool, item.kind, item.id)
        .await?
        .ok_or(AppError::NotFound)
}

#[server(endpoint = "save_item", input = leptos::server_fn::codec::Json)]
pub async fn save_item(#[server(default)] request: SaveRequest) -> Result<SaveOutcome, AppError> {
    use crate::server::{auth::require_author, authoring, state::app_state};
    let author = require_author().await?;
    super::session::private_response();
    authoring::save(&app_state()?, &author, request).await
}

/// The preview is the published page: the same renderer and sanitizer a
/// save stores, so what the author sees is byte for byte what readers get.
#[server(endpoint = "preview_markdown", input = leptos::server_fn::codec::Json)]
pub async fn preview_markdown(
    #[server(default)] request: PreviewRequest,
) -> Result<Preview, AppError> {
    use crate::server::{auth::require_author, authoring::validate, db::media, state::app_state};
    require_author().await?;
    super::session::private_response();
    if request.body_md.len() > validate::BODY_MAX {
        return Err(AppError::Invalid(
            "This text is too long to preview in one piece.".into(),
        ));
    }
    if crate::markdown::too_deeply_nested(&request.body_md) {
        return Err(super::session::refuse(
            http::StatusCode::UNPROCESSABLE_ENTITY,
            &format!("{}.", validate::too_deep_message()),
        ));
    }
    let images = media::dimensions_for(&app_state()?.pool, &[&request.body_md]).await?;
    let body = request.body_md;
    let (html, unknown_languages) = tokio::task::spawn_blocking(move || {
        let rendered = crate::markdown::render_with(&body, &images);
        (rendered.html, crate::markdown::unknown_languages(&body))
    })
    .await
    .map_err(|_| AppError::Internal)?;
    Ok(Preview {
        html,
        unknown_languages,
    })
}

#[server(endpoint = "check_slug", input = leptos::server_fn::codec::Json)]
pub async fn check_slug(#[server(default)] query: SlugQuery) -> Result<SlugAvailability, AppError> {
    use crate::domain::Slug;
    use crate::server::{auth::require_author, db::authoring::load, state::app_state};
    require_author().await?;
    super::session::private_response();
    let slug = match Slug::parse(query.slug.trim()) {
        Ok(slug) => slug,
        Err(e) => return Ok(SlugAvailability::Invalid(e.to_string())),
    };
    let state = app_state()?;
    let owner = load::id_by_slug(&state.pool, query.kind, slug.as_str()).await?;
    Ok(match owner {
        Some(id) if Some(id) != query.id => SlugAvailability::Taken,
        _ => SlugAvailability::Available,
    })
}

#[server(endpoint = "list_terms", input = leptos::server_fn::codec::Json)]
pub async fn list_terms() -> Result<Terms, AppError> {
    use crate::server::{auth::require_author, db::authoring::terms, state::app_state};
    require_author().await?;
    super::session::private_response();
    Ok(terms::all(&app_state()?.pool).await?)
}

#[server(endpoint = "trash_item", input = leptos::server_fn::codec::Json)]
pub async fn trash_item(#[server(default)] item: ItemRef) -> Result<EditorDoc, AppError> {
    use crate::server::{auth::require_author, authoring, state::app_state};
    require_author().await?;
    authoring::set_trashed(&app_state()?, item.kind, item.id, true).await
}

#[server(endpoint = "restore_item", input = leptos::server_fn::codec::Json)]
pub async fn restore_item(#[server(default)] item: ItemRef) -> Result<EditorDoc, AppError> {
    use crate::server::{auth::require_author, authoring, state::app_state};
    require_author().await?;
    authoring::set_trashed(&app_state()?, item.kind, item.id, false).await
}
