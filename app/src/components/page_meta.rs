//! The title and description every page sets for browsers and crawlers.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn PageMeta(#[prop(into)] title: String, #[prop(into)] description: String) -> impl IntoView {
    view! {
        <Title text=title.clone() />
        <Meta name="description" content=description.clone() />
        <Meta property="og:title" content=title />
        <Meta property="og:description" content=description />
    }
}
