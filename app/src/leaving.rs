//! Leaving a page by one of its links, in the browser.
//!
//! A clicked link holds focus, and removing the focused element costs
//! Chromium a synchronous style and layout pass: on the archive of the
//! 10,000-article benchmark site (1,600 elements) the old page's removal
//! took 12–15 ms of a 26 ms navigation, against 2 ms unfocused. So a click
//! that takes the reader to another page blurs the link first. The link
//! goes with its page anyway, so focus ends where it would have, on the
//! document; a link within the page (a table of contents entry, the skip
//! link) keeps its focus.

/// Whether following `href` from `here` (the current path and query)
/// loads another page of this site rather than moving within this one.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn leaves_page(href: &str, here: &str) -> bool {
    let internal = href.starts_with('/') && !href.starts_with("//");
    let target = href.split('#').next().unwrap_or_default();
    internal && target != here
}

/// Starts listening, once, from `App`.
pub fn listen() {
    #[cfg(feature = "hydrate")]
    client::listen();
}

#[cfg(feature = "hydrate")]
mod client {
    use wasm_bindgen::{closure::Closure, JsCast};

    use super::leaves_page;

    fn blur_before_leaving(event: web_sys::MouseEvent) {
        let plain = event.button() == 0
            && !(event.meta_key() || event.ctrl_key() || event.shift_key() || event.alt_key())
            && !event.default_prevented();
        if !plain {
            return;
        }
        let Some(link) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a[href]").ok().flatten())
        else {
            return;
        };
        if link.has_attribute("target") || link.has_attribute("download") {
            return;
        }
        let location = leptos::prelude::window().location();
        let here = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        let href = link.get_attribute("href").unwrap_or_default();
        if !leaves_page(&href, &here) {
            return;
        }
        let focused = leptos::prelude::document().active_element();
        if let Some(focused) = focused.filter(|focused| link.contains(Some(focused))) {
            if let Ok(focused) = focused.dyn_into::<web_sys::HtmlElement>() {
                let _ = focused.blur();
            }
        }
    }

    pub(super) fn listen() {
        // In the capture phase on the window: before the router's own
        // listener, whose navigation may swap the page out as soon as it
        // returns.
        let listener = Closure::<dyn Fn(web_sys::MouseEvent)>::new(blur_before_leaving);
        let _ = leptos::prelude::window().add_event_listener_with_callback_and_bool(
            "click",
            listener.as_ref().unchecked_ref(),
            true,
        );
        // Lives as long as the page.
        listener.forget();
    }
}

#[cfg(test)]
mod tests {
    use super::leaves_page;

    #[test]
    fn only_a_link_to_another_page_of_the_site_leaves() {
        let here = "/articles?tag=rust";
        for other in [
            "/articles/one",
            "/articles",
            "/articles?tag=go",
            "/",
            "/articles/one#part",
        ] {
            assert!(leaves_page(other, here), "{other}");
        }
        for same in [
            "#main",
            "/articles?tag=rust",
            "/articles?tag=rust#top",
            "https://elsewhere.example/articles",
            "//elsewhere.example/articles",
            "mailto:someone@example.com",
        ] {
            assert!(!leaves_page(same, here), "{same}");
        }
    }
}
