//! Leak and keep checks over a scrubbed payload.
//!
//! A payload is turned into *views*: every object key and string, and,
//! recursively (a few levels deep), what they decode to: JSON held in a
//! string, percent-decoding, base64 tokens (standard and URL-safe, 12
//! characters or more with padding: stricter than 16, so that short
//! passwords in base64 count), hex runs (16 digits or more). Each view keeps the
//! JSON path of the string it came from, so a leak can say where it is.
//!
//! A secret leaks if a view contains it whole (a secret shorter than 16
//! bytes, not glued to other letters or digits) or any 16-byte window of it
//! (a longer secret), ignoring ASCII case.

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde_json::Value;

const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_allow_trailing_bits(true)
    .with_decode_padding_mode(DecodePaddingMode::Indifferent);
const STANDARD_LENIENT: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
const URL_SAFE_LENIENT: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);

/// How deep decoding recurses (base64 of JSON holding a percent-encoded
/// URL is three levels).
const MAX_DEPTH: u8 = 5;
/// The window a long secret is matched by.
pub const WINDOW: usize = 16;
/// The shortest base64 token decoded (with its padding): 12 characters
/// hold 8 bytes, the shortest password planted.
const MIN_BASE64: usize = 12;

/// One view: the path of the string it came from, and its text.
#[derive(Debug)]
pub struct View {
    pub path: String,
    pub text: String,
}

/// Every view of a payload. `decode` adds the decoded views (percent,
/// base64, hex); JSON held in strings is always parsed.
pub fn views(value: &Value, decode: bool) -> Vec<View> {
    let mut out = Vec::new();
    walk(value, "$", 0, decode, &mut out);
    // Last, so that a leak is reported at the string it is in.
    out.push(View {
        path: "$ (serialized)".into(),
        text: value.to_string(),
    });
    out
}

fn walk(value: &Value, path: &str, depth: u8, decode: bool, out: &mut Vec<View>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let p = format!("{path}.{key}");
                expand(&p, key, depth, decode, out);
                walk(child, &p, depth, decode, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                walk(child, &format!("{path}[{i}]"), depth, decode, out);
            }
        }
        Value::String(s) => expand(path, s, depth, decode, out),
        Value::Number(n) => out.push(View {
            path: path.to_owned(),
            text: n.to_string(),
        }),
        Value::Bool(_) | Value::Null => {}
    }
}

fn expand(path: &str, text: &str, depth: u8, decode: bool, out: &mut Vec<View>) {
    out.push(View {
        path: path.to_owned(),
        text: text.to_owned(),
    });
    if depth >= MAX_DEPTH {
        return;
    }
    // JSON held in the string, whole or after a prefix ("request body: {...}").
    if let Some(start) = text.find(['{', '[']) {
        let mut stream = serde_json::Deserializer::from_str(&text[start..]).into_iter::<Value>();
        if let Some(Ok(inner)) = stream.next() {
            if inner.is_object() || inner.is_array() {
                walk(&inner, &format!("{path}<json>"), depth + 1, decode, out);
            }
        }
    }
    if !decode {
        return;
    }
    if let Some(decoded) = percent_decode(text) {
        expand(&format!("{path}<pct>"), &decoded, depth + 1, decode, out);
    }
    if text.contains('+') && text.contains('=') {
        // Form encoding: `+` is a space.
        let spaced = text.replace('+', " ");
        let decoded = percent_decode(&spaced).unwrap_or(spaced);
        expand(&format!("{path}<form>"), &decoded, depth + 1, decode, out);
    }
    if text.contains('&') && text.contains(';') {
        // XML and HTML escape `&`, `<`, `>` and quotes in text and attributes.
        let unescaped = text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&");
        if unescaped != text {
            expand(&format!("{path}<xml>"), &unescaped, depth + 1, decode, out);
        }
    }
    for decoded in base64_views(text) {
        expand(&format!("{path}<b64>"), &decoded, depth + 1, decode, out);
    }
    for decoded in hex_views(text) {
        expand(&format!("{path}<hex>"), &decoded, depth + 1, decode, out);
    }
}

/// Percent-decoding (and `+` as space when it decoded anything), or `None`
/// if there is nothing to decode.
fn percent_decode(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut changed = false;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hexpair = std::str::from_utf8(&b[i + 1..i + 3]).ok();
            if let Some(v) = hexpair.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                changed = true;
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    if !changed {
        return None;
    }
    let decoded = String::from_utf8_lossy(&out).into_owned();
    Some(decoded)
}

