//! Compact per-event columns of the index: where each event's line starts
//! in the transcript, and its seq and line number.
//!
//! Events are numbered in file order (their *ordinal*, a `u32`). Offsets are
//! kept as a `u32` from the start of each group of [`GROUP`] events (about
//! 4 bytes an event); seqs and line numbers, which in a recorder's
//! transcript go up by one from event to event, as runs of consecutive
//! values (a few bytes for the whole transcript).

use std::collections::HashMap;

/// Events per group sharing one base offset.
const GROUP: usize = 64;

/// Where each event's line starts, in bytes from the start of the input.
#[derive(Debug, Default)]
pub(crate) struct Offsets {
    bases: Vec<u64>,
    within: Vec<u32>,
    /// The offsets too far from their group's base for a `u32` (long lines,
    /// or many blank lines between events).
    far: HashMap<u32, u64>,
}

impl Offsets {
    pub(crate) fn push(&mut self, offset: u64) {
        let ordinal = self.within.len();
        if ordinal % GROUP == 0 {
            self.bases.push(offset);
        }
        let base = self.bases.last().copied().unwrap_or(0);
        match u32::try_from(offset - base) {
            Ok(within) if within != u32::MAX => self.within.push(within),
            _ => {
                // `ordinal` fits: the index refuses more than u32::MAX events.
                self.far.insert(ordinal as u32, offset);
                self.within.push(u32::MAX);
            }
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.within.len()
    }

    pub(crate) fn get(&self, ordinal: u32) -> Option<u64> {
        let i = ordinal as usize;
        match *self.within.get(i)? {
            u32::MAX => self.far.get(&ordinal).copied(),
            within => Some(self.bases[i / GROUP] + u64::from(within)),
        }
    }
}

/// A column of strictly increasing values that mostly go up by one: kept as
/// the runs where they do.
#[derive(Debug, Default)]
pub(crate) struct Runs {
    /// Each run's first ordinal and first value.
    starts: Vec<(u32, u64)>,
    len: u32,
}

impl Runs {
    pub(crate) fn push(&mut self, value: u64) {
        let next = self.len;
        let follows = self
            .starts
            .last()
            .is_some_and(|&(ordinal, first)| first + u64::from(next - ordinal) == value);
        if !follows {
            self.starts.push((next, value));
        }
        self.len += 1;
    }

    pub(crate) fn get(&self, ordinal: u32) -> Option<u64> {
        if ordinal >= self.len {
            return None;
        }
        let run = self.starts.partition_point(|&(o, _)| o <= ordinal) - 1;
        let (first_ordinal, first) = self.starts[run];
        Some(first + u64::from(ordinal - first_ordinal))
    }

    /// How many values are below `value` (the values increase).
    pub(crate) fn count_below(&self, value: u64) -> u32 {
        let run = self.starts.partition_point(|&(_, first)| first < value);
        if run == 0 {
            return 0;
        }
        let (ordinal, first) = self.starts[run - 1];
        let end = self.starts.get(run).map_or(self.len, |&(o, _)| o);
        let ahead = u32::try_from(value - first).unwrap_or(u32::MAX);
        ordinal.saturating_add(ahead).min(end)
    }

    /// The ordinal whose value is `value`, if one is.
    pub(crate) fn find(&self, value: u64) -> Option<u32> {
        let ordinal = self.count_below(value);
        (self.get(ordinal) == Some(value)).then_some(ordinal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn runs_give_back_what_was_pushed(steps in proptest::collection::vec(1u64..4, 0..300), start in 0u64..5) {
            let mut runs = Runs::default();
            let mut values = Vec::new();
            let mut v = start;
            for step in steps {
                runs.push(v);
                values.push(v);
                v += step;
            }
            for (i, &value) in values.iter().enumerate() {
                prop_assert_eq!(runs.get(i as u32), Some(value));
                prop_assert_eq!(runs.find(value), Some(i as u32));
                prop_assert_eq!(runs.count_below(value), i as u32);
            }
            prop_assert_eq!(runs.get(values.len() as u32), None);
            prop_assert_eq!(runs.count_below(u64::MAX), values.len() as u32);
            if let Some(&last) = values.last() {
                prop_assert_eq!(runs.find(last + 1), None);
            }
        }

        #[test]
        fn offsets_give_back_what_was_pushed(gaps in proptest::collection::vec(prop_oneof![1u64..300, Just(u64::from(u32::MAX) + 7)], 0..300)) {
            let mut offsets = Offsets::default();
            let mut at = 0;
            let mut pushed = Vec::new();
            for gap in gaps {
                offsets.push(at);
                pushed.push(at);
                at += gap;
            }
            for (i, &offset) in pushed.iter().enumerate() {
                prop_assert_eq!(offsets.get(i as u32), Some(offset));
            }
            prop_assert_eq!(offsets.get(pushed.len() as u32), None);
        }
    }
}
