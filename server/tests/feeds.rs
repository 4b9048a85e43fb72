//! Feeds, sitemap and robots.txt over HTTP: every document parses with a
//! real XML parser, carries what Atom and sitemaps.org require, counts
//! what SQL counts, and never shows a draft, scheduled or deleted item.

mod common;

use axum::body::Body;
use common::{Page, TestSite};
use tower::ServiceExt;

const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const BASE: &str = "http://folio.test";
const FEED_LENGTH: i64 = 20;

/// The public rule, restated in plain SQL so the tests do not trust the
/// code they check.
const PUBLIC: &str = "deleted_at IS NULL AND status <> 'draft' AND published_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

struct AtomEntry {
    id: String,
    title: String,
    published: String,
    alternate: String,
    related: Option<String>,
    terms: Vec<String>,
    summary: String,
    content: String,
}

struct AtomFeed {
    id: String,
    title: String,
    updated: String,
    author: String,
    self_link: String,
    alternate: String,
    entries: Vec<AtomEntry>,
}

fn child_text(node: roxmltree::Node, name: &str) -> Option<String> {
    node.children()
        .find(|c| c.has_tag_name((ATOM, name)))
        .map(|c| c.text().unwrap_or_default().to_owned())
}

fn link(node: roxmltree::Node, rel: &str) -> Option<String> {
    node.children()
        .find(|c| c.has_tag_name((ATOM, "link")) && c.attribute("rel") == Some(rel))
        .and_then(|c| c.attribute("href").map(str::to_owned))
}

fn is_instant(text: &str) -> bool {
    text.len() == 20 && text.as_bytes()[10] == b'T' && text.ends_with('Z')
}

/// Parses an Atom document and checks every element RFC 4287 requires.
fn parse_feed(page: &Page) -> AtomFeed {
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(page.content_type, "application/atom+xml; charset=utf-8");
    let doc = roxmltree::Document::parse(&page.body).expect("well-formed XML");
    let root = doc.root_element();
    assert!(root.has_tag_name((ATOM, "feed")), "an Atom feed");
    let author = root
        .children()
        .find(|c| c.has_tag_name((ATOM, "author")))
        .and_then(|a| child_text(a, "name"))
        .expect("feed author");
    let feed = AtomFeed {
        id: child_text(root, "id").expect("feed id"),
        title: child_text(root, "title").expect("feed title"),
        updated: child_text(root, "updated").expect("feed updated"),
        author,
        self_link: link(root, "self").expect("rel=self"),
        alternate: link(root, "alternate").expect("rel=alternate"),
        entries: root
            .children()
            .filter(|c| c.has_tag_name((ATOM, "entry")))
            .map(|e| {
                let updated = child_text(e, "updated").expect("entry updated");
                let published = child_text(e, "published").expect("entry published");
                assert!(is_instant(&updated) && is_instant(&published));
                assert!(updated >= published, "updated never before published");
                AtomEntry {
                    id: child_text(e, "id").expect("entry id"),
                    title: child_text(e, "title").expect("entry title"),
                    published,
                    alternate: link(e, "alternate").expect("entry link"),
                    related: link(e, "related"),
                    terms: e
                        .children()
                        .filter(|c| c.has_tag_name((ATOM, "category")))
                        .filter_map(|c| c.attribute("term").map(str::to_owned))
                        .collect(),
                    summary: child_text(e, "summary").expect("entry summary"),
                    content: child_text(e, "content").expect("entry content"),
                }
            })
            .collect(),
    };
    assert!(feed.id.starts_with(BASE) && feed.self_link == feed.id);
    assert!(feed.alternate.starts_with(BASE));
    assert!(is_instant(&feed.updated));
    assert!(root.children().any(|c| c.has_tag_name((ATOM, "generator"))));
    feed
}

async fn feed(site: &TestSite, uri: &str) -> AtomFeed {
    parse_feed(&site.get(uri).await)
}

async fn count(site: &TestSite, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&site.pool).await.unwrap()
}

async fn slugs(site: &TestSite, sql: &str) -> Vec<String> {
    sqlx::query_scalar(sql).fetch_all(&site.pool).await.unwrap()
}

