//! The last step of rendering: an allow-list sanitizer, so that raw HTML in
//! an author's markdown (or a bug in our own rewrites) can never put
//! scripts, event handlers, `javascript:` links or frames into a page.
//!
//! The allow-list mirrors what the renderer emits and nothing more.
//! Class names are filtered too: raw HTML could otherwise borrow the
//! site's utility classes (`fixed inset-0 z-50`) to overlay the page.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::Builder;

/// Tags allowed in rendered content. No `h1`: the page title is the only
/// one; markdown `#` headings are already demoted to h2.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "button",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements dropped together with their content, which is never prose.
const DROP_WITH_CONTENT: &[&str] = &[
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "noscript",
    "template",
    "textarea",
    "select",
    "title",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
    "svg",
    "math",
];

const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "class", "aria-label"]),
    ("button", &["type", "class", "data-copy-code", "hidden"]),
    ("code", &["class"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("details", &["open"]),
    ("div", &["class", "id", "data-lang"]),
    ("h2", &["id"]),
    ("h3", &["id"]),
    ("h4", &["id"]),
    ("img", &["src", "alt", "loading", "width", "height"]),
    ("input", &["type", "checked", "disabled"]),
    ("ol", &["start"]),
    ("pre", &["class", "tabindex"]),
    ("span", &["class"]),
    ("sup", &["class", "id"]),
    ("td", &["class", "colspan", "rowspan"]),
    ("th", &["class", "colspan", "rowspan"]),
    ("time", &["datetime"]),
];

/// Attribute values forced on every element of a kind, whatever the
/// source said: checkboxes are display-only, buttons never submit, and
/// buttons stay hidden until the page script wires them up.
const FORCED_ATTRIBUTES: &[(&str, &str, &str)] = &[
    ("input", "type", "checkbox"),
    ("input", "disabled", ""),
    ("button", "type", "button"),
    ("button", "hidden", ""),
];

/// Classes the renderer emits by name…
const CLASSES: &[&str] = &[
    "code-block",
    "code-header",
    "code-lang",
    "copy-code",
    "heading-anchor",
    "footnote-reference",
    "footnote-definition",
    "footnote-definition-label",
];

/// …and the families it emits by prefix (syntect scopes, fence
/// languages, table alignment).
const CLASS_PREFIXES: &[&str] = &["hl-", "language-", "align-"];

static SANITIZER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut tag_attributes: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (tag, attrs) in TAG_ATTRIBUTES {
        tag_attributes.insert(tag, attrs.iter().copied().collect());
    }
    let mut builder = Builder::empty();
    builder
        .tags(TAGS.iter().copied().collect())
        .clean_content_tags(DROP_WITH_CONTENT.iter().copied().collect())
        .generic_attributes(["title", "lang"].into_iter().collect())
        .tag_attributes(tag_attributes)
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer"))
        .strip_comments(true)
        .attribute_filter(filter_attribute);
    for (tag, attr, value) in FORCED_ATTRIBUTES {
        builder.set_tag_attribute_value(tag, attr, value);
    }
    builder
});

/// Strips everything except plain text, for indexing raw HTML blocks.
static TEXT_ONLY: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = Builder::empty();
    builder.clean_content_tags(DROP_WITH_CONTENT.iter().copied().collect());
    builder
});

/// Sanitizes rendered HTML.
pub(crate) fn clean(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// The text of an HTML fragment, unescaped, without scripts or styles.
pub(crate) fn text_content(html: &str) -> String {
    let escaped = TEXT_ONLY.clean(html).to_string();
    // html5ever escapes exactly these in text nodes; `&amp;` goes last so
    // an escaped entity such as `&amp;lt;` stays literal.
    escaped
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// Escapes text for use inside element content or a quoted attribute.
pub(crate) fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn filter_attribute<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    match attribute {
        "class" => filter_classes(value),
        "id" => valid_id(element, value).then_some(Cow::Borrowed(value)),
        "data-lang" => is_token(value).then_some(Cow::Borrowed(value)),
        "href" | "src" => with_scheme(value),
        _ => Some(Cow::Borrowed(value)),
    }
}

/// Protocol-relative addresses (`//host/x`) follow the page's own scheme,
/// so a site served over http would fetch them in the clear: they become
/// https. Browsers drop tabs and newlines anywhere in a URL and read `\`
/// as `/`, so `/\host` and its kin reach another host while looking like a
/// path here; those are dropped. Browsers also strip every control
/// character and space from both ends (not only whitespace), so
/// `\u{12}\\host` is `//host` too. DEL is dropped from the written page
/// after this check, so it counts for nothing here either.
fn with_scheme(value: &str) -> Option<Cow<'_, str>> {
    let url: String = value
        .trim_matches(|c: char| c <= ' ' || c == '\u{7f}')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r' | '\u{7f}'))
        .collect();
    match url.chars().take_while(|c| matches!(c, '/' | '\\')).count() {
        0 | 1 => Some(Cow::Borrowed(value)),
        2 if url.starts_with("//") => Some(Cow::Owned(format!("https:{url}"))),
        _ => None,
    }
}

