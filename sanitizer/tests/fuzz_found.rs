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

/// Regression (found by the `scrub_oracle` fuzzer): a national id's label
/// (`ahv|`) took the word on the line below it as its value and
/// pseudonymized it; the pseudonym, a word of letters, spelled a new label
/// (`sig_oxsznsxlwc_tjifsi|f`) whose value `verify` then read, and a
/// one-letter word could be its own pseudonym, so that "scrub changed
/// nothing" while verify found an id. No identifier is written without a
/// digit (or an `@`): under an identifier's label in text, a word is no
/// value, on the same line or below it.
#[test]
fn regression_identifier_label_takes_no_word_below_it() {
    let labels = [
        "ahv|",
        "AHV:",
        "ssn:",
        "passport:",
        "IBAN:",
        "imei:",
        "mrn:",
        "phone:",
    ];
    for label in labels {
        for word in ["r", "ahv_nummerilhv_number|v", "Pending", "rqjfxzwlmn"] {
            for text in [
                format!(">{label}\\\n{word}"),
                format!("{label}\n\n{word}"),
                format!("{label} {word}"),
            ] {
                for doc in [
                    json!({ "name": "secret_name", "value": text }),
                    json!({ "note": text }),
                ] {
                    let (scrubbed, found) = scrub_then_verify(&doc);
                    assert!(found.is_empty(), "verify found {found:?} in {scrubbed}");
                    assert_eq!(scrubbed, doc, "a word under {label} was taken");
                }
            }
        }
    }
    // The identifiers themselves still are.
    for (label, value) in [
        ("AHV:", "756.9217.0769.85"),
        ("ssn:", "078-05-1120"),
        ("phone:", "+49 176 1234 5678"),
    ] {
        let doc = json!({ "note": format!("{label}\n\n{value}") });
        let (scrubbed, found) = scrub_then_verify(&doc);
        assert!(found.is_empty(), "verify found {found:?} in {scrubbed}");
        assert!(
            !scrubbed.to_string().contains(value),
            "{value} under {label} was left: {scrubbed}"
        );
    }
}
