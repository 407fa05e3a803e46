//! What coverage-guided fuzzing (`fuzz/`, see its README) found in the
//! sanitizer: one regression test per bug, named after it. The inputs
//! themselves are replayed by the workspace's `tests/fuzz_regressions.rs`.

mod oracle;

use std::sync::LazyLock;

use oracle::scrub_then_verify;
use reprise_sanitizer::Sanitizer;
use serde_json::json;

/// A sanitizer with the key the `scrub_oracle` fuzzer runs with: the
/// regressions that need its pseudonyms to fail without their fix.
static KEYED: LazyLock<Sanitizer> = LazyLock::new(|| oracle::with_key(b"verify agrees key"));

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

/// Regression (found by the `scrub_oracle` fuzzer): a label's value that
/// runs into a `.reg` value's name (`"70,0cmykad"=he:70,00,00my-kad"=hex:70,00`:
/// `mykad` takes `he:70,...`, inside the name `=he:70,00,00my-kad`) was
/// pseudonymized there, while the block's value was scrubbed under the
/// name as it was: the output's name (`...ht-vin`) read as another label
/// and verify took the value under it; the same edit dropped after it was
/// counted left scrub changing nothing where verify found something. A
/// name that anything but its block writes over is now redacted with its
/// value, as one.
#[test]
fn regression_a_label_s_value_that_runs_into_a_reg_name_takes_the_block() {
    // As found (minimized), in the fuzz target's documents.
    for doc in [
        json!({ "body": "70,0cmykad\"=he:70,00,00my-kad\u{fffd}\"=hex:70,00" }),
        json!({ "payload": "d_o_b\"=70,00\"=hex(3):70,00,61,00" }),
        json!({ "name": "value", "value": "\"\\\ndob\"=hex(1):70,00\"=hex(3):70,00,61,00" }),
        json!({ "name": "max_tokens", "value": "AccessKey\"=70,0apikey|P\"=hex(3):70,00,61,00" }),
    ] {
        let checked = oracle::check_on(&KEYED, &doc);
        assert!(
            checked.after.is_empty(),
            "verify found {:?} in {}",
            checked.after,
            checked.scrubbed
        );
        assert_ne!(checked.scrubbed, doc);
    }
    let labels = [
        "mykad",
        "d_o_b",
        "dob",
        "AccessKey",
        "apikey|",
        "password:",
        "vin ",
        "ssn=",
    ];
    let names = [
        "=he:70,00,00my-kad",
        "=70,00",
        "=0apikey|P",
        ",0x",
        "=hex(1):70,00",
    ];
    let kinds = ["hex", "hex(1)", "hex(2)", "hex(3)", "hex(7)"];
    let mut checked = 0;
    for label in labels {
        for name in names {
            for kind in kinds {
                for lead in ["", "70,0c", "\"\\\n", "x "] {
                    let text = format!("{lead}{label}\"{name}\"={kind}:70,00,61,00");
                    for doc in [
                        json!({ "body": text }),
                        json!({ "name": "max_tokens", "value": text }),
                    ] {
                        let checked_doc = oracle::check_on(&KEYED, &doc);
                        assert!(
                            checked_doc.after.is_empty(),
                            "verify found {:?} in {}",
                            checked_doc.after,
                            checked_doc.scrubbed
                        );
                        assert_eq!(
                            checked_doc.scrubbed != doc,
                            !checked_doc.before.is_empty(),
                            "scrub changed {doc} into {} where verify found {:?}",
                            checked_doc.scrubbed,
                            checked_doc.before
                        );
                        checked += 1;
                    }
                }
            }
        }
    }
    assert_eq!(checked, 8 * 5 * 5 * 4 * 2);
}

