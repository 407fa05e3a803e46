//! The one error type of reading a transcript.

/// Why a transcript, or one line of it, could not be read.
///
/// Every variant names the 1-based line it is about. The crate does no I/O of
/// its own, so it does not know the file's name: the caller that opened the
/// file adds it (the replayer and the CLI do). No message, source or `Debug`
/// output quotes a value from the line: a transcript's values may be secrets
/// (see [`json_error_message`]).
///
/// ```
/// use reprise::transcript::{Reader, ReadError};
/// let err = Reader::new("{\"kind\":\"state\"}\n".as_bytes()).err().unwrap();
/// assert!(matches!(err, ReadError::NotATranscript { line: 1, .. }));
/// assert_eq!(err.line(), Some(1));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The underlying reader failed.
    #[error("line {line}: read failed: {source}")]
    Io {
        /// The line being read when it failed.
        line: u64,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The input is empty: not even a header line.
    #[error("empty input: a transcript starts with a header line")]
    Empty,
    /// The first line is not a reprise header.
    #[error("line {line}: not a reprise transcript: {reason}")]
    NotATranscript {
        /// The line (1).
        line: u64,
        /// What was found instead.
        reason: String,
    },
    /// The header declares a format major version this reader does not know.
    #[error(
        "line {line}: transcript format version {found} is newer than this reader's ({supported}); upgrade reprise to read it"
    )]
    UnsupportedVersion {
        /// The header line.
        line: u64,
        /// The version in the header.
        found: u32,
        /// The newest version this reader knows.
        supported: u32,
    },
    /// The line is not valid JSON (or not valid UTF-8), or a field has the wrong type.
    #[error("line {line}, column {column}: {message}")]
    Json {
        /// The offending line.
        line: u64,
        /// The 1-based column where the JSON went wrong.
        column: usize,
        /// What serde_json said, without its own (line-relative) position
        /// and without any value it quoted ([`json_error_message`]).
        message: String,
        /// The serde_json error, or one holding only `message` when
        /// serde_json's quoted a value.
        #[source]
        source: serde_json::Error,
    },
    /// The line is JSON but not a valid event (a missing field, both `ok` and `err`).
    #[error("line {line}: {reason}")]
    InvalidEvent {
        /// The offending line.
        line: u64,
        /// What is wrong with it.
        reason: String,
    },
    /// A line longer than the reader's limit. It is skipped and reading
    /// goes on, when it ends within the limit again.
    #[error("line {line}: longer than the limit of {limit} bytes")]
    LineTooLong {
        /// The offending line.
        line: u64,
        /// The limit in force.
        limit: usize,
    },
    /// A line longer than the reader's limit that does not end within the
    /// limit again (input such as `/dev/zero`): reading stops there, after
    /// at most twice the limit in bytes.
    #[error(
        "line {line}: longer than the limit of {limit} bytes, with no end of line within twice that: reading stopped there"
    )]
    LineNeverEnds {
        /// The offending line.
        line: u64,
        /// The limit in force.
        limit: usize,
    },
}

impl ReadError {
    /// A line that serde_json could not decode. The message keeps what went
    /// wrong, where and what was expected, never a value from the line (see
    /// [`json_error_message`]); the source kept is serde_json's error only
    /// when its message quotes nothing from the line, else an error holding
    /// that message, so that walking the error chain or printing the error
    /// with `{:?}` cannot print a value either.
    pub(crate) fn json(line: u64, source: serde_json::Error) -> Self {
        let column = source.column();
        let (message, source) = redacted(source);
        ReadError::Json {
            line,
            column,
            message,
            source,
        }
    }

    /// The 1-based line the error is about, when there is one.
    pub fn line(&self) -> Option<u64> {
        match self {
            ReadError::Io { line, .. }
            | ReadError::NotATranscript { line, .. }
            | ReadError::UnsupportedVersion { line, .. }
            | ReadError::Json { line, .. }
            | ReadError::InvalidEvent { line, .. }
            | ReadError::LineTooLong { line, .. }
            | ReadError::LineNeverEnds { line, .. } => Some(*line),
            ReadError::Empty => None,
        }
    }
}

/// The message of `err` minus serde_json's position suffix, rendered so that
/// it never holds a value from the input, with the error to keep as the
/// source: `err` itself when its message was kept as it is, else a
/// serde_json error holding only the rendered message.
fn redacted(err: serde_json::Error) -> (String, serde_json::Error) {
    let full = err.to_string();
    let message = json_error_message(&err);
    if without_position(&full, &err) == message {
        (message, err)
    } else {
        let source = <serde_json::Error as serde::de::Error>::custom(&message);
        (message, source)
    }
}

