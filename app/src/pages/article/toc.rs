//! "On this page": the table of contents of a long article. Wide screens
//! get it in a sticky column beside the text; phones get it folded above
//! the body, so it never pushes the first paragraph off the screen.

use leptos::prelude::*;

use crate::domain::TocEntry;

/// Articles with fewer headings than this are short enough to scroll.
pub const MIN_ENTRIES: usize = 3;

/// A section heading with the subsections listed under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TocSection {
    pub entry: TocEntry,
    pub children: Vec<TocEntry>,
}

/// Groups each h3 under the h2 before it. An h3 that comes before any h2
/// stands on its own, so no heading is ever lost.
pub fn nest(entries: &[TocEntry]) -> Vec<TocSection> {
    let mut sections: Vec<TocSection> = Vec::new();
    for entry in entries {
        match sections.last_mut() {
            Some(section) if entry.level > 2 && section.entry.level == 2 => {
                section.children.push(entry.clone());
            }
            _ => sections.push(TocSection {
                entry: entry.clone(),
                children: Vec::new(),
            }),
        }
    }
    sections
}

#[component]
pub fn SideToc(toc: Vec<TocEntry>) -> impl IntoView {
    view! {
        <nav aria-labelledby="toc-side-label" class="sticky top-8 max-h-[calc(100vh-4rem)] overflow-y-auto text-sm">
            <h2 id="toc-side-label" class="mb-3 font-mono text-xs uppercase tracking-widest text-muted dark:text-night-muted">
                "On this page"
            </h2>
            <TocList toc />
        </nav>
    }
    .into_any()
}

#[component]
pub fn FoldedToc(toc: Vec<TocEntry>) -> impl IntoView {
    view! {
        <nav aria-labelledby="toc-folded-label" class="mt-8 rounded-lg border border-rule text-sm dark:border-night-rule">
            <details>
                <summary class="cursor-pointer px-4 py-3 font-semibold">
                    <span id="toc-folded-label">"On this page"</span>
                </summary>
                <div class="border-t border-rule px-4 py-3 dark:border-night-rule">
                    <TocList toc />
                </div>
            </details>
        </nav>
    }
    .into_any()
}

#[component]
fn TocList(toc: Vec<TocEntry>) -> impl IntoView {
    view! {
        <ol class="space-y-2">
            {nest(&toc)
                .into_iter()
                .map(|section| {
                    let children = (!section.children.is_empty()).then(|| {
                        view! {
                            <ol class="mt-2 space-y-2 border-l border-rule pl-3 dark:border-night-rule">
                                {section.children.into_iter().map(|entry| view! { <li><TocLink entry /></li> }).collect_view()}
                            </ol>
                        }
                    });
                    view! {
                        <li>
                            <TocLink entry=section.entry />
                            {children}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
fn TocLink(entry: TocEntry) -> impl IntoView {
    view! {
        <a href=format!("#{}", entry.id) class="toc-link">
            {entry.text}
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(level: u8, id: &str) -> TocEntry {
        TocEntry {
            level,
            id: id.into(),
            text: id.into(),
        }
    }

    #[test]
    fn subsections_nest_under_their_section() {
        let toc = [
            entry(3, "preface"),
            entry(2, "a"),
            entry(3, "a1"),
            entry(3, "a2"),
            entry(2, "b"),
        ];
        let nested = nest(&toc);
        let shape: Vec<(&str, Vec<&str>)> = nested
            .iter()
            .map(|s| {
                (
                    s.entry.id.as_str(),
                    s.children.iter().map(|c| c.id.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            [("preface", vec![]), ("a", vec!["a1", "a2"]), ("b", vec![])]
        );
    }
}
