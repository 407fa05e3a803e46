//! What coverage-guided fuzzing (`fuzz/`, see its README) found in the
//! sanitizer: one regression test per bug, named after it. The inputs
//! themselves are replayed by the workspace's `tests/fuzz_regressions.rs`.

mod oracle;

use std::sync::LazyLock;

use oracle::scrub_then_verify;
use reprise_sanitizer::Sanitizer;
use serde_json::json;

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

/// Regression (found by the `scrub_oracle` fuzzer): a `.reg` value's name
/// (`"db,apikey=x"=hex:70,00,...`) is read with its value, as the key of
/// a member, and what the key rules took in the name was counted but not
/// written back: scrub left the name as it was and verify found the key.
/// What a named block's name holds is now written over the name.
#[test]
fn regression_a_named_block_s_name_is_written_back_scrubbed() {
    for text in [
        "\"db,6apikey=\u{fffd}\"=hex:70,00,61,00",
        "\":70,61,00,7apikey|\u{fffd}\"=hex:70,00",
        "\"conn;password=Hunter22x\"=hex(2):70,00,61,00,73,00,00,00",
        "[HKEY_CURRENT_USER\\Software\\App]\r\n\"api_key=q8Zr2mXw0pLk\"=hex(2):61,00,62,00,00,00\r\n",
    ] {
        let doc = json!({ "a": { "x": [text] } });
        let (scrubbed, found) = scrub_then_verify(&doc);
        assert!(found.is_empty(), "verify found {found:?} in {scrubbed}");
        assert_ne!(scrubbed, doc, "nothing was taken in {text:?}");
    }
}

/// Regression (found by the `scrub_oracle` fuzzer): under a secret-looking
/// name (`{"name": "max_tokens", "value": "d_o_b=9141249495"}`), a value
/// that does not read as random was passed to the text pass, whose
/// pseudonym of the date (`d_o_b=6192397875`) did: verify, reading the
/// output, took it as a random secret. What the text pass writes under
/// such a name is now asked the same question again.
#[test]
fn regression_a_pseudonym_that_reads_as_random_under_a_secret_name_is_taken() {
    // Values of low entropy whose pseudonyms, some of them, read as random.
    // The pseudonyms of the key the fuzzer found it with.
    static KEYED: LazyLock<Sanitizer> = LazyLock::new(|| oracle::with_key(b"verify agrees key"));
    let values = (0..300u64).flat_map(|i| {
        let digits = format!("{:010}", 9_141_249_495 - i * 1_000_003);
        [format!("d_o_b={digits}"), format!("dob {digits}")]
    });
    for value in values {
        for doc in [
            json!({ "name": "max_tokens", "value": value }),
            json!({ "session_token": value }),
        ] {
            let (scrubbed, found) = oracle::scrub_then_verify_on(&KEYED, &doc);
            assert!(found.is_empty(), "verify found {found:?} in {scrubbed}");
        }
    }
}
