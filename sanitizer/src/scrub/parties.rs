//! A party named apart from what only a person has: ISO 20022's payment
//! messages as JSON write the debtor's name in `Dbtr: {Nm}` and its IBAN
//! in the sibling `DbtrAcct: {Id: {IBAN}}`; an API writes `payer: {name}`
//! beside `payer_account: {iban}`. The record holding the name has no cue
//! of its own ([`crate::person::Record::Named`]), so its sibling is asked:
//! one whose key shares a word with the record's (`Dbtr` and `DbtrAcct`,
//! `UltmtDbtr` and `DbtrAcct`, `payer` and `payer_account`) and that holds
//! a cue saying who a party is (an IBAN, an account number, an email),
//! itself or a few levels down, or is the party's account (`DbtrAcct:
//! {Id: {Othr: {Id}}}`, an account with no IBAN).
//!
//! Decisions: an address alone in the sibling names nobody
//! (`shipping: {name}` beside `shipping_address: {postcode}` is a shipping
//! method); a company's name stays (`ACME GmbH`: what a person's name is
//! read as next to a sibling is [`PersonKey::holds_party_name`], which
//! company, role and label words are not); the sibling is read only when
//! the walk has already found a record named without a cue, so an object
//! costs nothing more otherwise.

use super::node::{Node, Object};
use super::{PathState, Sanitizer};
use crate::person::{self, PersonKey};
use crate::report::Tally;

/// How many levels below a sibling a party's cue is looked for
/// (`DbtrAcct` → `Id` → `IBAN` is two).
const MAX_LEVELS: usize = 3;

/// How many members or items of one level are looked at.
const MAX_MEMBERS: usize = 64;

/// Words of keys too generic to make two keys siblings (`account` of
/// `plan_account` and `billing_account`).
const GENERIC_WORDS: &[&str] = &[
    "account", "acct", "data", "detail", "details", "info", "the", "and", "for", "item",
];

impl Sanitizer {
    /// Takes the names of the members of `map` at `named` (records named
    /// without a cue, in the map's order) whose sibling sharing a key's
    /// word holds a party's cue.
    pub(super) fn name_parties(
        &self,
        map: &mut Object<'_>,
        named: &[usize],
        st: &mut PathState,
        tally: &mut dyn Tally,
        scratch: &mut String,
    ) {
        let Some((name_rule, _)) = self.person_rules else {
            return;
        };
        for &i in named {
            let Some(key) = map.keys().nth(i) else {
                continue;
            };
            let cued = map.iter().enumerate().any(|(j, (sibling, value))| {
                let filled = !matches!(value, Node::Null | Node::Bool(_));
                j != i
                    && shares_a_word(key, sibling)
                    && (filled
                        && (names_an_account(sibling) || person::is_party_cue(sibling, scratch))
                        || holds_party_cue(value, MAX_LEVELS, scratch))
            });
            if !cued {
                continue;
            }
            let Some((key, Node::Object(record))) = map.iter_mut().nth(i) else {
                continue;
            };
            st.push_key(key);
            for (member, value) in record.iter_mut() {
                let takes = match &*value {
                    Node::String(s) => PersonKey::of(member, scratch).holds_party_name(s),
                    _ => false,
                };
                if takes {
                    st.push_key(member);
                    self.apply_rule(value, name_rule, st, tally);
                    st.pop();
                }
            }
            st.pop();
        }
    }
}

/// Whether `value`, or a member up to `levels` below it, is under a key
/// that says who a party is ([`person::is_party_cue`]) and holds a value
/// (not a flag, not null).
fn holds_party_cue(value: &Node<'_>, levels: usize, scratch: &mut String) -> bool {
    if levels == 0 {
        return false;
    }
    match value {
        Node::Object(map) => map.iter().take(MAX_MEMBERS).any(|(key, value)| {
            (person::is_party_cue(key, scratch) && !matches!(value, Node::Null | Node::Bool(_)))
                || holds_party_cue(value, levels - 1, scratch)
        }),
        Node::Array(items) => items
            .iter()
            .take(MAX_MEMBERS)
            .any(|item| holds_party_cue(item, levels - 1, scratch)),
        _ => false,
    }
}

/// Whether `key` names an account (`DbtrAcct`, `payer_account`): the
/// party's own, whatever identifies it below (an IBAN, or ISO 20022's
/// `Othr: {Id}` for an account with none).
fn names_an_account(key: &str) -> bool {
    words(key).any(|w| {
        ["acct", "account", "konto"]
            .iter()
            .any(|a| a.eq_ignore_ascii_case(w))
    })
}

/// Whether keys `a` and `b` share a word of three letters or more that is
/// not a generic one ([`GENERIC_WORDS`]): words part at `_`, `-`, `.`, a
/// space, and where a capital follows a lowercase letter (`UltmtDbtr`).
fn shares_a_word(a: &str, b: &str) -> bool {
    words(a).any(|w| {
        w.len() >= 3
            && !GENERIC_WORDS.iter().any(|g| g.eq_ignore_ascii_case(w))
            && words(b).any(|v| v.eq_ignore_ascii_case(w))
    })
}

/// The words of key `key` ([`shares_a_word`]).
fn words(key: &str) -> impl Iterator<Item = &str> {
    let mut rest = key;
    std::iter::from_fn(move || {
        rest = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
        if rest.is_empty() {
            return None;
        }
        let mut prev_lower = false;
        let end = rest
            .char_indices()
            .find(|&(_, c)| {
                let ends = !c.is_alphanumeric() || (prev_lower && c.is_uppercase());
                prev_lower = c.is_lowercase();
                ends
            })
            .map_or(rest.len(), |(i, _)| i);
        let (word, tail) = rest.split_at(end);
        rest = tail;
        Some(word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_share_a_word_by_their_parts() {
        assert!(shares_a_word("Dbtr", "DbtrAcct"));
        assert!(shares_a_word("UltmtDbtr", "DbtrAcct"));
        assert!(shares_a_word("payer", "payer_account"));
        assert!(shares_a_word("recipient_info", "recipientEmail"));
        assert!(!shares_a_word("Dbtr", "CdtrAcct"));
        assert!(!shares_a_word("plan", "billing_account"));
        assert!(!shares_a_word("plan_account", "billing_account"));
        assert!(!shares_a_word("id", "id_card"));
        assert!(names_an_account("CdtrAcct"));
        assert!(names_an_account("payer_account"));
        assert!(!names_an_account("accounting"));
        assert_eq!(
            words("UltmtDbtr_x-IBAN").collect::<Vec<_>>(),
            ["Ultmt", "Dbtr", "x", "IBAN"]
        );
        assert_eq!(
            words("Zoë_Ångström").collect::<Vec<_>>(),
            ["Zoë", "Ångström"]
        );
    }

    proptest::proptest! {
        /// Any key parts into words of its own letters and digits,
        /// without a panic on a character of any width.
        #[test]
        fn words_are_parts_of_the_key(key in "\\PC{0,24}") {
            for word in words(&key) {
                proptest::prop_assert!(!word.is_empty() && key.contains(word));
                proptest::prop_assert!(word.chars().all(char::is_alphanumeric));
            }
        }
    }
}
