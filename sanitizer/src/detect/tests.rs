//! Detector tests: each case is one line, the text and the text with every
//! hit marked `[rule:span]` (base64 hits as `[base64:{decoded, marked}]`).

use super::*;
use crate::rules::{Target, default_rules};

fn set() -> (DetectorSet, Vec<String>) {
    let rules = default_rules();
    let builtins: Vec<(Detector, usize)> = rules
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match r.target {
            Target::Detector(d) => Some((d, i)),
            _ => None,
        })
        .collect();
    let names = rules.iter().map(|r| r.name.clone()).collect();
    (
        DetectorSet::new(&builtins, &[]).expect("built-ins compile"),
        names,
    )
}

fn mark(text: &str, hits: &[Hit], names: &[String]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for hit in hits {
        match hit {
            Hit::Match { start, end, rule } => {
                out.push_str(&text[at..*start]);
                out.push_str(&format!("[{}:{}]", names[*rule], &text[*start..*end]));
                at = *end;
            }
            Hit::Base64 {
                start,
                end,
                decoded,
                hits,
                ..
            } => {
                out.push_str(&text[at..*start]);
                out.push_str(&format!("[base64:{{{}}}]", mark(decoded, hits, names)));
                at = *end;
            }
        }
    }
    out.push_str(&text[at..]);
    out
}

#[track_caller]
fn check(input: &str, expected: &str) {
    let (set, names) = set();
    let hits = set.scan(input);
    assert_eq!(mark(input, &hits, &names), expected, "input: {input}");
}

#[test]
fn emails_are_found_alone_and_in_text() {
    check("alice@corp.com", "[email:alice@corp.com]");
    check(
        "mail a.b+c@mx.corp.co.uk now",
        "mail [email:a.b+c@mx.corp.co.uk] now",
    );
    check("pseudonym@xkq.example", "pseudonym@xkq.example");
    check("not an email: a@b", "not an email: a@b");
}

#[test]
fn phones_need_enough_digits() {
    check("call +14155550134", "call [phone:+14155550134]");
    check(
        "call +1 415 555 0134 today",
        "call [phone:+1 415 555 0134] today",
    );
    check("(415) 555-0134", "[phone:(415) 555-0134]");
    check("2026-11-22T10:00:00Z", "2026-11-22T10:00:00Z");
    check("v1.4.2", "v1.4.2");
}

#[test]
fn cards_must_pass_luhn_and_have_a_known_prefix() {
    check("4111111111111111", "[card:4111111111111111]");
    check(
        "pay 5500 0000 0000 0004.",
        "pay [card:5500 0000 0000 0004].",
    );
    check("4111111111111112", "4111111111111112");
    check("1234567812345670", "1234567812345670");
}

#[test]
fn ibans_must_pass_mod_97() {
    check(
        "DE89 3704 0044 0532 0130 00",
        "[iban:DE89 3704 0044 0532 0130 00]",
    );
    check(
        "to GB82WEST12345698765432.",
        "to [iban:GB82WEST12345698765432].",
    );
    check("GB82WEST12345698765433", "GB82WEST12345698765433");
}

#[test]
fn ssns_in_issued_ranges_only() {
    check("ssn 123-45-6789", "ssn [ssn:123-45-6789]");
    check(
        "666-45-6789 000-12-3456 923-45-6789",
        "666-45-6789 000-12-3456 923-45-6789",
    );
}

#[test]
fn ip_and_mac_addresses() {
    check("from 203.0.113.9:443", "from [ipv4:203.0.113.9]:443");
    check("127.0.0.1 and 1.2.3.4.5", "127.0.0.1 and 1.2.3.4.5");
    check(
        "fe80::1ff:fe23:4567:890a",
        "[ipv6:fe80::1ff:fe23:4567:890a]",
    );
    check("::1 10:00:00", "::1 10:00:00");
    check("nic 00:1A:2b:3C:4d:5E", "nic [mac:00:1A:2b:3C:4d:5E]");
}

#[test]
fn tokens_and_keys() {
    check(
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl",
        "[jwt:eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl]",
    );
    check(
        "Authorization: Bearer abc123def456ghi",
        "Authorization: Bearer [auth-header:abc123def456ghi]",
    );
    check(
        "Basic dXNlcjpwYXNzd29yZA==",
        "Basic [auth-header:dXNlcjpwYXNzd29yZA==]",
    );
    check("basic authentication", "basic authentication");
    check(
        "postgres://admin:hunter2@db:5432/app",
        "postgres://[url-credentials:admin:hunter2]@db:5432/app",
    );
    check(
        "Server=db;User Id=sa;Password=Pa55word;",
        "Server=db;User Id=sa;Password=[connection-string:Pa55word];",
    );
    check(
        "AKIAIOSFODNN7EXAMPLE",
        "[aws-access-key:AKIAIOSFODNN7EXAMPLE]",
    );
    check(
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "[aws-secret-key:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY]",
    );
    check(
        "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
        "[github-token:ghp_16C7e42F292c6912E7710c838347Ae178B4a]",
    );
    check(
        "glpat-xxxxxxxxxxxxxxxxxxxx1",
        "[gitlab-token:glpat-xxxxxxxxxxxxxxxxxxxx1]",
    );
    check(
        "xoxb-123456789012-abcdef",
        "[slack-token:xoxb-123456789012-abcdef]",
    );
    check(
        "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        "[stripe-key:sk_live_4eC39HqLyjWDarjtT1zdp7dc]",
    );
    check(
        "AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI",
        "[google-api-key:AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI]",
    );
}

#[test]
fn private_keys_whole_block_or_to_the_end() {
    check(
        "k=-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY----- ok",
        "k=[private-key:-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----] ok",
    );
    check(
        "-----BEGIN PRIVATE KEY-----\nMIIEvQ torn",
        "[private-key:-----BEGIN PRIVATE KEY-----\nMIIEvQ torn]",
    );
}

#[test]
fn base64_is_decoded_and_scanned() {
    // base64("contact alice@corp.com")
    check(
        "blob Y29udGFjdCBhbGljZUBjb3JwLmNvbQ== end",
        "blob [base64:{contact [email:alice@corp.com]}] end",
    );
    // Clean base64 and hex hashes stay as they are.
    check("aGVsbG8gd29ybGQgaGVsbG8=", "aGVsbG8gd29ybGQgaGVsbG8=");
    check(
        "commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
        "commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
    );
}

#[test]
fn near_misses_stay_clean() {
    for text in [
        "version 1.42.0-beta.3",
        "2026-11-22T10:00:00.123456Z",
        "the quick brown fox",
        "12345678",
        "da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "67e55044-10b1-426f-9247-bb680e5fe0c8",
    ] {
        check(text, text);
    }
}

#[test]
fn custom_regexes_with_a_secret_group() {
    let set = DetectorSet::new(&[], &[("ticket=(?P<s>[0-9]+)", 0, "ticket")]).expect("compiles");
    let hits = set.scan("a ticket=123 b");
    assert_eq!(
        mark("a ticket=123 b", &hits, &["ticket".into()]),
        "a ticket=[ticket:123] b"
    );
}

#[test]
fn validators() {
    assert!(luhn_valid("79927398713"));
    assert_eq!(luhn_check_digit("7992739871"), 3);
    assert!(iban_valid("GB82 WEST 1234 5698 7654 32"));
    assert!(is_high_entropy("AbC123xYz789QwE456"));
    assert!(!is_high_entropy("aaaaaaaaaaaaaaaaaaaa"));
}
