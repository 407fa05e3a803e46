//! Compact per-event columns of the index: where each event's line starts
//! in the transcript, and its seq and line number.
//!
//! Events are numbered in file order (their *ordinal*, a `u32`). Offsets are
//! kept as the distance from the event before, in 2 bytes, with the full
//! offset of each group of [`GROUP`] events (about 2 bytes an event); seqs and line numbers, which in a recorder's
//! transcript go up by one from event to event, as runs of consecutive
//! values (a few bytes for the whole transcript).

use std::collections::HashMap;

/// Events per group sharing one base offset.
const GROUP: usize = 64;

/// Where each event's line starts, in bytes from the start of the input:
/// per group of [`GROUP`] events the first one's offset, and per event how
/// far it starts after the one before (2 bytes: lines are short).
#[derive(Debug, Default)]
pub(crate) struct Offsets {
    bases: Vec<u64>,
    deltas: Vec<u16>,
    /// The offsets of events that start `u16::MAX` bytes or more after the
    /// one before (long lines, many blank lines), their delta `u16::MAX`.
    far: HashMap<u32, u64>,
    last: u64,
}

impl Offsets {
    pub(crate) fn push(&mut self, offset: u64) {
        let ordinal = self.deltas.len();
        if ordinal % GROUP == 0 {
            self.bases.push(offset);
            self.deltas.push(0);
        } else {
            match u16::try_from(offset - self.last) {
                Ok(delta) if delta != u16::MAX => self.deltas.push(delta),
                _ => {
                    // `ordinal` fits: the index refuses more than u32::MAX events.
                    self.far.insert(ordinal as u32, offset);
                    self.deltas.push(u16::MAX);
                }
            }
        }
        self.last = offset;
    }

    pub(crate) fn len(&self) -> usize {
        self.deltas.len()
    }

    /// The offset of event `ordinal`, and of the one after it if there is one.
    pub(crate) fn span(&self, ordinal: u32) -> Option<(u64, Option<u64>)> {
        let i = ordinal as usize;
        let group = i / GROUP;
        let mut at = *self.bases.get(group)?;
        for j in group * GROUP + 1..=i {
            at = self.step(j, at)?;
        }
        let next = match i + 1 {
            n if n >= self.deltas.len() => None,
            n if n % GROUP == 0 => self.bases.get(n / GROUP).copied(),
            n => Some(self.step(n, at)?),
        };
        Some((at, next))
    }

    /// The offset of event `j`, given the one before it.
    fn step(&self, j: usize, before: u64) -> Option<u64> {
        match *self.deltas.get(j)? {
            u16::MAX => self.far.get(&(j as u32)).copied(),
            delta => Some(before + u64::from(delta)),
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
        fn offsets_give_back_what_was_pushed(gaps in proptest::collection::vec(prop_oneof![4 => 1u64..300, 1 => 65_000u64..70_000, 1 => Just(u64::from(u32::MAX) + 7)], 0..300)) {
            let mut offsets = Offsets::default();
            let mut at = 0;
            let mut pushed = Vec::new();
            for gap in gaps {
                offsets.push(at);
                pushed.push(at);
                at += gap;
            }
            for (i, &offset) in pushed.iter().enumerate() {
                prop_assert_eq!(offsets.span(i as u32), Some((offset, pushed.get(i + 1).copied())));
            }
            prop_assert_eq!(offsets.span(pushed.len() as u32), None);
        }
    }
}
