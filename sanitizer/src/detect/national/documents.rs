//! Identity numbers whose format carries enough check digits to be taken
//! wherever they are written, with no label: the machine-readable zone of
//! a passport (ICAO 9303, TD3: four check digits over the document number,
//! the date of birth, the expiry date and the whole line), the Mexican CURP
//! (eighteen characters: name letters, date of birth, sex, state, and a
//! mod-10 check over a 37-character alphabet), the Swiss AHV/AVS
//! social security number (`756.1234.5678.97`, an EAN-13 check digit; only
//! in its dotted form, since thirteen bare digits from 756 are also Swiss
//! product barcodes), the Emirates ID (`784-1968-6570305-0`: the country
//! code, the year of birth, Luhn over the fifteen digits), the Russian
//! SNILS (`112-233-445 95`: two check digits over nine) and the Hong Kong
//! identity card number (`A123456(3)`: a mod-11 check in its
//! parentheses). Each only in the written form its issuer prints, which
//! a chance number rarely has. The identifiers of `unlabelled.rs` (a
//! GSTIN, an Egyptian national id, a CNIC, a MyKad number...) are
//! found by the same pattern.

use super::digit_values;

/// The `id-document` detector's pattern: an MRZ (the name line is taken
/// with the number line when it is right before it), a CURP, an AHV
/// number, an Emirates ID, a SNILS, an HKID.
pub(crate) const PATTERN: &str = concat!(
    r"(?:P[A-Z<]{43}(?:(?:\r?\n|(?:\\r)?\\n)[ \t]*|[ \t]+))?[A-Z0-9<]{9}[0-9][A-Z<]{3}[0-9]{6}[0-9][MFX<][0-9]{6}[0-9][A-Z0-9<]{14}[0-9<][0-9]\b",
    r"|\b[A-Z][AEIOUX][A-Z]{2}[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[HMX](?:AS|BC|BS|CC|CL|CM|CS|CH|DF|DG|GT|GR|HG|JC|MC|MN|MS|NT|NL|OC|PL|QT|QR|SP|SL|SR|TC|TS|TL|VZ|YN|ZS|NE)[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z][0-9]\b",
    r"|\b756\.[0-9]{4}\.[0-9]{4}\.[0-9]{2}\b",
    r"|\b784-[0-9]{4}-[0-9]{7}-[0-9]\b",
    r"|\b[0-9]{3}-[0-9]{3}-[0-9]{3}[ -][0-9]{2}\b",
    r"|\b[A-Z]{1,2}[0-9]{6}\([0-9A]\)",
    // The identifiers of `unlabelled.rs`: a GSTIN, an Egyptian national
    // id, a CNIC, a MyKad number, a PIS/PASEP, an Ontario health number
    // with its version code.
    r"|\b(?:0[1-9]|[12][0-9]|3[0-8]|97|99)[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z][A-Z0-9][0-9A-Z]\b",
    r"|\b[23][0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?:0[1-4]|1[1-9]|2[1-9]|3[1-5]|88)[0-9]{5}\b",
    r"|\b[1-7][0-9]{4}-[0-9]{7}-[0-9]\b",
    r"|\b[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])-[0-9]{2}-[0-9]{4}\b",
    r"|\b[0-9]{3}\.[0-9]{5}\.[0-9]{2}-[0-9]\b",
    r"|\b[1-9][0-9]{3}[- ][0-9]{3}[- ][0-9]{3}[- ]?[A-Z]{2}\b",
);

/// The `id-document` validator: the check digits of whichever document
/// the match is.
pub(crate) fn id_document(text: &str, start: usize, end: usize) -> bool {
    if let Some(found) = super::unlabelled::check(text, start, end) {
        return found;
    }
    let span = &text[start..end];
    if span.contains('<') || span.len() >= 44 {
        // Not glued to a word before it, unless that is the `n` of an
        // escaped line break (`...<<<\\nL898902C3...`).
        let head = &text[..start];
        let glued = head.ends_with(|c: char| c.is_ascii_alphanumeric()) && !head.ends_with("\\n");
        !glued && mrz_td3(span)
    } else if span.starts_with("756.") {
        ahv(span)
    } else if span.starts_with("784-") && span.len() == 18 {
        emirates_id(span)
    } else if span.ends_with(')') {
        hkid(span)
    } else if span.as_bytes()[0].is_ascii_digit() {
        snils(span)
    } else {
        curp(span)
    }
}

