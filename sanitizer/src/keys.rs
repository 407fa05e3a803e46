//! What a key name says about its value: the one place that decides whether
//! a name (an object key, the `name` of a name/value pair, the `password` of
//! `password=...` in text) announces a secret or personal data.
//!
//! A key rule's pattern is one or more words separated by `|`
//! (`password|passwd|passwort`). A name matches a word when:
//!
//! - the word is five letters or more and the name, lowercased without
//!   `_`, `-`, `.`, `/`, `:` and spaces, contains it (`password` matches
//!   `DB_PASSWORD`, `userPassword`, `x-db-password`);
//! - the word is shorter (`pin`, `dob`, `ssn`, `pwd`) and equals one of the
//!   name's tokens (split at separators and at lower-to-upper case changes):
//!   `pin` matches `user_pin` and `pinCode`, never `shipping` or `pinned`.
//!
//! A name that matches is still not sensitive when its *last* token says the
//! value is about the secret rather than the secret itself: a count, a
//! limit, a length, a type, a name, a path, a time, a policy
//! (`token_count`, `max_tokens`, `password_min_length`, `token_type`,
//! `secret_name`, `password_file`, `session_timeout`). A plural last token
//! (`tokens`, `sessions`) holds the secrets when it holds strings, and a
//! count when it holds a number, so numbers under a plural are kept; so are
//! numbers under any name that does not end with the word (`auth_failed`).
//!
//! A value under a sensitive name is kept when it cannot hold a secret: a
//! bool, `null`, an empty string, a template placeholder (`${DB_PASSWORD}`,
//! `{{ .Values.password }}`, `<your-token>`, `%(password)s`), a mask
//! (`****`, `xxxx`) or a redaction marker.

use std::sync::atomic::{AtomicU64, Ordering};

use aho_corasick::{AhoCorasick, BuildError};

use crate::detect::{IdCheck, IdChecks};

/// Last tokens that make a name describe a secret instead of holding one.
const METADATA: &[&str] = &[
    "count",
    "counts",
    "num",
    "max",
    "min",
    "limit",
    "limits",
    "len",
    "length",
    "size",
    "total",
    "used",
    "remaining",
    "left",
    "rate",
    "type",
    "kind",
    "name",
    "names",
    "path",
    "file",
    "dir",
    "url",
    "uri",
    "endpoint",
    "policy",
    "format",
    "version",
    "enabled",
    "disabled",
    "required",
    "ttl",
    "timeout",
    "expiry",
    "expires",
    "expiration",
    "expired",
    "lifetime",
    "age",
    "at",
    "time",
    "ts",
    "hint",
    "label",
    "field",
    "mode",
    "strategy",
    "provider",
    "location",
    "ref",
    "arn",
    "index",
    "idx",
    "set",
    "changed",
    "reset",
    "rotated",
    "algorithm",
    "alg",
    "scheme",
    "prefix",
    "suffix",
    "header",
    "param",
    "usage",
    "budget",
    "window",
    "bucket",
    "capacity",
    "source",
    "status",
    "valid",
    "present",
    "method",
    "methods",
    "verified",
    "confirmed",
    "template",
    "subject",
    "model",
    "country",
    "code_length",
    "strength",
    "complexity",
];

/// Tokens that make a name a position in a listing (`next_page_token`,
/// `continuation_token`): pagination, not a credential.
const PAGINATION: &[&str] = &[
    "page",
    "next",
    "continuation",
    "pagination",
    "cursor",
    "resume",
    "sync",
    "prev",
    "previous",
];

/// Values that a person writes where a secret would go but that hold none.
const NOT_SECRETS: &[&str] = &[
    "",
    "null",
    "none",
    "nil",
    "true",
    "false",
    "yes",
    "no",
    "n/a",
    "na",
    "unset",
    "empty",
    "redacted",
    "masked",
    "hidden",
    "required",
    "optional",
    "filtered",
    "[filtered]",
    "[redacted]",
    "[masked]",
    "[hidden]",
    "[removed]",
    "replace_me",
    "replaceme",
    "your_password",
    "your_api_key",
    "your_token",
    "your_secret",
];

