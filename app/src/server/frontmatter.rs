//! Markdown files with front matter: TOML between `+++` lines (Zola, Hugo
//! and Folio's own export) or YAML between `---` lines (Hugo). The demo
//! content, import and export all cut files here, so they agree on where a
//! body starts: right after the closing fence's line, less one blank line
//! (export writes one there, for people reading the file). Nothing else of
//! the body is touched, so it reads back exactly as it was written.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Toml,
    Yaml,
}

impl Format {
    pub fn fence(self) -> &'static str {
        match self {
            Format::Toml => "+++",
            Format::Yaml => "---",
        }
    }
}

/// The line of a file the front matter starts on (after the opening fence).
pub const FRONT_FIRST_LINE: usize = 2;

/// A file cut at one closing fence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub format: Format,
    /// The front matter without its fences.
    pub front: &'a str,
    pub body: &'a str,
    text: &'a str,
    front_start: usize,
    close_end: usize,
}

impl<'a> Split<'a> {
    /// The same file cut at the next closing fence, for a fence line that
    /// turned out to be inside a multi-line string of the front matter.
    pub fn next(&self) -> Option<Split<'a>> {
        closing(self.text, self.format, self.front_start, self.close_end)
    }

    /// The file's line number of a byte offset into `front`.
    pub fn line_at(&self, offset: usize) -> usize {
        let offset = offset.min(self.front.len());
        FRONT_FIRST_LINE + self.front[..offset].matches('\n').count()
    }
}

/// The format a file's first line announces, if it opens front matter.
pub fn opening(text: &str) -> Option<Format> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match text.lines().next()?.trim_end() {
        "+++" => Some(Format::Toml),
        "---" => Some(Format::Yaml),
        _ => None,
    }
}

/// Cuts a file at the first closing fence; `None` without front matter or
/// without a closing fence.
pub fn split(text: &str) -> Option<Split<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let format = opening(text)?;
    let first = text.split_inclusive('\n').next()?;
    closing(text, format, first.len(), first.len())
}

fn closing(text: &str, format: Format, front_start: usize, from: usize) -> Option<Split<'_>> {
    let mut offset = from;
    for line in text[from..].split_inclusive('\n') {
        let end = offset + line.len();
        if line.trim_end() == format.fence() {
            let rest = &text[end..];
            let body = rest
                .strip_prefix("\r\n")
                .or_else(|| rest.strip_prefix('\n'))
                .unwrap_or(rest);
            return Some(Split {
                format,
                front: &text[front_start..offset],
                body,
                text,
                front_start,
                close_end: end,
            });
        }
        offset = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_body() {
        let cut = split("+++\ntitle = \"A\"\n+++\n\nHello\n+++ not a fence\n").unwrap();
        assert_eq!(cut.format, Format::Toml);
        assert_eq!(cut.front, "title = \"A\"\n");
        assert_eq!(cut.body, "Hello\n+++ not a fence\n");
    }

    #[test]
    fn keeps_every_blank_line_but_the_separator() {
        assert_eq!(split("+++\na = 1\n+++\nbody").unwrap().body, "body");
        assert_eq!(
            split("+++\na = 1\n+++\n\n\n\nbody\n\n").unwrap().body,
            "\n\nbody\n\n"
        );
        assert_eq!(
            split("+++\na = 1\n+++\n\n\r\nx\r\n").unwrap().body,
            "\r\nx\r\n"
        );
        assert_eq!(split("+++\na = 1\n+++").unwrap().body, "");
    }

    #[test]
    fn needs_both_fences() {
        assert_eq!(split("title = 1\n"), None);
        assert_eq!(split("+++\ntitle = 1\n"), None);
        let cut = split("+++\r\na = 1\r\n+++\r\n\r\nbody").unwrap();
        assert_eq!((cut.front, cut.body), ("a = 1\r\n", "body"));
    }

    #[test]
    fn yaml_and_later_fences() {
        let cut = split("\u{feff}---\ntitle: x\n---\nbody\n---\nmore").unwrap();
        assert_eq!((cut.format, cut.front), (Format::Yaml, "title: x\n"));
        let later = cut.next().unwrap();
        assert_eq!(later.front, "title: x\n---\nbody\n");
        assert_eq!(later.body, "more");
        assert_eq!(later.next(), None);
        assert_eq!(later.line_at(later.front.find("body").unwrap()), 4);
    }
}