/// `text` without the ` at line L column C` that serde_json's `Display`
/// appends to its message.
fn without_position<'a>(text: &'a str, err: &serde_json::Error) -> &'a str {
    if err.line() == 0 {
        return text;
    }
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    text.strip_suffix(suffix.as_str()).unwrap_or(text)
}

/// What a serde_json error says went wrong, without its position and
/// without any value it quotes from the input.
///
/// serde_json's messages about data quote the value they failed on
/// (`invalid type: string "AKIA...", expected u64`, ``unknown variant
/// `alice@corp.com`, expected `in` or `out` ``), and a transcript's values
/// are what a user may not show. This keeps the category, what was found
/// (its type, not its value) and what was expected (which comes from the
/// program's types, not the input):
///
/// - syntax and end-of-input errors have fixed messages, kept as they are
///   (an unknown one becomes `invalid JSON`);
/// - `invalid type: string "...", expected u64` becomes `invalid type: a
///   string, expected u64`, and `invalid value: ...` likewise;
/// - ``unknown variant `...`, expected ...`` becomes `unknown variant,
///   expected ...`;
/// - ``missing field `...` `` keeps the name when it reads as an
///   identifier: serde takes it from the type (a `&'static str`), never
///   from the input;
/// - ``unknown field `...` `` keeps the field's
///   name only when it is one of the transcript's own fields (a key can hold
///   an email too);
/// - any other message about data becomes `invalid data`: when in doubt,
///   the detail is dropped.
///
/// ```
/// let err = serde_json::from_str::<u64>(r#""AKIAIOSFODNN7EXAMPLE""#).unwrap_err();
/// let message = reprise::transcript::json_error_message(&err);
/// assert_eq!(message, "invalid type: a string, expected u64");
/// ```
pub fn json_error_message(err: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let full = err.to_string();
    let message = without_position(&full, err);
    match err.classify() {
        Category::Syntax | Category::Eof => {
            if SYNTAX_MESSAGES.contains(&message) {
                message.to_owned()
            } else {
                "invalid JSON".to_owned()
            }
        }
        Category::Io => message.to_owned(),
        Category::Data => data_message(message),
    }
}

/// Every message serde_json gives a syntax or end-of-input error: fixed
/// texts that quote nothing from the input.
const SYNTAX_MESSAGES: &[&str] = &[
    "EOF while parsing a list",
    "EOF while parsing an object",
    "EOF while parsing a string",
    "EOF while parsing a value",
    "expected `:`",
    "expected `,` or `]`",
    "expected `,` or `}`",
    "expected ident",
    "expected value",
    "expected `\"`",
    "invalid escape",
    "invalid number",
    "number out of range",
    "invalid unicode code point",
    "control character (\\u0000-\\u001F) found while parsing a string",
    "key must be a string",
    "invalid value: expected key to be a number in quotes",
    "float key must be finite (got NaN or +/-inf)",
    "lone leading surrogate in hex escape",
    "trailing comma",
    "trailing characters",
    "unexpected end of hex escape",
    "recursion limit exceeded",
];

/// A message about data (serde's `de::Error` templates), without the value.
///
/// Only the input can put text between a template's fixed words; what
/// follows its last `, expected ` is what the program's type expects. So
/// each template is matched on its fixed prefix and split at the *last*
/// separator: whatever the value holds (quotes, backticks, a fake `,
/// expected `), it stays on the side that is not shown.
fn data_message(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return mismatch("invalid type", rest);
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        return mismatch("invalid value", rest);
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        return match rest.split_once(", expected ") {
            Some((len, expected)) if !len.is_empty() && len.bytes().all(|b| b.is_ascii_digit()) => {
                with_expected(format!("invalid length {len}"), expected)
            }
            _ => "invalid length".to_owned(),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        // A variant is a value: never shown.
        return unknown("unknown variant", rest, "there are no variants", |_| false);
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        return unknown("unknown field", rest, "there are no fields", own_field);
    }
    // A missing or duplicate field is one the program's type declares, so
    // its name comes from the code, not the input: shown when it reads as
    // an identifier.
    for what in ["missing field", "duplicate field"] {
        if let Some(rest) = message.strip_prefix(what) {
            return match rest.strip_prefix(" `").and_then(|r| r.strip_suffix('`')) {
                Some(name) if own_field(name) || identifier(name) => format!("{what} `{name}`"),
                _ => what.to_owned(),
            };
        }
    }
    "invalid data".to_owned()
}

/// Whether `name` reads as a Rust field name (as a type declares it).
fn identifier(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !name.as_bytes()[0].is_ascii_digit()
}

/// `invalid type: UNEXPECTED, expected EXPECTED` (or `invalid value: ...`),
/// with the unexpected value replaced by its kind.
fn mismatch(what: &str, rest: &str) -> String {
    let Some(at) = rest.rfind(", expected ") else {
        return what.to_owned();
    };
    let (found, expected) = (&rest[..at], &rest[at + ", expected ".len()..]);
    let head = match found_kind(found) {
        Some(kind) => format!("{what}: {kind}"),
        None => what.to_owned(),
    };
    with_expected(head, expected)
}

