//! Request ids, against the real binary: every answer names its request,
//! and every log line written while serving it carries the same id, so one
//! request's story can be read out of a busy log.

mod common;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use common::wire::{self, Served};

fn get_with_id(path: &str, id: &str) -> Vec<u8> {
    format!(
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Request-Id: {id}\r\n\r\n"
    )
    .into_bytes()
}

#[tokio::test]
async fn every_answer_names_its_request_and_odd_ids_are_replaced() {
    let site = Served::start(&[]);
    let mut seen = HashSet::new();
    for path in [
        "/",
        "/articles",
        "/api/site_meta",
        "/no-such-page",
        "/feed.xml",
    ] {
        let raw = wire::exchange(site.addr, &wire::get(path)).await.unwrap();
        let answer = wire::parse(&raw).unwrap();
        let id = answer
            .header("x-request-id")
            .unwrap_or_else(|| panic!("{path} answered without a request id"));
        assert!(id.len() >= 16, "{path}: {id}");
        assert!(seen.insert(id), "two requests shared an id");
    }
    // A proxy's plain id is kept, so its log and ours can be joined.
    let raw = wire::exchange(site.addr, &get_with_id("/", "edge-42.a_b"))
        .await
        .unwrap();
    let answer = wire::parse(&raw).unwrap();
    assert_eq!(
        answer.header("x-request-id").as_deref(),
        Some("edge-42.a_b")
    );
    // Anything else never reaches the logs.
    for odd in ["<script>", "a b", &"x".repeat(65), "\"quoted\""] {
        let raw = wire::exchange(site.addr, &get_with_id("/", odd))
            .await
            .unwrap();
        let answer = wire::parse(&raw).unwrap();
        let id = answer.header("x-request-id").unwrap();
        assert_ne!(id, odd);
        assert!(
            id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-'),
            "{id}"
        );
    }
}

#[tokio::test]
async fn a_log_line_written_while_serving_carries_the_request_id() {
    let site = Served::start_with_env(&[], &[("RUST_LOG", "info"), ("FOLIO_LOG_FORMAT", "json")]);
    let form = format!("username={}&password=wrong", common::AUTHOR);
    let request = format!(
        "POST /admin/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
         X-Request-Id: trace-me-7\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
        form.len()
    );
    let raw = wire::exchange(site.addr, request.as_bytes()).await.unwrap();
    let answer = wire::parse(&raw).unwrap();
    assert_eq!(answer.header("x-request-id").as_deref(), Some("trace-me-7"));
    // The line may reach the file a moment after the answer.
    let started = Instant::now();
    let line = loop {
        let log = site.log();
        if let Some(line) = log.lines().find(|l| l.contains("sign-in refused")) {
            break line.to_owned();
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no sign-in line in the log:\n{log}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let entry: serde_json::Value = serde_json::from_str(&line).expect("a JSON log line");
    assert_eq!(entry["span"]["name"], "request", "{line}");
    assert_eq!(entry["span"]["id"], "trace-me-7", "{line}");
    assert_eq!(entry["span"]["method"], "POST", "{line}");
    assert_eq!(entry["span"]["path"], "/admin/login", "{line}");
}
