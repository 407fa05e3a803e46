//! Random pieces and check-digit schemes the kinds are built from. Every
//! national identifier carries the check digits its issuer specifies, so a
//! scrubber that validates them has something to validate.

use rand::Rng;
use rand::rngs::StdRng;

pub use crate::scoring::r#gen::*;

pub const DIGITS: &str = "0123456789";

/// ICAO 9303 check digit (weights 7, 3, 1) over an MRZ field.
pub fn mrz_check(s: &str) -> char {
    let w = [7, 3, 1];
    let sum: u32 = s
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let v = match c {
                '0'..='9' => c as u32 - '0' as u32,
                'A'..='Z' => c as u32 - 'A' as u32 + 10,
                _ => 0,
            };
            v * w[i % 3]
        })
        .sum();
    char::from_digit(sum % 10, 10).unwrap_or('0')
}

/// IBAN check digits for a country and BBAN.
pub fn iban(country: &str, bban: &str) -> String {
    let rearranged = format!("{bban}{country}00");
    let mut rem: u64 = 0;
    for c in rearranged.chars() {
        let v = if c.is_ascii_digit() {
            c as u64 - '0' as u64
        } else {
            c.to_ascii_uppercase() as u64 - 'A' as u64 + 10
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    format!("{country}{:02}{bban}", 98 - rem)
}

/// Groups of four, as IBANs are printed.
pub fn spaced4(s: &str) -> String {
    s.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A birth date: (year, month, day).
pub fn birth(r: &mut StdRng) -> (u32, u32, u32) {
    (
        r.random_range(1940..2005),
        r.random_range(1..13),
        r.random_range(1..29),
    )
}

/// A DER length prefix (`0x82 hi lo` for lengths above 255).
pub fn der_len(n: usize) -> Vec<u8> {
    if n < 128 {
        vec![n as u8]
    } else if n < 256 {
        vec![0x81, n as u8]
    } else {
        vec![0x82, (n >> 8) as u8, n as u8]
    }
}

pub fn der(tag: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    out.extend(der_len(body.len()));
    out.extend_from_slice(body);
    out
}

/// Base64 wrapped at 64 columns, as PEM bodies are.
pub fn wrap64(s: &str) -> String {
    s.as_bytes()
        .chunks(64)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}
