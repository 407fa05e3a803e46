//! What the red-team corpora (`tests/red_team.rs`, `tests/red_team_3.rs`)
//! share: the leak and keep definitions, the scrub and verify calls, and
//! the rows of their tables.
//!
//! A secret leaks if the output or a decoded view of it (JSON in
//! strings, percent-encoding, base64 and hex runs, a few levels deep)
//! holds it whole (when shorter than 16 characters, not glued to other
//! letters or digits) or any 16-character piece of it, ignoring case, and
//! also without separators; a benign value is kept if a view still holds
//! it verbatim.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use reprise_sanitizer::{Key, Report, Sanitizer, Verifier, pseudonymized_paths};
use serde_json::Value;

pub mod corpus;
pub mod r#gen;

const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_allow_trailing_bits(true)
    .with_decode_padding_mode(DecodePaddingMode::Indifferent);
const STD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
const URL: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);

/// Every string of a payload and what it decodes to.
pub fn views(value: &Value) -> Vec<String> {
    let mut out = vec![value.to_string()];
    walk(value, 0, &mut out);
    out
}

fn walk(value: &Value, depth: u8, out: &mut Vec<String>) {
    match value {
        Value::Object(m) => m.iter().for_each(|(k, v)| {
            expand(k, depth, out);
            walk(v, depth, out);
        }),
        Value::Array(a) => a.iter().for_each(|v| walk(v, depth, out)),
        Value::String(s) => expand(s, depth, out),
        Value::Number(n) => out.push(n.to_string()),
        _ => {}
    }
}

fn printable(s: &str) -> bool {
    let n = s.chars().count();
    s.chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\r')
        .count()
        * 10
        >= n * 7
}

fn expand(text: &str, depth: u8, out: &mut Vec<String>) {
    out.push(text.to_owned());
    if depth >= 5 {
        return;
    }
    let t = text.trim();
    if (t.starts_with('{') || t.starts_with('['))
        && let Ok(v) = serde_json::from_str::<Value>(t)
    {
        walk(&v, depth + 1, out);
    }
    if text.contains('%') || text.contains('+') {
        let d = percent_decode(text);
        if d != text {
            expand(&d, depth + 1, out);
        }
    }
    if text.contains('\\') {
        let u = text
            .replace("\\n", "\n")
            .replace("\\\"", "\"")
            .replace("\\'", "'")
            .replace("\\:", ":")
            .replace("\\=", "=")
            .replace("\\\\", "\\");
        if u != text {
            out.push(u);
        }
    }
    if text.contains("&amp;")
        || text.contains("&lt;")
        || text.contains("''")
        || text.contains("\"\"")
    {
        out.push(
            text.replace("&lt;", "<")
                .replace("&amp;", "&")
                .replace("''", "'")
                .replace("\"\"", "\""),
        );
    }
    let b64_char = |c: char| c.is_ascii_alphanumeric() || "+/=_-".contains(c);
    // Base64 wrapped over lines is decoded joined, too.
    let joined: String = text.split('\n').map(str::trim).collect::<Vec<_>>().join("");
    for source in [text, joined.as_str()] {
        for token in source.split(|c: char| !b64_char(c)) {
            if token.len() < 12 {
                continue;
            }
            for engine in [&STD, &URL] {
                if let Ok(bytes) = engine.decode(token.trim_end_matches('=')) {
                    let s = String::from_utf8_lossy(&bytes).into_owned();
                    if printable(&s) {
                        expand(&s, depth + 1, out);
                    } else {
                        // Binary frames (gRPC, DER): keep the printable runs.
                        let runs: Vec<&str> = s
                            .split(|c: char| c.is_control() || c == '\u{fffd}')
                            .filter(|r| r.len() >= 4)
                            .collect();
                        for run in runs {
                            expand(run, depth + 1, out);
                        }
                    }
                }
            }
        }
    }
    for token in text.split(|c: char| !c.is_ascii_hexdigit()) {
        if token.len() >= 16 && token.len() % 2 == 0 {
            let bytes: Vec<u8> = (0..token.len())
                .step_by(2)
                .filter_map(|i| u8::from_str_radix(&token[i..i + 2], 16).ok())
                .collect();
            let s = String::from_utf8_lossy(&bytes).into_owned();
            if printable(&s) {
                expand(&s, depth + 1, out);
            }
        }
    }
}

fn percent_decode(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(Ok(v)) = text.get(i + 1..i + 3).map(|h| u8::from_str_radix(h, 16))
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(if b[i] == b'+' { b' ' } else { b[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

const SEPARATORS: &[char] = &[' ', '-', '.', '/', '(', ')', '\n'];

pub fn strip(s: &str) -> String {
    s.chars().filter(|c| !SEPARATORS.contains(c)).collect()
}

/// Whether `secret` survives in `views` (lowercased) or in `stripped`
/// (lowercased, separators removed).
pub fn leaks(secret: &str, views: &[String], stripped: &[String]) -> bool {
    let secret = secret.to_lowercase();
    if found(&secret, views) {
        return true;
    }
    secret.contains(SEPARATORS) && {
        let s = strip(&secret);
        s.chars().count() >= 8 && found(&s, stripped)
    }
}

fn found(secret: &str, views: &[String]) -> bool {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() < 16 {
        return views.iter().any(|v| whole(v, secret));
    }
    chars.windows(16).any(|w| {
        let piece: String = w.iter().collect();
        views.iter().any(|v| v.contains(&piece))
    })
}

fn whole(view: &str, secret: &str) -> bool {
    let glue = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    view.match_indices(secret).any(|(at, m)| {
        !glue(view[..at].chars().next_back()) && !glue(view[at + m.len()..].chars().next())
    })
}

/// A row of a table: how many were tried, how many failed, the first
/// failures.
#[derive(Default)]
pub struct Row {
    pub total: usize,
    pub failed: usize,
    pub examples: Vec<String>,
}

impl Row {
    pub fn add(&mut self, ok: bool, example: impl FnOnce() -> String) {
        self.total += 1;
        if !ok {
            self.failed += 1;
            if self.examples.len() < 3 {
                self.examples.push(example());
            }
        }
    }
}

/// The default rules, with the pseudonym key `secret` named `id`.
pub fn sanitizer(secret: &[u8], id: &str) -> Sanitizer {
    let key = Key::from_bytes(secret, id).expect("a valid key");
    Sanitizer::builder()
        .pseudonym_key(key)
        .build()
        .expect("the default rules build")
}

/// `payload` scrubbed by `s` at `args`, with its report; `None` if the
/// scrub panicked.
pub fn scrub(s: &Sanitizer, payload: &Value) -> Option<(Value, Report)> {
    catch_unwind(AssertUnwindSafe(|| {
        let mut v = payload.clone();
        let mut report = s.report();
        s.scrub_value("args", &mut v, &mut report);
        (v, report)
    }))
    .ok()
}

/// What `verify` finds in what `scrub` wrote (it should find nothing).
pub fn disagrees(verifier: &Verifier, scrubbed: &Value, report: &Report) -> Option<String> {
    let accepted: BTreeSet<String> = pseudonymized_paths(Some(&report.to_json()));
    let mut findings = Vec::new();
    verifier.check_value(None, "args", scrubbed, &accepted, &mut findings);
    findings.first().map(|f| format!("{} ({})", f.path, f.rule))
}

/// At most four characters of a value, for a report that must not print it.
pub fn hint(s: &str) -> String {
    s.chars().take(4).collect::<String>() + "…"
}
