//! The markdown renderer on any text, as a save and the editor's preview
//! call it: it never panics, renders the same text the same way twice, and
//! its HTML never holds a script, an event handler or a script address.
#![no_main]

use app::markdown::{render, render_inline, too_deeply_nested, unknown_languages};
use folio_fuzz::{assert_safe_html, start_tags};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Lossy rather than skipping invalid UTF-8: every input is then a text.
    let text = String::from_utf8_lossy(data);
    let rendered = render(&text);
    assert_safe_html(&rendered.html);
    assert_eq!(rendered, render(&text), "rendered twice, differently");

    let inline = render_inline(&text);
    assert_safe_html(&inline);

    // Past the nesting limit the text is shown as one escaped paragraph.
    if too_deeply_nested(&text) {
        let tags: Vec<String> = start_tags(&rendered.html)
            .iter()
            .map(|tag| tag.name.to_string())
            .collect();
        assert_eq!(tags, ["p"], "{:?}", rendered.html);
    }

    let languages = unknown_languages(&text);
    for (i, language) in languages.iter().enumerate() {
        assert!(!languages[..i].contains(language), "{language} twice");
    }
});
