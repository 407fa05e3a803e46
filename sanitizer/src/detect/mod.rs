//! Finding sensitive values inside text: the built-in detectors, custom
//! regexes, and secrets hidden in base64.
//!
//! # Cost
//!
//! Most strings in a transcript are clean, so clean text must be cheap. One
//! pass over the bytes (the *prefilter*) notes whether the text holds what
//! at least one built-in detector needs (an `@`, a long enough stretch of
//! digits, a long token run, an id-shaped short run, `::`, `://`, a few
//! keywords: see `Prefilter::run`), and where the long token runs are. Text with none of
//! these, such as ids, timestamps, versions and prose, skips the built-in
//! regexes entirely. The prefilter saves time and never changes what is
//! found: it also looks for every built-in pattern's literal beginning
//! (`prefixes.rs`) in stretches of short runs joined by `.`, `=`, `$` or
//! `,` (a PHC password hash), and a test generates strings from every
//! pattern and checks that the hits are the same with every detector tried.
//! What a text's neighbours are must not decide what is found in it:
//! `verify`, whose placeholders are not scrub's pseudonyms, would then
//! disagree with `scrub`. Otherwise one [`regex::RegexSet`] over all enabled
//! detectors says which of them match at all, and only those run their own
//! regex to find the spans, which their validators (Luhn, mod-97, ...) then
//! confirm. The AWS secret key detector works on the token runs directly
//! rather than by regex. Custom regexes have their own set and always run,
//! since nothing is known about what they need.
//!
//! Long token runs that decode as base64 to printable text are scanned again
//! (two levels deep at most), so `YWxpY2VAY29ycC5jb20=` is found to hold an
//! email.

mod address;
mod byte_array;
mod directory;
mod geo;
mod kind;
mod national;
mod prefixes;
mod sip;
mod upi;
mod validate;
mod vendor;

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

pub use kind::Detector;
pub use validate::{
    Validator, iban_valid, is_high_entropy, luhn_check_digit, luhn_valid, shannon_entropy,
};

use crate::error::Error;
use crate::spans::Spans;

pub(crate) use byte_array::is_keypair;
pub(crate) use national::{IdCheck, IdChecks};
pub(crate) use validate::iban_remainder as validate_iban_remainder;

/// Whether `digits` (twelve digits, perhaps grouped by spaces or dashes)
/// are an Aadhaar number: the first digit 2 to 9, Verhoeff valid, not all
/// the same. For a value under a key that names it (`uid`).
pub(crate) fn is_aadhaar_digits(digits: &str) -> bool {
    let bare: String = digits.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    bare.len() == 12
        && bare.bytes().all(|b| b.is_ascii_digit())
        && bare.as_bytes()[0] >= b'2'
        && national::in_aadhaar(&format!("uid={bare}"), 4, 16)
}

/// How deep base64 inside base64 is followed.
const MAX_BASE64_DEPTH: usize = 2;
/// The shortest token run tried as base64.
const MIN_BASE64_RUN: usize = 16;

/// One place in a text where a rule fired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hit {
    /// A detector or custom regex matched `start..end`.
    Match {
        /// Byte offset of the start.
        start: usize,
        /// Byte offset of the end.
        end: usize,
        /// The index of the rule that fired, in the sanitizer's rule list.
        rule: usize,
    },
    /// `start..end` is base64 whose decoded text holds hits.
    Base64 {
        /// Byte offset of the start.
        start: usize,
        /// Byte offset of the end.
        end: usize,
        /// The decoded text.
        decoded: String,
        /// Whether the URL-safe alphabet was used.
        url_safe: bool,
        /// Whether the text was `=`-padded (or needed no padding), so the
        /// re-encoded text is padded too.
        padded: bool,
        /// The hits inside the decoded text.
        hits: Vec<Hit>,
    },
}

impl Hit {
    fn span(&self) -> (usize, usize) {
        match self {
            Hit::Match { start, end, .. } | Hit::Base64 { start, end, .. } => (*start, *end),
        }
    }

    /// Calls `f` with the rule index of every match, nested ones included.
    ///
    /// ```
    /// use reprise::sanitizer::detect::Hit;
    /// let mut rules = Vec::new();
    /// Hit::Match { start: 0, end: 3, rule: 7 }.for_each_rule(&mut |r| rules.push(r));
    /// assert_eq!(rules, [7]);
    /// ```
    pub fn for_each_rule(&self, f: &mut impl FnMut(usize)) {
        match self {
            Hit::Match { rule, .. } => f(*rule),
            Hit::Base64 { hits, .. } => hits.iter().for_each(|h| h.for_each_rule(f)),
        }
    }
}

struct Pattern {
    rule: usize,
    regex: Regex,
    validator: Option<Validator>,
    group: bool,
    /// A match that fails its validator is tried again without its
    /// leading digit groups: a card number after a length prefix or any
    /// number and a space (`16 4111 1111 1111 1111`) is matched glued to
    /// it first.
    groups: bool,
}

