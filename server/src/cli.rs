//! The command line. Every flag can also come from the environment, and
//! the file settings from Leptos.toml fill in whatever neither gives.

use std::{net::SocketAddr, path::PathBuf};

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "folio",
    version,
    about = "A self-hosted publishing site for software engineers.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// With no command, `folio` serves: these are `folio serve`'s options.
    #[command(flatten)]
    pub serve: ServeArgs,
}

impl Cli {
    /// The command to run; `serve` when none was named.
    pub fn into_command(self) -> Command {
        self.command.unwrap_or(Command::Serve(self.serve))
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site (the default when no command is given).
    Serve(ServeArgs),
    /// Create the database if needed and apply pending migrations, then exit.
    Migrate(DbArgs),
    /// Load the demo site into an empty database, then exit.
    Demo(DbArgs),
    /// Add an author, change a password, or list authors.
    User(UserArgs),
    /// Write a consistent copy of the live database (media included) to FILE.
    Backup(BackupArgs),
    /// Put a backup back in place of the database (stop the server first).
    Restore(BackupArgs),
    /// Write every article, note and summary as markdown files with front
    /// matter (Zola's field names), plus site.toml and taxonomy.toml, into DIR.
    Export(ExportArgs),
    /// Read markdown files into the site: a folder written by `export`, or
    /// a Zola or Hugo site. All of it or none of it (stop the server first).
    Import(ImportArgs),
    /// Fill an empty database with a large made-up site (for benchmarks).
    Generate(crate::generate::GenerateArgs),
}

#[derive(Debug, Args, Clone)]
pub struct ExportArgs {
    /// The folder to write; must be new or empty
    pub dir: PathBuf,
    /// Export items in the trash too, marked with `deleted` under [extra]
    #[arg(long)]
    pub include_trash: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Args, Clone)]
pub struct ImportArgs {
    /// The folder to read: Folio's export layout, or a Zola or Hugo site
    pub dir: PathBuf,
    /// Check every file and list what would be created or updated; write nothing
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Args, Clone)]
pub struct BackupArgs {
    /// The backup file: created by `backup` (must not exist), read by `restore`
    pub file: PathBuf,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Args, Clone)]
pub struct UserArgs {
    #[command(subcommand)]
    pub command: UserCommand,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Subcommand, Clone)]
pub enum UserCommand {
    /// Create an author; the password is prompted for without echo.
    Add {
        name: String,
        /// Read the password from the first line of standard input (for scripts)
        #[arg(long)]
        password_stdin: bool,
    },
    /// Change an author's password and end all of their sessions.
    Passwd {
        name: String,
        /// Read the password from the first line of standard input (for scripts)
        #[arg(long)]
        password_stdin: bool,
    },
    /// List authors with their number of live sessions.
    List,
}

#[derive(Debug, Args, Clone)]
pub struct DbArgs {
    /// SQLite database file, created on first run [default: data/folio.db, or [server].db of the config file]
    #[arg(long, env = "FOLIO_DB", global = true)]
    pub db: Option<PathBuf>,
    /// Settings file with [site] and [server] tables [default: ./Leptos.toml when present]
    #[arg(long, env = "FOLIO_CONFIG", global = true)]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args, Clone)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Address to listen on [default: 127.0.0.1:3000, or [server].addr of the config file]
    #[arg(long, env = "FOLIO_ADDR")]
    pub addr: Option<SocketAddr>,
    /// Do not fill an empty database with the demo site (FOLIO_DEMO=0 does the same)
    #[arg(long)]
    pub no_demo: bool,
    /// Public URL of the site, for canonical links and feeds [default: http://<addr>, or [site].base_url]
    #[arg(long, env = "FOLIO_BASE_URL")]
    pub base_url: Option<String>,
    /// Folder with the built assets (pkg/, favicon) [default: found next to the binary or in the build tree]
    #[arg(long, env = "FOLIO_SITE_ROOT")]
    pub site_root: Option<PathBuf>,
    /// Largest image upload in megabytes [default: 10, or [server].max_upload_mb]
    #[arg(long, env = "FOLIO_MAX_UPLOAD_MB")]
    pub max_upload_mb: Option<u64>,
    /// Seconds a client has to send a request's headers; also how long an
    /// idle kept-alive connection stays open
    #[arg(long, env = "FOLIO_HEADER_TIMEOUT", default_value_t = 10)]
    pub header_timeout: u64,
    /// Seconds requests in flight get to finish on SIGTERM or Ctrl-C
    #[arg(long, env = "FOLIO_DRAIN_TIMEOUT", default_value_t = 10)]
    pub drain_timeout: u64,
    /// Serve Prometheus metrics at /metrics on this address (off unless given)
    #[arg(long, env = "FOLIO_METRICS_ADDR")]
    pub metrics_addr: Option<SocketAddr>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn serve_is_the_default() {
        let command = Cli::parse_from(["folio", "--no-demo"]).into_command();
        assert!(matches!(
            command,
            Command::Serve(ServeArgs { no_demo: true, .. })
        ));
        let command = Cli::parse_from(["folio", "serve", "--addr", "127.0.0.1:0"]).into_command();
        assert!(matches!(
            command,
            Command::Serve(ServeArgs { addr: Some(_), .. })
        ));
    }

    #[test]
    fn user_commands_parse() {
        let command = Cli::parse_from([
            "folio",
            "user",
            "add",
            "ada",
            "--password-stdin",
            "--db",
            "x.db",
        ])
        .into_command();
        assert!(matches!(
            command,
            Command::User(UserArgs {
                command: UserCommand::Add {
                    password_stdin: true,
                    ..
                },
                ..
            })
        ));
    }
}
