//! Continental European street addresses written in text without a label
//! (`Hauptstraße 5, 10115 Berlin`, `12 rue de la Paix, 75002 Paris`,
//! `ul. Marszałkowska 84/92, 00-514 Warszawa`, ...) are taken whole,
//! street, number, postcode and place, in a string, in a log line and in
//! JSON held in a string, with the name of the person born before them on
//! their line; their labelled forms (`Adresse:`, `dirección:`, ...) take
//! the whole value; the rest of the text stays; and a street word or a
//! postcode-shaped number alone stays. Scrub and verify agree on every
//! case: verify finds nothing in what scrub wrote (given the report's
//! pseudonymized paths), and finds something in the input exactly where
//! scrub changes it.

mod oracle;

use oracle::scrub_then_verify;
use serde_json::{Value, json};

/// Whether verify finds anything in `doc` as it is.
fn verify_finds(doc: &Value) -> bool {
    !oracle::check(doc).before.is_empty()
}

/// Reads the text back out of a document that holds it.
type Reader = fn(&Value) -> String;

/// `text` held three ways: as a string, in a log line, and inside JSON
/// held in a string. Each comes with the way to read the text back.
fn holders(text: &str) -> Vec<(Value, Reader)> {
    fn plain(v: &Value) -> String {
        v["msg"].as_str().unwrap_or_default().to_owned()
    }
    fn log(v: &Value) -> String {
        v["log"].as_str().unwrap_or_default().to_owned()
    }
    fn nested(v: &Value) -> String {
        let inner: Value = v["body"]
            .as_str()
            .and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or_default();
        inner["note"].as_str().unwrap_or_default().to_owned()
    }
    vec![
        (json!({ "msg": text }), plain),
        (
            json!({ "log": format!("2024-05-01T10:00:00Z INFO order 4411 shipped: {text} (ok)") }),
            log,
        ),
        (
            json!({ "body": json!({ "note": text, "n": 3 }).to_string() }),
            nested,
        ),
    ]
}

/// Each `(text, pieces, kept)`: in each holder, scrub and verify agree, no
/// piece is left, and every kept word is.
fn assert_taken(cases: &[(&str, &[&str], &[&str])]) {
    for &(text, pieces, kept) in cases {
        for (doc, read) in holders(text) {
            let (scrubbed, found) = scrub_then_verify(&doc);
            assert!(found.is_empty(), "verify found {found:?} in {scrubbed}");
            assert!(verify_finds(&doc), "verify finds nothing in {doc}");
            let out = read(&scrubbed);
            assert!(!out.is_empty(), "nothing read back from {scrubbed}");
            for piece in pieces {
                assert!(!out.contains(piece), "{piece:?} left in {out:?}");
            }
            for word in kept {
                assert!(out.contains(word), "{word:?} lost in {out:?}");
            }
        }
    }
}

/// Each text is left as it is, in each holder, and verify finds nothing.
fn assert_kept(texts: &[&str]) {
    for &text in texts {
        for (doc, _) in holders(text) {
            let (scrubbed, found) = scrub_then_verify(&doc);
            assert!(found.is_empty(), "verify found {found:?} in {scrubbed}");
            assert_eq!(scrubbed, doc, "text was changed");
            assert!(!verify_finds(&doc), "verify finds something in {doc}");
        }
    }
}

#[test]
fn addresses_of_each_country_shape_are_taken_whole() {
    assert_taken(&[
        (
            "Envoyer à 12 rue de la Paix, 75002 Paris",
            &["12 rue", "de la Paix", "75002", "Paris"],
            &["Envoyer à "],
        ),
        (
            "Calle Mayor 15, 3º B, 28013 Madrid",
            &["Mayor", "15,", "3º B", "28013", "Madrid"],
            &[],
        ),
        (
            "Via Roma 10, 00184 Roma RM",
            &["Roma", "10,", "00184", " RM"],
            &[],
        ),
        (
            "Keizersgracht 123, 1015 CJ Amsterdam",
            &["Keizersgracht", "123", "1015", "CJ", "Amsterdam"],
            &[],
        ),
        (
            "ul. Marszałkowska 84/92, 00-514 Warszawa",
            &["Marszałkowska", "84/92", "00-514", "Warszawa"],
            &[],
        ),
        (
            "Bahnhofstrasse 1, 8001 Zürich",
            &["Bahnhofstrasse", "8001", "Zürich"],
            &[],
        ),
        (
            "Rua Augusta 100, 1100-053 Lisboa",
            &["Augusta", "100", "1100-053", "Lisboa"],
            &[],
        ),
        (
            "Storgatan 1, 114 55 Stockholm",
            &["Storgatan", "114 55", "Stockholm"],
            &[],
        ),
        (
            "bitte an Berliner Straße 12, D-10115 Berlin schicken",
            &["Berliner", "Straße 12", "10115", "Berlin "],
            &["bitte an ", " schicken"],
        ),
    ]);
}

#[test]
fn a_customer_record_in_prose_loses_address_name_date_and_iban() {
    assert_taken(&[(
        "Customer Hans Müller, born 12.04.1975, lives at Hauptstraße 5, 10115 Berlin, IBAN DE89370400440532013000",
        &[
            "Hans",
            "Müller",
            "12.04.1975",
            "Hauptstraße",
            "10115",
            "Berlin",
            "DE89370400440532013000",
        ],
        &["Customer ", ", born ", ", lives at ", ", IBAN "],
    )]);
    assert_taken(&[(
        "Jean Dupont, né le 3 mars 1980, 12 rue de la Paix, 75002 Paris",
        &["Jean", "Dupont", "de la Paix", "75002", "Paris"],
        &[", né le "],
    )]);
}

#[test]
fn labelled_addresses_take_the_whole_value() {
    assert_taken(&[
        (
            "Lieferadresse: Lindenweg 44a, 81363 München",
            &["Lindenweg", "44a", "81363", "München"],
            &["Lieferadresse: "],
        ),
        (
            "Anschrift: Am Mühlbach 12, 80123 München",
            &["Mühlbach", "80123", "München"],
            &["Anschrift: "],
        ),
        (
            "adresse : 12 rue de la Paix, 75002 Paris",
            &["de la Paix", "75002", "Paris"],
            &["adresse : "],
        ),
        (
            "dirección: Calle Mayor 15, 3º B, 28013 Madrid",
            &["Mayor", "28013", "Madrid"],
            &["dirección: "],
        ),
        (
            "indirizzo: Via Roma 10, 00184 Roma RM",
            &["Roma", "00184"],
            &["indirizzo: "],
        ),
        (
            "adres: Keizersgracht 123, 1015 CJ Amsterdam",
            &["Keizersgracht", "1015", "Amsterdam"],
            &["adres: "],
        ),
    ]);
}

#[test]
fn street_words_and_postcode_shaped_numbers_alone_stay() {
    assert_kept(&[
        "see section 5, 10115 rows",
        "Via Roma is closed",
        "version 12345 Berlin build",
        "Hauptstraße",
        "Nous avons marché dans la rue pendant 5 minutes.",
        "valid until 12.04.1975",
        "prices 5, 10115 EUR",
        "Er belegte Platz 3, 20 Punkte fehlten ihm.",
        "Der Platz 3, 5000 Besucher kamen",
        "Flight LH 2024 Berlin to Roma",
    ]);
}
