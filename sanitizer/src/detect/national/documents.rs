//! Identity numbers whose format carries enough check digits to be taken
//! wherever they are written, with no label: the machine-readable zone of
//! a passport (ICAO 9303, TD3: four check digits over the document number,
//! the date of birth, the expiry date and the whole line), the Mexican CURP
//! (eighteen characters: name letters, date of birth, sex, state, and a
//! mod-10 check over a 37-character alphabet), and the Swiss AHV/AVS
//! social security number (`756.1234.5678.97`, an EAN-13 check digit; only
//! in its dotted form, since thirteen bare digits from 756 are also Swiss
//! product barcodes).

use super::digit_values;

/// The `id-document` detector's pattern: an MRZ (the name line is taken
/// with the number line when it is right before it), a CURP, an AHV number.
pub(crate) const PATTERN: &str = concat!(
    r"(?:P[A-Z<]{43}(?:(?:\r?\n|(?:\\r)?\\n)[ \t]*|[ \t]+))?[A-Z0-9<]{9}[0-9][A-Z<]{3}[0-9]{6}[0-9][MFX<][0-9]{6}[0-9][A-Z0-9<]{14}[0-9<][0-9]\b",
    r"|\b[A-Z][AEIOUX][A-Z]{2}[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[HMX](?:AS|BC|BS|CC|CL|CM|CS|CH|DF|DG|GT|GR|HG|JC|MC|MN|MS|NT|NL|OC|PL|QT|QR|SP|SL|SR|TC|TS|TL|VZ|YN|ZS|NE)[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z][0-9]\b",
    r"|\b756\.[0-9]{4}\.[0-9]{4}\.[0-9]{2}\b",
);

/// The `id-document` validator: the check digits of whichever document
/// the match is.
pub(crate) fn id_document(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    if span.contains('<') || span.len() >= 44 {
        // Not glued to a word before it, unless that is the `n` of an
        // escaped line break (`...<<<\\nL898902C3...`).
        let head = &text[..start];
        let glued = head.ends_with(|c: char| c.is_ascii_alphanumeric()) && !head.ends_with("\\n");
        !glued && mrz_td3(span)
    } else if span.starts_with("756.") {
        ahv(span)
    } else {
        curp(span)
    }
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
