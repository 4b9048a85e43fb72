//! The toolbar's markdown edits as pure functions over the text and the
//! selection, so they are tested without a browser. Offsets are UTF-16
//! code units, the unit a textarea's selectionStart/End are counted in.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Bold,
    Italic,
    Code,
    Link,
    Heading,
    List,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Bold,
        Format::Italic,
        Format::Link,
        Format::Code,
        Format::Heading,
        Format::List,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Format::Bold => "Bold",
            Format::Italic => "Italic",
            Format::Code => "Code",
            Format::Link => "Link",
            Format::Heading => "Heading",
            Format::List => "List",
        }
    }

    /// The key pressed with Ctrl (⌘ on a Mac), and with Shift when `true`.
    pub fn shortcut(self) -> (&'static str, bool) {
        match self {
            Format::Bold => ("b", false),
            Format::Italic => ("i", false),
            Format::Code => ("e", false),
            Format::Link => ("k", false),
            Format::Heading => ("h", true),
            Format::List => ("8", true),
        }
    }

    pub fn aria_shortcut(self) -> String {
        let (key, shift) = self.shortcut();
        let key = key.to_uppercase();
        if shift {
            format!("Control+Shift+{key} Meta+Shift+{key}")
        } else {
            format!("Control+{key} Meta+{key}")
        }
    }

    pub fn from_key(key: &str, shift: bool) -> Option<Format> {
        let key = key.to_lowercase();
        // Shift+8 arrives as "*" on most layouts.
        let key = if key == "*" { "8".to_owned() } else { key };
        Self::ALL
            .into_iter()
            .find(|f| f.shortcut() == (key.as_str(), shift))
    }
}

/// The edited text and the new selection (UTF-16 offsets).
#[derive(Debug, PartialEq, Eq)]
pub struct Edit {
    pub text: String,
    pub start: u32,
    pub end: u32,
}

pub fn apply(text: &str, start: u32, end: u32, format: Format) -> Edit {
    let (a, b) = (byte_at(text, start.min(end)), byte_at(text, start.max(end)));
    let selected = &text[a..b];
    match format {
        Format::Bold => wrap(text, a, b, "**", "**", "bold text"),
        Format::Italic => wrap(text, a, b, "_", "_", "italic text"),
        Format::Code if selected.contains('\n') => wrap(text, a, b, "```\n", "\n```", "code"),
        Format::Code => wrap(text, a, b, "`", "`", "code"),
        Format::Link => {
            let label = if selected.is_empty() {
                "link text"
            } else {
                selected
            };
            let inserted = format!("[{label}](https://)");
            let text_out = format!("{}{inserted}{}", &text[..a], &text[b..]);
            // Select the address part so typing replaces it.
            let url_start = units(&text[..a]) + units(&format!("[{label}]("));
            Edit {
                text: text_out,
                start: url_start,
                end: url_start + units("https://"),
            }
        }
        Format::Heading => prefix_lines(text, a, b, "## "),
        Format::List => prefix_lines(text, a, b, "- "),
    }
}

fn wrap(text: &str, a: usize, b: usize, open: &str, close: &str, placeholder: &str) -> Edit {
    let selected = &text[a..b];
    let inner = if selected.is_empty() {
        placeholder
    } else {
        selected
    };
    let out = format!("{}{open}{inner}{close}{}", &text[..a], &text[b..]);
    let start = units(&text[..a]) + units(open);
    Edit {
        text: out,
        start,
        end: start + units(inner),
    }
}

/// Puts `block` (an image, say) in place of the selection, on a line of
/// its own, with the cursor after it.
pub fn insert_block(text: &str, start: u32, end: u32, block: &str) -> Edit {
    let (a, b) = (byte_at(text, start.min(end)), byte_at(text, start.max(end)));
    let before = &text[..a];
    let after = &text[b..];
    let lead = if before.is_empty() || before.ends_with("\n\n") {
        ""
    } else if before.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    let trail = if after.starts_with("\n\n") {
        ""
    } else if after.starts_with('\n') || after.is_empty() {
        "\n"
    } else {
        "\n\n"
    };
    let inserted = format!("{lead}{block}{trail}");
    let cursor = units(before) + units(&inserted);
    Edit {
        text: format!("{before}{inserted}{after}"),
        start: cursor,
        end: cursor,
    }
}

/// Puts `prefix` at the start of every line the selection touches.
fn prefix_lines(text: &str, a: usize, b: usize, prefix: &str) -> Edit {
    let line_start = text[..a].rfind('\n').map_or(0, |i| i + 1);
    let block = &text[line_start..b];
    let prefixed: String = block
        .split('\n')
        .map(|line| format!("{prefix}{line}"))
        .collect::<Vec<_>>()
        .join("\n");
    let out = format!("{}{prefixed}{}", &text[..line_start], &text[b..]);
    let start = units(&text[..line_start]);
    Edit {
        text: out,
        start: start + units(prefix),
        end: start + units(&prefixed),
    }
}

fn units(s: &str) -> u32 {
    u32::try_from(s.encode_utf16().count()).unwrap_or(u32::MAX)
}

/// The byte offset of a UTF-16 offset (clamped to the text).
pub fn byte_at(text: &str, utf16: u32) -> usize {
    let mut count = 0u32;
    for (i, ch) in text.char_indices() {
        if count >= utf16 {
            return i;
        }
        count += u32::try_from(ch.len_utf16()).unwrap_or(2);
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_the_selection() {
        let e = apply("make this bold", 5, 9, Format::Bold);
        assert_eq!(e.text, "make **this** bold");
        assert_eq!((e.start, e.end), (7, 11));
    }

    #[test]
    fn inserts_a_placeholder_when_nothing_is_selected() {
        let e = apply("ab", 1, 1, Format::Italic);
        assert_eq!(e.text, "a_italic text_b");
        assert_eq!(&e.text[2..13], "italic text");
    }

    #[test]
    fn links_select_the_address() {
        let e = apply("see docs", 4, 8, Format::Link);
        assert_eq!(e.text, "see [docs](https://)");
        assert_eq!(&e.text[e.start as usize..e.end as usize], "https://");
    }

    #[test]
    fn headings_and_lists_prefix_lines() {
        assert_eq!(apply("one\ntwo", 5, 5, Format::Heading).text, "one\n## two");
        assert_eq!(apply("a\nb\nc", 0, 3, Format::List).text, "- a\n- b\nc");
    }

    #[test]
    fn offsets_count_utf16_units() {
        // "é" is one unit, "😀" two.
        let e = apply("😀é x", 2, 3, Format::Code);
        assert_eq!(e.text, "😀`é` x");
        assert_eq!(byte_at("😀é", 2), 4);
        assert_eq!(apply("a\nb", 0, 3, Format::Code).text, "```\na\nb\n```");
    }

    #[test]
    fn blocks_go_on_their_own_line() {
        let img = "![a](/media/x.png)";
        assert_eq!(insert_block("", 0, 0, img).text, format!("{img}\n"));
        let e = insert_block("one two", 3, 4, img);
        assert_eq!(e.text, format!("one\n\n{img}\n\ntwo"));
        assert_eq!(&e.text[..e.start as usize], format!("one\n\n{img}\n\n"));
        assert_eq!(
            insert_block("one\n\ntwo", 5, 5, img).text,
            format!("one\n\n{img}\n\ntwo")
        );
    }

    #[test]
    fn shortcuts_map_to_formats() {
        assert_eq!(Format::from_key("B", false), Some(Format::Bold));
        assert_eq!(Format::from_key("*", true), Some(Format::List));
        assert_eq!(Format::from_key("b", true), None);
    }
}
