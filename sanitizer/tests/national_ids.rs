//! National, tax and health identifiers of countries the first rules left
//! out (the US EIN and MBI, the Indian GSTIN and voter id, the Iranian
//! national code, the Japanese residence card, the Brazilian PIS/PASEP,
//! the PhilSys number, the Pakistani CNIC, the Vietnamese CCCD, the
//! Indonesian NIK, the Nigerian BVN/NIN, the MyKad number, the Uruguayan
//! cédula, the Egyptian and Saudi national ids, the NZ NHI, the Ontario
//! health number, the Kenyan KRA PIN): taken under the labels people and
//! systems write for them, in the country's languages and in English, as
//! a field, in `label: value` text and in a configuration line; short
//! labels (`CI`, `IC`, `NIN`, `PSN`, `NIK`, `EIN`, `epic`) only when the
//! value is the identifier, check digits included; a few strong formats
//! with no label at all. Check digits are computed here, from the
//! published algorithms, not copied from any corpus.

use std::sync::OnceLock;

use reprise_sanitizer::{Report, Sanitizer};
use serde_json::{Value, json};

fn scrub(value: Value) -> String {
    static SANITIZER: OnceLock<Sanitizer> = OnceLock::new();
    let sanitizer = SANITIZER.get_or_init(|| Sanitizer::builder().build().expect("rules"));
    let mut value = value;
    sanitizer.scrub_value("args", &mut value, &mut Report::default());
    value.to_string()
}

fn digits(s: &str) -> Vec<u32> {
    s.bytes().map(|b| u32::from(b - b'0')).collect()
}

fn weighted(ds: &[u32], weights: &[u32]) -> u32 {
    ds.iter().zip(weights).map(|(d, w)| d * w).sum()
}

/// The Luhn digit to append to `body`.
fn luhn_digit(body: &str) -> u32 {
    let sum: u32 = digits(body)
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| match (i % 2, d * 2) {
            (0, d2) if d2 > 9 => d2 - 9,
            (0, d2) => d2,
            _ => d,
        })
        .sum();
    (10 - sum % 10) % 10
}

