//! The plan of every public statement on a generated site of 10,000
//! articles, 50,000 summaries and 5,000 notes, analysed as the app itself
//! analyses (`PRAGMA optimize` on connect). Query plans depend on the
//! schema and the statistics, not on how long the bodies are, so the site
//! is made with short articles and kept between runs, keyed by the
//! migrations and the generator (set FOLIO_PLAN_DB_DIR to move it).
//!
//! The plans are read on one connection opened for the purpose, not from a
//! pool: on a busy CI machine a pool's acquire timeout once ended the test
//! half way through with nothing wrong in any plan.

use std::path::PathBuf;

use sha2::{Digest, Sha256};
use sqlx::Connection;

use super::public_statements;
use crate::server::db;
use crate::server::generate::{generate, Scale};

/// Bump when the generator changes what it writes.
const GENERATOR_VERSION: u32 = 1;

/// Tables read whole by design: a few dozen rows of taxonomy or profile,
/// each the outer loop of a list that shows every one of them.
const SMALL_TABLES: &[&str] = &[
    "categories",
    "c",
    "sources",
    "so",
    "src",
    "profile",
    "profile_links",
    "stack_groups",
    "g",
    "stack_items",
    "i",
    "experiences",
    "json_each",
];

fn cache_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("FOLIO_PLAN_DB_DIR") {
        return PathBuf::from(dir);
    }
    let target = option_env!("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("folio-plan-db")
}

async fn large_site() -> PathBuf {
    let mut key = Sha256::new();
    for migration in db::MIGRATOR.iter() {
        key.update(&migration.checksum);
    }
    key.update(GENERATOR_VERSION.to_le_bytes());
    let key: String = key.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let dir = cache_dir();
    let path = dir.join(format!("site-{key}.db"));
    if path.exists() {
        return path;
    }
    std::fs::create_dir_all(&dir).unwrap();
    let partial = dir.join(format!("site-{key}.{}.partial", std::process::id()));
    let pool = db::connect(&partial).await.unwrap();
    db::migrate(&pool).await.unwrap();
    let scale = Scale {
        max_words: 40,
        ..Scale::default()
    };
    let started = std::time::Instant::now();
    let made = generate(&pool, &scale, time::OffsetDateTime::now_utc())
        .await
        .unwrap();
    eprintln!("generated {made:?} in {:?}", started.elapsed());
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    std::fs::rename(&partial, &path).unwrap();
    for leftover in ["-shm", "-wal"] {
        let mut name = partial.clone().into_os_string();
        name.push(leftover);
        let _ = std::fs::remove_file(name);
    }
    path
}

/// What is wrong with one line of a plan, if anything: a table read row
/// by row with no index, unless it is one of the small ones or a subquery
/// the plan built itself.
fn full_scan(detail: &str, built: &[String]) -> Option<String> {
    let rest = detail.strip_prefix("SCAN ")?;
    let name = rest.split_whitespace().next().unwrap_or_default();
    let indexed = rest.contains("INDEX") || rest.contains("VIRTUAL TABLE");
    let constant = rest.starts_with("CONSTANT ROW");
    let small = SMALL_TABLES.contains(&name);
    let own = name.starts_with('(') || built.iter().any(|b| b == name);
    (!indexed && !small && !own && !constant).then(|| detail.to_owned())
}

/// How many sorts a statement with a LIMIT may do. A list should read its
/// rows in an index's order and stop at the LIMIT; sorting first means
/// reading every candidate. Exceptions: an order that is a computed rank (a
/// search's hits, the articles sharing most tags), and the summaries page,
/// whose outer query sorts the one page of ids its inner query read in order.
fn sorts_allowed(name: &str) -> usize {
    match name {
        "article_links::related" | "search::search" => usize::MAX,
        _ if name.starts_with("summaries::page(") => 1,
        _ => 0,
    }
}

fn sorts_before_limit(name: &str, sql: &str, plan: &[String]) -> bool {
    let sorts = plan
        .iter()
        .filter(|d| *d == "USE TEMP B-TREE FOR ORDER BY")
        .count();
    sql.contains(" LIMIT ") && sorts > sorts_allowed(name)
}

#[tokio::test(flavor = "multi_thread")]
async fn every_public_statement_plans_with_an_index() {
    let path = large_site().await;
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&path);
    let mut conn = sqlx::SqliteConnection::connect_with(&options)
        .await
        .unwrap();
    // What every connection of the app runs when it opens.
    sqlx::query("PRAGMA optimize=0x10002")
        .execute(&mut conn)
        .await
        .unwrap();
    let mut failures = Vec::new();
    for statement in public_statements() {
        let plan: Vec<(i64, i64, i64, String)> =
            sqlx::query_as(&format!("EXPLAIN QUERY PLAN {}", statement.sql))
                .fetch_all(&mut conn)
                .await
                .unwrap_or_else(|e| panic!("{}: {e}", statement.name));
        let built: Vec<String> = plan
            .iter()
            .filter_map(|(_, _, _, d)| {
                d.strip_prefix("MATERIALIZE ")
                    .or_else(|| d.strip_prefix("CO-ROUTINE "))
                    .map(str::to_owned)
            })
            .collect();
        let details: Vec<String> = plan.iter().map(|(_, _, _, d)| d.clone()).collect();
        if sorts_before_limit(&statement.name, &statement.sql, &details) {
            failures.push(format!("{}: sorts before its LIMIT", statement.name));
        }
        eprintln!("{}:", statement.name);
        for (_, _, _, detail) in &plan {
            eprintln!("    {detail}");
            if let Some(problem) = full_scan(detail, &built) {
                failures.push(format!("{}: {problem}", statement.name));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "full scans and sorts before a LIMIT:\n{}",
        failures.join("\n")
    );
}

#[test]
fn scans_are_told_apart() {
    let none: &[String] = &[];
    assert!(full_scan("SCAN a", none).is_some());
    assert!(full_scan("SCAN a USING COVERING INDEX articles_public_list", none).is_none());
    assert!(full_scan("SCAN c", none).is_none());
    assert!(full_scan("SCAN hits", &["hits".to_owned()]).is_none());
    assert!(full_scan("SEARCH a USING INTEGER PRIMARY KEY (rowid=?)", none).is_none());
    let sort = "USE TEMP B-TREE FOR ORDER BY".to_owned();
    let limited = "SELECT 1 ORDER BY a LIMIT ?";
    assert!(sorts_before_limit(
        "x",
        limited,
        std::slice::from_ref(&sort)
    ));
    assert!(!sorts_before_limit(
        "search::search",
        limited,
        std::slice::from_ref(&sort)
    ));
    assert!(!sorts_before_limit(
        "summaries::page(tag)",
        limited,
        std::slice::from_ref(&sort)
    ));
    let twice = [sort.clone(), sort.clone()];
    assert!(sorts_before_limit("summaries::page(tag)", limited, &twice));
    assert!(!sorts_before_limit("x", "SELECT 1 ORDER BY a", &[sort]));
}
