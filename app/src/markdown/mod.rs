//! Markdown to safe HTML, done once when content is saved so pages never
//! parse, highlight or sanitize at request time.
//!
//! The pipeline is: pulldown-cmark events → our rewrites (heading ids and
//! anchors, server-side highlighted code blocks, footnotes and table
//! alignment without inline styles) → pulldown-cmark's HTML writer →
//! ammonia with an allow-list that matches exactly what the rewrites emit.
//! Sanitizing last means raw HTML written by an author can never add more
//! than the renderer itself would.
//!
//! Server-only (`ssr`): the browser never renders markdown, it receives
//! the stored HTML and table of contents.
//!
//! Syntax colours live in `style/highlight.css`, generated from the themes
//! by a test in `css.rs`. Regenerate it after changing themes or bumping
//! syntect / two-face with:
//!
//! ```text
//! cargo test -p app --features ssr markdown::css::tests::regenerate_highlight_css -- --ignored
//! ```

#[cfg(test)]
mod css;
mod depth;
mod events;
mod headings;
mod highlight;
mod sanitize;
mod text;

pub use depth::{too_deeply_nested, MAX_NESTING};
pub use text::excerpt;

/// The wire type the article page already uses, re-exported so the
/// renderer's output is stored and served without conversion.
pub use crate::domain::TocEntry;

/// Everything a page needs from one markdown body; stored alongside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    /// Sanitized HTML, safe to inject with `inner_html`.
    pub html: String,
    /// The h2 and h3 headings, in document order.
    pub toc: Vec<TocEntry>,
    /// Estimated at 230 words a minute, never less than 1.
    pub reading_minutes: u32,
    /// Text without markup, whitespace collapsed, for search and summaries.
    pub plain_text: String,
}

/// Width and height of uploaded images by media name, written on their
/// `<img>` so pages do not shift as pictures load.
pub type ImageSizes = std::collections::HashMap<String, (u32, u32)>;

/// Renders a full document body (posts, project write-ups).
#[must_use]
pub fn render(markdown: &str) -> Rendered {
    render_with(markdown, &ImageSizes::new())
}

/// `render`, knowing the sizes of the uploaded images the text shows.
/// A text nested too deeply for the sanitizer to parse in reasonable time
/// (the editor refuses those; imports and generated sites may not) is
/// shown as its own escaped words, in one paragraph.
#[must_use]
pub fn render_with(markdown: &str, images: &ImageSizes) -> Rendered {
    if too_deeply_nested(markdown) {
        let plain_text = text::collapse_whitespace(markdown);
        return Rendered {
            html: format!("<p>{}</p>", sanitize::escape_text(&plain_text)),
            toc: Vec::new(),
            reading_minutes: text::reading_minutes(&plain_text),
            plain_text,
        };
    }
    let output = events::transform(markdown, images);
    Rendered {
        html: sanitize::clean(&output.html),
        toc: output.toc,
        reading_minutes: text::reading_minutes(&output.plain_text),
        plain_text: output.plain_text,
    }
}

/// Renders a short field (bio, experience summary) through the same
/// pipeline. A lone paragraph is unwrapped so the caller can place the
/// result inside its own `<p>` or `<span>`; anything longer keeps its
/// block structure because unwrapping it would merge paragraphs.
#[must_use]
pub fn render_inline(markdown: &str) -> String {
    render_inline_with(markdown, &ImageSizes::new())
}

/// `render_inline`, knowing the sizes of uploaded images.
#[must_use]
pub fn render_inline_with(markdown: &str, images: &ImageSizes) -> String {
    let html = render_with(markdown, images).html;
    unwrap_single_paragraph(&html).unwrap_or(html)
}

/// The fence labels of code blocks in `markdown` that would not be
/// highlighted because the highlighter does not know their language;
/// the editor warns about them before publishing. Each label once.
#[must_use]
pub fn unknown_languages(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};
    let mut found: Vec<String> = Vec::new();
    for event in Parser::new(markdown) {
        if let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = event {
            if let Some(lang) = highlight::unknown_language(&info) {
                if !found.contains(&lang) {
                    found.push(lang);
                }
            }
        }
    }
    found
}

fn unwrap_single_paragraph(html: &str) -> Option<String> {
    let inner = html.trim().strip_prefix("<p>")?.strip_suffix("</p>")?;
    // A closing tag inside means several blocks (`<p>a</p><h2>…</h2><p>b</p>`).
    if inner.contains("<p>") || inner.contains("</p>") {
        return None;
    }
    Some(inner.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_basic_markdown() {
        let out = render("Hello *world*, this is **bold** and ~~gone~~.");
        assert_eq!(
            out.html.trim(),
            "<p>Hello <em>world</em>, this is <strong>bold</strong> and <del>gone</del>.</p>"
        );
    }

    #[test]
    fn smart_punctuation_is_off() {
        let out = render("\"quoted\" -- it's...");
        // No curly quotes, dashes or ellipses substituted.
        assert!(out.html.contains("\"quoted\" -- it's..."), "{}", out.html);
        assert_eq!(out.plain_text, "\"quoted\" -- it's...");
    }

    #[test]
    fn full_document_pipeline() {
        let md = "# Intro\n\nSome text.\n\n## Why WAL mode?\n\n```rust\nfn main() {}\n```\n\n### Details\n";
        let out = render(md);
        assert_eq!(
            out.toc,
            vec![
                TocEntry {
                    level: 2,
                    id: "intro".into(),
                    text: "Intro".into()
                },
                TocEntry {
                    level: 2,
                    id: "why-wal-mode".into(),
                    text: "Why WAL mode?".into()
                },
                TocEntry {
                    level: 3,
                    id: "details".into(),
                    text: "Details".into()
                },
            ]
        );
        assert!(!out.html.contains("<h1"), "{}", out.html);
        assert!(out
            .html
            .contains(r#"<div class="code-block" data-lang="rust">"#));
        assert_eq!(
            out.plain_text,
            "Intro Some text. Why WAL mode? fn main() {} Details"
        );
        assert_eq!(out.reading_minutes, 1);
    }

    #[test]
    fn render_inline_unwraps_one_paragraph() {
        assert_eq!(
            render_inline("Backend engineer at *Acme*."),
            "Backend engineer at <em>Acme</em>."
        );
    }

    #[test]
    fn render_inline_keeps_several_paragraphs() {
        let html = render_inline("One.\n\nTwo.");
        assert_eq!(html.matches("<p>").count(), 2, "{html}");
    }

    #[test]
    fn render_inline_is_sanitized() {
        let html = render_inline("Hi <script>alert(1)</script><b onclick=\"x()\">there</b>");
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("<b>there</b>"), "{html}");
    }

    #[test]
    fn empty_input() {
        let out = render("");
        assert_eq!(out.html, "");
        assert!(out.toc.is_empty());
        assert_eq!(out.plain_text, "");
        assert_eq!(out.reading_minutes, 1);
        assert_eq!(render_inline(""), "");
    }

    #[test]
    fn toc_entry_round_trips_through_json() {
        let entry = TocEntry {
            level: 3,
            id: "a-b".into(),
            text: "A & B".into(),
        };
        let json = serde_json::to_string(&entry).expect("serialize");
        let back: TocEntry = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(back, entry);
    }
}
