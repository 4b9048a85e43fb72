//! A file's front matter as one table of values, whichever format it came
//! in (YAML is converted to the TOML value model), with typed reads that
//! name the line of the key they complain about.

use toml::value::Datetime;
use toml::{Table, Value};

use crate::server::clock::normalise_instant;
use crate::server::frontmatter::{self, Format, Split};

/// A problem found in the front matter: the line (when known) and why.
pub type Flaw = (Option<usize>, String);

#[derive(Debug)]
pub struct Front<'a> {
    pub table: Table,
    pub body: &'a str,
    cut: Split<'a>,
}

impl<'a> Front<'a> {
    pub fn parse(text: &'a str) -> Result<Self, Flaw> {
        let Some(first) = frontmatter::split(text) else {
            return Err(match frontmatter::opening(text) {
                Some(format) => (
                    Some(1),
                    format!(
                        "the front matter opened here has no closing {} line",
                        format.fence()
                    ),
                ),
                None => (
                    Some(1),
                    "no front matter: start the file with a +++ line (TOML) or a --- line (YAML)"
                        .to_owned(),
                ),
            });
        };
        let (cut, table) = match first.format {
            Format::Toml => toml_table(first)?,
            Format::Yaml => (first, super::yaml::table(&first)?),
        };
        Ok(Self {
            table,
            body: cut.body,
            cut,
        })
    }

    /// The value at a dotted path such as `["taxonomies", "tags"]`.
    pub fn get(&self, path: &[&str]) -> Option<&Value> {
        let (last, tables) = path.split_last()?;
        let mut table = &self.table;
        for key in tables {
            table = table.get(*key)?.as_table()?;
        }
        table.get(*last)
    }

    /// The first of several places a value may be, for the layouts that
    /// keep one field in different places (`[taxonomies] tags` in Zola,
    /// top-level `tags` in Hugo).
    pub fn first_of<'p>(&self, paths: &[&'p [&'p str]]) -> Option<(&'p [&'p str], &Value)> {
        paths
            .iter()
            .find_map(|path| self.get(path).map(|value| (*path, value)))
    }

    pub fn string(&self, path: &[&str]) -> Result<Option<String>, Flaw> {
        match self.get(path) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(Value::Datetime(d)) => Ok(Some(d.to_string())),
            Some(Value::Integer(n)) => Ok(Some(n.to_string())),
            Some(_) => Err(self.flaw(path, "should be text")),
        }
    }

    pub fn bool(&self, path: &[&str]) -> Result<Option<bool>, Flaw> {
        match self.get(path) {
            None => Ok(None),
            Some(Value::Boolean(b)) => Ok(Some(*b)),
            Some(_) => Err(self.flaw(path, "should be true or false")),
        }
    }

    /// A list of names; one name on its own counts as a list of one.
    pub fn names(&self, path: &[&str]) -> Result<Vec<String>, Flaw> {
        match self.get(path) {
            None => Ok(Vec::new()),
            Some(Value::String(s)) => Ok(vec![s.clone()]),
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| match item {
                    Value::String(s) => Ok(s.clone()),
                    _ => Err(self.flaw(path, "should be a list of names")),
                })
                .collect(),
            Some(_) => Err(self.flaw(path, "should be a list of names")),
        }
    }

    /// An instant in the stored form, from a TOML date or datetime or a
    /// string holding one (YAML has no dates of its own). A date alone
    /// means its midnight, and a time without an offset is taken as UTC.
    pub fn instant(&self, path: &[&str]) -> Result<Option<String>, Flaw> {
        let parsed = match self.get(path) {
            None => return Ok(None),
            Some(Value::Datetime(d)) => instant_of(d),
            Some(Value::String(s)) => s
                .trim()
                .parse::<Datetime>()
                .ok()
                .and_then(|d| instant_of(&d))
                .or_else(|| normalise_instant(s.trim())),
            Some(_) => None,
        };
        parsed.map(Some).ok_or_else(|| {
            self.flaw(
                path,
                "should be a date (2024-05-08) or a date and time (2024-05-08T09:30:00Z)",
            )
        })
    }

    pub fn flaw(&self, path: &[&str], what: &str) -> Flaw {
        (self.line_of(path), format!("`{}` {what}", path.join(".")))
    }

    /// The line a key is written on, found by reading the text: the values
    /// carry no positions once parsed. A nested key is looked for after its
    /// table's header (`[extra]`, `extra:`).
    pub fn line_of(&self, path: &[&str]) -> Option<usize> {
        let front = self.cut.front;
        let mut from = 0;
        let mut line = None;
        for key in path {
            let mut offset = from;
            let mut found = None;
            for text in front[from..].split_inclusive('\n') {
                if declares(text, key) {
                    found = Some(offset);
                    break;
                }
                offset += text.len();
            }
            let at = found?;
            line = Some(self.cut.line_at(at));
            from = at;
        }
        line
    }
}

