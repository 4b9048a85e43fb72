//! One generated article, note or summary, rendered: a pure function of
//! the seed and the item's index, so any thread can make any item.

use std::sync::Arc;

use time::{Duration, OffsetDateTime};

use super::rng::Rng;
use super::taxonomy::Terms;
use super::{text, Scale};
use crate::markdown;
use crate::server::clock::format_instant;
use crate::server::db::bulk::{ArticleRow, Lifecycle, NoteRow, SummaryRow};

pub struct Plan {
    pub scale: Scale,
    pub now: OffsetDateTime,
    pub terms: Arc<Terms>,
}

const ARTICLES: u64 = 1;
const NOTES: u64 = 2;
const SUMMARIES: u64 = 3;

impl Plan {
    pub fn article(&self, i: usize) -> ArticleRow {
        let mut rng = Rng::for_item(self.scale.seed, ARTICLES, i as u64);
        let title = text::title(&mut rng);
        let dek_words = rng.range(10, 24);
        let dek: Vec<String> = (0..dek_words).map(|_| text::word(&mut rng)).collect();
        let words = text::article_words(&mut rng).min(self.scale.max_words);
        let body_md = text::article_body(&mut rng, words);
        let rendered = markdown::render(&body_md);
        ArticleRow {
            slug: text::slug_of(&title, i + 1),
            title,
            dek: format!("{}.", dek.join(" ")),
            body_md,
            body_html: rendered.html,
            body_text: rendered.plain_text,
            toc_json: serde_json::to_string(&rendered.toc).unwrap_or_else(|_| "[]".into()),
            reading_minutes: rendered.reading_minutes,
            category_id: self.terms.categories[rng.skewed(self.terms.categories.len())],
            tag_ids: tags(&mut rng, &self.terms.tags, 1, 5),
            life: self.life(&mut rng, i, self.scale.articles, 15, 0.04),
        }
    }

    pub fn note(&self, i: usize) -> NoteRow {
        let mut rng = Rng::for_item(self.scale.seed, NOTES, i as u64);
        let title = text::title(&mut rng);
        let words = rng.range(40, 400);
        let mut body_md = text::paragraph(&mut rng, words);
        if rng.chance(0.3) {
            let lines = rng.range(3, 12);
            body_md = format!("{body_md}\n\n{}", text::code_block(&mut rng, lines));
        }
        let rendered = markdown::render(&body_md);
        NoteRow {
            slug: text::slug_of(&title, i + 1),
            title,
            body_md,
            body_html: rendered.html,
            body_text: rendered.plain_text,
            tag_ids: tags(&mut rng, &self.terms.tags, 0, 3),
            life: self.life(&mut rng, i, self.scale.notes, 8, 0.04),
        }
    }

    pub fn summary(&self, i: usize) -> SummaryRow {
        let mut rng = Rng::for_item(self.scale.seed, SUMMARIES, i as u64);
        let title = text::title(&mut rng);
        let slug = text::slug_of(&title, i + 1);
        let words = rng.range(40, 120);
        let body_md = text::paragraph(&mut rng, words);
        let (source_id, host) = &self.terms.sources[rng.skewed(self.terms.sources.len())];
        let life = self.life(&mut rng, i, self.scale.summaries, 12, 0.006);
        let day = life
            .published_at
            .as_deref()
            .unwrap_or(&life.created_at)
            .get(..10)
            .unwrap_or_default()
            .to_owned();
        SummaryRow {
            body_html: markdown::render_inline(&body_md),
            original_url: format!("https://{host}/{slug}"),
            slug,
            title,
            body_md,
            source_id: *source_id,
            category_id: self.terms.categories[rng.skewed(self.terms.categories.len())],
            day,
            tag_ids: tags(&mut rng, &self.terms.tags, 1, 4),
            life,
        }
    }

    /// Items spread evenly over the last `years`, newest last; a `hidden`
    /// share of them, half drafts, a quarter scheduled for the coming weeks
    /// and a quarter in the trash.
    fn life(&self, rng: &mut Rng, i: usize, count: usize, years: i64, hidden: f64) -> Lifecycle {
        let span = Duration::days(365 * years).whole_seconds();
        let offset = span * (count - i) as i64 / count.max(1) as i64;
        let at = self.now - Duration::seconds(offset + rng.range(60, 86_400) as i64);
        let created = format_instant(at - Duration::hours(rng.range(1, 200) as i64));
        let roll = rng.unit();
        let (status, published) = if roll < hidden / 2.0 {
            ("draft", None)
        } else if roll < hidden * 0.75 {
            let later = self.now + Duration::hours(rng.range(2, 24 * 60) as i64);
            ("scheduled", Some(later))
        } else {
            ("published", Some(at))
        };
        let updated = match published {
            Some(p) if rng.chance(0.2) => {
                (p + Duration::days(rng.range(1, 400) as i64)).min(self.now.max(p))
            }
            Some(p) => p,
            None => at,
        };
        Lifecycle {
            status,
            deleted_at: (roll >= hidden * 0.75 && roll < hidden).then(|| format_instant(updated)),
            published_at: published.map(format_instant),
            created_at: created,
            updated_at: format_instant(updated),
        }
    }
}

/// `low..=high` distinct tags, popular ones most often.
fn tags(rng: &mut Rng, all: &[i64], low: usize, high: usize) -> Vec<i64> {
    let want = rng.range(low, high);
    let mut chosen: Vec<i64> = Vec::with_capacity(want);
    while chosen.len() < want {
        let tag = all[rng.skewed(all.len())];
        if !chosen.contains(&tag) {
            chosen.push(tag);
        }
    }
    chosen
}
