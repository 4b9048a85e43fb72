//! `folio`: one binary that serves the site and runs its chores.

use clap::Parser;
use folio_server::cli::{Cli, Command};

#[tokio::main]
async fn main() -> std::process::ExitCode {
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
