//! Identifiers of Europe and Central Asia that the other validators
//! leave out: the Polish REGON, the Lithuanian (and Estonian) personal
//! code, the Hungarian TAJ and tax identification numbers, the German
//! pension insurance number (RVNR) and health insurance number (KVNR),
//! the Portuguese Cartão de Cidadão, the Ukrainian RNOKPP and the Kazakh
//! IIN.
//!
//! Each takes the written value and says whether it is one, as its
//! issuer writes it, with the check digit its issuer publishes.

use super::written::{Written, all_same, birth_day, digits_in, pair, weighted};

/// Polish REGON, nine digits (weights 8, 9, 2, 3, 4, 5, 6, 7) or fourteen
/// for a local unit (weights 2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8, and
/// its first nine a REGON too): the sum mod 11, 10 written 0. Source: GUS,
/// `stdnum` `pl/regon`.
pub(crate) fn pl_regon(s: &str) -> bool {
    let check = |ds: &[u32], w: &[u32]| weighted(ds, w) % 11 % 10 == ds[w.len()];
    let nine = |ds: &[u32]| check(ds, &[8, 9, 2, 3, 4, 5, 6, 7]);
    if let Some(ds) = digits_in(s, 9, &[&[3, 3, 3]]) {
        return !all_same(&ds) && nine(&ds);
    }
    digits_in(s, 14, &[]).is_some_and(|ds| {
        !all_same(&ds) && nine(&ds) && check(&ds, &[2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8])
    })
}

/// The check digit of the first ten digits of a Lithuanian *asmens
/// kodas* or Estonian *isikukood*: weights 1-9, 1, the sum mod 11; if
/// that is 10, weights 3-9, 1-3; if that is 10 again, 0.
pub(crate) fn baltic_check(ds: &[u32]) -> u32 {
    let first = weighted(ds, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 1]) % 11;
    if first < 10 {
        return first;
    }
    match weighted(ds, &[3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 11 {
        10 => 0,
        c => c,
    }
}

/// Lithuanian personal code (*asmens kodas*, also the Estonian
/// *isikukood*), eleven digits: the century and sex (1-6), the date of
/// birth `YYMMDD`, a serial and the check digit. Source: the Lithuanian
/// standard LST 1185, `stdnum` `lt/asmens` and `ee/ik`.
pub(crate) fn lt_personal_code(s: &str) -> bool {
    digits_in(s, 11, &[]).is_some_and(|ds| {
        (1..=6).contains(&ds[0])
            && birth_day(pair(&ds, 3), pair(&ds, 5))
            && baltic_check(&ds) == ds[10]
    })
}

/// Hungarian TAJ number (*társadalombiztosítási azonosító jel*), nine
/// digits (`123 456 782`): the first eight weighted 3, 7, 3, 7, ..., the
/// sum mod 10. Source: the 1996. évi XX. törvény and NEAK's
/// description of the number.
pub(crate) fn hu_taj(s: &str) -> bool {
    digits_in(s, 9, &[&[3, 3, 3]])
        .is_some_and(|ds| !all_same(&ds) && weighted(&ds, &[3, 7, 3, 7, 3, 7, 3, 7]) % 10 == ds[8])
}

/// Hungarian tax identification number (*adóazonosító jel*), ten digits:
/// `8`, the days from 1 January 1867 to the date of birth, a serial, and
/// the check digit (weights 1-9, the sum mod 11, never 10). Source: the
/// 1996. évi XX. törvény, 5. §.
pub(crate) fn hu_tax(s: &str) -> bool {
    digits_in(s, 10, &[]).is_some_and(|ds| {
        let days = ds[1..6].iter().fold(0, |n, d| n * 10 + d);
        ds[0] == 8 && days > 0 && weighted(&ds, &[1, 2, 3, 4, 5, 6, 7, 8, 9]) % 11 == ds[9]
    })
}

/// The sum of the digits of `n` (below 100).
fn cross_sum(n: u32) -> u32 {
    n / 10 + n % 10
}

/// German pension insurance number (*Rentenversicherungsnummer*, the
/// social insurance number), twelve characters `12 150680 A 123`: the
/// insurer's area, the date of birth `DDMMYY`, the initial of the birth
/// name, a serial and the check digit: the letter as its two-digit place
/// in the alphabet, the twelve digits weighted 2, 1, 2, 5, 7, 1, 2, 1, 2,
/// 1, 2, 1, the products' digit sums added, mod 10. Source: the VKVV
/// (Versicherungsnummern-, Kontoführungs- und
/// Versicherungsverlaufsverordnung), § 2 and its annex.
pub(crate) fn de_rvnr(s: &str) -> bool {
    let Some(w) = Written::read(s) else {
        return false;
    };
    let c = &w.chars;
    if c.len() != 12 || !w.laid_out(&[&[2, 6, 1, 3], &[8, 4]]) || !c[8].is_ascii_uppercase() {
        return false;
    }
    let letter = u32::from(c[8] - b'A') + 1;
    let mut ds = Vec::with_capacity(12);
    for &b in c[..8].iter().chain(&c[9..]) {
        if !b.is_ascii_digit() {
            return false;
        }
        ds.push(u32::from(b - b'0'));
    }
    // The day is raised by 50 when the serials of a day run out.
    let (day, month) = (pair(&ds, 2), pair(&ds, 4));
    let day = if day > 50 { day - 50 } else { day };
    let mut all = ds[..8].to_vec();
    all.extend([letter / 10, letter % 10, ds[8], ds[9]]);
    let sum: u32 = all
        .iter()
        .zip([2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1])
        .map(|(d, w)| cross_sum(d * w))
        .sum();
    birth_day(month, day) && sum % 10 == ds[10]
}

/// German health insurance number (*Krankenversichertennummer*, KVNR),
/// a letter and nine digits (`A123456780`): the letter as its two-digit
/// place in the alphabet and the eight digits after it weighted 1, 2, 1,
/// 2, ..., the products' digit sums added, mod 10. Source: GKV-
/// Spitzenverband, "Richtlinien für den Aufbau der Krankenversichertennummer".
pub(crate) fn de_kvnr(s: &str) -> bool {
    let Some(w) = Written::read(s) else {
        return false;
    };
    let c = &w.chars;
    if c.len() != 10 || !w.laid_out(&[&[1, 9]]) || !c[0].is_ascii_uppercase() {
        return false;
    }
    let Some(ds) = (Written {
        chars: c[1..].to_vec(),
        groups: vec![9],
    })
    .digits() else {
        return false;
    };
    let letter = u32::from(c[0] - b'A') + 1;
    let mut all = vec![letter / 10, letter % 10];
    all.extend(&ds[..8]);
    let sum: u32 = all
        .iter()
        .enumerate()
        .map(|(i, d)| cross_sum(d * if i % 2 == 0 { 1 } else { 2 }))
        .sum();
    !all_same(&ds[..8]) && sum % 10 == ds[8]
}

/// Portuguese Cartão de Cidadão document number, `12345678 9 ZZ1`: the
/// civil identification number, its check digit, two letters or digits
/// of the card's version and a final check digit, the whole a Luhn sum
/// over the characters' base-36 values. Source: "Validação de Número de
/// Documento do Cartão de Cidadão" (AMA), `stdnum` `pt/cc`.
pub(crate) fn pt_cc(s: &str) -> bool {
    let Some(w) = Written::read(s) else {
        return false;
    };
    let c = &w.chars;
    if c.len() != 12 || !w.laid_out(&[&[8, 1, 3], &[9, 3], &[8, 4], &[8, 1, 2, 1]]) {
        return false;
    }
    if !c[..9].iter().all(u8::is_ascii_digit)
        || !c[11].is_ascii_digit()
        || !c[9..11].iter().all(u8::is_ascii_alphanumeric)
    {
        return false;
    }
    let value = |b: u8| char::from(b).to_digit(36).unwrap_or(0);
    let sum: u32 = c
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &b)| {
            let v = value(b);
            if i % 2 == 1 {
                let y = v * 2;
                if y > 9 { y - 9 } else { y }
            } else {
                v
            }
        })
        .sum();
    c[..8].iter().any(|b| *b != b'0') && sum % 10 == 0
}