/// A compiled set of detectors and custom regexes, each tied to a rule.
///
/// ```
/// use reprise::sanitizer::detect::{Detector, DetectorSet};
/// let set = DetectorSet::new(&[(Detector::Email, 0)], &[])?;
/// let hits = set.scan("mail alice@corp.com now");
/// assert_eq!(hits.len(), 1);
/// assert!(set.scan("nothing here").is_empty());
/// # Ok::<(), reprise::sanitizer::Error>(())
/// ```
pub struct DetectorSet {
    patterns: Vec<Pattern>,
    aws_secret: Option<usize>,
    /// The postal-address rule ([`address::addresses`]).
    postal_address: Option<usize>,
    /// The geolocation rule ([`geo::coordinates`]).
    geolocation: Option<usize>,
    /// The vendor-token rule, which also takes Solana keypairs found on
    /// the token runs.
    vendor: Option<usize>,
    builtin: Option<RegexSet>,
    /// Addresses written out in words (`x at y dot org`), with the email
    /// rule's index: tried only where the prefilter saw the word `dot`.
    email_in_words: Option<(Regex, usize)>,
    custom: Option<RegexSet>,
    n_builtin: usize,
    /// Whether each rule (by index) redacts; see [`Self::set_redacting`].
    redacting: Vec<bool>,
    /// The built-in patterns of redacting rules alone, and the index of
    /// each in `patterns`: what [`Self::scan_redacting`] runs.
    redacting_builtin: Option<(RegexSet, Vec<usize>)>,
}

impl std::fmt::Debug for DetectorSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DetectorSet")
            .field("patterns", &self.patterns.len())
            .finish_non_exhaustive()
    }
}

/// Makes `\b` ASCII-only, which the fast regex engines support, and case
/// folding ASCII-only (`(?i:basic)` does not match `BAſIC`), as the
/// prefilter's keywords are: what it lets through is what they match.
fn ascii_boundaries(pattern: &str) -> String {
    pattern
        .replace(r"\b", r"(?-u:\b)")
        .replace("(?i:", "(?i-u:")
}

fn compile(pattern: &str, rule_name: &str) -> Result<Regex, Error> {
    RegexBuilder::new(pattern)
        .size_limit(1 << 24)
        .build()
        .map_err(|e| Error::Regex {
            rule: rule_name.to_owned(),
            source: Box::new(e),
        })
}

fn compile_set(patterns: &[Pattern], rule_name: &str) -> Result<Option<RegexSet>, Error> {
    if patterns.is_empty() {
        return Ok(None);
    }
    RegexSetBuilder::new(patterns.iter().map(|p| p.regex.as_str()))
        .size_limit(1 << 26)
        // The lazy DFA's cache: with the default (2 MiB), a long text that
        // wakes many detectors at once (a URL encoded in a URL several
        // times) fills it over and over, and the set falls back to the
        // NFA, thirty times slower. It grows only as a text needs it.
        .dfa_size_limit(1 << 23)
        .build()
        .map(Some)
        .map_err(|e| Error::Regex {
            rule: rule_name.to_owned(),
            source: Box::new(e),
        })
}

impl DetectorSet {
    /// Compiles `builtins` (each detector with the index of its rule) and
    /// `custom` regexes (pattern, rule index, rule name). A named group `s`
    /// in a custom regex narrows the replaced span to that group.
    pub fn new(
        builtins: &[(Detector, usize)],
        custom: &[(&str, usize, &str)],
    ) -> Result<Self, Error> {
        let mut patterns = Vec::new();
        let mut aws_secret = None;
        let mut vendor = None;
        let mut email_in_words = None;
        let mut postal_address = None;
        let mut geolocation = None;
        for &(detector, rule) in builtins {
            match detector {
                Detector::PostalAddress => {
                    postal_address = Some(rule);
                    continue;
                }
                Detector::Geolocation => {
                    geolocation = Some(rule);
                    continue;
                }
                _ => {}
            }
            if detector == Detector::VendorToken {
                vendor = Some(rule);
            }
            if detector == Detector::Email {
                email_in_words = Some((
                    compile(&ascii_boundaries(kind::EMAIL_IN_WORDS), detector.name())?,
                    rule,
                ));
            }
            let Some((pattern, validator)) = detector.pattern() else {
                aws_secret = Some(rule);
                continue;
            };
            let regex = compile(&ascii_boundaries(pattern), detector.name())?;
            patterns.push(Pattern {
                rule,
                group: regex.capture_names().any(|n| matches!(n, Some("s" | "s2"))),
                regex,
                validator,
                groups: detector == Detector::Card,
            });
        }
        let n_builtin = patterns.len();
        for &(pattern, rule, name) in custom {
            let regex = compile(pattern, name)?;
            patterns.push(Pattern {
                rule,
                group: regex.capture_names().any(|n| n == Some("s")),
                regex,
                validator: None,
                groups: false,
            });
        }
        Ok(DetectorSet {
            builtin: compile_set(&patterns[..n_builtin], "built-in detectors")?,
            custom: compile_set(&patterns[n_builtin..], "custom regexes")?,
            email_in_words,
            patterns,
            aws_secret,
            postal_address,
            geolocation,
            vendor,
            n_builtin,
            redacting: Vec::new(),
            redacting_builtin: None,
        })
    }

