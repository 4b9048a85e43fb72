//! Server-side syntax highlighting of fenced code blocks, so readers get
//! coloured code without shipping a highlighter to the browser.
//!
//! Spans carry `hl-` classes, never inline styles: colours come from
//! `style/highlight.css`, which is what lets one stored rendering follow
//! the light/dark switch and survive a strict style-src CSP.

use std::sync::LazyLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

use super::sanitize::escape_text;

/// The `hl-` prefix keeps syntect's scope names (`keyword`, `string`…)
/// from clashing with the site's own utility classes.
pub(crate) const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// two-face's set is syntect's defaults plus bat's extras (TOML,
/// Dockerfile, TypeScript, TSX…). Loading it takes tens of milliseconds,
/// so it happens once per process.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(two_face::syntax::extra_newlines);

/// Fence labels that authors commonly write but that syntect's lookup (by
/// file extension, then by syntax name) does not resolve.
const ALIASES: &[(&str, &str)] = &[
    ("shell", "bash"),
    ("console", "bash"),
    ("shell-session", "bash"),
    ("golang", "go"),
    // The JavaScript grammar has no JSX support; the TSX one does.
    ("jsx", "tsx"),
    ("csharp", "cs"),
    ("c#", "cs"),
    ("docker", "dockerfile"),
    ("python3", "python"),
    ("py3", "python"),
    ("postgres", "sql"),
    ("postgresql", "sql"),
    ("sqlite", "sql"),
];

/// Labels that explicitly mean "no highlighting".
const PLAIN: &[&str] = &["text", "txt", "plain", "plaintext", "none"];

/// The label shown for blocks without a language.
const NO_LANGUAGE: &str = "text";

/// Renders one code block, highlighted when the language is known and
/// plain escaped text otherwise. `info` is the fence's info string.
pub(crate) fn code_block_html(info: Option<&str>, code: &str) -> String {
    let lang = info.and_then(language_label);
    let label = lang.as_deref().unwrap_or(NO_LANGUAGE);
    let body = memo::get_or_insert(label, code, || {
        lang.as_deref()
            .and_then(find_syntax)
            .and_then(|syntax| highlight(syntax, code))
            .unwrap_or_else(|| escape_text(code))
    });
    format!(
        concat!(
            r#"<div class="code-block" data-lang="{label}">"#,
            r#"<div class="code-header"><span class="code-lang">{label}</span>"#,
            // `hidden` is lifted by the page script, so without JavaScript
            // there is no button that does nothing.
            r#"<button type="button" class="copy-code" data-copy-code hidden>Copy</button></div>"#,
            // Focusable so a keyboard can scroll a long line into view.
            r#"<pre tabindex="0"><code class="language-{label}">{body}</code></pre></div>"#,
            "\n"
        ),
        label = label,
        body = body,
    )
}

/// Takes the first word of the info string (so "rust,ignore" and
/// "python {linenos}" work) and keeps it only if it is safe to place in
/// a class name and an attribute without escaping.
fn language_label(info: &str) -> Option<String> {
    let word = info
        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let safe = !word.is_empty()
        && word.len() <= 32
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '.' | '_' | '-'));
    safe.then_some(word)
}

/// The fence label of a code block whose language was named but that the
/// highlighter does not know (so it would be shown as plain text).
pub(crate) fn unknown_language(info: &str) -> Option<String> {
    let lang = language_label(info)?;
    (!PLAIN.contains(&lang.as_str()) && find_syntax(&lang).is_none()).then_some(lang)
}

fn find_syntax(lang: &str) -> Option<&'static SyntaxReference> {
    if PLAIN.contains(&lang) {
        return None;
    }
    let token = ALIASES
        .iter()
        .find(|(alias, _)| *alias == lang)
        .map_or(lang, |(_, target)| target);
    SYNTAXES.find_syntax_by_token(token)
}

/// Highlighted code blocks, memoised by (language, SHA-256 of the code).
/// The editor's preview renders the whole document after every pause in
/// typing; with this, editing prose never runs syntect again for blocks
/// that did not change. Bounded: emptied when it grows past `CAPACITY`.
mod memo {
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex};

    use sha2::{Digest, Sha256};

    const CAPACITY: usize = 2048;

    type Key = (String, [u8; 32]);
    static BLOCKS: LazyLock<Mutex<HashMap<Key, String>>> = LazyLock::new(Default::default);

    pub fn get_or_insert(lang: &str, code: &str, render: impl FnOnce() -> String) -> String {
        let key = (lang.to_owned(), Sha256::digest(code.as_bytes()).into());
        if let Some(hit) = BLOCKS.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return hit.clone();
        }
        let html = render();
        let mut blocks = BLOCKS.lock().unwrap_or_else(|e| e.into_inner());
        if blocks.len() >= CAPACITY {
            blocks.clear();
        }
        blocks.insert(key, html.clone());
        html
    }
}