/// Regression (found by the `scrub_oracle` fuzzer): a JSON document in a
/// string that one secret kept from parsing (`"password_lrom":"hun\0\0tgr2"`,
/// a raw control character) was scrubbed as text, its findings counted at
/// the string's path; with the secret redacted the output parsed, and
/// verify walked it as a document, finding the pseudonyms at paths the
/// report did not list. What scrub writes that reads as a document where
/// the text did not is now walked as one too.
#[test]
fn regression_output_that_parses_as_a_document_is_walked_as_one() {
    let breakers = ["\u{0}\u{0}", "\u{1}", "\t", "\n", "\\q", "\\u12", "\u{1f}x"];
    let secrets = [
        ("password", "hun{}tgr2-horse"),
        ("api_key", "sk_live_{}4eC39HqLyjWDarjtT1zdp7dc"),
        ("token", "ab{}cdefghijklmnopqrstuvwxyz012345"),
        ("ssn", "078-05{}-1120"),
    ];
    let mut checked = 0;
    for breaker in breakers {
        for (key, secret) in secrets {
            let secret = secret.replace("{}", breaker);
            let inner = format!(
                "{{\"acct_from\":\"12345678\",\"passport\":\"X1234563\",\"{key}\":\"{secret}\"}}"
            );
            for doc in [
                json!({ "name": "id", "value": inner }),
                json!({ "payload": inner }),
                json!([inner]),
            ] {
                let (scrubbed, found) = oracle::scrub_then_verify_on(&KEYED, &doc);
                assert!(found.is_empty(), "verify found {found:?} in {scrubbed}");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 7 * 4 * 3);
}

/// Found by `scrub_oracle` (`verify_mask_placeholder_wakes_hash_detector`):
/// a password hash cut into short runs by `$`, `=`, `,` or `.` gave the
/// detectors' prefilter nothing to wake on, so it was found only where
/// something else in the text woke them: verify's placeholder for an
/// account number one line above did, scrub's pseudonym did not. The
/// prefilter now knows every pattern's literal beginning (a unit test
/// checks it against strings generated from every pattern).
#[test]
fn regression_a_hash_of_short_runs_is_found_whatever_is_near() {
    let dotted = "ab.cd/ef.".repeat(6);
    let hashes = [
        "$argon2d$v=19$m=655,,,,,,,,,,".to_owned(),
        format!("$2b$12${}", &dotted[..53]),
        format!("$6$rounds=5000$s.l.t${}", "q.".repeat(20)),
        "$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q".to_owned(),
    ];
    let mut checked = 0;
    for hash in &hashes {
        for before in ["", "acct:1\n:", "note ", "[redacted:x] "] {
            let doc = json!({ "name": "id", "value": format!("{before}{hash}") });
            let (scrubbed, found) = oracle::scrub_then_verify_on(&KEYED, &doc);
            assert!(found.is_empty(), "verify found {found:?} in {scrubbed}");
            assert!(
                !scrubbed.to_string().contains(hash.as_str()),
                "{hash} left in {scrubbed}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 4 * 4);
}

/// Found by `scrub_oracle` (`copy_columns_label_pseudonym_then_verify_placeholder_reads_pass_column`):
/// a label's value ran into a separator of a `COPY` column list (`4,`);
/// scrub's pseudonym kept the comma, verify's placeholder swallowed it,
/// so the column list read differently in verify and its data row was
/// taken under the column `pass`. Verify's placeholder for a value scrub
/// pseudonymizes now keeps the value's punctuation at its ends.
#[test]
fn regression_verify_s_placeholder_keeps_the_separator_a_value_ran_into() {
    let mut checked = 0;
    for sep in [",", ";", ")", "."] {
        for label in ["driverlicense", "passport", "ssn"] {
            let doc = json!({
                "max_tokens": format!("COPY u(pass\u{11}{label}|4{sep}|,)FROMstdin\n1\t")
            });
            let (scrubbed, found) = oracle::scrub_then_verify_on(&KEYED, &doc);
            assert!(found.is_empty(), "verify found {found:?} in {scrubbed}");
            checked += 1;
        }
    }
    assert_eq!(checked, 4 * 3);
}

/// Regression (found by the `scrub_oracle` fuzzer, `copy_columns_label_
/// pseudonym_then_verify_placeholder_reads_pass_column_as_found`): verify
/// wrote a placeholder where scrub wrote a pseudonym, and a labelled
/// value's inner separator (`4,5`, `4)5`) went with it, so the `COPY`
/// statement's column list read one column short in verify's copy and the
/// data row's cell fell under `pass`. Verify's copy now keeps what a
/// pseudonym replaces (`scrub/keyed.rs`): it reads the list scrub wrote.
#[test]
fn regression_verify_reads_a_copy_column_list_as_scrub_wrote_it() {
    let mut checked = 0;
    for value in ["4,5", "4)5", "4,5,6", "4,5;6"] {
        for label in ["driverlicense", "passport", "ssn"] {
            let doc = json!({
                "max_tokens": format!("COPY u(pass\u{11}{label}|{value}|,)FROMstdin\n1\t")
            });
            let (scrubbed, found) = oracle::scrub_then_verify_on(&KEYED, &doc);
            assert!(found.is_empty(), "verify found {found:?} in {scrubbed}");
            checked += 1;
        }
    }
    assert_eq!(checked, 4 * 3);
}

/// Regression (found by the `scrub_oracle` fuzzer, `hl7_pid_pseudonym_
/// then_verify_placeholder_reads_pat_token`): an HL7 `PID` segment's
/// record number, in an object key or a string, was pseudonymized by
/// scrub (`Pat|\rPID||2`); verify's copy held a placeholder there
/// (`Pat|\rPID||[redacted:key:medical-id]`), and with a placeholder in the
/// text its second look read `\rPID` as the value of the `Pat` (personal
/// access token) label, which scrub's text never showed it.
#[test]
fn regression_verify_reads_an_hl7_segment_as_scrub_wrote_it() {
    let mut checked = 0;
    for label in ["Pat", "token", "PAT"] {
        for number in ["9", "2", "12345"] {
            let text = format!("{label}|\rPID||{number}");
            for doc in [
                json!({ "": [{"": ""}, {"": [""]}], text.clone(): "" }),
                json!({ text.clone(): "" }),
                json!({ "x": text }),
            ] {
                let (scrubbed, found) = oracle::scrub_then_verify_on(&KEYED, &doc);
                assert!(found.is_empty(), "verify found {found:?} in {scrubbed}");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 3 * 3 * 3);
}

/// Regression: below an object key that scrub pseudonymized (an address,
/// a phone, a card, an IBAN as a map's key), scrub's report lists what it
/// pseudonymized at paths through the key's pseudonym; verify's copy held
/// a placeholder in the key, so the pseudonyms below it were found at
/// paths no report lists (`$.args.hosts['[redacted:ipv4]'].note`). Verify
/// now keeps the key as scrub wrote it to look paths up, and masks it only
/// in the paths it prints.
#[test]
fn regression_verify_looks_up_paths_below_a_pseudonymized_key_as_scrub_wrote_them() {
    let mut checked = 0;
    for key in [
        "10.1.2.3",
        "+49 151 23456789",
        "4539 1488 0343 6467",
        "DE89370400440532013000",
    ] {
        for doc in [
            json!({ "hosts": { key: { "note": "ip 10.9.8.7" } } }),
            json!({ "hosts": { key: ["from 10.9.8.7"] } }),
            json!({ "a": { "bob@corp.com": { key: "ip 10.9.8.7" } } }),
            json!({ "body": json!({ key: "ip 10.9.8.7" }).to_string() }),
        ] {
            let (scrubbed, found) = oracle::scrub_then_verify_on(&KEYED, &doc);
            assert!(found.is_empty(), "verify found {found:?} in {scrubbed}");
            checked += 1;
        }
    }
    assert_eq!(checked, 4 * 4);
}
