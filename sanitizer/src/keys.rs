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
//! count when it holds a number, so numbers under a plural are kept.
//!
//! A value under a sensitive name is kept when it cannot hold a secret: a
//! bool, `null`, an empty string, a template placeholder (`${DB_PASSWORD}`,
//! `{{ .Values.password }}`, `<your-token>`, `%(password)s`), a mask
//! (`****`, `xxxx`) or a redaction marker.

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
    "", "null", "none", "nil", "true", "false", "yes", "no", "n/a", "na", "unset", "empty",
    "redacted", "masked", "hidden", "required", "optional",
];

/// The tokens of a name: split at separators and at lower-to-upper case
/// changes, lowercased (`X-Api-Key` → `x api key`, `apiKeyV2` → `api key v2`).
fn tokens(name: &str) -> impl Iterator<Item = String> + '_ {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        out.push(current);
    }
    out.into_iter()
}

/// `name` lowercased, without separators.
pub(crate) fn normalize(name: &str, out: &mut String) {
    out.clear();
    for c in name.chars().filter(|c| c.is_alphanumeric()) {
        out.extend(c.to_lowercase());
    }
}

/// A compiled key pattern: its words, each with how it matches.
#[derive(Debug, Clone)]
pub(crate) struct KeyPattern {
    /// Words of five letters or more, normalized, matched as substrings.
    long: Vec<String>,
    /// Shorter words, matched as whole tokens (or two adjacent tokens).
    short: Vec<String>,
    /// The words as written in the pattern, for finding them in text.
    raw: Vec<String>,
}

impl KeyPattern {
    /// Compiles `pattern` (`word|word|...`); `None` when it has no word.
    pub(crate) fn new(pattern: &str) -> Option<KeyPattern> {
        let mut long = Vec::new();
        let mut short = Vec::new();
        let mut raw = Vec::new();
        let mut scratch = String::new();
        for word in pattern.split('|') {
            normalize(word, &mut scratch);
            if scratch.is_empty() {
                continue;
            }
            raw.push(word.trim().to_owned());
            if scratch.chars().count() >= 5 {
                long.push(scratch.clone());
            } else {
                short.push(scratch.clone());
            }
        }
        (!raw.is_empty()).then_some(KeyPattern { long, short, raw })
    }

    /// A regex fragment for each word, as it may be written in text: its
    /// separators optional and interchangeable (`api_key` finds `apiKey`,
    /// `API-KEY` and `api key` with a case-insensitive regex).
    pub(crate) fn text_fragments(&self) -> impl Iterator<Item = String> + '_ {
        self.raw.iter().map(|word| {
            let mut out = String::new();
            for c in word.chars() {
                if matches!(c, '_' | '-' | '.' | ' ') {
                    out.push_str("[-_. ]?");
                } else {
                    out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4])));
                }
            }
            out
        })
    }

    /// The word `name` matches (given `normalized`, its normalized form,
    /// and `tokens`, its tokens). A long word must end where a token ends
    /// (or before a plural `s`) unless it has eight letters or more:
    /// `password` is in `dbpassword` and `passwords`, `token` is not in
    /// `tokenizer`.
    fn matches(&self, normalized: &str, tokens: &[String]) -> Option<&str> {
        let mut ends = Vec::with_capacity(tokens.len());
        let mut at = 0;
        for t in tokens {
            at += t.len();
            ends.push(at);
        }
        let at_token_end = |end: usize| {
            ends.contains(&end)
                || (normalized.as_bytes().get(end) == Some(&b's') && ends.contains(&(end + 1)))
        };
        // A word of eight letters or more is distinctive enough to match
        // inside a compound (`reisepassnummer`, `passwortfeld`).
        self.long
            .iter()
            .find(|w| {
                normalized
                    .match_indices(w.as_str())
                    .any(|(p, _)| w.chars().count() >= 8 || at_token_end(p + w.len()))
            })
            .or_else(|| {
                self.short.iter().find(|w| {
                    tokens.iter().any(|t| t == *w)
                        || tokens.windows(2).any(|p| {
                            p[0].len() + p[1].len() == w.len()
                                && w.starts_with(p[0].as_str())
                                && w.ends_with(p[1].as_str())
                        })
                })
            })
            .map(String::as_str)
    }
}