/// What kind of value serde's `Unexpected` describes, without the value.
fn found_kind(found: &str) -> Option<&'static str> {
    const VALUED: &[(&str, &str)] = &[
        ("string \"", "a string"),
        ("integer `", "an integer"),
        ("floating point `", "a floating point number"),
        ("boolean `", "a boolean"),
        ("character `", "a character"),
    ];
    const FIXED: &[(&str, &str)] = &[
        ("null", "null"),
        ("unit value", "a unit value"),
        ("Option value", "an Option value"),
        ("byte array", "a byte array"),
        ("newtype struct", "a newtype struct"),
        ("sequence", "a sequence"),
        ("map", "a map"),
        ("enum", "an enum"),
        ("unit variant", "a unit variant"),
        ("newtype variant", "a newtype variant"),
        ("tuple variant", "a tuple variant"),
        ("struct variant", "a struct variant"),
    ];
    VALUED
        .iter()
        .find(|(prefix, _)| found.starts_with(prefix))
        .or_else(|| FIXED.iter().find(|(text, _)| found == *text))
        .map(|(_, kind)| *kind)
}

/// ``unknown variant `NAME`, expected ...`` (or `, there are no ...`),
/// given what follows the opening backtick; `NAME` is shown only when
/// `show` says so.
fn unknown(what: &str, rest: &str, none: &str, show: fn(&str) -> bool) -> String {
    let (name, expected) =
        if let Some(name) = rest.strip_suffix(none).and_then(|r| r.strip_suffix("`, ")) {
            (name, None)
        } else if let Some(at) = rest.rfind("`, expected ") {
            (&rest[..at], Some(&rest[at + "`, expected ".len()..]))
        } else {
            return what.to_owned();
        };
    let head = if show(name) {
        format!("{what} `{name}`")
    } else {
        what.to_owned()
    };
    match expected {
        Some(expected) => with_expected(head, expected),
        None => format!("{head}, {none}"),
    }
}

/// `HEAD, expected EXPECTED`, or `HEAD` alone when `expected` does not look
/// like the description of a type (short, printable ASCII, no quotes).
fn with_expected(head: String, expected: &str) -> String {
    let plain = !expected.is_empty()
        && expected.len() <= 200
        && expected
            .bytes()
            .all(|b| b == b' ' || (b.is_ascii_graphic() && b != b'"' && b != b'\\'));
    if plain {
        format!("{head}, expected {expected}")
    } else {
        head
    }
}