fn ids(feed: &AtomFeed) -> Vec<&str> {
    feed.entries.iter().map(|e| e.id.as_str()).collect()
}

#[tokio::test]
async fn the_site_feed_holds_the_newest_items_of_every_kind() {
    let site = TestSite::demo().await;
    let feed = feed(&site, "/feed.xml").await;
    assert_eq!(feed.id, format!("{BASE}/feed.xml"));
    assert_eq!(feed.alternate, format!("{BASE}/"));
    assert_eq!(feed.title, "Folio");
    let owner: String = sqlx::query_scalar("SELECT name FROM profile")
        .fetch_one(&site.pool)
        .await
        .unwrap();
    assert_eq!(feed.author, owner);
    assert_eq!(feed.entries.len() as i64, FEED_LENGTH);
    let newest: String = sqlx::query_scalar(&format!(
        "SELECT MAX(published_at) FROM (
             SELECT published_at FROM articles WHERE {PUBLIC}
             UNION ALL SELECT published_at FROM notes WHERE {PUBLIC}
             UNION ALL SELECT published_at FROM summaries WHERE {PUBLIC})"
    ))
    .fetch_one(&site.pool)
    .await
    .unwrap();
    assert_eq!(feed.entries[0].published, newest, "newest first");
    assert!(feed
        .entries
        .windows(2)
        .all(|pair| pair[0].published >= pair[1].published));
    for kind in ["/articles/", "/notes/", "/summaries#"] {
        assert!(feed.entries.iter().any(|e| e.id.contains(kind)), "{kind}");
    }
    let newest_update: String = sqlx::query_scalar(&format!(
        "SELECT MAX(MAX(updated_at, published_at)) FROM (
             SELECT updated_at, published_at FROM articles WHERE {PUBLIC}
             UNION ALL SELECT updated_at, published_at FROM notes WHERE {PUBLIC}
             UNION ALL SELECT updated_at, published_at FROM summaries WHERE {PUBLIC}
             ORDER BY published_at DESC LIMIT 20)"
    ))
    .fetch_one(&site.pool)
    .await
    .unwrap();
    assert_eq!(feed.updated, newest_update);
}

#[tokio::test]
async fn each_kind_has_its_own_feed() {
    let site = TestSite::demo().await;
    for (kind, path) in [("articles", "/articles"), ("notes", "/notes")] {
        let feed = feed(&site, &format!("{path}/feed.xml")).await;
        assert_eq!(feed.alternate, format!("{BASE}{path}"));
        let public = count(
            &site,
            &format!("SELECT COUNT(*) FROM {kind} WHERE {PUBLIC}"),
        )
        .await;
        assert_eq!(feed.entries.len() as i64, public.min(FEED_LENGTH), "{kind}");
        let expected = slugs(
            &site,
            &format!("SELECT '{BASE}{path}/' || slug FROM {kind} WHERE {PUBLIC} ORDER BY published_at DESC, id DESC LIMIT 20"),
        )
        .await;
        assert_eq!(ids(&feed), expected, "{kind}: newest first");
        for entry in &feed.entries {
            assert_eq!(entry.alternate, entry.id);
            assert!(!entry.content.is_empty(), "{kind} entries carry the body");
        }
    }
    let articles = feed(&site, "/articles/feed.xml").await;
    assert!(
        articles.entries.iter().all(|e| !e.terms.is_empty()),
        "articles carry their category"
    );
}

#[tokio::test]
async fn an_article_body_is_carried_as_escaped_html() {
    let site = TestSite::demo().await;
    let (slug, body): (String, String) = sqlx::query_as(&format!(
        "SELECT slug, body_html FROM articles WHERE {PUBLIC} ORDER BY published_at DESC LIMIT 1"
    ))
    .fetch_one(&site.pool)
    .await
    .unwrap();
    let page = site.get("/articles/feed.xml").await;
    assert!(page.body.contains("<content type=\"html\">"));
    let feed = parse_feed(&page);
    let entry = feed
        .entries
        .iter()
        .find(|e| e.id == format!("{BASE}/articles/{slug}"))
        .unwrap();
    assert_eq!(entry.content, body, "the stored HTML round-trips");
}

