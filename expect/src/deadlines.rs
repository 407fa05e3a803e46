//! The deadlines of an engine's expectations, ordered, so that finding the
//! ones due costs a heap operation per deadline, not a scan of every
//! expectation per event (which made checking 50,000 expectations
//! quadratic).
//!
//! A deadline is due at a time *or* after a number of events
//! ([`Deadline`]), so there are two min-heaps. Entries are never updated in
//! place: a slot whose deadline changes gets new entries, and an entry is
//! dropped when it comes up if its slot's current deadline is not due. The
//! heaps are rebuilt from the current deadlines when stale entries
//! outnumber the slots, so memory stays proportional to the expectations.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::expectation::Deadline;

#[derive(Debug, Default)]
pub(crate) struct Deadlines {
    by_ns: BinaryHeap<Reverse<(u64, usize)>>,
    by_index: BinaryHeap<Reverse<(u64, usize)>>,
}

impl Deadlines {
    /// Slot `slot`'s deadline is now `deadline` (it was `old`).
    pub(crate) fn set(&mut self, slot: usize, old: Deadline, deadline: Deadline) {
        if old == deadline {
            return;
        }
        if let Some(ns) = deadline.ns() {
            self.by_ns.push(Reverse((ns, slot)));
        }
        if let Some(index) = deadline.index() {
            self.by_index.push(Reverse((index, slot)));
        }
    }

    /// The earliest deadline any entry holds (perhaps a stale one: then a
    /// tick finds nothing due and drops it).
    pub(crate) fn next(&self) -> Deadline {
        Deadline::new(
            self.by_ns.peek().map(|Reverse((ns, _))| *ns),
            self.by_index.peek().map(|Reverse((index, _))| *index),
        )
    }

    /// The slots due at time `ns` after `index` events, in slot order, by
    /// their current deadlines (`current`); their entries are taken out.
    pub(crate) fn due(
        &mut self,
        ns: u64,
        index: u64,
        current: impl Fn(usize) -> Deadline,
    ) -> Vec<usize> {
        let mut due = Vec::new();
        while let Some(&Reverse((at, slot))) = self.by_ns.peek() {
            if at > ns {
                break;
            }
            self.by_ns.pop();
            if current(slot).due(ns, index) {
                due.push(slot);
            }
        }
        while let Some(&Reverse((at, slot))) = self.by_index.peek() {
            if at > index {
                break;
            }
            self.by_index.pop();
            if current(slot).due(ns, index) {
                due.push(slot);
            }
        }
        due.sort_unstable();
        due.dedup();
        due
    }

    /// Rebuilds the heaps from the current deadlines when stale entries
    /// have piled up.
    pub(crate) fn compact(&mut self, slots: usize, current: impl Fn(usize) -> Deadline) {
        if self.by_ns.len() + self.by_index.len() <= 2 * slots + 1024 {
            return;
        }
        self.by_ns.clear();
        self.by_index.clear();
        for slot in 0..slots {
            self.set(slot, Deadline::NEVER, current(slot));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_slots_come_out_in_slot_order_and_stale_entries_are_dropped() {
        let mut deadlines = Deadlines::default();
        let mut current = [Deadline::NEVER; 3];
        for (slot, d) in [
            (2, Deadline::new(Some(10), None)),
            (0, Deadline::new(None, Some(3))),
            (1, Deadline::new(Some(50), None)),
        ] {
            deadlines.set(slot, current[slot], d);
            current[slot] = d;
        }
        // Slot 1 moves out to 90: its entry at 50 is stale.
        deadlines.set(1, current[1], Deadline::new(Some(90), None));
        current[1] = Deadline::new(Some(90), None);
        assert_eq!(deadlines.next(), Deadline::new(Some(10), Some(3)));
        assert_eq!(deadlines.due(60, 5, |s| current[s]), [0, 2]);
        assert_eq!(deadlines.due(60, 5, |s| current[s]), Vec::<usize>::new());
        assert_eq!(deadlines.due(100, 5, |s| current[s]), [1]);
    }
}
