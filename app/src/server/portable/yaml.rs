//! YAML front matter (Hugo's `---` form) read into the TOML value model,
//! so one set of typed reads serves both formats. YAML has no dates of its
//! own here: they arrive as strings, which `Front::instant` parses.

use toml::{Table, Value};
use yaml_rust2::{Yaml, YamlLoader};

use super::front::Flaw;
use crate::server::frontmatter::{self, Split};

pub fn table(cut: &Split<'_>) -> Result<Table, Flaw> {
    let docs = YamlLoader::load_from_str(cut.front).map_err(|e| {
        (
            Some(e.marker().line() + frontmatter::FRONT_FIRST_LINE - 1),
            e.info().to_owned(),
        )
    })?;
    match docs.into_iter().next() {
        None | Some(Yaml::Null) => Ok(Table::new()),
        Some(Yaml::Hash(hash)) => yaml_map(hash),
        Some(_) => Err((
            Some(frontmatter::FRONT_FIRST_LINE),
            "the front matter should be a list of `key: value` lines".to_owned(),
        )),
    }
}

fn yaml_map(hash: yaml_rust2::yaml::Hash) -> Result<Table, Flaw> {
    let mut table = Table::new();
    for (key, value) in hash {
        let key = match key {
            Yaml::String(s) | Yaml::Real(s) => s,
            Yaml::Integer(n) => n.to_string(),
            Yaml::Boolean(b) => b.to_string(),
            _ => return Err((None, "a front matter key should be a plain word".to_owned())),
        };
        if let Some(value) = yaml_value(value)? {
            table.insert(key, value);
        }
    }
    Ok(table)
}

/// `None` for a null, which reads as if the key were absent.
fn yaml_value(value: Yaml) -> Result<Option<Value>, Flaw> {
    Ok(Some(match value {
        Yaml::Null => return Ok(None),
        Yaml::String(s) => Value::String(s),
        Yaml::Integer(n) => Value::Integer(n),
        Yaml::Real(s) => s.parse().map(Value::Float).unwrap_or(Value::String(s)),
        Yaml::Boolean(b) => Value::Boolean(b),
        Yaml::Array(items) => Value::Array(
            items
                .into_iter()
                .map(yaml_value)
                .filter_map(Result::transpose)
                .collect::<Result<_, _>>()?,
        ),
        Yaml::Hash(hash) => Value::Table(yaml_map(hash)?),
        Yaml::Alias(_) | Yaml::BadValue => {
            return Err((None, "YAML aliases are not supported here".to_owned()))
        }
    }))
}
