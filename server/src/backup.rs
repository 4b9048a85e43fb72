//! `folio backup FILE` and `folio restore FILE`. A backup is `VACUUM INTO`:
//! one consistent snapshot of the live database, taken while the site
//! serves and writes (WAL readers never block the writer), media included
//! (images live in the database). Restore checks the copy's integrity and
//! refuses to run while a server holds the database.

use std::fs::File;
use std::path::{Path, PathBuf};

use crate::cli::BackupArgs;
use crate::BoxError;

/// Held by `folio serve` for as long as it runs, so a restore can tell.
pub struct ServeLock {
    _file: File,
}

fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Takes the database's serve lock, or says who holds it.
pub fn lock_for_serving(db: &Path) -> Result<ServeLock, BoxError> {
    let path = lock_path(db);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)?;
    match file.try_lock() {
        Ok(()) => Ok(ServeLock { _file: file }),
        Err(_) => Err(format!("{} is in use by another running folio", db.display()).into()),
    }
}

pub async fn backup(args: BackupArgs) -> Result<(), BoxError> {
    let db = database(&args)?;
    if args.file.exists() {
        return Err(format!(
            "{} already exists; choose a new file name",
            args.file.display()
        )
        .into());
    }
    let pool = crate::open_database(&db).await?;
    let target = args.file.to_string_lossy().into_owned();
    sqlx::query("VACUUM INTO ?")
        .bind(&target)
        .execute(&pool)
        .await
        .map_err(|e| format!("cannot write the backup {target}: {e}"))?;
    pool.close().await;
    check_integrity(&args.file).await?;
    let size = std::fs::metadata(&args.file)?.len();
    println!(
        "Backed up {} to {} ({size} bytes, integrity ok)",
        db.display(),
        args.file.display()
    );
    Ok(())
}

pub async fn restore(args: BackupArgs) -> Result<(), BoxError> {
    let db = database(&args)?;
    if !args.file.is_file() {
        return Err(format!("there is no backup at {}", args.file.display()).into());
    }
    check_integrity(&args.file).await?;
    let _lock = lock_for_serving(&db).map_err(|_| {
        format!(
            "{} is in use by a running folio; stop the server before restoring",
            db.display()
        )
    })?;
    // Copy beside the database, then rename over it: the live file is
    // never half-written, whatever happens during the copy.
    let staging = db.with_extension("restoring");
    std::fs::copy(&args.file, &staging)?;
    File::open(&staging)?.sync_all()?;
    for suffix in ["-wal", "-shm"] {
        let mut side = db.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
    std::fs::rename(&staging, &db)?;
    // Bring the restored database up to this binary's schema.
    crate::open_database(&db).await?.close().await;
    println!("Restored {} from {}", db.display(), args.file.display());
    Ok(())
}

fn database(args: &BackupArgs) -> Result<PathBuf, BoxError> {
    let (file, _) = crate::config::load_file(args.db.config.as_deref())?;
    Ok(crate::config::database_path(&args.db, &file))
}

/// `PRAGMA integrity_check` on a file that must already be a Folio database.
pub async fn check_integrity(path: &Path) -> Result<(), BoxError> {
    use sqlx::sqlite::SqliteConnectOptions;
    use sqlx::{ConnectOptions, Connection};
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await
        .map_err(|e| format!("{} is not a readable SQLite database: {e}", path.display()))?;
    let verdict: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .map_err(|e| format!("{} is not a readable SQLite database: {e}", path.display()))?;
    let folio: Option<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'articles'",
    )
    .fetch_optional(&mut conn)
    .await?;
    conn.close().await?;
    if verdict != "ok" {
        return Err(format!("{} failed its integrity check: {verdict}", path.display()).into());
    }
    if folio.is_none() {
        return Err(format!("{} is not a Folio database", path.display()).into());
    }
    Ok(())
}
