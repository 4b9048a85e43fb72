//! `/`: the about page — who the author is, what they work with, where they
//! have worked (with what they wrote at the time), and their latest writing.

use leptos::prelude::*;

use super::LoadError;
use crate::api::get_home;
use crate::components::{article_row::ArticleRow, page_meta::PageMeta};
use crate::domain::{
    dates, links, Experience, Home, NoteTeaser, Profile, StackGroup, SummaryTeaser,
};

#[component]
pub fn HomePage() -> impl IntoView {
    let home = Resource::new(|| (), |_| get_home());
    view! {
        <Transition fallback=|| view! { <p class="py-10">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(home) => view! { <HomeView home /> }.into_any(),
                    Err(error) => view! { <LoadError error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn HomeView(home: Home) -> impl IntoView {
    let Home {
        profile,
        articles,
        notes,
        summaries,
    } = home;
    let (title, description) = match &profile {
        Some(p) => (p.name.clone(), format!("{} — {}", p.name, p.headline)),
        None => (
            "Home".to_owned(),
            "Articles, notes and reading summaries.".to_owned(),
        ),
    };
    let json_ld = profile.as_ref().map(person_json_ld);
    view! {
        <PageMeta title description path="/" og_type="profile" json_ld=json_ld.unwrap_or_default() />
        {match profile {
            Some(profile) => view! { <ProfileView profile /> }.into_any(),
            None => view! {
                <header class="pt-12 pb-6">
                    <h1 class="font-serif text-4xl font-semibold tracking-tight">"Welcome"</h1>
                    <p class="mt-3 text-muted dark:text-night-muted">"The author has not written their profile yet."</p>
                </header>
            }.into_any(),
        }}
        <section aria-labelledby="latest-articles" class="mt-14">
            <SectionHeading id="latest-articles" title="Latest articles and technical writing" href="/articles" more="All articles" />
            {if articles.is_empty() {
                view! { <p class="py-4 text-muted dark:text-night-muted">"Nothing has been published yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="divide-y divide-rule dark:divide-night-rule">
                        {articles.into_iter().map(|article| view! { <ArticleRow article /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <div class="mt-14 grid gap-14 lg:grid-cols-2">
            <LatestNotes notes />
            <LatestSummaries summaries />
        </div>
    }
}

/// JSON-LD `Person` for the about page.
fn person_json_ld(profile: &Profile) -> String {
    serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Person",
        "name": profile.name,
        "jobTitle": profile.headline,
        "homeLocation": { "@type": "Place", "name": profile.location },
        "sameAs": profile.links.iter().filter_map(|l| links::href(&l.url)).collect::<Vec<_>>(),
    })
    .to_string()
}

#[component]
fn SectionHeading(
    id: &'static str,
    title: &'static str,
    href: &'static str,
    more: &'static str,
) -> impl IntoView {
    view! {
        <div class="flex flex-wrap items-baseline justify-between gap-2 border-b border-rule pb-2 dark:border-night-rule">
            <h2 id=id class="font-serif text-2xl font-semibold">{title}</h2>
            <a href=href class="text-sm text-accent underline dark:text-night-accent">{more}" →"</a>
        </div>
    }
}

#[component]
fn ProfileView(profile: Profile) -> impl IntoView {
    let Profile {
        name,
        headline,
        bio_html,
        location,
        email,
        links,
        stack,
        experience,
    } = profile;
    view! {
        <header class="pt-12 pb-2">
            <h1 class="font-serif text-4xl font-semibold tracking-tight sm:text-5xl">{name}</h1>
            <p class="mt-3 text-xl text-muted dark:text-night-muted">{headline}</p>
            {(!location.is_empty()).then(|| view! { <p class="mt-2 text-sm text-muted dark:text-night-muted">{location}</p> })}
        </header>
        <div class="prose prose-lg mt-6 max-w-3xl dark:prose-invert" inner_html=bio_html></div>
        <ul class="mt-6 flex flex-wrap gap-x-5 gap-y-2 text-sm" aria-label="Elsewhere">
            {links.into_iter().map(|link| view! {
                <li><a href=links::href(&link.url) rel="me noopener" class="text-accent underline dark:text-night-accent">{link.label}</a></li>
            }).collect_view()}
            {(!email.is_empty()).then(|| view! {
                <li><a href=format!("mailto:{email}") class="text-accent underline dark:text-night-accent">"Email"</a></li>
            })}
        </ul>
        <TechStack stack />
        <Timeline experience />
    }
}

/// Each section erases its view type (`into_any`): nested deeply enough,
/// the typed views of a whole page exceed the compiler's recursion limit.
#[component]
fn TechStack(stack: Vec<StackGroup>) -> impl IntoView {
    if stack.is_empty() {
        return ().into_any();
    }
    view! {
        <section aria-labelledby="tech-stack" class="mt-14">
            <h2 id="tech-stack" class="border-b border-rule pb-2 font-serif text-2xl font-semibold dark:border-night-rule">"Tech stack"</h2>
            <dl class="mt-4 grid gap-x-8 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
                {stack.into_iter().map(|group| view! {
                    <div>
                        <dt class="font-mono text-xs uppercase tracking-widest text-muted dark:text-night-muted">{group.name}</dt>
                        <dd class="mt-1">{group.items.join(" · ")}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </section>
    }
    .into_any()
}

#[component]
fn Timeline(experience: Vec<Experience>) -> impl IntoView {
    if experience.is_empty() {
        return ().into_any();
    }
    view! {
        <section aria-labelledby="experience" class="mt-14">
            <h2 id="experience" class="border-b border-rule pb-2 font-serif text-2xl font-semibold dark:border-night-rule">"Experience"</h2>
            <ol class="mt-2">
                {experience.into_iter().map(|role| view! { <Role role /> }).collect_view()}
            </ol>
        </section>
    }
    .into_any()
}

#[component]
fn Role(role: Experience) -> impl IntoView {
    let range = dates::month_range(&role.start_month, role.end_month.as_deref());
    let writing = role.writing;
    let more = (role.writing_total as usize).saturating_sub(writing.len());
    let organisation = match links::href(&role.url) {
        None => view! { <span>{role.organisation}</span> }.into_any(),
        Some(href) => {
            view! { <a href=href rel="noopener" class="underline">{role.organisation}</a> }
                .into_any()
        }
    };
    view! {
        <li class="grid gap-1 border-b border-rule py-5 last:border-0 sm:grid-cols-[11rem_minmax(0,1fr)] sm:gap-6 dark:border-night-rule">
            <p class="font-mono text-sm text-muted dark:text-night-muted">{range}</p>
            <div>
                <h3 class="font-semibold">{role.role}" · "{organisation}</h3>
                {(!role.location.is_empty()).then(|| view! { <p class="text-sm text-muted dark:text-night-muted">{role.location}</p> })}
                <p class="mt-2" inner_html=role.summary_html></p>
                {(!writing.is_empty()).then(|| view! {
                    <div class="mt-3 text-sm">
                        <p class="text-muted dark:text-night-muted">"Written during this role:"</p>
                        <ul class="mt-1 list-disc space-y-1 pl-5">
                            {writing.into_iter().map(|a| view! {
                                <li><a href=format!("/articles/{}", a.slug) class="text-accent underline dark:text-night-accent">{a.title}</a></li>
                            }).collect_view()}
                        </ul>
                        {(more > 0).then(|| view! {
                            <p class="mt-1 text-muted dark:text-night-muted">{format!("and {more} more in the archive")}</p>
                        })}
                    </div>
                })}
            </div>
        </li>
    }
    .into_any()
}

#[component]
fn LatestNotes(notes: Vec<NoteTeaser>) -> impl IntoView {
    view! {
        <section aria-labelledby="latest-notes">
            <SectionHeading id="latest-notes" title="Latest notes" href="/notes" more="All notes" />
            <ul class="divide-y divide-rule dark:divide-night-rule">
                {notes.into_iter().map(|note| view! {
                    <li class="py-4">
                        <h3 class="font-semibold">
                            <a href=format!("/notes/{}", note.slug) class="hover:text-accent hover:underline dark:hover:text-night-accent">{note.title}</a>
                        </h3>
                        <p class="mt-1 text-sm text-muted dark:text-night-muted">
                            <time datetime=note.published.clone()>{dates::day_label(&note.published)}</time>
                        </p>
                        <p class="mt-1">{note.excerpt}</p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn LatestSummaries(summaries: Vec<SummaryTeaser>) -> impl IntoView {
    view! {
        <section aria-labelledby="latest-summaries">
            <SectionHeading id="latest-summaries" title="Latest summaries" href="/summaries" more="All summaries" />
            <ul class="divide-y divide-rule dark:divide-night-rule">
                {summaries.into_iter().map(|summary| view! {
                    <li class="py-4">
                        <p class="text-sm text-muted dark:text-night-muted">
                            {summary.source}" · "
                            <time datetime=summary.day.clone()>{dates::day_label(&summary.day)}</time>
                        </p>
                        <h3 class="mt-1 font-semibold">
                            <a href=links::href(&summary.original_url) rel="noopener" class="hover:text-accent hover:underline dark:hover:text-night-accent">{summary.title}</a>
                        </h3>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
