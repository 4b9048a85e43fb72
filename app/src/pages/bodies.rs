//! HTML bodies sent once.
//!
//! A page's resource is serialized into the page for hydration, and the
//! bodies in it (an article's, each note's and summary's, rendered when
//! they were saved) are already in the page as HTML: sent again in the
//! hydration data, escaped twice (JSON in a script's string), they made an
//! article with a 170 KB body a 404 KB page. Hydration leaves an element's
//! `inner_html` as the server sent it, so the browser needs no copy.
//!
//! `Apart` holds a page's data with its bodies taken out and never
//! serialized. Its bodies come back as `Some` where they were rendered or
//! fetched (the server's render, a navigation in the browser) and as `None`
//! after hydration; an `inner_html` given `None` keeps what the element
//! holds when it hydrates, and sets the body in full whenever a later
//! render brings one (`Some("")` included, which a plain empty string
//! would not: it equals the state hydration left).

use serde::{Deserialize, Serialize};

/// Data that carries sanitized HTML bodies.
pub trait Bodies {
    /// Every body, always in the same order.
    fn bodies(&mut self) -> Vec<&mut String>;
}

#[derive(Clone, Serialize, Deserialize)]
pub struct Apart<T> {
    data: T,
    #[serde(skip)]
    html: Vec<String>,
}

impl<T: Bodies> Apart<T> {
    pub fn new(mut data: T) -> Self {
        let html = data.bodies().into_iter().map(std::mem::take).collect();
        Self { data, html }
    }

    /// The data, with its bodies emptied, and each body in `Bodies` order
    /// (`None` for all of them after hydration).
    pub fn into_parts(self) -> (T, Vec<Option<String>>) {
        let mut data = self.data;
        let count = data.bodies().len();
        let mut html = self.html.into_iter();
        let bodies = (0..count).map(|_| html.next()).collect();
        (data, bodies)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    struct Page {
        title: String,
        items: Vec<String>,
    }

    impl Bodies for Page {
        fn bodies(&mut self) -> Vec<&mut String> {
            self.items.iter_mut().collect()
        }
    }

    fn page() -> Page {
        Page {
            title: "Notes".into(),
            items: vec!["<p>one</p>".into(), String::new(), "<p>three</p>".into()],
        }
    }

    #[test]
    fn the_bodies_stay_out_of_what_is_serialized() {
        let json = serde_json::to_string(&Apart::new(page())).unwrap();
        assert!(json.contains("Notes"));
        assert!(!json.contains("one") && !json.contains("three"), "{json}");
    }

    #[test]
    fn rendered_bodies_come_back_in_order_and_hydrated_ones_as_none() {
        let (data, bodies) = Apart::new(page()).into_parts();
        assert_eq!(data.items, vec![String::new(); 3]);
        assert_eq!(
            bodies,
            vec![
                Some("<p>one</p>".to_owned()),
                Some(String::new()),
                Some("<p>three</p>".to_owned())
            ]
        );

        let json = serde_json::to_string(&Apart::new(page())).unwrap();
        let hydrated: Apart<Page> = serde_json::from_str(&json).unwrap();
        let (data, bodies) = hydrated.into_parts();
        assert_eq!(data.title, "Notes");
        assert_eq!(bodies, vec![None, None, None]);
    }
}