/// Where the tokens of a name end in its normalized form ([`normalize`]):
/// a name is split at separators and at lower-to-upper case changes
/// (`X-Api-Key` is `x`, `api`, `key`; `apiKeyV2` is `api`, `key`, `v2`).
fn token_ends(name: &str, ends: &mut Vec<usize>) {
    ends.clear();
    let mut len = 0;
    let mut current = 0;
    let mut prev_lower = false;
    read_chars(name, |c| {
        if !c.is_alphanumeric() {
            if current > 0 {
                ends.push(len);
                current = 0;
            }
            prev_lower = false;
            return;
        }
        if c.is_uppercase() && prev_lower && current > 0 {
            ends.push(len);
            current = 0;
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        let n: usize = c.to_lowercase().map(char::len_utf8).sum();
        len += n;
        current += n;
    });
    if current > 0 {
        ends.push(len);
    }
}

/// `name` lowercased, without separators.
pub(crate) fn normalize(name: &str, out: &mut String) {
    out.clear();
    if name.is_ascii() {
        out.reserve(name.len());
        for b in name.bytes() {
            if b.is_ascii_alphanumeric() {
                out.push(char::from(b.to_ascii_lowercase()));
            }
        }
        return;
    }
    read_chars(name, |c| {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    });
}

/// Calls `f` with each character `name` is read as: a label written with
/// look-alikes of Latin letters (`раssword` with a Cyrillic `р` and `а`,
/// see [`crate::confusables`], or fullwidth `ｐａｓｓ`) reads as the Latin
/// it looks like.
fn read_chars(name: &str, mut f: impl FnMut(char)) {
    let folded = crate::confusables::fold_mixed(name);
    for c in folded.as_deref().unwrap_or(name).chars() {
        f(match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(u32::from(c) - 0xfee0).unwrap_or(c),
            c => c,
        });
    }
}

/// A compiled key pattern: its words, each with how it matches and the
/// check its value must pass, if any.
#[derive(Debug, Clone)]
pub(crate) struct KeyPattern {
    /// Words of five letters or more, normalized, matched as substrings.
    long: Vec<(String, Option<IdChecks>)>,
    /// Shorter words, matched as whole tokens (or two adjacent tokens).
    short: Vec<(String, Option<IdChecks>)>,
    /// The words as written in the pattern, for finding them in text.
    raw: Vec<String>,
}

/// Why a key pattern does not compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PatternError {
    /// The pattern has no word.
    Empty,
    /// A word names a check after `=` that does not exist; the word's
    /// index in the pattern.
    UnknownCheck(usize),
}

impl std::fmt::Display for PatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PatternError::Empty => f.write_str("empty key pattern"),
            PatternError::UnknownCheck(i) => write!(
                f,
                "word {} names an unknown check after `=` (known: {})",
                i + 1,
                IdCheck::known()
            ),
        }
    }
}

impl KeyPattern {
    /// Compiles `pattern` (`word|word|...`, a word perhaps followed by
    /// `=check` or `=check+check`).
    pub(crate) fn new(pattern: &str) -> Result<KeyPattern, PatternError> {
        let mut long = Vec::new();
        let mut short = Vec::new();
        let mut raw = Vec::new();
        let mut scratch = String::new();
        for (i, written) in pattern.split('|').enumerate() {
            let (word, check) = match written.split_once('=') {
                Some((word, check)) => (
                    word,
                    Some(IdChecks::named(check).ok_or(PatternError::UnknownCheck(i))?),
                ),
                None => (written, None),
            };
            normalize(word, &mut scratch);
            if scratch.is_empty() {
                continue;
            }
            raw.push(word.trim().to_owned());
            if scratch.chars().count() >= 5 {
                long.push((scratch.clone(), check));
            } else {
                short.push((scratch.clone(), check));
            }
        }
        if raw.is_empty() {
            return Err(PatternError::Empty);
        }
        Ok(KeyPattern { long, short, raw })
    }

    /// What to search for in text to find this pattern's words: the
    /// longest part of each word between separators (`account` for
    /// `account_number`, which finds `accountNumber` and `ACCOUNT-NUMBER`
    /// too), or, when its parts are single letters (`d_o_b`, `p_k`: a
    /// needle of one letter would stop at every `b`), the letters joined
    /// by each separator and by none (`d-o-b`, `d.o.b`, `dob`). A hit is
    /// only a candidate: the name around it is read and looked up.
    pub(crate) fn text_needles(&self) -> impl Iterator<Item = String> + '_ {
        self.raw.iter().flat_map(|word| word_needles(word))
    }

    /// The needles of this pattern's short words (matched as whole
    /// tokens), and of its long ones.
    fn needles_by_length(&self) -> (Vec<String>, Vec<String>) {
        let mut short = Vec::new();
        let mut long = Vec::new();
        let mut scratch = String::new();
        for word in &self.raw {
            normalize(word, &mut scratch);
            let into = if scratch.chars().count() >= 5 {
                &mut long
            } else {
                &mut short
            };
            into.extend(word_needles(word).map(|n| n.to_ascii_lowercase()));
        }
        (short, long)
    }
}

