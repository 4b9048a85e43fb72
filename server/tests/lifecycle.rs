//! The process's life, against the real binary on a loopback port: slow
//! clients cannot hold connections, SIGTERM drains requests in flight and
//! leaves a checkpointed database, and `kill -9` loses no save the client
//! was told succeeded.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::wire::{self, Served};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Reads until the server closes the connection or `limit` passes;
/// returns how long the connection lived, or `None` if it outlived `limit`.
async fn closed_within(stream: &mut TcpStream, limit: Duration) -> Option<Duration> {
    let start = Instant::now();
    let mut buf = [0u8; 1024];
    loop {
        match tokio::time::timeout(limit.saturating_sub(start.elapsed()), stream.read(&mut buf))
            .await
        {
            Ok(Ok(0) | Err(_)) => return Some(start.elapsed()),
            Ok(Ok(_)) => continue,
            Err(_) => return None,
        }
    }
}

#[tokio::test]
async fn a_client_that_dribbles_its_headers_or_says_nothing_is_cut_off() {
    let site = Served::start(&["--header-timeout", "1"]);
    // Silent: connects and sends nothing.
    let mut silent = TcpStream::connect(site.addr).await.unwrap();
    // Slow loris: a byte of headers every 200 ms, never finishing.
    let mut slow = TcpStream::connect(site.addr).await.unwrap();
    let dribble = async {
        for byte in b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaa".iter() {
            if slow.write_all(&[*byte]).await.is_err() {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        false
    };
    let cut_while_dribbling = dribble.await;
    assert!(
        cut_while_dribbling,
        "a client still sending headers after 10 s was kept"
    );
    let silent_life = closed_within(&mut silent, Duration::from_secs(5)).await;
    assert!(
        silent_life.is_some(),
        "a silent connection was kept past 5 s"
    );
    // A kept-alive connection that goes idle after an answer is closed too.
    let mut idle = TcpStream::connect(site.addr).await.unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .await
        .unwrap();
    let life = closed_within(&mut idle, Duration::from_secs(5)).await;
    assert!(life.is_some(), "an idle kept-alive connection was kept");
    // Meanwhile everyone else is served.
    let raw = wire::exchange(site.addr, &wire::get("/healthz"))
        .await
        .unwrap();
    assert_eq!(wire::parse(&raw).unwrap().status, 200);
}

#[tokio::test]
async fn sigterm_under_load_finishes_every_accepted_request_and_checkpoints() {
    let mut site = Served::start(&["--drain-timeout", "10"]);
    let addr = site.addr;
    // A request in flight when the signal comes: its body is half sent.
    let body = "query[q]=sqlite";
    let head = format!(
        "POST /api/search HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let mut in_flight = TcpStream::connect(addr).await.unwrap();
    in_flight.write_all(head.as_bytes()).await.unwrap();
    in_flight.write_all(&body.as_bytes()[..5]).await.unwrap();

    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut clients = Vec::new();
    for n in 0..16 {
        let stop = stop.clone();
        clients.push(tokio::spawn(async move {
            let paths = ["/", "/articles", "/summaries", "/search?q=rust", "/tags"];
            let (mut served, mut refused, mut broken) = (0, 0, Vec::new());
            let mut i = n;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                i += 1;
                match wire::exchange(addr, &wire::get(paths[i % paths.len()])).await {
                    Ok(raw) if raw.is_empty() => refused += 1,
                    Ok(raw) => match wire::parse(&raw) {
                        Some(answer) if answer.complete && answer.status == 200 => served += 1,
                        other => broken.push(format!("{other:?}")),
                    },
                    // Refused or reset before a byte came back: the
                    // listener was closed, nothing had been accepted.
                    Err(_) => refused += 1,
                }
                if refused > 0 {
                    break;
                }
            }
            (served, refused, broken)
        }));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    site.signal("TERM");
    tokio::time::sleep(Duration::from_millis(300)).await;
    // The half-sent request is finished and answered in full.
    in_flight.write_all(&body.as_bytes()[5..]).await.unwrap();
    let mut raw = Vec::new();
    in_flight.read_to_end(&mut raw).await.unwrap();
    let answer = wire::parse(&raw).expect("the request in flight is answered");
    assert!(answer.complete && answer.status == 200, "{answer:?}");
    assert!(answer.text().contains("SQLite") || answer.text().contains("sqlite"));

    let status = site
        .wait(Duration::from_secs(15))
        .expect("the server exits");
    assert!(status.success(), "{status:?}");
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut served = 0;
    for client in clients {
        let (ok, _refused, broken) = client.await.unwrap();
        served += ok;
        assert!(broken.is_empty(), "accepted requests failed: {broken:?}");
    }
    assert!(served > 20, "the load ran: {served} requests served");
    // Checkpointed and closed: the write-ahead log holds nothing.
    let wal = site.db.with_extension("db-wal");
    let wal_len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    assert_eq!(wal_len, 0, "{} still holds {wal_len} bytes", wal.display());
}

/// More saves than can happen before the kill.
const CAP: usize = 100_000;

#[tokio::test]
async fn kill_9_in_the_middle_of_autosaves_loses_no_acknowledged_save() {
    let mut site = Served::start(&[]);
    let addr = site.addr;
    let cookie = wire::sign_in(addr).await;
    let run = format!("{}", std::process::id());
    let count = Arc::new(AtomicUsize::new(0));
    let saver = {
        let cookie = cookie.clone();
        let run = run.clone();
        let count = count.clone();
        tokio::spawn(async move {
            let mut acknowledged = Vec::new();
            for i in 0..CAP {
                let marker = format!("durable-{run}-{i}");
                let doc = serde_json::json!({"request": {"explicit": false, "doc": {
                    "kind": "note", "title": format!("Autosave {marker}"), "slug": marker,
                    "status": "draft", "body_md": format!("Every word of {marker} matters.")}}});
                let request = wire::post_json("/api/save_item", &doc.to_string(), Some(&cookie));
                let Ok(raw) = wire::exchange(addr, &request).await else {
                    break;
                };
                match wire::parse(&raw) {
                    Some(a) if a.complete && a.status == 200 && a.text().contains("\"Saved\"") => {
                        acknowledged.push(marker);
                        count.fetch_add(1, Ordering::SeqCst);
                    }
                    _ => break,
                }
            }
            acknowledged
        })
    };
    // Let a good number of saves through, then pull the plug while the
    // saver is still going.
    let started = std::time::Instant::now();
    while count.load(Ordering::SeqCst) < 100 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "saves are too slow"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    site.signal("KILL");
    let acknowledged = saver.await.unwrap();
    assert!(
        acknowledged.len() < CAP,
        "the saver ran to its end: the process was not killed under it"
    );
    // Restarted on the same file: every acknowledged save is there, and
    // the file is sound.
    site.restart(&[]);
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", site.db.display()))
        .await
        .unwrap();
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(integrity, "ok");
    for marker in &acknowledged {
        let body: Option<String> = sqlx::query_scalar("SELECT body_md FROM notes WHERE slug = ?")
            .bind(marker)
            .fetch_optional(&pool)
            .await
            .unwrap();
        assert_eq!(
            body.as_deref(),
            Some(format!("Every word of {marker} matters.").as_str()),
            "an acknowledged save is missing"
        );
    }
    let raw = wire::exchange(site.addr, &wire::get("/readyz"))
        .await
        .unwrap();
    assert_eq!(wire::parse(&raw).unwrap().status, 200);
}
