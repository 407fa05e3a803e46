//! Spans of a text, asked whether a span overlaps one of them (or lies
//! within one) by a binary search: the text pass asks that of every hit,
//! name and cell it finds, and a text full of placeholders (what a scrub
//! wrote into a long log) would otherwise cost a look at every placeholder
//! per hit.

/// Byte spans (`start..end`), in order and not overlapping: spans given
/// out of order or overlapping are sorted and joined.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Spans(Vec<(usize, usize)>);

impl Spans {
    /// The spans `spans`, sorted, overlapping ones joined.
    pub(crate) fn new(mut spans: Vec<(usize, usize)>) -> Spans {
        let ordered = spans
            .windows(2)
            .all(|w| w[0].0 <= w[0].1 && w[0].1 <= w[1].0);
        if !ordered {
            spans.sort_unstable();
            let mut joined: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
            for (s, e) in spans {
                match joined.last_mut() {
                    Some(last) if s < last.1 => last.1 = last.1.max(e),
                    _ => joined.push((s, e)),
                }
            }
            spans = joined;
        }
        Spans(spans)
    }

    /// Whether there is no span.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `start..end` shares a byte with a span.
    pub(crate) fn overlaps(&self, start: usize, end: usize) -> bool {
        // Ends are in order too: the first span ending after `start` is
        // the only one that can.
        let first = self.0.partition_point(|&(_, e)| e <= start);
        self.0.get(first).is_some_and(|&(s, _)| s < end)
    }

    /// Whether `start..end` is at most `by` bytes from a span (touching
    /// included).
    pub(crate) fn near(&self, start: usize, end: usize, by: usize) -> bool {
        let first = self.0.partition_point(|&(_, e)| e + by < start);
        self.0.get(first).is_some_and(|&(s, _)| s <= end + by)
    }

    /// Whether `start..end` lies within one span.
    pub(crate) fn contains(&self, start: usize, end: usize) -> bool {
        let first = self.0.partition_point(|&(_, e)| e < end);
        self.0.get(first).is_some_and(|&(s, _)| s <= start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Each question gets the answer a look at every span gives.
        #[test]
        fn answers_agree_with_looking_at_every_span(
            raw in proptest::collection::vec((0usize..60, 0usize..12), 0..12),
            start in 0usize..70,
            len in 0usize..12,
            by in 0usize..8,
        ) {
            let raw: Vec<(usize, usize)> = raw.into_iter().map(|(s, l)| (s, s + l)).collect();
            let spans = Spans::new(raw.clone());
            let end = start + len;
            // Joined spans answer as the raw ones would.
            let overlaps = raw.iter().any(|&(s, e)| start < e && s < end);
            proptest::prop_assert_eq!(spans.overlaps(start, end), overlaps);
            let near = spans.0.iter().any(|&(s, e)| start <= e + by && s <= end + by);
            proptest::prop_assert_eq!(spans.near(start, end, by), near);
            let within = spans.0.iter().any(|&(s, e)| s <= start && end <= e);
            proptest::prop_assert_eq!(spans.contains(start, end), within);
            proptest::prop_assert!(spans.0.windows(2).all(|w| w[0].1 <= w[1].0));
        }
    }
}
