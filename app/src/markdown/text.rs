//! Plain-text helpers: search indexing and summaries want prose without
//! markup, and the reading-time estimate is counted from the same text.

/// Average adult silent reading speed for technical prose.
const WORDS_PER_MINUTE: usize = 230;

/// Joins all whitespace runs into single spaces and trims the ends.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whole minutes, rounded up, and at least 1 so no page claims "0 min".
pub(crate) fn reading_minutes(plain_text: &str) -> u32 {
    let words = plain_text.split_whitespace().count();
    let minutes = words.div_ceil(WORDS_PER_MINUTE).max(1);
    u32::try_from(minutes).unwrap_or(u32::MAX)
}

/// The start of `plain_text`, cut at a word boundary near `max_chars`
/// characters, with an ellipsis when anything was left out.
pub fn excerpt(plain_text: &str, max_chars: usize) -> String {
    let text = collapse_whitespace(plain_text);
    if text.chars().count() <= max_chars {
        return text;
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > max_chars / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::render;

    #[test]
    fn excerpts_cut_at_a_word() {
        assert_eq!(excerpt("short  text", 40), "short text");
        assert_eq!(excerpt("one two three four five", 12), "one two…");
        assert_eq!(excerpt("ééééé ééééé ééééé", 8), "ééééé…");
        assert_eq!(excerpt("  A short note. ", 280), "A short note.");
        assert_eq!(excerpt("one two, three four", 12), "one two…");
        assert_eq!(excerpt("abcdefghij", 4), "abcd…");
        assert_eq!(excerpt("ééé ééé", 5), "ééé…");
    }

    fn words(n: usize) -> String {
        vec!["word"; n].join(" ")
    }

    #[test]
    fn collapse_whitespace_examples() {
        assert_eq!(collapse_whitespace("  a \n\t b  "), "a b");
        assert_eq!(collapse_whitespace(""), "");
    }

    #[test]
    fn reading_minutes_rounds_up_with_minimum_one() {
        assert_eq!(reading_minutes(""), 1);
        assert_eq!(reading_minutes(&words(1)), 1);
        assert_eq!(reading_minutes(&words(230)), 1);
        assert_eq!(reading_minutes(&words(231)), 2);
        assert_eq!(reading_minutes(&words(460)), 2);
        assert_eq!(reading_minutes(&words(461)), 3);
    }

    #[test]
    fn reading_time_counts_code() {
        let prose = words(200);
        let code = vec!["x"; 100].join(" ");
        let out = render(&format!("{prose}\n\n```rust\n{code}\n```\n"));
        assert_eq!(out.reading_minutes, 2);
    }

    #[test]
    fn plain_text_drops_markup() {
        let md = "## Title\n\nSome **bold** and `code` with a [link](https://x.y).\n\n\
                  - one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n\
                  > quote\n\n![alt text](/i.png)\n\nLine one\nline two\n";
        assert_eq!(
            render(md).plain_text,
            "Title Some bold and code with a link. one two a b 1 2 quote Line one line two"
        );
    }

    #[test]
    fn plain_text_does_not_glue_blocks_or_cells() {
        let out = render("# A\nB\n\n|x|y|\n|-|-|\n|1|2|\n");
        assert_eq!(out.plain_text, "A B x y 1 2");
    }

    #[test]
    fn plain_text_includes_raw_html_text_but_not_scripts() {
        let out = render(
            "<div>\nInside &amp; out\n</div>\n\n<script>evil()</script>\n\nAfter <kbd>Ctrl</kbd>",
        );
        assert_eq!(out.plain_text, "Inside & out After Ctrl");
    }

    #[test]
    fn plain_text_keeps_code_blocks_and_footnotes() {
        let out = render("Text[^1].\n\n```\nlet x = 1;\n```\n\n[^1]: Note.\n");
        assert_eq!(out.plain_text, "Text. let x = 1; Note.");
    }

    #[test]
    fn plain_text_is_not_html_escaped() {
        let out = render("a < b && c > d");
        assert_eq!(out.plain_text, "a < b && c > d");
    }
}