/// What a name says about its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NameMatch {
    /// The index of the rule whose pattern matched.
    pub(crate) rule: usize,
    /// Whether the name's last token is a plural (`tokens`): a number there
    /// is a count.
    pub(crate) plural: bool,
}

/// The key rules, compiled: which rule, if any, a name announces.
#[derive(Debug, Clone, Default)]
pub(crate) struct KeyRules {
    patterns: Vec<(KeyPattern, usize)>,
    /// One literal search for every word of every pattern over a normalized
    /// name: most names hold none, and are answered with one pass.
    any_word: Option<regex::Regex>,
}

impl KeyRules {
    /// Compiles `patterns` (each with its rule's index).
    pub(crate) fn new(patterns: Vec<(KeyPattern, usize)>) -> Result<KeyRules, regex::Error> {
        let words: Vec<String> = patterns
            .iter()
            .flat_map(|(p, _)| p.long.iter().chain(&p.short))
            .map(|w| regex::escape(w))
            .collect();
        let any_word = if words.is_empty() {
            None
        } else {
            Some(regex::Regex::new(&words.join("|"))?)
        };
        Ok(KeyRules { patterns, any_word })
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// A regex fragment for every word of every pattern, as written in text.
    pub(crate) fn text_fragments(&self) -> impl Iterator<Item = String> + '_ {
        self.patterns.iter().flat_map(|(p, _)| p.text_fragments())
    }

    /// The first rule whose pattern `name` matches, unless the name's last
    /// token says it describes the value rather than holding it.
    pub(crate) fn lookup(&self, name: &str, scratch: &mut String) -> Option<NameMatch> {
        let any_word = self.any_word.as_ref()?;
        if name.len() > 256 {
            return None;
        }
        normalize(name, scratch);
        if !any_word.is_match(scratch) {
            return None;
        }
        let toks: Vec<String> = tokens(name).collect();
        let (word, rule) = self
            .patterns
            .iter()
            .find_map(|(p, rule)| p.matches(scratch, &toks).map(|w| (w, *rule)))?;
        let last = toks.last().map_or("", String::as_str);
        // `first_name` is a name, `secret_name` names a secret.
        if METADATA.contains(&last) && !word.ends_with(last) {
            return None;
        }
        // `max_tokens`, `token_count`, `prompt_tokens`: a first token that
        // counts makes the name a count whatever its last.
        let first = toks.first().map_or("", String::as_str);
        if toks.len() > 1 && matches!(first, "max" | "min" | "num" | "total" | "count") {
            return None;
        }
        if toks.iter().any(|t| PAGINATION.contains(&t.as_str())) {
            return None;
        }
        let plural =
            last.len() > 3 && last.ends_with('s') && !last.ends_with("ss") && !word.ends_with(last);
        Some(NameMatch { rule, plural })
    }
}

/// Whether a name says its value describes something rather than holding
/// it (`key_file`, `token_path`, `secret_name`): its last token is one of
/// the metadata words.
pub(crate) fn describes_value(name: &str) -> bool {
    tokens(name)
        .last()
        .is_some_and(|last| METADATA.contains(&last.as_str()))
}

/// Whether a string under a sensitive name holds nothing secret: empty, a
/// template placeholder, a mask, a redaction marker or a word that only
/// says a value is absent.
pub(crate) fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    if v.len() > 200 {
        return false;
    }
    let lower = v.to_ascii_lowercase();
    if NOT_SECRETS.contains(&lower.as_str()) || crate::marker::is_redacted(v) {
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
    if v.contains("****")
        || v.contains("••••")
        || v.contains("####")
        || v.contains("XXXXXX")
        || v.contains("xxxxxx")
    {
        return true;
    }
    // A mask: one repeated character (`****`, `xxxxxxxx`, `••••`).
    let mut chars = v.chars();
    let first = chars.next();
    v.chars().count() >= 3
        && first.is_some_and(|f| {
            matches!(f, '*' | 'x' | 'X' | '•' | '#' | '.') && chars.all(|c| c == f)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

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
