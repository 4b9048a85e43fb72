//! `folio backup` while the site writes, and `folio restore`: the copy is
//! consistent, restore checks it, and neither runs where it must not.

mod common;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use common::{folio, printed, TestSite};

/// One write the way the site makes them: a note and its tag in one transaction.
async fn write_note(pool: &sqlx::SqlitePool, n: u64, tag: i64) {
    let mut tx = pool.begin().await.unwrap();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO notes (slug, title, body_md, status, published_at, created_at, updated_at)
         VALUES (?, ?, 'x', 'published', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id",
    )
    .bind(format!("burst-{n}"))
    .bind(format!("Burst {n}"))
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    sqlx::query("INSERT INTO note_tags (note_id, tag_id) VALUES (?, ?)")
        .bind(id)
        .bind(tag)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_during_writes_is_consistent_and_restores() {
    let site = TestSite::demo().await;
    let tag: i64 = sqlx::query_scalar("SELECT id FROM tags LIMIT 1")
        .fetch_one(&site.pool)
        .await
        .unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let written = Arc::new(AtomicU64::new(0));
    let writer = {
        let (pool, stop, written) = (site.pool.clone(), stop.clone(), written.clone());
        tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                write_note(&pool, n, tag).await;
                n += 1;
                written.store(n, Ordering::Relaxed);
            }
        })
    };
    while written.load(Ordering::Relaxed) < 50 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("backup.db");
    let db = site.db.to_string_lossy().into_owned();
    let backup_path = file.to_string_lossy().into_owned();
    let out = tokio::task::spawn_blocking(move || folio(&["backup", &backup_path, "--db", &db]))
        .await
        .unwrap();
    let during = written.load(Ordering::Relaxed);
    stop.store(true, Ordering::Relaxed);
    writer.await.unwrap();
    assert!(out.status.success(), "{}", printed(&out));
    assert!(printed(&out).contains("integrity ok"));

    // Restore into a fresh place and look inside.
    let restored = dir.path().join("restored.db");
    let out = folio(&[
        "restore",
        file.to_str().unwrap(),
        "--db",
        restored.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", printed(&out));
    let pool = app::server::db::connect(&restored).await.unwrap();
    let (notes, tagged): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), (SELECT COUNT(*) FROM note_tags j JOIN notes n ON n.id = j.note_id WHERE n.slug LIKE 'burst-%')
         FROM notes WHERE slug LIKE 'burst-%'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(
        notes >= 50,
        "the writes before the backup are in it ({notes})"
    );
    assert!(notes as u64 <= during + 1, "nothing from after it");
    assert_eq!(
        notes, tagged,
        "every note has the tag written in its transaction"
    );
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(integrity, "ok");
    let articles: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM articles")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(articles, 36, "the demo site came along");
}

#[tokio::test]
async fn backup_and_restore_refuse_what_they_must() {
    let site = TestSite::demo().await;
    let dir = tempfile::tempdir().unwrap();
    let db = site.db.to_str().unwrap();
    let existing = dir.path().join("taken.db");
    std::fs::write(&existing, b"keep me").unwrap();
    let out = folio(&["backup", existing.to_str().unwrap(), "--db", db]);
    assert!(!out.status.success());
    assert!(
        printed(&out).contains("already exists"),
        "{}",
        printed(&out)
    );
    assert_eq!(
        std::fs::read(&existing).unwrap(),
        b"keep me",
        "an existing file is never overwritten"
    );

    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, b"this is not a database at all, not even close").unwrap();
    let target = dir.path().join("target.db");
    let out = folio(&[
        "restore",
        garbage.to_str().unwrap(),
        "--db",
        target.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(
        printed(&out).contains("not a readable SQLite database"),
        "{}",
        printed(&out)
    );
    assert!(!target.exists(), "nothing is put in place");

    let good = dir.path().join("good.db");
    assert!(folio(&["backup", good.to_str().unwrap(), "--db", db])
        .status
        .success());
    let _serving = folio_server::backup::lock_for_serving(&target).unwrap();
    let out = folio(&[
        "restore",
        good.to_str().unwrap(),
        "--db",
        target.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(
        printed(&out).contains("stop the server before restoring"),
        "{}",
        printed(&out)
    );
}
