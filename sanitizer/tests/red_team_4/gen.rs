//! Random pieces, encoders and check-digit schemes the fourth corpus is
//! built from. Every identifier carries the check digits its issuer
//! specifies; the near-misses break them on purpose.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use rand::Rng;
use rand::rngs::StdRng;

pub const ALNUM: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
pub const HEX: &str = "0123456789abcdef";
pub const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
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

/// Day, month and two-digit year of a birth date between 1940 and 2005.
pub fn birth(r: &mut StdRng) -> (u32, u32, u32) {
    let y = r.random_range(1940..2006);
    (r.random_range(1..29), r.random_range(1..13), y)
}

pub fn d2(n: u32) -> String {
    format!("{:02}", n % 100)
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

pub fn weighted(d: &[u32], w: &[u32]) -> u32 {
    d.iter().zip(w).map(|(a, b)| a * b).sum()
}

/// ISO 7064 MOD 11,10 check digit (Croatian OIB, German VAT).
pub fn mod11_10(d: &[u32]) -> u32 {
    let mut p = 10;
    for &x in d {
        let mut s = (x + p) % 10;
        if s == 0 {
            s = 10;
        }
        p = (s * 2) % 11;
    }
    (11 - p) % 10
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

/// An IBAN for `country` with a BBAN of `bban` (mod-97 check digits).
pub fn iban(country: &str, bban: &str) -> String {
    let moved = format!("{bban}{country}00");
    let mut rem: u64 = 0;
    for c in moved.chars() {
        let v = c.to_digit(36).unwrap_or(0) as u64;
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    format!("{country}{:02}{bban}", 98 - rem)
}

/// ABA routing check digit for 8 digits.
pub fn aba(d: &[u32]) -> u32 {
    (10 - weighted(d, &[3, 7, 1, 3, 7, 1, 3, 7]) % 10) % 10
}

pub const FIRST: &[&str] = &[
    "Anna", "Jonas", "Zofia", "Matteo", "Lucía", "Joana", "Sven", "Eero", "Dragan", "Ioanna",
    "Guðrún", "Wai Ling", "Somchai", "Aroha", "Olga", "Mehmet", "Priyanka", "Tomasz",
];
pub const LAST: &[&str] = &[
    "Kowalczyk",
    "Brouwer",
    "Esposito",
    "Fernández",
    "Carvalho",
    "Lindqvist",
    "Tamm",
    "Petrović",
    "Papadopoulou",
    "Jónsdóttir",
    "Chan",
    "Srisuk",
    "Ngata",
    "Smirnova",
    "Yılmaz",
    "Iyer",
    "Wiśniewski",
    "Haugland",
];
pub const STREETS: &[&str] = &[
    "ul. Długa 17/4",
    "Prinsengracht 263-2",
    "Via dei Mille 42",
    "Calle de Alcalá 118, 3º B",
    "Rua Augusta 274",
    "Drottninggatan 53",
    "Narva mnt 7-21",
    "Knez Mihailova 6",
    "Odos Ermou 31",
    "Laugavegur 22a",
];
