//! Credentials written in text whose value is not one token: an HTTP
//! `Authorization` header whose scheme carries parameters or a blob
//! (Digest, AWS signature version 4, NTLM, Negotiate, Hawk, OAuth 1,
//! shared keys) is taken to the end of the header, also inside a quoted
//! `curl -H "..."`; and a short code after its label and a space (`PIN
//! 4921`, `cvv 123`, `CVC 737`) is taken, where prose (`PIN must be 4
//! digits`) stays; a label written with a possessive (`Driver's license`)
//! is read whole. Scrub and verify agree on every case.

mod oracle;

use oracle::scrub_then_verify;
use serde_json::json;

/// Each `(text, pieces)`: no piece may be left in the scrubbed text.
fn assert_taken(cases: &[(&str, &[&str])]) {
    for &(text, pieces) in cases {
        let doc = json!({ "log": text });
        let (scrubbed, found) = scrub_then_verify(&doc);
        assert!(found.is_empty(), "verify found {found:?} in {scrubbed}");
        let out = scrubbed["log"].as_str().unwrap_or_default().to_owned();
        for piece in pieces {
            assert!(!out.contains(piece), "{piece:?} left in {out:?}");
        }
    }
}

fn assert_kept(texts: &[&str]) {
    for &text in texts {
        let doc = json!({ "log": text });
        let (scrubbed, found) = scrub_then_verify(&doc);
        assert!(found.is_empty(), "verify found {found:?} in {scrubbed}");
        assert_eq!(scrubbed, doc, "prose was changed");
    }
}

#[test]
fn authorization_headers_with_parameters_are_taken_whole() {
    assert_taken(&[
        (
            "Authorization: Digest username=\"bob\", realm=\"api\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/x\", response=\"6629fae49393a05397450978507c4ef1\"",
            &[
                "6629fae49393a05397450978507c4ef1",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093",
            ],
        ),
        (
            "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024",
            &[
                "fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024",
                "AKIAIOSFODNN7EXAMPLE",
            ],
        ),
        (
            "GET /x HTTP/1.1\r\nAuthorization: NTLM TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw==\r\nHost: a\r\n",
            &["TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw"],
        ),
        (
            "Proxy-Authorization: Negotiate YIIJvwYGKwYBBQUCoIIJszCCCa+gJDAiBgkqhkiG9xIBAgIGCSqGSIb3EgECAgYKKwYBBAGCNwICCqKCCYkE",
            &["YIIJvwYGKwYBBQUCoIIJszCCCa"],
        ),
        (
            "Authorization: SharedKey myaccount:ctzMq410TV3wS7upTBcunJTDLEJwMAZuFPfr0mrrA08=",
            &["ctzMq410TV3wS7upTBcunJTDLEJwMAZuFPfr0mrrA08"],
        ),
        (
            "Authorization: Token token=\"abcdef0123456789abcdef\", nonce=\"def\"",
            &["abcdef0123456789abcdef"],
        ),
        (
            "Authorization: OAuth oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\", oauth_signature=\"tnnArxj06cWHq44gCs1OSKk%2FjLY%3D\"",
            &["tnnArxj06cWHq44gCs1OSKk"],
        ),
        (
            "curl -H \"Authorization: Digest username=\\\"bob\\\", response=\\\"6629fae49393a05397450978507c4ef1\\\"\" https://api.example.com/x",
            &["6629fae49393a05397450978507c4ef1"],
        ),
    ]);
    // The rest of the command after a quoted header stays.
    let doc = json!({ "log": "curl -H \"Authorization: NTLM TlRMTVNTUAABAAAAB4IIogAAAAAA\" https://api.example.com/x" });
    let (scrubbed, _) = scrub_then_verify(&doc);
    assert!(
        scrubbed["log"]
            .as_str()
            .is_some_and(|s| s.ends_with("\" https://api.example.com/x")),
        "{scrubbed}"
    );
}

#[test]
fn short_codes_after_a_space_are_taken() {
    assert_taken(&[
        ("PIN 4921 for card ending 1111", &["4921"]),
        ("exp 12/27 cvv 123 thanks", &["cvv 123"]),
        ("card 5555 5555 5555 4444 exp 01/28 CVC 737", &["737"]),
        ("your PIN is 4921", &["4921"]),
        ("OTP 482913", &["482913"]),
    ]);
}

#[test]
fn the_same_labels_in_prose_are_kept() {
    assert_kept(&[
        "PIN must be 4 digits",
        "cvv is required",
        "pin 2 of the connector",
        "Authorization: required",
        "Authorization: Digest is deprecated here",
        "OTP sent to device",
    ]);
}

#[test]
fn possessive_labels_are_read_whole() {
    assert_taken(&[
        (
            "Driver's license D1234-56789-01234 (CA)",
            &["D1234-56789-01234"],
        ),
        (
            "driver's licence: D1234-56789-01234",
            &["D1234-56789-01234"],
        ),
        (
            "Driver\u{2019}s license D1234-56789-01234",
            &["D1234-56789-01234"],
        ),
    ]);
    assert_kept(&[
        "the driver's license office is closed",
        "Driver's license required",
        "it's token time",
    ]);
}