fn filter_classes(value: &str) -> Option<Cow<'_, str>> {
    let kept: Vec<&str> = value
        .split_ascii_whitespace()
        .filter(|class| {
            CLASSES.contains(class) || CLASS_PREFIXES.iter().any(|p| class.starts_with(p))
        })
        .collect();
    if kept.is_empty() {
        None
    } else {
        Some(Cow::Owned(kept.join(" ")))
    }
}

/// Heading ids are slugs; footnote ids also carry their prefix. Anything
/// else could shadow ids the page itself relies on.
fn valid_id(element: &str, value: &str) -> bool {
    let slug = !value.is_empty() && value.chars().all(|c| c.is_alphanumeric() || c == '-');
    match element {
        "h2" | "h3" | "h4" => slug,
        "div" | "sup" => slug && (value.starts_with("fn-") || value.starts_with("fnref-")),
        _ => false,
    }
}

fn is_token(value: &str) -> bool {
    !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '.' | '_' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::render;

    #[test]
    fn addresses_that_leave_the_site_without_a_scheme_get_one_or_go() {
        let out = html("![a](//img.example/a.png) <a href=\"/\\evil.example\">b</a> <a href=\"/\t/x.example\">c</a> [d](/tags/rust)");
        assert!(out.contains("src=\"https://img.example/a.png\""), "{out}");
        assert!(out.contains("href=\"https://x.example\""), "{out}");
        assert!(!out.contains("evil.example"), "{out}");
        assert!(out.contains("href=\"/tags/rust\""), "{out}");
    }

    fn html(md: &str) -> String {
        render(md).html
    }

    #[test]
    fn script_tags_are_removed_with_content() {
        let out = html("Hi <script>alert('x')</script> there\n\n<script>\nalert(2)\n</script>\n");
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("alert"), "{out}");
        assert!(out.contains("Hi"), "{out}");
    }

    #[test]
    fn event_handlers_are_removed() {
        let out =
            html("<img src=\"x.png\" onerror=\"alert(1)\">\n\n<b onmouseover=\"alert(2)\">b</b>\n");
        assert!(!out.contains("onerror"), "{out}");
        assert!(!out.contains("onmouseover"), "{out}");
        assert!(!out.contains("alert"), "{out}");
        assert!(out.contains(r#"<img src="x.png""#), "{out}");
    }

    #[test]
    fn addresses_that_browsers_read_as_another_host_are_dropped() {
        // Browsers strip control characters from both ends and read `\`
        // as `/`: each of these is `//host/x.png` to them.
        for src in [
            "\u{12}\\\\host/x.png",
            "\u{1}/\\host/x.png",
            " \u{7f}//\\host/x.png",
        ] {
            let out = html(&format!("<img src=\"{src}\">"));
            assert!(!out.contains("host/x.png"), "{src:?} -> {out}");
        }
        let kept = html("<img src=\"\u{12}/media/x.png\">");
        assert!(kept.contains("/media/x.png"), "{kept}");
    }

    #[test]
    fn javascript_urls_are_removed() {
        for md in [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
            "![x](javascript:alert(1))",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "[x](vbscript:msgbox(1))",
        ] {
            let out = html(md);
            assert!(!out.to_lowercase().contains("script:"), "{md} -> {out}");
            assert!(!out.contains("data:"), "{md} -> {out}");
            assert!(!out.contains("href="), "{md} -> {out}");
            assert!(out.contains('x'), "{md} -> {out}");
        }
    }

    #[test]
    fn iframes_and_embeds_are_removed() {
        let out = html("<iframe src=\"https://evil.example\">fallback</iframe>\n\n<object data=\"x\"></object><embed src=\"y\">\n");
        assert!(!out.contains("iframe"), "{out}");
        assert!(!out.contains("evil"), "{out}");
        assert!(!out.contains("fallback"), "{out}");
        assert!(!out.contains("<object"), "{out}");
        assert!(!out.contains("<embed"), "{out}");
    }

    #[test]
    fn style_attributes_and_elements_are_removed() {
        let out = html("<p style=\"position:fixed\">x</p>\n\n<style>body{display:none}</style>\n");
        assert!(!out.contains("style"), "{out}");
        assert!(!out.contains("display"), "{out}");
    }

    #[test]
    fn forms_and_foreign_content_are_removed() {
        let out = html("<form action=\"/x\"><input type=\"text\" name=\"q\"><textarea>t</textarea></form>\n\n<svg><script>alert(1)</script></svg>\n");
        assert!(!out.contains("<form"), "{out}");
        assert!(!out.contains("textarea"), "{out}");
        assert!(!out.contains("alert"), "{out}");
        assert!(!out.contains("svg"), "{out}");
        // The input survives only as a disabled checkbox.
        assert!(out.contains(r#"type="checkbox""#), "{out}");
        assert!(!out.contains(r#"type="text""#), "{out}");
        assert!(!out.contains("name="), "{out}");
    }

    #[test]
    fn site_classes_cannot_be_borrowed() {
        let out = html("<div class=\"fixed inset-0 z-50 hl-keyword\">x</div>\n\n<span class=\"sr-only\">y</span>\n");
        assert!(out.contains(r#"<div class="hl-keyword">"#), "{out}");
        assert!(out.contains("<span>y</span>"), "{out}");
    }

    #[test]
    fn arbitrary_ids_are_dropped() {
        let out = html("<div id=\"app\">x</div>\n\n<sup id=\"fn-ok\">1</sup>\n");
        assert!(!out.contains("id=\"app\""), "{out}");
        assert!(out.contains(r#"<sup id="fn-ok">"#), "{out}");
    }

    #[test]
    fn raw_buttons_are_inert_and_hidden() {
        let out = html("<button type=\"submit\" onclick=\"x()\">Go</button>\n");
        assert!(out.contains(r#"type="button""#), "{out}");
        assert!(out.contains(r#"hidden="""#), "{out}");
        assert!(!out.contains("submit"), "{out}");
        assert!(!out.contains("onclick"), "{out}");
    }

    #[test]
    fn raw_h1_loses_the_tag_but_keeps_text() {
        let out = html("<h1>Second title</h1>\n");
        assert!(!out.contains("<h1"), "{out}");
        assert!(out.contains("Second title"), "{out}");
    }

    #[test]
    fn links_get_rel_and_keep_safe_urls() {
        let out = html("[ext](https://example.com/a?b=1&c=2) [rel](/posts/x) [mail](mailto:a@b.c) [frag](#top)");
        assert!(
            out.contains(
                r#"<a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer">ext</a>"#
            ),
            "{out}"
        );
        assert!(out.contains(r#"href="/posts/x""#), "{out}");
        assert!(out.contains(r#"href="mailto:a@b.c""#), "{out}");
        assert!(out.contains(r##"href="#top""##), "{out}");
    }

    #[test]
    fn link_titles_are_kept() {
        let out = html("[x](https://example.com \"Example\")");
        assert!(out.contains(r#"title="Example""#), "{out}");
    }

    #[test]
    fn images_keep_src_alt_title_and_all_but_the_first_load_lazily() {
        let out = html("![A cat](https://example.com/cat.png \"Cat\") ![rel](/img/a.png)");
        assert!(
            out.contains(r#"src="https://example.com/cat.png""#),
            "{out}"
        );
        assert!(out.contains(r#"alt="A cat""#), "{out}");
        assert!(out.contains(r#"title="Cat""#), "{out}");
        assert!(out.contains(r#"src="/img/a.png""#), "{out}");
        assert_eq!(out.matches(r#"loading="lazy""#).count(), 1, "{out}");
        assert!(
            out.contains(r#"<img src="/img/a.png" alt="rel" loading="lazy">"#),
            "{out}"
        );
    }

    #[test]
    fn comments_are_stripped() {
        let out = html("a <!-- secret --> b");
        assert!(!out.contains("secret"), "{out}");
    }

    #[test]
    fn safe_raw_html_is_kept() {
        let out = html("<details><summary>More</summary>\n\nHidden *text*.\n\n</details>\n\nPress <kbd>Ctrl</kbd>.");
        assert!(out.contains("<details><summary>More</summary>"), "{out}");
        assert!(out.contains("<em>text</em>"), "{out}");
        assert!(out.contains("<kbd>Ctrl</kbd>"), "{out}");
    }

    #[test]
    fn text_content_strips_tags_and_unescapes() {
        assert_eq!(
            text_content("<p>a &amp; b &lt;c&gt;</p><script>x()</script><style>p{}</style>"),
            "a & b <c>"
        );
    }
}