    /// The hits in `text`, in order, not overlapping.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        self.scan_at(text, 0, false)
    }

    /// The hits in `text` of the rules that redact (see
    /// [`Self::set_redacting`]), and base64 runs hiding any hit: what a
    /// second look over text holding pseudonyms asks (a pseudonym found
    /// again is no news there), without the cost of the others.
    pub(crate) fn scan_redacting(&self, text: &str) -> Vec<Hit> {
        self.scan_at(text, 0, true)
    }

    fn redacts(&self, rule: usize) -> bool {
        self.redacting.get(rule).copied().unwrap_or(false)
    }

    fn scan_at(&self, text: &str, depth: usize, redacting: bool) -> Vec<Hit> {
        self.scan_after(text, depth, redacting, Prefilter::run(text))
    }

    /// The hits in `text` with every detector the prefilter allows tried
    /// (the prefilter only saves time: a test checks that the hits are the
    /// same with all of them tried).
    #[cfg(test)]
    pub(crate) fn scan_unfiltered(&self, text: &str) -> Vec<Hit> {
        let pre = Prefilter {
            maybe: true,
            dot_word: true,
            ..Prefilter::run(text)
        };
        self.scan_after(text, 0, false, pre)
    }

    fn scan_after(&self, text: &str, depth: usize, redacting: bool, pre: Prefilter) -> Vec<Hit> {
        let mut hits = Vec::new();
        if pre.maybe {
            if !redacting && let Some(set) = &self.builtin {
                for i in set.matches(text).iter() {
                    self.find(i, text, &mut hits);
                }
            } else if redacting && let Some((set, index)) = &self.redacting_builtin {
                for i in set.matches(text).iter() {
                    self.find(index[i], text, &mut hits);
                }
            }
        }
        if pre.dot_word
            && let Some((regex, rule)) = &self.email_in_words
            && (!redacting || self.redacts(*rule))
        {
            for m in regex.find_iter(text) {
                if validate::email(text, m.start(), m.end()) {
                    hits.push(Hit::Match {
                        start: m.start(),
                        end: m.end(),
                        rule: *rule,
                    });
                }
            }
        }
        // A Solana keypair: a base58 run of 64 bytes (86 to 88
        // characters), reported as a vendor token.
        if let Some(rule) = self.vendor.filter(|&r| !redacting || self.redacts(r)) {
            for &(start, end) in &pre.runs {
                if (86..=88).contains(&(end - start))
                    && text.as_bytes()[start..end].iter().all(|&b| {
                        b.is_ascii_alphanumeric() && !matches!(b, b'0' | b'O' | b'I' | b'l')
                    })
                    && validate::base58_decode(&text[start..end]).is_some_and(|b| b.len() == 64)
                {
                    hits.push(Hit::Match { start, end, rule });
                }
            }
        }
        // A keypair written as an array of 64 byte values.
        if let Some(rule) = self.vendor.filter(|&r| !redacting || self.redacts(r))
            && text.len() >= byte_array::MIN_TEXT
        {
            for (start, end) in byte_array::keypairs(text) {
                hits.push(Hit::Match { start, end, rule });
            }
        }
        if let Some(rule) = self
            .postal_address
            .filter(|&r| !redacting || self.redacts(r))
        {
            for (start, end, _) in address::addresses(text) {
                hits.push(Hit::Match { start, end, rule });
            }
        }
        if let Some(rule) = self.geolocation.filter(|&r| !redacting || self.redacts(r)) {
            for (start, end) in geo::coordinates(text) {
                hits.push(Hit::Match { start, end, rule });
            }
        }
        if let Some(rule) = self.aws_secret.filter(|&r| !redacting || self.redacts(r)) {
            for &(start, end) in &pre.runs {
                let run = &text.as_bytes()[start..end];
                if run.len() == 40
                    && run
                        .iter()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'+'))
                    && validate::aws_secret(text, start, end)
                {
                    hits.push(Hit::Match { start, end, rule });
                }
            }
        }
        if let Some(set) = &self.custom {
            for i in set.matches(text).iter() {
                let p = self.n_builtin + i;
                if !redacting || self.redacts(self.patterns[p].rule) {
                    self.find(p, text, &mut hits);
                }
            }
        }
        if hits.len() > 1 {
            hits = self.without_overlaps(hits);
        }
        if depth < MAX_BASE64_DEPTH && !pre.runs.is_empty() {
            let before = hits.len();
            let found = Spans::new(hits.iter().map(Hit::span).collect());
            for &(start, end) in &pre.runs {
                // A diff's `+` or `-` glued to a line of base64 is no part of it.
                let signed = || {
                    let glued = matches!(text.as_bytes()[start], b'+' | b'-');
                    glued
                        .then(|| self.base64(text, start + 1, end, depth))
                        .flatten()
                };
                if !found.overlaps(start, end)
                    && let Some(hit) = self.base64(text, start, end, depth).or_else(signed)
                {
                    hits.push(hit);
                }
            }
            if hits.len() > before {
                hits.sort_by_key(|h| h.span().0);
            }
        }
        hits
    }

    /// `hits` in order, without overlaps: the first, longest hit is kept,
    /// except that a redacting rule's hit takes over a span it overlaps
    /// (the union of both): a pseudonym keeps its value's shape, so the
    /// pseudonym of an email glued to a bearer token would leave the token
    /// for the next look to find.
    fn without_overlaps(&self, mut hits: Vec<Hit>) -> Vec<Hit> {
        hits.sort_by_key(|h| {
            let (s, e) = h.span();
            (s, std::cmp::Reverse(e))
        });
        let redacts = |rule: usize| self.redacts(rule);
        let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
        for hit in hits {
            let (s, e) = hit.span();
            match out.last_mut() {
                Some(last) if s < last.span().1 => {
                    if let (Hit::Match { end, rule, .. }, Hit::Match { rule: new_rule, .. }) =
                        (last, &hit)
                        && redacts(*new_rule)
                        && !redacts(*rule)
                    {
                        *rule = *new_rule;
                        *end = (*end).max(e);
                    }
                }
                _ => out.push(hit),
            }
        }
        out
    }

    /// The rule that takes vendor tokens and keypairs, if it is active.
    pub(crate) fn keypair_rule(&self) -> Option<usize> {
        self.vendor
    }

    /// The rule that takes coordinates, if it is active.
    pub(crate) fn geolocation_rule(&self) -> Option<usize> {
        self.geolocation
    }

    /// Says which rules redact (by rule index), so that where two hits
    /// overlap the redacting one wins.
    pub(crate) fn set_redacting(&mut self, redacting: Vec<bool>) -> Result<(), Error> {
        self.redacting = redacting;
        let index: Vec<usize> = (0..self.n_builtin)
            .filter(|&i| self.redacts(self.patterns[i].rule))
            .collect();
        let patterns: Vec<&str> = index
            .iter()
            .map(|&i| self.patterns[i].regex.as_str())
            .collect();
        self.redacting_builtin = if patterns.is_empty() {
            None
        } else {
            let set = RegexSetBuilder::new(patterns)
                .size_limit(1 << 26)
                .dfa_size_limit(1 << 23)
                .build()
                .map_err(|e| Error::Regex {
                    rule: "built-in detectors".to_owned(),
                    source: Box::new(e),
                })?;
            Some((set, index))
        };
        Ok(())
    }

    fn find(&self, i: usize, text: &str, hits: &mut Vec<Hit>) {
        let p = &self.patterns[i];
        let mut push = |start: usize, end: usize| {
            if start >= end {
                return;
            }
            let valid = |start: usize| p.validator.is_none_or(|v| v(text, start, end));
            let start = if valid(start) {
                Some(start)
            } else if p.groups {
                // The groups after each of the first few separators.
                text[start..end]
                    .match_indices([' ', '-'])
                    .take(4)
                    .map(|(at, _)| start + at + 1)
                    .find(|&s| text.as_bytes().get(s).is_some_and(u8::is_ascii_digit) && valid(s))
            } else {
                None
            };
            if let Some(start) = start {
                hits.push(Hit::Match {
                    start,
                    end,
                    rule: p.rule,
                });
            }
        };
        if p.group {
            for caps in p.regex.captures_iter(text) {
                // `s2`: a second narrowing group, for a table compiled
                // into one alternation (the vendor table) whose `s` is
                // taken.
                let narrowed = caps.name("s").or_else(|| caps.name("s2"));
                if let Some(m) = narrowed.or_else(|| caps.get(0)) {
                    push(m.start(), m.end());
                }
            }
        } else {
            for m in p.regex.find_iter(text) {
                push(m.start(), m.end());
            }
        }
    }

    fn base64(&self, text: &str, start: usize, end: usize, depth: usize) -> Option<Hit> {
        let run = &text[start..end];
        // Hex (digests, UUIDs) is far likelier than base64 of text, which
        // always has capitals.
        if run.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-') {
            return None;
        }
        let url_safe = run.bytes().any(|b| b == b'-' || b == b'_');
        if url_safe && run.bytes().any(|b| b == b'+' || b == b'/') {
            return None;
        }
        let body = run.trim_end_matches('=');
        if body.len() % 4 == 1 {
            return None;
        }
        let bytes = engine(url_safe).decode(run).ok()?;
        let decoded = String::from_utf8(bytes).ok()?;
        let printable = decoded
            .chars()
            .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'));
        if !printable || decoded.trim().is_empty() {
            return None;
        }
        let hits = self.scan_at(&decoded, depth + 1, false);
        (!hits.is_empty()).then(|| Hit::Base64 {
            start,
            end,
            // Canonical base64 (padded, or a multiple of 4 long) stays canonical.
            padded: run.ends_with('=') || run.len() % 4 == 0,
            url_safe,
            decoded,
            hits,
        })
    }
}

