//! The author's pages as lazy routes: their code is compiled into separate
//! wasm chunks (`cargo leptos build --split`) that a reader's browser never
//! downloads. Each route's data starts loading inside its view, which is
//! itself in the chunk; the gate's session check is tiny either way.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

pub struct DashboardRoute;

#[lazy_route]
impl LazyRoute for DashboardRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <super::DashboardPage /> }.into_any()
    }
}

pub struct EditorRoute;

#[lazy_route]
impl LazyRoute for EditorRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <super::EditorPage /> }.into_any()
    }
}

pub struct HistoryRoute;

#[lazy_route]
impl LazyRoute for HistoryRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <super::HistoryPage /> }.into_any()
    }
}

pub struct ProfileRoute;

#[lazy_route]
impl LazyRoute for ProfileRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <super::ProfilePage /> }.into_any()
    }
}

pub struct MediaRoute;

#[lazy_route]
impl LazyRoute for MediaRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <super::MediaPage /> }.into_any()
    }
}

pub struct TaxonomyRoute;

#[lazy_route]
impl LazyRoute for TaxonomyRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <super::TaxonomyPage /> }.into_any()
    }
}
