//! Random pieces, encoders and check-digit schemes the fourth corpus is
//! built from. Every identifier carries the check digits its issuer
//! specifies; the near-misses break them on purpose.

use rand::Rng;
use rand::rngs::StdRng;

pub use crate::scoring::r#gen::*;

/// Day, month and two-digit year of a birth date between 1940 and 2005.
pub fn birth(r: &mut StdRng) -> (u32, u32, u32) {
    let y = r.random_range(1940..2006);
    (r.random_range(1..29), r.random_range(1..13), y)
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
