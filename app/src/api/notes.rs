//! Reading published notes.

use leptos::prelude::*;

use super::AppError;
use crate::domain::{NoteDetail, NotePage};

/// Which page of the newest-first notes list.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct NotesQuery {
    pub page: Option<u32>,
}

/// One note, by the slug in its address.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NoteQuery {
    pub slug: String,
}

#[server(endpoint = "list_notes")]
pub async fn list_notes(#[server(default)] query: NotesQuery) -> Result<NotePage, AppError> {
    use crate::server::{clock, db, state::app_state};
    let state = app_state()?;
    let page = query.page.unwrap_or(1).max(1);
    let notes = db::notes::list_published(&state.pool, &clock::now(), page).await?;
    // A page past the end is an address that leads nowhere.
    if page > notes.total_pages {
        return Err(AppError::NotFound);
    }
    Ok(notes)
}

#[server(endpoint = "get_note")]
pub async fn get_note(query: NoteQuery) -> Result<NoteDetail, AppError> {
    use crate::domain::Slug;
    use crate::server::{clock, db, state::app_state};
    let slug = Slug::parse(&query.slug).map_err(|_| AppError::NotFound)?;
    let state = app_state()?;
    db::notes::find_published(&state.pool, &clock::now(), &slug)
        .await?
        .ok_or(AppError::NotFound)
}
