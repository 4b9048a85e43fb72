//! What the server sends the browser about published notes: short posts,
//! often one code snippet, listed whole rather than as teasers.

use serde::{Deserialize, Serialize};

use super::TagRef;

/// One note as the list and its own page show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteItem {
    pub slug: String,
    pub title: String,
    /// `YYYY-MM-DD`
    pub published: String,
    /// Sanitized HTML, rendered once when the note was saved.
    pub body_html: String,
    pub tags: Vec<TagRef>,
}

/// A page of the notes list, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotePage {
    pub items: Vec<NoteItem>,
    pub page: u32,
    pub total_pages: u32,
    pub total: u32,
}

/// The note next to another one in time, for "newer"/"older" links.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteLink {
    pub slug: String,
    pub title: String,
}

/// Everything a note's own page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteDetail {
    pub note: NoteItem,
    /// The opening of the note as plain text, for search results and cards.
    pub description: String,
    /// The next note published after this one, if any.
    pub newer: Option<NoteLink>,
    /// The note published just before this one, if any.
    pub older: Option<NoteLink>,
}

/// The start of `text`, cut at a word boundary so it is at most `max`
/// characters long, with an ellipsis when something was left out.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut out = String::new();
    for word in text.split(' ') {
        let needed = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        if needed + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = text.chars().take(max.saturating_sub(1)).collect();
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn short_text_is_kept_whole_with_tidy_spaces() {
        assert_eq!(
            excerpt("  Cache  hashed\nassets. ", 40),
            "Cache hashed assets."
        );
    }

    #[test]
    fn long_text_is_cut_between_words() {
        let cut = excerpt("Files with a content hash never change at all", 20);
        assert_eq!(cut, "Files with a…");
        assert!(cut.chars().count() <= 20);
    }

    #[test]
    fn one_long_word_is_cut_inside() {
        assert_eq!(excerpt("abcdefghij", 5), "abcd…");
    }
}
