//! `folio user add|passwd|list`: managing authors from the command line.

use std::io::{BufRead, IsTerminal};

use app::server::auth::users;

use crate::cli::{UserArgs, UserCommand};
use crate::BoxError;

pub async fn run(args: UserArgs) -> Result<(), BoxError> {
    let (file, _) = crate::config::load_file(args.db.config.as_deref())?;
    let path = crate::config::database_path(&args.db, &file);
    let pool = crate::open_database(&path).await?;
    match args.command {
        UserCommand::Add {
            name,
            password_stdin,
        } => {
            let password = read_password(password_stdin, true)?;
            users::add(&pool, &name, password).await?;
            println!("Added the author {name}. Sign in at /admin/login.");
        }
        UserCommand::Passwd {
            name,
            password_stdin,
        } => {
            let password = read_password(password_stdin, true)?;
            let ended = users::set_password(&pool, &name, password).await?;
            println!("Changed the password of {name}; ended {ended} session(s).");
        }
        UserCommand::List => {
            let all = users::list(&pool).await?;
            if all.is_empty() {
                println!("No authors yet. Add one with `folio user add NAME`.");
            }
            for (name, created, sessions) in all {
                println!("{name}\tadded {created}\t{sessions} live session(s)");
            }
        }
    }
    Ok(())
}

/// The first line of standard input, or a prompt without echo (twice, so a
/// typo does not lock the author out).
fn read_password(from_stdin: bool, confirm: bool) -> Result<String, BoxError> {
    if from_stdin || !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    let first = rpassword::prompt_password("Password: ")?;
    if confirm {
        let again = rpassword::prompt_password("Again: ")?;
        if again != first {
            return Err("the two passwords differ; nothing was changed".into());
        }
    }
    Ok(first)
}
