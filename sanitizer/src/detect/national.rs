//! Validators of national identifiers and other personal numbers that carry
//! a check digit (or at least a structure strict enough to check): UK NINO,
//! Canadian SIN, French NIR, Spanish DNI/NIE, Italian codice fiscale, German
//! Steuer-ID, Indian Aadhaar and PAN, Brazilian CPF and CNPJ, Chinese
//! resident id, IMEI, VIN, and the magnetic stripe tracks of payment cards.
//!
//! The regexes in `kind.rs` find the shapes; these confirm them. Shapes that
//! are common by chance (a bare 9, 11 or 12 digit number) are only accepted
//! where the format makes them distinctive: separators in the usual places,
//! or a number standing alone, not inside a longer run of digit groups.

use super::validate::luhn_valid;

mod americas;
mod asia_pacific;
mod dated;
mod documents;
mod europe;
mod labelled;
mod latam;
mod mena_africa;
mod unlabelled;
mod written;

pub(crate) use dated::{be_national_number, fi_hetu, se_personnummer, uk_nhs, za_id};
pub(crate) use documents::{PATTERN as ID_DOCUMENT, id_document};
pub(crate) use labelled::{IdCheck, IdChecks};

/// The ASCII digits of `s` as numbers, ignoring everything else.
fn digit_values(s: &str) -> Vec<u32> {
    s.bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| u32::from(b - b'0'))
        .collect()
}

fn char_before(text: &str, start: usize) -> Option<char> {
    text[..start].chars().next_back()
}

fn char_after(text: &str, end: usize) -> Option<char> {
    text[end..].chars().next()
}

/// Characters that join the groups of a number written in groups.
fn is_group_joiner(c: char) -> bool {
    matches!(c, ' ' | '-' | '.' | '/')
}

/// Whether `start..end` stands alone: not glued to a letter or digit, and
/// not one group of a longer sequence of digit groups (`4111 1111 ...`,
/// `12.345.678`).
pub(crate) fn isolated(text: &str, start: usize, end: usize) -> bool {
    let before = char_before(text, start);
    let after = char_after(text, end);
    if before.is_some_and(|c| c.is_ascii_alphanumeric())
        || after.is_some_and(|c| c.is_ascii_alphanumeric())
    {
        return false;
    }
    let digit_before = |i: usize| char_before(text, i).is_some_and(|c| c.is_ascii_digit());
    let digit_after = |i: usize| char_after(text, i).is_some_and(|c| c.is_ascii_digit());
    let glued_before =
        before.is_some_and(|c| is_group_joiner(c) && digit_before(start - c.len_utf8()));
    let glued_after = after.is_some_and(|c| is_group_joiner(c) && digit_after(end + c.len_utf8()));
    !glued_before && !glued_after
}

/// Whether every separator in `span` (any non-alphanumeric character) is
/// the same one, or there are none.
fn one_separator(span: &str) -> bool {
    let mut seps = span.chars().filter(|c| !c.is_ascii_alphanumeric());
    match seps.next() {
        None => true,
        Some(first) => seps.all(|c| c == first),
    }
}

/// Whether all the digits of `ds` are the same (`111.111.111-11`), which
/// passes several checksums and is never issued.
fn all_same(ds: &[u32]) -> bool {
    ds.windows(2).all(|w| w[0] == w[1])
}

/// UK National Insurance number: `AB123456C`, `AB 12 34 56 C`. The regex
/// leaves out D, F, I, Q, U, V (and O in second place); some pairs are never
/// issued.
pub(crate) fn uk_nino(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    let prefix = &span[..2];
    !matches!(prefix, "BG" | "GB" | "NK" | "KN" | "TN" | "NT" | "ZZ")
        && digit_values(span).len() == 6
        && isolated(text, start, end)
}

/// Canadian social insurance number, `ddd ddd ddd` or `ddd-ddd-ddd`: Luhn
/// valid, not starting with 0 (fictitious) or 8 (business numbers).
pub(crate) fn ca_sin(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    !span.starts_with(['0', '8'])
        && one_separator(span)
        && luhn_valid(span)
        && isolated(text, start, end)
}

