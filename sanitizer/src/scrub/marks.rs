//! The bytes a text holds that the text pass's stages look for, found in
//! one pass: each stage (percent-decoding, placeholders, names and values,
//! seed phrases, tables) first asks whether its mark is there, instead
//! of scanning the text for it on its own.

/// `%` or `+`: the text may be percent- or form-encoded.
const ESCAPE: u32 = 1;
/// `[`: the text may hold a scrub's placeholder.
const BRACKET: u32 = 2;
/// A separator after which a value is written (`=`, `:`, `>`, `%`, a space,
/// a tab, a line break), or the lead byte of a kana, a CJK ideograph or a
/// Hangul syllable (`0xE3` to `0xED`: those scripts write a label and its
/// value without a space, `密码是x`), or `(` (a call passes its value:
/// `setPassword("x")`): the text may hold a name and its value.
const SEPARATOR: u32 = 4;
/// A line break: the text may be a table.
const NEWLINE: u32 = 8;
/// `&`: the text may hold HTML character references.
const AMPERSAND: u32 = 16;
/// `=`: the text may be quoted-printable.
const EQUALS: u32 = 32;
/// `\`: the text may hold `\u` escapes or continued lines.
const BACKSLASH: u32 = 64;
/// `:`, `,` or a space: it may join hex pairs (`70:61`, `70 61`).
const PAIR_SEP: u32 = 128;
/// `>`: the text may quote an e-mail's lines (`> `) or redirect a
/// command's output.
const GREATER: u32 = 256;
/// `|`: the text may pipe a command into another.
const PIPE: u32 = 512;

/// `` ` ``, `*` or `_`: the text may be marked up (Slack's mrkdwn,
/// Markdown).
const MARKUP: u32 = 1024;
/// `{`: the text may hold a PHP `serialize()` array or object.
const BRACE: u32 = 2048;
/// `;`: ends a PHP `serialize()` scalar.
const SEMICOLON: u32 = 4096;
/// `$`: starts a RESP bulk string's length.
const DOLLAR: u32 = 8192;
/// A lead byte of a fullwidth form, the ideographic space or an invisible
/// character (`0xC2`, `0xE2`, `0xE3`, `0xEF`): see [`super::folded`].
const FOLDABLE: u32 = 16384;
/// A lead byte of a Cyrillic or Greek letter (`0xCE` to `0xD4`): see
/// [`crate::confusables`].
const ALIKE: u32 = 32768;
/// `<`: the text may hold an Erlang binary (`<<104,...>>`).
const LESS: u32 = 1 << 16;
/// `'`: the text may hold a CBOR byte string (`h'...'`).
const APOSTROPHE: u32 = 1 << 17;

/// The marks of every byte.
static MARKS: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'%' => ESCAPE | SEPARATOR,
            b'+' => ESCAPE,
            b'[' => BRACKET,
            b'=' => SEPARATOR | EQUALS,
            b'&' => AMPERSAND,
            b'\\' => BACKSLASH,
            b':' | b' ' => SEPARATOR | PAIR_SEP,
            b',' => PAIR_SEP,
            b'>' => SEPARATOR | GREATER,
            b'\t' => SEPARATOR,
            b'|' => PIPE,
            b'`' | b'*' | b'_' => MARKUP,
            b'{' => BRACE,
            b'(' => SEPARATOR,
            b';' => SEMICOLON,
            b'<' => LESS,
            b'\'' => APOSTROPHE,
            b'$' => DOLLAR,
            0xc2 | 0xe2 | 0xef => FOLDABLE,
            0xe3 => FOLDABLE | SEPARATOR,
            0xe4..=0xed => SEPARATOR,
            0xce..=0xd4 => ALIKE,
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
    marks: u32,
    spaces: usize,
    pairs: usize,
}

