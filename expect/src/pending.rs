//! [`Pending`]: things started at a seq, in seq order, until they end.

use std::collections::VecDeque;

/// Things started at a seq and ended by it (calls waiting for their
/// return), in seq order so the oldest is first.
///
/// Things start in seq order (the engine sees events in seq order), so this
/// is a deque sorted by seq: starting is a push at the back and ending a
/// binary search. An ended thing leaves a hole, taken out at once at either
/// end of the deque and by a compaction once holes are half of it, so
/// ending costs O(log n) amortised, as a tree would, without a tree node
/// allocated and freed when the one call in flight starts and ends.
///
/// At most [`MAX_PENDING`] things wait: past that the oldest is forgotten
/// and counted ([`Pending::forgotten`]), so that things that never end (an
/// item dropped by design, watched only with a warn tier, which no deadline
/// expires) cannot grow memory without bound.
#[derive(Debug)]
pub(crate) struct Pending<T> {
    by_seq: VecDeque<(u64, Option<T>)>,
    /// How many entries of `by_seq` are not holes.
    live: usize,
    forgotten: u64,
}

/// How many things a [`Pending`] keeps waiting at most.
pub(crate) const MAX_PENDING: usize = 100_000;

impl<T> Default for Pending<T> {
    fn default() -> Self {
        Pending {
            by_seq: VecDeque::new(),
            live: 0,
            forgotten: 0,
        }
    }
}

impl<T> Pending<T> {
    /// Starts `thing` at `seq` (replacing what started at the same seq).
    /// Returns the oldest thing, forgotten, when more than [`MAX_PENDING`]
    /// would wait.
    pub fn start(&mut self, seq: u64, thing: T) -> Option<(u64, T)> {
        self.start_unbounded(seq, thing);
        if self.live <= MAX_PENDING {
            return None;
        }
        let (oldest, _) = self.oldest()?;
        let thing = self.end(oldest)?;
        self.forgotten += 1;
        Some((oldest, thing))
    }

    /// How many things were forgotten, the oldest first, past
    /// [`MAX_PENDING`].
    pub fn forgotten(&self) -> u64 {
        self.forgotten
    }

    fn start_unbounded(&mut self, seq: u64, thing: T) {
        match self.by_seq.back() {
            Some((last, _)) if *last >= seq => {
                // Out of seq order (a hand-made event stream): keep it sorted.
                let at = self.by_seq.partition_point(|(s, _)| *s < seq);
                match self.by_seq.get_mut(at) {
                    Some((s, slot)) if *s == seq => {
                        if slot.replace(thing).is_none() {
                            self.live += 1;
                        }
                    }
                    _ => {
                        self.by_seq.insert(at, (seq, Some(thing)));
                        self.live += 1;
                    }
                }
            }
            _ => {
                self.by_seq.push_back((seq, Some(thing)));
                self.live += 1;
            }
        }
    }

    /// The thing started at `seq`, taken out.
    pub fn end(&mut self, seq: u64) -> Option<T> {
        let at = self.by_seq.binary_search_by_key(&seq, |(s, _)| *s).ok()?;
        let thing = self.by_seq.get_mut(at)?.1.take()?;
        self.live -= 1;
        self.tidy();
        Some(thing)
    }

    /// Drops holes at both ends, and compacts when they are half the deque.
    fn tidy(&mut self) {
        while self.by_seq.front().is_some_and(|(_, s)| s.is_none()) {
            self.by_seq.pop_front();
        }
        while self.by_seq.back().is_some_and(|(_, s)| s.is_none()) {
            self.by_seq.pop_back();
        }
        if self.by_seq.len() > 2 * self.live + 16 {
            self.by_seq.retain(|(_, s)| s.is_some());
        }
    }

    /// The oldest thing and its seq.
    pub fn oldest(&self) -> Option<(u64, &T)> {
        // `tidy` keeps a hole from being first.
        let (seq, thing) = self.by_seq.front()?;
        thing.as_ref().map(|t| (*seq, t))
    }

    /// Takes out, oldest first, every thing for which `overdue` holds,
    /// stopping at the first that is not.
    pub fn expire(&mut self, mut overdue: impl FnMut(&T) -> bool) -> Vec<(u64, T)> {
        let mut gone = Vec::new();
        while let Some((seq, thing)) = self.oldest() {
            if !overdue(thing) {
                break;
            }
            match self.end(seq) {
                Some(thing) => gone.push((seq, thing)),
                None => break,
            }
        }
        gone
    }

    /// Everything still pending, oldest first, taken out.
    pub fn drain(&mut self) -> Vec<(u64, T)> {
        self.live = 0;
        std::mem::take(&mut self.by_seq)
            .into_iter()
            .filter_map(|(seq, t)| t.map(|t| (seq, t)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn forgets_the_oldest_past_the_bound() {
        let mut p = Pending::default();
        for seq in 0..MAX_PENDING as u64 {
            assert!(p.start(seq, ()).is_none());
        }
        assert_eq!(p.start(MAX_PENDING as u64, ()), Some((0, ())));
        assert_eq!((p.live, p.forgotten()), (MAX_PENDING, 1));
        assert_eq!(p.oldest().map(|(s, _)| s), Some(1));
    }

    #[derive(Debug, Clone)]
    enum Op {
        Start(u64),
        End(u64),
        Expire(u64),
    }

    proptest! {
        /// Against a sorted map: the same things end, in the same order,
        /// and the deque stays within a constant factor of what is live.
        #[test]
        fn behaves_as_a_sorted_map(ops in prop::collection::vec(
            prop_oneof![
                (0u64..64).prop_map(Op::Start),
                (0u64..64).prop_map(Op::End),
                (0u64..64).prop_map(Op::Expire),
            ],
            0..200,
        )) {
            let mut p = Pending::default();
            let mut model = std::collections::BTreeMap::new();
            for op in ops {
                match op {
                    Op::Start(seq) => {
                        let _ = p.start(seq, seq * 10);
                        model.insert(seq, seq * 10);
                    }
                    Op::End(seq) => prop_assert_eq!(p.end(seq), model.remove(&seq)),
                    Op::Expire(limit) => {
                        let gone = p.expire(|at| *at < limit * 10);
                        let want: Vec<(u64, u64)> = model
                            .iter()
                            .take_while(|(_, at)| **at < limit * 10)
                            .map(|(s, at)| (*s, *at))
                            .collect();
                        for (s, _) in &want {
                            model.remove(s);
                        }
                        prop_assert_eq!(gone, want);
                    }
                }
                prop_assert_eq!(p.oldest().map(|(s, at)| (s, *at)), model.iter().next().map(|(s, at)| (*s, *at)));
                prop_assert_eq!(p.live, model.len());
                prop_assert!(p.by_seq.len() <= 2 * p.live + 16);
            }
            prop_assert_eq!(p.drain(), model.into_iter().collect::<Vec<_>>());
        }
    }
}
