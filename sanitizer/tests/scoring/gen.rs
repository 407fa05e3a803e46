//! Generators every corpus uses: alphabets, random strings, digits and
//! their check digits, encodings. A corpus's own `gen.rs` holds what only
//! it draws (birth dates, names, addresses).

#![allow(dead_code)]

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use rand::Rng;
use rand::rngs::StdRng;
use sha2::{Digest, Sha256};

pub const ALNUM: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

pub const HEX: &str = "0123456789abcdef";

pub const UHEX: &str = "0123456789ABCDEF";

pub const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

pub const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";

pub const LOWER_NUM: &str = "abcdefghijklmnopqrstuvwxyz0123456789";

pub const UPPER_NUM: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

pub const B64URL: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

pub const B64: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn from_set(r: &mut StdRng, set: &str, n: usize) -> String {
    let b = set.as_bytes();
    (0..n)
        .map(|_| b[r.random_range(0..b.len())] as char)
        .collect()
}

pub fn digits(r: &mut StdRng, n: usize) -> Vec<u32> {
    (0..n).map(|_| r.random_range(0..10)).collect()
}

pub fn join(d: &[u32]) -> String {
    d.iter()
        .map(|x| char::from_digit(*x, 10).unwrap_or('0'))
        .collect()
}

pub fn num(s: &str) -> Vec<u32> {
    s.chars().filter_map(|c| c.to_digit(10)).collect()
}

pub fn pick<'a>(r: &mut StdRng, xs: &[&'a str]) -> &'a str {
    xs[r.random_range(0..xs.len())]
}

pub fn b64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

pub fn b64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn bytes(r: &mut StdRng, n: usize) -> Vec<u8> {
    (0..n).map(|_| r.random()).collect()
}

pub fn uuid(r: &mut StdRng) -> String {
    let h = from_set(r, HEX, 32);
    format!(
        "{}-{}-4{}-a{}-{}",
        &h[..8],
        &h[8..12],
        &h[13..16],
        &h[17..20],
        &h[20..]
    )
}

pub fn sha256(data: &[u8]) -> Vec<u8> {
    Sha256::digest(data).to_vec()
}

/// Luhn check digit for `d` (the digit to append).
pub fn luhn_digit(d: &[u32]) -> u32 {
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &x)| {
            if i % 2 == 0 {
                let y = x * 2;
                if y > 9 { y - 9 } else { y }
            } else {
                x
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// Weighted sum of digits.
pub fn weighted(d: &[u32], w: &[u32]) -> u32 {
    d.iter().zip(w).map(|(a, b)| a * b).sum()
}

/// Base58 (bitcoin alphabet) of `bytes`.
pub fn base58(bytes: &[u8]) -> String {
    const A: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    let mut digits: Vec<u8> = vec![0];
    for &b in bytes {
        let mut carry = u32::from(b);
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
    let zeros = bytes.iter().take_while(|b| **b == 0).count();
    let mut out: String = std::iter::repeat_n('1', zeros).collect();
    out.extend(digits.iter().rev().map(|d| A[*d as usize] as char));
    out
}

pub fn d2(n: u32) -> String {
    format!("{:02}", n % 100)
}