/// What to search for in text to find `word` (see
/// [`KeyPattern::text_needles`]).
fn word_needles(word: &str) -> impl Iterator<Item = String> {
    let parts: Vec<&str> = word.split(['_', '-', '.', ' ']).collect();
    let longest = parts
        .iter()
        .copied()
        .max_by_key(|part| part.len())
        .unwrap_or(word);
    let needles = if longest.chars().count() < 2 {
        ["_", "-", ".", ""]
            .iter()
            .map(|sep| parts.join(sep))
            .collect::<Vec<_>>()
    } else {
        vec![longest.to_owned()]
    };
    needles.into_iter()
}

/// What a name says about its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NameMatch {
    /// The index of the rule whose pattern matched.
    pub(crate) rule: usize,
    /// Whether the name's last token is a plural (`tokens`): a number there
    /// is a count.
    pub(crate) plural: bool,
    /// Whether the name ends with the word (`pin`, `account_number`): only
    /// then can a number under it be the secret itself (`auth_failed: 3`
    /// is not).
    pub(crate) ends_with_word: bool,
    /// The check a value must pass for the name to announce it: the word
    /// matched is a short label that other things share (`ird`, `kt`).
    pub(crate) check: Option<IdChecks>,
}

impl NameMatch {
    /// A match by rule `rule` of a word that ends the name, with no check.
    pub(crate) fn whole(rule: usize) -> NameMatch {
        NameMatch {
            rule,
            plural: false,
            ends_with_word: true,
            check: None,
        }
    }

    /// Whether the name announces `value` (a string, or a number written
    /// out): always, unless its word names a check the value fails.
    pub(crate) fn takes(&self, value: &str) -> bool {
        self.check.is_none_or(|c| c.accepts(value))
    }

    /// How much of `value`, written after the name in text, the name
    /// announces: all of it, or the identifier its check finds at the
    /// start, written out or in base64 (LDIF's `kt:: MDIwNzg1...`); none
    /// when there is none.
    pub(crate) fn taken_len(&self, value: &str) -> Option<usize> {
        match self.check {
            None => Some(value.len()),
            Some(c) => c.prefix_len(value).or_else(|| c.base64_len(value)),
        }
    }
}

/// One word of a key rule, as the lookup searches for it.
#[derive(Debug, Clone)]
struct Word {
    rule: usize,
    /// Five letters or more: found inside a name.
    long: bool,
    /// Eight letters or more: distinctive enough to be found inside a
    /// compound (`reisepassnummer`, `passwortfeld`).
    distinctive: bool,
    /// The check the value must pass.
    check: Option<IdChecks>,
}

/// The key rules, compiled: which rule, if any, a name announces.
#[derive(Debug, Clone, Default)]
pub(crate) struct KeyRules {
    patterns: Vec<(KeyPattern, usize)>,
    /// Every word of every pattern, normalized, searched for at once in a
    /// normalized name; `words[i]` says what pattern `i` is.
    search: Option<AhoCorasick>,
    words: Vec<Word>,
    /// This set's number, unique in the process (never 0): what
    /// [`lookup_memo`](crate::lookup_memo) remembers belongs to one set.
    id: u64,
}

impl KeyRules {
    /// Compiles `patterns` (each with its rule's index).
    pub(crate) fn new(patterns: Vec<(KeyPattern, usize)>) -> Result<KeyRules, BuildError> {
        let mut needles = Vec::new();
        let mut words = Vec::new();
        for (p, rule) in &patterns {
            for ((w, check), long) in p
                .long
                .iter()
                .map(|w| (w, true))
                .chain(p.short.iter().map(|w| (w, false)))
            {
                needles.push(w.as_str());
                words.push(Word {
                    rule: *rule,
                    long,
                    distinctive: w.chars().count() >= 8,
                    check: *check,
                });
            }
        }
        let search = if needles.is_empty() {
            None
        } else {
            Some(AhoCorasick::new(&needles)?)
        };
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        Ok(KeyRules {
            patterns,
            search,
            words,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        })
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// What to search for in text to find every pattern's words.
    pub(crate) fn text_needles(&self) -> impl Iterator<Item = String> + '_ {
        self.patterns.iter().flat_map(|(p, _)| p.text_needles())
    }

