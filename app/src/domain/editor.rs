//! What the editor and the server exchange: the document being edited, the
//! outcome of a save, and the dashboard. Expected outcomes (a conflict, a
//! field that does not validate) are data here, not errors.

use serde::{Deserialize, Serialize};

use super::{Slug, Status};

/// The three kinds of content the editor writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    #[default]
    Article,
    Note,
    Summary,
}

impl ItemKind {
    pub const ALL: [ItemKind; 3] = [ItemKind::Article, ItemKind::Note, ItemKind::Summary];

    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Article => "article",
            ItemKind::Note => "note",
            ItemKind::Summary => "summary",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == input)
    }

    pub fn label(self) -> &'static str {
        match self {
            ItemKind::Article => "Article",
            ItemKind::Note => "Note",
            ItemKind::Summary => "Summary",
        }
    }

    pub fn plural(self) -> &'static str {
        match self {
            ItemKind::Article => "Articles",
            ItemKind::Note => "Notes",
            ItemKind::Summary => "Summaries",
        }
    }

    /// Articles and notes keep revisions; a summary is one paragraph.
    pub fn has_history(self) -> bool {
        !matches!(self, ItemKind::Summary)
    }

    /// Where a published item of this kind is read.
    pub fn public_path(self, slug: &str) -> String {
        match self {
            ItemKind::Article => format!("/articles/{slug}"),
            ItemKind::Note => format!("/notes/{slug}"),
            ItemKind::Summary => format!("/summaries#summary-{slug}"),
        }
    }
}

/// One item as the editor holds it. Names, not slugs, for taxonomy: the
/// author types "Databases" and the server finds or creates the category.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EditorDoc {
    pub kind: ItemKind,
    /// `None` until the first save creates the item.
    pub id: Option<i64>,
    /// The version this copy is based on; 0 for an item not saved yet.
    pub version: i64,
    pub title: String,
    pub slug: String,
    pub dek: String,
    pub body_md: String,
    pub category: String,
    pub tags: Vec<String>,
    pub status: Option<Status>,
    /// RFC 3339, UTC: when it was or will be published.
    pub publish_at: Option<String>,
    pub source: String,
    pub original_url: String,
    /// `YYYY-MM-DD`, summaries only.
    pub day: String,
    /// Set when the item is in the trash.
    pub deleted_at: Option<String>,
    pub updated_at: String,
}

impl EditorDoc {
    pub fn new(kind: ItemKind, today: &str) -> Self {
        Self {
            kind,
            status: Some(Status::Draft),
            day: today.to_owned(),
            ..Self::default()
        }
    }

    /// The parts a save writes, compared to tell whether anything changed.
    /// Only the fields this kind has count (a note has no day, whatever a
    /// copy in the browser says); terms count by what names them, and tags
    /// as a set: the server keeps no order for them.
    pub fn same_content(&self, other: &EditorDoc) -> bool {
        self.content() == other.content()
    }

    fn content(&self) -> EditorDoc {
        let is = |kinds: &[ItemKind]| kinds.contains(&self.kind);
        let keep = |value: &String, kinds: &[ItemKind]| {
            if is(kinds) {
                value.clone()
            } else {
                String::new()
            }
        };
        // The server finds a term by its slug or, ignoring case, its name,
        // and answers with the name it keeps: "sqlite" is "SQLite".
        let term = |name: &str| {
            Slug::from_title(name)
                .map_or_else(|_| name.trim().to_lowercase(), |s| s.as_str().to_owned())
        };
        let mut tags: Vec<String> = self.tags.iter().map(|t| term(t)).collect();
        tags.sort();
        EditorDoc {
            kind: self.kind,
            id: None,
            version: 0,
            title: self.title.clone(),
            slug: self.slug.clone(),
            dek: keep(&self.dek, &[ItemKind::Article]),
            body_md: self.body_md.clone(),
            category: term(&keep(
                &self.category,
                &[ItemKind::Article, ItemKind::Summary],
            )),
            tags,
            status: self.status,
            publish_at: self.publish_at.clone(),
            source: term(&keep(&self.source, &[ItemKind::Summary])),
            original_url: keep(&self.original_url, &[ItemKind::Summary]),
            day: keep(&self.day, &[ItemKind::Summary]),
            deleted_at: None,
            updated_at: String::new(),
        }
    }
}