/// Whether `name` is a field of the transcript format itself (a key of
/// ours, not of a payload).
fn own_field(name: &str) -> bool {
    crate::line::FIELDS.contains(&name)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    /// The message for `json` read as a `T`.
    fn message<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
        let err = serde_json::from_str::<T>(json).expect_err("an error");
        json_error_message(&err)
    }

    /// Values a transcript may hold and no error may print.
    const HOSTILE: &[&str] = &[
        "alice@corp.com",
        "AKIAIOSFODNN7EXAMPLE",
        r#"say "hi", expected u64"#,
        "tick`, expected `in` or `out",
        "back`tick`s` and \"quotes\"",
        "`, there are no variants",
        "ends with a backslash \\",
        "line\nbreak at line 1 column 2",
        "4111 1111 1111 1111",
    ];

    /// The secret part of a hostile value: what must not appear.
    fn secret(value: &str) -> &str {
        match value {
            "alice@corp.com" => "alice",
            "AKIAIOSFODNN7EXAMPLE" => "AKIA",
            "4111 1111 1111 1111" => "4111",
            other => other.split(' ').next().unwrap_or(other),
        }
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Dir {
        In,
        Out,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Strict {
        seq: u64,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    enum Nothing {}

    #[test]
    fn a_wrong_type_names_the_type_found_not_the_value() {
        for value in HOSTILE {
            let json = serde_json::to_string(value).expect("a string");
            let m = message::<u64>(&json);
            assert_eq!(m, "invalid type: a string, expected u64", "{value}");
        }
        assert_eq!(
            message::<String>("4111111111111111"),
            "invalid type: an integer, expected a string"
        );
        assert_eq!(
            message::<String>("-42"),
            "invalid type: an integer, expected a string"
        );
        assert_eq!(
            message::<String>("2.5e10"),
            "invalid type: a floating point number, expected a string"
        );
        assert_eq!(
            message::<String>("true"),
            "invalid type: a boolean, expected a string"
        );
        assert_eq!(
            message::<String>("null"),
            "invalid type: null, expected a string"
        );
        assert_eq!(
            message::<String>("[1]"),
            "invalid type: a sequence, expected a string"
        );
        assert_eq!(
            message::<u64>(r#"{"a":1}"#),
            "invalid type: a map, expected u64"
        );
    }

    #[test]
    fn an_invalid_value_names_the_type_found_not_the_value() {
        assert_eq!(
            message::<u8>("4111111111"),
            "invalid value: an integer, expected u8"
        );
        assert_eq!(
            message::<char>(r#""alice@corp.com""#),
            "invalid value: a string, expected a character"
        );
    }

    #[test]
    fn an_unknown_variant_says_what_was_expected_not_what_was_found() {
        for value in HOSTILE {
            let json = serde_json::to_string(value).expect("a string");
            assert_eq!(
                message::<Dir>(&json),
                "unknown variant, expected `in` or `out`",
                "{value}"
            );
            assert_eq!(
                message::<Nothing>(&json),
                "unknown variant, there are no variants",
                "{value}"
            );
        }
    }

    #[test]
    fn an_unknown_field_is_named_only_when_it_is_one_of_ours() {
        assert_eq!(
            message::<Strict>(r#"{"seq":1,"port":2}"#),
            "unknown field `port`, expected `seq`"
        );
        for value in HOSTILE {
            let json = format!("{{{}: 1}}", serde_json::to_string(value).expect("a key"));
            assert_eq!(
                message::<Strict>(&json),
                "unknown field, expected `seq`",
                "{value}"
            );
        }
    }

    #[test]
    fn a_missing_field_is_named_when_it_reads_as_a_field_name() {
        assert_eq!(message::<Strict>("{}"), "missing field `seq`");
        assert_eq!(
            data_message("missing field `leader_id`"),
            "missing field `leader_id`"
        );
        assert_eq!(
            data_message("missing field `alice@corp.com`"),
            "missing field"
        );
        assert_eq!(
            data_message("duplicate field `seq`"),
            "duplicate field `seq`"
        );
        assert_eq!(data_message("duplicate field `x`y`"), "duplicate field");
    }

    #[test]
    fn an_invalid_length_keeps_the_length() {
        assert_eq!(
            message::<(u8, u8)>("[1]"),
            "invalid length 1, expected a tuple of size 2"
        );
        assert_eq!(
            data_message("invalid length alice@corp.com, expected 2"),
            "invalid length"
        );
    }

    #[test]
    fn syntax_errors_keep_their_fixed_message() {
        assert_eq!(message::<Vec<u64>>("[1"), "EOF while parsing a list");
        assert_eq!(message::<serde_json::Value>("{\"a\" 1}"), "expected `:`");
        assert_eq!(message::<u64>("1 alice@corp.com"), "trailing characters");
    }

    #[test]
    fn any_other_message_about_data_is_dropped() {
        for value in HOSTILE {
            assert_eq!(data_message(value), "invalid data");
            assert_eq!(
                data_message(&format!("bad {value}, expected u64")),
                "invalid data"
            );
            let custom = <serde_json::Error as serde::de::Error>::custom(value);
            assert_eq!(json_error_message(&custom), "invalid data");
        }
    }

    /// Messages as a hostile value could shape them, if it could: whatever
    /// it holds, what is printed holds none of it.
    #[test]
    fn crafted_messages_never_print_the_value() {
        for value in HOSTILE {
            let secret = secret(value);
            let debug = format!("{value:?}");
            for message in [
                format!("invalid type: string {debug}, expected u64"),
                format!("invalid value: string {debug}, expected u64"),
                format!("invalid type: {value}, expected u64"),
                format!("unknown variant `{value}`, expected `in` or `out`"),
                format!("unknown variant `{value}`, there are no variants"),
                format!("unknown field `{value}`, expected `seq`"),
                format!("unknown field `{value}`, there are no fields"),
            ] {
                let shown = data_message(&message);
                assert!(!shown.contains(secret), "{message:?} shown as {shown:?}");
            }
        }
    }

    #[test]
    fn a_read_error_keeps_no_value_in_its_source_or_debug() {
        let err = serde_json::from_str::<u64>(r#""AKIAIOSFODNN7EXAMPLE""#).expect_err("an error");
        let read = ReadError::json(4, err);
        let shown = format!(
            "{read} / {read:?} / {}",
            std::error::Error::source(&read).expect("a source")
        );
        assert!(!shown.contains("AKIA"), "{shown}");
        assert_eq!(
            read.to_string(),
            "line 4, column 22: invalid type: a string, expected u64"
        );

        // A syntax error quotes nothing: serde_json's own error stays the source.
        let err = serde_json::from_str::<Vec<u64>>("[1,").expect_err("an error");
        let ReadError::Json { source, .. } = ReadError::json(2, err) else {
            panic!("a JSON error")
        };
        assert!(source.is_eof());
    }
}