#[tokio::test]
async fn markup_in_a_title_is_escaped_and_round_trips() {
    let site = TestSite::demo().await;
    let title = "Tags & <script>alert(\"x\")</script> \u{1} done";
    sqlx::query(&format!(
        "UPDATE articles SET title = ?, dek = ? WHERE id =
             (SELECT id FROM articles WHERE {PUBLIC} ORDER BY published_at DESC LIMIT 1)"
    ))
    .bind(title)
    .bind("a < b && c > d")
    .execute(&site.pool)
    .await
    .unwrap();
    for uri in ["/feed.xml", "/articles/feed.xml"] {
        let page = site.get(uri).await;
        assert!(!page.body.contains("<script>"), "{uri}");
        let feed = parse_feed(&page);
        let entry = feed
            .entries
            .iter()
            .find(|e| e.title == "Tags & <script>alert(\"x\")</script>  done")
            .expect("the title comes back as typed, minus what XML cannot carry");
        assert_eq!(entry.summary, "a < b && c > d", "{uri}");
    }
}

#[tokio::test]
async fn the_summaries_feed_honours_the_page_filters() {
    let site = TestSite::demo().await;
    let all = feed(&site, "/summaries/feed.xml").await;
    let public = count(
        &site,
        &format!("SELECT COUNT(*) FROM summaries WHERE {PUBLIC}"),
    )
    .await;
    assert_eq!(all.entries.len() as i64, public.min(FEED_LENGTH));
    assert_eq!(all.alternate, format!("{BASE}/summaries"));
    for entry in &all.entries {
        let original = entry.related.as_deref().expect("a link to the original");
        assert!(original.starts_with("https://"));
        assert!(entry.content.contains(&format!("href=\"{original}\"")));
    }
    // The busiest category, tag and source of the demo summaries.
    let busiest = |sql: &'static str| {
        let site = &site;
        async move {
            sqlx::query_as::<_, (String, i64)>(sql)
                .fetch_one(&site.pool)
                .await
                .unwrap()
        }
    };
    let (category, _) = busiest(
        "SELECT c.slug, COUNT(*) n FROM summaries s JOIN categories c ON c.id = s.category_id
         GROUP BY c.id ORDER BY n DESC, c.slug LIMIT 1",
    )
    .await;
    let (tag, _) = busiest(
        "SELECT t.slug, COUNT(*) n FROM summary_tags x JOIN tags t ON t.id = x.tag_id
         GROUP BY t.id ORDER BY n DESC, t.slug LIMIT 1",
    )
    .await;
    let (source, _) = busiest(
        "SELECT so.slug, COUNT(*) n FROM summaries s JOIN sources so ON so.id = s.source_id
         GROUP BY so.id ORDER BY n DESC, so.slug LIMIT 1",
    )
    .await;
    let matching = |filter: String| {
        format!(
            "SELECT COUNT(*) FROM summaries s JOIN categories c ON c.id = s.category_id
             JOIN sources so ON so.id = s.source_id WHERE s.{} AND {filter}",
            PUBLIC.replace(" AND ", " AND s.")
        )
    };
    let has_tag = format!(
        "EXISTS (SELECT 1 FROM summary_tags x JOIN tags t ON t.id = x.tag_id
                 WHERE x.summary_id = s.id AND t.slug = '{tag}')"
    );
    let cases = [
        (
            format!("category={category}"),
            format!("c.slug = '{category}'"),
        ),
        (format!("tag={tag}"), has_tag.clone()),
        (format!("source={source}"), format!("so.slug = '{source}'")),
        (
            format!("category={category}&tag={tag}"),
            format!("c.slug = '{category}' AND {has_tag}"),
        ),
        (
            format!("category={category}&tag={tag}&source={source}"),
            format!("c.slug = '{category}' AND {has_tag} AND so.slug = '{source}'"),
        ),
    ];
    for (query, filter) in cases {
        let feed = feed(&site, &format!("/summaries/feed.xml?{query}")).await;
        let expected = count(&site, &matching(filter)).await;
        assert_eq!(
            feed.entries.len() as i64,
            expected.min(FEED_LENGTH),
            "{query}"
        );
        assert_eq!(feed.id, format!("{BASE}/summaries/feed.xml?{query}"));
        assert_eq!(feed.alternate, format!("{BASE}/summaries?{query}"));
    }
    let by_category = feed(&site, &format!("/summaries/feed.xml?category={category}")).await;
    assert!(by_category
        .entries
        .iter()
        .all(|e| e.terms.contains(&category)));
    let empty_means_any = feed(&site, "/summaries/feed.xml?category=&tag=").await;
    assert_eq!(empty_means_any.entries.len(), all.entries.len());
    for query in [
        "category=no-such",
        "tag=no-such",
        "source=no-such",
        "tag=Bad%20Slug",
    ] {
        let page = site.get(&format!("/summaries/feed.xml?{query}")).await;
        assert_eq!(page.status, 404, "{query}");
    }
}

