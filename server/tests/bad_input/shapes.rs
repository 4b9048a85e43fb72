//! The shape of each server function's input, read from the source of
//! `app/src`: which codec it decodes (`input = …Json` or the default URL
//! form), its argument names, and the fields of the structs they hold,
//! down to the leaves. The registry names the functions but not their
//! arguments; reading the source keeps this list from being typed by hand,
//! and a function the reader cannot find fails the test instead of being
//! skipped.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// How a function decodes its body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Codec {
    Json,
    /// The default of `#[server]`: `application/x-www-form-urlencoded`.
    Form,
}

/// What a leaf field holds, which decides the values that are the wrong
/// type for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leaf {
    /// `String`, `Option<String>` or `Vec<String>`.
    Text,
    /// Numbers, booleans, enums: anything that is not text.
    Other,
}

/// One field anywhere in the input: its path from the top-level argument
/// (`["request", "doc", "title"]`), what it holds, and whether it sits in
/// a list (then a value is sent as a one-element list).
#[derive(Clone, Debug)]
pub struct Field {
    pub path: Vec<String>,
    pub leaf: Leaf,
    pub in_list: bool,
}

#[derive(Clone, Debug)]
pub struct Shape {
    pub codec: Codec,
    pub arguments: Vec<String>,
    pub fields: Vec<Field>,
}

/// The shape of every `#[server(endpoint = …)]` function in `app/src`,
/// keyed by its address (`/api/<endpoint>`).
pub fn read() -> HashMap<String, Shape> {
    let sources = rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src"));
    let texts: Vec<String> = sources
        .iter()
        .map(|path| without_comments(&std::fs::read_to_string(path).expect("source readable")))
        .collect();
    let structs: HashMap<String, Typed> =
        texts.iter().flat_map(|text| struct_fields(text)).collect();
    let mut shapes = HashMap::new();
    for text in &texts {
        for (endpoint, codec, parameters) in server_functions(text) {
            let mut fields = Vec::new();
            for (name, type_text) in &parameters {
                walk(&structs, vec![name.clone()], type_text, false, &mut fields);
            }
            let arguments = parameters.into_iter().map(|(name, _)| name).collect();
            shapes.insert(
                format!("/api/{endpoint}"),
                Shape {
                    codec,
                    arguments,
                    fields,
                },
            );
        }
    }
    shapes
}

fn rust_files(folder: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder).expect("app/src is readable") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            found.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found
}

/// Names with their types, as written: a function's parameters or a
/// struct's fields.
type Typed = Vec<(String, String)>;

/// Each server function in `text`: its endpoint, codec and parameters.
fn server_functions(text: &str) -> Vec<(String, Codec, Typed)> {
    let mut found = Vec::new();
    for (start, _) in text.match_indices("#[server(endpoint = \"") {
        let attribute = &text[start..start + text[start..].find(")]").expect("attribute ends")];
        let endpoint = attribute["#[server(endpoint = \"".len()..]
            .split('"')
            .next()
            .expect("endpoint name")
            .to_owned();
        let codec = if attribute.contains("codec::Json") {
            Codec::Json
        } else {
            Codec::Form
        };
        let signature = &text[start + attribute.len()..];
        let function = &signature[signature.find("fn ").expect("a function follows")..];
        let list = balanced(&function[function.find('(').expect("parameters")..]);
        let parameters = split_top_level(list)
            .iter()
            .filter_map(|parameter| {
                let parameter = strip_attributes(parameter);
                let (name, type_text) = parameter.split_once(':')?;
                Some((name.trim().to_owned(), type_text.trim().to_owned()))
            })
            .collect();
        found.push((endpoint, codec, parameters));
    }
    found
}

/// The fields (name, type) of every `pub struct Name { … }` in `text`.
fn struct_fields(text: &str) -> Vec<(String, Typed)> {
    let mut found = Vec::new();
    for (start, _) in text.match_indices("pub struct ") {
        let rest = &text[start + "pub struct ".len()..];
        let name_end = rest
            .find(|c: char| !c.is_alphanumeric() && c != '_')
            .unwrap_or(rest.len());
        let after_name = rest[name_end..].trim_start();
        if !after_name.starts_with('{') {
            continue; // a tuple or unit struct: no named fields
        }
        let body = balanced(after_name);
        let fields = split_top_level(body)
            .iter()
            .filter_map(|field| {
                let field = strip_attributes(field);
                let field = field.strip_prefix("pub ")?;
                let (name, type_text) = field.split_once(':')?;
                Some((name.trim().to_owned(), type_text.trim().to_owned()))
            })
            .collect();
        found.push((rest[..name_end].to_owned(), fields));
    }
    found
}

/// Follows a type to its leaves: through `Option<…>` and `Vec<…>`, into
/// any struct defined in `app/src`, at most `DEEPEST` names down (no input
/// nests deeper; the bound stops a type that contains itself).
fn walk(
    structs: &HashMap<String, Typed>,
    path: Vec<String>,
    type_text: &str,
    in_list: bool,
    fields: &mut Vec<Field>,
) {
    let type_text = type_text.trim();
    if let Some(inner) = unwrap_generic(type_text, "Option") {
        return walk(structs, path, inner, in_list, fields);
    }
    if let Some(inner) = unwrap_generic(type_text, "Vec") {
        return walk(structs, path, inner, true, fields);
    }
    let name = type_text.rsplit("::").next().unwrap_or(type_text);
    match structs.get(name) {
        Some(members) if path.len() < DEEPEST => {
            for (member, member_type) in members {
                let mut deeper = path.clone();
                deeper.push(member.clone());
                walk(structs, deeper, member_type, in_list, fields);
            }
        }
        _ => fields.push(Field {
            path,
            leaf: if name == "String" {
                Leaf::Text
            } else {
                Leaf::Other
            },
            in_list,
        }),
    }
}

const DEEPEST: usize = 4;

fn unwrap_generic<'a>(type_text: &'a str, wrapper: &str) -> Option<&'a str> {
    type_text
        .strip_prefix(wrapper)?
        .trim_start()
        .strip_prefix('<')?
        .strip_suffix('>')
}

/// The text inside the bracket that `text` starts with (`(…)` or `{…}`).
fn balanced(text: &str) -> &str {
    let mut depth = 0;
    for (index, c) in text.char_indices() {
        match c {
            '(' | '{' | '<' | '[' => depth += 1,
            ')' | '}' | '>' | ']' => {
                depth -= 1;
                if depth == 0 {
                    return &text[1..index];
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced brackets in {text:.80}");
}

/// The source without its `//` lines (doc comments too), so brackets in
/// prose cannot unbalance the parse.
fn without_comments(text: &str) -> String {
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Splits at commas outside any bracket.
fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (index, c) in text.char_indices() {
        match c {
            '(' | '{' | '<' | '[' => depth += 1,
            ')' | '}' | '>' | ']' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&text[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts.retain(|part| !part.trim().is_empty());
    parts
}

/// A field or parameter without its `#[…]` attributes.
fn strip_attributes(mut text: &str) -> &str {
    text = text.trim();
    while text.starts_with("#[") {
        let end = text.find(']').expect("attribute ends");
        text = text[end + 1..].trim();
    }
    text
}
