//! Text inside binary: where the printable runs of a byte buffer are (a
//! protobuf message's string fields, the JSON after a schema-registry
//! prefix, the strings of any other frame), so that the text pass can
//! scrub them in place.
//!
//! A buffer is first read as a protobuf message (after a gRPC frame's
//! five-byte prefix, if it has one): every length-delimited field whose
//! bytes are printable text is a run, one whose bytes are a message is
//! read the same way, and any other is searched like `strings` does. A
//! buffer that is no protobuf message is searched like `strings` as a
//! whole: every run of at least [`MIN_RUN`] printable characters.
//!
//! The caller replaces a run's bytes with as many bytes, so that every
//! length the frame holds stays right.

/// The shortest run of printable characters taken outside a protobuf
/// field (`strings` takes four; shorter runs are noise in random bytes).
pub(super) const MIN_RUN: usize = 6;
/// How deep protobuf messages inside messages are followed.
const MAX_NESTING: usize = 8;

/// The printable runs of `bytes`, in order, not overlapping.
pub(super) fn text_runs(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let body = grpc_body(bytes);
    if body < bytes.len() && message(bytes, body, 0, &mut runs) {
        return runs;
    }
    runs.clear();
    strings(bytes, 0, bytes.len(), MIN_RUN, &mut runs);
    runs
}

/// Where the message of a gRPC frame (a compression flag, a big-endian
/// length, the message) starts, or 0 for a buffer with no such prefix.
fn grpc_body(bytes: &[u8]) -> usize {
    match bytes {
        [0, a, b, c, d, rest @ ..]
            if u32::from_be_bytes([*a, *b, *c, *d]) as usize == rest.len() =>
        {
            5
        }
        _ => 0,
    }
}

/// Reads a varint at `*at`, moving past it.
fn varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// Reads `bytes[start..end]` as a protobuf message, noting the runs of its
/// string fields (and of the fields of messages inside it); false when it
/// is not one.
fn message(bytes: &[u8], start: usize, depth: usize, runs: &mut Vec<(usize, usize)>) -> bool {
    message_in(bytes, start, bytes.len(), depth, runs)
}

fn message_in(
    bytes: &[u8],
    start: usize,
    end: usize,
    depth: usize,
    runs: &mut Vec<(usize, usize)>,
) -> bool {
    let buf = &bytes[..end];
    let mut at = start;
    let before = runs.len();
    while at < end {
        let Some(key) = varint(buf, &mut at) else {
            break;
        };
        if key >> 3 == 0 || key >> 3 > 536_870_911 {
            break;
        }
        let ok = match key & 7 {
            0 => varint(buf, &mut at).is_some(),
            1 => {
                at += 8;
                at <= end
            }
            5 => {
                at += 4;
                at <= end
            }
            2 => match varint(buf, &mut at).and_then(|n| usize::try_from(n).ok()) {
                Some(n) if n <= end - at => {
                    field(bytes, at, at + n, depth, runs);
                    at += n;
                    true
                }
                _ => false,
            },
            _ => false,
        };
        if !ok {
            break;
        }
    }
    if at == end {
        return true;
    }
    runs.truncate(before);
    false
}

/// Notes the runs of one length-delimited field's bytes, `start..end`.
fn field(bytes: &[u8], start: usize, end: usize, depth: usize, runs: &mut Vec<(usize, usize)>) {
    if start == end {
        return;
    }
    if printable_len(&bytes[start..end]) == end - start {
        runs.push((start, end));
    } else if !(depth < MAX_NESTING && message_in(bytes, start, end, depth + 1, runs)) {
        strings(bytes, start, end, MIN_RUN, runs);
    }
}

/// Notes every run of at least `min` printable characters in
/// `bytes[start..end]`.
fn strings(bytes: &[u8], start: usize, end: usize, min: usize, runs: &mut Vec<(usize, usize)>) {
    let mut at = start;
    while at < end {
        let n = printable_len(&bytes[at..end]);
        if n == 0 {
            at += 1;
            continue;
        }
        if n >= min {
            runs.push((at, at + n));
        }
        at += n;
    }
}

/// How many bytes at the start of `bytes` are printable UTF-8 text: ASCII
/// graphic characters, spaces, tabs and line breaks, and characters beyond
/// ASCII that are not controls.
fn printable_len(bytes: &[u8]) -> usize {
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b.is_ascii_graphic() || matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            at += 1;
            continue;
        }
        let width = match b {
            0xc2..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf4 => 4,
            _ => break,
        };
        let Some(ch) = bytes
            .get(at..at + width)
            .and_then(|c| std::str::from_utf8(c).ok())
            .and_then(|s| s.chars().next())
        else {
            break;
        };
        if ch.is_control() {
            break;
        }
        at += width;
    }
    at
}

/// Whether run `value` is the value of a protobuf entry whose key is run
/// `name`: field 1 holds the name and field 2, right after it, the value,
/// as in every `map<string, string>` entry and in name/value messages
/// (`Header { name = 1; value = 2; }`).
pub(super) fn is_entry_value(bytes: &[u8], name: (usize, usize), value: (usize, usize)) -> bool {
    let (ns, ne) = name;
    let (vs, ve) = value;
    let name_len = ne - ns;
    let value_len = ve - vs;
    // Field 1's tag and a one-byte length right before the name.
    if name_len == 0 || name_len > 127 || ns < 2 || bytes[ns - 2] != 0x0a {
        return false;
    }
    if usize::from(bytes[ns - 1]) != name_len || bytes.get(ne) != Some(&0x12) {
        return false;
    }
    let mut at = ne + 1;
    varint(bytes, &mut at).is_some_and(|n| n as usize == value_len) && at == vs
}

