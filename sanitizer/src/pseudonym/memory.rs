//! Pseudonyms already computed, remembered: a transcript names the same
//! customer, host and card many times, and each pseudonym costs a few
//! HMAC-SHA256 blocks, while a remembered one costs a hash and a
//! comparison.
//!
//! The memory is per thread (no lock) and belongs to one pseudonymizer at
//! a time (another one clears it). It holds values of up to
//! [`MAX_VALUE`] bytes in a fixed number of slots; a value takes the slot
//! its hash names, replacing whatever was there, so it never grows. It
//! holds the values it was given, in this process's memory only, as the
//! text being scrubbed does; nothing in it is ever written out.

use std::cell::RefCell;
use std::hash::{BuildHasher, BuildHasherDefault};

use rustc_hash::FxHasher;

use super::Shape;

/// The longest value remembered.
const MAX_VALUE: usize = 128;
/// How many pseudonyms are remembered at most (a power of two).
const SLOTS: usize = 2048;

struct Slot {
    hash: u64,
    shape: Shape,
    value: String,
    pseudonym: String,
}

/// The memory of one thread: the pseudonymizer it belongs to and its slots.
struct Memory {
    id: u64,
    slots: Vec<Option<Slot>>,
}

thread_local! {
    static MEMORY: RefCell<Memory> = const { RefCell::new(Memory { id: 0, slots: Vec::new() }) };
}

/// The pseudonym of `value` in `shape` by pseudonymizer `id`: remembered,
/// or made by `make` (and then remembered).
pub(super) fn pseudonym(
    id: u64,
    shape: Shape,
    value: &str,
    make: impl FnOnce() -> String,
) -> String {
    if value.len() > MAX_VALUE {
        return make();
    }
    let hash = BuildHasherDefault::<FxHasher>::default().hash_one((shape, value));
    // The high bits of an Fx hash are the well mixed ones.
    let at = (hash >> (64 - SLOTS.trailing_zeros())) as usize;
    let known = MEMORY.with(|m| {
        let m = m.borrow();
        if m.id != id {
            return None;
        }
        match m.slots.get(at) {
            Some(Some(s)) if s.hash == hash && s.shape == shape && s.value == value => {
                Some(s.pseudonym.clone())
            }
            _ => None,
        }
    });
    if let Some(p) = known {
        return p;
    }
    let made = make();
    MEMORY.with(|m| {
        let mut m = m.borrow_mut();
        if m.id != id || m.slots.len() != SLOTS {
            m.id = id;
            m.slots.clear();
            m.slots.resize_with(SLOTS, || None);
        }
        m.slots[at] = Some(Slot {
            hash,
            shape,
            value: value.to_owned(),
            pseudonym: made.clone(),
        });
    });
    made
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_pseudonym_is_the_one_made_and_made_once() {
        let mut made = 0;
        for _ in 0..3 {
            let p = pseudonym(u64::MAX - 1, Shape::Email, "a@b.com", || {
                made += 1;
                "x@y.example".to_owned()
            });
            assert_eq!(p, "x@y.example");
        }
        assert_eq!(made, 1);
    }

    #[test]
    fn another_pseudonymizer_or_shape_does_not_share_the_memory() {
        let p = pseudonym(u64::MAX - 2, Shape::Text, "v", || "one".into());
        let q = pseudonym(u64::MAX - 3, Shape::Text, "v", || "two".into());
        let r = pseudonym(u64::MAX - 3, Shape::Hex, "v", || "three".into());
        assert_eq!(
            (p.as_str(), q.as_str(), r.as_str()),
            ("one", "two", "three")
        );
        // The first pseudonymizer's memory was cleared by the second.
        let p2 = pseudonym(u64::MAX - 2, Shape::Text, "v", || "again".into());
        assert_eq!(p2, "again");
    }

    #[test]
    fn long_values_are_not_remembered() {
        let long = "v".repeat(MAX_VALUE + 1);
        let a = pseudonym(u64::MAX - 4, Shape::Text, &long, || "a".into());
        let b = pseudonym(u64::MAX - 4, Shape::Text, &long, || "b".into());
        assert_eq!((a.as_str(), b.as_str()), ("a", "b"));
    }
}
