//! Secrets known by their format rather than by a vendor's prefix:
//! encrypted keys, password verifiers and hashes, keytabs, biometric
//! templates and recovery codes, each written from its format's
//! documentation and checked further where the format has something to
//! check (a magic number, a header, a checksum), so that what only looks
//! like one (a content hash, a commit id, base64 of some other file)
//! stays.
//!
//! These entries join the vendor table's one alternation (the
//! `vendor-token` detector): each costs no pass of its own.

use base64::Engine as _;

use super::Vendor;
use crate::detect::validate;

const fn checked(
    name: &'static str,
    pattern: &'static str,
    check: crate::detect::Validator,
) -> Vendor {
    Vendor {
        name,
        pattern,
        check: Some(check),
    }
}

const fn plain(name: &'static str, pattern: &'static str) -> Vendor {
    Vendor {
        name,
        pattern,
        check: None,
    }
}

/// The formats, in the order they are tried.
pub(crate) const FORMATS: &[Vendor] = &[
    // A biometric template (ISO/IEC 19794 and ANSI INCITS 378) in base64:
    // the record starts with its format's magic (`FMR\0` finger minutiae,
    // `FIR\0` finger image, `FAC\0` face, `IIR\0` iris) and a version of
    // three digits or ` 20`, then `\0`.
    checked(
        "biometric-template",
        r"\b(?:Rk1S|RklS|RkFD|SUlS)A[A-Za-z0-9+/]{40,}={0,2}",
        biometric_template,
    ),
    // A BIP38 encrypted private key: base58check of 39 bytes starting
    // `0x01 0x42` (not EC-multiplied) or `0x01 0x43`, so it reads `6P`.
    checked("bip38", r"\b6P[1-9A-HJ-NP-Za-km-z]{56}\b", bip38),
    // A Kerberos keytab in base64: version `0x05 0x02` (or `0x05 0x01`),
    // then its first entry's length, principal component count and realm.
    checked(
        "kerberos-keytab",
        r"\bBQ[IE]A[A-Za-z0-9+/]{40,}={0,2}",
        kerberos_keytab,
    ),
    // A PostgreSQL SCRAM verifier (`pg_authid.rolpassword`):
    // `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`.
    plain(
        "scram-verifier",
        r"\bSCRAM-SHA-(?:1|256|512)\$[0-9]{1,7}:[A-Za-z0-9+/]{8,}={0,2}\$[A-Za-z0-9+/]{20,}={0,2}:[A-Za-z0-9+/]{20,}={0,2}",
    ),
    // A MySQL `mysql_native_password` hash (`authentication_string`):
    // `*` and the 40 capital hex digits of SHA1(SHA1(password)).
    checked("mysql-native-hash", r"\*[0-9A-F]{40}\b", mysql_native_hash),
    // A Maven encrypted password (`settings.xml`, `settings-security.xml`'s
    // master): base64 of the salt, pad length and ciphertext, in braces.
    checked(
        "maven-encrypted",
        r"\{[A-Za-z0-9+/]{22,}={0,2}\}",
        maven_encrypted,
    ),
    // An Ethereum keystore's `ciphertext` (the encrypted private key) and
    // `mac` in JSON escaped inside text (`\"mac\":\"...`), where no key
    // name is read; unescaped, the key rules take them by name.
    plain(
        "keystore-field",
        r#"\b(?:ciphertext|mac)\\{1,3}"[ \t]*:[ \t]*\\{1,3}"(?P<s2>[0-9a-fA-F]{32,1024})\b"#,
    ),
    // A Django `SECRET_KEY` as `startproject` writes it: `django-insecure-`
    // and 50 characters of `a-z0-9!@#$%^&*(-_=+)`.
    plain(
        "django-insecure",
        r"\bdjango-insecure-[a-z0-9!@#$%^&*(\-_=+)]{40,60}",
    ),
    // A Laravel `APP_KEY`: `base64:` and a 32-byte (AES-256) or 16-byte
    // (AES-128) key.
    plain(
        "laravel-app-key",
        r"\bbase64:(?:[A-Za-z0-9+/]{43}=|[A-Za-z0-9+/]{22}==)",
    ),
    // Two-factor recovery codes: six or more codes of the same shape
    // (`xxxxx-xxxxx`, `xxxx-xxxx`) in a list, one a line or separated by
    // spaces or commas.
    checked(
        "recovery-codes",
        r"\b[a-z0-9]{4,6}-[a-z0-9]{4,6}(?:(?:,? +|[\r\n]+|, *)[a-z0-9]{4,6}-[a-z0-9]{4,6}){5,}\b",
        recovery_codes,
    ),
];