impl Marks {
    /// The marks of `text`, in one pass.
    pub(super) fn of(text: &str) -> Marks {
        let bytes = text.as_bytes();
        let mut marks = 0;
        let mut spaces = 0;
        let mut pairs = 0;
        let hex = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_hexdigit);
        for (i, &b) in bytes.iter().enumerate() {
            let m = MARKS[usize::from(b)];
            marks |= m;
            spaces += usize::from(b == b' ');
            if m & PAIR_SEP != 0 && i >= 2 && hex(i - 1) && hex(i - 2) && hex(i + 1) && hex(i + 2) {
                pairs += 1;
            }
        }
        Marks {
            marks,
            spaces,
            pairs,
        }
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

    /// A `&`.
    pub(super) fn ampersand(self) -> bool {
        self.marks & AMPERSAND != 0
    }

    /// A `=`.
    pub(super) fn equals(self) -> bool {
        self.marks & EQUALS != 0
    }

    /// A backslash.
    pub(super) fn backslash(self) -> bool {
        self.marks & BACKSLASH != 0
    }

    /// A `>`.
    pub(super) fn greater(self) -> bool {
        self.marks & GREATER != 0
    }

    /// A `|`.
    pub(super) fn pipe(self) -> bool {
        self.marks & PIPE != 0
    }

    /// A `` ` ``, a `*` or a `_`.
    pub(super) fn markup(self) -> bool {
        self.marks & MARKUP != 0
    }

    /// A `{` and a `;`.
    pub(super) fn brace_and_semicolon(self) -> bool {
        self.marks & (BRACE | SEMICOLON) == BRACE | SEMICOLON
    }

    /// A `*` (or a `` ` ``, a `_`) and a `$`.
    pub(super) fn star_and_dollar(self) -> bool {
        self.marks & (MARKUP | DOLLAR) == MARKUP | DOLLAR
    }

    /// A lead byte of a character [`super::folded`] reads as ASCII.
    pub(super) fn foldable(self) -> bool {
        self.marks & FOLDABLE != 0
    }

    /// A lead byte of a Cyrillic or Greek letter.
    pub(super) fn alike(self) -> bool {
        self.marks & ALIKE != 0
    }

    /// A `<`.
    pub(super) fn less(self) -> bool {
        self.marks & LESS != 0
    }

    /// A `'`.
    pub(super) fn apostrophe(self) -> bool {
        self.marks & APOSTROPHE != 0
    }

    /// A `;`.
    pub(super) fn semicolon(self) -> bool {
        self.marks & SEMICOLON != 0
    }

    /// How many `:`, `,` or spaces stand between two hex digits on each
    /// side (`70:61`): hex bytes written with a separator have many.
    pub(super) fn hex_pairs(self) -> usize {
        self.pairs
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
        fn marks_agree_with_scanning_for_each(text in "[a-z%+\\[=:<'; \t\n|.,\"{}é€0-9&\\\\]{0,40}") {
            let m = Marks::of(&text);
            let has = |set: &[char]| text.contains(set);
            proptest::prop_assert_eq!(m.escaped(), has(&['%', '+']));
            proptest::prop_assert_eq!(m.bracket(), has(&['[']));
            proptest::prop_assert_eq!(m.separator(), has(&['=', ':', ' ', '>', '%', '\t', '\n']));
            proptest::prop_assert_eq!(m.newline(), has(&['\n']));
            proptest::prop_assert_eq!(m.ampersand(), has(&['&']));
            proptest::prop_assert_eq!(m.equals(), has(&['=']));
            proptest::prop_assert_eq!(m.backslash(), has(&['\\']));
            proptest::prop_assert_eq!(m.greater(), has(&['>']));
            proptest::prop_assert_eq!(m.pipe(), has(&['|']));
            proptest::prop_assert_eq!(m.less(), has(&['<']));
            proptest::prop_assert_eq!(m.apostrophe(), has(&['\'']));
            proptest::prop_assert_eq!(m.semicolon(), has(&[';']));
            proptest::prop_assert_eq!(m.spaces(), text.matches(' ').count());
        }
    }
}
