//! PHP's `serialize()` format, as WordPress, Drupal, Magento and Laravel
//! store options, sessions and user meta in their databases and caches:
//! `a:2:{s:8:"password";s:7:"hunter2";s:2:"id";i:7;}`.
//!
//! A value is `N;` (null), `b:0;`, `i:42;`, `d:0.5;`, a string
//! `s:LEN:"...";` (`LEN` in bytes), an enum case `E:LEN:"Suit:Hearts";`,
//! an array `a:COUNT:{key value ...}` (each key an `i:` or an `s:`), an
//! object `O:LEN:"Class":COUNT:{name value ...}` (a protected member's
//! name is written `\0*\0name`, a private one's `\0Class\0name`), an
//! object that serializes itself `C:LEN:"Class":LEN:{data}`, or a
//! reference `r:N;`, `R:N;`.
//!
//! [`serialized`] finds the arrays and objects in a text and reads each
//! into its scalars: every string and number, with the name of the member
//! or array key it is the value of. The text pass scrubs each as the value
//! of a member of that name (so the key rules apply as they do to the same
//! value in JSON) and [`Leaf::write`] writes what replaces it back with its
//! length in bytes, so that the result still unserializes; a number whose
//! replacement is no number becomes a string.

/// How deep arrays and objects are read inside one another.
const MAX_NESTING: usize = 32;

/// A serialized array or object in a text: its span and its scalars.
#[derive(Debug)]
pub(super) struct Serialized {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) leaves: Vec<Leaf>,
}

/// A scalar of a serialized value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Leaf {
    /// The member's name or the array key this is the value of (`None`
    /// for a key itself, or a value under a number).
    pub(super) name: Option<String>,
    /// Where the scalar's tag starts (`s` of `s:3:"abc"`).
    pub(super) tag: usize,
    /// Where the length of a custom object's data starts.
    len_at: usize,
    /// Its content's span (`abc`).
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) kind: LeafKind,
}

/// What kind of scalar a leaf is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LeafKind {
    /// `s:LEN:"..."`.
    Str,
    /// `i:...` or `d:...`.
    Number,
    /// The data of `C:LEN:"Class":LEN:{data}`.
    Custom,
}

impl Leaf {
    /// The span to replace and what replaces it when the content becomes
    /// `with`: a string with its new length, a number as a number when
    /// `with` still reads as one, else as a string.
    pub(super) fn write(&self, with: &str) -> (usize, usize, String) {
        match self.kind {
            LeafKind::Str => (
                self.tag,
                self.end + 1,
                format!("s:{}:\"{with}\"", with.len()),
            ),
            LeafKind::Number if with.parse::<f64>().is_ok() => {
                (self.start, self.end, with.to_owned())
            }
            LeafKind::Number => (self.tag, self.end, format!("s:{}:\"{with}\"", with.len())),
            LeafKind::Custom => (
                self.len_at,
                self.end + 1,
                format!("{}:{{{with}}}", with.len()),
            ),
        }
    }
}

/// Whether `text` may hold a serialized array or object: `a:` or `O:`
/// followed by a digit.
pub(super) fn mentions(text: &str) -> bool {
    let b = text.as_bytes();
    text.match_indices(":{").any(|(at, _)| {
        let head = &b[..at];
        let digits = head.iter().rev().take_while(|c| c.is_ascii_digit()).count();
        digits > 0 && head.len() > digits + 1 && head[head.len() - digits - 1] == b':'
    })
}

/// The serialized arrays and objects in `text`, outermost only, in order.
pub(super) fn serialized(text: &str) -> Vec<Serialized> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while at + 4 < b.len() {
        let starts = matches!(b[at], b'a' | b'O' | b'C')
            && b[at + 1] == b':'
            && (at == 0 || !b[at - 1].is_ascii_alphanumeric());
        if starts {
            let mut p = Parser {
                text,
                at,
                leaves: Vec::new(),
            };
            if p.value(None, 0).is_some() && p.leaves.iter().any(|l| l.kind != LeafKind::Number) {
                out.push(Serialized {
                    start: at,
                    end: p.at,
                    leaves: p.leaves,
                });
                at = p.at;
                continue;
            }
        }
        at += 1;
    }
    out
}

