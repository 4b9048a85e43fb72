//! `/sitemap.xml` (sitemaps.org 0.9): every public page a crawler should
//! find, with when it last changed, written with quick-xml.

use std::io;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use app::server::db::feeds::{sitemap_entries, SitemapEntry};
use app::server::{clock, state::AppState};

use super::response::{document, DiscoveryError, XML};
use super::xml::xml_text;

pub const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

pub async fn sitemap(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, DiscoveryError> {
    let entries = sitemap_entries(&state.pool, &clock::now()).await?;
    Ok(document(
        &headers,
        XML,
        to_xml(&state.site.base_url, &entries),
    ))
}

fn to_xml(base: &str, entries: &[SitemapEntry]) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing into a Vec cannot fail.
    let _ = write(&mut writer, base, entries);
    String::from_utf8(writer.into_inner()).unwrap_or_default()
}

fn write(w: &mut Writer<Vec<u8>>, base: &str, entries: &[SitemapEntry]) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    w.create_element("urlset")
        .with_attribute(("xmlns", SITEMAP_NS))
        .write_inner_content(|w| {
            for entry in entries {
                w.create_element("url").write_inner_content(|w| {
                    let loc = format!("{base}{}", entry.path);
                    w.create_element("loc")
                        .write_text_content(BytesText::new(&xml_text(&loc)))?;
                    // Stored instants are already W3C Datetime (`…T…Z`).
                    if let Some(lastmod) = &entry.lastmod {
                        w.create_element("lastmod")
                            .write_text_content(BytesText::new(lastmod))?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_absolute_and_pages_without_content_have_no_lastmod() {
        let xml = to_xml(
            "https://x.test",
            &[
                SitemapEntry {
                    path: "/".into(),
                    lastmod: None,
                },
                SitemapEntry {
                    path: "/articles/a-b".into(),
                    lastmod: Some("2026-05-08T09:00:00Z".into()),
                },
            ],
        );
        assert!(
            xml.contains(&format!("<urlset xmlns=\"{SITEMAP_NS}\">")),
            "{xml}"
        );
        assert!(
            xml.contains("<loc>https://x.test/</loc>\n  </url>"),
            "{xml}"
        );
        assert!(
            xml.contains("<loc>https://x.test/articles/a-b</loc>"),
            "{xml}"
        );
        assert!(
            xml.contains("<lastmod>2026-05-08T09:00:00Z</lastmod>"),
            "{xml}"
        );
    }
}
