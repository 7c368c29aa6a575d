//! A tiny deterministic PRNG (SplitMix64) and hash helpers.
//!
//! Why not `rand`: the dataset must be identical for a given `--seed` on every platform and every
//! future dependency version, and generation of 200k calls must stay well under a second. SplitMix64
//! is a few instructions per draw, has no state beyond one `u64`, and its output is fixed forever.

/// SplitMix64 generator.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        finalize(self.0)
    }

    /// Uniform in `0..n` (`n == 0` gives 0). Multiply-shift: no modulo bias worth caring about here.
    pub fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// Uniform in `lo..=hi` (`hi < lo` gives `lo`).
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            lo
        } else {
            lo + self.below(hi - lo + 1)
        }
    }

    /// Uniform in `[0, 1)`.
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    /// Index drawn with the given weights (all-zero weights give 0).
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| w as u64).sum();
        let mut x = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if x < w as u64 {
                return i;
            }
            x -= w as u64;
        }
        0
    }
}

/// The SplitMix64 output function: a good 64-bit mixer.
pub fn finalize(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Hash of two values, used to derive per-call details from (seed, callId) without storing them.
pub fn mix(a: u64, b: u64) -> u64 {
    finalize(a ^ finalize(b.wrapping_add(0x632B_E59B_D9B4_E019)))
}

/// Picks an element of a non-empty constant table with a hash value.
pub fn pick<T: Copy>(items: &[T], h: u64) -> Option<T> {
    if items.is_empty() {
        return None;
    }
    items.get(((h as u128 * items.len() as u128) >> 64) as usize).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_in_range() {
        let mut a = Rng::new(42);
        let mut b = Rng::new(42);
        for _ in 0..1000 {
            assert_eq!(a.next_u64(), b.next_u64());
            let r = a.range(3, 8);
            b.range(3, 8);
            assert!((3..=8).contains(&r));
            let f = a.f64();
            b.f64();
            assert!((0.0..1.0).contains(&f));
        }
        assert_eq!(a.weighted(&[0, 0, 5]), 2);
        assert_eq!(pick(&[1, 2, 3], u64::MAX), Some(3));
        assert_eq!(pick::<u8>(&[], 1), None);
    }
}
