//! Identifiers of the Americas that the other validators leave out: the
//! US employer identification number (EIN) and Medicare beneficiary
//! identifier (MBI), the Ontario health card number, the Uruguayan
//! cédula de identidad, the Brazilian PIS/PASEP/NIT, the British Columbia
//! personal health number and the US alien registration number.
//!
//! Each takes the written value (letters, digits, and separators between
//! groups) and says whether it is one, as its issuer writes it.

use super::written::{Written, all_same, digits_in, luhn, pair, weighted};

/// EIN prefixes the IRS has never assigned (the others belong to a
/// campus, the internet or the SBA). Source: the IRS page "How EINs are
/// assigned and valid EIN prefixes", as the `stdnum` `us/ein` module and
/// the `ein` crate list them.
const EIN_UNASSIGNED: [u32; 17] = [
    0, 7, 8, 9, 17, 18, 19, 28, 29, 49, 69, 70, 78, 79, 89, 96, 97,
];

/// US employer identification number, `12-3456789` or nine bare digits:
/// an assigned prefix (there is no check digit).
pub(crate) fn us_ein(s: &str) -> bool {
    digits_in(s, 9, &[&[2, 7]])
        .is_some_and(|ds| !all_same(&ds) && !EIN_UNASSIGNED.contains(&pair(&ds, 0)))
}

/// US ABA routing transit number, nine bare digits: a Federal Reserve
/// prefix (`00`-`12` banks, `21`-`32` thrifts, `61`-`72` electronic, `80`
/// traveller's cheques) and the 3-7-1 weighted check, sum mod 10 = 0.
/// Source: ABA, "Routing Number Policy and Procedures".
pub(crate) fn us_aba(s: &str) -> bool {
    let Some(ds) = digits_in(s, 9, &[]) else {
        return false;
    };
    let prefix = pair(&ds, 0);
    let assigned = matches!(prefix, 0..=12 | 21..=32 | 61..=72 | 80);
    let sum: u32 = ds.chunks(3).map(|c| 3 * c[0] + 7 * c[1] + c[2]).sum();
    assigned && sum % 10 == 0 && !all_same(&ds)
}

/// Letters an MBI uses: A to Z without S, L, O, I, B and Z.
fn mbi_letter(b: u8) -> bool {
    b.is_ascii_uppercase() && !b"SLOIBZ".contains(&b)
}

/// US Medicare beneficiary identifier, eleven characters (printed
/// `1EG4-TE5-MK73`): by position a digit 1-9, a letter, a letter or
/// digit, a digit, a letter, a letter or digit, a digit, two letters, two
/// digits; the letters never S, L, O, I, B, Z. Source: CMS, "Understanding
/// the Medicare Beneficiary Identifier (MBI) format".
pub(crate) fn us_mbi(s: &str) -> bool {
    let Some(w) = Written::read(s) else {
        return false;
    };
    if w.chars.len() != 11 || !w.laid_out(&[&[4, 3, 4]]) {
        return false;
    }
    let c = &w.chars;
    let digit = |i: usize| c[i].is_ascii_digit();
    let letter = |i: usize| mbi_letter(c[i]);
    let either = |i: usize| digit(i) || letter(i);
    matches!(c[0], b'1'..=b'9')
        && letter(1)
        && either(2)
        && digit(3)
        && letter(4)
        && either(5)
        && digit(6)
        && letter(7)
        && letter(8)
        && digit(9)
        && digit(10)
}

/// Ontario health card number: ten digits, Luhn valid (the Ministry of
/// Health's check, "similar to the LUHN formula of ANSI X4.13"), printed
/// `1234-567-890` and often followed by its one or two letter version
/// code (`1234-567-890-AB`, `1234567890AB`).
pub(crate) fn ca_on_health(s: &str) -> bool {
    let Some(w) = Written::read(s) else {
        return false;
    };
    let letters = w
        .chars
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_uppercase())
        .count();
    let layouts: &[&[usize]] = match letters {
        0 => &[&[4, 3, 3]],
        1 => &[&[4, 3, 3, 1], &[10, 1], &[4, 3, 4]],
        2 => &[&[4, 3, 3, 2], &[10, 2], &[4, 3, 5]],
        _ => return false,
    };
    if w.chars.len() != 10 + letters || !w.laid_out(layouts) {
        return false;
    }
    let Some(ds) = Written {
        chars: w.chars[..10].to_vec(),
        groups: vec![10],
    }
    .digits() else {
        return false;
    };
    ds[0] != 0 && !all_same(&ds) && luhn(&ds)
}