/// Emirates ID: Luhn over its fifteen digits, and a year of birth.
fn emirates_id(span: &str) -> bool {
    let year: u32 = span[4..8].parse().unwrap_or(0);
    (1900..=2099).contains(&year) && crate::detect::validate::luhn_valid(span)
}

/// The SNILS check number of its first nine digits: their sum weighted 9
/// down to 1, taken mod 101, where 100 (and 101) are written 00.
pub(crate) fn snils_check(ds: &[u32]) -> u32 {
    let sum: u32 = ds.iter().zip((1..=9).rev()).map(|(d, w)| d * w).sum();
    match sum % 101 {
        100 => 0,
        r => r,
    }
}

/// Russian SNILS, `ddd-ddd-ddd dd`: the check number holds (it is only
/// defined above `001-001-998`), and not all nine digits are the same.
fn snils(span: &str) -> bool {
    let ds = digit_values(span);
    if ds.len() != 11 || super::all_same(&ds[..9]) {
        return false;
    }
    let number = ds[..9].iter().fold(0u64, |n, d| n * 10 + u64::from(*d));
    number > 1_001_998 && snils_check(&ds[..9]) == ds[9] * 10 + ds[10]
}

/// The check character of a Hong Kong identity card number's letters and
/// six digits (`A123456`, `WX123456`): weights 9 down to 2, a missing
/// first letter counting 36, letters from 10; 11 minus the sum mod 11,
/// with 10 written `A`.
pub(crate) fn hkid_check(body: &str) -> Option<char> {
    let value = |c: u8| match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Z' => Some(u32::from(c - b'A') + 10),
        _ => None,
    };
    let mut values = Vec::with_capacity(8);
    if body.len() == 7 {
        values.push(36);
    }
    for c in body.bytes() {
        values.push(value(c)?);
    }
    if values.len() != 8 {
        return None;
    }
    let sum: u32 = values.iter().zip((2..=9).rev()).map(|(v, w)| v * w).sum();
    Some(match (11 - sum % 11) % 11 {
        10 => 'A',
        d => char::from_digit(d, 10)?,
    })
}

/// Hong Kong identity card number, `A123456(3)`: the check character in
/// its parentheses holds.
fn hkid(span: &str) -> bool {
    let Some((body, check)) = span.strip_suffix(')').and_then(|s| s.split_once('(')) else {
        return false;
    };
    hkid_check(body).is_some_and(|c| check.len() == 1 && check.starts_with(c))
}

/// An ICAO 9303 check digit: weights 7, 3, 1 over digits, letters (A is
/// 10) and fillers (`<` is 0).
pub(crate) fn mrz_check(field: &str) -> Option<u32> {
    let mut sum = 0;
    for (i, c) in field.bytes().enumerate() {
        let v = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A'..=b'Z' => u32::from(c - b'A') + 10,
            b'<' => 0,
            _ => return None,
        };
        sum += v * [7, 3, 1][i % 3];
    }
    Some(sum % 10)
}

/// The number line of a TD3 MRZ (the last 44 characters of `span`): the
/// document number's, the birth date's, the expiry date's and the
/// composite check digits all hold (the optional data's too, unless it is
/// all fillers).
fn mrz_td3(span: &str) -> bool {
    let Some(line) = span.get(span.len().saturating_sub(44)..) else {
        return false;
    };
    if line.len() != 44 || !line.is_ascii() {
        return false;
    }
    let digit = |at: usize| line.as_bytes()[at].checked_sub(b'0').map(u32::from);
    let holds = |field: &str, at: usize| mrz_check(field).is_some_and(|c| Some(c) == digit(at));
    let optional = &line[28..42];
    let optional_ok =
        holds(optional, 42) || (line.as_bytes()[42] == b'<' && optional.bytes().all(|b| b == b'<'));
    let composite = format!("{}{}{}", &line[0..10], &line[13..20], &line[21..43]);
    holds(&line[0..9], 9)
        && holds(&line[13..19], 19)
        && holds(&line[21..27], 27)
        && optional_ok
        && holds(&composite, 43)
}