#[tokio::test]
async fn a_tag_feed_holds_every_kind_carrying_the_tag() {
    let site = TestSite::demo().await;
    let tagged = |table: &str, tags: &str, column: &str, url: &str| {
        format!(
            "SELECT '{BASE}/{url}' || i.slug, i.published_at FROM {table} i
             JOIN {tags} x ON x.{column} = i.id JOIN tags t ON t.id = x.tag_id
             WHERE t.slug = ?1 AND i.{public}",
            public = PUBLIC.replace(" AND ", " AND i."),
        )
    };
    let union = format!(
        "SELECT COUNT(*) FROM ({} UNION ALL {} UNION ALL {})",
        tagged("articles", "article_tags", "article_id", "articles/"),
        tagged("notes", "note_tags", "note_id", "notes/"),
        tagged(
            "summaries",
            "summary_tags",
            "summary_id",
            "summaries#summary-"
        ),
    );
    // A tag carried by more than one kind.
    let tag: String = sqlx::query_scalar(
        "SELECT t.slug FROM tags t
         WHERE EXISTS (SELECT 1 FROM article_tags x WHERE x.tag_id = t.id)
           AND EXISTS (SELECT 1 FROM summary_tags x WHERE x.tag_id = t.id)
         ORDER BY t.slug LIMIT 1",
    )
    .fetch_one(&site.pool)
    .await
    .unwrap();
    let feed = feed(&site, &format!("/tags/{tag}/feed.xml")).await;
    let expected: i64 = sqlx::query_scalar(&union)
        .bind(&tag)
        .fetch_one(&site.pool)
        .await
        .unwrap();
    assert_eq!(feed.entries.len() as i64, expected.min(FEED_LENGTH));
    assert_eq!(feed.alternate, format!("{BASE}/tags/{tag}"));
    assert_eq!(feed.id, format!("{BASE}/tags/{tag}/feed.xml"));
    assert!(feed.entries.iter().all(|e| e.terms.contains(&tag)));
    assert!(feed.entries.iter().any(|e| e.id.contains("/summaries#")));
    assert!(feed.entries.iter().any(|e| e.id.contains("/articles/")));
    for uri in ["/tags/no-such-tag/feed.xml", "/tags/Bad%20Tag/feed.xml"] {
        let page = site.get(uri).await;
        assert_eq!(page.status, 404, "{uri}");
        assert!(page.content_type.starts_with("text/plain"));
    }
}

#[tokio::test]
async fn an_empty_site_serves_valid_empty_feeds() {
    let site = TestSite::empty().await;
    for uri in [
        "/feed.xml",
        "/articles/feed.xml",
        "/notes/feed.xml",
        "/summaries/feed.xml",
    ] {
        let feed = feed(&site, uri).await;
        assert!(feed.entries.is_empty(), "{uri}");
        assert_eq!(feed.updated, "1970-01-01T00:00:00Z", "{uri}");
        assert_eq!(feed.author, "Folio", "{uri}: the site title stands in");
    }
    let sitemap = site.get("/sitemap.xml").await;
    assert_eq!(sitemap_locs(&sitemap).len(), 5, "only the section pages");
}

fn sitemap_locs(page: &Page) -> Vec<(String, Option<String>)> {
    assert_eq!(page.status, 200);
    assert_eq!(page.content_type, "application/xml; charset=utf-8");
    let doc = roxmltree::Document::parse(&page.body).expect("well-formed XML");
    let root = doc.root_element();
    assert!(root.has_tag_name((SITEMAP, "urlset")));
    root.children()
        .filter(|c| c.has_tag_name((SITEMAP, "url")))
        .map(|url| {
            let text = |name| {
                url.children()
                    .find(|c| c.has_tag_name((SITEMAP, name)))
                    .and_then(|c| c.text().map(str::to_owned))
            };
            (text("loc").expect("loc"), text("lastmod"))
        })
        .collect()
}