    /// The text needles (lowercased) that only short words give (`ic`,
    /// `ein`, `nit`, `pin`): short words match whole tokens only, so a
    /// hit of one inside a longer token (`public`, `being`, `unit`,
    /// `shipping`) can announce nothing and need not be read. A needle
    /// that a long word gives too (`api` of `api_key`, found in
    /// `myapikey`) is not one of them.
    pub(crate) fn token_needles(&self) -> Vec<String> {
        let mut short = Vec::new();
        let mut long = Vec::new();
        for (p, _) in &self.patterns {
            let (s, l) = p.needles_by_length();
            short.extend(s);
            long.extend(l);
        }
        short.retain(|n| !long.contains(n));
        short.sort();
        short.dedup();
        short
    }

    /// Whether any word of any pattern is in `name`, normalized. When none
    /// is, [`lookup`](Self::lookup) finds nothing in `name` nor in any part
    /// of it (normalizing a part gives a part of the normalized whole).
    pub(crate) fn mentions_a_word(&self, name: &str, scratch: &mut String) -> bool {
        let Some(search) = self.search.as_ref() else {
            return false;
        };
        normalize(name, scratch);
        search.is_match(scratch.as_str())
    }

    /// The first rule (in rule order) whose pattern `name` matches, unless
    /// the name says it describes the value rather than holding it.
    ///
    /// A long word matches where it ends a token (or before a plural `s`),
    /// or anywhere when it is distinctive: `password` is in `dbpassword` and
    /// `passwords`, `token` is not in `tokenizer`. A short word must be
    /// whole tokens: `pin` is in `user_pin`, not in `shipping`.
    pub(crate) fn lookup(&self, name: &str, scratch: &mut String) -> Option<NameMatch> {
        self.search.as_ref()?;
        crate::lookup_memo::remembered(self.id, name, || self.work_out(name, scratch))
    }

    /// [`lookup`](Self::lookup), not remembered.
    fn work_out(&self, name: &str, scratch: &mut String) -> Option<NameMatch> {
        let search = self.search.as_ref()?;
        if name.len() > 256 {
            return None;
        }
        normalize(name, scratch);
        let normalized = scratch.as_str();
        let mut hits = search.find_overlapping_iter(normalized).peekable();
        hits.peek()?;
        let mut ends = Vec::with_capacity(8);
        token_ends(name, &mut ends);
        let starts_token = |at: usize| at == 0 || ends.contains(&at);
        let ends_token = |at: usize| {
            ends.contains(&at)
                || (normalized.as_bytes().get(at) == Some(&b's') && ends.contains(&(at + 1)))
        };
        let mut best: Option<(usize, usize, usize, Option<IdChecks>)> = None;
        for hit in hits {
            let w = &self.words[hit.pattern().as_usize()];
            // A word with a check is a label that means other things
            // too: it must start a token as well (`a_number` is not in
            // `dea_number`, `routing` not in `rerouting`).
            let fits = if w.long {
                (w.distinctive || ends_token(hit.end()))
                    && (w.check.is_none() || starts_token(hit.start()))
            } else {
                starts_token(hit.start()) && ends.contains(&hit.end())
            };
            // The first rule wins; within a rule, the longest word that
            // ends last (`beneficiary_name` over `beneficiary`), so that a
            // word ending the name is not mistaken for one its metadata
            // token follows; a word with no check over one with a check
            // (`ird_number` over `ird`). Across rules too, a word with no
            // check over a checked one inside it: `cc_number` is a card
            // number, not the Portuguese `cc` it starts with.
            if fits
                && best.is_none_or(|(rule, start, end, check)| {
                    let covers = hit.start() <= start && hit.end() >= end;
                    let covered = start <= hit.start() && end >= hit.end();
                    if check.is_some() && w.check.is_none() && covers {
                        return true;
                    }
                    if check.is_none() && w.check.is_some() && covered {
                        return false;
                    }
                    w.rule < rule
                        || (w.rule == rule
                            && (hit.end() > end || (check.is_some() && w.check.is_none())))
                })
            {
                best = Some((w.rule, hit.start(), hit.end(), w.check));
            } else if let Some((rule, _, end, Some(check))) = &mut best
                && fits
                && w.rule == *rule
                && hit.end() == *end
                && let Some(other) = w.check
            {
                // Two checked words of one rule end together (`ic_number`
                // inside `nicNumber`, and `nic`): the value may be either
                // identifier.
                *check = check.union(other);
            }
        }
        let (rule, word_start, word_end, check) = best?;
        let token = |k: usize| &normalized[if k == 0 { 0 } else { ends[k - 1] }..ends[k]];
        let last = ends.len().checked_sub(1).map_or("", token);
        // `first_name` is a name, `secret_name` names a secret: the last
        // token describes the value unless the word itself ends with it.
        let word_covers_last = word_end == normalized.len();
        if METADATA.contains(&last) && !word_covers_last {
            return None;
        }
        // `max_tokens`, `token_count`, `prompt_tokens`: a first token that
        // counts makes the name a count whatever its last.
        if ends.len() > 1 && matches!(token(0), "max" | "min" | "num" | "total" | "count") {
            return None;
        }
        // A pagination token outside the word found makes the name a
        // position in a listing (`next_page_token`); one inside it is part
        // of the word (`next_of_kin`).
        let outside_word = |k: usize| {
            let start = if k == 0 { 0 } else { ends[k - 1] };
            ends[k] <= word_start || start >= word_end
        };
        if (0..ends.len()).any(|k| outside_word(k) && PAGINATION.contains(&token(k))) {
            return None;
        }
        let plural =
            last.len() > 3 && last.ends_with('s') && !last.ends_with("ss") && !word_covers_last;
        Some(NameMatch {
            rule,
            plural,
            ends_with_word: word_covers_last,
            check,
        })
    }
}

