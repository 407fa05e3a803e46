//! National numbers that begin with their holder's date of birth and end
//! with a check digit or character: the Belgian national register number
//! (mod 97), the Finnish henkilötunnus (mod 31 check character), the
//! Swedish personnummer (Luhn), the South African identity number (Luhn),
//! and the UK NHS number (mod 11, no date).
//!
//! Written bare, these are numbers of 10 to 13 digits, which ids, phone
//! numbers and timestamps also are; so each is only taken in the shape it
//! is written in by people (the separators in their places: `85.07.30-033.28`,
//! `131052-308T`, `811228-9874`, `943 476 5919`) or, for South Africa's
//! thirteen digits, when the date, the citizenship digit and the Luhn digit
//! all hold (a millisecond timestamp or an EAN-13 barcode almost never
//! does). Every validator also wants the number to stand alone
//! ([`isolated`]), not as one group of a longer run of digit groups.

use super::{digit_values, isolated, real_date};
use crate::detect::validate::luhn_valid;

/// Whether `day` of `month` can be a day of birth in any year (leap years
/// allowed); day 0 and month 0 are not.
fn birth_day(month: u32, day: u32) -> bool {
    real_date(2000, month, day)
}

/// Two digits of `ds` from `at` as a number.
fn pair(ds: &[u32], at: usize) -> u32 {
    ds[at] * 10 + ds[at + 1]
}

/// Belgian national register number, `YY.MM.DD-SSS.CC` (or `YYMMDD-SSS-CC`,
/// `YYMMDD SSS CC`): `CC` is 97 minus the first nine digits mod 97 (born
/// before 2000), or the same with a 2 in front (born since). The month is
/// 0 or a real month, plus 20 or 40 for a *bis* number; the day 0 to 31.
pub(crate) fn be_national_number(text: &str, start: usize, end: usize) -> bool {
    let ds = digit_values(&text[start..end]);
    if ds.len() != 11 || !isolated(text, start, end) {
        return false;
    }
    let month = pair(&ds, 2) % 20;
    let day = pair(&ds, 4);
    let seq = ds[6] * 100 + ds[7] * 10 + ds[8];
    if month > 12 || day > 31 || !(1..=997).contains(&seq) {
        return false;
    }
    let body = ds[..9].iter().fold(0u64, |n, &d| n * 10 + u64::from(d));
    let check = u64::from(pair(&ds, 9));
    97 - body % 97 == check || 97 - (2_000_000_000 + body) % 97 == check
}

/// The check characters of a Finnish henkilötunnus, by the nine digits
/// mod 31.
const HETU_CHECK: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";

/// Finnish personal identity code (henkilötunnus), `DDMMYYCZZZQ`: a real
/// day and month, a century sign (`+`, `-`, `A`...`F`, `U`...`Y`), an
/// individual number 002 to 899, and the check character of the nine
/// digits mod 31.
pub(crate) fn fi_hetu(text: &str, start: usize, end: usize) -> bool {
    let b = &text.as_bytes()[start..end];
    if b.len() != 11 || !isolated(text, start, end) {
        return false;
    }
    let ds = digit_values(&text[start..start + 6]);
    let individual = digit_values(&text[start + 7..start + 10]);
    if ds.len() != 6 || individual.len() != 3 {
        return false;
    }
    let n = individual[0] * 100 + individual[1] * 10 + individual[2];
    let number = ds
        .iter()
        .chain(&individual)
        .fold(0u64, |acc, &d| acc * 10 + u64::from(d));
    birth_day(pair(&ds, 2), pair(&ds, 0))
        && (2..=999).contains(&n)
        && HETU_CHECK[(number % 31) as usize] == b[10]
}

/// Swedish personnummer, `YYMMDD-NNNC` or `YYYYMMDD-NNNC` (`+` for the
/// over-hundreds): a real month, a day of birth or a coordination number's
/// day (plus 60), and the Luhn digit of the last ten digits.
pub(crate) fn se_personnummer(text: &str, start: usize, end: usize) -> bool {
    let ds = digit_values(&text[start..end]);
    if !matches!(ds.len(), 10 | 12) || !isolated(text, start, end) {
        return false;
    }
    let ten = &ds[ds.len() - 10..];
    let day = pair(ten, 4);
    let day = if day > 60 { day - 60 } else { day };
    birth_day(pair(ten, 2), day) && luhn_of(ten)
}

/// Whether the digits `ds` pass the Luhn checksum.
fn luhn_of(ds: &[u32]) -> bool {
    let s: String = ds.iter().filter_map(|&d| char::from_digit(d, 10)).collect();
    luhn_valid(&s)
}

/// South African identity number, `YYMMDDSSSSCAZ` (perhaps grouped
/// `YYMMDD SSSS CAZ`): a real date of birth, a citizenship digit 0 to 2, an
/// `A` digit of 8 or 9, and the Luhn digit.
pub(crate) fn za_id(text: &str, start: usize, end: usize) -> bool {
    let ds = digit_values(&text[start..end]);
    ds.len() == 13
        && birth_day(pair(&ds, 2), pair(&ds, 4))
        && ds[10] <= 2
        && matches!(ds[11], 8 | 9)
        && luhn_of(&ds)
        && isolated(text, start, end)
}

/// UK NHS number, `ddd ddd dddd` (or with dashes): the check digit is 11
/// minus the weighted sum (10 down to 2) of the first nine mod 11, a
/// remainder of 10 is never issued, and all digits the same is a
/// placeholder.
pub(crate) fn uk_nhs(text: &str, start: usize, end: usize) -> bool {
    let ds = digit_values(&text[start..end]);
    if ds.len() != 10 || ds.windows(2).all(|w| w[0] == w[1]) || !isolated(text, start, end) {
        return false;
    }
    let sum: u32 = ds[..9].iter().zip((2..=10).rev()).map(|(d, w)| d * w).sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        c => c,
    };
    check == ds[9]
}