/// Ukrainian RNOKPP (the taxpayer's registration number, formerly ІПН),
/// ten digits: the days from 31 December 1899 to the date of birth, a
/// serial, and the check digit: weights -1, 5, 7, 9, 4, 6, 10, 5, 7, the
/// sum mod 11, mod 10. Source: the State Tax Service, `stdnum` `ua/rntrc`.
pub(crate) fn ua_rnokpp(s: &str) -> bool {
    digits_in(s, 10, &[]).is_some_and(|ds| {
        let sum: i64 = ds
            .iter()
            .zip([-1i64, 5, 7, 9, 4, 6, 10, 5, 7])
            .map(|(d, w)| i64::from(*d) * w)
            .sum();
        !all_same(&ds) && sum.rem_euclid(11) % 10 == i64::from(ds[9])
    })
}

/// Kazakh IIN (*жеке сәйкестендіру нөмірі*, ИИН), twelve digits: the date
/// of birth `YYMMDD`, the century and sex (1-6), a serial and the check
/// digit: weights 1-11, the sum mod 11; if that is 10, weights 3-11, 1,
/// 2; a second 10 is never issued. Source: the Law on National Registers
/// of Identification Numbers, `stdnum` `kz/iin`.
pub(crate) fn kz_iin(s: &str) -> bool {
    digits_in(s, 12, &[]).is_some_and(|ds| {
        let first = weighted(&ds, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) % 11;
        let check = if first < 10 {
            first
        } else {
            weighted(&ds, &[3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]) % 11
        };
        birth_day(pair(&ds, 2), pair(&ds, 4))
            && (1..=6).contains(&ds[6])
            && check < 10
            && check == ds[11]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(s: &str) -> Vec<u32> {
        s.bytes().map(|b| u32::from(b - b'0')).collect()
    }

    fn corrupt(s: &str) -> String {
        let mut out = s.to_owned();
        let last = out.pop().and_then(|c| c.to_digit(10)).unwrap_or(9);
        out.push(char::from_digit((last + 1) % 10, 10).unwrap_or('0'));
        out
    }

    #[test]
    fn regons_of_nine_and_fourteen_digits() {
        // 12345678: 8+18+6+12+20+30+42+56 = 192, 192 % 11 = 5.
        assert!(pl_regon("123456785"));
        assert!(pl_regon("123 456 785"));
        assert!(!pl_regon("123456786"));
        let ds = digits("1234567850001");
        let c = weighted(&ds, &[2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8]) % 11 % 10;
        assert!(pl_regon(&format!("1234567850001{c}")));
        assert!(!pl_regon(&corrupt(&format!("1234567850001{c}"))));
    }

    #[test]
    fn baltic_personal_codes() {
        // 3 870415 123: the check computed by the published weights.
        let body = "3870415123";
        let code = format!("{body}{}", baltic_check(&digits(body)));
        assert!(lt_personal_code(&code), "{code}");
        assert!(!lt_personal_code(&corrupt(&code)));
        // A month 13; a century digit 7.
        let bad = "3871315123";
        assert!(!lt_personal_code(&format!(
            "{bad}{}",
            baltic_check(&digits(bad))
        )));
        let bad = "7870415123";
        assert!(!lt_personal_code(&format!(
            "{bad}{}",
            baltic_check(&digits(bad))
        )));
    }

    #[test]
    fn hungarian_taj_and_tax_numbers() {
        // 12345678: 3+14+9+28+15+42+21+56 = 188, check 8.
        assert!(hu_taj("123456788"));
        assert!(hu_taj("123 456 788"));
        assert!(!hu_taj("123456789"));
        // 8 + 39123 days + 456: weights 1-9.
        let body = "839123456";
        let c = weighted(&digits(body), &[1, 2, 3, 4, 5, 6, 7, 8, 9]) % 11;
        if c < 10 {
            assert!(hu_tax(&format!("{body}{c}")));
            assert!(!hu_tax(&corrupt(&format!("{body}{c}"))));
        }
        assert!(!hu_tax("1234567890"));
    }

    #[test]
    fn german_pension_and_health_numbers() {
        // 65 170839 J 00?: J is 10; digits 6,5,1,7,0,8,3,9,1,0,0,0.
        let all = [6, 5, 1, 7, 0, 8, 3, 9, 1, 0, 0, 0];
        let sum: u32 = all
            .iter()
            .zip([2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1])
            .map(|(d, w)| cross_sum(d * w))
            .sum();
        let rvnr = format!("65 170839 J 00{}", sum % 10);
        assert!(de_rvnr(&rvnr), "{rvnr}");
        assert!(de_rvnr(&rvnr.replace(' ', "")));
        assert!(!de_rvnr(&corrupt(&rvnr)));
        assert!(!de_rvnr(&format!("65 173839 J 00{}", sum % 10)));
        // A123456780? A is 01: 0,1,1,2,3,4,5,6,7,8 weighted 1,2,...
        let all = [0, 1, 1, 2, 3, 4, 5, 6, 7, 8];
        let sum: u32 = all
            .iter()
            .enumerate()
            .map(|(i, d)| cross_sum(d * if i % 2 == 0 { 1 } else { 2 }))
            .sum();
        let kvnr = format!("A12345678{}", sum % 10);
        assert!(de_kvnr(&kvnr), "{kvnr}");
        assert!(!de_kvnr(&corrupt(&kvnr)));
        assert!(!de_kvnr("1123456789"));
    }

    #[test]
    fn portuguese_citizen_cards() {
        // 00000000 0 ZZ4 is the AMA document's example.
        assert!(!pt_cc("00000000 0 ZZ4"));
        // 11084129 8 ZX8: stdnum's example.
        assert!(pt_cc("11084129 8 ZX8"));
        assert!(pt_cc("110841298ZX8"));
        assert!(!pt_cc("11084129 8 ZX9"));
        assert!(!pt_cc("11084129 8 Z"));
    }

    #[test]
    fn ukrainian_and_kazakh_numbers() {
        // 3023411234: stdnum's example? computed here.
        let body = digits("302341123");
        let sum: i64 = body
            .iter()
            .zip([-1i64, 5, 7, 9, 4, 6, 10, 5, 7])
            .map(|(d, w)| i64::from(*d) * w)
            .sum();
        let ua = format!("302341123{}", sum.rem_euclid(11) % 10);
        assert!(ua_rnokpp(&ua));
        assert!(!ua_rnokpp(&corrupt(&ua)));
        // 950312 3 0123 + check.
        let body = digits("95031230123");
        let first = weighted(&body, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) % 11;
        let c = if first < 10 {
            first
        } else {
            weighted(&body, &[3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]) % 11
        };
        if c < 10 {
            let iin = format!("95031230123{c}");
            assert!(kz_iin(&iin), "{iin}");
            assert!(!kz_iin(&corrupt(&iin)));
        }
        assert!(!kz_iin("951312301234"));
    }
}