/// Whether a name says its value describes something rather than holding
/// it (`key_file`, `token_path`, `secret_name`): its last token is one of
/// the metadata words.
pub(crate) fn describes_value(name: &str) -> bool {
    if name.is_ascii() {
        // The last token read from the end, without normalizing the
        // whole name: an ASCII name is split only at what is not a letter
        // or a digit and before a capital that follows a lowercase letter
        // or a digit.
        let b = name.as_bytes();
        let mut end = b.len();
        while end > 0 && !b[end - 1].is_ascii_alphanumeric() {
            end -= 1;
        }
        let mut start = end;
        while start > 0 && b[start - 1].is_ascii_alphanumeric() {
            if start < end
                && b[start].is_ascii_uppercase()
                && (b[start - 1].is_ascii_lowercase() || b[start - 1].is_ascii_digit())
            {
                break;
            }
            start -= 1;
        }
        let last = &b[start..end];
        return !last.is_empty()
            && METADATA
                .iter()
                .any(|m| m.as_bytes().eq_ignore_ascii_case(last));
    }
    describes_value_by_tokens(name)
}

/// [`describes_value`] read through [`normalize`] and [`token_ends`], as a
/// name in any script is.
fn describes_value_by_tokens(name: &str) -> bool {
    let mut normalized = String::new();
    normalize(name, &mut normalized);
    let mut ends = Vec::new();
    token_ends(name, &mut ends);
    let start = match ends.len() {
        0 => return false,
        1 => 0,
        n => ends[n - 2],
    };
    METADATA.contains(&&normalized[start..])
}

/// Whether a string under a sensitive name holds nothing secret: empty, a
/// template placeholder, a mask, a redaction marker or a word that only
/// says a value is absent.
pub(crate) fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    if v.len() > 200 {
        return false;
    }
    if NOT_SECRETS.iter().any(|w| w.eq_ignore_ascii_case(v)) || crate::marker::is_redacted(v) {
        return true;
    }
    if is_secret_reference(v) || is_typed_public_key(v) || is_file_reference(v) || is_twilio_sid(v)
    {
        return true;
    }
    let wrapped = |open: &str, close: &str| v.starts_with(open) && v.ends_with(close);
    if wrapped("${", "}")
        || wrapped("{{", "}}")
        || wrapped("%(", ")s")
        || wrapped("<", ">")
        || wrapped("$(", ")")
        || (v.starts_with('$')
            && v.len() > 1
            && v[1..]
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'))
    {
        return true;
    }
    // Masked already: a run of mask characters (`411111******1234`).
    if has_mask_run(v) {
        return true;
    }
    // A mask: one repeated character (`****`, `xxxxxxxx`, `••••`). Stars
    // are a mask at any length: a value too short for a placeholder, in a
    // binary frame whose lengths must stay, is masked as `*` or `**`.
    let mut chars = v.chars();
    let first = chars.next();
    first.is_some_and(|f| {
        (f == '*' || (v.chars().count() >= 3 && matches!(f, 'x' | 'X' | '•' | '#' | '.')))
            && chars.all(|c| c == f)
    })
}

