//! National, tax and health identifiers of more countries (the Mexican
//! RFC, the Colombian NIT, the Peruvian and Ecuadorian RUC, the
//! Venezuelan RIF, the Dominican cédula and RNC, the Chilean RUN, the
//! Salvadoran DUI, the Polish REGON, the Lithuanian personal code, the
//! Hungarian TAJ and tax number, the German pension and health insurance
//! numbers, the Portuguese Cartão de Cidadão, the Kazakh IIN, the
//! Ukrainian RNOKPP, the British Columbia PHN, the Sri Lankan NIC, the US
//! A-number): taken under the labels people and systems write for them,
//! in the country's languages and in English, as a field, in `label:
//! value` text and in a configuration line; short labels (`RFC`, `NIT`,
//! `RUC`, `RIF`, `AK`, `TAJ`, `CC`, `IIN`, `PHN`, `NIC`, `RUN`, `DUI`)
//! only when the value is the identifier, check digits included. The
//! same values under an unrelated label, and values with a failing check
//! digit, stay. Check digits are computed here from the published
//! algorithms, not copied from any corpus.

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

fn cross_sum(n: u32) -> u32 {
    n / 10 + n % 10
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

/// The last digit of `s` changed.
fn corrupt(s: &str) -> String {
    let mut out = s.to_owned();
    let last = out.pop().and_then(|c| c.to_digit(10)).unwrap_or(0);
    out.push(char::from_digit((last + 1) % 10, 10).unwrap_or('0'));
    out
}

/// A Mexican RFC for its first twelve characters (SAT's mod 11 over
/// `0-9 A-N & O-Z`, weights 13 to 2).
fn rfc(body: &str) -> String {
    const ALPHABET: &str = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ ";
    let padded = format!("{body:>12}");
    let sum: usize = padded
        .chars()
        .enumerate()
        .map(|(i, c)| ALPHABET.find(c).unwrap_or(0) * (13 - i))
        .sum();
    let check = match (11 - sum % 11) % 11 {
        10 => 'A',
        d => char::from(b'0' + d as u8),
    };
    format!("{body}{check}")
}

/// A Colombian NIT for nine digits, `900.373.115-3`.
fn nit(body: &str) -> String {
    let w = [3, 7, 13, 17, 19, 23, 29, 37, 41];
    let rev: Vec<u32> = digits(body).into_iter().rev().collect();
    let s = weighted(&rev, &w) % 11;
    let dv = if s > 1 { 11 - s } else { s };
    format!("{}.{}.{}-{dv}", &body[..3], &body[3..6], &body[6..])
}

/// A Peruvian RUC for ten digits.
fn pe_ruc(body: &str) -> String {
    let c = match 11 - weighted(&digits(body), &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11 {
        10 => 0,
        11 => 1,
        c => c,
    };
    format!("{body}{c}")
}

/// An Ecuadorian cédula for nine digits, and its RUC.
fn ec_ruc(body: &str) -> String {
    let sum: u32 = digits(body)
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let p = d * if i % 2 == 0 { 2 } else { 1 };
            if p > 9 { p - 9 } else { p }
        })
        .sum();
    format!("{body}{}001", (10 - sum % 10) % 10)
}

/// A Venezuelan RIF, `V-12345678-9`.
fn rif(letter: char, body: &str) -> String {
    let kind = match letter {
        'V' => 4,
        'E' => 8,
        _ => 12,
    };
    let sum = kind + weighted(&digits(body), &[3, 2, 7, 6, 5, 4, 3, 2]);
    let c = char::from(b"00987654321"[(sum % 11) as usize]);
    format!("{letter}-{body}-{c}")
}

/// A Dominican cédula for ten digits, `001-1234567-8`.
fn do_cedula(body: &str) -> String {
    format!("{}-{}-{}", &body[..3], &body[3..], luhn_digit(body))
}

/// A Dominican RNC for eight digits.
fn rnc(body: &str) -> String {
    let r = weighted(&digits(body), &[7, 9, 8, 6, 5, 4, 3, 2]) % 11;
    format!("{body}{}", (10 - r) % 9 + 1)
}

/// A Chilean RUN for eight digits, `12.345.678-5`.
fn run(body: &str) -> String {
    let sum: u32 = digits(body)
        .iter()
        .rev()
        .zip([2, 3, 4, 5, 6, 7].iter().cycle())
        .map(|(d, w)| d * w)
        .sum();
    let c = match 11 - sum % 11 {
        11 => '0',
        10 => 'K',
        c => char::from(b'0' + c as u8),
    };
    format!("{}.{}.{}-{c}", &body[..2], &body[2..5], &body[5..])
}

