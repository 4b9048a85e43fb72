//! One file of `folio import` on any text: read as the importer reads it
//! (TOML or YAML front matter, Folio's, Zola's and Hugo's field names) and
//! checked as a save checks it. Nothing panics, every time read is in the
//! stored form, and a file the import accepts comes back the same through
//! the export's writer: what `item_file` promises, so that an export of an
//! import is byte for byte the same. The database between import and
//! export is played by `Stored`, as a fresh one would hold the item; image
//! links are left alone (localising them reads files beside the page).
#![no_main]

use std::path::Path;

use app::domain::{dates, EditorDoc};
use app::markdown::ImageSizes;
use app::server::authoring::validate::{prepare_with_images, term_of};
use app::server::clock::normalise_instant;
use app::server::db::authoring::save::Prepared;
use app::server::portable::folder;
use app::server::portable::import::read::{read, Incoming};
use app::server::portable::import::scan::{source_file, SourceFile};
use app::server::portable::item_file::{render, Extras};
use libfuzzer_sys::fuzz_target;

/// Fixed, so a file dated after it is scheduled the same way every run.
const NOW: &str = "2026-01-01T00:00:00Z";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Some((incoming, prepared)) = import(&file("articles/fuzz.md"), &text) else {
        return;
    };
    let first = Stored::of(&incoming, &prepared);
    let exported = first.export();

    let again = file(&format!("{}/{}.md", folder(prepared.kind), prepared.slug));
    let Some((incoming, prepared)) = import(&again, &exported) else {
        panic!("the export of an accepted file is refused:\n{exported}");
    };
    let second = Stored::of(&incoming, &prepared);
    assert_eq!(first, second, "changed by a round trip:\n{exported}");
    assert_eq!(exported, second.export(), "exported differently");
});

/// A file at `path` inside an imported folder, as the folder scan names it.
fn file(path: &str) -> SourceFile {
    let root = Path::new("site");
    source_file(root, root, root.join(path))
}

/// The item a file holds, if the import accepts it.
fn import(source: &SourceFile, text: &str) -> Option<(Incoming, Prepared)> {
    let incoming = read(source, text, NOW).ok()?;
    assert!(
        text.ends_with(&incoming.doc.body_md),
        "the body is not the end"
    );
    let times = [&incoming.created, &incoming.updated, &incoming.deleted];
    for at in times
        .into_iter()
        .chain([&incoming.doc.publish_at])
        .flatten()
    {
        assert_eq!(normalise_instant(at).as_ref(), Some(at), "not stored form");
        assert!(dates::day_of(at).is_some(), "{at} has no day");
    }
    // As the import's plan checks an item, with no images uploaded.
    let prepared = prepare_with_images(&incoming.doc, NOW, 0, true, &ImageSizes::new()).ok()?;
    if incoming
        .series
        .as_deref()
        .is_some_and(|s| term_of(s).is_none())
    {
        return None;
    }
    Some((incoming, prepared))
}

/// An imported item as a fresh database holds it and `export` loads it.
#[derive(Debug, PartialEq)]
struct Stored {
    doc: EditorDoc,
    created_at: String,
    series: Option<String>,
}

impl Stored {
    fn of(incoming: &Incoming, prepared: &Prepared) -> Self {
        let name = |term: &Option<app::server::db::write::Term>| {
            term.as_ref().map(|t| t.name.clone()).unwrap_or_default()
        };
        // Tags are loaded by name.
        let mut tags: Vec<String> = prepared.tags.iter().map(|t| t.name.clone()).collect();
        tags.sort();
        let doc = EditorDoc {
            kind: prepared.kind,
            id: Some(1),
            version: 1,
            title: prepared.title.clone(),
            slug: prepared.slug.to_string(),
            dek: prepared.dek.clone(),
            body_md: prepared.body_md.clone(),
            category: name(&prepared.category),
            tags,
            status: Some(prepared.status),
            publish_at: prepared.published_at.clone(),
            source: name(&prepared.source),
            original_url: prepared.original_url.clone(),
            day: prepared.day.clone(),
            deleted_at: incoming.deleted.clone(),
            updated_at: incoming.updated.clone().unwrap_or_else(|| NOW.to_owned()),
        };
        let series = incoming
            .series
            .as_deref()
            .and_then(term_of)
            .map(|term| term.name);
        Self {
            doc,
            created_at: incoming.created.clone().unwrap_or_else(|| NOW.to_owned()),
            series,
        }
    }

    fn export(&self) -> String {
        let extras = Extras {
            created_at: &self.created_at,
            series: self.series.as_deref(),
        };
        render(&self.doc, &extras)
            .unwrap_or_else(|reason| panic!("accepted but cannot be exported: {reason}"))
    }
}