/// The check digit of a Uruguayan cédula's seven digits (a six-digit one
/// with a 0 in front): weights 2, 9, 8, 7, 6, 3, 4, and ten minus the
/// sum mod 10. Source: `stdnum` `uy/cedula`, the `ci_uy` gem.
pub(crate) fn uy_check(ds: &[u32]) -> u32 {
    (10 - weighted(ds, &[2, 9, 8, 7, 6, 3, 4]) % 10) % 10
}

/// Uruguayan cédula de identidad, `1.234.567-2` (or `123.456-7` for the
/// older six-digit numbers, `12345672`, `1234567-2`): the check digit.
pub(crate) fn uy_cedula(s: &str) -> bool {
    let Some(w) = Written::read(s) else {
        return false;
    };
    // Seven bare digits are as often a build or order number: the older
    // six-digit cédulas are taken with their separators only.
    let layouts: &[&[usize]] = match (w.chars.len(), w.groups.len()) {
        (8, _) => &[&[1, 3, 3, 1], &[7, 1], &[1, 3, 4]],
        (7, 2..) => &[&[3, 3, 1], &[6, 1], &[3, 4]],
        _ => return false,
    };
    if !w.laid_out(layouts) {
        return false;
    }
    let Some(mut ds) = w.digits() else {
        return false;
    };
    if ds.len() == 7 {
        ds.insert(0, 0);
    }
    let body = &ds[..7];
    body.iter().any(|d| *d != 0) && !all_same(&ds) && uy_check(body) == ds[7]
}

/// The check digit of a PIS/PASEP/NIT's first ten digits: weights 3, 2,
/// 9 ... 2, eleven minus the sum mod 11, 10 and 11 written 0. Source:
/// `brazilian-utils` `pis` ("digit = 11 - (weightedSum % 11); if result is
/// 10 or 11, digit becomes 0").
pub(crate) fn pis_check(ds: &[u32]) -> u32 {
    match 11 - weighted(ds, &[3, 2, 9, 8, 7, 6, 5, 4, 3, 2]) % 11 {
        10 | 11 => 0,
        d => d,
    }
}

/// Brazilian PIS/PASEP/NIT/NIS, `123.45678.90-1` or eleven bare digits:
/// the check digit.
pub(crate) fn br_pis(s: &str) -> bool {
    digits_in(s, 11, &[&[3, 5, 2, 1], &[10, 1]])
        .is_some_and(|ds| !all_same(&ds) && pis_check(&ds[..10]) == ds[10])
}

/// British Columbia personal health number (PHN, on the BC Services
/// Card), ten digits starting with 9 (`9123 456 789`): the second to
/// ninth weighted 2, 4, 8, 5, 10, 9, 7, 3, eleven minus the sum mod 11 is
/// the last (never 10 or 11). Source: BC Ministry of Health, "PHN check
/// digit" (Teleplan specifications).
pub(crate) fn ca_bc_phn(s: &str) -> bool {
    digits_in(s, 10, &[&[4, 3, 3]]).is_some_and(|ds| {
        let check = 11 - weighted(&ds[1..9], &[2, 4, 8, 5, 10, 9, 7, 3]) % 11;
        ds[0] == 9 && !all_same(&ds[1..]) && check == ds[9]
    })
}