/// Decodes the first `len` characters of `span` (a multiple of four) as
/// standard base64.
fn head(span: &str, len: usize) -> Option<Vec<u8>> {
    let n = span.len().min(len) / 4 * 4;
    crate::detect::engine(false).decode(span.get(..n)?).ok()
}

/// A biometric record's header: four bytes of magic ending in `\0` (the
/// pattern found the magic), then a version of three digits (or a space
/// and two digits) and `\0`.
pub(super) fn biometric_template(text: &str, start: usize, end: usize) -> bool {
    head(&text[start..end], 12).is_some_and(|b| {
        b.len() == 9
            && b[3] == 0
            && b[7] == 0
            && b[4..7].iter().all(|&c| c.is_ascii_digit() || c == b' ')
            && b[5..7].iter().all(u8::is_ascii_digit)
    })
}

/// BIP38: 43 bytes in base58 (39 of payload, 4 of checksum), the payload
/// starting `0x01 0x42` or `0x01 0x43`, the checksum the first four bytes
/// of the payload's double SHA-256.
pub(super) fn bip38(text: &str, start: usize, end: usize) -> bool {
    use sha2::{Digest, Sha256};
    let Some(raw) = validate::base58_decode(&text[start..end]) else {
        return false;
    };
    if raw.len() != 43 || raw[0] != 0x01 || !matches!(raw[1], 0x42 | 0x43) {
        return false;
    }
    let (payload, checksum) = raw.split_at(39);
    Sha256::digest(Sha256::digest(payload))[..4] == *checksum
}

/// A keytab's header and first entry: version `0x05 0x01` or `0x05 0x02`,
/// an entry length that fits in what follows, one to sixteen principal
/// components and a realm of printable ASCII.
pub(super) fn kerberos_keytab(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    let Some(b) = head(span, 64) else {
        return false;
    };
    if b.len() < 12 || b[0] != 0x05 || !matches!(b[1], 0x01 | 0x02) {
        return false;
    }
    let total = span.trim_end_matches('=').len() * 3 / 4;
    let size = i32::from_be_bytes([b[2], b[3], b[4], b[5]]);
    let components = u16::from_be_bytes([b[6], b[7]]);
    let realm = usize::from(u16::from_be_bytes([b[8], b[9]]));
    usize::try_from(size).is_ok_and(|size| size >= 8 && size + 6 <= total)
        && (1..=16).contains(&components)
        && (1..=255).contains(&realm)
        && b[10..].iter().take(realm).all(u8::is_ascii_graphic)
}

/// A MySQL native hash has letters and digits among its hex digits (forty
/// of one kind are a placeholder).
pub(super) fn mysql_native_hash(text: &str, start: usize, end: usize) -> bool {
    let hex = &text.as_bytes()[start + 1..end];
    hex.iter().any(u8::is_ascii_digit) && hex.iter().any(u8::is_ascii_uppercase)
}

/// A Maven encrypted password: the braces hold base64 of 16 bytes or
/// more with capitals, small letters and digits in it (random bytes have
/// all three; a word in braces does not).
pub(super) fn maven_encrypted(text: &str, start: usize, end: usize) -> bool {
    let inner = &text[start + 1..end - 1];
    let body = inner.trim_end_matches('=');
    let bytes = body.as_bytes();
    bytes.iter().any(u8::is_ascii_uppercase)
        && bytes.iter().any(u8::is_ascii_lowercase)
        && bytes.iter().any(u8::is_ascii_digit)
        && crate::detect::engine(false)
            .decode(body)
            .is_ok_and(|d| d.len() >= 16)
}

