//! Private key material in key formats whose members have no telling
//! names, and password hashes in more formats: a JSON Web Key's private
//! members (`d`, `p`, `q`, `dp`, `dq`, `qi`, `k`), known by its `kty`; a
//! Tink keyset's key data (`value` beside a `typeUrl`), unless public;
//! Cisco IOS type 8 and 9 secrets, Apache's `$apr1$`, Django's
//! `pbkdf2_sha256$...`, LDAP's `{SSHA}...`. Each as a JSON object, as
//! JSON held in a string, and as base64 of that JSON; the public parts
//! stay, and verify agrees.

mod oracle;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use oracle::scrub_then_verify;
use serde_json::{Value, json};

/// `doc` as it is, as a JSON string under a key, and as base64 of it.
fn positions(doc: &Value) -> Vec<Value> {
    let text = doc.to_string();
    vec![
        json!({ "key": doc }),
        json!({ "config": text }),
        json!({ "blob": STANDARD.encode(&text) }),
    ]
}

/// Whether `piece` is in `out`, read as it is or through base64.
fn holds(out: &Value, piece: &str) -> bool {
    let text = out.to_string();
    if text.contains(piece) {
        return true;
    }
    out["blob"]
        .as_str()
        .and_then(|b| STANDARD.decode(b).ok())
        .is_some_and(|d| String::from_utf8_lossy(&d).contains(piece))
}

fn assert_taken(doc: &Value, secrets: &[&str], kept: &[&str]) {
    for input in positions(doc) {
        let (out, found) = scrub_then_verify(&input);
        assert!(found.is_empty(), "verify found {found:?} in {out}");
        for s in secrets {
            assert!(!holds(&out, s), "{s:?} left in {out}");
        }
        for k in kept {
            assert!(holds(&out, k), "{k:?} went from {out}");
        }
    }
}

#[test]
fn regression_a_private_json_web_key_s_private_members_are_taken() {
    assert_taken(
        &json!({"kty": "EC", "crv": "P-256", "kid": "k1",
            "x": "3d3qXKPsqOl11AtqUYNGlQUdVKKNh28fESzs1oZS47g",
            "y": "qwfh29eAYHLv-DehiSMmbpDsqlvLZ4eIL8YmeqcjK0s",
            "d": "-g5haxToUlZD9T_z0HYMvWY_qolPMM13VqEiL0aQ64c"}),
        &["-g5haxToUlZD9T_z0HYMvWY_qolPMM13VqEiL0aQ64c"],
        &["3d3qXKPsqOl11AtqUYNGlQUdVKKNh28fESzs1oZS47g", "P-256"],
    );
    assert_taken(
        &json!({"kty": "RSA", "n": "sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1Wl",
            "e": "AQAB", "d": "VFCWOqXr8nvZNyaaJLXdnNPXZKRaWCjkU5Q2egQQpTBMwhprMzWzpR8Sx",
            "p": "6Ej5p2TzKFlPt8Y8kQ2bNvRVF3mG8zPQw", "q": "wPp3Rp7rLUa0Qz5Y1hN8Tq6W2bXmV4cKd",
            "dp": "kX2sG9fD7pL1mQ8zR4tY6wB3nC5vH0jA", "dq": "Zq7Y2tW9mK4pL8xR1sD6fG3hJ5bN0cV",
            "qi": "Hq9mP2sX7vL4kR1tY8wB6nD3fG5jC0zA"}),
        &[
            "VFCWOqXr8nvZNyaaJLXdnNPXZKRaWCjkU5Q2egQQpTBMwhprMzWzpR8Sx",
            "6Ej5p2TzKFlPt8Y8kQ2bNvRVF3mG8zPQw",
            "kX2sG9fD7pL1mQ8zR4tY6wB3nC5vH0jA",
            "Hq9mP2sX7vL4kR1tY8wB6nD3fG5jC0zA",
        ],
        &["sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1Wl"],
    );
    // A symmetric key's `k`.
    assert_taken(
        &json!({"kty": "oct", "alg": "HS256", "k": "GawgguFyGrWKav7AX4VKUg9xq3mLp2sT"}),
        &["GawgguFyGrWKav7AX4VKUg9xq3mLp2sT"],
        &["HS256"],
    );
}

