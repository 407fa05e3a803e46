//! How an identifier is written: its characters without the separators
//! between its groups, and the lengths of those groups, so that each
//! validator can say which groupings its issuer prints (`12-3456789`,
//! `123.45678.90-1`, `1234-567-890-AB`) and check the characters alone.

/// Characters that may separate the groups of an identifier.
fn is_separator(b: u8) -> bool {
    matches!(b, b' ' | b'-' | b'.' | b'/')
}

/// An identifier read from its written form: the letters (upper-cased)
/// and digits, and the length of each group between separators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Written {
    /// The letters and digits, letters upper-cased.
    pub(crate) chars: Vec<u8>,
    /// The length of each group, in order (one group when there is no
    /// separator).
    pub(crate) groups: Vec<usize>,
}

impl Written {
    /// Reads `s`: ASCII letters and digits in groups separated by one
    /// space, `-`, `.` or `/` each. `None` for anything else (two
    /// separators in a row, one at either end, another character).
    pub(crate) fn read(s: &str) -> Option<Written> {
        let mut chars = Vec::with_capacity(s.len());
        let mut groups = Vec::new();
        let mut current = 0;
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() {
                chars.push(b.to_ascii_uppercase());
                current += 1;
            } else if is_separator(b) && current > 0 {
                groups.push(current);
                current = 0;
            } else {
                return None;
            }
        }
        if current == 0 {
            return None;
        }
        groups.push(current);
        Some(Written { chars, groups })
    }

    /// Whether the identifier is written in one group, or in exactly one
    /// of `layouts` (group lengths).
    pub(crate) fn laid_out(&self, layouts: &[&[usize]]) -> bool {
        self.groups.len() == 1 || layouts.contains(&self.groups.as_slice())
    }

    /// The characters as digit values, if they are all digits.
    pub(crate) fn digits(&self) -> Option<Vec<u32>> {
        self.chars
            .iter()
            .map(|b| b.is_ascii_digit().then(|| u32::from(b - b'0')))
            .collect()
    }
}

/// Reads `s` as `len` digits written in one group or in one of
/// `layouts`: their values.
pub(crate) fn digits_in(s: &str, len: usize, layouts: &[&[usize]]) -> Option<Vec<u32>> {
    let w = Written::read(s)?;
    if w.chars.len() != len || !w.laid_out(layouts) {
        return None;
    }
    w.digits()
}

/// Whether all of `ds` are the same digit (`000000000`, `1111111111`):
/// placeholders that pass several checksums.
pub(crate) fn all_same(ds: &[u32]) -> bool {
    ds.windows(2).all(|w| w[0] == w[1])
}

/// Two digits of `ds` from `at` as a number.
pub(crate) fn pair(ds: &[u32], at: usize) -> u32 {
    ds[at] * 10 + ds[at + 1]
}

/// The sum of `ds` weighted by `weights`, position by position.
pub(crate) fn weighted(ds: &[u32], weights: &[u32]) -> u32 {
    ds.iter().zip(weights).map(|(d, w)| d * w).sum()
}

/// Whether `day` of `month` can be a day of birth in some year (29
/// February allowed).
pub(crate) fn birth_day(month: u32, day: u32) -> bool {
    super::real_date(2000, month, day)
}

/// Whether the digits `ds` pass the Luhn checksum.
pub(crate) fn luhn(ds: &[u32]) -> bool {
    let sum: u32 = ds
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| match (i % 2, d * 2) {
            (1, d2) if d2 > 9 => d2 - 9,
            (1, d2) => d2,
            _ => d,
        })
        .sum();
    !ds.is_empty() && sum % 10 == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn groups_are_read_between_separators() {
        let w = Written::read("123.45678.90-1").expect("grouped");
        assert_eq!(w.groups, [3, 5, 2, 1]);
        assert_eq!(w.chars.len(), 11);
        assert_eq!(
            Written::read("ab12").map(|w| w.chars),
            Some(b"AB12".to_vec())
        );
        for bad in ["", "-12", "12-", "1--2", "12_3", "12\u{a0}3"] {
            assert_eq!(Written::read(bad), None, "{bad}");
        }
        assert_eq!(
            digits_in("12-3456789", 9, &[&[2, 7]]).map(|d| d.len()),
            Some(9)
        );
        assert_eq!(digits_in("123-456789", 9, &[&[2, 7]]), None);
        assert_eq!(digits_in("1A-3456789", 9, &[&[2, 7]]), None);
    }

    #[test]
    fn luhn_of_digits() {
        assert!(luhn(&[7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 3]));
        assert!(!luhn(&[7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 4]));
        assert!(!luhn(&[]));
    }

    proptest! {
        #[test]
        fn reading_never_panics_and_keeps_every_character(s in "\\PC{0,30}") {
            if let Some(w) = Written::read(&s) {
                prop_assert_eq!(w.groups.iter().sum::<usize>(), w.chars.len());
            }
        }
    }
}
