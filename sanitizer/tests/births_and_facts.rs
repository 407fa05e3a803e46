//! A person named beside a birth date written in words, or beside a fact
//! of a special category: `Ada Lovelace, born 10 December 1815`, `Jan
//! Kowalski (ur. 3 marca 1975)`, `Hans Müller, geboren am 3. März 1975`,
//! month names of more languages (Slavic genitives, Nordic, Finnish,
//! Hungarian, Turkish) and CJK dates; `Rx for Zoë Smith: ...`, `Ingrid
//! Haugland converted to ...`, `... was convicted`. The name and the date
//! are taken, the fact stays (without the name it is nobody's). Near
//! misses (a service born in 2019, `converted 3 files`, `rx_bytes`) stay.

mod oracle;

use oracle::scrub_then_verify;
use serde_json::json;

fn assert_taken(cases: &[(&str, &[&str], &[&str])]) {
    for &(text, secrets, kept) in cases {
        for doc in [
            json!({ "note": text }),
            json!({ "log": format!("2025-03-01T10:00:00Z INFO hr: {text}") }),
            json!([{ "role": "user", "content": text }]),
        ] {
            let (out, found) = scrub_then_verify(&doc);
            assert!(found.is_empty(), "verify found {found:?} in {out}");
            let out = out.to_string();
            for s in secrets {
                assert!(!out.contains(s), "{s:?} left in {out}");
            }
            for k in kept {
                assert!(out.contains(k), "{k:?} went from {out}");
            }
        }
    }
}

#[test]
fn regression_a_name_beside_a_birth_date_in_words_is_taken_with_it() {
    assert_taken(&[
        (
            "Margarida Conceição, born 8 May 1980",
            &["Margarida Conceição", "8 May 1980"],
            &["born"],
        ),
        (
            "Yerlan Nurpeisov, born 8 августа 1993 г.",
            &["Yerlan Nurpeisov", "августа 1993"],
            &["born"],
        ),
        (
            "Jan Kowalski (ur. 3 marca 1975)",
            &["Jan Kowalski", "3 marca 1975"],
            &["(ur."],
        ),
        (
            "Hans Müller, geboren am 3. März 1975",
            &["Hans Müller", "3. März 1975"],
            &["geboren am"],
        ),
        (
            "Aino Virtanen, born 14 toukokuuta 1988",
            &["Aino Virtanen", "toukokuuta 1988"],
            &["born"],
        ),
        (
            "Kovács Anna, született 1979. március 2.",
            &["Kovács Anna"],
            &["született"],
        ),
        (
            "Olena Shevchenko (born 21 серпня 1991)",
            &["Olena Shevchenko", "серпня 1991"],
            &["born"],
        ),
    ]);
}

#[test]
fn regression_a_name_beside_a_special_category_fact_is_taken() {
    assert_taken(&[
        (
            "Rx for Ximena Quispe Mamani: Lithium carbonate 400 mg bd; repeat x2",
            &["Ximena Quispe Mamani"],
            &["Lithium carbonate 400 mg"],
        ),
        (
            "HR: Ingrid Haugland converted to Islam last year and needs Friday prayers off.",
            &["Ingrid Haugland"],
            &["converted to Islam"],
        ),
        (
            "Background check: Tomasz Nowak was convicted of fraud in 2015.",
            &["Tomasz Nowak"],
            &["convicted of fraud"],
        ),
        (
            "prescription for Amelia Hart: sertraline 50 mg",
            &["Amelia Hart"],
            &["sertraline 50 mg"],
        ),
    ]);
}

#[test]
fn births_and_facts_of_no_one_stay() {
    for text in [
        "the service was born in 2019 as a side project",
        "born 3 days ago, the cluster is still warming up",
        "converted 3 files to PDF",
        "the file was converted to UTF-8",
        "rx_bytes=1024 tx_bytes=2048",
        "Rx queue depth 12 on eth0",
        "the prescription API returned 500",
        "pregnancy test SKU 4411 restocked",
    ] {
        for doc in [
            json!({ "note": text }),
            json!([{ "role": "user", "content": text }]),
        ] {
            let (out, found) = scrub_then_verify(&doc);
            assert!(found.is_empty(), "verify found {found:?} in {out}");
            assert_eq!(out, doc, "{text:?}");
        }
    }
}
