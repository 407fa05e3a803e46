//! Property tests: documents with secrets of every built-in kind planted at
//! random places come out with none of them, and benign near-misses planted
//! beside them come out exactly as they went in.

use std::sync::LazyLock;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use proptest::prelude::*;
use reprise_sanitizer::detect::{iban_valid, luhn_check_digit};
use reprise_sanitizer::{Key, Sanitizer, Verifier};
use serde_json::{Map, Value, json};

static SANITIZER: LazyLock<Sanitizer> = LazyLock::new(|| {
    Sanitizer::builder()
        .pseudonym_key(Key::from_bytes(b"a property-test key", "test").expect("key"))
        .build()
        .expect("defaults build")
});

/// A planted secret: the text to plant, and the part that must not survive.
#[derive(Debug, Clone)]
struct Secret {
    kind: &'static str,
    text: String,
    must_vanish: String,
}

fn secret(kind: &'static str, text: String) -> Secret {
    Secret {
        kind,
        must_vanish: text.clone(),
        text,
    }
}

fn chars(set: &'static str, n: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(set.as_bytes().to_vec()), n)
        .prop_map(|v| String::from_utf8(v).expect("ascii"))
}

const ALNUM: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";
const DIGITS: &str = "0123456789";
const HEX: &str = "0123456789abcdef";

fn any_secret() -> impl Strategy<Value = Secret> {
    prop_oneof![
        (
            chars(LOWER, 3..=10),
            chars(LOWER, 3..=8),
            proptest::sample::select(vec!["com", "org", "io", "net"])
        )
            .prop_map(|(l, d, t)| secret("email", format!("{l}@{d}.{t}"))),
        chars(DIGITS, 4..=4).prop_map(|d| secret("phone", format!("+1 415 555 {d}"))),
        chars(DIGITS, 14..=14).prop_map(|d| {
            let partial = format!("4{d}");
            secret("card", format!("{partial}{}", luhn_check_digit(&partial)))
        }),
        chars(DIGITS, 18..=18).prop_map(|bban| {
            let iban = (0..100)
                .map(|c| format!("DE{c:02}{bban}"))
                .find(|i| iban_valid(i))
                .expect("some check digits are valid");
            secret("iban", iban)
        }),
        (100u32..=665, 10u32..=99, 1000u32..=9999)
            .prop_map(|(a, g, s)| secret("ssn", format!("{a}-{g}-{s}"))),
        (11u8..=126, any::<u8>(), any::<u8>(), 1u8..=254)
            .prop_map(|(a, b, c, d)| secret("ipv4", format!("{a}.{b}.{c}.{d}"))),
        proptest::collection::vec(1u16..=0xffff, 6).prop_map(|s| secret(
            "ipv6",
            format!(
                "2a00:1450:{:x}:{:x}:{:x}:{:x}:{:x}:{:x}",
                s[0], s[1], s[2], s[3], s[4], s[5]
            )
        )),
        proptest::collection::vec(any::<u8>(), 6).prop_map(|b| secret(
            "mac",
            format!(
                "{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}",
                b[0] & !0x02,
                b[1],
                b[2],
                b[3],
                b[4],
                b[5]
            )
        )),
        (chars(ALNUM, 10..=30), chars(ALNUM, 20..=43))
            .prop_map(|(p, s)| secret("jwt", format!("eyJhbGciOiJIUzI1NiJ9.eyJ{p}.{s}"))),
        chars(ALNUM, 20..=40).prop_map(|t| Secret {
            kind: "bearer",
            text: format!("Bearer {t}"),
            must_vanish: t
        }),
        (chars(LOWER, 3..=8), chars(ALNUM, 8..=16)).prop_map(|(u, p)| {
            let cred = STANDARD.encode(format!("{u}:{p}"));
            Secret {
                kind: "basic",
                text: format!("Basic {cred}"),
                must_vanish: cred,
            }
        }),
        (chars(LOWER, 3..=8), chars(ALNUM, 8..=16)).prop_map(|(u, p)| Secret {
            kind: "url-credentials",
            text: format!("postgres://{u}:{p}@db.internal:5432/app"),
            must_vanish: format!(":{p}@"),
        }),
        chars(ALNUM, 8..=16).prop_map(|p| Secret {
            kind: "connection-string",
            text: format!("Server=db;Database=app;User Id=sa;Password={p};"),
            must_vanish: format!("={p};"),
        }),
        chars(ALNUM, 64..=64).prop_map(|body| Secret {
            kind: "private-key",
            text: format!("-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----"),
            must_vanish: body,
        }),
        chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16..=16)
            .prop_map(|k| secret("aws-access-key", format!("AKIA{k}"))),
        chars(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+",
            37..=37
        )
        .prop_map(|k| secret("aws-secret-key", format!("Ab1{k}"))),
        chars(ALNUM, 36..=36).prop_map(|k| secret("github-token", format!("ghp_{k}"))),
        chars(ALNUM, 20..=20).prop_map(|k| secret("gitlab-token", format!("glpat-{k}"))),
        (chars(DIGITS, 12..=12), chars(ALNUM, 24..=24))
            .prop_map(|(a, b)| secret("slack-token", format!("xoxb-{a}-{b}"))),
        chars(ALNUM, 24..=24).prop_map(|k| secret("stripe-key", format!("sk_live_{k}"))),
        chars(ALNUM, 35..=35).prop_map(|k| secret("google-api-key", format!("AIza{k}"))),
    ]
}

