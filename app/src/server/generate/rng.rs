//! A small seeded generator (SplitMix64), so a generated site is the same
//! for the same seed on every machine without another dependency.

#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    #[cfg(test)]
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// A generator for item `index` of a stream, independent of the order
    /// items are made in, so parallel rendering stays deterministic.
    pub fn for_item(seed: u64, stream: u64, index: u64) -> Self {
        let mut mixer = Self(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F));
        mixer.next_u64();
        Self(mixer.next_u64() ^ index.wrapping_mul(0xE703_7ED1_A0B4_28DB))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0.0..1.0`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `low..=high`.
    pub fn range(&mut self, low: usize, high: usize) -> usize {
        low + (self.next_u64() % (high - low + 1) as u64) as usize
    }

    /// An index below `len`, low indexes much more likely (a Zipf-like
    /// skew, as word and tag use is in real writing).
    pub fn skewed(&mut self, len: usize) -> usize {
        let u = self.unit();
        ((u * u * u) * len as f64) as usize % len
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() - 1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_do_not_depend_on_order() {
        let a = Rng::for_item(7, 1, 42).next_u64();
        let _ = Rng::for_item(7, 1, 41).next_u64();
        assert_eq!(a, Rng::for_item(7, 1, 42).next_u64());
        assert_ne!(a, Rng::for_item(7, 2, 42).next_u64());
        assert_ne!(a, Rng::for_item(8, 1, 42).next_u64());
    }

    #[test]
    fn ranges_stay_in_bounds() {
        let mut rng = Rng::new(1);
        for _ in 0..1000 {
            assert!((3..=9).contains(&rng.range(3, 9)));
            assert!(rng.skewed(5) < 5);
        }
    }
}