impl super::Sanitizer {
    /// The replacement of run `value` when run `name` before it is the key
    /// of its protobuf entry ([`is_entry_value`]) and names a secret or
    /// personal data: what the key rule (or the person field, when the
    /// value reads as a name or an address) does to it as an object
    /// member.
    pub(super) fn named_value_run(
        &self,
        bytes: &[u8],
        name: (usize, usize),
        value: (usize, usize),
        st: &mut super::PathState,
        tally: &mut dyn crate::report::Tally,
    ) -> Option<String> {
        if !is_entry_value(bytes, name, value) {
            return None;
        }
        let key = std::str::from_utf8(&bytes[name.0..name.1]).ok()?;
        let text = std::str::from_utf8(&bytes[value.0..value.1]).ok()?;
        if crate::keys::is_placeholder(text) || crate::contains_redacted(text) {
            return None;
        }
        let mut scratch = String::new();
        let mut v = super::node::Node::String(text.into());
        // A key rule's name, or a person field whose value reads as one.
        let rule = self
            .name_rule(key, &mut scratch)
            .filter(|m| m.takes(text))
            .map(|m| m.rule)
            .or_else(|| {
                let field = crate::person::PersonKey::of(key, &mut scratch);
                self.person_field_rule(field, &v)
            })?;
        // Whether a scrub changes the value is what it reports, not a
        // comparison: verify's working copy keeps what a keyed action
        // takes (`super::keyed`).
        let mut counting = super::text::Counting { inner: tally, n: 0 };
        if self.apply_rule(&mut v, rule, st, &mut counting) == super::Verdict::Drop {
            return Some("*".repeat(text.len()));
        }
        match v {
            super::node::Node::String(out) if counting.n > 0 || out != text => {
                Some(out.into_owned())
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A protobuf length-delimited field.
    fn ld(tag: u8, payload: &[u8]) -> Vec<u8> {
        let mut out = vec![tag << 3 | 2];
        let mut n = payload.len();
        loop {
            let b = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                out.push(b);
                break;
            }
            out.push(b | 0x80);
        }
        out.extend_from_slice(payload);
        out
    }

    #[test]
    fn regression_map_entry_values_are_named_by_their_keys() {
        let entry = [ld(1, b"password"), ld(2, b"hunter2!")].concat();
        let msg = ld(1, &entry);
        let runs = text_runs(&msg);
        assert_eq!(runs.len(), 2);
        assert!(is_entry_value(&msg, runs[0], runs[1]));
        // Two strings of one message that are not fields 1 and 2 in a row.
        let other = [ld(3, b"password"), ld(2, b"hunter2!")].concat();
        let runs = text_runs(&other);
        assert!(!is_entry_value(&other, runs[0], runs[1]));
    }

    fn texts(bytes: &[u8]) -> Vec<String> {
        text_runs(bytes)
            .into_iter()
            .map(|(s, e)| String::from_utf8_lossy(&bytes[s..e]).into_owned())
            .collect()
    }

    #[test]
    fn protobuf_string_fields_are_runs_whatever_their_length_byte() {
        let mut msg = ld(1, b"131052-308T");
        msg.extend([0x10, 0x96, 0x01]); // field 2, varint 150
        msg.extend(ld(3, &ld(1, b"ab")));
        // A length of 65 is the byte `A`: it is not glued to the text.
        let long = "x".repeat(65);
        msg.extend(ld(4, long.as_bytes()));
        assert_eq!(texts(&msg), ["131052-308T", "ab", long.as_str()]);
    }

    #[test]
    fn a_grpc_frame_prefix_is_skipped() {
        let msg = ld(1, "Jürgen Weiß".as_bytes());
        let mut frame = vec![0, 0, 0, 0, msg.len() as u8];
        frame.extend(&msg);
        assert_eq!(texts(&frame), ["Jürgen Weiß"]);
    }

    #[test]
    fn other_binary_is_searched_like_strings() {
        let mut frame = vec![0u8, 0, 0, 0, 7, 0xff];
        frame.extend(br#"{"api_key":"abc"}"#);
        frame.extend([0, 1, b'h', b'i', 0]);
        assert_eq!(texts(&frame), [r#"{"api_key":"abc"}"#]);
    }

    proptest! {
        #[test]
        fn runs_are_printable_in_bounds_and_ordered(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            let runs = text_runs(&bytes);
            let mut last = 0;
            for (s, e) in runs {
                prop_assert!(last <= s && s < e && e <= bytes.len());
                prop_assert!(std::str::from_utf8(&bytes[s..e]).is_ok());
                last = e;
            }
        }

        #[test]
        fn every_string_field_of_a_message_is_a_run(
            fields in prop::collection::vec("[ -~]{1,40}", 1..6)
        ) {
            let msg: Vec<u8> = fields.iter().enumerate().flat_map(|(i, f)| ld(i as u8 + 1, f.as_bytes())).collect();
            prop_assert_eq!(texts(&msg), fields);
        }
    }
}