/// Whether `v` holds a run of mask characters: four `*`, `•` or `#`, or
/// six `X` or `x` (`411111******1234`, `XXXXXX7890`), in one pass.
fn has_mask_run(v: &str) -> bool {
    let (mut last, mut run) = ('\0', 0);
    v.chars().any(|c| {
        run = if c == last { run + 1 } else { 1 };
        last = c;
        match c {
            '*' | '•' | '#' => run >= 4,
            'X' | 'x' => run >= 6,
            _ => false,
        }
    })
}

/// Whether `v` is a Twilio resource SID (`AC` and 32 hex digits for an
/// account, `PN` a number, `MG` a messaging service...): an identifier that
/// `sid`, `account_sid` name, not a credential. `SK` (an API key's SID) is
/// left to the vendor rule that takes it.
fn is_twilio_sid(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 34
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && &b[..2] != b"SK"
        && b[2..]
            .iter()
            .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(c))
}

/// Key types whose text form is a public key (Tailscale's node, disco,
/// machine and tailnet-lock keys); their private halves are written
/// `privkey:`, `nlpriv:`.
const PUBLIC_KEY_TYPES: &[&str] = &["nodekey", "discokey", "mkey", "nlpub"];

/// Whether `v` starts with a public key written with its type
/// (`nodekey:` and 64 hex digits, or fewer where a log shortens it or a
/// line break splits it): what a `node_key` holds there is public.
pub(crate) fn is_typed_public_key(v: &str) -> bool {
    let bytes = v.as_bytes();
    let Some(colon) = bytes.iter().take(9).position(|&b| b == b':') else {
        return false;
    };
    let rest = &bytes[colon + 1..];
    let hex = rest.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    PUBLIC_KEY_TYPES
        .iter()
        .any(|t| t.as_bytes().eq_ignore_ascii_case(&bytes[..colon]))
        && (8..=64).contains(&hex)
        && rest.get(hex).is_none_or(|b| !b.is_ascii_alphanumeric())
}

/// Whether `v` is the path of a file that holds the secret rather than
/// the secret (`-Djavax.net.ssl.keyStore=/etc/app/keystore.p12`,
/// `password: ./secrets/db.txt`, `C:\certs\api.pfx`,
/// `/run/secrets/db_password`): rooted (`/`, `~/`, `./`, `../`, a drive)
/// with at least two parts of file-name characters, and either a last
/// part with an extension (`keystore-7.p12`) or every part in lower case
/// (`run/secrets/db_password`). A password that merely starts with `/`
/// (`/Tr0ub4dor&3`, `/aB3x/Yz9kQ`) has no such shape.
pub(crate) fn is_file_reference(v: &str) -> bool {
    let (rest, sep) = if let Some(r) = v.strip_prefix("~/") {
        (r, '/')
    } else if let Some(r) = v.strip_prefix("./").or_else(|| v.strip_prefix("../")) {
        (r, '/')
    } else if let Some(r) = v.strip_prefix('/') {
        (r, '/')
    } else {
        let b = v.as_bytes();
        if b.len() > 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'\\' | b'/')
        {
            (&v[3..], char::from(b[2]))
        } else {
            return false;
        }
    };
    let parts: Vec<&str> = rest.split(sep).collect();
    let file_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@');
    if parts.len() + usize::from(!v.starts_with('/')) < 2
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(file_char))
    {
        return false;
    }
    let last = parts[parts.len() - 1];
    let extension = last.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && (1..=8).contains(&ext.len())
            && ext.bytes().all(|b| b.is_ascii_alphanumeric())
            && ext.bytes().any(|b| b.is_ascii_alphabetic())
    });
    extension
        || parts.iter().all(|p| {
            p.bytes().all(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'-' | b'.')
            })
        })
}