/// How base64 is read (with or without padding) and written (padded).
const BASE64_CONFIG: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_encode_padding(true);
/// The standard alphabet's engine.
static STANDARD_ENGINE: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, BASE64_CONFIG);
/// The URL-safe alphabet's engine.
static URL_SAFE_ENGINE: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, BASE64_CONFIG);

/// The base64 engine for an alphabet, accepting input with or without
/// padding.
pub(crate) fn engine(url_safe: bool) -> &'static GeneralPurpose {
    if url_safe {
        &URL_SAFE_ENGINE
    } else {
        &STANDARD_ENGINE
    }
}

/// What one cheap pass over a text's bytes learned.
struct Prefilter {
    /// Whether any built-in detector could match.
    maybe: bool,
    /// Whether the word `dot` is in the text between spaces (an address
    /// written out, `x at y dot org`).
    dot_word: bool,
    /// Token runs long enough to be base64 worth decoding.
    runs: Vec<(usize, usize)>,
}

/// Byte classes of the prefilter, as bits of [`CLASS`].
const DIGIT: u8 = 1;
const DOT: u8 = 2;
/// Characters that join the digits of a card, phone, SSN or IPv4 address.
const JOINER: u8 = 4;
/// Characters of a token or base64 run.
const RUN: u8 = 8;
/// `@`, `:`, `%`, `~` and opening brackets, which need a closer look.
const SPECIAL: u8 = 16;
/// Hex digits and `-`: a run of only these is a digest or a UUID.
const HEXISH: u8 = 32;
/// Small letters, digits and `_`: a run of only these holds no identifier,
/// and a digit stretch inside it with a letter on both sides is walled.
const LOWER_WORD: u8 = 64;
/// `.`, `=`, `$`, `,` and `~`: with token runs, they make the stretches
/// a token with those in its alphabet (or a PHC hash) can be.
const WIDE: u8 = 128;

