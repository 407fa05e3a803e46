//! National identifiers and other checked personal numbers: for each
//! format, a positive case per way of writing it and the near misses (a bad
//! check digit, a prefix never issued, look-alikes), through the same
//! `check` helper as the other detector tests; then properties over
//! generated values.

use proptest::prelude::*;

use super::*;
use crate::detect::tests::{check, covered_whole, rules_found};
use crate::detect::validate::luhn_check_digit;

/// Checks that `value` is found whole as `rule` in a sentence.
#[track_caller]
fn found(rule: &str, value: &str) {
    check(
        &format!("id {value}, ok"),
        &format!("id [{rule}:{value}], ok"),
    );
}

/// Checks that `rule` finds nothing in `text` (other rules may).
#[track_caller]
fn not_found(rule: &str, text: &str) {
    let rules = rules_found(text);
    assert!(
        !rules.iter().any(|r| r == rule),
        "{rule} in {text}: {rules:?}"
    );
}

#[test]
fn uk_nino() {
    found("uk-nino", "AB123456C");
    found("uk-nino", "AB 12 34 56 C");
    found("uk-nino", "JG103759A");
    for text in [
        "QQ123456C", // Q is never used
        "BG123456A", // a prefix never issued
        "GB123456A",
        "NK123456A",
        "TN123456A",
        "ZZ123456A",
        "AO123456A", // O never second
        "DA123456A", // D never first
        "AB123456E", // suffix A-D
        "AB12345C",
        "XAB123456C",
    ] {
        not_found("uk-nino", text);
    }
}

#[test]
fn ca_sin() {
    found("ca-sin", "130 692 544");
    found("ca-sin", "130-692-544");
    for text in [
        "130 692 545",      // Luhn
        "130692544",        // bare
        "046 454 286",      // 0: fictitious
        "800 000 009",      // 8: business numbers
        "130-692 544",      // mixed
        "4111 130 692 544", // a group of something longer
        "130 692 544 12",
    ] {
        not_found("ca-sin", text);
    }
}

#[test]
fn fr_nir() {
    found("fr-nir", "1 84 12 76 451 089 46");
    found("fr-nir", "184127645108946");
    found("fr-nir", "1 84 12 2A 451 089 33");
    for text in [
        "1 84 12 76 451 089 47", // key
        "184127645108947",
        "1 84 12 2B 451 089 33", // 2B has another key
        "1 84 13 76 451 089 46", // key and month
        "5 84 12 76 451 089 46", // sex
    ] {
        not_found("fr-nir", text);
    }
    assert_eq!(fr_nir_key("1841276451089"), Some(46));
}

#[test]
fn es_dni_and_nie() {
    found("es-dni", "12345678Z");
    found("es-dni", "12345678-Z");
    found("es-dni", "X1234567L");
    found("es-dni", "X-1234567-L");
    found("es-dni", "Y2345678Z");
    for text in [
        "12345678A",
        "X1234567M",
        "12345678I",
        "W1234567L",
        "123456789Z",
    ] {
        not_found("es-dni", text);
    }
}

#[test]
fn it_codice_fiscale() {
    found("it-codice-fiscale", "RSSMRA80A01H501U");
    found("it-codice-fiscale", "BNCGPP85M41F205H");
    // Omocodia: the last digit of the town code replaced by a letter.
    let omocode = format!("RSSMRA80A01H50M{}", it_cf_check(b"RSSMRA80A01H50M"));
    found("it-codice-fiscale", &omocode);
    for text in [
        "RSSMRA80A01H501V", // check
        "RSSMRA80A91H501U", // day 91
        "RSSMRA80Z01H501U", // month letter
        "rssmra80a01h501u",
    ] {
        not_found("it-codice-fiscale", text);
    }
}

#[test]
fn de_tax_id() {
    found("de-tax-id", "86095742719");
    found("de-tax-id", "86 095 742 719");
    found("de-tax-id", "11234567890");
    for text in [
        "86095742718",    // check digit
        "12345678903",    // no digit repeated
        "11123456786",    // three in a row
        "06095742719",    // leading zero
        "86 095742 719",  // odd grouping
        "86095742719123", // part of a longer number
        "tel 86095742719.5",
        "4111 86095742719",
    ] {
        not_found("de-tax-id", text);
    }
}

