//! The bytes a text holds that the text pass's stages look for, found in
//! one pass: each stage (percent-decoding, placeholders, names and values,
//! seed phrases, tables) first asks whether its mark is there, instead
//! of scanning the text for it on its own.

/// `%` or `+`: the text may be percent- or form-encoded.
const ESCAPE: u8 = 1;
/// `[`: the text may hold a scrub's placeholder.
const BRACKET: u8 = 2;
/// A separator after which a value is written (`=`, `:`, `>`, `%`, a space,
/// a tab, a line break): the text may hold a name and its value.
const SEPARATOR: u8 = 4;
/// A line break: the text may be a table.
const NEWLINE: u8 = 8;

/// The marks of every byte.
static MARKS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'%' => ESCAPE | SEPARATOR,
            b'+' => ESCAPE,
            b'[' => BRACKET,
            b'=' | b':' | b'>' | b' ' | b'\t' => SEPARATOR,
            b'\n' => SEPARATOR | NEWLINE,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// What a text holds, as far as the text pass's stages ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Marks {
    marks: u8,
    spaces: usize,
}

impl Marks {
    /// The marks of `text`, in one pass.
    pub(super) fn of(text: &str) -> Marks {
        let mut marks = 0;
        let mut spaces = 0;
        for &b in text.as_bytes() {
            marks |= MARKS[usize::from(b)];
            spaces += usize::from(b == b' ');
        }
        Marks { marks, spaces }
    }

    /// A `%` or a `+`.
    pub(super) fn escaped(self) -> bool {
        self.marks & ESCAPE != 0
    }

    /// A `[`, which every placeholder starts with.
    pub(super) fn bracket(self) -> bool {
        self.marks & BRACKET != 0
    }

    /// A byte a value can be written after (see
    /// [`crate::name_value::NameValues::find`]).
    pub(super) fn separator(self) -> bool {
        self.marks & SEPARATOR != 0
    }

    /// A line break.
    pub(super) fn newline(self) -> bool {
        self.marks & NEWLINE != 0
    }

    /// How many spaces.
    pub(super) fn spaces(self) -> usize {
        self.spaces
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Each mark says exactly what a scan of the text for it says.
        #[test]
        fn marks_agree_with_scanning_for_each(text in "[a-z%+\\[=:> \t\n|.,\"{}é€0-9]{0,40}") {
            let m = Marks::of(&text);
            let has = |set: &[char]| text.contains(set);
            proptest::prop_assert_eq!(m.escaped(), has(&['%', '+']));
            proptest::prop_assert_eq!(m.bracket(), has(&['[']));
            proptest::prop_assert_eq!(m.separator(), has(&['=', ':', ' ', '>', '%', '\t', '\n']));
            proptest::prop_assert_eq!(m.newline(), has(&['\n']));
            proptest::prop_assert_eq!(m.spaces(), text.matches(' ').count());
        }
    }
}