/// The class bits of every byte.
static CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let mut bits = 0;
        if c.is_ascii_digit() {
            bits |= DIGIT | RUN;
        }
        if c.is_ascii_alphabetic() || c == b'_' {
            bits |= RUN;
        }
        if c == b'+' || c == b'/' || c == b'-' {
            bits |= RUN | JOINER;
        }
        if c == b'.' {
            bits |= DOT | JOINER;
        }
        if c == b' ' || c == b'(' || c == b')' {
            bits |= JOINER;
        }
        if c == b'@' || c == b':' || c == b'%' || c == b'~' || c == b'[' || c == b'(' || c == b'{' {
            bits |= SPECIAL;
        }
        if c.is_ascii_hexdigit() || c == b'-' {
            bits |= HEXISH;
        }
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_' {
            bits |= LOWER_WORD;
        }
        if c == b'.' || c == b'=' || c == b'$' || c == b',' || c == b'~' {
            bits |= WIDE;
        }
        table[b] = bits;
        b += 1;
    }
    table
};

/// The shortest token run that can be a token (`xoxb-` and ten characters).
const MIN_TOKEN_RUN: usize = 14;
/// The shortest run of only hex digits that can be a token (a Cloudflare
/// origin CA key's body); a SHA-512 digest is 128.
const MIN_HEX_TOKEN_RUN: usize = 150;

/// A stretch of digits and the characters that join them.
#[derive(Default)]
struct Stretch {
    digits: u32,
    dots: u32,
    /// Whether a `+` came before the first digit.
    plus: bool,
    /// Where the first digit is.
    first_digit: usize,
}

impl Stretch {
    fn digit(&mut self, at: usize) {
        if self.digits == 0 {
            self.first_digit = at;
        }
        self.digits += 1;
    }

    /// Follows the bytes `from..to` of a token run; returns whether a
    /// stretch ended there that a detector could match.
    fn follow(&mut self, bytes: &[u8], from: usize, to: usize) -> bool {
        let mut maybe = false;
        for i in from..to {
            let b = bytes[i];
            let class = CLASS[usize::from(b)];
            if class & DIGIT != 0 {
                self.digit(i);
            } else if class & JOINER != 0 {
                self.plus |= b == b'+' && self.digits == 0;
            } else if self.active() {
                if matches!(b, b'A' | b'B') && self.digits > 0 && bytes[i - 1] == b'2' {
                    // A Corsican department in a French NIR (`2A`), or a
                    // stretch's end before a check letter (a UK NINO's
                    // `... 22B`).
                    maybe |= !self.walled(bytes, i) && self.end(bytes);
                    self.digits += 1;
                } else {
                    maybe |= !self.walled(bytes, i) && self.end(bytes);
                    *self = Stretch::default();
                }
            }
        }
        maybe
    }

    /// Whether the stretch holds anything to reset.
    fn active(&self) -> bool {
        self.digits != 0 || self.dots != 0 || self.plus
    }

    /// Whether the stretch, which ends at `end`, is only digits glued to
    /// a lower-case word on one side at least: a small letter (or `_`)
    /// right before it, or one right after it followed by another word
    /// character (`...3f4a123456789b0c...`, a zero-padded digest). Every
    /// digit detector starts at a word boundary (`\b`) or after a `+`,
    /// and ends at one, after its digits or after one check letter; those
    /// with letters among their digits (a VIN, an IBAN, a NINO, a PAN, a
    /// card's `CC..` label) take capitals only. So none can match there.
    fn walled(&self, bytes: &[u8], end: usize) -> bool {
        let start = self.first_digit;
        let small = |at: usize| {
            bytes
                .get(at)
                .is_some_and(|&b| b.is_ascii_lowercase() || b == b'_')
        };
        let word = |at: usize| bytes.get(at).is_some_and(|&b| is_word(b));
        self.dots == 0
            && !self.plus
            && end - start == self.digits as usize
            && ((start > 0 && small(start - 1)) || (small(end) && word(end + 1)))
    }

