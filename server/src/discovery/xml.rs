//! Text that goes into an XML document. Escaping is the writer's job; this
//! removes what no escaping can carry: characters XML 1.0 forbids, such as
//! a stray control character pasted into a title, would make a strict
//! feed reader reject the whole document.

use std::borrow::Cow;

/// `text` without the characters XML 1.0 does not allow.
pub fn xml_text(text: &str) -> Cow<'_, str> {
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| allowed(c)).collect())
    }
}

/// The `Char` production of XML 1.0.
fn allowed(c: char) -> bool {
    matches!(c,
        '\u{9}' | '\u{A}' | '\u{D}'
        | '\u{20}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FFFD}'
        | '\u{10000}'..='\u{10FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_text_is_borrowed_untouched() {
        assert!(matches!(
            xml_text("Tags & <b>\n"),
            Cow::Borrowed("Tags & <b>\n")
        ));
    }

    #[test]
    fn forbidden_characters_are_dropped() {
        assert_eq!(xml_text("a\u{0}b\u{8}c\u{FFFE}d"), "abcd");
        assert_eq!(xml_text("emoji 🦀 stays"), "emoji 🦀 stays");
    }
}
