//! Wallet seed phrases written bare, with no name to announce them: a run
//! of 12, 15, 18, 21 or 24 lowercase words of three to eight letters (the
//! shape of a BIP-39 mnemonic), no word twice, standing on its own (no
//! other lowercase word right before or after it). Prose rarely has twelve
//! words in a row without a short word (`a`, `to`, `of`) or a repeat.
//!
//! A phrase with words around it (`my seed phrase is ...`, a log line) is
//! found when it is a real mnemonic: 12 to 24 words of the BIP-39 English
//! list (`bip39_english.txt`, the list the standard publishes) whose last
//! bits are the SHA-256 checksum of the rest, which prose never is.

use std::sync::LazyLock;

use sha2::{Digest, Sha256};

use crate::spans::Spans;

/// The BIP-39 English word list, in its (alphabetical) order.
static WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| include_str!("bip39_english.txt").lines().collect());

/// The index of `word` in the BIP-39 list.
fn index_of(word: &str) -> Option<usize> {
    WORDS.binary_search(&word).ok()
}

/// Whether the word indices `idx` (12, 15, 18, 21 or 24 of them) carry a
/// valid BIP-39 checksum.
fn checksum_valid(idx: &[usize]) -> bool {
    let n = idx.len();
    let cs_bits = n / 3;
    let ent_bytes = (n * 11 - cs_bits) / 8;
    let mut bits = Vec::with_capacity(n * 11);
    for &i in idx {
        bits.extend((0..11).rev().map(|b| i >> b & 1 == 1));
    }
    let entropy: Vec<u8> = bits[..ent_bytes * 8]
        .chunks(8)
        .map(|c| c.iter().fold(0u8, |a, &b| a << 1 | u8::from(b)))
        .collect();
    let hash = Sha256::digest(&entropy);
    (0..cs_bits).all(|k| bits[ent_bytes * 8 + k] == (hash[k / 8] >> (7 - k % 8) & 1 == 1))
}

/// Checksum-valid mnemonics among the lowercase words of `text`, wherever
/// they stand.
fn checked_phrases(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // Runs of consecutive list words (separated by whitespace only).
    let mut run: Vec<(usize, usize, usize)> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut flush = |run: &mut Vec<(usize, usize, usize)>| {
        let mut k = 0;
        while run.len() >= 12 && k + 12 <= run.len() {
            let hit = [24, 21, 18, 15, 12].into_iter().find(|&n| {
                k + n <= run.len()
                    && checksum_valid(&run[k..k + n].iter().map(|w| w.2).collect::<Vec<_>>())
            });
            if let Some(n) = hit {
                out.push((run[k].0, run[k + n - 1].1));
                k += n;
            } else {
                k += 1;
            }
        }
        run.clear();
    };
    while i < bytes.len() {
        if bytes[i].is_ascii_lowercase() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            let joined = run.last().is_none_or(|&(_, end, _)| {
                text[end..start].bytes().all(|b| b.is_ascii_whitespace())
            });
            if !joined {
                flush(&mut run);
            }
            match index_of(&text[start..i]) {
                Some(idx)
                    if !bytes
                        .get(i)
                        .is_some_and(|b| b.is_ascii_digit() || *b == b'_') =>
                {
                    run.push((start, i, idx));
                }
                _ => flush(&mut run),
            }
        } else {
            if !bytes[i].is_ascii_whitespace() {
                flush(&mut run);
            }
            i += 1;
        }
    }
    flush(&mut run);
    out
}