/// US alien registration number (USCIS A-number): `A` and eight or nine
/// digits, bare or grouped (`A-123-456-789`, `A 12345678`). There is no
/// published check digit: the letter and the count are the shape.
/// Source: USCIS, "A-Number" in its glossary and Form I-485 instructions.
pub(crate) fn us_a_number(s: &str) -> bool {
    let Some(w) = Written::read(s) else {
        return false;
    };
    let c = &w.chars;
    let n = c.len();
    if !(9..=10).contains(&n) || c[0] != b'A' {
        return false;
    }
    let layouts: &[&[usize]] = if n == 10 {
        &[&[1, 9], &[1, 3, 3, 3]]
    } else {
        &[&[1, 8], &[1, 2, 3, 3]]
    };
    let digits = Written {
        chars: c[1..].to_vec(),
        groups: vec![n - 1],
    }
    .digits();
    w.laid_out(layouts) && digits.is_some_and(|ds| ds.iter().any(|d| *d != 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(s: &str) -> Vec<u32> {
        s.bytes().map(|b| u32::from(b - b'0')).collect()
    }

    #[test]
    fn eins_have_an_assigned_prefix() {
        assert!(us_ein("12-3456789"));
        assert!(us_ein("123456789"));
        assert!(us_ein("98 7654321"));
        for bad in [
            "07-3456789",
            "00-1234567",
            "97-1234567",
            "1-23456789",
            "12-345678",
            "11-1111111",
        ] {
            assert!(!us_ein(bad), "{bad}");
        }
    }

    #[test]
    fn mbis_follow_their_character_classes() {
        // CMS's example.
        assert!(us_mbi("1EG4-TE5-MK73"));
        assert!(us_mbi("1EG4TE5MK73"));
        assert!(us_mbi("1eg4te5mk73"));
        // An excluded letter, a leading zero, a digit where a letter goes.
        for bad in [
            "1SG4-TE5-MK73",
            "0EG4-TE5-MK73",
            "1EG4-TE5-M173",
            "1EG4-TE5-MK7",
            "1EG-4TE5-MK73",
        ] {
            assert!(!us_mbi(bad), "{bad}");
        }
    }

    #[test]
    fn ontario_health_numbers_with_and_without_version_codes() {
        // 1234567897: Luhn over 123456789 gives 7.
        assert!(luhn(&digits("1234567897")));
        for ok in [
            "1234-567-897",
            "1234567897",
            "1234-567-897-AB",
            "1234 567 897 K",
            "1234567897AB",
        ] {
            assert!(ca_on_health(ok), "{ok}");
        }
        for bad in [
            "1234-567-898",
            "1234-567-897-ABC",
            "123-4567-897",
            "0234-567-891",
            "1234-567-897-1",
        ] {
            assert!(!ca_on_health(bad), "{bad}");
        }
    }

    #[test]
    fn uruguayan_cedulas_carry_their_check_digit() {
        // stdnum's example: 1.234.567-2.
        assert_eq!(uy_check(&digits("1234567")), 2);
        for ok in ["1.234.567-2", "12345672", "1234567-2", "1.234.5672"] {
            assert!(uy_cedula(ok), "{ok}");
        }
        // A six-digit one: 0123456 gives 2*0+9*1+8*2+7*3+6*4+3*5+4*6 = 109, check 1.
        assert!(uy_cedula("123.456-1"));
        for bad in [
            "1.234.567-3",
            "12.34.567-2",
            "0.000.000-0",
            "123",
            "1234561",
        ] {
            assert!(!uy_cedula(bad), "{bad}");
        }
    }

    #[test]
    fn pis_numbers_carry_their_check_digit() {
        // 1200000000: 3*1 + 2*2 = 7, 11 - 7 = 4.
        assert_eq!(pis_check(&digits("1200000000")), 4);
        assert!(br_pis("120.00000.00-4"));
        assert!(br_pis("12000000004"));
        assert!(br_pis("1200000000-4"));
        assert!(!br_pis("120.00000.00-5"));
        assert!(!br_pis("11111111111"));
        assert!(!br_pis("120.000.000-04"));
    }

    #[test]
    fn bc_phns_and_a_numbers() {
        // 9123456789? 2*1+4*2+8*3+5*4+10*5+9*6+7*7+3*8 = 231, 231 % 11 = 0:
        // no check digit; 912345678x with body 12345678 fails, so another:
        // 9876543210 -> 2*8+4*7+8*6+5*5+10*4+9*3+7*2+3*1 = 201, 201 % 11 = 3,
        // check 8.
        assert!(ca_bc_phn("9876 543 218"));
        assert!(ca_bc_phn("9876543218"));
        assert!(!ca_bc_phn("9876543219"));
        assert!(!ca_bc_phn("8876543218"));
        for ok in ["A123456789", "A-123-456-789", "A12345678", "a 123456789"] {
            assert!(us_a_number(ok), "{ok}");
        }
        for bad in ["A1234567", "B123456789", "A000000000", "A12-3456789"] {
            assert!(!us_a_number(bad), "{bad}");
        }
    }
}
