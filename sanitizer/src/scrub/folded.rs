//! Text written to look like ASCII without being it: fullwidth forms
//! (`ｐａｓｓｗｏｒｄ＝ｈｕｎｔｅｒ２`, as East Asian input methods type them,
//! and as text pasted to dodge a filter reads) and invisible characters
//! inside a word (zero-width spaces and joiners, word joiners, soft
//! hyphens, byte-order marks: `ghp_` + U+200B + `16C7e...` is still the
//! token to whoever copies it). The rules are written for ASCII, so such a
//! text is also read as a view ([`View`], [`Escaping::Folded`]): fullwidth
//! forms as their ASCII letters, the ideographic space as a space,
//! invisible characters dropped. What the view finds is replaced over the
//! span it came from, in plain ASCII.
//!
//! A word that mixes Latin letters with Cyrillic or Greek look-alikes
//! (`раssword: ...` with a Cyrillic `р` and `а`) is read as the Latin it
//! looks like ([`crate::confusables`]), so that a label so written still
//! announces its value; words all in one script stay as they are.

use super::marks::Marks;
use super::views::{Escaping, View};

/// What `c` reads as: `Some(ascii)` for a fullwidth form or the
/// ideographic space, `None` for an invisible character (dropped), the
/// character itself otherwise.
fn fold(c: char) -> Option<char> {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(u32::from(c) - 0xfee0),
        '\u{3000}' => Some(' '),
        c if crate::confusables::invisible(c) => None,
        c => Some(c),
    }
}

/// Whether `c` is read otherwise in the view.
fn folds(c: char) -> bool {
    fold(c) != Some(c)
}

/// The folded view of `text`, when it has something to fold. Only texts
/// with one of the lead bytes of those characters (`0xC2`, `0xE2`,
/// `0xE3`, `0xEF`; of Cyrillic and Greek letters), as `marks` says, are
/// read character by character.
pub(super) fn view(text: &str, marks: Marks) -> Option<View> {
    let forms = marks.foldable() && text.chars().any(folds);
    let mixed = if marks.alike() {
        crate::confusables::mixed_words(text)
    } else {
        Vec::new()
    };
    if !forms && mixed.is_empty() {
        return None;
    }
    let mut decoded = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut ends = Vec::with_capacity(text.len());
    let mut words = mixed.iter().peekable();
    for (at, c) in text.char_indices() {
        while words.next_if(|&&(_, end)| end <= at).is_some() {}
        let alike = words
            .peek()
            .filter(|&&&(start, _)| start <= at)
            .and_then(|_| crate::confusables::latin(c));
        if let Some(read) = alike.or_else(|| fold(c)) {
            decoded.push(read);
            map.resize(decoded.len(), at);
            ends.resize(decoded.len(), at + c.len_utf8());
        }
    }
    map.push(text.len());
    Some(View {
        escaping: Escaping::Folded,
        decoded,
        map,
        ends,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fullwidth_forms_read_as_ascii_and_invisible_characters_are_dropped() {
        let text = "ｐａｓｓ＝ｘ\u{3000}ghp_\u{200b}16C7";
        let v = view(text, Marks::of(text)).expect("something to fold");
        assert_eq!(v.decoded, "pass=x ghp_16C7");
        // `x` maps back to the fullwidth `ｘ`, the token to its whole
        // span, the zero-width space inside.
        let x = v.decoded.find('x').expect("x");
        assert_eq!(&text[v.map[x]..v.map[x + 1]], "ｘ");
        let t = v.decoded.find("ghp_").expect("token");
        assert_eq!(&text[v.map[t]..v.map[v.decoded.len()]], "ghp_\u{200b}16C7");
        assert!(view("plain ascii", Marks::of("plain ascii")).is_none());
        assert!(
            view(
                "naïve “quotes” – dashes",
                Marks::of("naïve “quotes” – dashes")
            )
            .is_none(),
            "nothing to fold"
        );
    }

    #[test]
    fn look_alike_labels_read_as_latin_and_map_back() {
        let text = "раssword: Tr0ub4dor and ТОКЕN=x, Пароль: y";
        let v = view(text, Marks::of(text)).expect("mixed words");
        assert_eq!(v.decoded, "password: Tr0ub4dor and TOKEN=x, Пароль: y");
        let x = v.decoded.find("x,").expect("x");
        assert_eq!(&text[v.map[x]..v.map[x + 1]], "x");
        assert!(
            view(
                "Пароль: y, ΑΜΚΑ 12345678901",
                Marks::of("Пароль: y, ΑΜΚΑ 12345678901")
            )
            .is_none()
        );
    }

    proptest! {
        /// The map is in order, within the text, on its character
        /// boundaries, and each byte of the view comes from a character
        /// that reads as it.
        #[test]
        fn the_map_points_back_into_the_text(text in "[a-z=\u{ff01}-\u{ff5e}\u{200b}\u{3000}é аеорТΟ]{0,24}") {
            if let Some(v) = view(&text, Marks::of(&text)) {
                prop_assert_eq!(v.map.len(), v.decoded.len() + 1);
                prop_assert!(v.map.windows(2).all(|w| w[0] <= w[1]));
                prop_assert_eq!(v.map.last().copied(), Some(text.len()));
                for (i, c) in v.decoded.char_indices() {
                    let at = v.map[i];
                    prop_assert!(text.is_char_boundary(at));
                    let original = text[at..].chars().next().expect("a character");
                    prop_assert!(fold(original) == Some(c) || crate::confusables::latin(original) == Some(c));
                }
            }
        }
    }
}
