//! Decoded views `scoring::views` does not make: the encodings this
//! corpus plants in (HTML numeric entities, `\uXXXX` escapes,
//! quoted-printable, hex with separators and UTF-16, `hexdump -C`,
//! `.properties` continuation lines). A value that survives in one of
//! them survives for whoever reads the output, so the scorer looks there
//! too.

use std::sync::LazyLock;

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use regex::Regex;
use serde_json::Value;

use super::scoring;

static ENTITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));").expect("regex"));
static UESC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\\u([0-9a-fA-F]{4})(?:\\u([0-9a-fA-F]{4}))?").expect("regex"));
static QP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"=([0-9A-F]{2})").expect("regex"));
static SEPHEX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[0-9a-fA-F]{2}(?:[:, ]|,\\\r?\n\s*)){3,}[0-9a-fA-F]{2}").expect("regex")
});
static DUMP_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[0-9a-f]{8}  ((?:[0-9a-f]{2} {1,2}| {3,4})+) ?\|").expect("regex")
});
static B64_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z0-9+/_-]{8,}={0,2}").expect("regex"));
static B64_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z0-9+/]{16,}={0,2}$").expect("regex"));
static CONT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\\\r?\n[ \t]*").expect("regex"));

const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_allow_trailing_bits(true)
    .with_decode_padding_mode(DecodePaddingMode::Indifferent);
const STD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
const URL: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);

/// Base64 of text, in either alphabet, at any length from 8 characters
/// (`scoring` starts at 12 and needs the token alone).
fn base64_text(token: &str, out: &mut Vec<String>) {
    for engine in [&STD, &URL] {
        if let Ok(bytes) = engine.decode(token.trim_end_matches('=')) {
            let s = String::from_utf8_lossy(&bytes);
            let good = s
                .chars()
                .filter(|c| !c.is_control() || "\n\r\t\0".contains(*c))
                .filter(|c| *c != '\u{fffd}')
                .count();
            if good * 10 >= s.chars().count() * 9 {
                out.push(s.into_owned());
            }
        }
    }
}

fn utf(bytes: &[u8]) -> String {
    let zeros = bytes.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if bytes.len() >= 4 && zeros * 2 >= bytes.len() / 2 {
        let units: Vec<u16> = bytes
            .chunks(2)
            .map(|c| u16::from_le_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units).replace('\0', "")
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

fn hex_bytes(s: &str) -> Vec<u8> {
    let h: Vec<u8> = s.bytes().filter(u8::is_ascii_hexdigit).collect();
    h.chunks(2)
        .filter(|c| c.len() == 2)
        .filter_map(|c| u8::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
        .collect()
}

/// What `text` decodes to under each encoding it shows signs of.
fn decode_once(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    if text.contains("&#") {
        out.push(
            ENTITY
                .replace_all(text, |c: &regex::Captures| {
                    let n = match (c.get(1), c.get(2)) {
                        (Some(h), _) => u32::from_str_radix(h.as_str(), 16).ok(),
                        (_, Some(d)) => d.as_str().parse().ok(),
                        _ => None,
                    };
                    n.and_then(char::from_u32)
                        .map(String::from)
                        .unwrap_or_default()
                })
                .replace("&quot;", "\"")
                .replace("&amp;", "&"),
        );
    }
    if text.contains("\\u") {
        out.push(
            UESC.replace_all(text, |c: &regex::Captures| {
                let a = u16::from_str_radix(&c[1], 16).unwrap_or(0);
                let mut units = vec![a];
                if let Some(b) = c.get(2) {
                    units.push(u16::from_str_radix(b.as_str(), 16).unwrap_or(0));
                }
                String::from_utf16_lossy(&units)
            })
            .into_owned(),
        );
    }
    if text.contains("=\r\n") || text.contains("=\n") || QP.is_match(text) {
        let joined = text.replace("=\r\n", "").replace("=\n", "");
        let mut bytes = Vec::with_capacity(joined.len());
        let b = joined.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'='
                && let Some(Ok(v)) = joined.get(i + 1..i + 3).map(|h| u8::from_str_radix(h, 16))
            {
                bytes.push(v);
                i += 3;
                continue;
            }
            bytes.push(b[i]);
            i += 1;
        }
        out.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    for m in SEPHEX.find_iter(text) {
        out.push(utf(&hex_bytes(m.as_str())));
    }
    let dump: Vec<u8> = DUMP_LINE
        .captures_iter(text)
        .flat_map(|c| hex_bytes(&c[1]))
        .collect();
    if !dump.is_empty() {
        out.push(utf(&dump));
    }
    for m in B64_TOKEN.find_iter(text) {
        base64_text(m.as_str(), &mut out);
    }
    // MIME bodies: runs of lines holding nothing but base64.
    let mut block = String::new();
    for line in text.lines().chain([""]) {
        let line = line.trim();
        if B64_LINE.is_match(line) {
            block.push_str(line);
        } else if !block.is_empty() {
            base64_text(&block, &mut out);
            block.clear();
        }
    }
    if CONT.is_match(text) {
        out.push(CONT.replace_all(text, "").into_owned());
    }
    out.retain(|d| d != text);
    out
}

/// `scoring::views` of `value`, and the views of what they decode to.
pub fn views(value: &Value) -> Vec<String> {
    let mut all = scoring::views(value);
    let mut frontier = all.clone();
    for _ in 0..2 {
        let mut next = Vec::new();
        for v in &frontier {
            for d in decode_once(v) {
                next.extend(scoring::views(&Value::String(d)));
            }
        }
        if next.is_empty() {
            break;
        }
        all.extend(next.iter().cloned());
        frontier = next;
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoders_round_trip() {
        let d = decode_once("a &#x70;&#97;ss b");
        assert!(d.iter().any(|x| x.contains("pass")));
        let d = decode_once("x \\u0070\\u0061ss");
        assert!(d.iter().any(|x| x.contains("pass")));
        let d = decode_once("ab=3Dc=\r\nde");
        assert!(d.iter().any(|x| x.contains("ab=cde")));
        let d = decode_once("70,00,61,00,73,00,73,00");
        assert!(d.iter().any(|x| x == "pass"));
        let d = decode_once("k=\\\n    ab\\\n    cd");
        assert!(d.iter().any(|x| x == "k=abcd"));
    }
}
