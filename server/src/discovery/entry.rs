//! Turns a public item into an Atom entry: its canonical URL, its tags
//! and category, and for a summary the article it reads.

use app::server::db::feeds::{EntryKind, FeedEntry};

use super::atom::{Category, Entry};

pub fn entry(base: &str, item: FeedEntry) -> Entry {
    let (url, related, content_html) = match item.kind {
        EntryKind::Article => (
            format!("{base}/articles/{}", item.slug),
            None,
            item.content_html,
        ),
        EntryKind::Note => (
            format!("{base}/notes/{}", item.slug),
            None,
            item.content_html,
        ),
        // Summaries have no page of their own: they live on the summaries
        // page under `#summary-<slug>`, and point at the article they summarise.
        EntryKind::Summary => {
            let original = item.original.as_ref();
            (
                format!("{base}/summaries#summary-{}", item.slug),
                original.map(|o| o.url.clone()),
                summary_content(&item),
            )
        }
    };
    let mut categories: Vec<Category> = item
        .category
        .into_iter()
        .map(|c| Category {
            term: c.slug,
            label: c.name,
            scheme: None,
        })
        .collect();
    categories.extend(item.tags.into_iter().map(|t| Category {
        scheme: Some(format!("{base}/tags/")),
        term: t.slug,
        label: t.name,
    }));
    Entry {
        id: url.clone(),
        title: item.title,
        published: item.published_at,
        updated: item.updated_at,
        alternate: url,
        related,
        summary: item.summary,
        content_html,
        categories,
    }
}

/// The stored summary HTML followed by a link to the original, whose URL
/// and source name are escaped for HTML before the XML writer escapes the
/// whole again.
fn summary_content(item: &FeedEntry) -> String {
    let Some(original) = &item.original else {
        return item.content_html.clone();
    };
    let url = quick_xml::escape::escape(original.url.as_str());
    let source = quick_xml::escape::escape(original.source.as_str());
    // A one-paragraph summary is stored without its `<p>`, a longer one
    // with its blocks: a `<div>` holds either.
    format!(
        "<div>{}</div>\n<p>Read the original at <a href=\"{url}\">{source}</a>.</p>",
        item.content_html
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::server::db::feeds::Original;

    #[test]
    fn summary_content_links_the_original_safely() {
        let item = FeedEntry {
            kind: EntryKind::Summary,
            slug: "s".into(),
            title: "t".into(),
            summary: String::new(),
            content_html: "Pools &amp; cores".into(),
            published_at: String::new(),
            updated_at: String::new(),
            category: None,
            tags: vec![],
            original: Some(Original {
                url: "https://x.test/?a=1&b=\"2\"".into(),
                source: "R&D <Weekly>".into(),
            }),
        };
        let html = summary_content(&item);
        assert!(
            html.contains("href=\"https://x.test/?a=1&amp;b=&quot;2&quot;\""),
            "{html}"
        );
        assert!(html.contains(">R&amp;D &lt;Weekly&gt;</a>"), "{html}");
    }
}
