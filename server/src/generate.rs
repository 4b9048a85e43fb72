//! `folio generate`: fills a new database with a large made-up site, for
//! benchmarks and for checking query plans at scale.

use std::time::Instant;

use clap::Args;

use app::server::{db, generate};

use crate::cli::DbArgs;
use crate::BoxError;

#[derive(Debug, Args, Clone)]
pub struct GenerateArgs {
    /// How many articles (1–8k words each, with code and headings)
    #[arg(long, default_value_t = 10_000)]
    pub articles: usize,
    /// How many summaries
    #[arg(long, default_value_t = 50_000)]
    pub summaries: usize,
    /// How many notes
    #[arg(long, default_value_t = 5_000)]
    pub notes: usize,
    /// The same seed makes the same site (dates follow the day it runs)
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Cut articles to this many words
    #[arg(long, default_value_t = 8_000)]
    pub max_words: usize,
    #[command(flatten)]
    pub db: DbArgs,
}

pub async fn run(args: GenerateArgs) -> Result<(), BoxError> {
    let (file, _) = crate::config::load_file(args.db.config.as_deref())?;
    let path = crate::config::database_path(&args.db, &file);
    let pool = crate::open_database(&path).await?;
    if !db::is_empty(&pool).await? {
        return Err(format!(
            "{} already has content; generate fills only an empty database",
            path.display()
        )
        .into());
    }
    let scale = generate::Scale {
        articles: args.articles,
        summaries: args.summaries,
        notes: args.notes,
        seed: args.seed,
        max_words: args.max_words,
    };
    let started = Instant::now();
    let made = generate::generate(&pool, &scale, time::OffsetDateTime::now_utc()).await?;
    pool.close().await;
    println!(
        "Generated into {} in {:.1} s: {} articles, {} notes, {} summaries, {} tags ({} hidden: drafts, scheduled or deleted)",
        path.display(),
        started.elapsed().as_secs_f64(),
        made.articles,
        made.notes,
        made.summaries,
        made.tags,
        made.hidden
    );
    Ok(())
}
