//! The generated site's owner, categories, tags and sources, written
//! through the same functions the demo site uses.

use time::OffsetDateTime;

use super::rng::Rng;
use super::text;
use crate::domain::Slug;
use crate::server::clock::format_instant;
use crate::server::db::profile::{self, ExperienceInput, ProfileInput};
use crate::server::db::write::{self, Term, Tx};

/// Ids of what items can be filed under, most used first.
pub struct Terms {
    pub categories: Vec<i64>,
    pub tags: Vec<i64>,
    /// Id and host name, for the originals' addresses.
    pub sources: Vec<(i64, String)>,
}

const CATEGORIES: &[&str] = &[
    "Engineering",
    "Databases",
    "Performance",
    "Operations",
    "Rust",
    "Web",
    "Security",
    "Testing",
    "Career",
    "Architecture",
    "Tools",
    "Essays",
];

const TAGS: &[&str] = &[
    "rust",
    "sqlite",
    "performance",
    "postgres",
    "async",
    "tokio",
    "axum",
    "leptos",
    "wasm",
    "testing",
    "linux",
    "networking",
    "caching",
    "observability",
    "security",
    "css",
    "http",
    "compilers",
    "memory",
    "concurrency",
    "databases",
    "indexing",
    "search",
    "deployment",
    "docker",
    "nginx",
    "git",
    "review",
    "incidents",
    "design",
    "apis",
    "json",
    "serde",
    "parsing",
    "tooling",
    "ci",
    "benchmarks",
    "profiling",
    "distributed-systems",
    "queues",
];

const TAG_COUNT: usize = 320;
const SOURCE_COUNT: usize = 60;

fn term(slug: &str, name: &str) -> Result<Term, sqlx::Error> {
    let slug = Slug::parse(slug).map_err(|e| sqlx::Error::Protocol(format!("{slug}: {e}")))?;
    Ok(Term {
        slug,
        name: name.to_owned(),
    })
}

pub async fn write(tx: &mut Tx<'_>, seed: u64, now: OffsetDateTime) -> Result<Terms, sqlx::Error> {
    let mut rng = Rng::for_item(seed, 0, 0);
    profile::replace_profile(tx, &owner(&mut rng, now), &format_instant(now)).await?;
    let mut categories = Vec::new();
    for name in CATEGORIES {
        let slug = name.to_lowercase();
        let description = text::sentence(&mut rng, 12);
        categories.push(write::upsert_category(tx, &term(&slug, name)?, &description).await?);
    }
    let mut tags = Vec::new();
    for n in 0..TAG_COUNT {
        let slug = match TAGS.get(n) {
            Some(slug) => (*slug).to_owned(),
            None => text::slug_of(&text::word(&mut rng), n),
        };
        tags.push(write::upsert_tag(tx, &term(&slug, &slug)?).await?);
    }
    let mut sources = Vec::new();
    for n in 0..SOURCE_COUNT {
        let name = text::title(&mut rng);
        let slug = text::slug_of(&name, n);
        let host = format!("{slug}.example.com");
        let id =
            write::upsert_source(tx, &term(&slug, &name)?, &format!("https://{host}/")).await?;
        sources.push((id, host));
    }
    Ok(Terms {
        categories,
        tags,
        sources,
    })
}

/// Five roles over fifteen years, the last one current.
fn owner(rng: &mut Rng, now: OffsetDateTime) -> ProfileInput {
    let year = now.year();
    let experience = (0..5)
        .map(|n| {
            let start = year - 15 + n * 3;
            ExperienceInput {
                role: text::title(rng),
                organisation: text::title(rng),
                url: format!("https://org{n}.example.com/"),
                location: "Remote".to_owned(),
                start_month: format!("{start}-03"),
                end_month: (n < 4).then(|| format!("{}-02", start + 3)),
                summary_md: text::paragraph(rng, 30),
            }
        })
        .collect();
    ProfileInput {
        name: "Generated Author".to_owned(),
        headline: text::sentence(rng, 10),
        bio_md: format!(
            "{}\n\n{}",
            text::paragraph(rng, 60),
            text::paragraph(rng, 40)
        ),
        location: "Earth".to_owned(),
        email: "author@example.com".to_owned(),
        links: vec![("Code".to_owned(), "https://example.com/code".to_owned())],
        stack: vec![
            (
                "Languages".to_owned(),
                vec!["Rust".to_owned(), "SQL".to_owned()],
            ),
            (
                "Tools".to_owned(),
                vec!["SQLite".to_owned(), "Linux".to_owned()],
            ),
        ],
        experience,
    }
}
