//! The author's side of the database: loading items for the editor, saving
//! them with a version check, the dashboard, trash, revisions and the names
//! the pickers offer. Everything here stores what it is given: markdown is
//! rendered by the caller, once, before the transaction starts.

pub mod dashboard;
pub mod load;
pub mod profile;
pub mod revisions;
pub mod save;
pub mod taxonomy;
pub mod terms;
pub mod trash;

use crate::domain::ItemKind;

/// The table an item kind lives in. Only these three strings ever reach a
/// formatted query.
pub(crate) fn table(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Article => "articles",
        ItemKind::Note => "notes",
        ItemKind::Summary => "summaries",
    }
}

/// The tag join table and its item column for a kind.
pub(crate) fn tag_table(kind: ItemKind) -> (&'static str, &'static str) {
    match kind {
        ItemKind::Article => ("article_tags", "article_id"),
        ItemKind::Note => ("note_tags", "note_id"),
        ItemKind::Summary => ("summary_tags", "summary_id"),
    }
}