/// Where a secret is planted.
#[derive(Debug, Clone, Copy)]
enum Place {
    SensitiveKey,
    InnocuousKey,
    Nested,
    InLongerString,
    Base64,
    UrlSafeBase64,
    MapKey,
}

fn any_place() -> impl Strategy<Value = Place> {
    prop_oneof![
        Just(Place::SensitiveKey),
        Just(Place::InnocuousKey),
        Just(Place::Nested),
        Just(Place::InLongerString),
        Just(Place::Base64),
        Just(Place::UrlSafeBase64),
        Just(Place::MapKey),
    ]
}

fn plant(doc: &mut Map<String, Value>, i: usize, secret: &Secret, place: Place) {
    let (key, value) = match place {
        Place::SensitiveKey => (format!("user_password_{i}"), json!(secret.text)),
        Place::InnocuousKey => (format!("note{i}"), json!(secret.text)),
        Place::Nested => (
            format!("outer{i}"),
            json!({"items": [{"x": 1}, {"inner": {"value": secret.text}}]}),
        ),
        Place::InLongerString => (
            format!("log{i}"),
            json!(format!(
                "2026-11-22T10:00:00Z INFO user said: {} (end)",
                secret.text
            )),
        ),
        Place::Base64 => (
            format!("blob{i}"),
            json!(STANDARD.encode(format!("payload {} end", secret.text))),
        ),
        Place::UrlSafeBase64 => (
            format!("blob{i}"),
            json!(format!(
                "data={}",
                URL_SAFE_NO_PAD.encode(format!("payload {} end", secret.text))
            )),
        ),
        Place::MapKey => (
            format!("by_user{i}"),
            json!({ secret.text.clone(): {"n": 1} }),
        ),
    };
    doc.insert(key, value);
}

