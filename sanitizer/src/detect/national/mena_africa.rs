//! Identifiers of the Middle East and Africa that the other validators
//! leave out: the Iranian national code (کد ملی), the Saudi national id and
//! iqama number, the Egyptian national id (الرقم القومي), the Nigerian
//! NIN and BVN, and the Kenyan KRA PIN.

use super::written::{Written, all_same, birth_day, digits_in, luhn, pair, weighted};

/// The check digit of an Iranian national code's first nine digits:
/// weights 10 down to 2, the sum mod 11; below 2 it is the check digit,
/// otherwise 11 minus it. Sources: the Iranian national code validators
/// collected by Ebrahim Byagowi (public domain) and others.
pub(crate) fn ir_check(ds: &[u32]) -> u32 {
    match weighted(ds, &[10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11 {
        r if r < 2 => r,
        r => 11 - r,
    }
}

/// Iranian national code (کد ملی, code melli), ten digits (written
/// `123-456789-0` too): the check digit, and not a run of one digit.
pub(crate) fn ir_national_code(s: &str) -> bool {
    digits_in(s, 10, &[&[3, 6, 1]]).is_some_and(|ds| {
        !all_same(&ds) && ds[3..9].iter().any(|d| *d != 0) && ir_check(&ds[..9]) == ds[9]
    })
}

/// Saudi national id (first digit 1) or iqama, the resident's id (first
/// digit 2), ten digits: Luhn valid. Sources: the `saudi-id-validator`
/// packages ("the validation formula is based on Luhn algorithm").
pub(crate) fn sa_national_id(s: &str) -> bool {
    digits_in(s, 10, &[]).is_some_and(|ds| matches!(ds[0], 1 | 2) && luhn(&ds))
}

/// Egyptian governorate codes (digits 8 and 9 of a national id), 88 for
/// those born abroad.
fn eg_governorate(code: u32) -> bool {
    matches!(code, 1..=4 | 11..=19 | 21..=29 | 31..=35 | 88)
}

/// The last digit of an Egyptian national id as the open-source
/// validators compute it (the issuer publishes no scheme): weights 2, 7,
/// 6, 5, 4, 3, 2, 7, ... over the first thirteen digits, eleven minus the
/// sum mod 11, mod 10.
pub(crate) fn eg_check(ds: &[u32]) -> u32 {
    (11 - weighted(ds, &[2, 7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11) % 10
}

/// Egyptian national id, fourteen digits `C YYMMDD GG SSSS X`: a century
/// (2 for 1900-1999, 3 for 2000-2099), a date of birth and a governorate
/// code. With `checked`, the last digit must be [`eg_check`]'s too.
pub(crate) fn eg_national_id(s: &str, checked: bool) -> bool {
    digits_in(s, 14, &[&[1, 6, 2, 4, 1]]).is_some_and(|ds| {
        matches!(ds[0], 2 | 3)
            && birth_day(pair(&ds, 3), pair(&ds, 5))
            && eg_governorate(pair(&ds, 7))
            && (!checked || eg_check(&ds[..13]) == ds[13])
    })
}

/// Nigerian NIN or BVN, eleven digits with no public check digit.
pub(crate) fn ng_nin(s: &str) -> bool {
    digits_in(s, 11, &[]).is_some_and(|ds| !all_same(&ds))
}

/// Kenyan KRA PIN, `A` (a person) or `P` (a company), nine digits and a
/// letter. Source: `stdnum` `ke/pin`.
pub(crate) fn ke_kra_pin(s: &str) -> bool {
    let Some(w) = Written::read(s) else {
        return false;
    };
    let c = &w.chars;
    c.len() == 11
        && w.groups.len() == 1
        && matches!(c[0], b'A' | b'P')
        && c[1..10].iter().all(u8::is_ascii_digit)
        && c[10].is_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(s: &str) -> Vec<u32> {
        s.bytes().map(|b| u32::from(b - b'0')).collect()
    }

    #[test]
    fn iranian_codes_carry_their_mod_11_check() {
        // An example of the public validators: 4398013083 (4*10 + 3*9 +
        // 9*8 + 8*7 + 1*5 + 3*4 + 8*2 = 228, 228 mod 11 = 8, 11 - 8 = 3).
        assert!(ir_national_code("4398013083"));
        assert!(ir_national_code("439-801308-3"));
        assert!(!ir_national_code("4398013084"));
        // A remainder below 2 is the check digit itself: 100000001 gives
        // 10 + 2 = 12, 12 mod 11 = 1.
        assert!(ir_national_code("1000000011"));
        assert!(!ir_national_code("1111111111"));
        assert!(!ir_national_code("599861377"));
    }

    #[test]
    fn saudi_ids_start_with_1_or_2_and_pass_luhn() {
        // The validators' example: 1000000008.
        assert!(sa_national_id("1000000008"));
        assert!(!sa_national_id("1000000000"));
        // 3000000004 passes Luhn but no id starts with 3.
        assert!(luhn(&digits("3000000004")));
        assert!(!sa_national_id("3000000004"));
        assert!(!sa_national_id("100000000"));
    }

    #[test]
    fn egyptian_ids_hold_a_century_a_birth_date_and_a_governorate() {
        // Born 12 September 1990 in Dakahlia (12).
        let body = digits("2900912120181");
        let id = format!("2900912120181{}", eg_check(&body));
        assert!(eg_national_id(&id, true), "{id}");
        assert!(eg_national_id(&id, false));
        let wrong = format!("2900912120181{}", (eg_check(&body) + 1) % 10);
        assert!(!eg_national_id(&wrong, true));
        assert!(eg_national_id(&wrong, false));
        // A month 13, a governorate 50, a century 4.
        for bad in ["29013121201812", "29009125001812", "49009121201812"] {
            assert!(!eg_national_id(bad, false), "{bad}");
        }
    }

    #[test]
    fn nigerian_and_kenyan_numbers_by_shape() {
        assert!(ng_nin("22123456789"));
        assert!(!ng_nin("2212345678"));
        assert!(!ng_nin("11111111111"));
        assert!(ke_kra_pin("A001234567J"));
        assert!(ke_kra_pin("P051112223Z"));
        assert!(!ke_kra_pin("B001234567J"));
        assert!(!ke_kra_pin("A00123456J"));
    }
}
