//! The name a term's writer puts before an encoded value: an Erlang
//! tuple's atom (`{password,<<104,...>>}`), a map's key in CBOR
//! diagnostic notation or JSON-like text (`"password": h'68...'`), an
//! assignment (`token=[104, ...]`). An encoded run with such a name is
//! scrubbed as the value of a member of that name
//! ([`super::blocks::Block::label`]), so key rules apply to it as they do
//! to the same value written plainly.

/// The name before `start` (where a run's brackets or prefix begin) and
/// where it starts: a word of letters, digits, `_`, `-` and `.`, maybe
/// quoted, then `:`, `,`, `=` or `=>` and maybe spaces.
pub(super) fn label_before(text: &str, start: usize) -> Option<(String, usize)> {
    let b = text.as_bytes();
    let mut i = start;
    while i > 0 && b[i - 1] == b' ' {
        i -= 1;
    }
    if i >= 2 && &b[i - 2..i] == b"=>" {
        i -= 2;
    } else if i >= 1 && matches!(b[i - 1], b':' | b',' | b'=') {
        i -= 1;
    } else {
        return None;
    }
    while i > 0 && b[i - 1] == b' ' {
        i -= 1;
    }
    let quoted = i > 0 && matches!(b[i - 1], b'"' | b'\'');
    let end = i - usize::from(quoted);
    let mut at = end;
    while at > 0 && (b[at - 1].is_ascii_alphanumeric() || matches!(b[at - 1], b'_' | b'-' | b'.')) {
        at -= 1;
    }
    if at == end || end - at > 64 || !b[at].is_ascii_alphabetic() {
        return None;
    }
    if quoted && (at == 0 || b[at - 1] != b[end]) {
        return None;
    }
    Some((text[at..end].to_owned(), at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_before_a_value() {
        let at = |t: &str, s: usize| label_before(t, s);
        assert_eq!(at("{password,<<1>>}", 10), Some(("password".into(), 1)));
        assert_eq!(at("{\"api_key\": h'00'}", 12), Some(("api_key".into(), 2)));
        assert_eq!(at("x => [1]", 5), Some(("x".into(), 0)));
        assert_eq!(at("got [1]", 4), None);
        assert_eq!(at("{1: h'00'}", 4), None);
    }

    proptest! {
        #[test]
        fn never_panics(s in "[a-z\"' :,=>{_]{0,20}", at in 0usize..20) {
            if at <= s.len() {
                if let Some((name, start)) = label_before(&s, at) {
                    prop_assert_eq!(&s[start..start + name.len()], name.as_str());
                }
            }
        }
    }
}
