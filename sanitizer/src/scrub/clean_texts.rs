//! Short texts the text pass found nothing in, remembered: transcripts
//! repeat the same values (states, hosts, timestamps of a batch, ids of the
//! same resource) many times, and a repeated clean value is then known
//! clean by one hash and one comparison instead of the whole pass.
//!
//! Only texts whose verdict cannot depend on where they are are remembered:
//! not a JSON document, not a whole base64 or hex encoding, not
//! percent-encoded (each of those is walked with the path rules of its
//! place), so what the detectors, the key names in text, tables, SQL and
//! seed phrases find in them is all there is, wherever they occur.
//!
//! The memory is per thread (no lock), belongs to one sanitizer at a time
//! (another one clears it), holds texts of up to [`MAX_TEXT`] bytes in a
//! fixed number of slots (a text takes the slot its hash names, replacing
//! whatever was there), so it never grows. A text found clean the first
//! time leaves only its hash; the second time it is kept whole and known
//! from then on, so values that never repeat are not copied. A remembered text was found to
//! hold nothing sensitive; nothing found sensitive is ever kept.

use std::cell::RefCell;
use std::hash::{BuildHasher, BuildHasherDefault};

use rustc_hash::FxHasher;

/// The longest text remembered.
pub(crate) const MAX_TEXT: usize = 96;
/// How many texts are remembered at most (a power of two).
const SLOTS: usize = 4096;

/// The memory of one thread: the sanitizer it belongs to, and its slots,
/// each with the hash of its text, so that most texts not remembered are
/// told apart without reading the remembered one.
struct Memory {
    id: u64,
    slots: Vec<(u64, String)>,
}

thread_local! {
    static MEMORY: RefCell<Memory> = const { RefCell::new(Memory { id: 0, slots: Vec::new() }) };
}

/// The hash of `text`, and the slot it goes in.
fn slot(text: &str) -> (u64, usize) {
    let hash = BuildHasherDefault::<FxHasher>::default().hash_one(text);
    // The high bits of an Fx hash are the well mixed ones.
    (hash, (hash >> (64 - SLOTS.trailing_zeros())) as usize)
}

/// A text looked up in the memory and not found: where it would go, so
/// that remembering it does not hash it again.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Unknown {
    hash: u64,
    at: usize,
}

/// Whether sanitizer `id` found nothing in `text` before, on this thread:
/// `Ok(())` when it did, otherwise what [`remember`] needs (`None` for a
/// text too long or empty to remember).
pub(crate) fn known(id: u64, text: &str) -> Result<(), Option<Unknown>> {
    if text.len() > MAX_TEXT || text.is_empty() {
        return Err(None);
    }
    let (hash, at) = slot(text);
    let hit = MEMORY.with(|m| {
        let m = m.borrow();
        m.id == id
            && m.slots
                .get(at)
                .is_some_and(|(h, s)| *h == hash && !s.is_empty() && s == text)
    });
    if hit {
        Ok(())
    } else {
        Err(Some(Unknown { hash, at }))
    }
}

/// Remembers that sanitizer `id` found nothing in `text` (looked up as
/// `unknown`), which is no JSON document, no whole encoding and not
/// percent-encoded.
pub(crate) fn remember(id: u64, text: &str, unknown: Unknown) {
    let Unknown { hash, at } = unknown;
    MEMORY.with(|m| {
        let mut m = m.borrow_mut();
        if m.id != id || m.slots.is_empty() {
            m.id = id;
            m.slots.clear();
            m.slots.resize(SLOTS, (0, String::new()));
        }
        let (h, s) = &mut m.slots[at];
        if *h == hash && s.is_empty() {
            // Seen clean a second time: kept whole.
            s.push_str(text);
        } else {
            // Seen once: only its hash is kept, so that a value that never
            // comes back (most ids, digests, payloads) costs no copy.
            *h = hash;
            s.clear();
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Remembers `text` as [`super::remember`] does after a lookup.
    fn remember(id: u64, text: &str) {
        if let Err(Some(unknown)) = known(id, text) {
            super::remember(id, text, unknown);
        }
    }

    #[test]
    fn a_text_is_known_once_it_was_found_clean_twice() {
        let id = u64::MAX - 7;
        let text = "replicate entry 12 to node-3";
        assert!(known(id, text).is_err());
        remember(id, text);
        assert!(known(id, text).is_err(), "seen once: only its hash is kept");
        remember(id, text);
        assert!(known(id, text).is_ok());
        assert!(known(id - 1, text).is_err(), "another sanitizer's memory");
        assert!(known(id, "replicate entry 13 to node-3").is_err());
        let long = "x".repeat(MAX_TEXT + 1);
        remember(id, &long);
        remember(id, &long);
        assert!(
            matches!(known(id, &long), Err(None)),
            "too long to remember"
        );
    }
}