#[test]
fn regression_a_tink_keyset_s_key_data_is_taken() {
    assert_taken(
        &json!({"primaryKeyId": 759_128_485, "key": [{"keyData": {
            "typeUrl": "type.googleapis.com/google.crypto.tink.AesGcmKey",
            "value": "GiCI6dLa4t8oOWejqq/dl9N9QaUEHiRgRN00y+oE78338Q==",
            "keyMaterialType": "SYMMETRIC"},
            "status": "ENABLED", "keyId": 759_128_485, "outputPrefixType": "TINK"}]}),
        &["GiCI6dLa4t8oOWejqq/dl9N9QaUEHiRgRN00y+oE78338Q=="],
        &["google.crypto.tink.AesGcmKey", "ENABLED"],
    );
}

#[test]
fn regression_password_hashes_in_more_formats_are_taken() {
    for (text, secret) in [
        (
            "username admin privilege 15 secret 9 $9$wIrjpQOOMWUcK6$IqeoPMJvAdd7/YoPKX0GE4HAYlfR6Lmcoif/OdWwe6i",
            "IqeoPMJvAdd7/YoPKX0GE4HAYlfR6Lmcoif/OdWwe6i",
        ),
        (
            "enable secret 8 $8$4a73q2YFr61MmN$hZfITQFg5UMjH35SxsNqkGc1f.5svOXT6yHD/gfwHUB",
            "hZfITQFg5UMjH35SxsNqkGc1f.5svOXT6yHD/gfwHUB",
        ),
        (
            "bob:$apr1$Kd9xQm2T$Xq7sP1vL4mR8tY2wB6nD3f",
            "Xq7sP1vL4mR8tY2wB6nD3f",
        ),
        (
            "password hash: pbkdf2_sha256$600000$Wq9xLm2pTz7r$Kd8sP1vL4mR8tY2wB6nD3fG5jC0zAqX7sP1vL4mR8tY=",
            "Kd8sP1vL4mR8tY2wB6nD3fG5jC0zAqX7sP1vL4mR8tY=",
        ),
        (
            "userPassword: {SSHA}Kd8sP1vL4mR8tY2wB6nD3fG5jC0zAqX7",
            "Kd8sP1vL4mR8tY2wB6nD3fG5jC0zAqX7",
        ),
    ] {
        let (out, found) = scrub_then_verify(&json!({ "line": text }));
        assert!(found.is_empty(), "verify found {found:?} in {out}");
        assert!(
            !out.to_string().contains(secret),
            "{secret:?} left in {out}"
        );
    }
}

#[test]
fn public_keys_and_look_alikes_stay() {
    for doc in [
        json!({"kty": "EC", "crv": "P-256", "kid": "k1",
            "x": "3d3qXKPsqOl11AtqUYNGlQUdVKKNh28fESzs1oZS47g",
            "y": "qwfh29eAYHLv-DehiSMmbpDsqlvLZ4eIL8YmeqcjK0s"}),
        json!({"keys": [{"kty": "RSA", "kid": "r1", "use": "sig", "e": "AQAB",
            "n": "sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1Wl"}]}),
        json!({"typeUrl": "type.googleapis.com/google.crypto.tink.EcdsaPublicKey",
            "value": "EgYIAxACGAIaIQDr3ZJdJmP1uJ8mVq0z",
            "keyMaterialType": "ASYMMETRIC_PUBLIC"}),
        json!({"d": "2024-01-01", "p": "page-2", "q": "search words", "k": "v"}),
        json!({"typeUrl": "type.googleapis.com/acme.Order", "value": "order-17"}),
    ] {
        let (out, found) = scrub_then_verify(&json!({ "key": doc }));
        assert!(found.is_empty(), "verify found {found:?} in {out}");
        assert_eq!(out, json!({ "key": doc }));
    }
}
