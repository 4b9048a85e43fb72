//! Stored XSS: whatever reaches a field — typed by the author, imported,
//! or written into the database before a rule existed — renders inert
//! everywhere it can appear: public pages, the author's pages, the
//! editor's preview, feeds, the sitemap, JSON-LD and search snippets.
//!
//! Every answer is parsed the way a browser parses it (html5ever through
//! `scraper`, XML through `roxmltree`) and the parse is checked for
//! anything that could run or load: a script without the page's nonce, a
//! nonce'd script whose code (outside its string literals) carries a
//! payload, an event handler, a script or data URL, a protocol-relative
//! address, an inline style, a frame, a plugin, a `<base>` or a form that
//! posts elsewhere.

mod common;

use common::TestSite;
use scraper::{ElementRef, Html, Node};
use serde_json::{json, Value};

/// Every payload carries this word, so searches find the items and a
/// payload that survives as code is recognisable.
const MARK: &str = "zqxss";

/// Text for titles, deks, names, tags, categories, sources, alt text and
/// profile fields: each tries a different way out of where it is put.
const TEXT: &[&str] = &[
    "<script>alert('zqxss-1')</script>",
    "<img src=x onerror=alert('zqxss-2')>",
    "<svg onload=alert('zqxss-3')>",
    "\"><script>alert('zqxss-4')</script>",
    "' onmouseover='alert(5)' data-zqxss='",
    "</script><script>alert('zqxss-6')</script>",
    "</title><script>alert('zqxss-7')</script>",
    "<!--<script>alert('zqxss-8')</script>-->",
    "\\\"});alert('zqxss-9');//",
    "${alert('zqxss-10')}`);alert(11);//",
    "zqxss-12 \u{2028}\u{2029} line separators",
];

/// Addresses for every URL an item, link or image can hold.
const URLS: &[&str] = &[
    "javascript:alert('zqxss')",
    " JaVaScRiPt:alert('zqxss')",
    "java\tscript:alert('zqxss')",
    "data:text/html,<script>alert('zqxss')</script>",
    "vbscript:msgbox('zqxss')",
    "//evil.example/zqxss",
    "/\\evil.example/zqxss",
];

/// Markdown bodies (articles, notes, summaries, the bio, experience).
fn markdown() -> String {
    let mut md = String::from("## Payloads zqxss\n\n");
    for (n, url) in URLS.iter().enumerate() {
        md.push_str(&format!("[link {n}]({url}) and ![image {n}]({url})\n\n"));
        md.push_str(&format!("[ref {n}][r{n}]\n\n[r{n}]: {url}\n\n"));
        md.push_str(&format!(
            "<a href=\"{url}\">raw {n}</a> <img src=\"{url}\">\n\n"
        ));
    }
    for text in TEXT {
        md.push_str(&format!(
            "![{text}](/media/zqxss.png \"{text}\")\n\n{text}\n\n"
        ));
    }
    md.push_str(
        "<a href=\"jav&#x09;ascript:alert('zqxss')\">entity</a>\n\n\
         <a href=\"https://ok.example\" onclick=\"alert('zqxss')\">handler</a>\n\n\
         <details open ontoggle=alert('zqxss')><summary>x</summary></details>\n\n\
         <math><mtext><table><mglyph><style><img src=x onerror=alert('zqxss')>\n\n\
         <iframe src=\"javascript:alert('zqxss')\"></iframe>\n\n\
         <object data=\"zqxss.swf\"></object><embed src=\"zqxss.swf\">\n\n\
         <form action=\"https://evil.example/zqxss\"><button formaction=\"javascript:alert(1)\">go</button></form>\n\n\
         <base href=\"https://evil.example/\">\n\n\
         <meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('zqxss')\">\n\n\
         <div style=\"position:fixed;inset:0\" class=\"fixed inset-0\">overlay zqxss</div>\n\n\
         <http://example.com/\"onmouseover=\"alert('zqxss')>\n\n\
         ```html\n</code></pre><script>alert('zqxss')</script>\n```\n\n\
         `</code><script>alert('zqxss')</script>`\n",
    );
    md
}

