//! How deeply a text nests: lists in lists, quotes in quotes, raw HTML
//! tags in tags. The sanitizer's HTML parser does work in proportion to
//! the depth for every element it opens, so a body of 50,000 nested list
//! items took well over ten seconds to render (8,000 took most of one).
//! Past [`MAX_NESTING`] a text is refused by the editor and never reaches
//! the sanitizer. Measured in one pass that stops as soon as the limit is
//! crossed.

use pulldown_cmark::{Event, Parser};

/// Far deeper than any real text (a list in a quote in a list is 3), far
/// shallower than what makes rendering slow.
pub const MAX_NESTING: usize = 100;

/// Whether `markdown` nests deeper than [`MAX_NESTING`].
#[must_use]
pub fn too_deeply_nested(markdown: &str) -> bool {
    let mut depth = 0usize;
    let mut open_tags: Vec<String> = Vec::new();
    for event in Parser::new_ext(markdown, super::events::options()) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Html(html) | Event::InlineHtml(html) => follow_tags(&html, &mut open_tags),
            _ => {}
        }
        if depth + open_tags.len() > MAX_NESTING {
            return true;
        }
    }
    false
}

/// Elements that never hold others, so never deepen the tree.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Opens and closes raw HTML tags the way a parser would, near enough: a
/// closing tag ends the innermost open tag of its name and everything
/// inside it; one with no open tag of its name is ignored. Overestimates
/// rather than under: real parsers also close some tags implicitly.
fn follow_tags(html: &str, open_tags: &mut Vec<String>) {
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let closing = rest.starts_with('/');
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || VOID.contains(&name.as_str()) {
            continue;
        }
        if closing {
            if let Some(index) = open_tags.iter().rposition(|open| *open == name) {
                open_tags.truncate(index);
            }
        } else if !self_closing(rest) {
            open_tags.push(name);
            if open_tags.len() > MAX_NESTING {
                return;
            }
        }
    }
}

/// `<x … />`: the tag ends with a slash before its `>`.
fn self_closing(tag: &str) -> bool {
    tag.split('>')
        .next()
        .is_some_and(|inside| inside.trim_end().ends_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_texts_are_not_too_deep() {
        for text in [
            "",
            "# Title\n\nA *short* paragraph with `code` and a [link](https://a.example).",
            "- one\n  - two\n    - three\n\n> quoted\n> > twice",
            "<div><p>raw <br> html</p></div><img src=\"x\" />",
            &"- item\n".repeat(10_000),
            &"<span>closed</span>".repeat(10_000),
        ] {
            assert!(!too_deeply_nested(text), "{text:.60}");
        }
    }

    #[test]
    fn deep_lists_quotes_and_tags_are() {
        for text in [
            format!("{}x", "- ".repeat(MAX_NESTING)),
            format!("{}x", "> ".repeat(MAX_NESTING + 1)),
            "<div>".repeat(MAX_NESTING + 1),
            format!("{}{}", "<b>".repeat(60), "<i>".repeat(60)),
            format!("{}x", "- ".repeat(50_000)),
        ] {
            assert!(too_deeply_nested(&text), "{text:.60}");
        }
    }

    #[test]
    fn closing_tags_end_what_they_close() {
        let balanced = "<div>".repeat(90) + &"</div>".repeat(90);
        assert!(!too_deeply_nested(&balanced.repeat(5)));
        // A stray closing tag of another name closes nothing.
        let stray = "<div></span>".repeat(MAX_NESTING + 1);
        assert!(too_deeply_nested(&stray));
    }
}