/// A Salvadoran DUI for eight digits, `12345678-9`.
fn dui(body: &str) -> String {
    let c = (10 - weighted(&digits(body), &[9, 8, 7, 6, 5, 4, 3, 2]) % 10) % 10;
    format!("{body}-{c}")
}

/// A Polish REGON for eight digits.
fn regon(body: &str) -> String {
    let c = weighted(&digits(body), &[8, 9, 2, 3, 4, 5, 6, 7]) % 11 % 10;
    format!("{body}{c}")
}

/// A Lithuanian personal code for ten digits (`None` when both
/// weightings give 10 and the check is 0 by rule: still valid).
fn asmens(body: &str) -> String {
    let ds = digits(body);
    let first = weighted(&ds, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 1]) % 11;
    let c = if first < 10 {
        first
    } else {
        match weighted(&ds, &[3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 11 {
            10 => 0,
            c => c,
        }
    };
    format!("{body}{c}")
}

/// A Hungarian TAJ number for eight digits, `123 456 788`.
fn taj(body: &str) -> String {
    let c = weighted(&digits(body), &[3, 7, 3, 7, 3, 7, 3, 7]) % 10;
    format!("{} {} {}{c}", &body[..3], &body[3..6], &body[6..])
}

/// A Hungarian tax number for nine digits starting with 8.
fn hu_tax(body: &str) -> Option<String> {
    let c = weighted(&digits(body), &[1, 2, 3, 4, 5, 6, 7, 8, 9]) % 11;
    (c < 10).then(|| format!("{body}{c}"))
}

/// A German pension insurance number, `65 170839 J 004`.
fn rvnr(area_date: &str, letter: char, serial: &str) -> String {
    let l = u32::from(letter as u8 - b'A') + 1;
    let mut all = digits(area_date);
    all.extend([l / 10, l % 10]);
    all.extend(digits(serial));
    let sum: u32 = all
        .iter()
        .zip([2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1])
        .map(|(d, w)| cross_sum(d * w))
        .sum();
    format!(
        "{} {} {letter} {serial}{}",
        &area_date[..2],
        &area_date[2..],
        sum % 10
    )
}

/// A German health insurance number, `A123456780`.
fn kvnr(letter: char, body: &str) -> String {
    let l = u32::from(letter as u8 - b'A') + 1;
    let mut all = vec![l / 10, l % 10];
    all.extend(digits(body));
    let sum: u32 = all
        .iter()
        .enumerate()
        .map(|(i, d)| cross_sum(d * if i % 2 == 0 { 1 } else { 2 }))
        .sum();
    format!("{letter}{body}{}", sum % 10)
}

/// A Portuguese Cartão de Cidadão number, `12345678 9 ZZ1`.
fn cartao(body: &str, version: &str) -> String {
    let c1 = match 11 - weighted(&digits(body), &[9, 8, 7, 6, 5, 4, 3, 2]) % 11 {
        10 | 11 => 0,
        c => c,
    };
    let chars = format!("{body}{c1}{version}");
    let sum: u32 = chars
        .chars()
        .rev()
        .enumerate()
        .map(|(i, c)| {
            let v = c.to_digit(36).unwrap_or(0);
            if i % 2 == 0 {
                let y = v * 2;
                if y > 9 { y - 9 } else { y }
            } else {
                v
            }
        })
        .sum();
    format!("{body} {c1} {version}{}", (10 - sum % 10) % 10)
}

/// A Kazakh IIN for eleven digits, when its check is not 10.
fn iin(body: &str) -> Option<String> {
    let ds = digits(body);
    let first = weighted(&ds, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) % 11;
    let c = if first < 10 {
        first
    } else {
        weighted(&ds, &[3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]) % 11
    };
    (c < 10).then(|| format!("{body}{c}"))
}

/// A Ukrainian RNOKPP for nine digits.
fn rnokpp(body: &str) -> String {
    let sum: i64 = digits(body)
        .iter()
        .zip([-1i64, 5, 7, 9, 4, 6, 10, 5, 7])
        .map(|(d, w)| i64::from(*d) * w)
        .sum();
    format!("{body}{}", sum.rem_euclid(11) % 10)
}

/// A British Columbia PHN for eight digits after the 9, when its check
/// is a digit, `9876 543 218`.
fn phn(body: &str) -> Option<String> {
    let c = 11 - weighted(&digits(body), &[2, 4, 8, 5, 10, 9, 7, 3]) % 11;
    (c < 10).then(|| format!("9{} {} {}{c}", &body[..3], &body[3..6], &body[6..]))
}

/// The first of `values` that exists.
fn first(values: &[Option<String>]) -> String {
    values.iter().flatten().next().cloned().unwrap_or_default()
}

/// (labels as people and systems write them, values of the identifier)
fn labelled() -> Vec<(Vec<&'static str>, Vec<String>)> {
    let kz = first(&[iin("95031230123"), iin("88110240456"), iin("01022050789")]);
    let hu = first(&[
        hu_tax("839123456"),
        hu_tax("837654321"),
        hu_tax("841002107"),
    ]);
    let bc = first(&[phn("87654321"), phn("12345670"), phn("55512340")]);
    vec![
        (
            vec![
                "RFC",
                "registro federal de contribuyentes",
                "rfc del cliente",
                "rfcEmisor",
            ],
            vec![rfc("GODE561231GR"), rfc("MAPL850402K1")],
        ),
        (
            vec![
                "NIT",
                "número de identificación tributaria",
                "nit del cliente",
                "nitProveedor",
            ],
            vec![nit("900373115"), nit("860012336").replace('.', "")],
        ),
        (
            vec![
                "RUC",
                "registro único de contribuyentes",
                "ruc del proveedor",
                "numeroRuc",
            ],
            vec![
                pe_ruc("2010007097"),
                pe_ruc("1045678912"),
                ec_ruc("171003406"),
            ],
        ),
        (
            vec![
                "RIF",
                "registro de información fiscal",
                "cédula/RIF",
                "rif_empresa",
            ],
            vec![rif('V', "12345678"), rif('J', "30456789")],
        ),
        (
            vec!["cédula", "cédula de identidad y electoral", "no. cédula"],
            vec![do_cedula("0011391820"), do_cedula("4021234567")],
        ),
        (
            vec!["RNC", "registro nacional del contribuyente"],
            vec![rnc("13124679"), rnc("10112345")],
        ),
        (
            vec!["RUN", "rol único nacional", "RUT"],
            vec![run("12345678"), run("16789012")],
        ),
        (
            vec!["DUI", "documento único de identidad"],
            vec![dui("00016297"), dui("04561237")],
        ),
        (
            vec!["REGON", "numer REGON", "regon firmy", "regonNumber"],
            vec![regon("12345678"), regon("63018927")],
        ),
        (
            vec!["asmens kodas", "AK", "personal code", "asmensKodas"],
            vec![asmens("3870415123"), asmens("4920930456")],
        ),
        (
            vec![
                "TAJ szám",
                "TAJ",
                "társadalombiztosítási azonosító jel",
                "tajSzam",
            ],
            vec![taj("12345678"), taj("04815162").replace(' ', "")],
        ),
        (vec!["adóazonosító jel", "adószám", "tax id"], vec![hu]),
        (
            vec!["Rentenversicherungsnummer", "RVNR", "Versicherungsnummer"],
            vec![rvnr("65170839", 'J', "00"), rvnr("12010190", 'M', "12")],
        ),
        (
            vec!["Krankenversichertennummer", "KVNR", "Versichertennummer"],
            vec![kvnr('A', "12345678"), kvnr('T', "55512093")],
        ),
        (
            vec!["cartão de cidadão", "CC", "n.º documento", "numeroCC"],
            vec![cartao("11084129", "ZX"), cartao("20718563", "ZZ")],
        ),
        (
            vec!["ИИН", "IIN", "жеке сәйкестендіру нөмірі", "iin_number"],
            vec![kz],
        ),
        (
            vec!["РНОКПП", "ІПН", "ідентифікаційний код"],
            vec![rnokpp("302341123"), rnokpp("287654321")],
        ),
        (
            vec!["PHN", "personal health number", "BC services card"],
            vec![bc.clone(), bc.replace(' ', "")],
        ),
        (
            vec![
                "NIC",
                "national identity card no",
                "ජාතික හැඳුනුම්පත් අංකය",
                "nicNumber",
            ],
            vec!["853400937V".into(), "198534000937".into()],
        ),
        (
            vec![
                "A-Number",
                "alien registration number",
                "USCIS #",
                "aNumber",
            ],
            vec!["A123456789".into(), "A-204-518-337".into()],
        ),
    ]
}

#[test]
fn regression_identifiers_are_taken_under_their_labels_as_fields() {
    for (labels, values) in labelled() {
        for label in &labels {
            for value in &values {
                assert!(!value.is_empty(), "{label}: no value built");
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
                        label.replace([' ', '.', '/', '#'], "_")
                    ),
                ];
                // With no separator, after a label of one word in Latin
                // letters.
                if label.is_ascii() && !label.contains(' ') {
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

/// The same identifiers under a label that names something else, and
/// with a failing check digit under a neutral one: they stay.
#[test]
fn near_misses_and_unrelated_labels_stay() {
    let valid = [
        rfc("GODE561231GR"),
        nit("900373115"),
        pe_ruc("2010007097"),
        rif('V', "12345678"),
        regon("12345678"),
        asmens("3870415123"),
        taj("12345678"),
        kvnr('A', "12345678"),
        rnokpp("302341123"),
        "853400937V".into(),
        "A123456789".into(),
    ];
    for value in &valid {
        for label in ["order", "invoice", "tracking"] {
            let out = scrub(json!({ label: value, "message": format!("{label} {value} shipped") }));
            assert_eq!(
                out.matches(value.as_str()).count(),
                2,
                "{label} {value} was taken: {out}"
            );
        }
    }
    for value in [
        corrupt(&nit("900373115")),
        corrupt(&pe_ruc("2010007097")),
        corrupt(&rif('V', "12345678")),
        corrupt(&regon("12345678")),
        corrupt(&asmens("3870415123")),
        corrupt(&taj("12345678")),
        corrupt(&rnokpp("302341123")),
        corrupt(&cartao("11084129", "ZX")),
    ] {
        let out =
            scrub(json!({ "reference": value, "message": format!("reference {value} shipped") }));
        assert_eq!(
            out.matches(value.as_str()).count(),
            2,
            "{value} was taken: {out}"
        );
    }
}

/// Short labels that mean other things too, with values that are not
/// the identifier (or fail its check): they stay.
#[test]
fn short_labels_take_only_their_identifier() {
    let cases: &[(&str, &str)] = &[
        ("RFC", "7231"),
        ("RFC", "RFC-6749"),
        ("RFC", &corrupt(&rfc("GODE561231GR"))),
        ("NIT", &corrupt(&nit("900373115"))),
        ("RUC", "12345"),
        ("RUC", &corrupt(&pe_ruc("2010007097"))),
        ("RIF", "1024"),
        ("RIF", &corrupt(&rif('V', "12345678"))),
        ("CC", "gcc-12"),
        ("CC", "1234"),
        ("CC", &corrupt(&cartao("11084129", "ZX"))),
        ("AK", "47"),
        ("AK", "AK-47"),
        ("AK", &corrupt(&asmens("3870415123"))),
        ("TAJ", "Mahal 2"),
        ("TAJ", &corrupt(&taj("12345678"))),
        ("IIN", "411111"),
        ("IIN", "45717360"),
        ("PHN", "x4821"),
        ("NIC", "eth0"),
        ("NIC", "853990937V"),
        ("RUN", "42"),
        ("RUN", "12345678"),
        ("DUI", "2"),
        ("RNC", "7"),
        ("REGON", "12345"),
        ("oregon", "97201"),
        ("area_number", "123456789"),
        ("A-Number", "42"),
    ];
    for (label, value) in cases {
        let out = scrub(json!({ *label: value, "note": format!("{label}: {value} and more") }));
        assert_eq!(
            out.matches(value).count(),
            2,
            "{label} {value} was taken: {out}"
        );
    }
}

/// A label several countries use takes each one's identifier.
#[test]
fn shared_labels_take_each_countrys_identifier() {
    for (label, value) in [
        ("NIT", nit("900373115")),
        ("NIC", "35202-1234567-1".to_owned()),
        ("NIC", "853400937V".to_owned()),
        ("RUC", pe_ruc("2010007097")),
        ("RUC", ec_ruc("171003406")),
        ("RUC", "80028061-0".to_owned()),
        ("NIT", "576937-K".to_owned()),
    ] {
        let out = scrub(json!({ label: value }));
        assert!(!out.contains(value.as_str()), "{label}: {value} in {out}");
    }
}

/// A checked label found inside another label (`a_number` in `dea
/// number`, `regon` in `oregon`) does not stand in for it.
#[test]
fn a_checked_label_inside_another_stays_out_of_its_way() {
    for (label, value) in [
        ("dea number", "BN7612345"),
        ("dvla number", "MORGA753116SM9IJ"),
    ] {
        let out = scrub(json!({ label: value }));
        assert!(!out.contains(value), "{label}: {value} in {out}");
    }
    let out = scrub(json!({ "area_number": "4711", "oregon": "97201" }));
    assert!(out.contains("4711") && out.contains("97201"), "{out}");
}