    /// Whether a detector could match the stretch, which ends here: nine
    /// digits or more (cards, phones, SSNs, national ids, IMEIs), four and
    /// three dots (IPv4), eight after a `+` (international phones), or six
    /// after two capitals (a UK NINO, `AB 12 34 56 C`).
    fn end(&self, bytes: &[u8]) -> bool {
        self.digits >= 9
            || (self.digits >= 4 && self.dots >= 3)
            || (self.plus && self.digits >= 8)
            || (self.digits == 6 && {
                let head = &bytes[..self.first_digit];
                let head = head.strip_suffix(b" ").unwrap_or(head);
                head.len() >= 2 && head[head.len() - 2..].iter().all(u8::is_ascii_uppercase)
            })
    }
}

/// Whether `b` is a word character of a regex's `\b` (ASCII).
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// What a token run is made of, as its one pass found.
#[derive(Clone, Copy)]
struct RunShape {
    /// Only hex digits and `-`.
    hex_only: bool,
    /// Something else than small letters, digits and `_`: it may hold a
    /// capital.
    capitals: bool,
    /// A `+`, `/` or `-` joins parts of it.
    joined: bool,
}

/// Consecutive runs of four hex digits joined by dots (`f895.105f.b620`).
#[derive(Default)]
struct Quads {
    count: u32,
    last_end: usize,
}

impl Quads {
    /// Notes the run `start..end`; returns whether it is the third quad in
    /// a row.
    fn close(&mut self, bytes: &[u8], start: usize, end: usize, hex_only: bool) -> bool {
        if !(hex_only && end - start == 4) {
            self.count = 0;
            return false;
        }
        let joined = self.count > 0 && start == self.last_end + 1 && bytes[start - 1] == b'.';
        self.count = if joined { self.count + 1 } else { 1 };
        self.last_end = end;
        self.count >= 3
    }
}

