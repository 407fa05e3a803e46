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
