//! The tags of one item, each a link to the page of everything carrying it.

use leptos::prelude::*;

use crate::domain::TagRef;

#[component]
pub fn TagList(tags: Vec<TagRef>) -> impl IntoView {
    (!tags.is_empty()).then(|| {
        view! {
            <ul class="flex flex-wrap gap-2 text-sm" aria-label="Tags">
                {tags
                    .into_iter()
                    .map(|tag| {
                        view! {
                            <li>
                                <a href=format!("/tags/{}", tag.slug) class="tag-chip">
                                    {format!("#{}", tag.slug)}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}
