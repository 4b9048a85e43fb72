//! One markdown file into the editor's document, reading every form the
//! importer accepts: Folio's export, Zola (`[taxonomies]`, `[extra]`) and
//! Hugo (top-level `tags`, `categories`, `lastmod`, custom fields at the top
//! or under `params`). What the file does not say gets a clear default.

use super::scan::SourceFile;
use crate::domain::{dates, EditorDoc, ItemKind, Status};
use crate::server::portable::front::{Flaw, Front};
use crate::server::portable::Problem;

/// The category of an article or summary whose file names none.
pub const DEFAULT_CATEGORY: &str = "Uncategorised";
/// The source of a summary whose file names none: a one-off read.
pub const DEFAULT_SOURCE: &str = "One-off";

type Path<'p> = &'p [&'p str];

const TITLE: &[Path] = &[&["title"]];
const SLUG: &[Path] = &[&["slug"]];
const DATE: &[Path] = &[&["date"]];
const UPDATED: &[Path] = &[&["updated"], &["lastmod"]];
const DRAFT: &[Path] = &[&["draft"]];
const DESCRIPTION: &[Path] = &[&["description"]];
const CATEGORIES: &[Path] = &[&["taxonomies", "categories"], &["categories"]];
const TAGS: &[Path] = &[&["taxonomies", "tags"], &["tags"]];

/// Where a custom field may be: Zola's `[extra]`, Hugo's `params`, or the
/// top level (Hugo reads unknown top-level keys as params).
macro_rules! custom {
    ($key:literal) => {
        &[&["extra", $key], &["params", $key], &[$key]]
    };
}
const KIND: &[Path] = custom!("kind");
const STATUS: &[Path] = custom!("status");
const SOURCE: &[Path] = custom!("source");
const SOURCE_URL: &[Path] = custom!("source_url");
const DAY: &[Path] = custom!("day");
const SERIES: &[Path] = custom!("series");
const CREATED: &[Path] = custom!("created");
const DELETED: &[Path] = custom!("deleted");

/// An item read from a file, ready for `validate::prepare`.
pub struct Incoming {
    pub file: String,
    pub doc: EditorDoc,
    pub created: Option<String>,
    pub updated: Option<String>,
    pub deleted: Option<String>,
    pub series: Option<String>,
    /// The file's line the body starts on.
    pub body_line: usize,
    /// The line each editor field was read from, for validation messages.
    lines: Vec<(&'static str, usize)>,
}

impl Incoming {
    /// Where to point a problem with an editor field, and the key the file
    /// calls it by.
    pub fn locate(&self, field: &str) -> (Option<usize>, &'static str) {
        let line = self.lines.iter().find(|(f, _)| *f == field).map(|l| l.1);
        let key = match field {
            "dek" => "description",
            "category" => "categories",
            "original_url" => "source_url",
            "publish_at" => "date",
            "body_md" => "body",
            "title" => "title",
            "slug" => "slug",
            "tags" => "tags",
            "source" => "source",
            "day" => "day",
            _ => "front matter",
        };
        (line, key)
    }
}

pub fn read(source: &SourceFile, text: &str, now: &str) -> Result<Incoming, Problem> {
    let problem = |(line, message): Flaw| Problem::new(&source.name, line, message);
    let front = Front::parse(text).map_err(problem)?;
    let mut incoming = read_front(source, &front, now).map_err(problem)?;
    // The body is the end of the text.
    let before = &text[..text.len() - front.body.len()];
    incoming.body_line = 1 + before.matches('\n').count();
    Ok(incoming)
}

fn read_front(source: &SourceFile, front: &Front<'_>, now: &str) -> Result<Incoming, Flaw> {
    let string = |paths: &[Path]| match front.first_of(paths) {
        Some((path, _)) => front.string(path),
        None => Ok(None),
    };
    let instant = |paths: &[Path]| match front.first_of(paths) {
        Some((path, _)) => front.instant(path),
        None => Ok(None),
    };
    let names = |paths: &[Path]| match front.first_of(paths) {
        Some((path, _)) => front.names(path),
        None => Ok(Vec::new()),
    };
    let kind = match front.first_of(KIND) {
        Some((path, _)) => {
            let given = front.string(path)?.unwrap_or_default();
            ItemKind::parse(given.trim())
                .ok_or_else(|| front.flaw(path, "should be article, note or summary"))?
        }
        None => source.kind,
    };
    let slug = string(SLUG)?;
    // A name that is the item's own slug, as the export names files, holds
    // no day: `2024-05-08-first-steps.md` with that slug is not dated by it.
    let named_day = source.day.as_ref().filter(|day| {
        slug.as_deref().map(str::trim) != Some(format!("{day}-{}", source.slug).as_str())
    });
    let date = match instant(DATE)? {
        Some(at) => Some(at),
        None => named_day.map(|day| format!("{day}T00:00:00Z")),
    };
    let draft = front.bool(DRAFT[0])?.unwrap_or(false);
    let status = match front.first_of(STATUS) {
        Some((path, _)) => {
            let given = front.string(path)?.unwrap_or_default();
            Status::parse(given.trim())
                .ok_or_else(|| front.flaw(path, "should be draft, scheduled or published"))?
        }
        None if draft => Status::Draft,
        // A page dated in the future is waiting for its day.
        None if date.as_deref().is_some_and(|d| d > now) => Status::Scheduled,
        None => Status::Published,
    };
    let category = names(CATEGORIES)?
        .into_iter()
        .map(|c| c.trim().to_owned())
        .find(|c| !c.is_empty());
    let needs_category = kind != ItemKind::Note;
    let summary = kind == ItemKind::Summary;
    let day = match string(DAY)? {
        Some(day) => day,
        None => date
            .as_deref()
            .and_then(dates::day_of)
            .or_else(|| dates::day_of(now))
            .unwrap_or_default(),
    };
    let doc = EditorDoc {
        kind,
        title: string(TITLE)?.unwrap_or_default(),
        slug: slug.unwrap_or_else(|| source.slug.clone()),
        dek: match kind {
            ItemKind::Article => string(DESCRIPTION)?.unwrap_or_default(),
            ItemKind::Note | ItemKind::Summary => String::new(),
        },
        body_md: front.body.to_owned(),
        category: match (needs_category, category) {
            (true, Some(category)) => category,
            (true, None) => DEFAULT_CATEGORY.to_owned(),
            (false, _) => String::new(),
        },
        tags: names(TAGS)?,
        status: Some(status),
        publish_at: date.clone(),
        source: match string(SOURCE)? {
            Some(s) if summary && !s.trim().is_empty() => s,
            _ if summary => DEFAULT_SOURCE.to_owned(),
            _ => String::new(),
        },
        original_url: string(SOURCE_URL)?.filter(|_| summary).unwrap_or_default(),
        day: if summary { day } else { String::new() },
        ..EditorDoc::default()
    };
    let fields: [(&'static str, &[Path]); 10] = [
        ("title", TITLE),
        ("slug", SLUG),
        ("dek", DESCRIPTION),
        ("category", CATEGORIES),
        ("tags", TAGS),
        ("publish_at", DATE),
        ("source", SOURCE),
        ("original_url", SOURCE_URL),
        ("day", DAY),
        ("status", STATUS),
    ];
    let lines = fields
        .into_iter()
        .filter_map(|(field, paths)| {
            let (path, _) = front.first_of(paths)?;
            Some((field, front.line_of(path)?))
        })
        .collect();
    Ok(Incoming {
        file: source.name.clone(),
        created: instant(CREATED)?.or_else(|| date.clone()),
        updated: instant(UPDATED)?.or_else(|| date.clone()),
        deleted: instant(DELETED)?,
        // Hugo sites often make series a taxonomy: a list of one.
        series: names(SERIES)?
            .into_iter()
            .find(|s| kind == ItemKind::Article && !s.trim().is_empty()),
        doc,
        lines,
        body_line: 1,
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::server::portable::import::scan::source_file;

    fn read_at(path: &str, text: &str) -> Incoming {
        let root = Path::new("site");
        let source = source_file(root, root, root.join(path));
        read(&source, text, "2026-01-01T00:00:00Z").unwrap_or_else(|p| panic!("{p:?}"))
    }

    /// Found by the `front_matter` fuzz target: an undated draft exported
    /// as `notes/2024-05-08-first-steps.md` came back dated by its name.
    #[test]
    fn a_name_that_is_the_slug_gives_no_date() {
        let exported = "+++\ntitle = \"Dated\"\nslug = \"2024-05-08-first-steps\"\n\
            updated = 2026-01-01T00:00:00Z\ndraft = true\n\n[extra]\n\
            created = 2026-01-01T00:00:00Z\n+++\n\nA note whose slug starts with a day.\n";
        let incoming = read_at("notes/2024-05-08-first-steps.md", exported);
        assert_eq!(incoming.doc.publish_at, None);
        assert_eq!(incoming.created.as_deref(), Some("2026-01-01T00:00:00Z"));
        // Zola's dated names still date a page that names another slug.
        let zola = "+++\ntitle = \"Z\"\nslug = \"first-steps\"\n+++\n";
        let incoming = read_at("blog/2024-05-08-first-steps.md", zola);
        assert_eq!(
            incoming.doc.publish_at.as_deref(),
            Some("2024-05-08T00:00:00Z")
        );
    }
}
