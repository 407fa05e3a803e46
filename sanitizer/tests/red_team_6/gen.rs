//! Random pieces, encoders and check-digit schemes the sixth corpus is
//! built from. Identifiers carry the check digits their issuers (or the
//! validators everyone uses for them) publish; near-misses break them.

#![allow(dead_code)]

use rand::Rng;
use rand::rngs::StdRng;

pub use crate::scoring::r#gen::*;

/// Day, month and year of a birth date between 1950 and 2004.
pub fn birth(r: &mut StdRng) -> (u32, u32, u32) {
    (
        r.random_range(1..29),
        r.random_range(1..13),
        r.random_range(1950..2005),
    )
}

/// `c` when `ok`, otherwise another digit (a failing check).
pub fn fix(r: &mut StdRng, c: u32, ok: bool) -> u32 {
    if ok {
        c
    } else {
        (c + r.random_range(1..10)) % 10
    }
}

/// Days from 1970-01-01 to `y-m-d` (proleptic Gregorian).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Day of the year (1-based) of `y-m-d`.
pub fn day_of_year(y: u32, m: u32, d: u32) -> u32 {
    (days_from_civil(i64::from(y), m, d) - days_from_civil(i64::from(y), 1, 1) + 1) as u32
}

/// RFC 4648 base32 with padding.
pub fn base32(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    for chunk in bytes.chunks(5) {
        let mut buf = [0u8; 5];
        buf[..chunk.len()].copy_from_slice(chunk);
        let n = buf.iter().fold(0u64, |a, b| (a << 8) | u64::from(*b));
        let chars = (chunk.len() * 8).div_ceil(5);
        for i in 0..8 {
            if i < chars {
                out.push(A[((n >> (35 - i * 5)) & 31) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// People of many places, written as they write their own names.
pub const NAMES: &[&str] = &[
    "Ingrid Haugland",
    "Tomás Ó Súilleabháin",
    "Ewa Wróblewska",
    "Dovilė Kazlauskienė",
    "Szabó Eszter",
    "Ximena Quispe Mamani",
    "Juan Camilo Restrepo",
    "Yerlan Nurpeisov",
    "Олена Коваленко",
    "Анна Сергеевна Иванова",
    "Γεώργιος Παπαδόπουλος",
    "佐藤 美咲",
    "王建国",
    "박서연",
    "Nimal Perera",
    "Fatima Zahra El Idrissi",
    "יעל כהן",
    "Thandiwe Mokoena",
    "Margarida Conceição",
    "Ruairí Mac Giolla",
];

pub fn name(r: &mut StdRng) -> String {
    pick(r, NAMES).to_owned()
}
