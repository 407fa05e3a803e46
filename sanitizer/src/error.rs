//! Why a rule set, a key or a transcript could not be used.

use std::path::PathBuf;

/// Everything that can go wrong while building a sanitizer or scrubbing.
///
/// Each variant names where the problem is (a file and line, a rule), so a
/// user can fix it; none ever carries a scrubbed value or key material.
///
/// ```
/// use reprise::sanitizer::{Error, Sanitizer};
/// let err = Sanitizer::builder().regex("ticket", "TCK-[0-9", reprise::sanitizer::Action::Redact)
///     .build().unwrap_err();
/// assert!(matches!(err, Error::Regex { ref rule, .. } if rule == "ticket"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A rules or allowlist file could not be read.
    #[error("{}: cannot read: {source}", file.display())]
    Read {
        /// The file.
        file: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A rules file is not valid TOML or does not describe rules.
    #[error("{}: line {line}: {message}", file.display())]
    Config {
        /// The file, or `<rules>` for text given in memory.
        file: PathBuf,
        /// The 1-based line of the problem.
        line: usize,
        /// What is wrong there.
        message: String,
    },
    /// A rule's regular expression does not compile.
    #[error("rule `{rule}`: invalid regex: {source}")]
    Regex {
        /// The rule's name.
        rule: String,
        /// The regex crate's error.
        source: Box<regex::Error>,
    },
    /// A rule's path selector does not parse.
    #[error("rule `{rule}`: {source}")]
    Selector {
        /// The rule's name, or `allowlist`.
        rule: String,
        /// The selector error.
        source: reprise_transcript::SelectorError,
    },
    /// A rule is malformed (no target, two targets, an unknown detector).
    #[error("rule `{rule}`: {message}")]
    Rule {
        /// The rule's name.
        rule: String,
        /// What is wrong with it.
        message: String,
    },
    /// The pseudonym key is unusable (too short, unreadable, not set).
    #[error("pseudonym key from {origin}: {message}")]
    Key {
        /// Where the key was to come from (a file, an environment variable).
        origin: String,
        /// What is wrong with it; never the key itself.
        message: String,
    },
    /// Reading the transcript failed.
    #[error(transparent)]
    Transcript(#[from] reprise_transcript::ReadError),
    /// Writing the scrubbed transcript failed.
    #[error("writing the scrubbed transcript: {0}")]
    Write(#[from] std::io::Error),
}
