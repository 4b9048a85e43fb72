//! Folio's own file for one item: TOML front matter with the field names
//! Zola uses, one blank line, then the markdown exactly as stored. What
//! Zola has no field for goes under `[extra]`; the import reads all of it
//! back (see `import::read`), so an export of an import is byte-identical.

use serde::Serialize;
use toml::value::Datetime;

use crate::domain::{EditorDoc, ItemKind, Status};

/// What a file holds of an item beyond the editor's document.
pub struct Extras<'a> {
    pub created_at: &'a str,
    pub series: Option<&'a str>,
}

#[derive(Serialize)]
struct FileFront<'a> {
    title: &'a str,
    slug: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<Datetime>,
    updated: Datetime,
    draft: bool,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    taxonomies: Option<Taxonomies<'a>>,
    extra: Extra<'a>,
}

#[derive(Serialize)]
struct Taxonomies<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    categories: Option<[&'a str; 1]>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
}

#[derive(Serialize)]
struct Extra<'a> {
    /// Only `scheduled`: `draft` says the rest, the way Zola reads it.
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    series: Option<&'a str>,
    created: Datetime,
    #[serde(skip_serializing_if = "Option::is_none")]
    deleted: Option<Datetime>,
}

/// The file's text, or why a stored value cannot be written.
pub fn render(doc: &EditorDoc, extras: &Extras<'_>) -> Result<String, String> {
    let status = doc.status.unwrap_or(Status::Draft);
    let summary = doc.kind == ItemKind::Summary;
    let category =
        (doc.kind != ItemKind::Note && !doc.category.is_empty()).then_some([doc.category.as_str()]);
    let front = FileFront {
        title: &doc.title,
        slug: &doc.slug,
        date: doc.publish_at.as_deref().map(datetime).transpose()?,
        updated: datetime(&doc.updated_at)?,
        draft: status != Status::Published,
        description: if doc.kind == ItemKind::Article {
            &doc.dek
        } else {
            ""
        },
        taxonomies: (category.is_some() || !doc.tags.is_empty()).then_some(Taxonomies {
            categories: category,
            tags: &doc.tags,
        }),
        extra: Extra {
            status: (status == Status::Scheduled).then_some(status.as_str()),
            day: summary.then_some(doc.day.as_str()),
            source: summary.then_some(doc.source.as_str()),
            source_url: summary.then_some(doc.original_url.as_str()),
            series: extras.series,
            created: datetime(extras.created_at)?,
            deleted: doc.deleted_at.as_deref().map(datetime).transpose()?,
        },
    };
    let toml = toml::to_string(&front).map_err(|e| e.to_string())?;
    Ok(format!("+++\n{toml}+++\n\n{}", doc.body_md))
}

fn datetime(stored: &str) -> Result<Datetime, String> {
    stored
        .parse()
        .map_err(|_| format!("the stored time `{stored}` is not a date and time"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scheduled_article_in_zola_terms() {
        let doc = EditorDoc {
            title: "Locks".into(),
            slug: "locks".into(),
            dek: "Short.".into(),
            category: "Databases".into(),
            tags: vec!["Go".into(), "SQLite".into()],
            status: Some(Status::Scheduled),
            publish_at: Some("2030-01-01T08:00:00Z".into()),
            updated_at: "2026-01-01T00:00:00Z".into(),
            body_md: "\nBody\n".into(),
            ..EditorDoc::new(ItemKind::Article, "2026-01-01")
        };
        let extras = Extras {
            created_at: "2025-12-31T23:00:00Z",
            series: Some("Storage"),
        };
        assert_eq!(
            render(&doc, &extras).unwrap(),
            r#"+++
title = "Locks"
slug = "locks"
date = 2030-01-01T08:00:00Z
updated = 2026-01-01T00:00:00Z
draft = true
description = "Short."

[taxonomies]
categories = ["Databases"]
tags = ["Go", "SQLite"]

[extra]
status = "scheduled"
series = "Storage"
created = 2025-12-31T23:00:00Z
+++


Body
"#
        );
    }
}
