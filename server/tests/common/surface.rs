//! Everything a client can reach, derived from the router's own tables:
//! `folio_server::route_table()` (the Leptos route list and the plain axum
//! routes) and the server-function registry. Tests that must cover every
//! address read it from here, so a new route or function cannot escape them.

use super::TestSite;

/// Every registered server function: its path and method, sorted.
pub fn server_functions() -> Vec<(String, http::Method)> {
    let mut all: Vec<_> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| (path.to_owned(), method))
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

/// The parameters of a route path, in either syntax (`:slug`, `{slug}`).
pub fn parameters(path: &str) -> Vec<&str> {
    path.split('/')
        .filter_map(|segment| {
            segment
                .strip_prefix(':')
                .or_else(|| segment.strip_prefix('{')?.strip_suffix('}'))
        })
        .collect()
}

/// Puts `values` into the parameters of `path`, in order.
pub fn fill(path: &str, values: &[&str]) -> String {
    let mut values = values.iter();
    path.split('/')
        .map(|segment| {
            if segment.starts_with(':') || segment.starts_with('{') {
                values.next().copied().unwrap_or("x").to_owned()
            } else {
                segment.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Every GET address of the route table, with each parameter filled by
/// every value the database holds for it (all slugs of the table the route
/// shows, every media file): the whole readable surface of the site.
/// `admin` chooses the author's pages or the public ones.
pub async fn get_addresses(site: &TestSite, admin: bool) -> Vec<String> {
    let mut addresses = Vec::new();
    for route in folio_server::route_table() {
        if route.method != http::Method::GET || route.path.starts_with("/admin") != admin {
            continue;
        }
        let params = parameters(&route.path);
        if params.is_empty() {
            addresses.push(route.path.clone());
            continue;
        }
        let mut filled = values_for(site, &route.path).await;
        if filled.is_empty() {
            // Nothing of the kind yet: the address is still visited.
            filled.push(params.iter().map(|_| "no-such-thing".to_owned()).collect());
        }
        for values in filled {
            let values: Vec<&str> = values.iter().map(String::as_str).collect();
            addresses.push(fill(&route.path, &values));
        }
    }
    addresses
}

/// Every public GET address of the route table, each parameter filled with
/// every value the database holds (so hidden items' own addresses too),
/// plus every filter of the archive and the summaries with every term, a
/// second page of each list and a search for each of `searches` (already
/// URL-encoded).
pub async fn public_addresses(site: &TestSite, searches: &[&str]) -> Vec<String> {
    let mut uris = get_addresses(site, false).await;
    let column = |sql: &'static str| async move {
        sqlx::query_scalar::<_, String>(sql)
            .fetch_all(&site.pool)
            .await
            .unwrap()
    };
    for list in ["/articles", "/notes", "/summaries"] {
        uris.push(format!("{list}?page=2"));
    }
    for tag in column("SELECT slug FROM tags").await {
        uris.push(format!("/articles?tag={tag}"));
        uris.push(format!("/summaries?tag={tag}"));
        uris.push(format!("/tags/{tag}/feed.xml"));
    }
    for category in column("SELECT slug FROM categories").await {
        uris.push(format!("/articles?category={category}"));
        uris.push(format!("/summaries?category={category}"));
        uris.push(format!("/summaries/feed.xml?category={category}"));
    }
    for source in column("SELECT slug FROM sources").await {
        uris.push(format!("/summaries?source={source}"));
        uris.push(format!("/summaries/feed.xml?source={source}"));
    }
    for q in searches {
        uris.push(format!("/search?q={q}"));
    }
    uris.sort();
    uris.dedup();
    uris
}

/// Values for the parameters of `path`, one list per address.
async fn values_for(site: &TestSite, path: &str) -> Vec<Vec<String>> {
    let column = |sql: &'static str| async move {
        sqlx::query_scalar::<_, String>(sql)
            .fetch_all(&site.pool)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .into_iter()
            .map(|v| vec![v])
            .collect::<Vec<_>>()
    };
    let head = path.trim_start_matches('/').split('/').next().unwrap_or("");
    match (head, parameters(path).as_slice()) {
        ("articles", ["slug"]) => column("SELECT slug FROM articles").await,
        ("notes", ["slug"]) => column("SELECT slug FROM notes").await,
        ("tags", ["slug"]) => column("SELECT slug FROM tags").await,
        ("media", ["name"]) => column("SELECT name FROM media").await,
        ("admin", ["kind"]) => ["article", "note", "summary"]
            .into_iter()
            .map(|k| vec![k.to_owned()])
            .collect(),
        ("admin", ["kind", "id"]) => {
            let rows: Vec<(String, i64)> = sqlx::query_as(
                "SELECT 'article', MIN(id) FROM articles
                 UNION ALL SELECT 'note', MIN(id) FROM notes
                 UNION ALL SELECT 'summary', MIN(id) FROM summaries",
            )
            .fetch_all(&site.pool)
            .await
            .expect("ids");
            rows.into_iter()
                .map(|(kind, id)| vec![kind, id.to_string()])
                .collect()
        }
        other => panic!(
            "{path}: no test values for the parameters {other:?}; teach tests/common/surface.rs"
        ),
    }
}