#[test]
fn in_aadhaar_and_pan() {
    found("in-aadhaar", "2345 6789 0124");
    found("in-aadhaar", "2345-6789-0124");
    found("in-pan", "ABCPE1234F");
    for text in [
        "2345 6789 0125", // Verhoeff
        "234567890124",   // bare
        "1345 6789 0124", // first digit
        "2345 6789-0124",
        "2222 2222 2222",
    ] {
        not_found("in-aadhaar", text);
    }
    for text in ["ABCDE1234F", "ABCPE0000F", "ABCPE1234", "ABCPE12345"] {
        not_found("in-pan", text);
    }
}

#[test]
fn br_cpf_and_cnpj() {
    found("br-cpf", "123.456.789-09");
    found("br-cpf", "529.982.247-25");
    found("br-cnpj", "11.222.333/0001-81");
    found("br-cnpj", "12.ABC.345/01DE-35");
    for text in [
        "123.456.789-08",
        "111.111.111-11", // passes the checks, never issued
        "12345678909",    // bare
        "123.456.789.09",
    ] {
        not_found("br-cpf", text);
    }
    for text in ["11.222.333/0001-82", "00.000.000/0000-00", "11222333000181"] {
        not_found("br-cnpj", text);
    }
}

#[test]
fn cn_resident_id() {
    found("cn-resident-id", "11010519491231002X");
    found("cn-resident-id", "440306199003071232");
    for text in [
        "110105194912310021", // check
        "110105194902300028", // 30 February
        "990105194912310025", // region
        "11010519491231002Y",
    ] {
        not_found("cn-resident-id", text);
    }
    // A valid id is not a card, even where its digits would pass as one.
    assert!(!crate::detect::validate::card("440306199003071232", 0, 18));
}

#[test]
fn imei() {
    found("imei", "35-209900-176148-1");
    found("imei", "35 209900 176148 1");
    found("imei", "352099001761481");
    found("imei", "490154203237518");
    for text in [
        "352099001761482",  // Luhn
        "123456789012347",  // Luhn valid, no plausible reporting body
        "3520990017614811", // 16 digits
        "35-209900-176148-2",
    ] {
        not_found("imei", text);
    }
    // 15-digit Luhn numbers are IMEIs, not cards; American Express stays a card.
    check("346827349245612", "[card:346827349245612]");
}

#[test]
fn vin() {
    found("vin", "1HGCM82633A004352");
    found("vin", "1M8GDM9AXKP042788");
    for text in [
        "1HGCM82643A004352", // check digit
        "1HGCM82633A00435",  // 16
        "12345678901234567", // digits only
        "1HGCM8263IA004352", // I
        "ABCDEFGH9JKLMNPRS", // one digit
    ] {
        not_found("vin", text);
    }
    // ISO 3779 fixes no serial or model year outside North America: a
    // random-looking VIN with its check character is one.
    found("vin", "J1LYLHUW74DU59AGD");
}

#[test]
fn iccid() {
    found("iccid", "8944500102198304826");
    found("iccid", "89014103211118510720");
    for text in [
        "8944500102198304827", // Luhn
        "894450010219830482",  // 18 digits
        "9944500102198304826", // not 89
    ] {
        not_found("iccid", text);
    }
}

#[test]
fn be_national_number() {
    found("be-national-number", "85.07.30-033.28");
    found("be-national-number", "850730-033-28");
    found("be-national-number", "850730 033 28");
    // Born since 2000: the check is over 2 followed by the nine digits.
    found("be-national-number", "01.02.03-004.67");
    for text in [
        "85.07.30-033.29", // check
        "85.13.30-033.xx", // month
        "85.07.30-000.xx", // sequence 000
        "85073003328",     // bare: as often an id
        "1.85.07.30-033.28",
    ] {
        not_found("be-national-number", text);
    }
}

#[test]
fn fi_hetu() {
    found("fi-hetu", "131052-308T");
    found("fi-hetu", "010594Y9032");
    found("fi-hetu", "311299A999E");
    for text in [
        "131052-308U", // check
        "321052-308T", // day
        "131352-308T", // month
        "131052-001T", // individual number below 002
        "131052*308T",
    ] {
        not_found("fi-hetu", text);
    }
}