struct Parser<'t> {
    text: &'t str,
    at: usize,
    leaves: Vec<Leaf>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.at += 1)
    }

    /// Digits (and a sign, a point, an exponent for a float) up to `end`.
    fn number(&mut self, end: u8) -> Option<(usize, usize)> {
        let start = self.at;
        while let Some(c) = self.peek() {
            if c == end {
                break;
            }
            if !(c.is_ascii_digit()
                || matches!(
                    c,
                    b'-' | b'+' | b'.' | b'E' | b'e' | b'I' | b'N' | b'F' | b'A'
                ))
            {
                return None;
            }
            self.at += 1;
        }
        (self.at > start).then_some((start, self.at))
    }

    fn count(&mut self, end: u8) -> Option<usize> {
        let (s, e) = self.number(end)?;
        let n = self.text[s..e].parse().ok()?;
        self.eat(end)?;
        Some(n)
    }

    /// `LEN:"...."`: the content's span.
    fn quoted(&mut self) -> Option<(usize, usize)> {
        let len = self.count(b':')?;
        self.eat(b'"')?;
        let start = self.at;
        let end = start.checked_add(len)?;
        self.text.get(start..end)?;
        self.at = end;
        self.eat(b'"')?;
        Some((start, end))
    }

    /// One value, the value of `name`; its scalars go to `leaves`.
    fn value(&mut self, name: Option<&str>, depth: usize) -> Option<()> {
        if depth > MAX_NESTING {
            return None;
        }
        let tag = self.at;
        let t = self.peek()?;
        self.at += 1;
        if t == b'N' {
            return self.eat(b';');
        }
        self.eat(b':')?;
        match t {
            b'b' | b'r' | b'R' => {
                self.number(b';')?;
                self.eat(b';')
            }
            b'i' | b'd' => {
                let (start, end) = self.number(b';')?;
                self.eat(b';')?;
                self.leaves.push(Leaf {
                    name: name.map(str::to_owned),
                    tag,
                    len_at: tag,
                    start,
                    end,
                    kind: LeafKind::Number,
                });
                Some(())
            }
            b's' | b'E' => {
                let (start, end) = self.quoted()?;
                self.eat(b';')?;
                if t == b's' {
                    self.leaves.push(Leaf {
                        name: name.map(str::to_owned),
                        tag,
                        len_at: tag,
                        start,
                        end,
                        kind: LeafKind::Str,
                    });
                }
                Some(())
            }
            b'a' => {
                let n = self.count(b':')?;
                self.eat(b'{')?;
                self.members(n, depth)?;
                self.eat(b'}')
            }
            b'O' => {
                self.quoted()?;
                self.eat(b':')?;
                let n = self.count(b':')?;
                self.eat(b'{')?;
                self.members(n, depth)?;
                self.eat(b'}')
            }
            b'C' => {
                self.quoted()?;
                self.eat(b':')?;
                let len_at = self.at;
                let len = self.count(b':')?;
                self.eat(b'{')?;
                let start = self.at;
                let end = start.checked_add(len)?;
                self.text.get(start..end)?;
                self.at = end;
                self.eat(b'}')?;
                self.leaves.push(Leaf {
                    name: name.map(str::to_owned),
                    tag,
                    len_at,
                    start,
                    end,
                    kind: LeafKind::Custom,
                });
                Some(())
            }
            _ => None,
        }
    }

    /// `n` pairs of a key and a value.
    fn members(&mut self, n: usize, depth: usize) -> Option<()> {
        for _ in 0..n {
            let key_at = self.leaves.len();
            let name = match self.peek()? {
                b's' => {
                    self.value(None, depth + 1)?;
                    let key = self.leaves.get(key_at)?;
                    Some(member_name(&self.text[key.start..key.end]).to_owned())
                }
                b'i' => {
                    self.value(None, depth + 1)?;
                    // A number key is no scalar of the data.
                    self.leaves.truncate(key_at);
                    None
                }
                _ => return None,
            };
            self.value(name.as_deref(), depth + 1)?;
        }
        Some(())
    }
}