/// The French NIR key for the 13 characters `body` (Corsican departments
/// `2A`/`2B` count as 19 and 18), or `None` if `body` is not 13 digits.
pub(crate) fn fr_nir_key(body: &str) -> Option<u64> {
    if body.len() != 13 {
        return None;
    }
    let body = match &body[5..7] {
        "2A" => format!("{}19{}", &body[..5], &body[7..]),
        "2B" => format!("{}18{}", &body[..5], &body[7..]),
        _ => body.to_owned(),
    };
    let n: u64 = body.parse().ok()?;
    Some(97 - n % 97)
}

/// French social security number (NIR), 15 characters, often spaced
/// `1 84 12 76 451 089 46`: a plausible month and a valid key.
pub(crate) fn fr_nir(text: &str, start: usize, end: usize) -> bool {
    let compact: String = text[start..end].chars().filter(|c| *c != ' ').collect();
    if compact.len() != 15 || !isolated(text, start, end) {
        return false;
    }
    // The first digit is the holder's sex (1, 2) or a temporary number's
    // (7, 8): an IMEI (`35...`, `86...`) is not a NIR.
    if !matches!(compact.as_bytes()[0], b'1' | b'2' | b'7' | b'8') {
        return false;
    }
    let month: u32 = compact[3..5].parse().unwrap_or(0);
    let month_ok = matches!(month, 1..=12 | 20..=42 | 50..=99);
    let key: u64 = compact[13..].parse().unwrap_or(0);
    month_ok && fr_nir_key(&compact[..13]) == Some(key)
}

/// The letters of a Spanish DNI, by the number mod 23.
const DNI_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// The check letter of a Spanish DNI number (NIE numbers with `X`, `Y`, `Z`
/// read as 0, 1, 2).
pub(crate) fn es_dni_letter(number: u32) -> char {
    char::from(DNI_LETTERS[(number % 23) as usize])
}

/// Spanish DNI (`12345678Z`) or NIE (`X1234567L`), an optional `-` before
/// the letter: the letter must match the number.
pub(crate) fn es_dni(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    let letter = span.chars().next_back().unwrap_or(' ');
    let lead = match span.as_bytes()[0] {
        b'X' => 0,
        b'Y' => 1,
        b'Z' => 2,
        _ => 0,
    };
    let ds = digit_values(span);
    let number = ds.iter().fold(lead, |n, d| n * 10 + d);
    es_dni_letter(number) == letter && isolated(text, start, end)
}

/// The value of a codice fiscale character in an odd (1st, 3rd, ...)
/// position.
fn cf_odd(c: u8) -> u32 {
    const ODD: [u32; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
        23,
    ];
    match c {
        b'0'..=b'9' => ODD[usize::from(c - b'0')],
        b'A'..=b'Z' => ODD[usize::from(c - b'A')],
        _ => 0,
    }
}

/// The value of a codice fiscale character in an even position.
fn cf_even(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'A'..=b'Z' => u32::from(c - b'A'),
        _ => 0,
    }
}

/// The check character of the first 15 characters of an Italian codice
/// fiscale.
pub(crate) fn it_cf_check(body: &[u8]) -> char {
    let sum: u32 = body
        .iter()
        .enumerate()
        .map(|(i, &c)| if i % 2 == 0 { cf_odd(c) } else { cf_even(c) })
        .sum();
    char::from(b'A' + (sum % 26) as u8)
}

/// Reads a codice fiscale digit, which *omocodia* may have replaced with
/// one of `LMNPQRSTUV`.
fn cf_digit(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        _ => b"LMNPQRSTUV"
            .iter()
            .position(|&l| l == c)
            .and_then(|p| u32::try_from(p).ok()),
    }
}

