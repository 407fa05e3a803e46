//! Letters of other scripts that look like Latin ones: Cyrillic `а`, `е`,
//! `о`, `р`, `с` and Greek `Α`, `Τ`, `Ο` read as `a e o p c`, `A T O` to
//! anyone who reads them. A label written with them (`раssword` with a
//! Cyrillic `р` and `а`, `ТОКЕN`) still says what its value is, to the
//! person who wrote it to dodge a filter and to whoever reads it; the key
//! rules are written in Latin letters, so such a label is read as the
//! Latin it looks like.
//!
//! Only a *mixed* word is read so: one that has a Latin letter as well as
//! a look-alike (the words of a label joined by `_` or `-` count as one:
//! `API_ΤΟΚΕΝ`). A word all in Cyrillic or Greek is a word of that
//! language (`пароль`, `ΑΜΚΑ`) and is matched as written, so the label
//! words of those languages keep working. The table is a small part of
//! Unicode's confusables list (`confusables.txt`): the letters of the
//! Cyrillic and Greek blocks that are drawn like a Latin letter.

/// The Latin letter `c` looks like, when it is a Cyrillic or Greek
/// look-alike of one.
pub(crate) fn latin(c: char) -> Option<char> {
    Some(match c {
        // Cyrillic, lower case.
        'а' => 'a',
        'в' => 'b',
        'г' => 'r',
        'е' => 'e',
        'һ' | 'н' => 'h',
        'і' => 'i',
        'ј' => 'j',
        'к' => 'k',
        'ӏ' => 'l',
        'м' => 'm',
        'п' => 'n',
        'о' => 'o',
        'р' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'т' => 't',
        'с' => 'c',
        'ѵ' => 'v',
        'ԝ' => 'w',
        'х' => 'x',
        'у' => 'y',
        'ԁ' => 'd',
        // Cyrillic, upper case.
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'Н' => 'H',
        'І' | 'Ӏ' => 'I',
        'Ј' => 'J',
        'К' => 'K',
        'М' => 'M',
        'О' => 'O',
        'Р' => 'P',
        'Ԛ' => 'Q',
        'Ѕ' => 'S',
        'Т' => 'T',
        'С' => 'C',
        'Ѵ' => 'V',
        'Ԝ' => 'W',
        'Х' => 'X',
        'У' | 'Ү' => 'Y',
        // Greek, upper case.
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        // Greek, lower case.
        'α' => 'a',
        'ε' => 'e',
        'γ' => 'y',
        'ι' => 'i',
        'κ' => 'k',
        'ν' => 'v',
        'ο' => 'o',
        'ρ' => 'p',
        'τ' => 't',
        'υ' => 'u',
        'χ' => 'x',
        'ω' => 'w',
        _ => return None,
    })
}

/// Whether UTF-8 `bytes` may hold a Cyrillic or Greek letter (one of
/// their lead bytes): texts without one are not read again.
pub(crate) fn may_hold(bytes: &[u8]) -> bool {
    bytes.iter().any(|&b| matches!(b, 0xce..=0xd4))
}

/// The words of `text` (runs of letters and digits, and of the `_` and
/// `-` that join a label's words, invisible characters inside them
/// ignored) that mix Latin letters and look-alikes: the spans
/// whose look-alikes read as Latin.
pub(crate) fn mixed_words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let (mut ascii, mut alike) = (false, false);
    let mut close = |start: Option<usize>, end: usize, ascii: bool, alike: bool| {
        if let Some(s) = start
            && ascii
            && alike
        {
            out.push((s, end));
        }
    };
    for (at, c) in text.char_indices() {
        if c.is_alphanumeric() || invisible(c) || c == '_' || c == '-' {
            start.get_or_insert(at);
            ascii |= c.is_ascii_alphabetic() || ('\u{ff21}'..='\u{ff5a}').contains(&c);
            alike |= latin(c).is_some();
        } else {
            close(start.take(), at, ascii, alike);
            (ascii, alike) = (false, false);
        }
    }
    close(start, text.len(), ascii, alike);
    out
}

/// Characters that show nothing: zero-width spaces and joiners, the word
/// joiner, the byte-order mark, the soft hyphen.
pub(crate) fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}'
    )
}

/// `name` with the look-alikes of its mixed words read as Latin; `None`
/// when it has none.
pub(crate) fn fold_mixed(name: &str) -> Option<String> {
    if !may_hold(name.as_bytes()) {
        return None;
    }
    let words = mixed_words(name);
    if words.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(name.len());
    let mut at = 0;
    for (s, e) in words {
        out.push_str(&name[at..s]);
        out.extend(name[s..e].chars().map(|c| latin(c).unwrap_or(c)));
        at = e;
    }
    out.push_str(&name[at..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn mixed_words_read_as_latin_and_words_of_one_script_stay() {
        assert_eq!(fold_mixed("раssword").as_deref(), Some("password"));
        assert_eq!(fold_mixed("ТОКЕN").as_deref(), Some("TOKEN"));
        assert_eq!(fold_mixed("api_kеy").as_deref(), Some("api_key"));
        assert_eq!(fold_mixed("Αpi-ΤΟΚΕΝ").as_deref(), Some("Api-TOKEN"));
        assert_eq!(fold_mixed("ΤΟΚΕΝ: x").as_deref(), None);
        // Russian and Greek words are words of their language.
        assert_eq!(fold_mixed("пароль"), None);
        assert_eq!(fold_mixed("ΑΜΚΑ"), None);
        assert_eq!(fold_mixed("Пароль: secret"), None);
        assert_eq!(fold_mixed("plain ascii"), None);
    }

    proptest! {
        /// Folding never panics, keeps the number of characters, and
        /// leaves a text with no mixed word alone.
        #[test]
        fn folding_keeps_the_characters_in_place(text in "[a-zA-Zаеорсх АОРТΑΟ_0-9\u{200b}]{0,24}") {
            match fold_mixed(&text) {
                Some(out) => prop_assert_eq!(out.chars().count(), text.chars().count()),
                None => prop_assert!(mixed_words(&text).is_empty()),
            }
        }
    }
}
