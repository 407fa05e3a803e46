//! Decoded views `scoring::views` does not make, for the encodings this
//! corpus plants in: zero-width characters inside a value, fullwidth
//! forms, iCalendar and vCard line folding and backslash escapes, LEEF
//! `\^`, and journald messages written as arrays of bytes. A value that
//! survives in one of them survives for whoever reads the output, so the
//! scorer looks there too.

use serde_json::Value;

use super::scoring;

const ZW: &[char] = &['\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}'];

/// `text` with zero-width characters removed, fullwidth forms folded to
/// ASCII, folded lines unfolded and `\,` `\;` `\^` unescaped.
fn normalise(text: &str) -> String {
    let folded: String = text
        .chars()
        .filter(|c| !ZW.contains(c))
        .map(|c| match c as u32 {
            0xff01..=0xff5e => char::from_u32(c as u32 - 0xff01 + 0x21).unwrap_or(c),
            0x3000 => ' ',
            _ => c,
        })
        .collect();
    folded
        .replace("\r\n ", "")
        .replace("\\r\\n ", "")
        .replace("\\,", ",")
        .replace("\\;", ";")
        .replace("\\^", "^")
}

fn byte_arrays(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Array(a) => {
            let bytes: Option<Vec<u8>> = a
                .iter()
                .map(|v| v.as_u64().and_then(|n| u8::try_from(n).ok()))
                .collect();
            match bytes {
                Some(b) if b.len() >= 8 => out.push(String::from_utf8_lossy(&b).into_owned()),
                _ => a.iter().for_each(|v| byte_arrays(v, out)),
            }
        }
        Value::Object(m) => m.values().for_each(|v| byte_arrays(v, out)),
        _ => {}
    }
}

/// Every view of `out` the scorer reads (not lowercased).
pub fn views(out: &Value) -> Vec<String> {
    let mut vs = scoring::views(out);
    let mut arrays = Vec::new();
    byte_arrays(out, &mut arrays);
    for a in arrays {
        vs.extend(scoring::views(&Value::String(a)));
    }
    let extra: Vec<String> = vs
        .iter()
        .map(|v| normalise(v))
        .zip(vs.iter())
        .filter(|(n, v)| n != *v)
        .map(|(n, _)| n)
        .collect();
    for n in extra {
        vs.extend(scoring::views(&Value::String(n)));
    }
    vs
}
