//! Every parse at the edge of the domain (`app/src/domain`, and the stored
//! form of instants), on any text. The first byte picks the area, so a seed
//! starting `0` is a slug, `1` a link, and so on (see the `match`); the rest
//! is the text. Beyond never panicking, what a parser accepts it accepts
//! again unchanged, and what it promises about accepted values holds.
#![no_main]

use app::domain::links::parse_link;
use app::domain::summaries::day_heading;
use app::domain::{
    dates, excerpt, image_markdown, is_media_name, media_names_in, reading_minutes, search_href,
    word_count, ItemKind, SearchTerms, Slug, Status, TermKind, MAX_QUERY_CHARS, MAX_TERMS,
    MEDIA_PREFIX,
};
use app::markdown::{render_inline, too_deeply_nested};
use app::server::clock::normalise_instant;
use folio_fuzz::{assert_safe_html, start_tags};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&area, rest)) = data.split_first() else {
        return;
    };
    let input = String::from_utf8_lossy(rest);
    match area % 8 {
        0 => slug(&input),
        1 => link(&input),
        2 => day(&input),
        3 => instant(&input),
        4 => search(&input),
        5 => kinds(&input),
        6 => media(&input),
        _ => words(&input),
    }
});

fn slug(input: &str) {
    if let Ok(slug) = Slug::parse(input) {
        assert_eq!(slug.as_str(), input);
        assert!(slug.as_str().len() <= Slug::MAX_LEN);
        assert!(slug
            .as_str()
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
    }
    if let Ok(slug) = Slug::from_title(input) {
        assert_eq!(Slug::parse(slug.as_str()).as_ref(), Ok(&slug), "{input:?}");
        // A slug is its own title.
        assert_eq!(Slug::from_title(slug.as_str()).as_ref(), Ok(&slug));
    }
}

fn link(input: &str) {
    let Ok(url) = parse_link(input) else {
        return;
    };
    assert_eq!(url, input.trim());
    let lower = url.to_ascii_lowercase();
    assert!(
        ["http://", "https://", "mailto:"]
            .iter()
            .any(|scheme| lower.starts_with(scheme)),
        "{url:?} was accepted"
    );
    assert!(!url.chars().any(|c| c.is_whitespace() || c.is_control()));
    assert_eq!(parse_link(&url).as_ref(), Ok(&url));
}

fn day(input: &str) {
    if let Some(day) = dates::parse_day(input) {
        assert_eq!(dates::parse_day(&dates::format_day(day)), Some(day));
    }
    let _ = (dates::day_label(input), day_heading(input));
    let _ = dates::month_range(input, Some(input));
}

fn instant(input: &str) {
    if let Some(day) = dates::day_of(input) {
        assert!(dates::parse_day(&day).is_some(), "{input:?} -> {day:?}");
    }
    if let Some(stored) = normalise_instant(input) {
        assert_eq!(
            normalise_instant(&stored).as_ref(),
            Some(&stored),
            "{input:?}"
        );
        assert!(dates::day_of(&stored).is_some(), "{input:?} -> {stored:?}");
    }
}

fn search(input: &str) {
    if let Some(terms) = SearchTerms::parse(input) {
        let words = terms.words();
        assert!(!words.is_empty() && words.len() <= MAX_TERMS);
        let chars: usize = words.iter().map(|w| w.chars().count()).sum();
        assert!(chars <= MAX_QUERY_CHARS);
        for word in words {
            assert!(word.chars().any(char::is_alphanumeric), "{word:?}");
            assert!(!word.chars().any(|c| c.is_whitespace() || c.is_control()));
        }
        let last = words.last().and_then(|w| w.chars().last());
        assert_eq!(
            terms.last_is_open(),
            last.is_some_and(char::is_alphanumeric)
        );
    }
    let href = search_href(input);
    assert!(href.starts_with("/search?q="));
    assert!(href
        .bytes()
        .all(|b| b.is_ascii_graphic() && !b"\"'<>&#".contains(&b)));
}

fn kinds(input: &str) {
    if let Some(status) = Status::parse(input) {
        assert_eq!(status.as_str(), input);
    }
    if let Some(kind) = ItemKind::parse(input) {
        assert_eq!(kind.as_str(), input);
    }
    if let Some(kind) = TermKind::parse(input) {
        assert_eq!(kind.as_str(), input);
    }
}

fn media(input: &str) {
    let names = media_names_in(input);
    for (i, name) in names.iter().enumerate() {
        assert!(is_media_name(name), "{name:?}");
        assert!(input.contains(&format!("{MEDIA_PREFIX}{name}")));
        assert!(!names[..i].contains(name), "{name} twice");
    }
    // Whatever the alt text, it cannot end the image early or add to it.
    let url = "/media/0123456789abcdef0123456789abcdef.png";
    let markdown = image_markdown(input, url);
    // Past the nesting limit a text is shown as its escaped words, image
    // and all (an alt text of a hundred `<b`s).
    if too_deeply_nested(&markdown) {
        return;
    }
    let html = render_inline(&markdown);
    assert_safe_html(&html);
    let images: Vec<_> = start_tags(&html)
        .into_iter()
        .filter(|tag| &*tag.name == "img")
        .collect();
    assert_eq!(images.len(), 1, "{html}");
    let src = images[0].attrs.iter().find(|a| &*a.name.local == "src");
    assert_eq!(src.map(|a| &*a.value), Some(url), "{html}");
}

fn words(input: &str) {
    for max in [1, 10, 80] {
        let cut = excerpt(input, max);
        assert!(cut.chars().count() <= max, "{cut:?} is longer than {max}");
    }
    assert!(reading_minutes(word_count(input)) >= 1);
}
