//! The content generation: a number every write bumps. It is the one hook
//! page caches key on (path, query, generation), so a cache never needs to
//! know what a write touched — only that one happened. Bumped by the
//! authoring write path after each commit, and nowhere else.

use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Default)]
pub struct ContentGeneration(AtomicU64);

impl ContentGeneration {
    pub fn current(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }

    pub fn bump(&self) -> u64 {
        self.0.fetch_add(1, Ordering::AcqRel) + 1
    }
}

/// One value read from the database that only a write can change, kept
/// with the generation it was read at, so a page render does not ask
/// SQLite again for what every page shows (the site's owner, the next
/// scheduled publication). It is exactly as fresh as the page cache:
/// both are keyed on the same generation.
#[derive(Debug, Default)]
pub struct Remembered<T> {
    slot: std::sync::Mutex<Option<(u64, T)>>,
}

impl<T: Clone> Remembered<T> {
    /// The value read at `generation`, if it is the one kept and `holds`
    /// accepts it.
    pub fn get(&self, generation: u64, holds: impl FnOnce(&T) -> bool) -> Option<T> {
        let slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        match &*slot {
            Some((at, value)) if *at == generation && holds(value) => Some(value.clone()),
            _ => None,
        }
    }

    /// Keeps `value`, read at `generation` (read before the value was, so
    /// a write meanwhile leaves it already stale, never wrongly fresh).
    pub fn put(&self, generation: u64, value: T) {
        *self.slot.lock().unwrap_or_else(|e| e.into_inner()) = Some((generation, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_value_holds_for_its_generation_only() {
        let generation = ContentGeneration::default();
        let owner = Remembered::default();
        assert_eq!(owner.get(generation.current(), |_| true), None);
        owner.put(generation.current(), "Ada".to_owned());
        assert_eq!(
            owner.get(generation.current(), |_| true).as_deref(),
            Some("Ada")
        );
        assert_eq!(owner.get(generation.current(), |_| false), None);
        let stale = generation.current();
        generation.bump();
        assert_eq!(owner.get(generation.current(), |_| true), None);
        owner.put(stale, "Grace".to_owned());
        assert_eq!(owner.get(generation.current(), |_| true), None);
    }
}
