//! Logs: human-readable by default, JSON with FOLIO_LOG_FORMAT=json, levels
//! from RUST_LOG (default: info for Folio, warn for everything else).

use tracing_subscriber::{fmt, EnvFilter};

pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("warn,folio=info,folio_server=info,app=info"));
    let json = std::env::var("FOLIO_LOG_FORMAT").is_ok_and(|v| v == "json");
    // Colours only for a person at a terminal: escape codes in a log file
    // break every grep for a level.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(ansi);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