#[cfg(test)]
mod memo_tests {
    use super::*;

    #[test]
    fn a_block_is_highlighted_once_per_language_and_code() {
        let code = "fn memo_probe_4471() {}\n";
        let first = memo::get_or_insert("memo-probe", code, || "rendered".to_owned());
        let again = memo::get_or_insert("memo-probe", code, || panic!("rendered twice"));
        assert_eq!((first.as_str(), again.as_str()), ("rendered", "rendered"));
        // Another language or other code is another block.
        let other = memo::get_or_insert("memo-probe-2", code, || "other".to_owned());
        assert_eq!(other, "other");
        let html = code_block_html(Some("rust"), "let memo_probe = 1;\n");
        assert_eq!(html, code_block_html(Some("rust"), "let memo_probe = 1;\n"));
        assert!(html.contains("hl-"), "{html}");
    }

    #[test]
    fn unknown_languages_are_named() {
        assert_eq!(unknown_language("rust"), None);
        assert_eq!(unknown_language("text"), None);
        assert_eq!(
            unknown_language("klingon-script").as_deref(),
            Some("klingon-script")
        );
    }
}

/// `None` if syntect fails on this input, so the caller falls back to
/// plain text instead of losing the block. Grammars have panicked on odd
/// input in past syntect releases; a code block must never be able to
/// fail the whole save, so panics are caught too.
fn highlight(syntax: &SyntaxReference, code: &str) -> Option<String> {
    let attempt = || {
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            generator
                .parse_html_for_line_which_includes_newline(line)
                .ok()?;
        }
        Some(generator.finalize())
    };
    std::panic::catch_unwind(attempt).ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::render;

    /// One representative snippet per language the site promises to
    /// highlight, with the fence label authors would write.
    const SAMPLES: &[(&str, &str)] = &[
        ("rust", "fn main() { let x: u32 = 1; }\n"),
        ("go", "package main\nfunc main() { return }\n"),
        ("golang", "package main\nfunc main() { return }\n"),
        ("ruby", "def hello\n  puts \"hi\"\nend\n"),
        ("python", "def f(x):\n    return x + 1\n"),
        ("javascript", "const x = 1;\nfunction f() { return x; }\n"),
        ("js", "const x = 1;\nfunction f() { return x; }\n"),
        ("jsx", "const App = () => <div className=\"a\">hi</div>;\n"),
        (
            "typescript",
            "const x: number = 1;\ninterface A { b: string }\n",
        ),
        ("ts", "const x: number = 1;\ninterface A { b: string }\n"),
        ("tsx", "const App = (): JSX.Element => <div>hi</div>;\n"),
        ("sql", "SELECT id FROM posts WHERE slug = 'a';\n"),
        ("bash", "if [ -f x ]; then echo \"hi\"; fi\n"),
        ("sh", "if [ -f x ]; then echo \"hi\"; fi\n"),
        ("shell", "if [ -f x ]; then echo \"hi\"; fi\n"),
        ("console", "echo \"hi\"\n"),
        ("yaml", "key: value\nlist:\n  - 1\n"),
        ("yml", "key: value\nlist:\n  - 1\n"),
        ("json", "{\"a\": [1, true, null]}\n"),
        ("toml", "[package]\nname = \"app\"\n"),
        ("dockerfile", "FROM rust:1\nRUN cargo build\n"),
        ("docker", "FROM rust:1\nRUN cargo build\n"),
        ("html", "<div class=\"a\">hi</div>\n"),
        ("css", ".a { color: red; }\n"),
        ("diff", "--- a\n+++ b\n-old\n+new\n"),
        ("csharp", "public class A { }\n"),
        ("Rust", "fn main() {}\n"),
    ];

    /// Spans with a class other than the outermost `hl-source …`/`hl-text …`
    /// wrapper, i.e. evidence that tokens were actually recognised.
    fn token_span_count(html: &str) -> usize {
        html.match_indices("<span class=\"")
            .filter(|(i, m)| {
                let rest = &html[i + m.len()..];
                !rest.starts_with("hl-source") && !rest.starts_with("hl-text")
            })
            .count()
    }

    #[test]
    fn every_supported_language_is_highlighted() {
        for (lang, code) in SAMPLES {
            let html = code_block_html(Some(lang), code);
            assert!(
                token_span_count(&html) > 0,
                "{lang}: no token spans in {html}"
            );
            assert!(!html.contains("style="), "{lang}: inline style in {html}");
        }
    }

    #[test]
    fn highlighting_survives_sanitizing() {
        for (lang, code) in SAMPLES {
            let html = render(&format!("```{lang}\n{code}```\n")).html;
            assert!(token_span_count(&html) > 0, "{lang}: spans lost in {html}");
        }
    }

    #[test]
    fn block_wrapper_markup() {
        let html = render("```rust\nlet x = 1;\n```\n").html;
        assert!(
            html.starts_with(concat!(
                r#"<div class="code-block" data-lang="rust">"#,
                r#"<div class="code-header"><span class="code-lang">rust</span>"#,
                r#"<button type="button" class="copy-code" data-copy-code="" hidden="">Copy</button></div>"#,
                r#"<pre tabindex="0"><code class="language-rust"><span class="hl-source hl-rust">"#,
            )),
            "{html}"
        );
        assert!(html.trim_end().ends_with("</code></pre></div>"), "{html}");
    }

    #[test]
    fn label_is_lowercased_and_info_extras_ignored() {
        let html = code_block_html(Some("Rust,ignore"), "fn a() {}\n");
        assert!(html.contains(r#"data-lang="rust""#), "{html}");
        let html = code_block_html(Some("python {linenos=true}"), "x = 1\n");
        assert!(html.contains(r#"data-lang="python""#), "{html}");
    }

    #[test]
    fn missing_language_is_plain_text() {
        let html = render("```\n<b>not bold</b> & more\n```\n").html;
        assert!(html.contains(r#"data-lang="text""#), "{html}");
        assert!(
            html.contains(r#"<span class="code-lang">text</span>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<code class="language-text">&lt;b&gt;not bold&lt;/b&gt; &amp; more"#),
            "{html}"
        );
        assert!(!html.contains("hl-"), "{html}");
    }

    #[test]
    fn indented_code_is_plain_text() {
        let html = render("Para\n\n    let x = 1;\n").html;
        assert!(html.contains(r#"data-lang="text""#), "{html}");
        assert!(html.contains("let x = 1;"), "{html}");
    }

    #[test]
    fn unknown_language_is_escaped_not_highlighted() {
        let html = render("```klingon\n<script>alert(1)</script>\n```\n").html;
        assert!(html.contains(r#"data-lang="klingon""#), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("hl-"), "{html}");
    }

    #[test]
    fn script_in_highlighted_code_is_escaped() {
        let html = render("```html\n<script>alert(1)</script>\n```\n").html;
        assert!(html.contains("&lt;"), "{html}");
        assert!(html.contains("script"), "{html}");
        assert!(!html.contains("<script"), "{html}");
    }

    #[test]
    fn hostile_info_string_falls_back_to_text() {
        let html = render("```\"><img src=x onerror=alert(1)>\nx\n```\n").html;
        assert!(html.contains(r#"data-lang="text""#), "{html}");
        assert!(!html.contains("onerror"), "{html}");
    }

    #[test]
    fn plain_labels_skip_highlighting() {
        let html = code_block_html(Some("txt"), "just words\n");
        assert!(html.contains(r#"data-lang="txt""#), "{html}");
        assert!(!html.contains("hl-"), "{html}");
    }

    #[test]
    fn crlf_sources_highlight_without_carriage_returns() {
        let html = render("```rust\r\nfn a() {}\r\nlet b = 1;\r\n```\r\n").html;
        assert!(!html.contains('\r'), "{html}");
        assert!(token_span_count(&html) > 0, "{html}");
    }

    #[test]
    fn code_without_trailing_newline_keeps_last_line() {
        let html = code_block_html(Some("rust"), "let a = 1;\nlet b = 2;");
        assert!(html.contains(">b<") || html.contains(" b "), "{html}");
        assert!(html.contains(">2<"), "{html}");
    }
}
