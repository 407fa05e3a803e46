//! Random building blocks and checksum algorithms for the corpus.
//!
//! Everything here is deterministic given the caller's [`StdRng`]. The
//! checksum functions implement the published algorithms (Luhn, ISO 7064,
//! Verhoeff, mod 97, ABA, ...) so that every planted identifier is one a
//! validating detector would accept; `tests` in `corpus.rs` pin each one to
//! a known-valid example.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use rand::Rng;
use rand::rngs::StdRng;
use sha2::{Digest, Sha256};

pub const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
pub const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";
pub const DIGITS: &str = "0123456789";
pub const HEX: &str = "0123456789abcdef";
pub const ALNUM: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
pub const ALPHA: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
pub const LOWER_ALNUM: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
pub const UPPER_ALNUM: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
/// The base64url alphabet, as most vendor tokens use.
pub const URLSAFE: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
pub const B64: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
pub const BASE32: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
pub const BASE58: &str = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// The BIP39 English word list (2048 words), as published in bitcoin/bips.
pub static BIP39: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    include_str!("bip39_english.txt")
        .split_whitespace()
        .collect()
});

/// One element of `items`, uniformly.
pub fn pick<'a, T: ?Sized>(rng: &mut StdRng, items: &[&'a T]) -> &'a T {
    items[rng.random_range(0..items.len())]
}

/// A length: a fixed number, or a range drawn from.
pub trait Len {
    fn draw(self, rng: &mut StdRng) -> usize;
}

impl Len for usize {
    fn draw(self, _: &mut StdRng) -> usize {
        self
    }
}

impl Len for i32 {
    fn draw(self, _: &mut StdRng) -> usize {
        usize::try_from(self).unwrap_or(0)
    }
}

impl Len for std::ops::Range<usize> {
    fn draw(self, rng: &mut StdRng) -> usize {
        rng.random_range(self)
    }
}

impl Len for std::ops::RangeInclusive<usize> {
    fn draw(self, rng: &mut StdRng) -> usize {
        rng.random_range(self)
    }
}

impl Len for std::ops::Range<i32> {
    fn draw(self, rng: &mut StdRng) -> usize {
        usize::try_from(rng.random_range(self)).unwrap_or(0)
    }
}

impl Len for std::ops::RangeInclusive<i32> {
    fn draw(self, rng: &mut StdRng) -> usize {
        usize::try_from(rng.random_range(self)).unwrap_or(0)
    }
}

/// `n` characters drawn from `set` (`n` a number or a range).
pub fn chars(rng: &mut StdRng, set: &str, n: impl Len) -> String {
    let n = n.draw(rng);
    let set = set.as_bytes();
    (0..n)
        .map(|_| char::from(set[rng.random_range(0..set.len())]))
        .collect()
}

/// `n` decimal digits.
pub fn digits(rng: &mut StdRng, n: impl Len) -> String {
    chars(rng, DIGITS, n)
}

/// `n` random bytes.
pub fn bytes(rng: &mut StdRng, n: impl Len) -> Vec<u8> {
    let n = n.draw(rng);
    (0..n).map(|_| rng.random::<u8>()).collect()
}

/// A number in `lo..=hi`, as a string with `width` digits (zero padded).
pub fn num(rng: &mut StdRng, lo: u64, hi: u64, width: usize) -> String {
    format!("{:0width$}", rng.random_range(lo..=hi))
}

/// True with probability `p`.
pub fn chance(rng: &mut StdRng, p: f64) -> bool {
    rng.random_bool(p)
}

pub fn b64(data: &[u8]) -> String {
    STANDARD.encode(data)
}

pub fn b64url(data: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(data)
}

