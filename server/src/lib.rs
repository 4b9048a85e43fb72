//! The server: builds the axum router around the Leptos app, so `main` stays
//! short and tests can drive the whole stack without a socket.

mod admin;
pub mod backup;
mod cache;
pub mod cli;
pub mod config;
mod discovery;
mod front;
pub mod generate;
mod listen;
mod media;
mod metrics;
mod origin;
pub mod portable;
mod redirects;
mod routes;
pub mod telemetry;
pub mod users;

use std::{error::Error, path::Path, sync::Arc, time::Duration};

use app::server::{
    db, demo,
    state::{AppState, Shared},
};
use leptos::config::LeptosOptions;
use tokio::net::TcpListener;

pub use front::Front;
pub use routes::{route_table, router, Route};

use cli::{DbArgs, ServeArgs};
use config::Settings;

pub type BoxError = Box<dyn Error + Send + Sync>;

/// Opens the database, applies migrations, fills it with the demo site when
/// it is empty and asked to, and returns the state the router needs.
pub async fn prepare(settings: &Settings) -> Result<AppState, BoxError> {
    let pool = open_database(&settings.db).await?;
    if settings.demo && db::is_empty(&pool).await? {
        let loaded = demo::load(&pool).await?;
        tracing::info!(?loaded, "filled the empty database with the demo site");
    }
    Ok(AppState::new(Shared {
        leptos_options: leptos_options(settings),
        pool,
        site: Arc::new(settings.site.clone()),
        generation: Arc::default(),
        owner_name: Default::default(),
        next_publication: Default::default(),
        sign_in_limits: Arc::default(),
        max_upload_bytes: settings.max_upload_bytes,
    }))
}

pub(crate) async fn open_database(path: &Path) -> Result<sqlx::SqlitePool, BoxError> {
    let pool = db::connect(path)
        .await
        .map_err(|e| format!("cannot open the database {}: {e}", path.display()))?;
    db::migrate(&pool)
        .await
        .map_err(|e| format!("cannot migrate {}: {e}", path.display()))?;
    Ok(pool)
}

fn leptos_options(settings: &Settings) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("folio")
        .site_root(settings.site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .site_addr(settings.addr)
        .build()
}

/// Nothing writes any more: folds the write-ahead log into the database
/// file on one last connection, so the file alone is the whole site again.
/// After the pool, not before: its connections analyse as they close, and
/// connections closing side by side each leave the log to the others.
async fn fold_write_ahead_log(path: &Path) {
    use sqlx::{sqlite::SqliteConnectOptions, ConnectOptions, Connection};
    let folded = async {
        let mut conn = SqliteConnectOptions::new().filename(path).connect().await?;
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&mut conn)
            .await?;
        conn.close().await
    };
    if let Err(error) = folded.await {
        tracing::warn!(%error, "cannot checkpoint the database on the way out");
    }
}

pub async fn serve(args: ServeArgs) -> Result<(), BoxError> {
    let (file, file_path) = config::load_file(args.db.config.as_deref())?;
    let demo_env = std::env::var("FOLIO_DEMO").ok();
    let settings = config::resolve(&args, file, demo_env.as_deref());
    tracing::info!(config = ?file_path, db = %settings.db.display(), site_root = %settings.site_root.display(), "starting");
    if !settings.site_root.join("pkg").is_dir() {
        tracing::warn!(site_root = %settings.site_root.display(), "no built assets found; run `cargo leptos build --release` or pass --site-root");
    }
    let _serving = backup::lock_for_serving(&settings.db)?;
    let state = prepare(&settings).await?;
    let listener = TcpListener::bind(settings.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", settings.addr))?;
    let local = listener.local_addr()?;
    println!("{} at http://{local}", settings.site.title);
    let pool = state.pool.clone();
    if let Some(addr) = args.metrics_addr {
        let metrics = metrics::serve(addr, pool.clone()).await?;
        println!("metrics at http://{metrics}/metrics");
    }
    let deadlines = listen::Deadlines {
        headers: Duration::from_secs(args.header_timeout.max(1)),
        drain: Duration::from_secs(args.drain_timeout),
    };
    let drained = listen::serve(listener, router(state), deadlines, shutdown_signal()).await;
    pool.close().await;
    fold_write_ahead_log(&settings.db).await;
    tracing::info!(drained, "stopped");
    Ok(())
}

pub async fn migrate(args: DbArgs) -> Result<(), BoxError> {
    let (file, _) = config::load_file(args.config.as_deref())?;
    let path = config::database_path(&args, &file);
    open_database(&path).await?;
    println!("{} is up to date", path.display());
    Ok(())
}

pub async fn load_demo(args: DbArgs) -> Result<(), BoxError> {
    let (file, _) = config::load_file(args.config.as_deref())?;
    let path = config::database_path(&args, &file);
    let pool = open_database(&path).await?;
    if !db::is_empty(&pool).await? {
        return Err(format!(
            "{} already has content; the demo site loads only into an empty database",
            path.display()
        )
        .into());
    }
    let loaded = demo::load(&pool).await?;
    println!(
        "Loaded the demo site into {}: {} articles, {} notes, {} summaries",
        path.display(),
        loaded.articles,
        loaded.notes,
        loaded.summaries
    );
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

/// An error and every cause under it, on one line.
pub fn error_chain(error: &(dyn Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