/// An Iranian national code for nine digits.
fn melli(body: &str) -> String {
    let r = weighted(&digits(body), &[10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11;
    format!("{body}{}", if r < 2 { r } else { 11 - r })
}

/// A PIS/PASEP for ten digits, written `123.45678.90-1`.
fn pis(body: &str) -> String {
    let c = match 11 - weighted(&digits(body), &[3, 2, 9, 8, 7, 6, 5, 4, 3, 2]) % 11 {
        10 | 11 => 0,
        c => c,
    };
    format!("{}.{}.{}-{c}", &body[..3], &body[3..8], &body[8..])
}

/// A Uruguayan cédula for seven digits, written `1.234.567-2`.
fn cedula(body: &str) -> String {
    let c = (10 - weighted(&digits(body), &[2, 9, 8, 7, 6, 3, 4]) % 10) % 10;
    format!("{}.{}.{}-{c}", &body[..1], &body[1..4], &body[4..])
}

/// An Egyptian national id for thirteen digits.
fn egypt(body: &str) -> String {
    let c = (11 - weighted(&digits(body), &[2, 7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11) % 10;
    format!("{body}{c}")
}

/// The last digit of `s` changed.
fn corrupt(s: &str) -> String {
    let mut out = s.to_owned();
    let last = out.pop().and_then(|c| c.to_digit(10)).unwrap_or(0);
    out.push(char::from_digit((last + 1) % 10, 10).unwrap_or('0'));
    out
}

/// (labels as people and systems write them, values of the identifier)
fn labelled() -> Vec<(Vec<&'static str>, Vec<String>)> {
    let saudi = format!("112345678{}", luhn_digit("112345678"));
    let iqama = format!("254321987{}", luhn_digit("254321987"));
    let ohip = format!("452398761{}", luhn_digit("452398761"));
    vec![
        (
            vec![
                "EIN",
                "FEIN",
                "employer identification number",
                "employerIdentificationNumber",
                "ein_number",
            ],
            vec!["12-3456789".into(), "452917364".into()],
        ),
        (
            vec!["GSTIN", "GST no", "gst number", "gstNumber", "GST"],
            vec!["27AAPFU0939F1ZV".into()],
        ),
        (
            vec![
                "کد ملی",
                "national code",
                "melli code",
                "codeMelli",
                "کدملی",
            ],
            vec![melli("439801308"), melli("062841357")],
        ),
        (
            vec![
                "在留カード番号",
                "residence card no",
                "zairyu card",
                "residenceCardNumber",
                "在留カード",
            ],
            vec!["AB12345678CD".into(), "ZX90817263QW".into()],
        ),
        (
            vec!["PIS", "NIT", "PIS/PASEP", "pis_pasep", "NIS"],
            vec![pis("1204567891"), pis("1709876543").replace(['.', '-'], "")],
        ),
        (
            vec!["PhilSys number", "PSN", "PhilID", "philsysCardNumber"],
            vec!["4821-0937-5516-2048".into(), "7310482956130742".into()],
        ),
        (
            vec!["CNIC", "شناختی کارڈ نمبر", "NIC", "snic"],
            vec!["35202-1234567-1".into(), "4210198765432".into()],
        ),
        (
            vec!["EPIC no", "voter id", "मतदाता पहचान पत्र संख्या", "epic"],
            vec!["XQB4829173".into(), "ABC1234567".into()],
        ),
        (
            vec![
                "CCCD",
                "căn cước công dân",
                "số định danh cá nhân",
                "so_dinh_danh",
            ],
            vec!["001087123456".into(), "079203004512".into()],
        ),
        (
            vec!["NIK", "nomor induk kependudukan", "no KTP", "nik_ktp"],
            vec!["3273000101010001".into(), "3578016508900003".into()],
        ),
        (
            vec!["BVN", "NIN", "bank verification number", "ninNumber"],
            vec!["22198765432".into(), "70123456789".into()],
        ),
        (
            vec!["MyKad", "no. kad pengenalan", "IC", "I/C no", "ic_number"],
            vec!["890724-01-2498".into(), "031115105322".into()],
        ),
        (
            vec!["CI", "cédula de identidad", "documento", "C.I."],
            vec![cedula("1234567"), cedula("4705218").replace('.', "")],
        ),
        (
            vec![
                "MBI",
                "medicare number",
                "medicare beneficiary identifier",
                "mbi",
            ],
            vec!["1EG4-TE5-MK73".into(), "9QC2WR7XK41".into()],
        ),
        (
            vec!["الرقم القومي", "national id", "NID", "الرقم القومى"],
            vec![egypt("2900912120181"), egypt("3010101880123")],
        ),
        (
            vec!["NHI", "NHI number", "national health index"],
            vec!["ZAC5361".into(), "ZAD96LT".into()],
        ),
        (
            vec!["health card", "OHIP", "health number", "HCN"],
            vec![
                ohip.clone(),
                format!("{}-{}-{}-AB", &ohip[..4], &ohip[4..7], &ohip[7..]),
            ],
        ),
        (
            vec!["KRA PIN", "tax pin", "PIN no", "KRA"],
            vec!["A001234567J".into(), "P051112223Z".into()],
        ),
        (
            vec!["رقم الهوية", "iqama", "national id", "رقم الإقامة"],
            vec![saudi, iqama],
        ),
        (
            vec!["routing", "Routing", "routing number", "ABA"],
            vec!["021000021".into(), "111000025".into(), "322271627".into()],
        ),
    ]
}

#[test]
fn regression_identifiers_are_taken_under_their_labels_as_fields() {
    for (labels, values) in labelled() {
        for label in &labels {
            for value in &values {
                let out = scrub(json!({ *label: value, "order_no": "55120934" }));
                assert!(
                    !out.contains(value.as_str()),
                    "{label}: {value} survives in {out}"
                );
                assert!(
                    out.contains("55120934"),
                    "{label}: the order number is lost: {out}"
                );
            }
        }
    }
}

#[test]
fn regression_identifiers_are_taken_under_their_labels_in_text() {
    for (labels, values) in labelled() {
        for label in &labels {
            for value in &values {
                let mut texts = vec![
                    format!("customer record updated, {label}: {value}, tier gold"),
                    format!(
                        "{}={value}\nregion=eu-west-1",
                        label.replace([' ', '.', '/'], "_")
                    ),
                ];
                // With no separator, after a label in Latin letters (one
                // in another script ends in its own word for "number";
                // `C.I.`'s last dot would end a sentence).
                if label.is_ascii() && !label.ends_with('.') {
                    texts.push(format!("{label} {value}"));
                }
                for text in texts {
                    let out = scrub(json!({ "note": text }));
                    assert!(
                        !out.contains(value.as_str()),
                        "{label}: {value} survives in {out}"
                    );
                }
            }
        }
    }
}

#[test]
fn regression_strong_formats_are_taken_without_a_label() {
    for value in [
        "27AAPFU0939F1ZV".to_owned(),
        "35202-1234567-1".to_owned(),
        "890724-01-2498".to_owned(),
        egypt("2900912120181"),
        pis("1204567891"),
        format!("4523-987-61{}-AB", luhn_digit("452398761")),
    ] {
        let out = scrub(json!({ "message": format!("synced record {value} at 10:04") }));
        assert!(!out.contains(value.as_str()), "{value} survives in {out}");
    }
}

#[test]
fn near_misses_without_a_label_stay() {
    for value in [
        // Failing check characters and digits, an unassigned province.
        "27AAPFU0939F1ZW".to_owned(),
        "05202-1234567-1".to_owned(),
        "891324-01-2498".to_owned(),
        corrupt(&egypt("2900912120181")),
        corrupt(&pis("1204567891")),
        corrupt(&cedula("1234567")),
        // An Ontario number without its version code, bare ids of the
        // weak formats: a bare EIN, a Saudi id, an Iranian code, a NIK.
        format!("4523-987-61{}", luhn_digit("452398761")),
        "12-3456789".to_owned(),
        format!("112345678{}", luhn_digit("112345678")),
        melli("439801308"),
        "3273000101010001".to_owned(),
        "AB12345678CD".to_owned(),
    ] {
        let out = scrub(json!({ "order_no": value, "message": format!("order {value} shipped") }));
        assert_eq!(
            out.matches(value.as_str()).count(),
            2,
            "{value} was taken: {out}"
        );
    }
}

/// Short labels that mean other things too, with values that are not the
/// identifier: they stay.
#[test]
fn regression_short_labels_take_only_their_identifier() {
    let cases: &[(&str, &str)] = &[
        ("CI", "true"),
        ("CI", "1"),
        ("CI", "1234567"),
        ("CI", "build-4711"),
        ("CI", &corrupt(&cedula("1234567"))),
        ("IC", "LM317T"),
        ("IC", "74HC595"),
        ("IC", "890724-70-2498"),
        ("NIN", "1234"),
        ("PSN", "gamer_tag99"),
        ("NIK", "Wallenda"),
        ("NIK", "1234567890123456"),
        ("EIN", "07-1234567"),
        ("ein", "Test"),
        ("epic", "PROJ-1234"),
        ("NIC", "eth0"),
        ("NID", "12345678901234"),
        ("MBI", "1SG4-TE5-MK73"),
        ("KRA", "B001234567J"),
        ("PIS", &corrupt(&pis("1204567891"))),
        ("NIT", "900123456"),
        ("national code", &corrupt(&melli("439801308"))),
        ("HCN", "1234567890"),
        ("routing", "021000022"),
        ("routing", "table-main"),
        ("routing", "static"),
        ("routing", "999999999"),
    ];
    for (label, value) in cases {
        let out = scrub(json!({ *label: value, "note": format!("{label}: {value} and more") }));
        assert_eq!(
            out.matches(value).count(),
            2,
            "{label} {value} was taken: {out}"
        );
    }
    // CI as continuous integration, in an environment dump and prose.
    let env = "CI=1\nCI_PIPELINE_ID=4711\nGITHUB_ACTIONS=true\nCI: true";
    let out = scrub(json!({ "env": env, "note": "the IC on the board is an LM317, ein Test" }));
    assert!(
        out.contains("CI=1") && out.contains("4711") && out.contains("CI: true"),
        "{out}"
    );
    assert!(out.contains("LM317") && out.contains("ein Test"), "{out}");
}

#[test]
fn identifiers_in_a_table_column_are_taken() {
    let (sara, omar) = (luhn_digit("254321987"), luhn_digit("112345678"));
    let csv = format!("name,iqama,plan\nSara,254321987{sara},pro\nOmar,112345678{omar},free\n");
    let out = scrub(json!({ "attachment": csv }));
    assert!(!out.contains("2543219"), "{out}");
    assert!(!out.contains("1123456"), "{out}");
    assert!(out.contains("pro") && out.contains("free"), "{out}");
}
