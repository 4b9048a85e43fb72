//! The two files beside the content, `site.toml` and `taxonomy.toml`,
//! read and checked like the markdown: problems name the file (and the line
//! when the TOML itself is broken).

use std::path::Path;

use crate::domain::Slug;
use crate::server::db::profile::ProfileInput;
use crate::server::db::write::Term;
use crate::server::portable::site::{SiteFile, TaxonomyFile};
use crate::server::portable::{Problem, SITE_FILE, TAXONOMY_FILE};

#[derive(Default)]
pub(super) struct Terms {
    pub categories: Vec<(Term, String)>,
    pub tags: Vec<Term>,
    pub sources: Vec<(Term, String)>,
    pub series: Vec<Term>,
}

impl Terms {
    pub fn len(&self) -> usize {
        self.categories.len() + self.tags.len() + self.sources.len() + self.series.len()
    }
}

pub(super) fn site(path: &Path) -> Result<ProfileInput, Vec<Problem>> {
    let file: SiteFile = read_toml(path, SITE_FILE).map_err(|p| vec![p])?;
    file.into_input().map_err(|errors| {
        errors
            .into_iter()
            .map(|e| Problem::new(SITE_FILE, None, format!("`{}`: {}", e.field, e.message)))
            .collect()
    })
}

pub(super) fn taxonomy(path: &Path) -> Result<Terms, Vec<Problem>> {
    let file: TaxonomyFile = read_toml(path, TAXONOMY_FILE).map_err(|p| vec![p])?;
    let mut problems = Vec::new();
    let mut term = |what: &str, slug: &str, name: &str| {
        let checked = match Slug::parse(slug) {
            Ok(_) if name.trim().is_empty() => Err("has no name".to_owned()),
            Ok(parsed) => Ok(Term {
                slug: parsed,
                name: name.trim().to_owned(),
            }),
            Err(e) => Err(e.to_string()),
        };
        checked
            .map_err(|why| {
                let message = format!("{what} `{slug}`: {why}");
                problems.push(Problem::new(TAXONOMY_FILE, None, message));
            })
            .ok()
    };
    let terms = Terms {
        categories: file
            .category
            .iter()
            .filter_map(|c| Some((term("category", &c.slug, &c.name)?, c.description.clone())))
            .collect(),
        tags: file
            .tag
            .iter()
            .filter_map(|t| term("tag", &t.slug, &t.name))
            .collect(),
        sources: file
            .source
            .iter()
            .filter_map(|s| Some((term("source", &s.slug, &s.name)?, s.url.clone())))
            .collect(),
        series: file
            .series
            .iter()
            .filter_map(|s| term("series", &s.slug, &s.name))
            .collect(),
    };
    if problems.is_empty() {
        Ok(terms)
    } else {
        Err(problems)
    }
}

fn read_toml<T: serde::de::DeserializeOwned>(path: &Path, name: &str) -> Result<T, Problem> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Problem::new(name, None, e.to_string()))?;
    toml::from_str(&text).map_err(|e| {
        let line = e
            .span()
            .map(|span| 1 + text[..span.start.min(text.len())].matches('\n').count());
        Problem::new(name, line, e.message().trim().replace('\n', "; "))
    })
}
