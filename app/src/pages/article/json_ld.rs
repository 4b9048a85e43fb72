//! The structured data search engines read from an article page: the
//! article itself and the breadcrumb trail Home › Articles › title.

use serde_json::{json, Value};

use crate::domain::ArticleDetail;

/// Who wrote the site and where it lives, as the article's JSON-LD needs them.
pub struct Publisher<'a> {
    /// Absolute base URL without a trailing slash, e.g. `https://example.com`.
    pub base_url: &'a str,
    pub author: &'a str,
}

/// A JSON-LD `@graph` with an `Article` and a `BreadcrumbList`.
pub fn article_json_ld(article: &ArticleDetail, site: &Publisher<'_>) -> String {
    let base = site.base_url.trim_end_matches('/');
    let url = format!("{base}/articles/{}", article.slug);
    let modified = article.updated.as_deref().unwrap_or(&article.published);
    let keywords: Vec<&str> = article.tags.iter().map(|tag| tag.name.as_str()).collect();
    let graph: Value = json!({
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "Article",
                "headline": article.title,
                "description": article.dek,
                "datePublished": article.published,
                "dateModified": modified,
                "author": { "@type": "Person", "name": site.author },
                "url": url,
                "mainEntityOfPage": url,
                "articleSection": article.category.name,
                "keywords": keywords,
            },
            {
                "@type": "BreadcrumbList",
                "itemListElement": [
                    crumb(1, "Home", &format!("{base}/")),
                    crumb(2, "Articles", &format!("{base}/articles")),
                    crumb(3, &article.title, &url),
                ],
            },
        ],
    });
    graph.to_string()
}

fn crumb(position: u32, name: &str, item: &str) -> Value {
    json!({ "@type": "ListItem", "position": position, "name": name, "item": item })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CategoryRef, TagRef};

    fn article(updated: Option<&str>) -> ArticleDetail {
        ArticleDetail {
            slug: "wal-mode".into(),
            title: "Why \"WAL\" </script> mode".into(),
            dek: "Readers never wait.".into(),
            category: CategoryRef {
                slug: "databases".into(),
                name: "Databases".into(),
            },
            tags: vec![TagRef {
                slug: "sqlite".into(),
                name: "SQLite".into(),
            }],
            published: "2026-05-08".into(),
            updated: updated.map(Into::into),
            reading_minutes: 4,
            body_html: String::new(),
            toc: Vec::new(),
        }
    }

    const SITE: Publisher<'static> = Publisher {
        base_url: "https://example.com/",
        author: "Ada Lovelace",
    };

    #[test]
    fn article_and_breadcrumbs() {
        let json: Value = serde_json::from_str(&article_json_ld(&article(None), &SITE)).unwrap();
        assert_eq!(json["@context"], "https://schema.org");
        let article_ld = &json["@graph"][0];
        assert_eq!(article_ld["@type"], "Article");
        assert_eq!(article_ld["headline"], "Why \"WAL\" </script> mode");
        assert_eq!(article_ld["datePublished"], "2026-05-08");
        assert_eq!(article_ld["dateModified"], "2026-05-08");
        assert_eq!(article_ld["author"]["@type"], "Person");
        assert_eq!(article_ld["author"]["name"], "Ada Lovelace");
        assert_eq!(article_ld["url"], "https://example.com/articles/wal-mode");
        let crumbs = &json["@graph"][1];
        assert_eq!(crumbs["@type"], "BreadcrumbList");
        let names: Vec<&str> = crumbs["itemListElement"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Home", "Articles", "Why \"WAL\" </script> mode"]);
        assert_eq!(crumbs["itemListElement"][0]["item"], "https://example.com/");
    }

    #[test]
    fn modified_date_follows_the_update() {
        let json: Value =
            serde_json::from_str(&article_json_ld(&article(Some("2026-06-01")), &SITE)).unwrap();
        assert_eq!(json["@graph"][0]["dateModified"], "2026-06-01");
    }
}