#[test]
fn se_personnummer() {
    found("se-personnummer", "811228-9874");
    found("se-personnummer", "19811228-9874");
    found("se-personnummer", "811288-9871"); // coordination number, day + 60
    for text in [
        "811228-9875", // Luhn
        "811328-9874", // month
        "8112289874",  // bare: as often an id or a timestamp
    ] {
        not_found("se-personnummer", text);
    }
}

#[test]
fn za_id() {
    found("za-id", "8001015009087");
    found("za-id", "800101 5009 087");
    for text in [
        "8001015009088", // Luhn
        "8013015009084", // month
        "8001015009384", // citizenship 3
        "8001015009004", // A digit 0
        "9781234567897", // an ISBN
        "1704067200000", // a timestamp in milliseconds
    ] {
        not_found("za-id", text);
    }
}

#[test]
fn uk_nhs() {
    found("uk-nhs", "401 023 2137");
    found("uk-nhs", "601-123-4569");
    // Also a North American phone number's shape: taken whole either way.
    assert!(covered_whole("nhs 943 476 5919.", "943 476 5919"));
    for text in [
        "943 476 5918", // check
        "123 456 7890", // a remainder of 10 is never issued
        "9434765919",   // bare: as often an id
        "943 476-5919", // mixed separators
        "111 111 1111",
    ] {
        not_found("uk-nhs", text);
    }
}

/// Makes a Luhn-valid number from `partial`.
fn luhn_complete(partial: &str) -> String {
    format!("{partial}{}", luhn_check_digit(partial))
}

/// The same value with its last digit (or check letter) changed.
fn corrupt_last(value: &str) -> String {
    let (head, last) = value.split_at(value.len() - 1);
    let c = last.as_bytes()[0];
    let other = match c {
        b'0'..=b'8' => c + 1,
        b'9' => b'0',
        b'A'..=b'Y' => c + 1,
        _ => b'A',
    };
    format!("{head}{}", char::from(other))
}

/// A generated valid value of every kind, with the rule that finds it.
/// Valid dated national numbers (Belgian, Finnish, Swedish, South
/// African) and NHS numbers, written as people write them.
fn any_valid_dated() -> impl Strategy<Value = (&'static str, String)> {
    prop_oneof![
        (40u64..100, 1u64..=12, 1u64..=28, 1u64..=997).prop_map(|(y, m, d, seq)| {
            let body = y * 10_000_000 + m * 100_000 + d * 1000 + seq;
            let check = 97 - body % 97;
            (
                "be-national-number",
                format!("{y:02}.{m:02}.{d:02}-{seq:03}.{check:02}"),
            )
        }),
        (1u64..=28, 1u64..=12, 0u64..100, 2u64..=899).prop_map(|(d, m, y, n)| {
            let number = ((d * 100 + m) * 100 + y) * 1000 + n;
            let check = char::from(b"0123456789ABCDEFHJKLMNPRSTUVWXY"[(number % 31) as usize]);
            ("fi-hetu", format!("{d:02}{m:02}{y:02}-{n:03}{check}"))
        }),
        (0u32..100, 1u32..=12, 1u32..=28, "[0-9]{3}").prop_map(|(y, m, d, n)| {
            let s = luhn_complete(&format!("{y:02}{m:02}{d:02}{n}"));
            ("se-personnummer", format!("{}-{}", &s[..6], &s[6..]))
        }),
        (0u32..100, 1u32..=12, 1u32..=28, "[0-9]{4}", 0u32..=1).prop_map(|(y, m, d, seq, c)| {
            (
                "za-id",
                luhn_complete(&format!("{y:02}{m:02}{d:02}{seq}{c}8")),
            )
        }),
        "[0-9]{9}"
            .prop_filter_map("a remainder of 10 is never issued", |d| {
                let ds = digit_values(&d);
                let sum: u32 = ds.iter().zip((2..=10).rev()).map(|(d, w)| d * w).sum();
                let check = match 11 - sum % 11 {
                    11 => 0,
                    10 => return None,
                    c => c,
                };
                (!ds.windows(2).all(|w| w[0] == w[1]))
                    .then(|| format!("{} {} {}{check}", &d[..3], &d[3..6], &d[6..]))
            })
            .prop_map(|s| ("uk-nhs", s)),
    ]
}

