//! What the fuzz targets check rendered HTML for, shared by the markdown and
//! domain targets. The HTML is read with html5ever's tokenizer, the one the
//! sanitiser itself is built on and the HTML standard describes: an entity
//! such as `&#x6A;avascript:` is decoded before it is looked at, as a
//! browser would. Without a tree builder the tokenizer never switches to raw
//! text, so it sees every tag a browser could see, and more.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Elements that run script, load other documents, take input or restyle
/// the page. The sanitiser drops every one of them; the list is written
/// out again here, not borrowed, so a slip in its own list shows.
const FORBIDDEN_TAGS: &[&str] = &[
    "applet",
    "base",
    "embed",
    "form",
    "frame",
    "frameset",
    "iframe",
    "link",
    "math",
    "meta",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "plaintext",
    "script",
    "select",
    "style",
    "svg",
    "template",
    "textarea",
    "title",
    "xmp",
];

/// Attributes that restyle the page or hold addresses or documents in a
/// form the scheme check below does not read (lists, whole pages).
const FORBIDDEN_ATTRIBUTES: &[&str] = &["style", "srcset", "srcdoc", "ping", "formaction"];

/// Attributes a browser follows as one address.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "poster",
    "cite",
    "background",
    "data",
    "xlink:href",
];

/// Schemes that run script or carry a document of their own.
const FORBIDDEN_SCHEMES: &[&str] = &["javascript:", "vbscript:", "data:"];

/// The start tags of `html`, in order, with their attributes decoded.
pub fn start_tags(html: &str) -> Vec<Tag> {
    let tokenizer = Tokenizer::new(StartTags::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // Feeding stops early only for a script a sink asks to run; this one never does.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.into_inner()
}

#[derive(Default)]
struct StartTags(RefCell<Vec<Tag>>);

impl TokenSink for StartTags {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(tag) = token {
            if tag.kind == TagKind::StartTag {
                self.0.borrow_mut().push(tag);
            }
        }
        TokenSinkResult::Continue
    }
}

/// Panics, naming what it found, if `html` holds a forbidden element, an
/// event handler, a forbidden attribute, an address with a script scheme or
/// one that leaves the site without a scheme.
pub fn assert_safe_html(html: &str) {
    for tag in start_tags(html) {
        let name = &*tag.name;
        assert!(!FORBIDDEN_TAGS.contains(&name), "<{name}> in {html:?}");
        for attribute in &tag.attrs {
            let attr = attribute.name.local.to_ascii_lowercase();
            assert!(!attr.starts_with("on"), "<{name} {attr}> in {html:?}");
            assert!(
                !FORBIDDEN_ATTRIBUTES.contains(&attr.as_str()),
                "<{name} {attr}> in {html:?}"
            );
            if URL_ATTRIBUTES.contains(&attr.as_str()) {
                let url = as_followed(&attribute.value);
                let shown = &*attribute.value;
                assert!(
                    !FORBIDDEN_SCHEMES.iter().any(|s| url.starts_with(s)),
                    "<{name} {attr}={shown:?}> in {html:?}"
                );
                // No scheme, yet another host: browsers read `\` as `/`, so
                // `/\host` is `//host`, fetched over the page's own scheme.
                let slashes = url.chars().take_while(|c| matches!(c, '/' | '\\'));
                assert!(slashes.count() < 2, "<{name} {attr}={shown:?}> in {html:?}");
            }
        }
    }
}

/// An address the way a browser's URL parser reads its scheme: control
/// characters and spaces trimmed from both ends, tabs and newlines dropped
/// wherever they are, letters lowercased. Any other control character ends
/// the scheme, making the address relative.
fn as_followed(url: &str) -> String {
    url.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase()
}
