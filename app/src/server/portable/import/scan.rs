//! Finds what a folder holds: Folio's export layout, or a Zola or Hugo site
//! (whose pages live under `content/`). Each markdown file's kind comes
//! from its top folder, and its slug and date from its name the way Zola
//! reads `2024-05-08-my-post.md` and `my-post/index.md`.

use std::path::{Path, PathBuf};

use crate::domain::{ItemKind, Slug};
use crate::server::portable::{folder_kind, PortableError, MEDIA_DIR, SITE_FILE, TAXONOMY_FILE};

pub struct Layout {
    pub files: Vec<SourceFile>,
    pub site: Option<PathBuf>,
    pub taxonomy: Option<PathBuf>,
    /// Folio's own `media/` folder, when there is one.
    pub media: Option<PathBuf>,
    /// Where a `/…` image address is looked for: a Zola or Hugo site's
    /// `static/`, or the folder itself in Folio's layout (`/media/…`).
    pub site_static: Option<PathBuf>,
}

pub struct SourceFile {
    pub path: PathBuf,
    /// The path shown in messages: relative to the imported folder.
    pub name: String,
    /// The kind its folder says; `[extra] kind` may say otherwise.
    pub kind: ItemKind,
    /// The slug its name gives, when the front matter has none.
    pub slug: String,
    /// `YYYY-MM-DD` from a dated name, when the front matter has no date.
    pub day: Option<String>,
}

pub fn scan(dir: &Path) -> Result<Layout, PortableError> {
    if !dir.is_dir() {
        return Err(PortableError::Refused(format!(
            "{} is not a folder",
            dir.display()
        )));
    }
    let site_tree = dir.join("content").is_dir();
    let content = if site_tree {
        dir.join("content")
    } else {
        dir.to_owned()
    };
    let site_static = if site_tree {
        Some(dir.join("static")).filter(|s| s.is_dir())
    } else {
        Some(dir.to_owned())
    };
    let mut paths = Vec::new();
    let media = Some(dir.join(MEDIA_DIR)).filter(|p| p.is_dir() && !site_tree);
    walk(&content, media.as_deref(), &mut paths)?;
    paths.sort();
    let files = paths
        .into_iter()
        .map(|path| source_file(dir, &content, path))
        .collect();
    let present = |name: &str| Some(dir.join(name)).filter(|p| p.is_file());
    Ok(Layout {
        files,
        site: present(SITE_FILE),
        taxonomy: present(TAXONOMY_FILE),
        media,
        site_static,
    })
}

/// Every markdown page under `dir`: hidden entries, the media folder and
/// section files (`_index.md`) are left out.
fn walk(dir: &Path, media: Option<&Path>, found: &mut Vec<PathBuf>) -> Result<(), PortableError> {
    let entries = std::fs::read_dir(dir).map_err(PortableError::io("read the folder", dir))?;
    for entry in entries {
        let path = entry
            .map_err(PortableError::io("read the folder", dir))?
            .path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or(".");
        if name.starts_with('.') || Some(path.as_path()) == media {
            continue;
        }
        if path.is_dir() {
            walk(&path, media, found)?;
        } else if is_markdown(name) && !name.starts_with("_index.") {
            found.push(path);
        }
    }
    Ok(())
}

fn is_markdown(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// The kind, slug and day a file's place and name give it; reads nothing.
pub fn source_file(dir: &Path, content: &Path, path: PathBuf) -> SourceFile {
    let relative = path.strip_prefix(content).unwrap_or(&path);
    let kind = relative
        .components()
        .next()
        .filter(|_| relative.components().count() > 1)
        .and_then(|c| c.as_os_str().to_str())
        .map_or(ItemKind::Article, folder_kind);
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    // A page bundle (`my-post/index.md`) is named by its folder.
    let stem = match (stem, relative.parent().and_then(Path::file_name)) {
        ("index", Some(folder)) => folder.to_str().unwrap_or(stem),
        _ => stem,
    };
    let (day, rest) = dated(stem);
    SourceFile {
        name: display(path.strip_prefix(dir).unwrap_or(&path)),
        kind,
        slug: slug_of(rest),
        day,
        path,
    }
}

/// `2024-05-08-my-post` → (`2024-05-08`, `my-post`); `_` may stand for the
/// second `-`, as in Zola.
fn dated(stem: &str) -> (Option<String>, &str) {
    let day = stem.get(..10).filter(|d| {
        crate::domain::dates::parse_day(d).is_some()
            && matches!(stem.as_bytes().get(10), Some(b'-' | b'_'))
    });
    match day {
        Some(day) if stem.len() > 11 => (Some(day.to_owned()), &stem[11..]),
        _ => (None, stem),
    }
}

/// The name itself when it is a slug, else the slug it reads as; a name
/// with no letters stays as it is, for the save to refuse by name.
fn slug_of(name: &str) -> String {
    Slug::parse(name)
        .or_else(|_| Slug::from_title(name))
        .map(|s| s.as_str().to_owned())
        .unwrap_or_else(|_| name.to_owned())
}

fn display(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_give_dates_and_slugs() {
        assert_eq!(
            dated("2024-05-08-my-post"),
            (Some("2024-05-08".into()), "my-post")
        );
        assert_eq!(dated("2024-05-08_x"), (Some("2024-05-08".into()), "x"));
        assert_eq!(dated("2024-13-08-x"), (None, "2024-13-08-x"));
        assert_eq!(dated("2024-05-08"), (None, "2024-05-08"));
        assert_eq!(slug_of("My Post"), "my-post");
        assert_eq!(slug_of("wal-mode"), "wal-mode");
    }
}