/// The CURP's check digit: each of the first seventeen characters' value
/// in `0-9A-NÑO-Z` (`Ñ` written as `X` in ASCII systems is taken as is)
/// times 18 minus its position, summed; ten minus the sum mod 10.
pub(crate) fn curp_check(first17: &str) -> Option<u32> {
    const ALPHABET: &str = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ";
    let mut sum = 0;
    for (i, c) in first17.chars().enumerate() {
        let v = ALPHABET.chars().position(|a| a == c)?;
        sum += v as u32 * (18 - i as u32);
    }
    Some((10 - sum % 10) % 10)
}

fn curp(span: &str) -> bool {
    span.len() == 18
        && curp_check(&span[..17])
            .is_some_and(|c| span.as_bytes()[17].checked_sub(b'0').map(u32::from) == Some(c))
}

/// AHV/AVS: `756` and nine digits, then an EAN-13 check digit (weights 1
/// and 3 from the left).
fn ahv(span: &str) -> bool {
    let ds = digit_values(span);
    if ds.len() != 13 {
        return false;
    }
    let sum: u32 = ds[..12]
        .iter()
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 })
        .sum();
    (10 - sum % 10) % 10 == ds[12]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> bool {
        let re = regex::Regex::new(&crate::detect::ascii_boundaries(PATTERN))
            .expect("the pattern compiles");
        re.find_iter(text)
            .any(|m| id_document(text, m.start(), m.end()))
    }

    #[test]
    fn regression_passport_mrz_lines_are_identity_documents() {
        // ICAO 9303's specimen.
        let mrz = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";
        assert!(found(mrz));
        assert!(found(mrz.split('\n').nth(1).unwrap_or_default()));
        // Indented (a YAML block), or with its line break escaped.
        assert!(found(&mrz.replace('\n', "\n      ")));
        let escaped = format!("mrz={}", mrz.replace('\n', "\\n"));
        assert!(found(&escaped));
        // The name line is taken with the number line.
        let re = regex::Regex::new(&crate::detect::ascii_boundaries(PATTERN))
            .expect("the pattern compiles");
        assert_eq!(re.find(&escaped).map(|m| m.start()), Some(4));
        assert!(!found("XL898902C36UTO7408122F1204159ZE184226B<<<<<10"));
        // One check digit off.
        assert!(!found("L898902C36UTO7408122F1204159ZE184226B<<<<<11"));
        assert!(!found("L898902C37UTO7408122F1204159ZE184226B<<<<<10"));
    }

    #[test]
    fn emirates_ids_snils_and_hkids_are_checked() {
        // Luhn over 784 1968 6570305 and its check digit.
        assert!(found("EID 784-1968-6570305-0 on file"));
        assert!(!found("EID 784-1968-6570305-1 on file"));
        assert!(!found("ref 784-0042-6570305-0"));
        // SNILS 112-233-445 95: 1*9+1*8+2*7+2*6+3*5+3*4+4*3+4*2+5 = 95.
        assert_eq!(snils_check(&[1, 1, 2, 2, 3, 3, 4, 4, 5]), 95);
        assert!(found("СНИЛС 112-233-445 95"));
        assert!(found("snils=112-233-445-95"));
        assert!(!found("СНИЛС 112-233-445 96"));
        assert!(!found("111-111-111 11"));
        // HKID A123456(3): 9*36 + 8*10 + 7*1 + 6*2 + 5*3 + 4*4 + 3*5 + 2*6 = 481,
        // 11 - 481 mod 11 = 3.
        assert_eq!(hkid_check("A123456"), Some('3'));
        assert!(found("HKID A123456(3)"));
        assert!(!found("HKID A123456(4)"));
        // Two letters: 9*32 + 8*33 + 77 = 629, 11 - 629 mod 11 = 9.
        assert!(found("holder WX123456(9)"));
    }

    #[test]
    fn regression_curp_and_ahv_numbers_are_checked() {
        assert_eq!(curp_check("HEGG560427MVZRRL0"), Some(4));
        assert!(found("CURP: HEGG560427MVZRRL04."));
        assert!(!found("CURP: HEGG560427MVZRRL05."));
        assert!(found("AHV 756.9217.0769.85"));
        assert!(!found("AHV 756.9217.0769.86"));
        // A Swiss product barcode: thirteen bare digits.
        assert!(!found("EAN 7569217076985"));
    }
}
