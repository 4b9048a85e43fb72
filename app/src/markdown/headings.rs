//! Heading ids, so sections can be linked to and listed in the table of
//! contents, with ids that stay stable while the heading text does.

use std::collections::HashSet;

use super::sanitize::escape_text;

/// Hands out ids unique within one document. Footnotes draw from the same
/// pool as headings so that no two elements can ever share an id.
#[derive(Default)]
pub(crate) struct IdAllocator {
    used: HashSet<String>,
}

impl IdAllocator {
    /// Returns `base`, or `base-2`, `base-3`… for later repeats.
    pub(crate) fn unique(&mut self, base: &str) -> String {
        if self.used.insert(base.to_string()) {
            return base.to_string();
        }
        // A heading literally named "Intro 2" may already own "intro-2",
        // so keep counting until a free one turns up.
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| self.used.insert(candidate.clone()))
            .expect("an unbounded counter always finds a free id")
    }
}

/// Lower-cases, keeps letters and digits (any script, so non-English
/// headings still get readable ids), turns runs of spaces, `-` and `_`
/// into one hyphen and drops other punctuation.
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '_' {
            pending_hyphen = true;
        }
    }
    if slug.is_empty() {
        // Headings made only of punctuation or emoji still need an anchor.
        slug.push_str("section");
    }
    slug
}

/// The trailing `#` link appended inside h2–h4. Its visible text is only a
/// `#`, so it carries a name of its own that says which section it links
/// to; otherwise a screen reader's list of links would be a column of
/// identical "Link to this section" entries. `id` comes from `slugify` and
/// never needs escaping; `text` is the heading's plain text and does.
pub(crate) fn anchor_html(id: &str, text: &str) -> String {
    let label = escape_text(&format!("Link to section: {text}"));
    format!(r##"<a class="heading-anchor" href="#{id}" aria-label="{label}">#</a>"##)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::render;

    #[test]
    fn slugify_examples() {
        assert_eq!(slugify("Why WAL mode?"), "why-wal-mode");
        assert_eq!(slugify("  Hello,   World!  "), "hello-world");
        assert_eq!(
            slugify("snake_case and kebab-case"),
            "snake-case-and-kebab-case"
        );
        assert_eq!(slugify("C++ & Rust: 2024"), "c-rust-2024");
        assert_eq!(slugify("Über Café"), "über-café");
        assert_eq!(slugify("?!"), "section");
        assert_eq!(slugify(""), "section");
    }

    #[test]
    fn allocator_deduplicates() {
        let mut ids = IdAllocator::default();
        assert_eq!(ids.unique("intro"), "intro");
        assert_eq!(ids.unique("intro"), "intro-2");
        assert_eq!(ids.unique("intro"), "intro-3");
        assert_eq!(ids.unique("intro-2"), "intro-2-2");
    }

    #[test]
    fn heading_gets_id_and_anchor() {
        let html = render("## Why WAL mode?\n").html;
        assert_eq!(
            html.trim(),
            r##"<h2 id="why-wal-mode">Why WAL mode?<a class="heading-anchor" href="#why-wal-mode" aria-label="Link to section: Why WAL mode?" rel="noopener noreferrer">#</a></h2>"##
        );
    }

    #[test]
    fn anchor_names_its_section_and_escapes_it() {
        let html = render("## Tom & \"Jerry\" <3\n").html;
        assert!(
            html.contains(r#"aria-label="Link to section: Tom &amp; &quot;Jerry&quot; &lt;3""#),
            "{html}"
        );
    }

    #[test]
    fn duplicate_headings_get_numbered_ids() {
        let out = render("## Setup\n\n## Setup\n\n### Setup\n");
        assert!(out.html.contains(r#"<h2 id="setup">"#), "{}", out.html);
        assert!(out.html.contains(r#"<h2 id="setup-2">"#), "{}", out.html);
        assert!(out.html.contains(r#"<h3 id="setup-3">"#), "{}", out.html);
        let ids: Vec<_> = out.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["setup", "setup-2", "setup-3"]);
    }

    #[test]
    fn literal_numbered_heading_does_not_collide() {
        let out = render("## Step 2\n\n## Step\n\n## Step\n");
        let ids: Vec<_> = out.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["step-2", "step", "step-3"]);
    }

    #[test]
    fn h1_is_demoted_to_h2() {
        let out = render("# Title in body\n\ntext\n");
        assert!(!out.html.contains("<h1"), "{}", out.html);
        assert!(
            out.html.contains(r#"<h2 id="title-in-body">"#),
            "{}",
            out.html
        );
        assert_eq!(out.toc[0].level, 2);
    }

    #[test]
    fn h4_gets_id_but_is_not_in_toc() {
        let out = render("## A\n\n### B\n\n#### C\n\n##### D\n");
        assert!(out.html.contains(r#"<h4 id="c">"#), "{}", out.html);
        assert!(out.html.contains("<h5>D</h5>"), "{}", out.html);
        let levels: Vec<_> = out.toc.iter().map(|t| (t.level, t.text.as_str())).collect();
        assert_eq!(levels, [(2, "A"), (3, "B")]);
    }

    #[test]
    fn toc_text_is_plain() {
        let out =
            render("## Using `sqlx` with **SQLite** and [WAL](https://sqlite.org/wal.html)\n");
        assert_eq!(out.toc[0].text, "Using sqlx with SQLite and WAL");
        assert_eq!(out.toc[0].id, "using-sqlx-with-sqlite-and-wal");
        // Markup inside the heading survives in the HTML.
        assert!(out.html.contains("<code>sqlx</code>"), "{}", out.html);
        assert!(out.html.contains("<strong>SQLite</strong>"), "{}", out.html);
    }

    #[test]
    fn heading_text_with_html_special_characters() {
        let out = render("## Tom & Jerry <3\n");
        assert_eq!(out.toc[0].text, "Tom & Jerry <3");
        assert_eq!(out.toc[0].id, "tom-jerry-3");
        assert!(out.html.contains("Tom &amp; Jerry &lt;3"), "{}", out.html);
    }

    #[test]
    fn setext_headings_are_handled_too() {
        let out = render("Title\n=====\n\nSub\n---\n");
        assert!(!out.html.contains("<h1"), "{}", out.html);
        let ids: Vec<_> = out.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["title", "sub"]);
    }
}
