//! Writes an Atom 1.0 document (RFC 4287) with quick-xml, so every piece
//! of text the author typed is escaped by the writer, never by hand.

use std::io;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use super::xml::xml_text;

pub const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// `updated` of a feed with no entries: Atom requires one, and a fixed
/// instant keeps the document identical until something is published.
pub const EPOCH: &str = "1970-01-01T00:00:00Z";

pub struct Feed {
    /// Absolute URL; the feed's own address.
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub author: String,
    /// The HTML page that shows the same items.
    pub alternate: String,
    pub language: String,
    pub entries: Vec<Entry>,
}

pub struct Entry {
    /// Absolute URL or other permanent IRI.
    pub id: String,
    pub title: String,
    /// `YYYY-MM-DDTHH:MM:SSZ`
    pub published: String,
    /// `YYYY-MM-DDTHH:MM:SSZ`
    pub updated: String,
    pub alternate: String,
    /// A page the entry is about, such as the article a summary reads.
    pub related: Option<String>,
    /// Plain text.
    pub summary: String,
    /// Sanitized HTML, carried escaped as `type="html"`.
    pub content_html: String,
    pub categories: Vec<Category>,
}

pub struct Category {
    pub term: String,
    pub label: String,
    pub scheme: Option<String>,
}

impl Feed {
    /// The newest `updated` of its entries, or the epoch when it has none.
    pub fn updated(&self) -> &str {
        self.entries
            .iter()
            .map(|entry| entry.updated.as_str())
            .max()
            .unwrap_or(EPOCH)
    }

    pub fn to_xml(&self) -> String {
        let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
        // Writing into a Vec cannot fail.
        let _ = self.write(&mut writer);
        String::from_utf8(writer.into_inner()).unwrap_or_default()
    }

    fn write(&self, w: &mut Writer<Vec<u8>>) -> io::Result<()> {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
        w.create_element("feed")
            .with_attribute(("xmlns", ATOM_NS))
            .with_attribute(("xml:lang", self.language.as_str()))
            .write_inner_content(|w| {
                text(w, "id", &self.id)?;
                text(w, "title", &self.title)?;
                if let Some(subtitle) = &self.subtitle {
                    text(w, "subtitle", subtitle)?;
                }
                text(w, "updated", self.updated())?;
                w.create_element("author")
                    .write_inner_content(|w| text(w, "name", &self.author))?;
                link(w, "self", &self.id, Some("application/atom+xml"))?;
                link(w, "alternate", &self.alternate, Some("text/html"))?;
                w.create_element("generator")
                    .with_attribute(("version", env!("CARGO_PKG_VERSION")))
                    .write_text_content(BytesText::new("Folio"))?;
                for entry in &self.entries {
                    entry.write(w)?;
                }
                Ok(())
            })?;
        Ok(())
    }
}

impl Entry {
    fn write(&self, w: &mut Writer<Vec<u8>>) -> io::Result<()> {
        w.create_element("entry").write_inner_content(|w| {
            text(w, "id", &self.id)?;
            text(w, "title", &self.title)?;
            text(w, "published", &self.published)?;
            text(w, "updated", &self.updated)?;
            link(w, "alternate", &self.alternate, Some("text/html"))?;
            if let Some(related) = &self.related {
                link(w, "related", related, None)?;
            }
            for category in &self.categories {
                let mut element = w
                    .create_element("category")
                    .with_attribute(("term", xml_text(&category.term).as_ref()))
                    .with_attribute(("label", xml_text(&category.label).as_ref()));
                if let Some(scheme) = &category.scheme {
                    element = element.with_attribute(("scheme", xml_text(scheme).as_ref()));
                }
                element.write_empty()?;
            }
            text(w, "summary", &self.summary)?;
            w.create_element("content")
                .with_attribute(("type", "html"))
                .write_text_content(BytesText::new(&xml_text(&self.content_html)))?;
            Ok(())
        })?;
        Ok(())
    }
}

fn text(w: &mut Writer<Vec<u8>>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&xml_text(value)))?;
    Ok(())
}

fn link(w: &mut Writer<Vec<u8>>, rel: &str, href: &str, kind: Option<&str>) -> io::Result<()> {
    let mut element = w
        .create_element("link")
        .with_attribute(("rel", rel))
        .with_attribute(("href", xml_text(href).as_ref()));
    if let Some(kind) = kind {
        element = element.with_attribute(("type", kind));
    }
    element.write_empty()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, updated: &str) -> Entry {
        Entry {
            id: "http://x.test/articles/a".into(),
            title: title.into(),
            published: "2026-01-01T00:00:00Z".into(),
            updated: updated.into(),
            alternate: "http://x.test/articles/a?x=1&y=2".into(),
            related: None,
            summary: "plain".into(),
            content_html: "<p>Fish &amp; chips</p>".into(),
            categories: vec![Category {
                term: "r&d".into(),
                label: "R \"&\" D".into(),
                scheme: None,
            }],
        }
    }

    fn feed(entries: Vec<Entry>) -> Feed {
        Feed {
            id: "http://x.test/feed.xml".into(),
            title: "X <all>".into(),
            subtitle: None,
            author: "A & B".into(),
            alternate: "http://x.test/".into(),
            language: "en".into(),
            entries,
        }
    }

    #[test]
    fn an_empty_feed_is_dated_at_the_epoch() {
        let xml = feed(vec![]).to_xml();
        assert!(
            xml.contains("<updated>1970-01-01T00:00:00Z</updated>"),
            "{xml}"
        );
        assert!(xml.contains("<title>X &lt;all&gt;</title>"), "{xml}");
        assert!(xml.contains("<name>A &amp; B</name>"), "{xml}");
    }

    #[test]
    fn the_feed_is_as_new_as_its_newest_entry() {
        let f = feed(vec![
            entry("old", "2026-01-02T00:00:00Z"),
            entry("new", "2026-03-04T05:06:07Z"),
        ]);
        assert_eq!(f.updated(), "2026-03-04T05:06:07Z");
    }

    #[test]
    fn html_content_and_attributes_are_escaped() {
        let xml = feed(vec![entry("Tags & <script>", "2026-01-02T00:00:00Z")]).to_xml();
        assert!(
            xml.contains("<title>Tags &amp; &lt;script&gt;</title>"),
            "{xml}"
        );
        assert!(
            xml.contains("&lt;p&gt;Fish &amp;amp; chips&lt;/p&gt;"),
            "{xml}"
        );
        assert!(
            xml.contains("href=\"http://x.test/articles/a?x=1&amp;y=2\""),
            "{xml}"
        );
        assert!(xml.contains("term=\"r&amp;d\""), "{xml}");
        assert!(xml.contains("label=\"R &quot;&amp;&quot; D\""), "{xml}");
    }
}