impl Prefilter {
    /// One pass over the bytes. A built-in detector can only match when the
    /// text has an `@`, `%40` or `[at]` (email), `::`, `://` or four colons (IPv6,
    /// URL credentials, MAC, a `.pgpass` line), `Q~` (an Azure AD secret), a stretch of digits
    /// and joiners that [`Stretch::end`] accepts (cards, phones, SSNs, IBANs,
    /// IPv4, national ids), a token run of 14 characters or more that is not
    /// only hex (tokens, keys, JWTs, IBANs), a hex run as long as a MAC
    /// address or a Cloudflare key, three dotted hex quads (a Cisco MAC), a
    /// run of 9 to 11 characters with four digits or more and a capital
    /// (`AB123456C`, `12345678Z`, `ABCPE1234F`, `345/01DE-35`), 40 hex
    /// digits after a `*` (a MySQL hash), six runs shaped as recovery
    /// codes (`xxxxx-xxxxx`), or one of the
    /// words `bearer`, `basic`, `private key`, `passw`, `pwd`, `cn=`. It
    /// also notes the word `dot` between spaces, for addresses written
    /// out in words.
    fn run(text: &str) -> Prefilter {
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut maybe = false;
        let mut runs = Vec::new();
        let mut colons = 0u32;
        let mut dot_word = false;
        let mut stretch = Stretch::default();
        let mut quads = Quads::default();
        let mut codes = 0u32;
        // The stretch of token runs and [`WIDE`] bytes `i` is in, and
        // whether a `WIDE` byte joins two of its runs.
        let (mut wide_start, mut wide_joined) = (0, false);
        let wide_close = |maybe: &mut bool, from: usize, to: usize, joined: bool| {
            if joined && !*maybe && to - from >= MIN_TOKEN_RUN {
                let stretch = &bytes[from..to];
                *maybe = prefixes::any_in(stretch) || has_cnpj_shape(stretch);
            }
        };
        let mut i = 0;
        while i < n {
            let class = CLASS[usize::from(bytes[i])];
            if class & RUN != 0 {
                // A token run. One tight pass finds its end and what all
                // its bytes are; the digit stretches in it are then
                // followed byte by byte only where they can matter.
                let start = i;
                let mut all = RUN | HEXISH | LOWER_WORD;
                let mut any = 0;
                while i < n {
                    let class = CLASS[usize::from(bytes[i])];
                    if class & RUN == 0 {
                        break;
                    }
                    all &= class;
                    any |= class;
                    i += 1;
                }
                let hex_only = all & HEXISH != 0;
                if all & LOWER_WORD != 0 {
                    // Only small letters, digits and `_` (a digest, a word,
                    // an id): a digit stretch with a letter on both sides
                    // in it is walled ([`Stretch::walled`]), so only the
                    // digits it starts and ends with are followed (and the
                    // letter after the first ones, which ends a stretch
                    // that came from before the run).
                    let mut lead = start;
                    while lead < i && bytes[lead].is_ascii_digit() {
                        lead += 1;
                    }
                    lead = (lead + 1).min(i);
                    let mut tail = i;
                    while tail > lead && bytes[tail - 1].is_ascii_digit() {
                        tail -= 1;
                    }
                    maybe |= stretch.follow(bytes, start, lead);
                    maybe |= stretch.follow(bytes, tail, i);
                } else {
                    maybe |= stretch.follow(bytes, start, i);
                }
                // Base64 padding belongs to the run.
                let mut end = i;
                while end < n && bytes[end] == b'=' && end - i < 2 {
                    end += 1;
                }
                let shape = RunShape {
                    hex_only,
                    // No capital: no identifier; no `+`, `/` or `-`: no
                    // parts to look at apart.
                    capitals: all & LOWER_WORD == 0,
                    joined: any & JOINER != 0,
                };
                // `dot` as a word: an address written out (`x at y dot org`).
                dot_word |= i - start == 3
                    && bytes[start..i].eq_ignore_ascii_case(b"dot")
                    && start > 0
                    && bytes[start - 1] == b' '
                    && bytes.get(i) == Some(&b' ');
                maybe |= close_run(bytes, start, end, shape, &mut runs);
                // Recovery codes (`xxxxx-xxxxx`): too short for a token
                // run, they are counted; six make a list worth a look.
                if shape.joined && (9..=13).contains(&(end - start)) && is_code(&bytes[start..end])
                {
                    codes += 1;
                    maybe |= codes >= 6;
                }
                maybe |= quads.close(bytes, start, end, hex_only);
                continue;
            }
            if class & WIDE != 0 {
                wide_joined = true;
            } else {
                wide_close(&mut maybe, wide_start, i, wide_joined);
                (wide_start, wide_joined) = (i + 1, false);
            }
            let b = bytes[i];
            if class & SPECIAL != 0 {
                match b {
                    b'@' => maybe = true,
                    b':' => {
                        colons += 1;
                        if bytes.get(i + 1) == Some(&b':') || bytes[i..].starts_with(b"://") {
                            maybe = true;
                        }
                    }
                    b'%' => maybe |= bytes[i + 1..].starts_with(b"40"),
                    // An address written `jane [at] x [dot] org`.
                    b'[' | b'(' | b'{' => {
                        maybe |= bytes.get(i + 1..i + 4).is_some_and(|w| {
                            w[..2].eq_ignore_ascii_case(b"at") && b"])}".contains(&w[2])
                        }) || hk_check_digit(bytes, i);
                    }
                    _ => maybe |= i > 0 && bytes[i - 1] == b'Q',
                }
            }
            if class & DOT != 0 {
                stretch.dots += 1;
            } else if class & JOINER == 0 && stretch.active() {
                maybe |= !stretch.walled(bytes, i) && stretch.end(bytes);
                stretch = Stretch::default();
            }
            i += 1;
        }
        wide_close(&mut maybe, wide_start.min(n), n, wide_joined);
        // Five colons: IPv6 or a MAC; four: a `.pgpass` line.
        if (!stretch.walled(bytes, n) && stretch.end(bytes)) || colons >= 4 {
            maybe = true;
        }
        if !maybe {
            maybe = has_keyword(bytes);
        }
        Prefilter {
            maybe,
            dot_word,
            runs,
        }
    }
}

/// Notes the token run `start..end` of `bytes`; returns whether a detector
/// could match it. A run of only hex digits and `-` (a digest, a UUID) can
/// only be a MAC address (17 long), a long hex key, or hold digits, which
/// the digit count sees; it is not tried as base64 either.
fn close_run(
    bytes: &[u8],
    start: usize,
    end: usize,
    shape: RunShape,
    runs: &mut Vec<(usize, usize)>,
) -> bool {
    let RunShape {
        hex_only,
        capitals,
        joined,
    } = shape;
    let run = &bytes[start..end];
    let len = run.len();
    // The first group of an IBAN written in groups (`LU90 520W ...`,
    // or several glued, `LU90520W ...`, `AW69VL4O20U3 ...`), whose letters
    // break its digits into short stretches.
    if (4..=34).contains(&len)
        && run[..2].iter().all(u8::is_ascii_uppercase)
        && run[2..4].iter().all(u8::is_ascii_digit)
        && run[4..]
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && bytes.get(end) == Some(&b' ')
    {
        return true;
    }
    // An identifier of letters and digits, also where a `+` or `/` glues
    // it to the rest of the run (`AA+X1234567L`), or `-` joins its parts.
    let bare = run
        .iter()
        .rposition(|&b| b != b'=')
        .map_or(run, |last| &run[..=last]);
    let id = capitals
        && (id_like(bare)
            || joined
                && bare.split(|&b| b == b'+' || b == b'/').any(|part| {
                    (part.len() < bare.len() && id_like(part))
                        || part.split(|&b| b == b'-').any(id_like)
                }));
    if hex_only {
        // A MySQL native password hash: `*` and 40 hex digits.
        let mysql = len == 40 && start > 0 && bytes[start - 1] == b'*';
        // A Cisco type 7 password: `password 7 0822455D0A16`.
        let cisco = start >= 3 && &bytes[start - 3..start] == b" 7 ";
        // An Asana personal access token's secret: `1/1234567:` and 32
        // hex digits.
        let asana = len == 32 && start > 0 && bytes[start - 1] == b':';
        return id
            || len == 17
            || len >= MIN_HEX_TOKEN_RUN
            || mysql
            || cisco
            || asana
            || keystore_field(bytes, start, len);
    }
    // Noted whatever else it may be: a long run is also looked at as an
    // AWS secret and as base64.
    if len >= MIN_BASE64_RUN {
        runs.push((start, end));
    }
    id || len >= MIN_TOKEN_RUN
}

