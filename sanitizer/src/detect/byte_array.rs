//! Key material written as an array of byte values: a Solana keypair as
//! `solana-keygen` and wallets export it (`[183,22,...]`, 64 numbers from
//! 0 to 255), found in text whatever label is near it, or none.
//!
//! Sixty-four small numbers in brackets are also a histogram, a palette, a
//! row of counts. Random bytes are told from them by how they spread: most
//! of the 64 values differ (about 57 of 64 are distinct), about half are
//! 128 or more, and neighbours are far apart (85 on average); counts and
//! histograms are small or smooth, palettes repeat 0 and 255.

/// How many bytes a keypair has.
const KEYPAIR_LEN: usize = 64;

/// The shortest text that can hold one: 64 one-digit numbers, their
/// commas and the brackets.
pub(super) const MIN_TEXT: usize = 2 * KEYPAIR_LEN + 1;

/// The spans of the keypairs written as byte arrays in `text`, brackets
/// included.
pub(super) fn keypairs(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    if text.len() < MIN_TEXT {
        return found;
    }
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(open) = text[from..].find('[').map(|at| from + at) {
        from = open + 1;
        if let Some(close) = byte_array(bytes, open) {
            found.push((open, close + 1));
            from = close + 1;
        }
    }
    found
}

/// Where the `]` is of the array of 64 random-looking byte values that
/// opens at `open`, if one does.
fn byte_array(bytes: &[u8], open: usize) -> Option<usize> {
    let mut values = [0u8; KEYPAIR_LEN];
    let mut n = 0;
    let mut i = open + 1;
    loop {
        while matches!(bytes.get(i), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            i += 1;
        }
        let start = i;
        let mut value = 0u32;
        while let Some(&b) = bytes.get(i).filter(|b| b.is_ascii_digit()) {
            value = value * 10 + u32::from(b - b'0');
            i += 1;
            if i - start > 3 {
                return None;
            }
        }
        if i == start || n == KEYPAIR_LEN {
            return None;
        }
        values[n] = u8::try_from(value).ok()?;
        n += 1;
        while matches!(bytes.get(i), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            i += 1;
        }
        match bytes.get(i) {
            Some(b',') => i += 1,
            Some(b']') if n == KEYPAIR_LEN => break,
            _ => return None,
        }
    }
    looks_random(&values).then_some(i)
}

/// Whether `values` (a JSON array's numbers) are a keypair's 64 bytes:
/// each a whole number up to 255, spread as random bytes are.
pub(crate) fn is_keypair(values: impl ExactSizeIterator<Item = Option<u64>>) -> bool {
    if values.len() != KEYPAIR_LEN {
        return false;
    }
    let mut bytes = [0u8; KEYPAIR_LEN];
    for (slot, v) in bytes.iter_mut().zip(values) {
        match v.and_then(|v| u8::try_from(v).ok()) {
            Some(b) => *slot = b,
            None => return false,
        }
    }
    looks_random(&bytes)
}

/// Whether 64 byte values spread as random bytes do.
fn looks_random(values: &[u8; KEYPAIR_LEN]) -> bool {
    let mut seen = [false; 256];
    let mut distinct = 0;
    let mut high = 0;
    let mut low = 0;
    for &v in values {
        if !seen[usize::from(v)] {
            seen[usize::from(v)] = true;
            distinct += 1;
        }
        high += usize::from(v >= 128);
        low += usize::from(v < 16);
    }
    let jumps: u32 = values
        .windows(2)
        .map(|w| u32::from(w[0].abs_diff(w[1])))
        .sum();
    distinct >= 44
        && (14..=50).contains(&high)
        && low <= 14
        && jumps >= 40 * (KEYPAIR_LEN as u32 - 1)
}

#[cfg(test)]
mod tests {
    use super::keypairs;
    use proptest::prelude::*;

    fn array(values: &[u32]) -> String {
        let parts: Vec<String> = values.iter().map(u32::to_string).collect();
        format!("[{}]", parts.join(","))
    }

    /// 64 bytes from a simple generator (an LCG), as a key would spread.
    fn random_bytes(seed: u32) -> Vec<u32> {
        let mut x = seed;
        (0..64)
            .map(|_| {
                x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                x >> 24
            })
            .collect()
    }

    #[test]
    fn keypairs_are_found_with_or_without_spaces() {
        for seed in [1, 7, 42, 1234, 99_999] {
            let key = array(&random_bytes(seed));
            let text = format!("PHANTOM_EXPORT={key}\nNEXT=1");
            let start = text.find('[').unwrap_or(0);
            assert_eq!(keypairs(&text), vec![(start, start + key.len())], "{seed}");
            let spaced = key.replace(',', ", ");
            assert_eq!(keypairs(&spaced), vec![(0, spaced.len())], "{seed}");
        }
    }

    #[test]
    fn arrays_that_are_not_keys_stay() {
        // 63 or 65 bytes; a value past 255; counts; a histogram; colours.
        let key = random_bytes(5);
        assert!(keypairs(&array(&key[..63])).is_empty());
        let mut longer = key.clone();
        longer.push(7);
        assert!(keypairs(&array(&longer)).is_empty());
        let mut big = key.clone();
        big[3] = 256;
        assert!(keypairs(&array(&big)).is_empty());
        let counts: Vec<u32> = (0..64).map(|i| (i * 7) % 23).collect();
        assert!(keypairs(&array(&counts)).is_empty());
        let histogram: Vec<u32> = (0..64u32)
            .map(|i| 255 - (i.abs_diff(32) * 255 / 32))
            .collect();
        assert!(keypairs(&array(&histogram)).is_empty());
        let palette: Vec<u32> = (0..64)
            .map(|i| [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 0][i % 12])
            .collect();
        assert!(keypairs(&array(&palette)).is_empty());
        let gradient: Vec<u32> = (0..64).map(|i| i * 4).collect();
        assert!(keypairs(&array(&gradient)).is_empty());
    }

    proptest! {
        #[test]
        fn any_text_is_read_without_panic(s in "[\\[\\], 0-9]{0,400}") {
            for (start, end) in keypairs(&s) {
                prop_assert!(start < end && end <= s.len());
                prop_assert_eq!(&s[start..start + 1], "[");
            }
        }
    }
}
