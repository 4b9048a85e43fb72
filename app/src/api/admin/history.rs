//! Revision history: the list, a diff between two, and restoring one.

use leptos::prelude::*;

use crate::api::AppError;
use crate::domain::{DiffLine, DiffRequest, ItemRef, RestoreRequest, RevisionInfo, SaveOutcome};

#[server(endpoint = "list_revisions", input = leptos::server_fn::codec::Json)]
pub async fn list_revisions(
    #[server(default)] item: ItemRef,
) -> Result<Vec<RevisionInfo>, AppError> {
    use crate::server::{auth::require_author, db::authoring::revisions, state::app_state};
    require_author().await?;
    super::session::private_response();
    Ok(revisions::list(&app_state()?.pool, item.kind, item.id).await?)
}

/// A line diff of the bodies (title and summary line first) of two
/// revisions of one item.
#[server(endpoint = "diff_revisions", input = leptos::server_fn::codec::Json)]
pub async fn diff_revisions(
    #[server(default)] request: DiffRequest,
) -> Result<Vec<DiffLine>, AppError> {
    use crate::server::{auth::require_author, db::authoring::revisions, state::app_state};
    require_author().await?;
    super::session::private_response();
    let pool = &app_state()?.pool;
    let ItemRef { kind, id } = request.item;
    let from = revisions::content(pool, kind, id, request.from)
        .await?
        .ok_or(AppError::NotFound)?;
    let to = revisions::content(pool, kind, id, request.to)
        .await?
        .ok_or(AppError::NotFound)?;
    let text = |(title, dek, body): (String, String, String)| {
        if dek.is_empty() {
            format!("# {title}\n\n{body}\n")
        } else {
            format!("# {title}\n\n{dek}\n\n{body}\n")
        }
    };
    let (old, new) = (text(from), text(to));
    let diff = similar::TextDiff::from_lines(&old, &new);
    Ok(diff
        .iter_all_changes()
        .map(|change| DiffLine {
            change: match change.tag() {
                similar::ChangeTag::Delete => '-',
                similar::ChangeTag::Insert => '+',
                similar::ChangeTag::Equal => ' ',
            },
            text: change.value().trim_end_matches('\n').to_owned(),
        })
        .collect())
}

#[server(endpoint = "restore_revision", input = leptos::server_fn::codec::Json)]
pub async fn restore_revision(
    #[server(default)] request: RestoreRequest,
) -> Result<SaveOutcome, AppError> {
    use crate::server::{auth::require_author, authoring, state::app_state};
    let author = require_author().await?;
    let item = request.item;
    authoring::restore_revision(&app_state()?, &author, item.kind, item.id, request.revision).await
}
