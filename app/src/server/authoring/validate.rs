//! Turns what the editor sent into a `Prepared` item, or into the list of
//! problems to show beside each field. Markdown is rendered here, once,
//! with the same renderer the preview uses.

use crate::domain::links::parse_link;
use crate::domain::{EditorDoc, FieldError, ItemKind, Slug, Status};
use crate::markdown::{self, ImageSizes};
use crate::server::clock;
use crate::server::db::authoring::save::{Prepared, RenderedBody};
use crate::server::db::write::Term;

pub const TITLE_MAX: usize = 200;
pub const DEK_MAX: usize = 1_000;
/// Bodies past this are refused: about 300,000 words.
pub const BODY_MAX: usize = 2_000_000;
pub const TAGS_MAX: usize = 20;

pub fn prepare(
    doc: &EditorDoc,
    now: &str,
    user_id: i64,
    explicit: bool,
) -> Result<Prepared, Vec<FieldError>> {
    prepare_with_images(doc, now, user_id, explicit, &ImageSizes::new())
}

/// `prepare`, with the sizes of the uploaded images the body shows
/// (`db::media::dimensions_for`), written on their `<img>` tags.
pub fn prepare_with_images(
    doc: &EditorDoc,
    now: &str,
    user_id: i64,
    explicit: bool,
    images: &ImageSizes,
) -> Result<Prepared, Vec<FieldError>> {
    let mut errors = Vec::new();
    let title = doc.title.trim().to_owned();
    if title.is_empty() {
        errors.push(FieldError::new("title", "Give it a title"));
    } else if title.chars().count() > TITLE_MAX {
        errors.push(FieldError::new(
            "title",
            format!("A title can be at most {TITLE_MAX} characters"),
        ));
    }
    let slug = match Slug::parse(doc.slug.trim()) {
        Ok(slug) => Some(slug),
        Err(e) => {
            errors.push(FieldError::new("slug", capitalise(&e.to_string())));
            None
        }
    };
    let dek = doc.dek.trim().to_owned();
    if dek.chars().count() > DEK_MAX {
        errors.push(FieldError::new(
            "dek",
            format!("The summary line can be at most {DEK_MAX} characters"),
        ));
    }
    if doc.body_md.len() > BODY_MAX {
        errors.push(FieldError::new(
            "body_md",
            "This text is too long to save in one piece",
        ));
    } else if markdown::too_deeply_nested(&doc.body_md) {
        errors.push(FieldError::new("body_md", too_deep_message()));
    }
    let needs_category = matches!(doc.kind, ItemKind::Article | ItemKind::Summary);
    let category = if needs_category {
        term(
            &doc.category,
            "category",
            "Choose or type a category",
            &mut errors,
        )
    } else {
        None
    };
    let mut tags: Vec<Term> = Vec::new();
    for name in &doc.tags {
        match term_of(name) {
            Some(t) if !tags.iter().any(|x| x.slug == t.slug) => tags.push(t),
            Some(_) => {}
            None => errors.push(FieldError::new(
                "tags",
                format!("“{name}” cannot be a tag: use letters or digits"),
            )),
        }
    }
    if tags.len() > TAGS_MAX {
        errors.push(FieldError::new("tags", format!("At most {TAGS_MAX} tags")));
    }
    let (source, original_url, day) = if doc.kind == ItemKind::Summary {
        let source = term(
            &doc.source,
            "source",
            "Name the publication this summarises",
            &mut errors,
        );
        let url = match parse_link(&doc.original_url) {
            Ok(url) if !url.to_ascii_lowercase().starts_with("mailto:") => url,
            Ok(_) => {
                errors.push(FieldError::new(
                    "original_url",
                    "Link to the article itself, with http:// or https://",
                ));
                String::new()
            }
            Err(e) => {
                errors.push(FieldError::new("original_url", e.to_string()));
                String::new()
            }
        };
        let day = doc.day.trim().to_owned();
        if crate::domain::dates::parse_day(&day).is_none() {
            errors.push(FieldError::new("day", "Pick the day, as YYYY-MM-DD"));
        }
        (source, url, day)
    } else {
        (None, String::new(), String::new())
    };
    let status = doc.status.unwrap_or(Status::Draft);
    let published_at = match publish_time(status, doc.publish_at.as_deref(), now) {
        Ok(at) => at,
        Err(message) => {
            errors.push(FieldError::new("publish_at", message));
            None
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let rendered = render(doc.kind, &doc.body_md, images);
    Ok(Prepared {
        kind: doc.kind,
        id: doc.id,
        base_version: doc.version,
        slug: slug.expect("no errors means the slug parsed"),
        title,
        dek,
        body_md: doc.body_md.clone(),
        rendered,
        category,
        tags,
        status,
        published_at,
        source,
        original_url,
        day,
        explicit,
        user_id: Some(user_id),
        writer: String::new(),
    })
}

/// Why a markdown field nested past [`markdown::MAX_NESTING`] is refused.
pub fn too_deep_message() -> String {
    format!(
        "Lists, quotes or HTML tags here nest more than {} levels deep; flatten them a little",
        markdown::MAX_NESTING
    )
}

/// Articles and notes are whole documents; a summary is one paragraph,
/// rendered the way the summaries page has always shown it.
pub fn render(kind: ItemKind, body_md: &str, images: &ImageSizes) -> RenderedBody {
    let full = markdown::render_with(body_md, images);
    let html = if kind == ItemKind::Summary {
        markdown::render_inline_with(body_md, images)
    } else {
        full.html
    };
    RenderedBody {
        html,
        text: full.plain_text,
        toc_json: serde_json::to_string(&full.toc).unwrap_or_else(|_| "[]".to_owned()),
        reading_minutes: full.reading_minutes,
    }
}

/// When the item is (or will be) public. Published without a time means
/// now; scheduled needs one; a draft keeps whatever it had.
fn publish_time(status: Status, given: Option<&str>, now: &str) -> Result<Option<String>, String> {
    let given = match given.map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => Some(
            clock::normalise_instant(text).ok_or("Give the time as a date and a time of day")?,
        ),
        None => None,
    };
    match status {
        Status::Draft => Ok(given),
        Status::Published => match given {
            Some(at) if at.as_str() > now => {
                Err("That time is still to come: choose Scheduled to publish then".into())
            }
            Some(at) => Ok(Some(at)),
            None => Ok(Some(now.to_owned())),
        },
        Status::Scheduled => match given {
            Some(at) => Ok(Some(at)),
            None => Err("Choose when it should be published".into()),
        },
    }
}

fn term(name: &str, field: &str, missing: &str, errors: &mut Vec<FieldError>) -> Option<Term> {
    if name.trim().is_empty() {
        errors.push(FieldError::new(field, missing));
        return None;
    }
    let found = term_of(name);
    if found.is_none() {
        errors.push(FieldError::new(
            field,
            "Use at least one letter or digit in the name",
        ));
    }
    found
}

/// A taxonomy name and the slug it files under.
pub fn term_of(name: &str) -> Option<Term> {
    let name = name.trim();
    if name.chars().count() > 80 {
        return None;
    }
    Slug::from_title(name).ok().map(|slug| Term {
        slug,
        name: name.to_owned(),
    })
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: &str = "2026-12-03T10:00:00Z";

    fn article() -> EditorDoc {
        EditorDoc {
            title: "A title".into(),
            slug: "a-title".into(),
            category: "Databases".into(),
            body_md: "Hello".into(),
            ..EditorDoc::new(ItemKind::Article, "2026-12-03")
        }
    }

    fn fields(doc: &EditorDoc) -> Vec<String> {
        prepare(doc, NOW, 1, false)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_complete_draft_prepares() {
        let ready = prepare(&article(), NOW, 1, false).unwrap();
        assert_eq!(ready.category.unwrap().slug.as_str(), "databases");
        assert_eq!(ready.published_at, None);
        assert!(ready.rendered.html.contains("<p>Hello</p>"));
    }

    #[test]
    fn each_problem_names_its_field() {
        let doc = EditorDoc {
            title: " ".into(),
            slug: "Not A Slug".into(),
            category: String::new(),
            ..article()
        };
        assert_eq!(fields(&doc), ["title", "slug", "category"]);
    }

    #[test]
    fn summary_links_must_be_web_addresses() {
        let doc = EditorDoc {
            kind: ItemKind::Summary,
            source: "Some Weekly".into(),
            original_url: "javascript:alert(1)".into(),
            ..article()
        };
        assert_eq!(fields(&doc), ["original_url"]);
        let doc = EditorDoc {
            original_url: "mailto:a@b.c".into(),
            ..doc
        };
        assert_eq!(fields(&doc), ["original_url"]);
    }

    #[test]
    fn publishing_times() {
        assert_eq!(
            publish_time(Status::Published, None, NOW),
            Ok(Some(NOW.into()))
        );
        assert!(publish_time(Status::Published, Some("2030-01-01T00:00:00Z"), NOW).is_err());
        assert!(publish_time(Status::Scheduled, None, NOW).is_err());
        assert_eq!(
            publish_time(Status::Scheduled, Some("2030-01-01T01:00:00+01:00"), NOW),
            Ok(Some("2030-01-01T00:00:00Z".into()))
        );
        assert!(publish_time(Status::Draft, Some("soon"), NOW).is_err());
    }
}
