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

use super::views::{Escaping, View};

/// What `c` reads as: `Some(ascii)` for a fullwidth form or the
/// ideographic space, `None` for an invisible character (dropped), the
/// character itself otherwise.
fn fold(c: char) -> Option<char> {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(u32::from(c) - 0xfee0),
        '\u{3000}' => Some(' '),
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}' => None,
        c => Some(c),
    }
}

/// Whether `c` is read otherwise in the view.
fn folds(c: char) -> bool {
    fold(c) != Some(c)
}

/// The folded view of `text`, when it has something to fold. Only texts
/// with one of the lead bytes of those characters (`0xC2`, `0xE2`,
/// `0xE3`, `0xEF`) are read character by character.
pub(super) fn view(text: &str) -> Option<View> {
    let b = text.as_bytes();
    if !b.iter().any(|&x| matches!(x, 0xc2 | 0xe2 | 0xe3 | 0xef)) || !text.chars().any(folds) {
        return None;
    }
    let mut decoded = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        if let Some(read) = fold(c) {
            decoded.push(read);
            map.resize(decoded.len(), at);
        }
    }
    map.push(text.len());
    Some(View {
        escaping: Escaping::Folded,
        decoded,
        map,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fullwidth_forms_read_as_ascii_and_invisible_characters_are_dropped() {
        let text = "ｐａｓｓ＝ｘ\u{3000}ghp_\u{200b}16C7";
        let v = view(text).expect("something to fold");
        assert_eq!(v.decoded, "pass=x ghp_16C7");
        // `x` maps back to the fullwidth `ｘ`, the token to its whole
        // span, the zero-width space inside.
        let x = v.decoded.find('x').expect("x");
        assert_eq!(&text[v.map[x]..v.map[x + 1]], "ｘ");
        let t = v.decoded.find("ghp_").expect("token");
        assert_eq!(&text[v.map[t]..v.map[v.decoded.len()]], "ghp_\u{200b}16C7");
        assert!(view("plain ascii").is_none());
        assert!(view("naïve “quotes” – dashes").is_none(), "nothing to fold");
    }

    proptest! {
        /// The map is in order, within the text, on its character
        /// boundaries, and each byte of the view comes from a character
        /// that reads as it.
        #[test]
        fn the_map_points_back_into_the_text(text in "[a-z=\u{ff01}-\u{ff5e}\u{200b}\u{3000}é ]{0,24}") {
            if let Some(v) = view(&text) {
                prop_assert_eq!(v.map.len(), v.decoded.len() + 1);
                prop_assert!(v.map.windows(2).all(|w| w[0] <= w[1]));
                prop_assert_eq!(v.map.last().copied(), Some(text.len()));
                for (i, c) in v.decoded.char_indices() {
                    let at = v.map[i];
                    prop_assert!(text.is_char_boundary(at));
                    let original = text[at..].chars().next().expect("a character");
                    prop_assert_eq!(fold(original), Some(c));
                }
            }
        }
    }
}