/// A member's name without the `\0*\0` (protected) or `\0Class\0`
/// (private) that PHP writes before it.
fn member_name(raw: &str) -> &str {
    match raw.strip_prefix('\0') {
        Some(rest) => rest.split_once('\0').map_or(rest, |(_, name)| name),
        None => raw,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn leaves(text: &str) -> Vec<(Option<String>, &str)> {
        serialized(text)
            .iter()
            .flat_map(|s| s.leaves.clone())
            .map(|l| (l.name, &text[l.start..l.end]))
            .collect()
    }

    #[test]
    fn arrays_and_objects_pair_names_with_values() {
        let text = "a:3:{s:2:\"id\";i:17;s:8:\"password\";s:7:\"hunter2\";s:4:\"user\";O:8:\"stdClass\":2:{s:5:\"email\";s:11:\"bob@x.co.uk\";s:8:\"\0*\0token\";N;}}";
        let found = leaves(text);
        assert_eq!(
            found,
            [
                (None, "id"),
                (Some("id".to_owned()), "17"),
                (None, "password"),
                (Some("password".to_owned()), "hunter2"),
                (None, "user"),
                (None, "email"),
                (Some("email".to_owned()), "bob@x.co.uk"),
                (None, "\0*\0token"),
            ]
        );
        assert_eq!(serialized(text)[0].end, text.len());
    }

    #[test]
    fn lengths_are_bytes_and_private_names_lose_their_class() {
        let text = "O:4:\"User\":1:{s:10:\"\0User\0pass\";s:5:\"grün\";}";
        assert_eq!(leaves(text)[1], (Some("pass".to_owned()), "grün"));
        // A wrong length is no serialized string.
        assert!(serialized("a:1:{s:3:\"ab\";i:1;}").is_empty());
        assert!(!mentions("function() {}"));
        assert!(mentions("x a:1:{i:0;s:1:\"a\";}"));
    }

    #[test]
    fn serialized_values_are_found_inside_longer_text() {
        let text = r#"UPDATE wp_options SET v='a:1:{s:6:"secret";s:3:"abc";}' WHERE id=1"#;
        let s = serialized(text);
        assert_eq!(s.len(), 1);
        assert_eq!(
            &text[s[0].start..s[0].end],
            r#"a:1:{s:6:"secret";s:3:"abc";}"#
        );
    }

    #[test]
    fn replacements_are_written_with_their_new_length() {
        let text = r#"a:2:{s:3:"pin";i:4711;s:4:"card";C:3:"Foo":5:{hello}}"#;
        let s = &serialized(text)[0];
        let pin = &s.leaves[1];
        assert_eq!(pin.write("1234"), (pin.start, pin.end, "1234".to_owned()));
        assert_eq!(pin.write("[redacted:pin]").2, "s:14:\"[redacted:pin]\"");
        let card = &s.leaves[3];
        let (start, end, with) = card.write("bye");
        assert_eq!(&text[start..end], "5:{hello}");
        assert_eq!(with, "3:{bye}");
    }

    proptest! {
        /// Reading never panics, and every leaf is inside its value.
        #[test]
        fn reading_stays_inside_the_text(text in r#"(a:[0-3]:\{|s:[0-9]:"[a-zé]{0,4}";|i:[0-9]{1,3};|O:1:"C":1:\{|\}|N;|b:1;|[a-z ])*"#) {
            for s in serialized(&text) {
                prop_assert!(s.start < s.end && s.end <= text.len());
                for l in &s.leaves {
                    prop_assert!(s.start <= l.tag && l.tag < l.start && l.start <= l.end && l.end <= s.end);
                    prop_assert!(text.is_char_boundary(l.start) && text.is_char_boundary(l.end));
                }
            }
        }

        /// A string rewritten with any content still reads back as that
        /// content.
        #[test]
        fn rewritten_strings_read_back(with in "[a-zA-Z0-9 é\\[\\]:;\"{}]{0,20}") {
            let text = r#"a:1:{s:4:"pass";s:3:"abc";}"#;
            let s = &serialized(text)[0];
            let (start, end, w) = s.leaves[1].write(&with);
            let out = format!("{}{w}{}", &text[..start], &text[end..]);
            let again = serialized(&out);
            prop_assert_eq!(again.len(), 1);
            let leaf = &again[0].leaves[1];
            prop_assert_eq!(&out[leaf.start..leaf.end], with.as_str());
        }
    }
}