async fn save(site: &TestSite, cookie: &str, doc: Value) -> Value {
    let page = site.save_item(cookie, doc).await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.json()
}

/// Fills a demo site with payloads through the author's own write path,
/// where it accepts them, and straight into the database where it does
/// not (an old row, an import from elsewhere).
async fn fill_with_payloads(site: &TestSite, cookie: &str) {
    let body = markdown();
    for (n, text) in TEXT.iter().enumerate() {
        let tags = vec![text.to_string(), format!("{MARK} tag {n}")];
        for kind in ["article", "note", "summary"] {
            let mut doc = json!({"kind": kind, "title": format!("{text} {MARK} {kind} {n}"),
                "slug": format!("{MARK}-{kind}-{n}"), "dek": text, "category": text,
                "tags": tags, "status": "published", "body_md": body,
                "source": text, "original_url": "https://example.com/zqxss", "day": "2026-12-01"});
            if kind != "summary" {
                doc["source"] = json!("");
                doc["original_url"] = json!("");
            }
            let saved = save(site, cookie, doc).await;
            assert!(saved.get("Saved").is_some(), "{kind} {n}: {saved}");
        }
    }
    // URL fields refuse script and odd addresses with a message…
    for url in URLS {
        let doc = json!({"kind": "summary", "title": "Refused", "slug": "refused-url",
            "category": "Security", "source": "Somewhere", "original_url": url,
            "day": "2026-12-01", "status": "published", "body_md": "x"});
        let refused = save(site, cookie, doc).await;
        assert!(
            refused.get("Invalid").is_some(),
            "{url:?} is refused: {refused}"
        );
    }
    let mut profile = site
        .call("/api/load_profile", &json!({}), Some(cookie))
        .await
        .json();
    profile["headline"] = json!(TEXT.join(" "));
    profile["location"] = json!(TEXT[3]);
    profile["bio_md"] = json!(body);
    profile["links"] = json!([{"label": TEXT[4], "url": "https://example.com/zqxss"}]);
    profile["stack"] = json!([{"group": TEXT[5], "items": TEXT.join(", ")}]);
    profile["experience"][0]["role"] = json!(TEXT[6]);
    profile["experience"][0]["organisation"] = json!(TEXT[1]);
    profile["experience"][0]["summary_md"] = json!(body);
    let saved = site
        .call("/api/save_profile", &json!({"doc": profile}), Some(cookie))
        .await
        .json();
    assert!(saved.get("Saved").is_some(), "{saved}");
    // …so those go into the database directly, as an old row would be.
    for (n, url) in URLS.iter().enumerate() {
        for sql in [
            "UPDATE summaries SET original_url = ?1 WHERE slug = 'zqxss-summary-' || ?2",
            "INSERT INTO profile_links (label, url, position) VALUES ('zqxss link ' || ?2, ?1, 100 + ?2)",
            "UPDATE experiences SET url = ?1 WHERE id = (SELECT MIN(id) FROM experiences) + ?2",
        ] {
            sqlx::query(sql)
                .bind(url)
                .bind(n as i64)
                .execute(&site.pool)
                .await
                .unwrap();
        }
    }
    site.changed();
}

