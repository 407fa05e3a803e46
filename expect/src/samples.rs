//! [`Samples`]: latency samples kept in bounded memory for percentiles.

/// How many samples a [`Samples`] keeps at most (8 bytes each).
pub(crate) const KEEP: usize = 1 << 16;

/// The latencies of one port.method, for percentiles, in bounded memory:
/// every sample while there are at most [`KEEP`], then an evenly spaced
/// subsample (every 2nd, 4th, ... sample: when the kept ones fill up, every
/// other one goes and the stride doubles). Count and maximum stay exact.
///
/// Decimation is deterministic, so the same recordings train the same
/// profile; on recordings whose latencies do not drift with position, the
/// percentiles of the subsample are those of the whole within the
/// subsample's resolution (1 in 32,768 at worst).
#[derive(Debug, Clone, Default)]
pub(crate) struct Samples {
    kept: Vec<u64>,
    /// One sample in `stride` is kept.
    stride: u64,
    count: u64,
    max: u64,
}

impl Samples {
    pub fn push(&mut self, ns: u64) {
        self.stride = self.stride.max(1);
        self.max = self.max.max(ns);
        let index = self.count;
        self.count += 1;
        if index % self.stride != 0 {
            return;
        }
        if self.kept.len() == KEEP {
            // The kept samples are those at multiples of the stride: keep
            // those at multiples of twice it.
            let mut i = 0;
            self.kept.retain(|_| {
                i += 1;
                i % 2 == 1
            });
            self.stride *= 2;
            if index % self.stride != 0 {
                return;
            }
        }
        self.kept.push(ns);
    }

    /// How many samples were pushed.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The largest sample pushed (0 if none).
    pub fn max(&self) -> u64 {
        self.max
    }

    /// The `p` quantile (0 to 1) of the kept samples, nearest rank.
    pub fn quantiles(&self, ps: &[f64]) -> Vec<u64> {
        let mut sorted = self.kept.clone();
        sorted.sort_unstable();
        ps.iter()
            .map(|p| {
                let last = sorted.len().saturating_sub(1);
                let rank = (last as f64 * p.clamp(0.0, 1.0)).round() as usize;
                sorted.get(rank.min(last)).copied().unwrap_or(0)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_every_sample_up_to_the_bound() {
        let mut s = Samples::default();
        for ns in (1..=100).rev() {
            s.push(ns);
        }
        assert_eq!((s.count(), s.max()), (100, 100));
        assert_eq!(s.quantiles(&[0.0, 0.5, 0.99, 1.0]), [1, 51, 99, 100]);
    }

    #[test]
    fn memory_stays_bounded_and_percentiles_close() {
        let mut s = Samples::default();
        let n = 10 * KEEP as u64 + 7;
        // Uniform on 0..1000 (a linear congruential sequence): p50 is about
        // 500, p99 about 990.
        let mut x: u64 = 1;
        for _ in 0..n {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            s.push((x >> 33) % 1000);
        }
        assert!(s.kept.len() <= KEEP, "{}", s.kept.len());
        assert_eq!((s.count(), s.max()), (n, 999));
        let q = s.quantiles(&[0.5, 0.99]);
        assert!((q[0] as i64 - 500).abs() <= 10, "{q:?}");
        assert!((q[1] as i64 - 990).abs() <= 5, "{q:?}");
    }

    #[test]
    fn no_samples_reads_as_zero() {
        assert_eq!(Samples::default().quantiles(&[0.5]), [0]);
    }
}
