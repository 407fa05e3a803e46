//! What an object key says, remembered: transcripts repeat the same few
//! hundred keys millions of times, so whether a key holds data, which key
//! rule it announces, whether it is a secret-looking name, the name or the
//! value of a name/value pair, and what it says about a person and about
//! a place are worked out once per key and thread.
//!
//! The memory is per thread (no lock on the hot path), belongs to one
//! sanitizer at a time (another one clears it), holds keys of up to 64
//! bytes, and is cleared when it passes 16,384 keys, so it stays small
//! whatever the input.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use crate::keys::NameMatch;
use crate::person::PersonKey;

use super::geo_numbers::GeoKey;

/// What a key says.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KeyFacts {
    /// The text pass takes nothing in the key itself.
    pub(crate) clean: bool,
    /// The first rule that takes something in the key, when one does
    /// (what verify's paths show in its place).
    pub(crate) held_by: Option<usize>,
    /// The key rule the key announces.
    pub(crate) rule: Option<NameMatch>,
    /// A high-entropy string under the key is a secret
    /// (`Sanitizer::entropy_key`).
    pub(crate) entropy: bool,
    /// The key holds the name of a name/value pair (`name`, `ParameterKey`).
    pub(crate) pair_name: bool,
    /// The key holds the value of a name/value pair (`value`, `data`).
    pub(crate) pair_value: bool,
    /// The key names a key format's type (`kty` of a JSON Web Key,
    /// `typeUrl` of a Tink key): the map may hold key material
    /// (`super::key_material`).
    pub(crate) names_key_format: bool,
    /// What the key says about a person.
    pub(crate) person: PersonKey,
    /// The key may hold a query result's rows (`super::columns`).
    pub(crate) rows: bool,
    /// What the key says about a place (`super::geo_numbers`).
    pub(crate) geo: GeoKey,
}

/// The longest key remembered.
const MAX_KEY: usize = 64;
/// How many keys are remembered before the memory starts again.
const MAX_KEYS: usize = 16_384;

thread_local! {
    static MEMORY: RefCell<(u64, FxHashMap<String, KeyFacts>)> =
        RefCell::new((0, FxHashMap::default()));
}

/// The facts of `key` for the sanitizer `id`, when they are remembered.
pub(crate) fn known(id: u64, key: &str) -> Option<KeyFacts> {
    MEMORY.with(|m| {
        let m = m.borrow();
        (m.0 == id).then(|| m.1.get(key).copied()).flatten()
    })
}

/// The facts of `key` for the sanitizer `id`, worked out by `learn` the
/// first time.
pub(crate) fn facts(id: u64, key: &str, learn: impl FnOnce() -> KeyFacts) -> KeyFacts {
    if key.len() > MAX_KEY {
        return learn();
    }
    let known = MEMORY.with(|m| {
        let m = m.borrow();
        (m.0 == id).then(|| m.1.get(key).copied()).flatten()
    });
    if let Some(facts) = known {
        return facts;
    }
    let facts = learn();
    MEMORY.with(|m| {
        let mut m = m.borrow_mut();
        if m.0 != id || m.1.len() >= MAX_KEYS {
            m.0 = id;
            m.1.clear();
        }
        m.1.insert(key.to_owned(), facts);
    });
    facts
}

/// What a name found in text says when no key rule takes it (a text pass
/// reads a name around every key word it finds: `node` of `node_key` in
/// `to node-3`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct NameFacts {
    /// A high-entropy value after the name is a secret.
    pub(crate) entropy: bool,
    /// What the name says about a person.
    pub(crate) person: PersonKey,
}

thread_local! {
    static NAMES: RefCell<(u64, FxHashMap<String, NameFacts>)> =
        RefCell::new((0, FxHashMap::default()));
}

/// The facts of name `name` for the sanitizer `id`, worked out by `learn`
/// the first time; remembered with the same bounds as keys.
pub(crate) fn name_facts(id: u64, name: &str, learn: impl FnOnce() -> NameFacts) -> NameFacts {
    if name.len() > MAX_KEY {
        return learn();
    }
    let known = NAMES.with(|m| {
        let m = m.borrow();
        (m.0 == id).then(|| m.1.get(name).copied()).flatten()
    });
    if let Some(facts) = known {
        return facts;
    }
    let facts = learn();
    NAMES.with(|m| {
        let mut m = m.borrow_mut();
        if m.0 != id || m.1.len() >= MAX_KEYS {
            m.0 = id;
            m.1.clear();
        }
        m.1.insert(name.to_owned(), facts);
    });
    facts
}