/// Recovery codes: each code of the list has the same shape (the lengths
/// of its two halves), and the codes have letters and digits in them
/// (dates, version ranges and phone numbers have no letters).
pub(super) fn recovery_codes(text: &str, start: usize, end: usize) -> bool {
    let list = &text[start..end];
    let mut codes = list
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|c| !c.is_empty());
    let Some(first) = codes.next() else {
        return false;
    };
    let shape = |code: &str| code.split_once('-').map(|(a, b)| (a.len(), b.len()));
    let want = shape(first);
    let letters = list.bytes().filter(u8::is_ascii_lowercase).count();
    let digits = list.bytes().filter(u8::is_ascii_digit).count();
    want.is_some() && codes.all(|c| shape(c) == want) && letters >= 6 && digits >= 6
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;
    use sha2::{Digest, Sha256};

    use crate::detect::tests::{check, rules_found};
    use crate::detect::vendor::vendor_of;

    /// Bytes that look random, from a seed (no RNG needed for a test).
    fn bytes(seed: u8, n: usize) -> Vec<u8> {
        (0..n)
            .map(|i| {
                let x = (i as u32 + 1).wrapping_mul(2_654_435_761) ^ (u32::from(seed) * 40_503);
                (x >> 13) as u8
            })
            .collect()
    }

    fn b64(b: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(b)
    }

    fn base58(data: &[u8]) -> String {
        const ALPHABET: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        let mut digits: Vec<u8> = Vec::new();
        for &byte in data {
            let mut carry = u32::from(byte);
            for d in &mut digits {
                carry += u32::from(*d) << 8;
                *d = (carry % 58) as u8;
                carry /= 58;
            }
            while carry > 0 {
                digits.push((carry % 58) as u8);
                carry /= 58;
            }
        }
        let zeros = data.iter().take_while(|&&b| b == 0).count();
        let mut out = "1".repeat(zeros);
        out.extend(
            digits
                .iter()
                .rev()
                .map(|&d| char::from(ALPHABET[usize::from(d)])),
        );
        out
    }

    fn bip38_key(seed: u8, flag: u8) -> String {
        // The flag byte: `0xe0` or `0xc0` for a key not EC-multiplied
        // (compressed or not), `0x20` or `0x00` for one that is.
        let flags = if flag == 0x42 { 0xe0 } else { 0x20 };
        let mut payload = vec![0x01, flag, flags];
        payload.extend(bytes(seed, 36));
        let sum = Sha256::digest(Sha256::digest(&payload));
        payload.extend(&sum[..4]);
        base58(&payload)
    }

    fn keytab(realm: &str, principal: &str) -> String {
        let mut entry = Vec::new();
        entry.extend(1u16.to_be_bytes());
        entry.extend((realm.len() as u16).to_be_bytes());
        entry.extend(realm.as_bytes());
        entry.extend((principal.len() as u16).to_be_bytes());
        entry.extend(principal.as_bytes());
        entry.extend(1u32.to_be_bytes()); // name type
        entry.extend(1_700_000_000u32.to_be_bytes()); // timestamp
        entry.push(3); // kvno
        entry.extend(18u16.to_be_bytes()); // aes256-cts
        entry.extend(32u16.to_be_bytes());
        entry.extend(bytes(9, 32));
        let mut file = vec![0x05, 0x02];
        file.extend((entry.len() as i32).to_be_bytes());
        file.extend(entry);
        b64(&file)
    }

    fn found(token: &str) -> bool {
        rules_found(&format!("value: {token} end")).contains(&"vendor-token".to_owned())
    }

    #[test]
    fn bip38_keys_are_found_by_their_checksum() {
        for (seed, flag) in [(1, 0x42), (2, 0x43), (3, 0x42)] {
            let key = bip38_key(seed, flag);
            assert!(key.starts_with("6P") && key.len() == 58, "{key}");
            assert_eq!(vendor_of(&key), Some("bip38"), "{key}");
            check(
                &format!("paper wallet {key}"),
                &format!("paper wallet [vendor-token:{key}]"),
            );
        }
        // One character changed: the checksum fails.
        let key = bip38_key(4, 0x42);
        let last = if key.ends_with('z') { 'y' } else { 'z' };
        let broken = format!("{}{last}", &key[..57]);
        assert_eq!(vendor_of(&broken), None);
    }

    #[test]
    fn keytabs_are_found_by_their_header_and_realm() {
        let tab = keytab("EXAMPLE.ORG", "host");
        assert!(tab.starts_with("BQIA"), "{tab}");
        assert_eq!(vendor_of(&tab), Some("kerberos-keytab"));
        assert!(found(&tab));
        // Base64 that starts the same way but holds no realm.
        let mut junk = vec![0x05, 0x02, 0, 0, 0, 40, 0, 0, 0, 0];
        junk.extend(bytes(5, 60));
        assert_eq!(vendor_of(&b64(&junk)), None);
    }

    #[test]
    fn biometric_templates_are_found_by_their_magic_and_version() {
        for (magic, version) in [
            (&b"FMR\0"[..], &b" 20\0"[..]),
            (b"FMR\0", b"030\0"),
            (b"FAC\0", b"010\0"),
            (b"IIR\0", b"020\0"),
        ] {
            let mut record = magic.to_vec();
            record.extend(version);
            record.extend(bytes(7, 120));
            let t = b64(&record);
            assert_eq!(vendor_of(&t), Some("biometric-template"), "{t}");
        }
        // `FMR` and no version: text that starts with the same letters.
        let prose = b64(b"FMR\0 is what the doc calls the record; nothing else here, really.");
        assert_eq!(vendor_of(&prose), None);
    }

    #[test]
    fn verifiers_and_hashes_are_found_by_their_format() {
        let salt = b64(&bytes(1, 16));
        let stored = b64(&bytes(2, 32));
        let server = b64(&bytes(3, 32));
        let scram = format!("SCRAM-SHA-256$4096:{salt}${stored}:{server}");
        check(
            &format!("rolpassword {scram}"),
            &format!("rolpassword [vendor-token:{scram}]"),
        );
        let mysql = "*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19";
        check(
            &format!("authentication_string: {mysql}"),
            &format!("authentication_string: [vendor-token:{mysql}]"),
        );
        let maven = format!("{{{}}}", b64(&bytes(4, 32)));
        assert_eq!(vendor_of(&maven), Some("maven-encrypted"));
        check(
            &format!("<password>{maven}</password>"),
            &format!("<password>[vendor-token:{maven}]</password>"),
        );
        let django = "django-insecure-k5(ir)7y!m@$_-w2#q)x9&uv=+t^z*8c(j)o3%e&d)b6n4#p";
        check(
            &format!("<Data Name=\"SecretKey\">{django}</Data>"),
            &format!("<Data Name=\"SecretKey\">[vendor-token:{django}]</Data>"),
        );
        let laravel = format!("base64:{}", b64(&bytes(5, 32)));
        assert_eq!(vendor_of(&laravel), Some("laravel-app-key"));
        assert!(found(&laravel));
    }

    #[test]
    fn keystore_fields_escaped_in_text_are_found() {
        let ct = "5f1c0e9a8b7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928170605f4e3";
        let mac = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
        for q in [r#"\""#, r#"\\\""#] {
            let text = format!(
                "keyfile: {{{q}ciphertext{q}:{q}{ct}{q},{q}kdf{q}:{q}scrypt{q},{q}mac{q}:{q}{mac}{q}}}"
            );
            let expected = text
                .replace(ct, &format!("[vendor-token:{ct}]"))
                .replace(mac, &format!("[vendor-token:{mac}]"));
            check(&text, &expected);
        }
        // A digest under another name stays.
        let text = format!(r#"{{\"sha256\":\"{ct}\"}}"#);
        check(&text, &text);
    }

    #[test]
    fn recovery_code_lists_are_found_whatever_joins_them() {
        let codes = [
            "nsri9-3hyxx",
            "k4iuw-ixywb",
            "z8rzq-nqsum",
            "j88ko-8hpjo",
            "1l0xh-y2n7x",
            "oussn-5vecw",
            "wznx9-h7a24",
            "ptes1-spaod",
        ];
        for sep in ["\n", " ", ", ", "\r\n"] {
            let list = codes.join(sep);
            check(
                &format!("codes:\n{list}\n"),
                &format!("codes:\n[vendor-token:{list}]\n"),
            );
        }
    }

    #[test]
    fn regression_near_misses_of_secret_formats_stay() {
        for text in [
            // A content hash in capitals, a commit id in bold.
            "sha1 2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19",
            "*2470c0c06dee42fd1618bb99005adca2ec9d1e19*",
            // A placeholder in braces and words in braces.
            "{AbcdefghijklmnopqrstuvWXyz}",
            "{TheQuickBrownFoxJumpsOverTheLazyDog}",
            // A content hash in base64 after `base64:` (64 bytes, not a key).
            "base64:q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeA==",
            // Ten short commit ids, kebab-case words, dates, version ranges.
            "3f2a9c1 8bd0e44 a91c0de 77e1f0a 0c3b2d1 e5f6a7b 9a8b7c6 d4e3f21 6b5a4c3 2e1f0a9",
            "build-steps, test-suite, lint-check, docs-build, bench-suite, image-push",
            "2024-0601 2024-0602 2024-0603 2024-0604 2024-0605 2024-0606",
            // A Vault accessor, a dotted name, a Twilio account SID.
            "accessor Qw7rT2yUi9oPa3sDf6gHj1kL",
            "com.acme.s.AbcdefGhijklMnopqrStuv12",
            "AC0f3e5d7c9b1a2f4e6d8c0b2a4f6e8d0c",
        ] {
            assert!(
                !rules_found(text).contains(&"vendor-token".to_owned()),
                "{text}"
            );
        }
    }
}
