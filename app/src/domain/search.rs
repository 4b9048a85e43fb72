//! Search as the browser and the server share it: the reader's words, parsed
//! once at the edge into a bounded list of terms, and the hits sent back.

use serde::{Deserialize, Serialize};

/// Longest query we look at, in characters; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 200;
/// Most words we search for; more only slow the query down.
pub const MAX_TERMS: usize = 12;

/// The words of a query that can match something: split on whitespace and
/// control characters, only words holding a letter or digit, at most
/// [`MAX_TERMS`] of them. A control character is never part of a word: a
/// NUL inside a quoted FTS5 string ends the query text early for SQLite,
/// leaving an unterminated string (a syntax error, so a 500).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchTerms {
    words: Vec<String>,
    /// The reader may still be typing the last word.
    last_is_open: bool,
}

impl SearchTerms {
    /// `None` when nothing in the input could match any text.
    pub fn parse(input: &str) -> Option<Self> {
        let capped: String = input.chars().take(MAX_QUERY_CHARS).collect();
        let words: Vec<String> = capped
            .split(|c: char| c.is_whitespace() || c.is_control())
            .filter(|word| word.chars().any(char::is_alphanumeric))
            .take(MAX_TERMS)
            .map(str::to_owned)
            .collect();
        let last_is_open = words
            .last()
            .and_then(|word| word.chars().last())
            .is_some_and(char::is_alphanumeric);
        (!words.is_empty()).then_some(Self {
            words,
            last_is_open,
        })
    }

    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// True when the last word ends in a letter or digit, so it may be the
    /// start of a longer word.
    pub fn last_is_open(&self) -> bool {
        self.last_is_open
    }
}

/// What kind of content a hit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    Article,
    Note,
    Summary,
}

impl HitKind {
    pub fn label(self) -> &'static str {
        match self {
            HitKind::Article => "Article",
            HitKind::Note => "Note",
            HitKind::Summary => "Summary",
        }
    }
}

/// One search result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub kind: HitKind,
    pub title: String,
    /// The title, escaped, with the matching words in `<mark>`.
    pub title_html: String,
    /// Where the title links: the article or note page, or for a summary
    /// the original it summarises (summaries have no page of their own).
    pub url: String,
    /// Escaped text with the matching words in `<mark>`; nothing else.
    pub snippet_html: String,
    /// `YYYY-MM-DD`
    pub date: String,
}

/// The answer to one query: the best hits, and how many matched in all.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The query as the reader typed it (capped), for the page to echo.
    pub query: String,
    /// False when the query held no word that could match anything.
    pub searched: bool,
    pub hits: Vec<SearchHit>,
    pub total: u32,
}

/// "1 result for “wal”" / "7 results for “wal”".
pub fn results_label(total: u32, query: &str) -> String {
    let noun = if total == 1 { "result" } else { "results" };
    format!("{total} {noun} for “{}”", query.trim())
}

/// `/search?q=…` for a query, encoded for a URL.
pub fn search_href(query: &str) -> String {
    let mut href = String::from("/search?q=");
    for byte in query.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            href.push(char::from(byte));
        } else {
            href.push_str(&format!("%{byte:02X}"));
        }
    }
    href
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(input: &str) -> Vec<String> {
        SearchTerms::parse(input)
            .map(|terms| terms.words().to_vec())
            .unwrap_or_default()
    }

    #[test]
    fn words_without_letters_or_digits_are_dropped() {
        for hostile in [
            "",
            "   ",
            "\"",
            "*",
            "-",
            "^",
            ":",
            "()",
            "\"(*",
            "( ) * - ^ :",
        ] {
            assert_eq!(SearchTerms::parse(hostile), None, "{hostile:?}");
        }
        assert_eq!(words("NEAR( a OR"), ["NEAR(", "a", "OR"]);
        assert_eq!(words("  wal  -  mode "), ["wal", "mode"]);
    }

    #[test]
    fn control_characters_separate_words() {
        assert_eq!(words("a\u{0}b"), ["a", "b"]);
        assert_eq!(words("wal\u{1b}[31m mode\u{7f}"), ["wal", "[31m", "mode"]);
        assert_eq!(SearchTerms::parse("\u{0}\u{0}"), None);
    }

    #[test]
    fn the_last_word_is_open_only_when_it_ends_in_a_letter() {
        assert!(SearchTerms::parse("write ahe").unwrap().last_is_open());
        assert!(!SearchTerms::parse("write ahead*").unwrap().last_is_open());
        assert!(!SearchTerms::parse("\"quoted\"").unwrap().last_is_open());
    }

    #[test]
    fn long_input_is_capped() {
        let long = "word ".repeat(10_000);
        assert_eq!(words(&long).len(), MAX_TERMS);
        let one_word = "a".repeat(10_000);
        assert_eq!(words(&one_word)[0].chars().count(), MAX_QUERY_CHARS);
        let wide = "é".repeat(10_000);
        assert_eq!(words(&wide)[0].chars().count(), MAX_QUERY_CHARS);
    }

    #[test]
    fn unicode_words_are_kept() {
        assert_eq!(words("café 日本語 🚀"), ["café", "日本語"]);
    }

    #[test]
    fn labels_and_links() {
        assert_eq!(results_label(1, "wal"), "1 result for “wal”");
        assert_eq!(results_label(7, " wal "), "7 results for “wal”");
        assert_eq!(search_href("wal mode"), "/search?q=wal%20mode");
        assert_eq!(search_href("a&b=c#é"), "/search?q=a%26b%3Dc%23%C3%A9");
    }
}