fn any_valid() -> impl Strategy<Value = (&'static str, String)> {
    prop_oneof![
        any_valid_dated(),
        ("[1-79][0-9]{7}", prop::bool::ANY).prop_map(|(d, dash)| {
            let s = luhn_complete(&d);
            let sep = if dash { "-" } else { " " };
            (
                "ca-sin",
                format!("{}{sep}{}{sep}{}", &s[..3], &s[3..6], &s[6..]),
            )
        }),
        (
            "[12]",
            "[0-9]{2}",
            1u32..=12,
            "(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B)",
            "[0-9]{6}",
            prop::bool::ANY
        )
            .prop_map(|(sex, year, month, dept, rest, spaced)| {
                let body = format!("{sex}{year}{month:02}{dept}{rest}");
                let key = fr_nir_key(&body).expect("13 characters");
                let nir = format!("{body}{key:02}");
                let nir = if spaced {
                    format!(
                        "{} {} {} {} {} {} {}",
                        &nir[..1],
                        &nir[1..3],
                        &nir[3..5],
                        &nir[5..7],
                        &nir[7..10],
                        &nir[10..13],
                        &nir[13..]
                    )
                } else {
                    nir
                };
                ("fr-nir", nir)
            }),
        (0u32..100_000_000).prop_map(|n| ("es-dni", format!("{n:08}{}", es_dni_letter(n)))),
        (0u32..3, 0u32..10_000_000).prop_map(|(lead, n)| {
            let letter = es_dni_letter(lead * 10_000_000 + n);
            (
                "es-dni",
                format!("{}{n:07}{letter}", ['X', 'Y', 'Z'][lead as usize]),
            )
        }),
        (
            "[A-Z]{6}[0-9]{2}[ABCDEHLMPRST]",
            1u32..=31,
            prop::bool::ANY,
            "[A-Z][0-9]{3}"
        )
            .prop_map(|(head, day, woman, tail)| {
                let day = if woman { day + 40 } else { day };
                let body = format!("{head}{day:02}{tail}");
                let check = it_cf_check(body.as_bytes());
                ("it-codice-fiscale", format!("{body}{check}"))
            }),
        (
            Just(()),
            prop::sample::subsequence((0u32..10).collect::<Vec<_>>(), 9),
            0usize..9,
            any::<u64>()
        )
            .prop_filter_map("first digit zero", |((), mut ds, dup, seed)| {
                // Nine distinct digits and one of them again, shuffled.
                ds.push(ds[dup]);
                let mut s = seed;
                for i in (1..ds.len()).rev() {
                    s = s
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ds.swap(i, (s >> 33) as usize % (i + 1));
                }
                if ds[0] == 0 {
                    return None;
                }
                let check = de_tax_id_check(&ds);
                let id: String = ds.iter().chain([&check]).map(u32::to_string).collect();
                Some(("de-tax-id", id))
            }),
        ("[2-9][0-9]{10}", prop::bool::ANY).prop_filter_map("all the same", |(d, dash)| {
            let ds = digit_values(&d);
            let check = (0..10).find(|c| verhoeff_valid(&[ds.clone(), vec![*c]].concat()))?;
            let s = format!("{d}{check}");
            if all_same(&digit_values(&s)) {
                return None;
            }
            let sep = if dash { "-" } else { " " };
            Some((
                "in-aadhaar",
                format!("{}{sep}{}{sep}{}", &s[..4], &s[4..8], &s[8..]),
            ))
        }),
        "[0-9]{9}".prop_filter_map("all the same", |d| {
            let ds = digit_values(&d);
            if all_same(&ds) {
                return None;
            }
            let (d1, d2) = br_cpf_checks(&ds);
            Some((
                "br-cpf",
                format!("{}.{}.{}-{d1}{d2}", &d[..3], &d[3..6], &d[6..]),
            ))
        }),
        "[0-9]{12}".prop_filter_map("all the same", |d| {
            if all_same(&digit_values(&d)) {
                return None;
            }
            let (d1, d2) = br_cnpj_checks(d.as_bytes());
            Some((
                "br-cnpj",
                format!("{}.{}.{}/{}-{d1}{d2}", &d[..2], &d[2..5], &d[5..8], &d[8..]),
            ))
        }),
        (
            prop::sample::select(vec!["110105", "310104", "440306", "510107", "650102"]),
            1900u32..2030,
            1u32..=12,
            1u32..=28,
            "[0-9]{3}",
        )
            .prop_map(|(region, y, m, d, seq)| {
                let body = format!("{region}{y}{m:02}{d:02}{seq}");
                let check = cn_id_check(&digit_values(&body));
                ("cn-resident-id", format!("{body}{check}"))
            }),
        ("(35|86|01|99)[0-9]{12}", prop::bool::ANY).prop_map(|(d, grouped)| {
            let s = luhn_complete(&d);
            let s = if grouped {
                format!("{}-{}-{}-{}", &s[..2], &s[2..8], &s[8..14], &s[14..])
            } else {
                s
            };
            ("imei", s)
        }),
        (
            "[1-5JKSW][A-HJ-NPR-Z][A-HJ-NPR-Z0-9]{6}",
            "[A-HJ-NPR-TV-Y1-9][A-HJ-NPR-Z0-9][0-9]{6}"
        )
            .prop_map(|(head, tail)| {
                let mut vin = format!("{head}0{tail}").into_bytes();
                vin[8] = vin_check(&vin).expect("valid characters") as u8;
                ("vin", String::from_utf8(vin).expect("ascii"))
            }),
        ("[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]", "[0-9]{6}", "[A-D]")
            .prop_filter("prefixes never issued", |(p, _, _)| {
                !["BG", "GB", "NK", "KN", "TN", "NT", "ZZ"].contains(&p.as_str())
            })
            .prop_map(|(p, d, s)| ("uk-nino", format!("{p}{d}{s}"))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn generated_valid_values_are_found((rule, value) in any_valid()) {
        let text = format!("name: x, id: {value}; end");
        // A value valid for two formats (a VIN shaped like an IBAN, an IMEI
        // like a NIR) may be claimed by the other detector: what matters
        // is that it is taken whole. Each detector's own tests pin its rule.
        prop_assert!(covered_whole(&text, &value), "{} {}: {:?}", rule, value, rules_found(&text));
    }

    #[test]
    fn values_with_a_wrong_check_character_are_not(
        (rule, value) in any_valid().prop_filter("NINO has no check character", |(r, _)| *r != "uk-nino")
    ) {
        let corrupted = match rule {
            // The VIN's check character is its ninth.
            "vin" => {
                let mut b = value.clone().into_bytes();
                b[8] = if b[8] == b'X' { b'0' } else if b[8] == b'9' { b'X' } else { b[8] + 1 };
                String::from_utf8(b).expect("ascii")
            }
            _ => corrupt_last(&value),
        };
        let text = format!("id: {corrupted};");
        prop_assert!(!rules_found(&text).iter().any(|r| r == rule), "{} {}", rule, corrupted);
    }

    #[test]
    fn random_digits_are_rarely_an_id(digits in "[1-9][0-9]{8,17}") {
        // A bare number is only taken for an id when its check digit is
        // right and its shape allows it; count how often over the domain.
        let found = rules_found(&digits);
        for rule in &found {
            let ds = digit_values(&digits);
            let ok = match rule.as_str() {
                "fr-nir" => ds.len() == 15,
                "de-tax-id" => ds.len() == 11 && de_tax_id_check(&ds[..10]) == ds[10],
                "cn-resident-id" => cn_id_valid(&digits),
                "imei" => ds.len() == 15 && luhn_valid(&digits),
                "card" => luhn_valid(&digits),
                "es-dni" | "ca-sin" | "in-aadhaar" | "br-cpf" | "br-cnpj" | "phone" | "ssn" => false,
                _ => true,
            };
            prop_assert!(ok, "{} found {}", digits, rule);
        }
    }
}
