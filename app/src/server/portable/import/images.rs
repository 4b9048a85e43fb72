//! Images a body shows from files beside it (`![x](diagram.png)`,
//! `![x](./img/a.png)`, `[a]: ../shared/a.png`), and from a Zola or Hugo
//! site's `static/` folder (`![x](/img/a.png)`). They are found with the
//! markdown parser, so an image inside a code block is left alone, and
//! rewritten by replacing only the destination: every other byte of the
//! body stays as it was.

use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

/// One image link to a local file.
#[derive(Debug, PartialEq, Eq)]
pub struct LocalImage {
    /// Where the destination is written in the body.
    pub range: Range<usize>,
    /// The destination as written, for messages.
    pub dest: String,
    /// The file it names: relative to the markdown file's folder, or to
    /// `static/` for a destination that starts with `/`.
    pub path: PathBuf,
}

/// Every image in `body` that names a local file. `folder` is the
/// markdown file's folder; `site_static` the site's `static/`, if any
/// (absolute destinations are looked for there and left alone when the
/// file is not: they may be pages of the site itself).
pub fn local_images(body: &str, folder: &Path, site_static: Option<&Path>) -> Vec<LocalImage> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    let mut parser = Parser::new_ext(body, options).into_offset_iter();
    let mut found = Vec::new();
    let mut by_reference = Vec::new();
    for (event, range) in parser.by_ref() {
        let Event::Start(Tag::Image {
            link_type,
            dest_url,
            ..
        }) = event
        else {
            continue;
        };
        match link_type {
            LinkType::Inline => {
                if let Some(at) = destination(body, range, "](", &dest_url) {
                    found.push((at, dest_url.into_string()));
                }
            }
            LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut => {
                by_reference.push(dest_url.into_string());
            }
            _ => {}
        }
    }
    for (_, def) in parser.reference_definitions().iter() {
        if by_reference.iter().any(|d| **d == *def.dest) {
            if let Some(at) = destination(body, def.span.clone(), "]:", &def.dest) {
                found.push((at, def.dest.to_string()));
            }
        }
    }
    found.sort_by_key(|(at, _)| at.start);
    found
        .into_iter()
        .filter_map(|(range, dest)| {
            let path = local_path(&dest, folder, site_static)?;
            Some(LocalImage { range, dest, path })
        })
        .collect()
}

/// Where `dest` is written inside `span`, after `marker` (`](` for an
/// inline image, `]:` for a reference definition) and any `<`.
fn destination(body: &str, span: Range<usize>, marker: &str, dest: &str) -> Option<Range<usize>> {
    let text = body.get(span.clone())?;
    text.match_indices(marker).find_map(|(at, _)| {
        let after = &text[at + marker.len()..];
        let rest = after.trim_start().trim_start_matches('<');
        let start = span.start + at + marker.len() + (after.len() - rest.len());
        rest.starts_with(dest).then(|| start..start + dest.len())
    })
}

/// The file a destination names, if it names one: no scheme, no fragment
/// only, no `..` past the top of the site.
fn local_path(dest: &str, folder: &Path, site_static: Option<&Path>) -> Option<PathBuf> {
    let clean = dest.split(['?', '#']).next().unwrap_or_default();
    let has_scheme = clean
        .split_once(':')
        .is_some_and(|(scheme, _)| !scheme.is_empty() && !scheme.contains('/'));
    if clean.is_empty() || has_scheme || clean.starts_with("//") || clean.starts_with('@') {
        return None;
    }
    let decoded = percent_decoded(clean);
    match decoded.strip_prefix('/') {
        Some(absolute) => {
            let path = site_static?.join(absolute);
            (path.is_file() && stays_inside(absolute)).then_some(path)
        }
        None => Some(folder.join(decoded)),
    }
}

/// True when a relative path has no `..` that climbs above where it starts.
fn stays_inside(relative: &str) -> bool {
    let mut depth = 0i32;
    for part in Path::new(relative).components() {
        match part {
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    true
}

/// `my%20diagram.png` → `my diagram.png`; anything malformed stays as written.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// `body` with each range replaced by its new text; ranges do not overlap.
pub fn rewrite(body: &str, replacements: &[(Range<usize>, String)]) -> String {
    let mut out = String::with_capacity(body.len());
    let mut from = 0;
    for (range, text) in replacements {
        out.push_str(&body[from..range.start]);
        out.push_str(text);
        from = range.end;
    }
    out.push_str(&body[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dests(body: &str) -> Vec<(String, PathBuf)> {
        local_images(body, Path::new("/site/post"), None)
            .into_iter()
            .map(|i| {
                assert_eq!(&body[i.range.clone()], i.dest);
                (i.dest, i.path)
            })
            .collect()
    }

    #[test]
    fn finds_local_images_and_nothing_else() {
        let body = "![a](diagram.png) ![b](./img/b.png \"title\") ![c](<my file.png>)\n\
                    ![d](https://x.example/d.png) ![e](/media/x.png) [link](page.png)\n\
                    ![f][ref] ![g](my%20g.png)\n\n```\n![h](code.png)\n```\n\n[ref]: ../shared/f.png\n";
        let found = dests(body);
        let names: Vec<&str> = found.iter().map(|(d, _)| d.as_str()).collect();
        assert_eq!(
            names,
            [
                "diagram.png",
                "./img/b.png",
                "my file.png",
                "my%20g.png",
                "../shared/f.png"
            ]
        );
        assert_eq!(found[0].1, Path::new("/site/post/diagram.png"));
        assert_eq!(found[3].1, Path::new("/site/post/my g.png"));
    }

    #[test]
    fn rewrites_only_the_destinations() {
        let body = "Intro\r\n\r\n![a](diagram.png)\r\n";
        let found = local_images(body, Path::new("."), None);
        let replaced = rewrite(body, &[(found[0].range.clone(), "/media/x.png".into())]);
        assert_eq!(replaced, "Intro\r\n\r\n![a](/media/x.png)\r\n");
    }

    #[test]
    fn static_paths_only_when_the_file_is_there() {
        let dir = std::env::temp_dir().join(format!("folio-static-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("img")).unwrap();
        std::fs::write(dir.join("img/a.png"), b"x").unwrap();
        let found = local_images(
            "![a](/img/a.png) ![b](/img/none.png)",
            Path::new("."),
            Some(&dir),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, dir.join("img/a.png"));
        assert!(!stays_inside("../x.png"));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