/// Whether a line starts `key = …`, `key: …` or is the header `[key]`.
fn declares(line: &str, key: &str) -> bool {
    let line = line.trim_start();
    let header = line
        .strip_prefix('[')
        .and_then(|rest| rest.trim_start_matches('[').strip_prefix(key))
        .is_some_and(|rest| rest.trim_start().starts_with(']'));
    let unquoted = line.strip_prefix(key);
    let quoted = line
        .strip_prefix('"')
        .and_then(|rest| rest.strip_prefix(key))
        .and_then(|rest| rest.strip_prefix('"'));
    header
        || unquoted
            .or(quoted)
            .is_some_and(|rest| rest.trim_start().starts_with(['=', ':']))
}

/// A TOML front matter. A closing fence inside a multi-line string is not
/// the end of the front matter, so when the text up to the first fence does
/// not parse, later fences are tried before giving up with the first error.
fn toml_table(first: Split<'_>) -> Result<(Split<'_>, Table), Flaw> {
    let first_error = match first.front.parse::<Table>() {
        Ok(table) => return Ok((first, table)),
        Err(error) => {
            // An error at the very end is reported on the last line, as
            // the TOML parser itself does.
            let last = first.front.len().saturating_sub(1);
            let line = error.span().map(|span| first.line_at(span.start.min(last)));
            (line, error.message().trim().replace('\n', "; "))
        }
    };
    let mut later = first.next();
    while let Some(cut) = later {
        if let Ok(table) = cut.front.parse::<Table>() {
            return Ok((cut, table));
        }
        later = cut.next();
    }
    Err(first_error)
}

/// The stored form of a TOML date or datetime.
pub fn instant_of(at: &Datetime) -> Option<String> {
    let date = at.date?;
    match (at.time, at.offset) {
        (None, _) => Some(format!("{date}T00:00:00Z")),
        (Some(_), Some(_)) => normalise_instant(&at.to_string()),
        (Some(_), None) => normalise_instant(&format!("{at}Z")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_and_yaml_read_alike() {
        let toml = Front::parse(
            "+++\ntitle = \"T\"\ndate = 2024-05-08\ndraft = true\n[taxonomies]\ntags = [\"a\", \"b\"]\n+++\nbody",
        )
        .unwrap();
        let yaml =
            Front::parse("---\ntitle: T\ndate: 2024-05-08\ndraft: true\ntags: [a, b]\n---\nbody")
                .unwrap();
        for front in [&toml, &yaml] {
            assert_eq!(front.string(&["title"]).unwrap().as_deref(), Some("T"));
            assert_eq!(
                front.instant(&["date"]).unwrap().as_deref(),
                Some("2024-05-08T00:00:00Z")
            );
            assert_eq!(front.bool(&["draft"]).unwrap(), Some(true));
            assert_eq!(front.body, "body");
        }
        assert_eq!(toml.names(&["taxonomies", "tags"]).unwrap(), ["a", "b"]);
        assert_eq!(yaml.names(&["tags"]).unwrap(), ["a", "b"]);
        assert_eq!(toml.line_of(&["taxonomies", "tags"]), Some(6));
    }

    #[test]
    fn instants_in_every_form() {
        let front = Front::parse(
            "+++\na = 2024-05-08T09:30:00+02:00\nb = 2024-05-08T09:30:00\nc = \"2024-05-08 09:30:00Z\"\nd = \"soon\"\n+++\n",
        )
        .unwrap();
        let at = |k| front.instant(&[k]);
        assert_eq!(at("a").unwrap().as_deref(), Some("2024-05-08T07:30:00Z"));
        assert_eq!(at("b").unwrap().as_deref(), Some("2024-05-08T09:30:00Z"));
        assert_eq!(at("c").unwrap().as_deref(), Some("2024-05-08T09:30:00Z"));
        assert_eq!(at("d").unwrap_err().0, Some(5));
    }

    #[test]
    fn a_fence_inside_a_string_is_not_the_end() {
        let front =
            Front::parse("+++\ndescription = \"\"\"\none\n+++\ntwo\"\"\"\n+++\n\nbody\n+++\n")
                .unwrap();
        assert_eq!(
            front.string(&["description"]).unwrap().as_deref(),
            Some("one\n+++\ntwo")
        );
        assert_eq!(front.body, "body\n+++\n");
    }

    #[test]
    fn broken_front_matter_names_its_line() {
        let (line, reason) = Front::parse("+++\ntitle = \"ok\"\ndate = [\n+++\nbody").unwrap_err();
        assert_eq!(line, Some(3), "{reason}");
        let (line, _) = Front::parse("---\ntitle: x\n  bad: [\n---\n").unwrap_err();
        assert_eq!(line, Some(3));
        let (line, reason) = Front::parse("+++\ntitle = 1\n").unwrap_err();
        assert_eq!(line, Some(1));
        assert!(reason.contains("no closing +++"), "{reason}");
        assert!(Front::parse("# Just markdown\n").is_err());
    }
}
