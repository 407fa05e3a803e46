//! The redaction placeholder, `"[redacted:RULE]"`: how it is written and how
//! replay and `verify` recognise it. The format is defined here once.

/// How every redaction placeholder starts; it ends with `]`.
pub const REDACTED_PREFIX: &str = "[redacted:";

/// The placeholder that replaces a value (or a span of a string) redacted by
/// rule `rule`.
///
/// ```
/// assert_eq!(reprise::sanitizer::placeholder("key:password"), "[redacted:key:password]");
/// ```
pub fn placeholder(rule: &str) -> String {
    let mut out = String::with_capacity(REDACTED_PREFIX.len() + rule.len() + 1);
    out.push_str(REDACTED_PREFIX);
    out.push_str(rule);
    out.push(']');
    out
}

/// The length of the placeholder at the start of `s`, if `s` starts with one.
fn placeholder_len(s: &str) -> Option<usize> {
    let rest = s.strip_prefix(REDACTED_PREFIX)?;
    let close = rest.find([']', '['])?;
    (rest.as_bytes()[close] == b']' && close > 0).then_some(REDACTED_PREFIX.len() + close + 1)
}

/// Whether `s` is, as a whole, one redaction placeholder: the value was
/// redacted and replay treats it as "anything".
///
/// ```
/// use reprise::sanitizer::is_redacted;
/// assert!(is_redacted("[redacted:key:token]"));
/// assert!(!is_redacted("Bearer [redacted:auth-header]"), "only part of it");
/// assert!(!is_redacted("[redacted:a] [redacted:b]"));
/// assert!(!is_redacted("[redacted:]"));
/// ```
pub fn is_redacted(s: &str) -> bool {
    placeholder_len(s) == Some(s.len())
}

/// Whether `s` holds at least one redaction placeholder, whole or inside
/// a longer string.
///
/// ```
/// assert!(reprise::sanitizer::contains_redacted("from [redacted:email] at 9"));
/// assert!(!reprise::sanitizer::contains_redacted("[redacted"));
/// ```
pub fn contains_redacted(s: &str) -> bool {
    s.match_indices(REDACTED_PREFIX)
        .any(|(at, _)| placeholder_len(&s[at..]).is_some())
}

/// Whether `s` holds [`REDACTED_PREFIX`] (a placeholder, or the start of
/// one). Asked of every string scrubbed, so it looks for the `[` first:
/// most text has none.
pub(crate) fn mentions_redacted(s: &str) -> bool {
    s.as_bytes().contains(&b'[') && s.contains(REDACTED_PREFIX)
}

/// The spans of the placeholders in `s`: what a scrub wrote, which no rule
/// takes again.
pub(crate) fn redacted_spans(s: &str) -> Vec<(usize, usize)> {
    s.match_indices(REDACTED_PREFIX)
        .filter_map(|(at, _)| placeholder_len(&s[at..]).map(|len| (at, at + len)))
        .collect()
}

/// Whether `actual` matches `expected` when every placeholder in
/// `expected` stands for any text (the span the sanitizer redacted): the
/// text around the placeholders must match exactly. A string without a
/// placeholder matches only itself.
///
/// ```
/// use reprise::sanitizer::matches_redacted;
/// let expected = "GET /me with Bearer [redacted:auth-header] from 10.0.0.1";
/// assert!(matches_redacted(expected, "GET /me with Bearer abc.def from 10.0.0.1"));
/// assert!(!matches_redacted(expected, "GET /you with Bearer abc.def from 10.0.0.1"));
/// assert!(matches_redacted("[redacted:key:token]", "anything at all"));
/// assert!(!matches_redacted("plain", "other"));
/// ```
pub fn matches_redacted(expected: &str, actual: &str) -> bool {
    // Split `expected` into the literal pieces between placeholders.
    let mut pieces = Vec::new();
    let mut rest = expected;
    let mut literal = String::new();
    loop {
        match rest.find(REDACTED_PREFIX) {
            Some(at) => {
                literal.push_str(&rest[..at]);
                let tail = &rest[at..];
                match placeholder_len(tail) {
                    Some(len) => {
                        pieces.push(std::mem::take(&mut literal));
                        rest = &tail[len..];
                    }
                    None => {
                        literal.push_str(REDACTED_PREFIX);
                        rest = &tail[REDACTED_PREFIX.len()..];
                    }
                }
            }
            None => {
                literal.push_str(rest);
                pieces.push(literal);
                break;
            }
        }
    }
    if pieces.len() == 1 {
        return expected == actual;
    }
    // A glob with `*` between the pieces: the first is a prefix, the last a
    // suffix, the middle ones appear in order (leftmost is always right).
    let (first, last) = (&pieces[0], &pieces[pieces.len() - 1]);
    let Some(mut middle) = actual.strip_prefix(first.as_str()) else {
        return false;
    };
    if middle.len() < last.len() || !middle.ends_with(last.as_str()) {
        return false;
    }
    middle = &middle[..middle.len() - last.len()];
    for piece in &pieces[1..pieces.len() - 1] {
        match middle.find(piece.as_str()) {
            Some(at) => middle = &middle[at + piece.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_between_placeholders() {
        let e = "a[redacted:x]b[redacted:y]c";
        assert!(matches_redacted(e, "abc"));
        assert!(matches_redacted(e, "a1b2c"));
        assert!(matches_redacted(e, "abbbc"));
        assert!(!matches_redacted(e, "a1c"));
        assert!(!matches_redacted(e, "ab"));
        assert!(matches_redacted(
            "x[redacted:r]x",
            "x"[..].repeat(2).as_str()
        ));
        assert!(!matches_redacted("x[redacted:r]x", "x"));
        assert!(matches_redacted("[redacted", "[redacted"));
        assert!(!matches_redacted("[redacted:a]]", "zz"));
        assert!(matches_redacted("[redacted:a]]", "zz]"));
    }

    #[test]
    fn the_placeholder_written_is_recognised() {
        let p = placeholder("email");
        assert!(is_redacted(&p) && contains_redacted(&p) && matches_redacted(&p, "x"));
    }
}
