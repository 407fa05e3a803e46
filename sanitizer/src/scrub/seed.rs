//! Wallet seed phrases written bare, with no name to announce them: a run
//! of 12, 15, 18, 21 or 24 lowercase words of three to eight letters (the
//! shape of a BIP-39 mnemonic), no word twice, standing on its own (no
//! other lowercase word right before or after it). Prose rarely has twelve
//! words in a row without a short word (`a`, `to`, `of`) or a repeat.

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
    fn prose_is_not_a_mnemonic() {
        for text in [
            "Please review the attached report before the meeting on Friday and let me know if anything is missing.",
            "the cache warmup took longer than expected because the new nodes were cold and slow today",
            "dust balance initial skirt strategy load spend fall lens car crucial",
            "dust balance initial skirt strategy load spend fall lens car crucial access more",
            "alpha beta gamma delta alpha zeta theta iota kappa lambda sigma omega",
        ] {
            assert!(seed_phrases(text).is_empty(), "{text}");
        }
    }
}