pub fn hex(data: &[u8]) -> String {
    data.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// Percent-encodes everything but RFC 3986 unreserved characters, as
/// `encodeURIComponent` and most HTTP clients do for query values.
pub fn pct(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3 / 2);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Form encoding (`application/x-www-form-urlencoded`): spaces become `+`.
pub fn form(s: &str) -> String {
    pct(s).replace("%20", "+")
}

/// Escapes `'` for a single-quoted SQL literal.
pub fn sql_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Quotes a shell word when it needs it.
pub fn shell_quote(s: &str) -> String {
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./:@=+,".contains(c))
    {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Escapes XML text or attribute content.
pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The words of a `snake_case` key.
fn words(key: &str) -> Vec<String> {
    key.split(['_', '-', ' ', '.'])
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub fn camel(key: &str) -> String {
    let w = words(key);
    let mut out = w.first().cloned().unwrap_or_default();
    for word in w.iter().skip(1) {
        out.push_str(&capitalize(word));
    }
    out
}

pub fn pascal(key: &str) -> String {
    words(key).iter().map(|w| capitalize(w)).collect()
}

pub fn screaming(key: &str) -> String {
    words(key).join("_").to_ascii_uppercase()
}

pub fn kebab(key: &str) -> String {
    words(key).join("-")
}

/// `Header-Case` (`x_api_key` -> `X-Api-Key`).
pub fn header_case(key: &str) -> String {
    words(key)
        .iter()
        .map(|w| capitalize(w))
        .collect::<Vec<_>>()
        .join("-")
}

/// A key as different code bases spell it: mostly `snake_case`, also
/// `camelCase`, `PascalCase`, `SCREAMING_CASE` and `kebab-case`. Keys that
/// are not plain ASCII snake case (`mot_de_passe`, `hasło`) keep their
/// spelling most of the time.
pub fn key_case(rng: &mut StdRng, key: &str) -> String {
    if !key
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return key.to_owned();
    }
    match rng.random_range(0..10) {
        0..=4 => key.to_owned(),
        5 | 6 => camel(key),
        7 => pascal(key),
        8 => screaming(key),
        _ => kebab(key),
    }
}

// ---------------------------------------------------------------------------
// Checksums.
// ---------------------------------------------------------------------------

fn digit_values(s: &str) -> Vec<u32> {
    s.chars().filter_map(|c| c.to_digit(10)).collect()
}

/// The Luhn check digit that completes `partial`.
pub fn luhn_digit(partial: &str) -> u32 {
    let mut sum = 0;
    for (i, d) in digit_values(partial).iter().rev().enumerate() {
        let mut d = *d;
        if i % 2 == 0 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    (10 - sum % 10) % 10
}

/// Whether a digit string passes Luhn.
pub fn luhn_valid(number: &str) -> bool {
    let d = digit_values(number);
    match d.split_last() {
        Some((last, rest)) => {
            let partial: String = rest
                .iter()
                .map(|d| char::from_digit(*d, 10).unwrap_or('0'))
                .collect();
            luhn_digit(&partial) == *last
        }
        None => false,
    }
}

/// `partial` followed by its Luhn digit.
pub fn luhn_complete(partial: &str) -> String {
    format!("{partial}{}", luhn_digit(partial))
}

/// The value of an alphanumeric string mod 97, letters as 10..35 (IBAN).
fn mod97(s: &str) -> u32 {
    let mut rem: u32 = 0;
    for c in s.chars() {
        let v = c.to_digit(36).unwrap_or(0);
        if v >= 10 {
            rem = (rem * 100 + v) % 97;
        } else {
            rem = (rem * 10 + v) % 97;
        }
    }
    rem
}

/// An IBAN for `country` with the given BBAN, check digits computed.
pub fn iban(country: &str, bban: &str) -> String {
    let rearranged = format!("{bban}{country}00");
    let check = 98 - mod97(&rearranged);
    format!("{country}{check:02}{bban}")
}

/// Whether an IBAN (no spaces) has valid check digits.
pub fn iban_valid(iban: &str) -> bool {
    iban.len() > 4 && mod97(&format!("{}{}", &iban[4..], &iban[..4])) == 1
}

/// Groups a string in blocks of `n` separated by `sep`.
pub fn group(s: &str, n: usize, sep: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    chars
        .chunks(n)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(sep)
}

/// Verhoeff check digit (Aadhaar).
pub fn verhoeff_digit(partial: &str) -> u32 {
    const D: [[u8; 10]; 10] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
        [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
        [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
        [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
        [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
        [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
        [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
        [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ];
    const P: [[u8; 10]; 8] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
        [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
        [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
        [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
        [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
        [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
        [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
    ];
    const INV: [u8; 10] = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];
    let mut c = 0usize;
    for (i, d) in digit_values(partial).iter().rev().enumerate() {
        c = usize::from(D[c][usize::from(P[(i + 1) % 8][*d as usize])]);
    }
    u32::from(INV[c])
}

/// Whether a digit string passes Verhoeff.
pub fn verhoeff_valid(number: &str) -> bool {
    let d = digit_values(number);
    match d.split_last() {
        Some((last, rest)) => {
            let partial: String = rest
                .iter()
                .map(|d| char::from_digit(*d, 10).unwrap_or('0'))
                .collect();
            verhoeff_digit(&partial) == *last
        }
        None => false,
    }
}

/// ISO 7064 MOD 11,10 check digit (German Steuer-ID).
pub fn iso7064_mod11_10(partial: &str) -> u32 {
    let mut product = 10;
    for d in digit_values(partial) {
        let mut sum = (d + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (sum * 2) % 11;
    }
    (11 - product) % 10
}

/// ISO 7064 MOD 11-2 check character (Chinese resident id).
pub fn iso7064_mod11_2(partial: &str) -> char {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = digit_values(partial)
        .iter()
        .zip(W)
        .map(|(d, w)| d * w)
        .sum();
    char::from(b"10X98765432"[(sum % 11) as usize])
}

/// ABA routing number check: 3-7-1 weights, sum divisible by 10.
pub fn aba_digit(partial: &str) -> u32 {
    let d = digit_values(partial);
    let sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5]);
    (10 - sum % 10) % 10
}

/// The two Brazilian CPF check digits for nine digits.
pub fn cpf_digits(nine: &str) -> (u32, u32) {
    let d = digit_values(nine);
    let s1: u32 = d.iter().zip((2..=10).rev()).map(|(d, w)| d * w).sum();
    let c1 = match (s1 * 10) % 11 {
        10 => 0,
        v => v,
    };
    let s2: u32 = d
        .iter()
        .chain(std::iter::once(&c1))
        .zip((2..=11).rev())
        .map(|(d, w)| d * w)
        .sum();
    let c2 = match (s2 * 10) % 11 {
        10 => 0,
        v => v,
    };
    (c1, c2)
}

/// The Spanish DNI letter for a number.
pub fn dni_letter(n: u32) -> char {
    char::from(b"TRWAGMYFPDXBNJZSQVHLCKE"[(n % 23) as usize])
}

/// The check letter of an Italian codice fiscale (first 15 characters).
pub fn codice_fiscale_check(first15: &str) -> char {
    const ODD: [u32; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
        23,
    ];
    let mut sum = 0;
    for (i, c) in first15.chars().enumerate() {
        let v = match c {
            '0'..='9' => c as u32 - '0' as u32,
            _ => c as u32 - 'A' as u32,
        };
        // Positions are counted from 1: odd positions use the odd table.
        sum += if i % 2 == 0 { ODD[v as usize] } else { v };
    }
    char::from(b'A' + (sum % 26) as u8)
}

/// The VIN check digit (position 9) for a 17-character VIN.
pub fn vin_check(vin: &str) -> char {
    const W: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    let value = |c: char| -> u32 {
        match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A' | 'J' => 1,
            'B' | 'K' | 'S' => 2,
            'C' | 'L' | 'T' => 3,
            'D' | 'M' | 'U' => 4,
            'E' | 'N' | 'V' => 5,
            'F' | 'W' => 6,
            'G' | 'P' | 'X' => 7,
            'H' | 'Y' => 8,
            'R' | 'Z' => 9,
            _ => 0,
        }
    };
    let sum: u32 = vin.chars().zip(W).map(|(c, w)| value(c) * w).sum();
    match sum % 11 {
        10 => 'X',
        v => char::from_digit(v, 10).unwrap_or('0'),
    }
}

/// The French NIR key: 97 - (number mod 97).
pub fn nir_key(thirteen: &str) -> u32 {
    97 - mod97(thirteen)
}

/// Dutch BSN eleven-proof: the ninth digit for eight, or `None` if none fits.
pub fn bsn_digit(eight: &str) -> Option<u32> {
    let sum: u32 = digit_values(eight)
        .iter()
        .zip((2..=9).rev())
        .map(|(d, w)| d * w)
        .sum();
    let d = sum % 11;
    (d < 10).then_some(d)
}

/// Base58 encoding (Bitcoin alphabet).
pub fn base58(data: &[u8]) -> String {
    let zeros = data.iter().take_while(|b| **b == 0).count();
    let mut digits: Vec<u8> = Vec::new();
    for &byte in data {
        let mut carry = u32::from(byte);
        for d in digits.iter_mut() {
            carry += u32::from(*d) << 8;
            *d = (carry % 58) as u8;
            carry /= 58;
        }
        while carry > 0 {
            digits.push((carry % 58) as u8);
            carry /= 58;
        }
    }
    let alphabet = BASE58.as_bytes();
    std::iter::repeat_n('1', zeros)
        .chain(
            digits
                .iter()
                .rev()
                .map(|d| char::from(alphabet[usize::from(*d)])),
        )
        .collect()
}

/// Base58Check: payload, then the first four bytes of its double SHA-256.
pub fn base58check(payload: &[u8]) -> String {
    let check = sha256(&sha256(payload));
    let mut data = payload.to_vec();
    data.extend_from_slice(&check[..4]);
    base58(&data)
}

/// A BIP39 mnemonic with a valid checksum: 12 words (128 bits) or 24
/// words (256 bits).
pub fn bip39_mnemonic(rng: &mut StdRng, words: usize) -> String {
    let entropy = bytes(rng, if words == 24 { 32 } else { 16 });
    let check_bits = entropy.len() / 4;
    let hash = sha256(&entropy);
    let mut bits: Vec<bool> = Vec::with_capacity(entropy.len() * 8 + check_bits);
    for byte in entropy.iter().chain(std::iter::once(&hash[0])) {
        for i in (0..8).rev() {
            bits.push(byte >> i & 1 == 1);
        }
    }
    bits.truncate(entropy.len() * 8 + check_bits);
    bits.chunks(11)
        .map(|c| BIP39[c.iter().fold(0usize, |acc, b| acc << 1 | usize::from(*b))])
        .collect::<Vec<_>>()
        .join(" ")
}

/// A random (version 4) UUID.
pub fn uuid(rng: &mut StdRng) -> String {
    let h = hex(&bytes(rng, 16));
    format!(
        "{}-{}-4{}-{}{}-{}",
        &h[..8],
        &h[8..12],
        &h[13..16],
        pick(rng, &["8", "9", "a", "b"]),
        &h[17..20],
        &h[20..32]
    )
}

/// An RFC 3339 timestamp in 2024-2025.
pub fn timestamp(rng: &mut StdRng) -> String {
    format!(
        "202{}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        rng.random_range(4..=5),
        rng.random_range(1..=12),
        rng.random_range(1..=28),
        rng.random_range(0..24),
        rng.random_range(0..60),
        rng.random_range(0..60),
        rng.random_range(0..1000)
    )
}
