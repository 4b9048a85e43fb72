//! `folio`: one binary that serves the site and runs its chores.

use clap::Parser;
use folio_server::cli::{Cli, Command};

/// glibc's allocator served a cached page at about 60% of the rate
/// mimalloc does here (BENCHMARKS.md, 2026-12-07): malloc and free were
/// about a tenth of a warm request's CPU, under many threads (tokio's
/// workers, the blocking pool compressing pages, sqlx's thread per
/// connection).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc by default keeps freed memory for a while and commits whole
/// arenas up front: its peak over the first renders of the demo site was
/// 158 MB against glibc's 57 MB. Handing pages back at once and committing
/// them as used, set here, brings it to 94 MB (49 MB resident after load,
/// glibc 38 MB); the same options from the environment, which apply from
/// the first allocation, to 74 MB. Set before any thread starts.
fn return_memory_promptly() {
    use libmimalloc_sys::{mi_option_set, mi_option_t};
    // Their places in `mi_option_e` of the mimalloc v2 this crate builds
    // (`include/mimalloc.h`); the Rust bindings do not name these three.
    const ARENA_EAGER_COMMIT: mi_option_t = 4;
    const ALLOW_LARGE_OS_PAGES: mi_option_t = 6;
    const PURGE_DELAY: mi_option_t = 15;
    // SAFETY: plain setters of mimalloc's global options, called once at
    // start, before the runtime spawns a thread.
    unsafe {
        mi_option_set(PURGE_DELAY, 0);
        mi_option_set(ARENA_EAGER_COMMIT, 0);
        mi_option_set(ALLOW_LARGE_OS_PAGES, 0);
    }
}

/// Where the kernel gives every anonymous mapping transparent huge pages
/// (`enabled` set to `always`, as on the benchmark machine), each 2 MB
/// region the allocator touches becomes resident in full: the demo site's
/// peak over its first renders was 100 MB with them and 70 MB without,
/// 56 against 35 MB resident after load. A small server gains nothing
/// from them. Applies to the whole process, mappings made before included.
#[cfg(target_os = "linux")]
fn no_transparent_huge_pages() {
    // SAFETY: prctl(PR_SET_THP_DISABLE) takes and changes only integers.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn no_transparent_huge_pages() {}

/// SQLite allocates through the C library, not through mimalloc, and glibc
/// gives each thread that allocates its own arena, keeping what it frees:
/// on the large benchmark site each database connection's thread held
/// 10–15 MB after a burst of searches and sitemaps. Two arenas let the
/// connections reuse one another's freed memory (peak 171 → 151 MB there).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn few_malloc_arenas() {
    // SAFETY: mallopt changes a setting of glibc's allocator; called once
    // at start, before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn few_malloc_arenas() {}

fn main() -> std::process::ExitCode {
    no_transparent_huge_pages();
    few_malloc_arenas();
    return_memory_promptly();
    match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime.block_on(run()),
        Err(error) => {
            eprintln!("folio: cannot start the async runtime: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> std::process::ExitCode {
    folio_server::telemetry::init();
    let cli = Cli::parse();
    let result = match cli.into_command() {
        Command::Serve(args) => folio_server::serve(args).await,
        Command::Migrate(args) => folio_server::migrate(args).await,
        Command::Demo(args) => folio_server::load_demo(args).await,
        Command::User(args) => folio_server::users::run(args).await,
        Command::Backup(args) => folio_server::backup::backup(args).await,
        Command::Restore(args) => folio_server::backup::restore(args).await,
        Command::Export(args) => folio_server::portable::export(args).await,
        Command::Import(args) => folio_server::portable::import(args).await,
        Command::Generate(args) => folio_server::generate::run(args).await,
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("folio: {}", folio_server::error_chain(&*error));
            std::process::ExitCode::FAILURE
        }
    }
}
