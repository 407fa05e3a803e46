//! Decoded views `scoring::views` does not make, for the encodings this
//! corpus plants in: `\uXXXX` escapes (Java `.properties`), C and Python
//! byte escapes (`\xNN`, octal), Erlang binaries as byte lists
//! (`<<97,98>>`), base32, HTTP/1.1 chunked bodies and STOMP's `\c`. A
//! value that survives in one of them survives for whoever reads the
//! output, so the scorer looks there too.

use serde_json::Value;

use super::scoring;

/// `\uXXXX` escapes (with surrogate pairs) decoded.
fn unescape_u(text: &str) -> String {
    let mut units: Vec<u16> = Vec::new();
    let mut out = String::new();
    let b = text.as_bytes();
    let mut i = 0;
    let flush = |units: &mut Vec<u16>, out: &mut String| {
        out.push_str(&String::from_utf16_lossy(units));
        units.clear();
    };
    while i < b.len() {
        if b[i] == b'\\'
            && b.get(i + 1) == Some(&b'u')
            && let Some(Ok(u)) = text.get(i + 2..i + 6).map(|h| u16::from_str_radix(h, 16))
        {
            units.push(u);
            i += 6;
            continue;
        }
        flush(&mut units, &mut out);
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        out.push(c);
        i += c.len_utf8();
    }
    flush(&mut units, &mut out);
    out
}

/// C, Python and `strace` escapes (`\xNN`, `\NNN` octal, `\n`, `\t`,
/// `\r`, `\\`, `\"`, `\'`) decoded as bytes.
fn unescape_bytes(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            let n = b[i + 1];
            if n == b'x'
                && let Some(Ok(v)) = text.get(i + 2..i + 4).map(|h| u8::from_str_radix(h, 16))
            {
                out.push(v);
                i += 4;
                continue;
            }
            if n.is_ascii_digit() && n < b'8' {
                let mut j = i + 1;
                let mut v: u32 = 0;
                while j < b.len() && j < i + 4 && (b'0'..b'8').contains(&b[j]) {
                    v = v * 8 + u32::from(b[j] - b'0');
                    j += 1;
                }
                out.push(u8::try_from(v).unwrap_or(b'?'));
                i = j;
                continue;
            }
            let m = match n {
                b'n' => Some(b'\n'),
                b't' => Some(b'\t'),
                b'r' => Some(b'\r'),
                b'\\' => Some(b'\\'),
                b'"' => Some(b'"'),
                b'\'' => Some(b'\''),
                b'c' => Some(b':'),
                _ => None,
            };
            if let Some(m) = m {
                out.push(m);
                i += 2;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Erlang binaries written as byte lists, `<<97,98,99>>`, as text.
fn erlang_binaries(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in text.split("<<").skip(1) {
        let Some(end) = part.find(">>") else {
            continue;
        };
        let bytes: Option<Vec<u8>> = part[..end]
            .split(',')
            .map(|x| x.trim().parse::<u8>().ok())
            .collect();
        if let Some(b) = bytes.filter(|b| b.len() >= 4) {
            out.push(String::from_utf8_lossy(&b).into_owned());
        }
    }
    out
}

/// Runs of base32 (RFC 4648) of 8 characters or more (padding aside),
/// decoded.
fn base32_runs(text: &str) -> Vec<String> {
    const A: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = Vec::new();
    for token in
        text.split(|c: char| !(c.is_ascii_uppercase() || ('2'..='7').contains(&c) || c == '='))
    {
        let t = token.trim_end_matches('=');
        if t.len() < 8 {
            continue;
        }
        let mut bits: u64 = 0;
        let mut n = 0;
        let mut bytes = Vec::new();
        for c in t.chars() {
            let Some(v) = A.find(c) else {
                break;
            };
            bits = (bits << 5) | v as u64;
            n += 5;
            if n >= 8 {
                n -= 8;
                bytes.push((bits >> n) as u8);
                bits &= (1 << n) - 1;
            }
        }
        out.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    out
}

/// An HTTP/1.1 message's chunked body joined again.
fn dechunk(text: &str) -> Option<String> {
    let start = text.find("\r\n\r\n")? + 4;
    let mut rest = &text[start..];
    let mut out = String::new();
    loop {
        let eol = rest.find("\r\n")?;
        let n = usize::from_str_radix(rest[..eol].trim(), 16).ok()?;
        if n == 0 {
            return Some(out);
        }
        let body = rest.get(eol + 2..eol + 2 + n)?;
        out += body;
        rest = rest.get(eol + 4 + n..)?;
    }
}

/// Every view of `out` the scorer reads (not lowercased).
pub fn views(out: &Value) -> Vec<String> {
    let mut vs = scoring::views(out);
    let mut extra = Vec::new();
    for v in &vs {
        if v.contains("\\u") {
            extra.push(unescape_u(v));
        }
        if v.contains('\\') {
            extra.push(unescape_bytes(v));
        }
        if v.contains("<<") {
            extra.extend(erlang_binaries(v));
        }
        if v.contains("chunked") {
            extra.extend(dechunk(v));
        }
        extra.extend(base32_runs(v));
    }
    for e in extra {
        if !vs.contains(&e) {
            let more = scoring::views(&Value::String(e));
            vs.extend(more);
        }
    }
    vs
}
