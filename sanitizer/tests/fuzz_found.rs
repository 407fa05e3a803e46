//! What coverage-guided fuzzing (`fuzz/`, see its README) found in the
//! sanitizer: one regression test per bug, named after it. The inputs
//! themselves are replayed by the workspace's `tests/fuzz_regressions.rs`.

use reprise_sanitizer::{Key, Sanitizer, Verifier, pseudonymized_paths};
use serde_json::{Value, json};

fn scrub_then_verify(doc: &Value) -> (Value, Vec<String>) {
    let sanitizer = Sanitizer::builder()
        .pseudonym_key(Key::from_bytes(b"fuzz found key, long enough", "test").expect("key"))
        .build()
        .expect("defaults build");
    let mut scrubbed = doc.clone();
    let mut report = sanitizer.report();
    sanitizer.scrub_value("args", &mut scrubbed, &mut report);
    let accepted = pseudonymized_paths(Some(&report.to_json()));
    let mut findings = Vec::new();
    Verifier::new().expect("defaults build").check_value(
        Some(1),
        "args",
        &scrubbed,
        &accepted,
        &mut findings,
    );
    (scrubbed, findings.iter().map(ToString::to_string).collect())
}

/// Regression (found by the `scrub_oracle` fuzzer): the attribute before a
/// quoted name (`<add kdylo••••ady="CpiSecret"`) was taken to start one
/// byte past the last character that cannot be in an attribute's name;
/// when that character was wider than a byte (`•`, `é`, `𝄞`) the slice
/// started inside it and scrub panicked.
#[test]
fn regression_named_part_after_a_wide_character_does_not_panic() {
    for wide in ["é", "•", "𝄞", "\u{a0}"] {
        for text in [
            format!("<add k{wide}ady=\"CpiSecret\" C"),
            format!("<a{wide}name=\"password\"><b>hunter2!</b>"),
            format!("{wide}name='ssn'>\n<v>078-05-1120</v>"),
        ] {
            let doc = json!({ "email": text });
            let (scrubbed, found) = scrub_then_verify(&doc);
            assert!(found.is_empty(), "verify found {found:?} in {scrubbed}");
        }
    }
}
