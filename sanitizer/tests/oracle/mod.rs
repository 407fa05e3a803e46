//! Scrub, then verify what scrub wrote: the check the sanitizer's tests
//! of one class of input each make (`fuzz_found.rs`, `scripts.rs`,
//! `headers_and_codes.rs`, `geo_numbers.rs`, `wire_shapes.rs`). Verify is
//! given the paths the report lists as pseudonymized, as `reprise verify`
//! is; the documented workflow holds when it finds nothing there. One
//! sanitizer (with a fixed key, so that pseudonyms repeat from run to run)
//! and one verifier serve every test of a binary.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::sync::LazyLock;

use reprise_sanitizer::{Finding, Key, Sanitizer, Verifier, pseudonymized_paths};
use serde_json::Value;

static SANITIZER: LazyLock<Sanitizer> =
    LazyLock::new(|| with_key(b"the tests' oracle key, long enough"));

/// A sanitizer with the default rules and the pseudonym key `key`: for a
/// regression that needs the pseudonyms of the key it was found with.
pub fn with_key(key: &[u8]) -> Sanitizer {
    Sanitizer::builder()
        .pseudonym_key(Key::from_bytes(key, "test").expect("key"))
        .build()
        .expect("defaults build")
}

static VERIFIER: LazyLock<Verifier> = LazyLock::new(|| Verifier::new().expect("defaults build"));

/// What one scrub of a document wrote, and what verify finds.
pub struct Checked {
    /// The scrubbed document.
    pub scrubbed: Value,
    /// The scrub's report, as JSON.
    pub report: Value,
    /// What verify finds in the document given (nothing accepted).
    pub before: Vec<String>,
    /// What verify finds in what scrub wrote.
    pub after: Vec<String>,
}

/// Scrubs `doc` under `args`, and verifies both the input and the output.
pub fn check(doc: &Value) -> Checked {
    let (scrubbed, report, after) = scrubbed(doc);
    Checked {
        before: verify(doc, &BTreeSet::new()),
        scrubbed,
        report,
        after,
    }
}

/// [`check`] with `sanitizer`.
pub fn check_on(sanitizer: &Sanitizer, doc: &Value) -> Checked {
    let (scrubbed, report, after) = scrubbed_by(sanitizer, doc);
    Checked {
        before: verify(doc, &BTreeSet::new()),
        scrubbed,
        report,
        after,
    }
}

/// What scrub wrote for `doc`, and what verify finds in it.
pub fn scrub_then_verify(doc: &Value) -> (Value, Vec<String>) {
    scrub_then_verify_on(&SANITIZER, doc)
}

/// [`scrub_then_verify`] with `sanitizer`.
pub fn scrub_then_verify_on(sanitizer: &Sanitizer, doc: &Value) -> (Value, Vec<String>) {
    let (scrubbed, _, after) = scrubbed_by(sanitizer, doc);
    (scrubbed, after)
}

/// What scrub wrote for `doc`, after asserting that verify finds nothing
/// in it.
pub fn scrub(doc: &Value) -> Value {
    let (scrubbed, after) = scrub_then_verify(doc);
    assert!(after.is_empty(), "verify found {after:?} in {scrubbed}");
    scrubbed
}

fn scrubbed(doc: &Value) -> (Value, Value, Vec<String>) {
    scrubbed_by(&SANITIZER, doc)
}

fn scrubbed_by(sanitizer: &Sanitizer, doc: &Value) -> (Value, Value, Vec<String>) {
    let mut scrubbed = doc.clone();
    let mut report = sanitizer.report();
    sanitizer.scrub_value("args", &mut scrubbed, &mut report);
    let report = report.to_json();
    let accepted = pseudonymized_paths(Some(&report));
    let after = verify(&scrubbed, &accepted);
    (scrubbed, report, after)
}

fn verify(doc: &Value, accepted: &BTreeSet<String>) -> Vec<String> {
    let mut findings: Vec<Finding> = Vec::new();
    VERIFIER.check_value(Some(1), "args", doc, accepted, &mut findings);
    findings.iter().map(ToString::to_string).collect()
}
