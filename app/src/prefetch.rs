//! Prefetch on intent. When the reader points at, touches or focuses a
//! link to an article, the article's data is asked for then; the click
//! that follows a human's hover a few hundred milliseconds later finds it
//! here, and the new page paints in the next frame instead of after a
//! round trip to the server.
//!
//! What was fetched is used once, and only while fresh (`FRESH_MS`), so a
//! reader never sees an article staler than that against what a reload
//! would show; going back and forth asks the server as before. The server
//! render and hydration never look here: `article` only differs in the
//! browser, after hydration, for a navigation.

use crate::api::{get_article, AppError, ArticleQuery};
use crate::domain::ArticleWithLinks;

/// An article page's data: from a prefetch when one is here and fresh,
/// else from the server.
pub async fn article(slug: String) -> Result<ArticleWithLinks, AppError> {
    #[cfg(feature = "hydrate")]
    if let Some(page) = client::take(&slug) {
        return Ok(page);
    }
    get_article(ArticleQuery { slug }).await
}

/// Starts listening for intent on links, in the browser; once, from `App`.
pub fn listen() {
    #[cfg(feature = "hydrate")]
    client::listen();
}

/// The slug of an article's own address (`/articles/{slug}`, with or
/// without a fragment or query), not the archive, a feed or anything else.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn article_slug(href: &str) -> Option<&str> {
    let path = href.split(['#', '?']).next().unwrap_or_default();
    let slug = path.strip_prefix("/articles/")?;
    let plain = !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    plain.then_some(slug)
}

#[cfg(feature = "hydrate")]
mod client {
    use std::cell::RefCell;
    use std::collections::HashMap;

    use leptos::prelude::window_event_listener;
    use wasm_bindgen::JsCast;

    use super::{article_slug, get_article, ArticleQuery, ArticleWithLinks};

    /// How long a prefetched article may wait for its click.
    const FRESH_MS: f64 = 10_000.0;
    /// How many articles are held at once: a reader sweeping the pointer
    /// down a list prefetches each link it crosses, and only the last few
    /// are likely to be clicked.
    const HELD: usize = 8;

    enum State {
        Fetching,
        Ready {
            at: f64,
            page: Box<ArticleWithLinks>,
        },
    }

    thread_local! {
        static ARTICLES: RefCell<HashMap<String, State>> = RefCell::default();
    }

    fn now() -> f64 {
        js_sys::Date::now()
    }

    pub(super) fn take(slug: &str) -> Option<ArticleWithLinks> {
        ARTICLES.with_borrow_mut(|held| match held.remove(slug)? {
            State::Ready { at, page } if now() - at < FRESH_MS => Some(*page),
            _ => None,
        })
    }

    fn prefetch(slug: String) {
        let start = ARTICLES.with_borrow_mut(|held| {
            let wanted = match held.get(&slug) {
                Some(State::Fetching) => false,
                Some(State::Ready { at, .. }) => now() - at >= FRESH_MS,
                None => true,
            };
            if wanted {
                if held.len() >= HELD {
                    held.retain(|_, state| matches!(state, State::Fetching));
                }
                held.insert(slug.clone(), State::Fetching);
            }
            wanted
        });
        if !start {
            return;
        }
        leptos::task::spawn_local(async move {
            let answer = get_article(ArticleQuery { slug: slug.clone() }).await;
            ARTICLES.with_borrow_mut(|held| {
                // Taken meanwhile (the click came first) or pushed out:
                // the page asked the server itself, so this is dropped.
                if !matches!(held.get(&slug), Some(State::Fetching)) {
                    return;
                }
                match answer {
                    Ok(page) => {
                        let page = Box::new(page);
                        held.insert(slug, State::Ready { at: now(), page });
                    }
                    Err(_) => {
                        held.remove(&slug);
                    }
                }
            });
        });
    }

    /// The article a pointer or focus event's target links to, if any.
    fn linked_article(target: Option<web_sys::EventTarget>) -> Option<String> {
        let element = target?.dyn_into::<web_sys::Element>().ok()?;
        let link = element.closest("a[href]").ok()??;
        let href = link.get_attribute("href")?;
        article_slug(&href).map(str::to_owned)
    }

    pub(super) fn listen() {
        // Both listeners live as long as the page. Pointer events cover
        // the mouse and touch (`pointerover` comes before the tap's
        // click); `focusin` covers the keyboard.
        let _ = window_event_listener(leptos::ev::pointerover, |event| {
            if let Some(slug) = linked_article(event.target()) {
                prefetch(slug);
            }
        });
        let _ = window_event_listener(leptos::ev::focusin, |event| {
            if let Some(slug) = linked_article(event.target()) {
                prefetch(slug);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::article_slug;

    #[test]
    fn only_an_articles_own_address_is_prefetched() {
        assert_eq!(article_slug("/articles/one-slug"), Some("one-slug"));
        assert_eq!(article_slug("/articles/one-slug#part-2"), Some("one-slug"));
        assert_eq!(article_slug("/articles/v2?x=1"), Some("v2"));
        for other in [
            "/articles",
            "/articles/",
            "/articles?page=2",
            "/articles/feed.xml",
            "/articles/a/b",
            "/notes/one-slug",
            "https://elsewhere.example/articles/one-slug",
            "#main",
        ] {
            assert_eq!(article_slug(other), None, "{other}");
        }
    }
}
