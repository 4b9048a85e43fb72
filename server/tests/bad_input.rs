//! Every registered server function, fed malformed, oversized, wrong-type
//! and odd-unicode input, both anonymous and signed in as the author,
//! answers either 2xx (the input was valid after all) or a clear, short
//! 4xx in the project's error shape: never a 5xx, a panic or a hang, and
//! never a word of internal detail. The functions come from the registry;
//! their argument shapes from their source (`bad_input/shapes.rs`), so a
//! new function or field is probed without anyone adding it here.

mod common;
#[path = "bad_input/shapes.rs"]
mod shapes;

use std::time::Duration;

use axum::body::{Body, Bytes};
use tower::ServiceExt;

use common::TestSite;
use shapes::{Codec, Field, Leaf, Shape};

/// The refusals a caller can act on: bad request, sign in, no such thing,
/// conflict, too large, wrong media type, unprocessable.
const CLEAR_REFUSALS: &[u16] = &[400, 401, 404, 409, 413, 415, 422];

/// Words that only internal detail would put in an answer.
const INTERNAL_DETAIL: &[&str] = &[
    "sqlx",
    "sqlite",
    "panicked",
    "src/",
    ".rs:",
    "SELECT",
    "INSERT",
    "backtrace",
    "server function",
    "column",
];

/// A refusal is a sentence, not a dump.
const LONGEST_REFUSAL: usize = 400;

/// No single request may take longer than this: a hang, or work that
/// grows with the square of the input, fails the case. Every probe takes
/// well under a second today.
const PATIENCE: Duration = Duration::from_secs(5);

/// Past the 8 MB limit on every body but image uploads.
const PAST_THE_LIMIT: usize = 9 * 1024 * 1024;
/// Past every limit, the uploads' too (about 2.7 times the largest image).
const PAST_EVERY_LIMIT: usize = 3 * app::server::media::DEFAULT_MAX_BYTES as usize;
/// The one function with a larger limit (`routes.rs`): images arrive as
/// base64 in JSON.
const UPLOAD: &str = "/api/upload_media";

/// `size` bytes of JSON whitespace, made once and shared by every probe.
fn blank_body(size: usize) -> Bytes {
    static BODIES: std::sync::Mutex<Vec<Bytes>> = std::sync::Mutex::new(Vec::new());
    let mut bodies = BODIES.lock().expect("not poisoned");
    if let Some(body) = bodies.iter().find(|body| body.len() == size) {
        return body.clone();
    }
    let body = Bytes::from(vec![b' '; size]);
    bodies.push(body.clone());
    body
}

/// One request to send to one function.
struct Probe {
    label: String,
    content_type: Option<&'static str>,
    body: Bytes,
    query: String,
    /// Send `Content-Length` (true) or stream the body without one.
    declared: bool,
    /// What a correct function must answer.
    expect: Expect,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// The input cannot be decoded: a clear refusal.
    Refusal,
    /// Only 413 will do.
    TooLarge,
    /// Valid or not, depending on the function: 2xx or a clear refusal.
    AnyAnswer,
}

impl Probe {
    fn new(label: impl Into<String>, content_type: &'static str, body: impl Into<Bytes>) -> Self {
        Self {
            label: label.into(),
            content_type: Some(content_type),
            body: body.into(),
            query: String::new(),
            declared: true,
            expect: Expect::AnyAnswer,
        }
    }

    fn json(label: impl Into<String>, body: impl Into<Bytes>) -> Self {
        Self::new(label, "application/json", body)
    }

    fn form(label: impl Into<String>, body: impl Into<Bytes>) -> Self {
        Self::new(label, "application/x-www-form-urlencoded", body)
    }

    fn expect(mut self, expect: Expect) -> Self {
        self.expect = expect;
        self
    }

    /// Refused when the function decodes `codec`, open otherwise.
    fn refused_by(self, codec: Codec, function_codec: Codec) -> Self {
        let expect = if codec == function_codec {
            Expect::Refusal
        } else {
            Expect::AnyAnswer
        };
        self.expect(expect)
    }
}

