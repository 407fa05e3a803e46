//! Identifiers from `americas.rs`, `asia_pacific.rs` and `mena_africa.rs`
//! whose written form is strong enough to be taken with no label, part of
//! the `id-document` detector (its pattern's last alternatives, in
//! `documents.rs`): long, with a structure a chance number
//! rarely has and, where the issuer has one, a check digit.
//!
//! - the Indian GSTIN (a state code, a PAN, a mod 36 check character);
//! - the Egyptian national id (fourteen digits: a century, a date of
//!   birth, a governorate code and the check digit the open-source
//!   validators agree on);
//! - the Pakistani CNIC in its printed `12345-1234567-1` groups, from a
//!   province digit 1-7;
//! - the MyKad number in its printed `YYMMDD-PB-####` groups, with a
//!   real date and a place of birth code;
//! - the Brazilian PIS/PASEP in its printed `123.45678.90-1` groups, with
//!   its check digit;
//! - the Ontario health card number printed with its version code
//!   (`1234-567-897-AB`), Luhn valid.
//!
//! The rest (an EIN, a NIK, a Saudi id, a bare ten or eleven digit
//! number with a mod 11 digit, a Uruguayan cédula's eight digits, which
//! the detectors' prefilter does not wake for...) are as often an order number, a
//! timestamp or a phone number, and are left to their labels.

use super::{americas, asia_pacific, isolated, mena_africa};

/// Whether `b` is at each of `at` in `span`, and `span` is `len` long.
fn shaped(span: &[u8], len: usize, at: &[(usize, u8)]) -> bool {
    span.len() == len && at.iter().all(|&(i, b)| span[i] == b)
}

/// Whether `text[start..end]` is one of these identifiers; `None` when the
/// span has none of their shapes (it is another document's).
pub(crate) fn check(text: &str, start: usize, end: usize) -> Option<bool> {
    let span = &text[start..end];
    let b = span.as_bytes();
    let alone = || isolated(text, start, end);
    if b.len() == 15 && b[2].is_ascii_uppercase() && b[..2].iter().all(u8::is_ascii_digit) {
        return Some(asia_pacific::in_gstin(span) && alone());
    }
    if b.len() == 14 && b.iter().all(u8::is_ascii_digit) {
        return Some(mena_africa::eg_national_id(span, true) && alone());
    }
    if shaped(b, 15, &[(5, b'-'), (13, b'-')]) {
        return Some(asia_pacific::pk_cnic(span) && alone());
    }
    if shaped(b, 14, &[(6, b'-'), (9, b'-')]) {
        return Some(asia_pacific::my_kad(span) && alone());
    }
    if shaped(b, 14, &[(3, b'.'), (9, b'.'), (12, b'-')]) {
        return Some(americas::br_pis(span) && alone());
    }
    if b.len() >= 14 && b[b.len() - 1].is_ascii_uppercase() && b[0].is_ascii_digit() {
        return Some(americas::ca_on_health(span) && alone());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::documents::{PATTERN as DOCUMENTS, id_document};

    fn found(text: &str) -> bool {
        let re = regex::Regex::new(&crate::detect::ascii_boundaries(DOCUMENTS))
            .expect("the pattern compiles");
        re.find_iter(text)
            .any(|m| id_document(text, m.start(), m.end()))
    }

    #[test]
    fn strong_formats_are_taken_without_a_label() {
        for text in [
            "billed to 27AAPFU0939F1ZV today",
            "holder 35202-1234567-1 verified",
            "890724-01-2498",
            "nr 120.00000.00-4",
            "card 1234-567-897-AB",
        ] {
            assert!(found(text), "{text}");
        }
    }

    #[test]
    fn near_misses_of_the_strong_formats_stay() {
        for text in [
            // A wrong check character, a province 0, month 13, a wrong
            // check digit, a wrong Luhn digit, no version code.
            "billed to 27AAPFU0939F1ZW today",
            "ref 05202-1234567-1",
            "891324-01-2498",
            "nr 120.00000.00-5",
            "card 1234-567-898-AB",
            "card 1234-567-897",
            // One group of a longer run of groups.
            "seq 12-35202-1234567-1",
            // An order number of fourteen digits.
            "order 20240105123045",
        ] {
            assert!(!found(text), "{text}");
        }
    }

    #[test]
    fn egyptian_ids_need_their_check_digit_without_a_label() {
        let body = "2900912120181";
        let ds: Vec<u32> = body.bytes().map(|b| u32::from(b - b'0')).collect();
        let check = super::mena_africa::eg_check(&ds);
        assert!(found(&format!("id {body}{check}")));
        assert!(!found(&format!("id {body}{}", (check + 1) % 10)));
    }
}
