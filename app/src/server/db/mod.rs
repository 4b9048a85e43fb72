//! All of Folio's SQL lives under this module. Functions take a pool or a
//! transaction, return wire types or row types, and never leak SQL upward.
//!
//! The public read path's functions trace at debug level: an enabled span
//! formats its arguments for every call, and at info level those spans
//! were a visible part of each page render (`RUST_LOG=app=debug` shows
//! them). Writes, sign-ins and sessions keep their info spans.

pub mod article_links;
pub mod articles;
pub mod authoring;
pub mod bulk;
pub mod catalog;
pub mod feeds;
pub mod home;
pub mod media;
pub mod notes;
pub mod portable;
pub mod profile;
pub mod schedule;
pub mod search;
pub mod summaries;
pub mod tags;
pub mod write;

use std::{path::Path, str::FromStr, time::Duration};

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

/// Rows an analysis samples per index (SQLite suggests a few hundred).
const ANALYSIS_LIMIT: u32 = 400;

/// Migrations are compiled into the binary and applied at start.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

/// Opens (creating if needed) the database file with the settings every
/// connection needs: WAL so readers never wait for the writer, foreign keys
/// enforced, and a busy timeout instead of an immediate "database is locked".
///
/// Statistics follow SQLite's advice for long-lived connections: each one
/// runs `PRAGMA optimize=0x10002` when it opens and `PRAGMA optimize` when
/// it closes, both with `analysis_limit` so an analysis reads a sample, not
/// every row. The pool retires connections after `max_lifetime`, so on a
/// site that runs for months this also happens periodically.
/// How many connections the pool opens: two per core, between two and
/// eight. Reads are CPU work on the page cache the OS keeps, so more than
/// that only runs more queries side by side, each with its own memory (on
/// the large benchmark site a connection's sorts, FTS5 doclists and page
/// cache reached 10–15 MB). Page renders are limited to one per core
/// (`folio_server::cache`).
pub fn connections() -> u32 {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    u32::try_from(cores * 2).unwrap_or(8).clamp(2, 8)
}

/// The memory SQLite aims to stay within, all connections together
/// (`PRAGMA soft_heap_limit`, process-wide). Over it, SQLite gives back
/// its connections' cached pages before taking more. It allocates through
/// the C library, whose arenas keep what is freed: on the large benchmark
/// site the server's peak under its cold loads fell from 79 to 70 MB,
/// resident afterwards from 66 to 58 MB (BENCHMARKS.md, 2026-12-07).
pub const SOFT_HEAP_LIMIT: i64 = 8 * 1024 * 1024;

#[tracing::instrument]
pub async fn connect(path: &Path) -> Result<SqlitePool, sqlx::Error> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(sqlx::Error::Io)?;
    }
    let options = SqliteConnectOptions::from_str("sqlite:")?
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
        .analysis_limit(ANALYSIS_LIMIT)
        .optimize_on_close(true, ANALYSIS_LIMIT)
        // 512 KiB of pages per connection, not SQLite's 2 MB: the OS keeps
        // the file's pages cached anyway, and on the large benchmark site
        // a quarter of the cache cost no cold page any time while the
        // server's peak fell by ~20 MB.
        .pragma("cache_size", "-512")
        .pragma("soft_heap_limit", SOFT_HEAP_LIMIT.to_string());
    SqlitePoolOptions::new()
        .max_connections(connections())
        .max_lifetime(Duration::from_secs(60 * 60))
        .after_connect(|conn, _| {
            Box::pin(async move {
                sqlx::query("PRAGMA optimize=0x10002")
                    .execute(conn)
                    .await
                    .map(|_| ())
            })
        })
        .connect_with(options)
        .await
}

/// A transaction that will write, holding the write lock from its first
/// statement (`BEGIN IMMEDIATE`). A deferred one that reads first and
/// writes later cannot wait for the lock: if another writer committed in
/// between, SQLite answers "database is locked" at once, without the busy
/// timeout (the soak's autosaves met exactly that). Waiting at BEGIN is
/// covered by the busy timeout instead.
pub async fn begin_write(
    pool: &SqlitePool,
) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

/// Applies every migration the database has not seen yet.
pub async fn migrate(pool: &SqlitePool) -> Result<(), sqlx::migrate::MigrateError> {
    MIGRATOR.run(pool).await
}

/// True when nothing has been written yet: no profile and no content.
pub async fn is_empty(pool: &SqlitePool) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM profile) + (SELECT COUNT(*) FROM articles)
              + (SELECT COUNT(*) FROM notes) + (SELECT COUNT(*) FROM summaries)",
    )
    .fetch_one(pool)
    .await?;
    Ok(count == 0)
}

/// The SQL condition that makes a row of table alias `$t` public, with one
/// `?` bound to now. Every public query uses it, so the rule lives here once.
#[macro_export]
macro_rules! public {
    ($t:literal) => {
        concat!(
            "(",
            $t,
            ".deleted_at IS NULL AND ",
            $t,
            ".status <> 'draft' AND ",
            $t,
            ".published_at <= ?)"
        )
    };
}
