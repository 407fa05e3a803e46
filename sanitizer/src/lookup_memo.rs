//! What key rules say about short names, remembered: the text pass looks
//! up the name around every key word it finds (`user` in `user:42`,
//! `plan` in `{"plan":"pro"}`), and logs, commands and documents held in
//! strings repeat the same few names on every line. A lookup normalizes
//! the name and searches every rule's words in it (about a thousand
//! instructions); a name remembered costs one hash and one comparison.
//!
//! The memory is per thread (no lock), holds names of up to [`MAX_NAME`]
//! bytes in a fixed number of slots (a name takes the slot its hash names,
//! replacing whatever was there), so it never grows, and each answer is
//! kept with the number of the [`KeyRules`](crate::keys::KeyRules) that
//! gave it: rules built from other patterns never read it.

use std::cell::RefCell;
use std::hash::{BuildHasher, BuildHasherDefault};

use rustc_hash::FxHasher;

use crate::keys::NameMatch;

/// The longest name remembered.
pub(crate) const MAX_NAME: usize = 48;
/// How many names are remembered at most (a power of two).
const SLOTS: usize = 1024;

/// One remembered name: the rules that looked it up, its hash, the name
/// and what the rules said.
#[derive(Default)]
struct Slot {
    rules: u64,
    hash: u64,
    name: String,
    answer: Option<NameMatch>,
}

thread_local! {
    static MEMORY: RefCell<Vec<Slot>> = const { RefCell::new(Vec::new()) };
}

/// What the key rules numbered `rules` (never 0) say about `name`: the
/// answer remembered on this thread, or the one `work_out` gives, which is
/// then remembered.
pub(crate) fn remembered(
    rules: u64,
    name: &str,
    work_out: impl FnOnce() -> Option<NameMatch>,
) -> Option<NameMatch> {
    if name.len() > MAX_NAME {
        return work_out();
    }
    let hash = BuildHasherDefault::<FxHasher>::default().hash_one(name);
    // The high bits of an Fx hash are the well mixed ones.
    let at = (hash >> (64 - SLOTS.trailing_zeros())) as usize;
    let known = MEMORY.with(|m| {
        m.borrow()
            .get(at)
            .filter(|s| s.rules == rules && s.hash == hash && s.name == name)
            .map(|s| s.answer)
    });
    if let Some(answer) = known {
        return answer;
    }
    let answer = work_out();
    MEMORY.with(|m| {
        let mut m = m.borrow_mut();
        if m.is_empty() {
            m.resize_with(SLOTS, Slot::default);
        }
        let slot = &mut m[at];
        slot.rules = rules;
        slot.hash = hash;
        slot.name.clear();
        slot.name.push_str(name);
        slot.answer = answer;
    });
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_given_back_only_to_the_rules_that_gave_it() {
        let (a, b) = (u64::MAX - 3, u64::MAX - 4);
        let hit = Some(NameMatch::whole(2));
        assert_eq!(remembered(a, "api_key", || hit), hit);
        // Remembered: the work is not done again.
        assert_eq!(remembered(a, "api_key", || unreachable!()), hit);
        // Other rules work it out themselves.
        assert_eq!(remembered(b, "api_key", || None), None);
        // A long name is never remembered.
        let long = "x".repeat(MAX_NAME + 1);
        assert_eq!(remembered(a, &long, || hit), hit);
        assert_eq!(remembered(a, &long, || None), None);
    }
}