/// Runs of `is_char` at least `min` long counting trailing `=` padding
/// (which is not part of the run returned).
fn runs(text: &str, min: usize, is_char: impl Fn(u8) -> bool) -> Vec<&str> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if is_char(b[i]) {
            let start = i;
            while i < b.len() && is_char(b[i]) {
                i += 1;
            }
            let end = i;
            while i < b.len() && b[i] == b'=' {
                i += 1;
            }
            if i - start >= min {
                out.push(&text[start..end]);
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Base64 tokens decoded at each of the four alignments (a token may sit
/// after other base64-alphabet characters, as in `key/token`). Tokens of
/// [`MIN_BASE64`] characters are decoded, so that a short password in a
/// Kubernetes secret is found too.
fn base64_views(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    type Alphabet = (&'static GeneralPurpose, fn(u8) -> bool);
    let engines: [Alphabet; 2] = [
        (&STANDARD_LENIENT, |c| {
            c.is_ascii_alphanumeric() || c == b'+' || c == b'/'
        }),
        (&URL_SAFE_LENIENT, |c| {
            c.is_ascii_alphanumeric() || c == b'-' || c == b'_'
        }),
    ];
    for (engine, is_char) in engines {
        for run in runs(text, MIN_BASE64, is_char) {
            for offset in 0..4.min(run.len()) {
                let mut s = &run[offset..];
                if s.len() % 4 == 1 {
                    s = &s[..s.len() - 1];
                }
                if let Some(text) = engine.decode(s).ok().and_then(|b| textual(&b)) {
                    out.push(text);
                }
            }
        }
    }
    out
}

/// Hex runs decoded at both alignments.
fn hex_views(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for run in runs(text, WINDOW, |c| c.is_ascii_hexdigit()) {
        for offset in 0..2 {
            let s = &run[offset..];
            let bytes: Vec<u8> = s
                .as_bytes()
                .chunks_exact(2)
                .filter_map(|p| {
                    std::str::from_utf8(p)
                        .ok()
                        .and_then(|h| u8::from_str_radix(h, 16).ok())
                })
                .collect();
            if let Some(text) = textual(&bytes) {
                out.push(text);
            }
        }
    }
    out
}

/// Decoded bytes as text, if they mostly are (random bytes are not: they
/// decode to replacement and control characters).
fn textual(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let total = text.chars().count();
    let good = text
        .chars()
        .filter(|c| *c != char::REPLACEMENT_CHARACTER && (!c.is_control() || c.is_whitespace()))
        .count();
    (total >= 6 && good * 10 >= total * 7).then(|| text.into_owned())
}

/// The forms a secret is looked for in: itself, and for an identifier
/// written with separators (a card in groups, a phone, an IBAN, an SSN) its
/// letters and digits alone.
pub fn forms(secret: &str) -> Vec<String> {
    let mut out = vec![secret.to_owned()];
    let digits = secret.chars().filter(char::is_ascii_digit).count();
    let separated = secret.chars().any(|c| " -.()/+".contains(c));
    if digits >= 7
        && separated
        && secret
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " -.()/+".contains(c))
    {
        out.push(secret.chars().filter(char::is_ascii_alphanumeric).collect());
    }
    out
}

/// A set of secrets to look for in views, compiled once per sample.
pub struct Needles {
    /// How many secrets.
    count: usize,
    /// Each form of each secret, lowercased, with the secret's index.
    forms: Vec<(Vec<u8>, usize)>,
    /// 16-byte windows of the long forms, with the secret's index, sorted.
    windows: Vec<(u128, usize)>,
    /// Which first two bytes any window starts with (prefilter).
    starts: Vec<bool>,
}

fn window_key(w: &[u8]) -> u128 {
    let mut a = [0u8; WINDOW];
    a.copy_from_slice(w);
    u128::from_le_bytes(a)
}

impl Needles {
    pub fn new(secrets: &[String]) -> Needles {
        let forms: Vec<(Vec<u8>, usize)> = secrets
            .iter()
            .enumerate()
            .flat_map(|(i, s)| {
                forms(s)
                    .into_iter()
                    .map(move |f| (f.to_ascii_lowercase().into_bytes(), i))
            })
            .collect();
        let mut windows = Vec::new();
        let mut starts = vec![false; 1 << 16];
        for (f, i) in &forms {
            if f.len() >= WINDOW {
                for w in f.windows(WINDOW) {
                    windows.push((window_key(w), *i));
                    starts[usize::from(w[0]) << 8 | usize::from(w[1])] = true;
                }
            }
        }
        windows.sort_unstable();
        Needles {
            count: secrets.len(),
            forms,
            windows,
            starts,
        }
    }

    /// Marks in `found` each secret that leaks in `text`.
    pub fn scan(&self, text: &str, found: &mut [bool]) {
        let t = text.to_ascii_lowercase().into_bytes();
        if !self.windows.is_empty() && t.len() >= WINDOW {
            for i in 0..=t.len() - WINDOW {
                if !self.starts[usize::from(t[i]) << 8 | usize::from(t[i + 1])] {
                    continue;
                }
                let key = window_key(&t[i..i + WINDOW]);
                let at = self.windows.partition_point(|(k, _)| *k < key);
                for (k, s) in &self.windows[at..] {
                    if *k != key {
                        break;
                    }
                    found[*s] = true;
                }
            }
        }
        for (f, i) in &self.forms {
            if f.len() < WINDOW && !found[*i] && contains_word(&t, f) {
                found[*i] = true;
            }
        }
    }
}

/// Whether `needle` occurs in `hay` not glued to a letter or digit.
fn contains_word(hay: &[u8], needle: &[u8]) -> bool {
    if needle.is_empty() || hay.len() < needle.len() {
        return false;
    }
    let glued = |c: Option<&u8>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let first = needle[0];
    for i in 0..=hay.len() - needle.len() {
        if hay[i] == first
            && &hay[i..i + needle.len()] == needle
            && !(needle[0].is_ascii_alphanumeric() && i > 0 && glued(hay.get(i - 1)))
            && !(needle[needle.len() - 1].is_ascii_alphanumeric()
                && glued(hay.get(i + needle.len())))
        {
            return true;
        }
    }
    false
}

/// Which secrets leak in a payload: for each, the path of the first view
/// it leaks in.
pub fn leaks(views: &[View], needles: &Needles) -> Vec<Option<String>> {
    let n = needles.count;
    let mut out = vec![None; n];
    for view in views {
        let mut found = vec![false; n];
        needles.scan(&view.text, &mut found);
        for (slot, hit) in out.iter_mut().zip(found) {
            if hit && slot.is_none() {
                *slot = Some(view.path.clone());
            }
        }
    }
    out
}

/// Whether `text` is in any (undecoded) view, verbatim.
pub fn kept(views: &[View], text: &str) -> bool {
    views.iter().any(|v| v.text.contains(text))
}
