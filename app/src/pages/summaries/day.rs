//! One day of summaries: its heading (index on the page, date, count) and
//! each summary with its source, category, tags and a link to the original.

use leptos::prelude::*;

use crate::components::tag_list::TagList;
use crate::domain::{day_heading, links, summary_count, SummaryDay, SummaryItem};

#[component]
pub fn DayGroup(
    /// 1 for the newest day on this page.
    index: usize,
    day: SummaryDay,
    /// Each summary's body, in order; `None` after hydration.
    bodies: Vec<Option<String>>,
) -> impl IntoView {
    let heading_id = format!("day-{}", day.day);
    let labelled_by = heading_id.clone();
    let SummaryDay { day, items } = day;
    view! {
        <section aria-labelledby=labelled_by>
            <h2
                id=heading_id
                class="flex flex-wrap items-baseline gap-x-2 border-b border-rule pb-2 font-mono text-xs uppercase tracking-widest text-muted dark:border-night-rule dark:text-night-muted"
            >
                <span class="font-semibold text-ink dark:text-night-ink">{format!("Day {index:02}")}</span>
                <span aria-hidden="true">"·"</span>
                <time datetime=day.clone()>{day_heading(&day)}</time>
                <span aria-hidden="true">"·"</span>
                <span>{summary_count(items.len())}</span>
            </h2>
            <ol class="divide-y divide-rule dark:divide-night-rule">
                {items
                    .into_iter()
                    .zip(bodies)
                    .map(|(summary, body)| view! { <SummaryCard summary body /> })
                    .collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn SummaryCard(summary: SummaryItem, body: Option<String>) -> impl IntoView {
    let SummaryItem {
        slug,
        title,
        body_html: _,
        original_url,
        source,
        category,
        tags,
        ..
    } = summary;
    let title_id = format!("summary-{slug}");
    let labelled_by = title_id.clone();
    let link_label = format!("Read the original at {}: {title}", source.name);
    view! {
        <li class="py-6">
            <article aria-labelledby=labelled_by>
                <p class="flex flex-wrap gap-x-2 text-sm">
                    <span class="font-semibold">{source.name.clone()}</span>
                    <span aria-hidden="true" class="text-muted dark:text-night-muted">"·"</span>
                    <span class="text-muted dark:text-night-muted">{category.name}</span>
                </p>
                <h3 id=title_id class="mt-1 font-serif text-2xl font-semibold leading-snug">{title}</h3>
                <p class="mt-2 leading-relaxed" inner_html=body></p>
                <div class="mt-3 flex flex-wrap items-center justify-between gap-3">
                    <TagList tags />
                    <a
                        href=links::href(&original_url)
                        rel="noopener external"
                        aria-label=link_label
                        class="text-sm text-accent underline dark:text-night-accent"
                    >
                        {format!("Read the original at {}", source.name)}
                        <span aria-hidden="true">" →"</span>
                    </a>
                </div>
            </article>
        </li>
    }
}
