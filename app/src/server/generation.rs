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