/// Benign values that look a little like secrets.
fn any_benign() -> impl Strategy<Value = Value> {
    prop_oneof![
        chars(HEX, 40..=40).prop_map(Value::from),
        (0u32..20, 0u32..100, 0u32..100).prop_map(|(a, b, c)| json!(format!("{a}.{b}.{c}"))),
        (0u32..20, 0u32..100, 0u32..100, 1u32..9)
            .prop_map(|(a, b, c, d)| json!(format!("v{a}.{b}.{c}-beta.{d}"))),
        (
            2000u32..2100,
            1u32..=12,
            1u32..=28,
            0u32..24,
            0u32..60,
            0u32..1_000_000
        )
            .prop_map(|(y, mo, d, h, mi, us)| json!(format!(
                "{y}-{mo:02}-{d:02}T{h:02}:{mi:02}:00.{us:06}Z"
            ))),
        chars(DIGITS, 15..=15).prop_map(|d| {
            let partial = format!("4{d}");
            let wrong = (luhn_check_digit(&partial) + 1) % 10;
            json!(format!("{partial}{wrong}"))
        }),
        chars(DIGITS, 15..=15).prop_map(|d| {
            let partial = format!("4{d}");
            let wrong = (luhn_check_digit(&partial) + 1) % 10;
            json!(
                format!("{partial}{wrong}")
                    .parse::<u64>()
                    .expect("16 digits fit")
            )
        }),
        proptest::sample::select(vec![
            "hello",
            "replica",
            "commit index",
            "view change",
            "the leader is node three"
        ])
        .prop_map(Value::from),
    ]
}

/// Every string in `value`, object keys included, and the decoded text of
/// every base64 token in them.
fn all_text(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => {
            out.push(s.clone());
            for token in s.split(|c: char| !(c.is_ascii_alphanumeric() || "+/=".contains(c))) {
                if let Ok(bytes) = STANDARD.decode(token) {
                    out.push(String::from_utf8_lossy(&bytes).into_owned());
                }
            }
            for token in s.split(|c: char| !(c.is_ascii_alphanumeric() || "-_".contains(c))) {
                if let Ok(bytes) = URL_SAFE_NO_PAD.decode(token) {
                    out.push(String::from_utf8_lossy(&bytes).into_owned());
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| all_text(v, out)),
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            out.push(k.clone());
            all_text(v, out);
        }),
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn planted_secrets_never_survive_and_benign_values_do(
        secrets in proptest::collection::vec((any_secret(), any_place()), 1..6),
        benign in proptest::collection::vec(any_benign(), 0..5),
    ) {
        let mut doc = Map::new();
        for (i, (secret, place)) in secrets.iter().enumerate() {
            plant(&mut doc, i, secret, *place);
        }
        for (i, value) in benign.iter().enumerate() {
            doc.insert(format!("benign{i}"), value.clone());
        }
        let mut value = Value::Object(doc);
        let mut report = SANITIZER.report();
        SANITIZER.scrub_value("args", &mut value, &mut report);

        let mut texts = Vec::new();
        all_text(&value, &mut texts);
        for (secret, place) in &secrets {
            for text in &texts {
                prop_assert!(
                    !text.contains(&secret.must_vanish),
                    "{} planted at {:?} survived in {:?}", secret.kind, place, text
                );
            }
        }
        for (i, expected) in benign.iter().enumerate() {
            prop_assert_eq!(&value[format!("benign{i}")], expected);
        }
    }

    #[test]
    fn verify_finds_every_planted_secret_in_the_raw_document(
        (secret, place) in (any_secret(), any_place()),
    ) {
        let mut doc = Map::new();
        plant(&mut doc, 0, &secret, place);
        let verifier = Verifier::new().expect("defaults build");
        let mut findings = Vec::new();
        verifier.check_value(Some(1), "args", &Value::Object(doc), &Default::default(), &mut findings);
        prop_assert!(!findings.is_empty(), "{} at {:?} not found", secret.kind, place);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Hostile or odd text (any Unicode, or the characters the detectors and
    /// validators look at, in any order) never makes scrubbing or verifying
    /// panic, and what allowlist mode leaves is never the original text.
    #[test]
    fn odd_text_never_panics(
        any_text in "\\PC{0,60}",
        detector_soup in "[0-9a-fA-F@:./+= ()_-]{0,80}",
    ) {
        let verifier = Verifier::new().expect("defaults build");
        for text in [&any_text, &detector_soup] {
            let mut value = json!({"text": text, text.clone(): [text, 4111111111111111u64]});
            let mut report = SANITIZER.report();
            SANITIZER.scrub_value("args", &mut value, &mut report);
            let mut findings = Vec::new();
            verifier.check_value(Some(0), "args", &value, &Default::default(), &mut findings);
        }
    }
}