#[tokio::test]
async fn payloads_in_every_field_render_inert_on_every_page_feed_and_preview() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    fill_with_payloads(&site, &cookie).await;

    let mut read = 0;
    for uri in common::surface::public_addresses(&site, &[MARK, "zqxss%20article"]).await {
        let page = site.get(&uri).await;
        assert!(
            page.status == 200 || page.status == 404,
            "{uri} answered {}",
            page.status
        );
        read += inert_answer(&uri, &page);
    }
    for uri in common::surface::get_addresses(&site, true).await {
        let page = site.get_signed_in(&uri, &cookie).await;
        assert_eq!(page.status, 200, "{uri}");
        read += inert_answer(&uri, &page);
    }
    for uri in ["/", "/articles/zqxss-article-0", "/summaries"] {
        let page = site.get(uri).await;
        assert!(page.body.contains(MARK), "{uri} shows the payloads as text");
    }
    let search = site.get("/search?q=zqxss").await;
    assert!(search.body.contains("<mark"), "search highlights the hits");

    let preview = site
        .call(
            "/api/preview_markdown",
            &json!({"request": {"body_md": markdown()}}),
            Some(&cookie),
        )
        .await
        .json();
    inert_fragment("preview", preview["html"].as_str().unwrap());
    assert!(read > 100, "only {read} answers were read");
}

/// Checks one answer by its type; returns 1 when it was read.
fn inert_answer(uri: &str, page: &common::Page) -> usize {
    let kind = page.header("content-type").unwrap_or_default();
    if kind.starts_with("text/html") {
        let policy = page.header("content-security-policy").unwrap_or_default();
        let nonce = policy
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next());
        inert_html(uri, &Html::parse_document(&page.body), nonce);
    } else if kind.contains("xml") {
        inert_xml(uri, &page.body);
    } else if kind.contains("json") {
        inert_json(uri, &serde_json::from_str(&page.body).unwrap());
    }
    1
}

fn inert_fragment(uri: &str, html: &str) {
    inert_html(uri, &Html::parse_fragment(html), None);
}

/// Elements that have no place in any answer of ours.
const FOREIGN: &[&str] = &[
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "svg", "math", "style",
    "portal",
];

/// Attributes whose value the browser loads or navigates to.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "srcset",
    "poster",
    "data",
    "xlink:href",
    "background",
    "ping",
    "cite",
    "manifest",
];

fn inert_html(uri: &str, html: &Html, nonce: Option<&str>) {
    for node in html.tree.nodes() {
        let Node::Element(element) = node.value() else {
            continue;
        };
        let name = element.name();
        let element_ref = ElementRef::wrap(node).unwrap();
        let context = || {
            format!(
                "{uri}: {}",
                element_ref.html().chars().take(300).collect::<String>()
            )
        };
        assert!(!FOREIGN.contains(&name), "<{name}> in {}", context());
        for (attribute, value) in element.attrs() {
            let attribute = attribute.to_ascii_lowercase();
            assert!(
                !attribute.starts_with("on"),
                "event handler {attribute} in {}",
                context()
            );
            assert_ne!(attribute, "style", "inline style in {}", context());
            if URL_ATTRIBUTES.contains(&attribute.as_str()) {
                assert!(safe_url(value), "{attribute}={value:?} in {}", context());
            }
        }
        match name {
            "script" => inert_script(uri, element_ref, nonce),
            "meta" => assert!(
                element.attr("http-equiv").is_none(),
                "http-equiv in {}",
                context()
            ),
            "form" => assert!(
                element.attr("action").is_none_or(|a| a.starts_with('/')),
                "a form posting elsewhere in {}",
                context()
            ),
            _ => {}
        }
    }
}

/// A script is ours only with the page's nonce (and then its code, outside
/// string literals, carries no payload) or as JSON-LD that parses as JSON.
fn inert_script(uri: &str, script: ElementRef<'_>, nonce: Option<&str>) {
    let code: String = script.text().collect();
    if script.value().attr("type") == Some("application/ld+json") {
        let data: Value = serde_json::from_str(&code)
            .unwrap_or_else(|e| panic!("{uri}: JSON-LD does not parse ({e}): {code}"));
        inert_json(uri, &data);
        return;
    }
    let nonce = nonce.unwrap_or_else(|| panic!("{uri}: a script in a fragment: {code}"));
    assert_eq!(
        script.value().attr("nonce"),
        Some(nonce),
        "{uri}: a script without the page's nonce: {}",
        script.html()
    );
    let outside = outside_string_literals(&code);
    assert!(
        !outside.contains(MARK) && !outside.contains("alert("),
        "{uri}: a payload became code in a nonce'd script: {code}"
    );
}