/// The spans of the seed phrases in `text`.
pub(crate) fn seed_phrases(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // Words: maximal runs of ASCII letters; a run of them is joined by
    // single spaces.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    let flush = |words: &mut Vec<(usize, usize)>, out: &mut Vec<(usize, usize)>| {
        // `mnemonic embark west ...`, `seed phrase: ...` written without a
        // separator: up to two leading label words are not the phrase.
        let labels = words
            .iter()
            .take(2)
            .take_while(|&&(s, e)| SEED_LABELS.contains(&&text[s..e]))
            .count();
        let phrase = (0..=labels)
            .map(|skip| &words[skip..])
            .find(|rest| is_phrase(text, rest));
        if let Some(phrase) = phrase
            && let (Some(first), Some(last)) = (phrase.first(), phrase.last())
        {
            out.push((first.0, last.1));
        }
        words.clear();
    };
    while i < bytes.len() {
        if bytes[i].is_ascii_alphabetic() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            let joined = words
                .last()
                .is_some_and(|&(_, end)| start == end + 1 && bytes[end] == b' ');
            if !joined {
                flush(&mut words, &mut out);
            }
            // A word glued to digits or underscores is an identifier.
            if i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'_') {
                words.clear();
                while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                continue;
            }
            words.push((start, i));
        } else {
            i += 1;
        }
    }
    flush(&mut words, &mut out);
    // Twelve words or more in a row are rare outside a mnemonic: only then
    // is the word list consulted.
    if text.split_ascii_whitespace().nth(11).is_some() {
        let found = Spans::new(out.clone());
        for (s, e) in checked_phrases(text) {
            if !found.overlaps(s, e) {
                out.push((s, e));
            }
        }
        out.sort_unstable();
    }
    out
}

/// Words that label a seed phrase written right before it.
const SEED_LABELS: &[&str] = &[
    "mnemonic", "seed", "phrase", "recovery", "backup", "wallet", "words", "secret",
];

/// Whether the words at `spans` are a seed phrase.
fn is_phrase(text: &str, spans: &[(usize, usize)]) -> bool {
    if !matches!(spans.len(), 12 | 15 | 18 | 21 | 24) {
        return false;
    }
    let words: Vec<&str> = spans.iter().map(|&(s, e)| &text[s..e]).collect();
    if !words
        .iter()
        .all(|w| (3..=8).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_lowercase()))
    {
        return false;
    }
    let mut sorted = words.clone();
    sorted.sort_unstable();
    sorted.windows(2).all(|p| p[0] != p[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_a_mnemonic_after_its_label_word_is_found() {
        let phrase = "embark west crystal brass portion elbow hidden dirt pride market pumpkin step stone welcome arena suspect grape rhythm winner boat common cage brisk laugh";
        for label in ["mnemonic", "seed phrase", "recovery"] {
            let text = format!("{label} {phrase} — is that the right one?");
            let found = seed_phrases(&text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(&text[found[0].0..found[0].1], phrase);
        }
    }

    #[test]
    fn a_bare_mnemonic_is_found() {
        let phrase = "dust balance initial skirt strategy load spend fall lens car crucial access";
        for text in [
            phrase.to_owned(),
            format!("see below ({phrase}), will follow up"),
            format!("{phrase}\nThanks"),
        ] {
            let found = seed_phrases(&text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(&text[found[0].0..found[0].1], phrase);
        }
    }

    #[test]
    fn a_checksum_valid_mnemonic_is_found_inside_prose() {
        // The BIP-39 test vector for 16 bytes of 0x7f.
        let phrase = "legal winner thank year wave sausage worth useful legal winner thank yellow";
        let text = format!("my seed phrase is {phrase} and it stopped working");
        let found = seed_phrases(&text);
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(&text[found[0].0..found[0].1], phrase);
        // One word changed: no checksum, and prose around it.
        let wrong = text.replace("yellow", "zoo");
        assert!(seed_phrases(&wrong).is_empty());
    }

    #[test]
    fn prose_is_not_a_mnemonic() {
        for text in [
            "Please review the attached report before the meeting on Friday and let me know if anything is missing.",
            "the cache warmup took longer than expected because the new nodes were cold and slow today",
            "dust balance initial skirt strategy load spend fall lens car crucial",
            // Thirteen list words without a valid checksum in any twelve
            // (with `access` last, the first twelve are a real mnemonic:
            // `a_checksum_valid_mnemonic_is_found_inside_prose`).
            "dust balance initial skirt strategy load spend fall lens car crucial zoo more",
            "alpha beta gamma delta alpha zeta theta iota kappa lambda sigma omega",
        ] {
            assert!(seed_phrases(text).is_empty(), "{text}");
        }
    }
}