/// Whether `v` names where a secret is kept rather than holding it: a
/// secret store's address (`vault:secret/data/db#password`,
/// `op://vault/item/field`, `projects/p/secrets/s/versions/3`, an AWS
/// Secrets Manager, SSM or KMS ARN). A store scheme alone is not enough: the
/// rest must read as a path (a `/`), so `vault:hunter2` stays a value.
fn is_secret_reference(v: &str) -> bool {
    const SCHEMES: [&str; 9] = [
        "vault:",
        "op://",
        "ssm:",
        "secretsmanager:",
        "aws-sm:",
        "gcp-sm:",
        "azure-kv:",
        "keyvault:",
        "k8s-secret:",
    ];
    const ARNS: [&str; 3] = ["arn:aws:secretsmanager:", "arn:aws:ssm:", "arn:aws:kms:"];
    if v.contains(char::is_whitespace) {
        return false;
    }
    let starts = |prefix: &str| {
        v.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    if ARNS.iter().any(|a| starts(a)) {
        return true;
    }
    if let Some(scheme) = SCHEMES.iter().find(|sch| starts(sch)) {
        return v[scheme.len()..].trim_start_matches('/').contains('/');
    }
    // Google Secret Manager: projects/P/secrets/S[/versions/V].
    let mut parts = v.split('/');
    let (Some("projects"), Some(p), Some("secrets"), Some(s)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let rest = (parts.next(), parts.next(), parts.next());
    !p.is_empty()
        && !s.is_empty()
        && matches!(rest, (None, _, _) | (Some("versions"), Some(_), None))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn describes_value_reads_an_ascii_name_as_its_tokens_do(
            name in "([a-zA-Z0-9]{0,6}[-_ .:]?){0,4}(count|Count|COUNT|type|Type|name|Name|length|path|x)?",
        ) {
            proptest::prop_assert_eq!(
                describes_value(&name),
                describes_value_by_tokens(&name),
                "{:?}", name
            );
        }

        /// One pass finds what the five searches it replaced found.
        #[test]
        fn mask_runs_in_one_pass_are_the_five_searches(s in "[*•#Xxa1]{0,14}") {
            let searched = ["****", "••••", "####", "XXXXXX", "xxxxxx"]
                .iter()
                .any(|run| s.contains(run));
            proptest::prop_assert_eq!(has_mask_run(&s), searched, "{:?}", s);
        }
    }

    fn rules(patterns: &[&str]) -> KeyRules {
        let patterns = patterns
            .iter()
            .enumerate()
            .map(|(i, p)| (KeyPattern::new(p).expect("a word"), i))
            .collect();
        KeyRules::new(patterns).expect("literal words compile")
    }

    #[track_caller]
    fn check(name: &str, expected: Option<(usize, bool)>) {
        let rules = rules(&[
            "password|passwort|contraseña",
            "pin|dob",
            "api_key",
            "token",
        ]);
        let got = rules
            .lookup(name, &mut String::new())
            .map(|m| (m.rule, m.plural));
        assert_eq!(got, expected, "{name}");
    }

    #[test]
    fn names_match_by_word_and_token() {
        check("DB_PASSWORD", Some((0, false)));
        check("userPassword", Some((0, false)));
        check("Passwort", Some((0, false)));
        check("contraseña", Some((0, false)));
        check("user_pin", Some((1, false)));
        check("pinCode", Some((1, false)));
        check("shipping", None);
        check("pinned", None);
        check("patient_dob", Some((1, false)));
        check("X-Api-Key", Some((2, false)));
        check("apiKeyV2", Some((2, false)));
        check("tokens", Some((3, true)));
        check("dbpassword", Some((0, false)));
        check("tokenizer", None);
    }

    #[test]
    fn names_about_a_secret_are_not_secret() {
        for name in [
            "token_count",
            "max_tokens",
            "prompt_tokens_total",
            "password_min_length",
            "token_type",
            "secret_name",
            "password_file",
            "tokenExpiresAt",
            "password_policy",
        ] {
            check(name, None);
        }
    }

    #[test]
    fn regression_typed_public_keys_hold_nothing() {
        let hex = "5ffaf7f2250360c952aea0f56354a4545f8575b3b7fbf2b4ef4081519c335d7b";
        for v in [
            format!("nodekey:{hex}"),
            format!("discokey:{hex}"),
            format!("mkey:{hex}"),
            "nodekey:5ffaf7f2250360c9".to_owned(),
            format!("nodekey:{}=", &hex[..32]),
        ] {
            assert!(is_typed_public_key(&v), "{v}");
            assert!(is_placeholder(&v), "{v}");
        }
        for v in [
            format!("privkey:{hex}"),
            format!("nlpriv:{hex}"),
            format!("nodekey:{hex}ab"),
            "nodekey:abc".to_owned(),
            "nodekey:hunter2hunter2".to_owned(),
            hex.to_owned(),
        ] {
            assert!(!is_typed_public_key(&v), "{v}");
        }
    }

    #[test]
    fn regression_a_word_of_single_letters_is_looked_for_with_each_separator() {
        // `d_o_b` must find `X-D-O-B:` and `d.o.b.`; its longest part, one
        // letter, would stop at every `b`.
        let p = KeyPattern::new("d_o_b|p.k=lv-personal-code|passport").expect("words");
        let needles: Vec<String> = p.text_needles().collect();
        for n in [
            "d_o_b", "d-o-b", "d.o.b", "dob", "p_k", "p-k", "p.k", "pk", "passport",
        ] {
            assert!(needles.iter().any(|x| x == n), "{n}: {needles:?}");
        }
        assert!(needles.iter().all(|n| n.len() >= 2), "{needles:?}");
    }

    #[test]
    fn needles_of_short_words_alone_are_token_needles() {
        let rules = rules(&["pin|api_key|ic=my-kad|d_o_b", "apikey|api_secret"]);
        let token = rules.token_needles();
        for n in ["pin", "ic", "d_o_b", "dob"] {
            assert!(token.iter().any(|t| t == n), "{n}: {token:?}");
        }
        // `api` also finds `api_key` inside `myapikey`.
        assert!(!token.iter().any(|t| t == "api" || t == "key"), "{token:?}");
    }

    #[test]
    fn patterns_with_checks_compile_and_unknown_checks_do_not() {
        assert!(KeyPattern::new("ird=nz-ird|ird_number").is_ok());
        assert_eq!(
            KeyPattern::new("ird=nz").err(),
            Some(PatternError::UnknownCheck(0))
        );
        assert_eq!(KeyPattern::new("|").err(), Some(PatternError::Empty));
        let rules = rules(&["ird_number|ird=nz-ird", "p_k=lv-personal-code"]);
        let mut scratch = String::new();
        let m = rules.lookup("IRD", &mut scratch).expect("ird");
        assert!(m.takes("49-091-850") && !m.takes("49-091-851"));
        // A word with no check wins over one with a check.
        let m = rules
            .lookup("ird_number", &mut scratch)
            .expect("ird_number");
        assert!(m.takes("anything"));
        for name in ["p.k.", "pK", "P_K", "p_k"] {
            let m = rules.lookup(name, &mut scratch).expect(name);
            assert_eq!((m.rule, m.check.is_some()), (1, true), "{name}");
        }
        assert!(rules.lookup("third", &mut scratch).is_none());
        assert!(rules.lookup("pkg", &mut scratch).is_none());
    }

    #[test]
    fn regression_a_checked_word_starts_a_token() {
        let rules = rules(&["a_number=us-a-number", "dea_number|dvla"]);
        let mut scratch = String::new();
        for name in ["A-Number", "aNumber", "a_number"] {
            let m = rules.lookup(name, &mut scratch).expect(name);
            assert_eq!((m.rule, m.check.is_some()), (0, true), "{name}");
        }
        for name in ["dea number", "DVLA_number"] {
            let m = rules.lookup(name, &mut scratch).expect(name);
            assert_eq!(m.rule, 1, "{name}");
        }
        assert!(rules.lookup("area_number", &mut scratch).is_none());
        // A word with no check of a later rule that holds the checked one.
        let rules = self::rules(&["cc=pt-cc", "cc_number"]);
        for name in ["cc_number", "ccNumber", "CC-NUMBER"] {
            let m = rules.lookup(name, &mut scratch).expect(name);
            assert_eq!((m.rule, m.check.is_some()), (1, false), "{name}");
        }
        let m = rules.lookup("CC", &mut scratch).expect("cc");
        assert_eq!((m.rule, m.check.is_some()), (0, true));
    }

    #[test]
    fn regression_a_keystore_path_under_a_key_word_is_kept() {
        for path in [
            "/etc/app/keystore-7.p12",
            "./secrets/db.txt",
            "../certs/api.pfx",
            "~/.ssh/id_ed25519",
            "C:\\certs\\api.pfx",
            "/run/secrets/db_password",
        ] {
            assert!(is_placeholder(path), "{path}");
        }
        for secret in [
            "/Tr0ub4dor&3",
            "/aB3xQ9/Yz9kQwE",
            "hunter2",
            "/x",
            "s3cr3t/path.x",
            "/etc/app/keystore-7.p12 hunter2",
        ] {
            assert!(!is_placeholder(secret), "{secret}");
        }
    }

    #[test]
    fn placeholders_hold_nothing() {
        for v in [
            "${DB_PASSWORD}",
            "{{ .Values.db.password }}",
            "<your-token-here>",
            "%(password)s",
            "$DB_PASSWORD",
            "********",
            "",
            "[redacted:key:password]",
            "null",
        ] {
            assert!(is_placeholder(v), "{v}");
        }
        for v in ["hunter2", "s3cr3t!", "$ecretPass", "<b>x"] {
            assert!(!is_placeholder(v), "{v}");
        }
    }
}
