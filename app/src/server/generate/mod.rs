//! A large, realistic site for measuring Folio: ten thousand articles of
//! 1–8k words with code and headings, fifty thousand summaries, five
//! thousand notes, hundreds of tags, and a few hundred drafts, scheduled
//! and deleted items. Everything but the dates is fixed by the seed; dates
//! are placed relative to `now` so scheduled items stay in the future.
//!
//! Markdown goes through the app's own renderer, on every core, while the
//! previous batch is written in one transaction.

mod items;
mod rng;
mod taxonomy;
mod text;

use std::sync::Arc;

use sqlx::SqlitePool;
use time::OffsetDateTime;

use super::db::bulk;

/// How big a site to make.
#[derive(Clone, Debug)]
pub struct Scale {
    pub articles: usize,
    pub summaries: usize,
    pub notes: usize,
    pub seed: u64,
    /// Articles are cut to this many words (the plans of queries do not
    /// depend on body length, so tests may make small ones).
    pub max_words: usize,
}

impl Default for Scale {
    fn default() -> Self {
        Self {
            articles: 10_000,
            summaries: 50_000,
            notes: 5_000,
            seed: 1,
            max_words: 8_000,
        }
    }
}

/// What was written.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Generated {
    pub articles: usize,
    pub notes: usize,
    pub summaries: usize,
    pub tags: usize,
    /// Items that are drafts, scheduled for later or in the trash.
    pub hidden: usize,
}

const BATCH: usize = 200;

/// Fills an empty, migrated database.
#[tracing::instrument(skip(pool))]
pub async fn generate(
    pool: &SqlitePool,
    scale: &Scale,
    now: OffsetDateTime,
) -> Result<Generated, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let terms = Arc::new(taxonomy::write(&mut tx, scale.seed, now).await?);
    tx.commit().await?;
    let plan = Arc::new(items::Plan {
        scale: scale.clone(),
        now,
        terms: terms.clone(),
    });
    let mut made = Generated {
        tags: terms.tags.len(),
        ..Generated::default()
    };

    // Each kind: made on every core, written one batch a transaction.
    macro_rules! write_all {
        ($count:expr, $make:ident, $insert:path, $field:ident) => {
            let p = plan.clone();
            let mut batches = produce($count, move |i| p.$make(i));
            while let Some(rows) = batches.recv().await {
                made.$field += rows.len();
                made.hidden += rows.iter().filter(|r| is_hidden(&r.life)).count();
                let mut tx = pool.begin().await?;
                $insert(&mut tx, &rows).await?;
                tx.commit().await?;
            }
        };
    }
    write_all!(scale.articles, article, bulk::insert_articles, articles);
    write_all!(scale.notes, note, bulk::insert_notes, notes);
    write_all!(scale.summaries, summary, bulk::insert_summaries, summaries);
    // What a long-running site would have learnt about its tables.
    sqlx::query("ANALYZE").execute(pool).await?;
    Ok(made)
}

fn is_hidden(life: &bulk::Lifecycle) -> bool {
    life.status != "published" || life.deleted_at.is_some()
}

/// Makes items `0..count` in batches on every core, off the async runtime,
/// handing each batch over as soon as it is ready.
fn produce<T, F>(count: usize, make: F) -> tokio::sync::mpsc::Receiver<Vec<T>>
where
    T: Send + 'static,
    F: Fn(usize) -> T + Send + Sync + 'static,
{
    let (sender, receiver) = tokio::sync::mpsc::channel(2);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    tokio::task::spawn_blocking(move || {
        for start in (0..count).step_by(BATCH) {
            let end = (start + BATCH).min(count);
            let chunk = (end - start).div_ceil(threads);
            let batch: Vec<T> = std::thread::scope(|scope| {
                let workers: Vec<_> = (start..end)
                    .step_by(chunk)
                    .map(|from| {
                        let make = &make;
                        scope.spawn(move || {
                            (from..(from + chunk).min(end))
                                .map(make)
                                .collect::<Vec<T>>()
                        })
                    })
                    .collect();
                workers
                    .into_iter()
                    .flat_map(|w| w.join().expect("a generator thread panicked"))
                    .collect()
            });
            if sender.blocking_send(batch).is_err() {
                return;
            }
        }
    });
    receiver
}