/// A save: the document and whether the author asked for it (Ctrl+S, a
/// button) or autosave did. An explicit save closes the current revision.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SaveRequest {
    pub doc: EditorDoc,
    pub explicit: bool,
    /// A token the open editor picks for itself (at most
    /// [`SaveRequest::WRITER_MAX`] characters; empty for none). A save
    /// based on an older version is still taken when this editor wrote
    /// every version since: its answers were lost, nobody else wrote.
    pub writer: String,
}

impl SaveRequest {
    pub const WRITER_MAX: usize = 64;
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's name: `title`, `slug`, `original_url`…
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SaveOutcome {
    /// Stored; `doc` is what the server now holds (new id, version, slug).
    Saved { doc: EditorDoc, saved_at: String },
    /// Someone saved a newer version first; nothing was written.
    Conflict { server: EditorDoc },
    /// Nothing was written; each problem is shown beside its field.
    Invalid { errors: Vec<FieldError> },
}

/// The markdown preview, from the same renderer a save uses.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PreviewRequest {
    pub body_md: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub html: String,
    /// Fence labels the highlighter does not know.
    pub unknown_languages: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SlugQuery {
    pub kind: ItemKind,
    pub slug: String,
    /// The item being edited, which may keep its own slug.
    pub id: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SlugAvailability {
    Available,
    Taken,
    Invalid(String),
}

/// Names the pickers offer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms {
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    pub sources: Vec<String>,
}

/// Which item: used by load, trash, restore and history.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ItemRef {
    pub kind: ItemKind,
    pub id: i64,
}

/// One line of the dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardItem {
    pub kind: ItemKind,
    pub id: i64,
    pub title: String,
    /// The time that matters for its list: publish time, or last change.
    pub at: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCounts {
    pub kind: ItemKind,
    pub drafts: u32,
    pub scheduled: u32,
    pub published: u32,
    pub trash: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub counts: Vec<KindCounts>,
    pub drafts: Vec<DashboardItem>,
    pub scheduled: Vec<DashboardItem>,
    pub published: Vec<DashboardItem>,
    pub trash: Vec<DashboardItem>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionInfo {
    pub id: i64,
    pub title: String,
    pub created_at: String,
    pub saved_at: String,
    pub words: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DiffRequest {
    pub item: ItemRef,
    pub from: i64,
    pub to: i64,
}

/// One line of a diff: `'+'` added, `'-'` removed, `' '` unchanged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffLine {
    pub change: char,
    pub text: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RestoreRequest {
    pub item: ItemRef,
    pub revision: i64,
}

/// Words in a markdown body, as the editor counts them live.
pub fn word_count(text: &str) -> u32 {
    u32::try_from(
        text.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count(),
    )
    .unwrap_or(u32::MAX)
}

/// Minutes to read at 230 words a minute, never less than 1 — the same
/// rate the renderer stores with each article.
pub fn reading_minutes(words: u32) -> u32 {
    words.div_ceil(230).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for kind in ItemKind::ALL {
            assert_eq!(ItemKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(ItemKind::parse("page"), None);
    }

    #[test]
    fn words_and_minutes() {
        assert_eq!(word_count("Hello, *world* — one two ```"), 4);
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(231), 2);
    }

    #[test]
    fn content_counts_only_the_fields_a_kind_has_and_tags_as_a_set() {
        // A new note starts with today's day; the server keeps none for notes.
        let mut browser = EditorDoc::new(ItemKind::Note, "2026-12-07");
        browser.body_md = "Same words.".into();
        browser.tags = vec!["sqlite".into(), "rust".into()];
        browser.version = 2;
        let server = EditorDoc {
            day: String::new(),
            tags: vec!["Rust".into(), "SQLite".into()],
            version: 3,
            updated_at: "2026-12-07T11:40:39Z".into(),
            ..browser.clone()
        };
        assert!(browser.same_content(&server));
        let edited = EditorDoc {
            body_md: "Other words.".into(),
            ..server.clone()
        };
        assert!(!browser.same_content(&edited));
        // A summary's day is its own content.
        let summary = EditorDoc::new(ItemKind::Summary, "2026-12-07");
        let other_day = EditorDoc {
            day: "2026-12-08".into(),
            ..summary.clone()
        };
        assert!(!summary.same_content(&other_day));
    }
}
