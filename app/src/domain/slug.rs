//! A slug is the URL name of a piece of content. Parsing one at the edge
//! means the rest of the code never sees a path segment it cannot trust.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Slug(String);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    #[error("a slug cannot be empty")]
    Empty,
    #[error("a slug can be at most {max} characters long")]
    TooLong { max: usize },
    #[error("a slug may contain only lowercase letters, digits and single hyphens")]
    BadCharacters,
}

impl Slug {
    pub const MAX_LEN: usize = 120;

    /// Accepts `lowercase-words-123`: no leading, trailing or doubled hyphens.
    pub fn parse(input: &str) -> Result<Self, SlugError> {
        if input.is_empty() {
            return Err(SlugError::Empty);
        }
        if input.len() > Self::MAX_LEN {
            return Err(SlugError::TooLong { max: Self::MAX_LEN });
        }
        let allowed = input
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !allowed || input.starts_with('-') || input.ends_with('-') || input.contains("--") {
            return Err(SlugError::BadCharacters);
        }
        Ok(Self(input.to_owned()))
    }

    /// Derives a slug from free text such as a title.
    pub fn from_title(title: &str) -> Result<Self, SlugError> {
        let mut out = String::with_capacity(title.len());
        for ch in title.chars().flat_map(char::to_lowercase) {
            if ch.is_ascii_alphanumeric() {
                out.push(ch);
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        let trimmed: String = out
            .trim_end_matches('-')
            .chars()
            .take(Self::MAX_LEN)
            .collect();
        Self::parse(trimmed.trim_end_matches('-'))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_slugs() {
        assert_eq!(Slug::parse("wal-mode-2").unwrap().as_str(), "wal-mode-2");
    }

    #[test]
    fn rejects_what_a_url_would_mangle() {
        assert_eq!(Slug::parse(""), Err(SlugError::Empty));
        for bad in ["Upper", "a--b", "-a", "a-", "a b", "a/b", "ü", "../etc"] {
            assert_eq!(Slug::parse(bad), Err(SlugError::BadCharacters), "{bad}");
        }
        assert!(matches!(
            Slug::parse(&"a".repeat(121)),
            Err(SlugError::TooLong { .. })
        ));
    }

    #[test]
    fn derives_from_titles() {
        let slug = Slug::from_title("Why WAL mode? A tale of 2 locks!").unwrap();
        assert_eq!(slug.as_str(), "why-wal-mode-a-tale-of-2-locks");
        assert_eq!(Slug::from_title("?!"), Err(SlugError::Empty));
    }
}