/// Italian codice fiscale, 16 characters: a plausible day of birth (41-71
/// for women) and a valid check character.
pub(crate) fn it_codice_fiscale(text: &str, start: usize, end: usize) -> bool {
    let span = &text.as_bytes()[start..end];
    let day = cf_digit(span[9])
        .zip(cf_digit(span[10]))
        .map(|(a, b)| a * 10 + b);
    matches!(day, Some(1..=31 | 41..=71)) && char::from(span[15]) == it_cf_check(&span[..15])
}

/// The ISO 7064 MOD 11,10 check digit of the German tax id's first ten
/// digits.
pub(crate) fn de_tax_id_check(ds: &[u32]) -> u32 {
    let mut product = 10;
    for &d in ds {
        let mut sum = (d + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (sum * 2) % 11;
    }
    (11 - product) % 10
}

/// Whether the first ten digits of a German tax id follow the issuing rule:
/// exactly one digit occurs two or three times, every other at most once,
/// and a digit occurring three times is not in three positions in a row.
pub(crate) fn de_tax_id_digits_ok(ds: &[u32]) -> bool {
    let mut counts = [0u8; 10];
    for &d in ds {
        counts[d as usize] += 1;
    }
    let repeated: Vec<usize> = (0..10).filter(|&d| counts[d] > 1).collect();
    let [d] = repeated[..] else {
        return false;
    };
    match counts[d] {
        2 => true,
        3 => !ds.windows(3).any(|w| w.iter().all(|&x| x as usize == d)),
        _ => false,
    }
}

/// German tax identification number (Steuer-ID), 11 digits, compact or
/// `12 345 678 901`: first digit not 0, the digit-repetition rule, the
/// check digit, and standing alone.
pub(crate) fn de_tax_id(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    let ds = digit_values(span);
    let spaces = span.bytes().filter(|b| *b == b' ').count();
    ds.len() == 11
        && (spaces == 0 || spaces == 3)
        && de_tax_id_digits_ok(&ds[..10])
        && de_tax_id_check(&ds[..10]) == ds[10]
        && isolated(text, start, end)
}

/// The Verhoeff multiplication table.
const VERHOEFF_D: [[u8; 10]; 10] = [
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

/// The Verhoeff permutation table.
const VERHOEFF_P: [[u8; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/// Whether the digits `ds` (check digit last) pass the Verhoeff check.
pub(crate) fn verhoeff_valid(ds: &[u32]) -> bool {
    let mut c = 0u8;
    for (i, &d) in ds.iter().rev().enumerate() {
        c = VERHOEFF_D[usize::from(c)][usize::from(VERHOEFF_P[i % 8][d as usize])];
    }
    c == 0
}

/// Indian Aadhaar number, `dddd dddd dddd` or `dddd-dddd-dddd` (a bare 12
/// digit number is far likelier to be something else): first digit 2-9 (in
/// the regex), Verhoeff valid.
pub(crate) fn in_aadhaar(text: &str, start: usize, end: usize) -> bool {
    if !isolated(text, start, end) {
        return false;
    }
    let bare = text[start..end].bytes().all(|b| b.is_ascii_digit());
    if bare && !labelled_uid(&text[..start]) {
        return false;
    }
    let ds = digit_values(&text[start..end]);
    !all_same(&ds) && verhoeff_valid(&ds)
}

/// Whether `before` ends with a `uid` or `aadhaar` label and its separator
/// (`uid=`, `Uid:`, `"uid": "`, `UID: `, `uid,` in a CSV row's header is
/// not looked at).
fn labelled_uid(before: &str) -> bool {
    let label = before.trim_end_matches([' ', '"', '\'', ':', '=', '>', '\\']);
    if label.len() == before.len() {
        return false;
    }
    let lower = |n: usize| {
        label
            .get(label.len().saturating_sub(n)..)
            .map(str::to_ascii_lowercase)
    };
    let word_start = |n: usize| {
        label
            .as_bytes()
            .get(label.len().wrapping_sub(n + 1))
            .is_none_or(|b| !b.is_ascii_alphanumeric() && *b != b'_')
    };
    (lower(3).as_deref() == Some("uid") && word_start(3))
        || (lower(7).as_deref() == Some("aadhaar") && word_start(7))
}

/// Indian PAN, `ABCPE1234F`: the shape is all there is to check (the check
/// letter's algorithm is not public), and `0000` is never issued.
pub(crate) fn in_pan(text: &str, start: usize, end: usize) -> bool {
    end - start == 10 && &text[start + 5..start + 9] != "0000"
}

/// The two check digits of a Brazilian CPF's first nine digits.
pub(crate) fn br_cpf_checks(ds: &[u32]) -> (u32, u32) {
    let d1 = ds
        .iter()
        .zip((2..=10).rev())
        .map(|(d, w)| d * w)
        .sum::<u32>()
        * 10
        % 11
        % 10;
    let d2 = ds
        .iter()
        .chain(std::iter::once(&d1))
        .zip((2..=11).rev())
        .map(|(d, w)| d * w)
        .sum::<u32>()
        * 10
        % 11
        % 10;
    (d1, d2)
}

/// Brazilian CPF, `ddd.ddd.ddd-dd`: both check digits.
pub(crate) fn br_cpf(text: &str, start: usize, end: usize) -> bool {
    let ds = digit_values(&text[start..end]);
    ds.len() == 11
        && !all_same(&ds)
        && br_cpf_checks(&ds[..9]) == (ds[9], ds[10])
        && isolated(text, start, end)
}

/// The two check digits of a Brazilian CNPJ's first twelve characters
/// (digits, or since 2026 capital letters, each worth its ASCII code - 48).
pub(crate) fn br_cnpj_checks(body: &[u8]) -> (u32, u32) {
    let value = |c: &u8| u32::from(c.saturating_sub(b'0'));
    let check = |vals: &[u32]| {
        let sum: u32 = vals
            .iter()
            .rev()
            .enumerate()
            .map(|(i, v)| v * (2 + (i as u32 % 8)))
            .sum();
        let r = sum % 11;
        if r < 2 { 0 } else { 11 - r }
    };
    let mut vals: Vec<u32> = body.iter().map(value).collect();
    let d1 = check(&vals);
    vals.push(d1);
    (d1, check(&vals))
}

/// Brazilian CNPJ, `dd.ddd.ddd/dddd-dd`: both check digits.
pub(crate) fn br_cnpj(text: &str, start: usize, end: usize) -> bool {
    let chars: Vec<u8> = text[start..end]
        .bytes()
        .filter(u8::is_ascii_alphanumeric)
        .collect();
    if chars.len() != 14 || chars.windows(2).all(|w| w[0] == w[1]) {
        return false;
    }
    let (d1, d2) = br_cnpj_checks(&chars[..12]);
    u32::from(chars[12] - b'0') == d1
        && u32::from(chars[13] - b'0') == d2
        && isolated(text, start, end)
}

/// The check character of a Chinese resident id's first 17 digits (ISO 7064
/// MOD 11-2).
pub(crate) fn cn_id_check(ds: &[u32]) -> char {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = ds.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    char::from(b"10X98765432"[(sum % 11) as usize])
}

/// Whether `year-month-day` is a real date.
fn real_date(year: u32, month: u32, day: u32) -> bool {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Whether `s` (18 characters) is a valid Chinese resident id: a province
/// code in use, a real date of birth, and the check character.
pub(crate) fn cn_id_valid(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let ds: Vec<u32> = b[..17].iter().map(|c| u32::from(c - b'0')).collect();
    let province = ds[0] * 10 + ds[1];
    let province_ok = matches!(
        province,
        11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81..=83
    );
    let year = ds[6] * 1000 + ds[7] * 100 + ds[8] * 10 + ds[9];
    let month = ds[10] * 10 + ds[11];
    let day = ds[12] * 10 + ds[13];
    province_ok
        && (1900..=2099).contains(&year)
        && real_date(year, month, day)
        && char::from(b[17]).to_ascii_uppercase() == cn_id_check(&ds)
}

/// Chinese resident id, 18 characters.
pub(crate) fn cn_resident_id(text: &str, start: usize, end: usize) -> bool {
    cn_id_valid(&text[start..end]) && isolated(text, start, end)
}

/// Reporting body identifiers (the first two digits of an IMEI's type
/// allocation code) that issue handset IMEIs.
const IMEI_RBI: [u32; 16] = [
    1, 30, 33, 35, 44, 45, 49, 50, 51, 52, 53, 54, 86, 91, 98, 99,
];

/// IMEI, 15 digits, Luhn valid: bare only with a plausible reporting body,
/// any leading digits when written `dd-dddddd-dddddd-d`.
pub(crate) fn imei(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    let ds = digit_values(span);
    let grouped = span.len() > 15;
    ds.len() == 15
        && (grouped || IMEI_RBI.contains(&(ds[0] * 10 + ds[1])))
        && luhn_valid(span)
        && isolated(text, start, end)
}

/// A SIM card's ICCID: `89` (telecommunications), 19 or 20 digits in
/// all, Luhn valid, standing alone.
pub(crate) fn iccid(text: &str, start: usize, end: usize) -> bool {
    luhn_valid(&text[start..end]) && isolated(text, start, end)
}

/// The value of a VIN character in the check digit sum.
fn vin_value(c: u8) -> Option<u32> {
    Some(match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'A'..=b'H' => u32::from(c - b'A') + 1,
        b'J'..=b'N' => u32::from(c - b'J') + 1,
        b'P' => 7,
        b'R' => 9,
        b'S'..=b'Z' => u32::from(c - b'S') + 2,
        _ => return None,
    })
}

/// The check character (position 9) a VIN should have.
pub(crate) fn vin_check(vin: &[u8]) -> Option<char> {
    const WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    let mut sum = 0;
    for (&c, w) in vin.iter().zip(WEIGHTS) {
        sum += vin_value(c)? * w;
    }
    Some(match sum % 11 {
        10 => 'X',
        r => char::from_digit(r, 10)?,
    })
}

/// Vehicle identification number, 17 characters without I, O, Q, with a
/// valid ISO 3779 check character (position 9; required in North America,
/// and a 1 in 11 chance for anything else, so other VINs are left to their
/// labels), at least two letters and two digits (a 17-digit number is an
/// id, a 17-letter word is a word). ISO 3779 fixes nothing about the model
/// year or serial characters outside North America, so they are not
/// checked.
pub(crate) fn vin(text: &str, start: usize, end: usize) -> bool {
    let b = &text.as_bytes()[start..end];
    b.len() == 17
        && b.iter().filter(|c| c.is_ascii_uppercase()).count() >= 2
        && b.iter().filter(|c| c.is_ascii_digit()).count() >= 2
        && vin_check(b) == Some(char::from(b[8]))
}

/// Payment card magnetic stripe data: track 1 (`%B<PAN>^NAME^YYMM...?`) or
/// track 2 (`;<PAN>=YYMM...?`), the PAN Luhn valid. Without its start
/// sentinel a track 2 needs a real expiry month and service code.
pub(crate) fn card_track(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    let body = span.trim_start_matches(['%', ';', 'B']);
    let pan_len = body.bytes().take_while(u8::is_ascii_digit).count();
    if !(13..=19).contains(&pan_len) || !luhn_valid(&body[..pan_len]) {
        return false;
    }
    let sentinel = span.starts_with(['%', ';']);
    let track2 = body.as_bytes().get(pan_len) == Some(&b'=');
    if track2 && !sentinel {
        let rest = &body[pan_len + 1..];
        let month: u32 = rest.get(2..4).and_then(|m| m.parse().ok()).unwrap_or(0);
        return rest.len() >= 7
            && rest[..7].bytes().all(|b| b.is_ascii_digit())
            && (1..=12).contains(&month);
    }
    true
}

#[cfg(test)]
mod tests;