/// Whether the hex run of `len` digits at `start` is an Ethereum
/// keystore's `ciphertext` or `mac` in JSON, escaped or not
/// (`\"mac\":\"...`).
fn keystore_field(bytes: &[u8], start: usize, len: usize) -> bool {
    if len < 32 {
        return false;
    }
    let label_end = bytes[..start]
        .iter()
        .rposition(|&b| !matches!(b, b'"' | b'\\' | b':' | b' ' | b'\t'))
        .map_or(0, |i| i + 1);
    let label = &bytes[..label_end];
    label.ends_with(b"ciphertext") || label.ends_with(b"mac")
}

/// Whether the `(` at `at` holds a Hong Kong identity card's check digit
/// after its letter and six digits (`A123456(7)`).
fn hk_check_digit(bytes: &[u8], at: usize) -> bool {
    at >= 7
        && bytes[at - 6..at].iter().all(u8::is_ascii_digit)
        && bytes[at - 7].is_ascii_uppercase()
        && bytes
            .get(at + 1..at + 3)
            .is_some_and(|w| (w[0].is_ascii_digit() || w[0] == b'A') && w[1] == b')')
}

/// Whether `stretch` holds a Brazilian CNPJ's punctuation
/// (`12.ABC.345/01DE-35`): letters among its digits cut its digit
/// stretches short.
fn has_cnpj_shape(stretch: &[u8]) -> bool {
    stretch
        .windows(18)
        .any(|w| w[2] == b'.' && w[6] == b'.' && w[10] == b'/' && w[15] == b'-')
}

/// Whether a token run is shaped as a recovery code: two halves of four
/// to six small letters and digits joined by one `-`.
fn is_code(run: &[u8]) -> bool {
    let Some(dash) = run.iter().position(|&b| b == b'-') else {
        return false;
    };
    (4..=6).contains(&dash)
        && (4..=6).contains(&(run.len() - dash - 1))
        && run
            .iter()
            .enumerate()
            .all(|(i, &b)| i == dash || b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// Whether `part` of a run can be an identifier of letters and digits
/// (`AB123456C`, `12345678Z`, `ABCPE1234F`, `131052-308T`): 9 to 11
/// characters, a capital, four digits or more.
fn id_like(part: &[u8]) -> bool {
    (9..=11).contains(&part.len())
        && part.iter().any(u8::is_ascii_uppercase)
        && part.iter().filter(|b| b.is_ascii_digit()).count() >= 4
}

/// Whether the `=` at `at` ends a distinguished name's `cn` (`CN=`, or
/// `cn\=` as a `.properties` file escapes it).
fn opens_dn_value(bytes: &[u8], at: usize) -> bool {
    let before = &bytes[..at];
    let before = before.strip_suffix(b"\\").unwrap_or(before);
    before.len() >= 2 && before[before.len() - 2..].eq_ignore_ascii_case(b"cn")
}

/// Whether `bytes` holds, in any case, one of the words that announce a
/// credential: `bearer`, `basic`, `private key`, `passw`, `pwd`, or the
/// `cn=` of a distinguished name. One pass, looking closer only at a `b`,
/// a `p` or a `=`.
fn has_keyword(bytes: &[u8]) -> bool {
    const WORDS: [&[u8]; 5] = [b"bearer", b"basic", b"private key", b"passw", b"pwd"];
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    const CASE: u64 = u64::from_ne_bytes([0x20; 8]);
    const B: u64 = u64::from_ne_bytes([b'b'; 8]);
    const P: u64 = u64::from_ne_bytes([b'p'; 8]);
    const EQ: u64 = u64::from_ne_bytes([b'='; 8]);
    let at = |i: usize| {
        matches!(bytes[i] | 0x20, b'b' | b'p')
            && WORDS.iter().any(|word| {
                bytes
                    .get(i..i + word.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(word))
            })
            || (bytes[i] == b'=' && opens_dn_value(bytes, i))
    };
    // Eight bytes at a time: a byte of `x` (or `y`) is zero where the
    // chunk has a `b` (or a `p`) in either case, or a `=`, and the test is
    // true when some byte is zero; only such chunks are looked at closer.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS != 0;
    let mut chunks = bytes.chunks_exact(8);
    let mut start = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let lower = u64::from_ne_bytes(word) | CASE;
        if (zero(lower ^ B) || zero(lower ^ P) || zero(lower ^ EQ)) && (start..start + 8).any(at) {
            return true;
        }
        start += 8;
    }
    (start..bytes.len()).any(at)
}

#[cfg(test)]
mod tests;