/// Text that a string field may legitimately hold, however odd. The
/// nested ones are for markdown fields: the sanitizer's parser once spent
/// minutes on 50,000 nested list items.
fn odd_texts() -> Vec<(&'static str, String)> {
    vec![
        ("NUL", "a\u{0}b".to_owned()),
        ("RTL override", "\u{202E}txt.exe".to_owned()),
        ("emoji", "😀🦀👩‍👩‍👧 🏳️‍🌈".to_owned()),
        (
            "10k combining marks",
            format!("a{}", "\u{0301}".repeat(10_000)),
        ),
        ("1 MB of a", "a".repeat(1024 * 1024)),
        ("10k nested quotes", format!("{}x", "> ".repeat(10_000))),
        ("50k nested lists", format!("{}x", "- ".repeat(50_000))),
        ("100k brackets", "[".repeat(100_000)),
        (
            "nested emphasis",
            format!("{}x{}", "*_".repeat(20_000), "_*".repeat(20_000)),
        ),
        ("10k nested tags", format!("{}x", "<div>".repeat(10_000))),
    ]
}

/// JSON text that is never a valid string: lone surrogate escapes.
const LONE_SURROGATES: &[&str] = &[r#""\ud800""#, r#""x\udc00y""#];

/// JSON values of the wrong type for a text field.
const NOT_TEXT: &[&str] = &["42", "true", "{}", "[[]]"];
/// JSON values of the wrong type for a number, a boolean or an enum (whose
/// variants are names, never NUL): out of range, fractional, nested.
const NOT_NUMBER_BOOL_OR_ENUM: &[&str] = &[
    "[]",
    "{}",
    "1.5",
    "9223372036854775808",
    "1e400",
    r#""\u0000""#,
];

/// `{"a":{"b":VALUE}}` for the path `["a", "b"]`.
fn nested_json(path: &[String], value: &str) -> String {
    path.iter().rev().fold(value.to_owned(), |inner, key| {
        format!("{{\"{key}\":{inner}}}")
    })
}

/// `a[b]` for the path `["a", "b"]`, the bracket syntax of the URL codec.
fn form_key(field: &Field) -> String {
    let mut key = field.path[0].clone();
    for part in &field.path[1..] {
        key.push_str(&format!("[{part}]"));
    }
    if field.in_list {
        key.push_str("[0]");
    }
    key
}

fn percent_encoded(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}

/// `bytes` as a query string: printable ASCII kept (escapes and all, as
/// the probe wrote them), everything else percent-encoded.
fn url_safe(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| {
            if b.is_ascii_graphic() && b != b'#' {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Probes every function gets, whatever its arguments.
fn common_probes(path: &str, codec: Codec) -> Vec<Probe> {
    use Codec::{Form, Json};
    let mut probes = vec![
        Probe::json("an empty body", "").refused_by(Json, codec),
        Probe::json("{}", "{}"),
        Probe::json("invalid JSON", r#"{"a":"#).refused_by(Json, codec),
        Probe {
            content_type: None,
            ..Probe::json("invalid JSON and no Content-Type", r#"{"a":"#).refused_by(Json, codec)
        },
        Probe::json("a JSON list", "[]"),
        Probe::json("a JSON string", r#""x""#).refused_by(Json, codec),
        Probe::json("a JSON number", "42").refused_by(Json, codec),
        Probe::json("JSON null", "null").refused_by(Json, codec),
        Probe::json(
            "1 MB in an unknown field",
            format!(r#"{{"a":"{}"}}"#, "a".repeat(1024 * 1024)),
        ),
        Probe::new("plain text", "text/plain", "not json, not a form").refused_by(Json, codec),
        Probe::form("a garbage form", "%zz=%%&&=%&a[=]]").refused_by(Json, codec),
        Probe::form("invalid UTF-8 in a form", b"a=\xff\xfe".to_vec()),
        Probe::new(
            "multipart without a boundary",
            "multipart/form-data",
            "--x--",
        )
        .refused_by(Json, codec),
    ];
    // Declared, the length alone is refused; streamed without one, the
    // limit is met while the body is read.
    let mut sizes = vec![("past every limit", PAST_EVERY_LIMIT)];
    if path != UPLOAD {
        sizes.push(("past the 8 MB limit", PAST_THE_LIMIT));
    }
    for (size_label, size) in sizes {
        for declared in [true, false] {
            let how = if declared { "declared" } else { "streamed" };
            probes.push(Probe {
                declared,
                ..Probe::json(format!("a body {size_label}, {how}"), blank_body(size))
                    .expect(Expect::TooLarge)
            });
        }
    }
    for query in [
        "%zz".to_owned(),
        "a=%00".to_owned(),
        "a=%ED%A0%80&b=%FF".to_owned(),
        "a=b&".repeat(5_000),
    ] {
        let body = if codec == Form { "" } else { "{}" };
        probes.push(Probe {
            query,
            ..Probe::new("a garbage query string", content_type(codec), body)
        });
    }
    probes
}

fn content_type(codec: Codec) -> &'static str {
    match codec {
        Codec::Json => "application/json",
        Codec::Form => "application/x-www-form-urlencoded",
    }
}

/// Probes that reach into each argument and field the shape names.
/// `well_typed` chooses the odd but valid values (which a function may
/// accept and store) or the wrong types (which it must refuse).
fn field_probes(shape: &Shape, well_typed: bool) -> Vec<Probe> {
    let mut probes = Vec::new();
    for argument in shape.arguments.iter().filter(|_| !well_typed) {
        // A struct argument given as a plain value is the wrong type in
        // either codec; a text argument may take anything.
        let is_struct = shape
            .fields
            .iter()
            .any(|f| f.path[0] == *argument && f.path.len() > 1);
        let expect = if is_struct {
            Expect::Refusal
        } else {
            Expect::AnyAnswer
        };
        for value in ["42", "true", r#""x""#] {
            let body = nested_json(std::slice::from_ref(argument), value);
            let probe = Probe::json(format!("{argument} = {value}"), body);
            probes.push(if shape.codec == Codec::Json {
                probe.expect(expect)
            } else {
                probe
            });
        }
        if shape.codec == Codec::Form {
            let probe = Probe::form(
                format!("{argument} as plain text"),
                format!("{argument}=42"),
            );
            probes.push(probe.expect(expect));
        }
    }
    for field in &shape.fields {
        let name = field.path.join(".");
        match shape.codec {
            Codec::Json => probes.extend(json_field_probes(field, &name, well_typed)),
            Codec::Form => probes.extend(form_field_probes(field, &name, well_typed)),
        }
    }
    probes
}

fn json_field_probes(field: &Field, name: &str, well_typed: bool) -> Vec<Probe> {
    let in_place = |value: &str| {
        let value = if field.in_list {
            format!("[{value}]")
        } else {
            value.to_owned()
        };
        nested_json(&field.path, &value)
    };
    if well_typed {
        if field.leaf != Leaf::Text {
            return Vec::new();
        }
        return odd_texts()
            .into_iter()
            .map(|(label, text)| {
                let value = serde_json::to_string(&text).expect("a JSON string");
                Probe::json(format!("{name} = {label}"), in_place(&value))
            })
            .collect();
    }
    let wrong: Vec<&str> = match field.leaf {
        Leaf::Text => NOT_TEXT.iter().chain(LONE_SURROGATES).copied().collect(),
        Leaf::Other => NOT_NUMBER_BOOL_OR_ENUM
            .iter()
            .chain(LONE_SURROGATES)
            .copied()
            .collect(),
    };
    wrong
        .into_iter()
        .map(|value| {
            Probe::json(format!("{name} = {value}"), in_place(value)).expect(Expect::Refusal)
        })
        .collect()
}

fn form_field_probes(field: &Field, name: &str, well_typed: bool) -> Vec<Probe> {
    let key = form_key(field);
    if well_typed {
        if field.leaf != Leaf::Text {
            return Vec::new();
        }
        return odd_texts()
            .into_iter()
            .map(|(label, text)| {
                Probe::form(
                    format!("{name} = {label}"),
                    format!("{key}={}", percent_encoded(&text)),
                )
            })
            .collect();
    }
    let mut probes = vec![
        Probe::form(format!("{name} as a map"), format!("{key}[x]=y")),
        Probe::form(
            format!("{name} = a lone surrogate in UTF-8"),
            format!("{key}=%ED%A0%80"),
        ),
        Probe::form(format!("{name} = invalid UTF-8"), format!("{key}=%FF%FE")),
        Probe::form(format!("{name} = a broken escape"), format!("{key}=%zz")),
    ];
    if field.leaf == Leaf::Other {
        for value in ["abc", "1.5", "99999999999999999999", "-1"] {
            probes.push(
                Probe::form(format!("{name} = {value}"), format!("{key}={value}"))
                    .expect(Expect::Refusal),
            );
        }
    }
    probes
}

/// What the router answered one probe.
struct Answer {
    status: u16,
    body: String,
}

/// Sends `probe` to `path`; a panic or a hang is reported as an error.
async fn send(
    site: &TestSite,
    path: &str,
    method: &http::Method,
    probe: &Probe,
    cookie: Option<&str>,
) -> Result<Answer, String> {
    // A GET function reads its input from the query string.
    let query = if *method == http::Method::GET && probe.query.is_empty() {
        url_safe(&probe.body)
    } else {
        probe.query.clone()
    };
    let uri = if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    };
    let mut request = http::Request::builder().method(method.clone()).uri(uri);
    if let Some(content_type) = probe.content_type {
        request = request.header("content-type", content_type);
    }
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    // Without the header the limit is only met while the body is read.
    if probe.declared {
        request = request.header("content-length", probe.body.len());
    }
    let request = request
        .body(Body::from(probe.body.clone()))
        .expect("a request");
    let router = site.router.clone();
    let answer = tokio::spawn(async move {
        let response = router.oneshot(request).await.expect("router answers");
        let page = common::read(response).await;
        Answer {
            status: page.status,
            body: page.body,
        }
    });
    match tokio::time::timeout(PATIENCE, answer).await {
        Err(_) => Err(format!("no answer within {PATIENCE:?}")),
        Ok(Err(join)) if join.is_panic() => Err("the handler panicked".to_owned()),
        Ok(Err(join)) => Err(format!("the handler did not finish: {join}")),
        Ok(Ok(answer)) => Ok(answer),
    }
}

/// What is wrong with `answer` to `probe`, if anything.
fn judge(probe: &Probe, answer: &Answer) -> Option<String> {
    let status = answer.status;
    let success = (200..300).contains(&status);
    let refusal = CLEAR_REFUSALS.contains(&status);
    let acceptable = match probe.expect {
        Expect::TooLarge => status == 413,
        Expect::Refusal => refusal,
        Expect::AnyAnswer => success || refusal,
    };
    let shown: String = answer.body.chars().take(200).collect();
    if !acceptable {
        return Some(format!(
            "answered {status} (wanted {:?}): {shown}",
            probe.expect
        ));
    }
    if !refusal {
        return None;
    }
    if answer.body.len() > LONGEST_REFUSAL {
        return Some(format!(
            "a {status} of {} bytes: {shown}",
            answer.body.len()
        ));
    }
    if let Some(word) = INTERNAL_DETAIL
        .iter()
        .find(|word| answer.body.to_lowercase().contains(&word.to_lowercase()))
    {
        return Some(format!("a {status} that says {word:?}: {shown}"));
    }
    match serde_json::from_str::<app::api::AppError>(&answer.body) {
        Ok(error) if !error.to_string().trim().is_empty() => None,
        _ => Some(format!("a {status} not in the error shape: {shown}")),
    }
}

/// The registered functions with their shapes; a function whose source
/// the reader cannot find fails here, so none is probed half-blind.
fn functions() -> Vec<(String, http::Method, Shape)> {
    let shapes = shapes::read();
    common::surface::server_functions()
        .into_iter()
        .map(|(path, method)| {
            let shape = shapes
                .get(&path)
                .unwrap_or_else(|| panic!("{path}: no #[server(endpoint = …)] found in app/src"))
                .clone();
            (path, method, shape)
        })
        .collect()
}

/// Sends every probe `select` chooses to every function; returns the
/// failures, one line each.
async fn probe_all(
    site: &TestSite,
    cookie: Option<&str>,
    select: impl Fn(&str, &Shape) -> Vec<Probe>,
) -> (usize, Vec<String>) {
    let mut sent = 0;
    let mut failures = Vec::new();
    for (path, method, shape) in functions() {
        for probe in select(&path, &shape) {
            sent += 1;
            let caller = if cookie.is_some() {
                "author"
            } else {
                "anonymous"
            };
            let verdict = match send(site, &path, &method, &probe, cookie).await {
                // Signed in, every probe must reach past the guard, or the
                // author's half of this test would probe nothing.
                Ok(answer) if cookie.is_some() && answer.status == 401 => {
                    Some("the signed-in author was turned away".to_owned())
                }
                Ok(answer) => judge(&probe, &answer),
                Err(broken) => Some(broken),
            };
            if let Some(problem) = verdict {
                failures.push(format!(
                    "{method} {path} ({caller}, {}): {problem}",
                    probe.label
                ));
            }
        }
    }
    (sent, failures)
}

fn malformed(path: &str, shape: &Shape) -> Vec<Probe> {
    let mut probes = common_probes(path, shape.codec);
    probes.extend(field_probes(shape, false));
    probes
}

fn odd_but_well_typed(_path: &str, shape: &Shape) -> Vec<Probe> {
    field_probes(shape, true)
}

/// `fewest` keeps the test honest: a shape reader that found nothing
/// would otherwise pass by sending nothing.
fn assert_no_failures(sent: usize, fewest: usize, failures: &[String]) {
    assert!(sent >= fewest, "only {sent} probes were sent");
    assert!(
        failures.is_empty(),
        "{} of {sent} probes failed:\n{}",
        failures.len(),
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The rows of every table but the sessions (signing in writes those).
async fn content(site: &TestSite) -> Vec<String> {
    let mut rows = site.fingerprint().await;
    rows.retain(|row| !row.starts_with("sessions:"));
    rows
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_callers_get_clear_refusals_and_change_nothing() {
    let site = TestSite::demo().await;
    let before = content(&site).await;
    let (sent, mut failures) = probe_all(&site, None, malformed).await;
    let (more, later) = probe_all(&site, None, odd_but_well_typed).await;
    failures.extend(later);
    assert_no_failures(sent + more, 1000, &failures);
    assert!(
        content(&site).await == before,
        "an anonymous call wrote to the database"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_author_gets_clear_refusals_and_malformed_input_writes_nothing() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let before = content(&site).await;
    let (sent, failures) = probe_all(&site, Some(&cookie), malformed).await;
    assert_no_failures(sent, 800, &failures);
    assert!(
        content(&site).await == before,
        "malformed input from the author wrote to the database"
    );
}

/// Odd text in the right place may be stored: a draft titled with an
/// emoji is the author's choice. What may not happen is a 5xx, or an
/// existing item, term or image going missing. The profile is left out of
/// that check: a well-formed profile save replaces it whole, by design.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_author_may_store_odd_text_but_never_loses_content() {
    let site = TestSite::demo().await;
    let cookie = site.sign_in().await;
    let profile_tables = [
        "profile:",
        "profile_links:",
        "stack_groups:",
        "stack_items:",
        "experiences:",
    ];
    let kept = |rows: Vec<String>| -> Vec<String> {
        rows.into_iter()
            .filter(|row| !profile_tables.iter().any(|table| row.starts_with(table)))
            .collect()
    };
    let before = kept(content(&site).await);
    let (sent, failures) = probe_all(&site, Some(&cookie), odd_but_well_typed).await;
    assert_no_failures(sent, 150, &failures);
    let after = kept(content(&site).await);
    let lost: Vec<&String> = before.iter().filter(|row| !after.contains(row)).collect();
    assert!(lost.is_empty(), "rows changed or went missing: {lost:?}");
}

#[test]
fn every_registered_function_has_a_shape_and_the_shapes_have_fields() {
    let functions = functions();
    assert!(functions.len() >= 20, "{} functions", functions.len());
    for (path, method, _) in &functions {
        assert!(
            [http::Method::GET, http::Method::POST].contains(method),
            "{method} {path}: teach bad_input.rs how to send this method"
        );
    }
    let (_, _, save) = functions
        .iter()
        .find(|(path, _, _)| path == "/api/save_item")
        .expect("save_item is registered");
    let names: Vec<String> = save.fields.iter().map(|f| f.path.join(".")).collect();
    for expected in ["request.doc.title", "request.doc.tags", "request.explicit"] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    assert!(save.codec == Codec::Json);
    let (_, _, get_article) = functions
        .iter()
        .find(|(path, _, _)| path == "/api/get_article")
        .expect("get_article is registered");
    assert!(get_article.codec == Codec::Form);
    assert_eq!(get_article.arguments, ["query"]);
}