#[tokio::test]
async fn the_sitemap_lists_every_public_page() {
    let site = TestSite::demo().await;
    let urls = sitemap_locs(&site.get("/sitemap.xml").await);
    let locs: Vec<&str> = urls.iter().map(|(loc, _)| loc.as_str()).collect();
    for section in ["/", "/articles", "/notes", "/summaries", "/tags"] {
        assert!(
            locs.contains(&format!("{BASE}{section}").as_str()),
            "{section}"
        );
    }
    let expected = slugs(
        &site,
        &format!(
            "SELECT '{BASE}/articles/' || slug FROM articles WHERE {PUBLIC}
             UNION ALL SELECT '{BASE}/notes/' || slug FROM notes WHERE {PUBLIC}"
        ),
    )
    .await;
    for url in &expected {
        assert!(locs.contains(&url.as_str()), "{url} listed");
    }
    let tags = count(
        &site,
        &format!(
            "SELECT COUNT(*) FROM tags t WHERE
                 t.id IN (SELECT x.tag_id FROM article_tags x JOIN articles i ON i.id = x.article_id WHERE i.{p})
              OR t.id IN (SELECT x.tag_id FROM note_tags x JOIN notes i ON i.id = x.note_id WHERE i.{p})
              OR t.id IN (SELECT x.tag_id FROM summary_tags x JOIN summaries i ON i.id = x.summary_id WHERE i.{p})",
            p = PUBLIC.replace(" AND ", " AND i.")
        ),
    )
    .await;
    assert_eq!(locs.len() as i64, 5 + expected.len() as i64 + tags);
    let draft = slugs(&site, "SELECT slug FROM articles WHERE status = 'draft'").await;
    assert!(!draft.is_empty(), "the demo has a draft");
    for slug in draft {
        assert!(!locs.iter().any(|l| l.ends_with(&format!("/{slug}"))));
    }
    for (loc, lastmod) in &urls {
        let lastmod = lastmod.as_deref().expect("lastmod");
        assert!(is_instant(lastmod), "{loc}: W3C datetime, got {lastmod}");
    }
}

#[tokio::test]
async fn hidden_items_appear_in_no_feed_and_not_in_the_sitemap() {
    let site = TestSite::demo().await;
    // The newest public items, which every feed would otherwise lead with.
    let newest = |table: &'static str| {
        let pool = site.pool.clone();
        async move {
            sqlx::query_as::<_, (i64, String)>(&format!(
                "SELECT id, slug FROM {table} WHERE {PUBLIC} ORDER BY published_at DESC LIMIT 3"
            ))
            .fetch_all(&pool)
            .await
            .unwrap()
        }
    };
    let articles = newest("articles").await;
    let notes = newest("notes").await;
    let summaries = newest("summaries").await;
    let hide = [
        "UPDATE {t} SET status = 'draft' WHERE id = ?",
        "UPDATE {t} SET status = 'scheduled', published_at = '2999-01-01T00:00:00Z' WHERE id = ?",
        "UPDATE {t} SET deleted_at = '2026-01-01T00:00:00Z' WHERE id = ?",
    ];
    let mut hidden = Vec::new();
    for (table, url, rows) in [
        ("articles", "/articles/", &articles),
        ("notes", "/notes/", &notes),
        ("summaries", "/summaries#summary-", &summaries),
    ] {
        for (sql, (id, slug)) in hide.iter().zip(rows.iter()) {
            sqlx::query(&sql.replace("{t}", table))
                .bind(id)
                .execute(&site.pool)
                .await
                .unwrap();
            hidden.push(format!("{BASE}{url}{slug}"));
        }
    }
    let tags = slugs(&site, "SELECT slug FROM tags").await;
    let mut uris: Vec<String> = [
        "/feed.xml",
        "/articles/feed.xml",
        "/notes/feed.xml",
        "/summaries/feed.xml",
    ]
    .map(str::to_owned)
    .to_vec();
    uris.extend(tags.iter().map(|tag| format!("/tags/{tag}/feed.xml")));
    for uri in &uris {
        let page = site.get(uri).await;
        let feed = parse_feed(&page);
        for url in &hidden {
            assert!(!ids(&feed).contains(&url.as_str()), "{uri} shows {url}");
            assert!(!page.body.contains(url.as_str()), "{uri} mentions {url}");
        }
    }
    let per_kind = feed(&site, "/articles/feed.xml").await;
    let public = count(
        &site,
        &format!("SELECT COUNT(*) FROM articles WHERE {PUBLIC}"),
    )
    .await;
    assert_eq!(per_kind.entries.len() as i64, public.min(FEED_LENGTH));
    let sitemap = site.get("/sitemap.xml").await;
    let locs = sitemap_locs(&sitemap);
    for url in &hidden {
        assert!(
            !locs.iter().any(|(loc, _)| loc == url),
            "sitemap lists {url}"
        );
    }
}

