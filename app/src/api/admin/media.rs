//! Uploading images, the media library and deleting unused images.

use leptos::prelude::*;

use crate::api::AppError;
use crate::domain::{MediaList, MediaRef, UploadRequest};

/// Stores one image. The bytes are decoded before anything is written; a
/// refusal says why in words and leaves nothing behind.
#[server(endpoint = "upload_media", input = leptos::server_fn::codec::Json)]
pub async fn upload_media(#[server(default)] request: UploadRequest) -> Result<MediaRef, AppError> {
    use base64::Engine;
    use http::StatusCode;

    use crate::server::media::{self, MediaError};
    use crate::server::{auth::require_author, clock, state::app_state};
    require_author().await?;
    super::session::private_response();
    let state = app_state()?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(request.data_base64.as_bytes())
        .map_err(|_| {
            super::session::refuse(
                StatusCode::BAD_REQUEST,
                "The file arrived damaged. Please try again.",
            )
        })?;
    let limit = state.max_upload_bytes;
    let (bytes, inspected) = tokio::task::spawn_blocking(move || {
        let inspected = media::inspect(&bytes, limit);
        (bytes, inspected)
    })
    .await
    .map_err(|_| AppError::Internal)?;
    let inspected = inspected.map_err(|error| {
        let status = match error {
            MediaError::TooLarge { .. } | MediaError::Enormous { .. } => {
                StatusCode::PAYLOAD_TOO_LARGE
            }
            MediaError::Svg | MediaError::NotAnImage => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            MediaError::Empty | MediaError::Broken { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        };
        tracing::info!(filename = %request.filename, %error, "upload refused");
        super::session::refuse(status, &error.to_string())
    })?;
    let mut tx = crate::server::db::begin_write(&state.pool).await?;
    let stored = media::store(
        &mut tx,
        &bytes,
        &inspected,
        &request.filename,
        &clock::now(),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(name = %stored.name, size = bytes.len(), "image uploaded");
    Ok(stored)
}

#[server(endpoint = "media_library", input = leptos::server_fn::codec::Json)]
pub async fn media_library() -> Result<MediaList, AppError> {
    use crate::server::{auth::require_author, db::media, state::app_state};
    require_author().await?;
    super::session::private_response();
    let state = app_state()?;
    Ok(MediaList {
        items: media::library(&state.pool).await?,
        max_bytes: state.max_upload_bytes,
    })
}

/// Deletes an image no item uses; one still in use is refused with 409.
#[server(endpoint = "delete_media", input = leptos::server_fn::codec::Json)]
pub async fn delete_media(#[server(default)] name: String) -> Result<(), AppError> {
    use crate::server::db::media::{self, Deleted};
    use crate::server::{auth::require_author, state::app_state};
    require_author().await?;
    super::session::private_response();
    if !crate::domain::is_media_name(&name) {
        return Err(AppError::NotFound);
    }
    match media::delete_unused(&app_state()?.pool, &name).await? {
        Deleted::Deleted => {
            tracing::info!(%name, "image deleted");
            Ok(())
        }
        Deleted::Missing => Err(AppError::NotFound),
        Deleted::InUse(n) => {
            let items = if n == 1 { "one item" } else { "several items" };
            Err(super::session::refuse(
                http::StatusCode::CONFLICT,
                &format!("This image is still used by {items}; take it out of them first."),
            ))
        }
    }
}