/// JavaScript source with its string and template literals removed.
fn outside_string_literals(code: &str) -> String {
    let mut out = String::new();
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        if matches!(c, '"' | '\'' | '`') {
            while let Some(d) = chars.next() {
                match d {
                    '\\' => {
                        chars.next();
                    }
                    d if d == c => break,
                    _ => {}
                }
            }
            out.push_str("\"\"");
        } else {
            out.push(c);
        }
    }
    out
}

/// Feeds and the sitemap: well-formed, every link safe, and every piece
/// of HTML they carry (`type="html"` Atom text, RSS descriptions) inert.
fn inert_xml(uri: &str, xml: &str) {
    let doc = roxmltree::Document::parse(xml)
        .unwrap_or_else(|e| panic!("{uri}: not well-formed XML ({e})"));
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        for attribute in node.attributes() {
            if attribute.name() == "href" {
                assert!(
                    safe_url(attribute.value()),
                    "{uri}: <{name} href={:?}>",
                    attribute.value()
                );
            }
        }
        let text: String = node.children().filter_map(|c| c.text()).collect();
        if matches!(name, "loc" | "link" | "id" | "guid") && !text.trim().is_empty() {
            assert!(safe_url(text.trim()), "{uri}: <{name}>{text}</{name}>");
        }
        let html =
            node.attribute("type") == Some("html") || matches!(name, "description" | "encoded");
        if html {
            inert_fragment(&format!("{uri} <{name}>"), &text);
        }
    }
}

/// JSON answers and JSON-LD: every string that names an address is safe,
/// and every string of HTML is inert.
fn inert_json(uri: &str, value: &Value) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                let key = key.to_ascii_lowercase();
                let address =
                    key.contains("url") || ["@id", "image", "sameas"].contains(&key.as_str());
                let strings = match value {
                    Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
                    other => other.as_str().into_iter().collect::<Vec<_>>(),
                };
                for s in strings {
                    assert!(!address || safe_url(s), "{uri}: \"{key}\": {s:?}");
                    if key.contains("html") {
                        inert_fragment(&format!("{uri} {key}"), s);
                    }
                }
                inert_json(uri, value);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| inert_json(uri, v)),
        _ => {}
    }
}

/// An address a browser would only fetch or follow: no script or data
/// scheme, however it is spelled, and no protocol-relative form.
fn safe_url(value: &str) -> bool {
    let squeezed: String = value
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme_relative = ["//", "/\\", "\\/", "\\\\"]
        .iter()
        .any(|p| squeezed.starts_with(p));
    let scripted = ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|p| squeezed.starts_with(p));
    !scheme_relative && !scripted
}

#[test]
fn the_checks_themselves_catch_what_they_look_for() {
    let cases = [
        "<p onclick=\"x()\">a</p>",
        "<a href=\" java\tscript:x()\">a</a>",
        "<img src=\"//evil.example/a.png\">",
        "<script>alert(1)</script>",
        "<p style=\"color:red\">a</p>",
        "<iframe></iframe>",
        "<form action=\"https://evil.example\"></form>",
    ];
    for case in cases {
        let caught = std::panic::catch_unwind(|| inert_fragment("case", case)).is_err();
        assert!(caught, "{case} passed the checks");
    }
    inert_fragment(
        "clean",
        "<p><a href=\"/tags/x\">x</a> <img src=\"https://a.example/b.png\"></p>",
    );
    assert_eq!(
        outside_string_literals(r#"x = "a\"b</script>"; y('zqxss')"#),
        r#"x = ""; y("")"#
    );
}