#[tokio::test]
async fn a_tag_carried_only_by_hidden_items_leaves_the_sitemap() {
    let site = TestSite::demo().await;
    let (tag_id, tag): (i64, String) =
        sqlx::query_as("SELECT id, slug FROM tags ORDER BY slug LIMIT 1")
            .fetch_one(&site.pool)
            .await
            .unwrap();
    for sql in [
        "UPDATE articles SET status = 'draft' WHERE id IN (SELECT article_id FROM article_tags WHERE tag_id = ?)",
        "UPDATE notes SET published_at = '2999-01-01T00:00:00Z', status = 'scheduled' WHERE id IN (SELECT note_id FROM note_tags WHERE tag_id = ?)",
        "UPDATE summaries SET deleted_at = '2026-01-01T00:00:00Z' WHERE id IN (SELECT summary_id FROM summary_tags WHERE tag_id = ?)",
    ] {
        sqlx::query(sql).bind(tag_id).execute(&site.pool).await.unwrap();
    }
    let locs = sitemap_locs(&site.get("/sitemap.xml").await);
    let url = format!("{BASE}/tags/{tag}");
    assert!(!locs.iter().any(|(loc, _)| *loc == url));
    // Like its page, the tag's feed does not exist for the public: a 200
    // would leak the name of a tag only hidden items carry.
    let feed = site.get(&format!("/tags/{tag}/feed.xml")).await;
    assert_eq!(feed.status, 404);
    assert_eq!(site.get(&format!("/tags/{tag}")).await.status, 404);
}

#[tokio::test]
async fn robots_allows_all_but_admin_and_server_functions() {
    let site = TestSite::demo().await;
    let page = site.get("/robots.txt").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.content_type, "text/plain; charset=utf-8");
    let lines: Vec<&str> = page.body.lines().collect();
    for line in [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin",
        "Disallow: /api/",
        "Sitemap: http://folio.test/sitemap.xml",
    ] {
        assert!(lines.contains(&line), "{line}");
    }
}

#[tokio::test]
async fn documents_are_cached_briefly_and_revalidate_with_304() {
    let site = TestSite::demo().await;
    for uri in [
        "/feed.xml",
        "/sitemap.xml",
        "/robots.txt",
        "/tags/rust/feed.xml",
    ] {
        let request = |etag: Option<&str>| {
            let mut builder = http::Request::get(uri);
            if let Some(etag) = etag {
                builder = builder.header(http::header::IF_NONE_MATCH, etag);
            }
            builder.body(Body::empty()).unwrap()
        };
        let first = site.router.clone().oneshot(request(None)).await.unwrap();
        assert_eq!(first.status(), 200, "{uri}");
        let headers = first.headers();
        assert_eq!(headers[http::header::CACHE_CONTROL], "public, max-age=300");
        let etag = headers[http::header::ETAG].to_str().unwrap().to_owned();
        let again = site
            .router
            .clone()
            .oneshot(request(Some(&etag)))
            .await
            .unwrap();
        assert_eq!(again.status(), 304, "{uri}");
        let stale = site
            .router
            .clone()
            .oneshot(request(Some("W/\"0\"")))
            .await
            .unwrap();
        assert_eq!(stale.status(), 200, "{uri}");
    }
}
