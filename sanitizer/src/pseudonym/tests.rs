//! Pseudonym shape and stability.

use super::*;
use crate::detect::iban_valid;

fn pseudonymizer(key: &[u8]) -> Pseudonymizer {
    Pseudonymizer::new(&Key::from_bytes(key, "test").expect("a long enough key"))
}

/// Each case: shape, input, and a check on the pseudonym.
#[track_caller]
fn check(shape: Shape, input: &str, ok: impl Fn(&str) -> bool) {
    let p = pseudonymizer(b"0123456789abcdef0123");
    let out = p.pseudonymize(shape, input);
    assert_ne!(out, input, "{shape:?} {input}: unchanged");
    assert!(ok(&out), "{shape:?} {input} -> {out}: wrong shape");
    assert_eq!(
        out,
        p.pseudonymize(shape, input),
        "{shape:?} {input}: not stable"
    );
}

#[test]
fn pseudonyms_keep_their_shape() {
    check(Shape::Email, "alice@corp.com", |o| {
        Shape::infer(o) == Shape::Email
            && o.ends_with(".example")
            && o.len() == "alice@corp.example".len()
    });
    check(Shape::Card, "4111 1111 1111 1111", |o| {
        luhn_valid(o) && o.len() == 19 && o.starts_with('4') && o.matches(' ').count() == 3
    });
    check(Shape::Card, "378282246310005", |o| {
        luhn_valid(o) && o.len() == 15 && o.starts_with('3')
    });
    check(Shape::Iban, "DE89 3704 0044 0532 0130 00", |o| {
        iban_valid(o) && o.starts_with("DE") && o.len() == 27
    });
    check(Shape::Ssn, "123-45-6789", |o| {
        o.len() == 11 && o.starts_with('9') && &o[3..4] == "-"
    });
    check(Shape::Ipv4, "192.168.1.20", |o| {
        o.parse::<Ipv4Addr>().is_ok()
    });
    check(Shape::Ipv6, "fe80::1ff:fe23:4567:890a", |o| {
        o.parse::<Ipv6Addr>().is_ok() && o.starts_with("2001:db8:")
    });
    check(Shape::Mac, "00:1A:2B:3C:4D:5E", |o| {
        o.len() == 17
            && o.bytes().filter(|b| *b == b':').count() == 5
            && !o.chars().any(|c| c.is_ascii_lowercase())
    });
    check(Shape::Hex, "67e55044-10b1-426f-9247-bb680e5fe0c8", |o| {
        o.len() == 36
            && &o[14..15] == "4"
            && "89ab".contains(&o[19..20])
            && Shape::infer(o) == Shape::Hex
    });
    check(Shape::Text, "0042-1337", |o| {
        o.len() == 9 && &o[4..5] == "-" && o.bytes().filter(u8::is_ascii_digit).count() == 8
    });
    check(Shape::Text, "Hello, World", |o| {
        o.len() == 12
            && o.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && o.contains(", ")
    });
}

#[test]
fn equal_inputs_equal_pseudonyms_distinct_inputs_distinct() {
    let p = pseudonymizer(b"0123456789abcdef0123");
    let a = p.pseudonymize(Shape::Email, "alice@corp.com");
    let b = p.pseudonymize(Shape::Email, "bob@corp.com");
    assert_ne!(a, b);
    // One domain stays one domain.
    assert_eq!(a.split('@').nth(1), b.split('@').nth(1));
    let mut seen = std::collections::HashSet::new();
    for i in 0..1000 {
        seen.insert(p.pseudonymize(Shape::Ipv4, &format!("10.0.{}.{}", i / 256, i % 256)));
    }
    assert_eq!(seen.len(), 1000, "no collisions among 1000 addresses");
}

#[test]
fn another_key_gives_other_pseudonyms() {
    let a = pseudonymizer(b"0123456789abcdef0123");
    let b = pseudonymizer(b"another key, also long");
    assert_ne!(
        a.pseudonymize(Shape::Card, "4111111111111111"),
        b.pseudonymize(Shape::Card, "4111111111111111")
    );
    assert_ne!(a.hash("x"), b.hash("x"));
}

#[test]
fn numbers_keep_their_digit_count_and_sign() {
    let p = pseudonymizer(b"0123456789abcdef0123");
    let n = p.number(&serde_json::Number::from(-4521));
    assert!(
        n.as_i64().is_some_and(|v| (-9999..=-1000).contains(&v)),
        "{n}"
    );
    let f = p.number(&serde_json::Number::from_f64(12.5).expect("finite"));
    assert!(
        f.as_f64().is_some_and(|v| (10.0..100.0).contains(&v)),
        "{f}"
    );
    let big = p.number(&serde_json::Number::from(u64::MAX));
    assert_eq!(big.to_string().len(), u64::MAX.to_string().len());
}

#[test]
fn keys_from_files_and_the_environment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("key");
    std::fs::write(&path, "short\n").expect("write");
    let err = Key::from_file(&path).expect_err("too short");
    assert!(err.to_string().contains("at least 16 bytes"), "{err}");
    assert!(!err.to_string().contains("short\n"));
}
