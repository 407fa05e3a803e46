//! The one error type of reading a transcript.

/// Why a transcript, or one line of it, could not be read.
///
/// Every variant names the 1-based line it is about. The crate does no I/O of
/// its own, so it does not know the file's name: the caller that opened the
/// file adds it (the replayer and the CLI do).
///
/// ```
/// use reprise_transcript::{Reader, ReadError};
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
        /// What serde_json said, without its own (line-relative) position.
        message: String,
        /// The serde_json error.
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
    /// A line longer than the reader's limit.
    #[error("line {line}: longer than the limit of {limit} bytes")]
    LineTooLong {
        /// The offending line.
        line: u64,
        /// The limit in force.
        limit: usize,
    },
}

impl ReadError {
    pub(crate) fn json(line: u64, source: serde_json::Error) -> Self {
        let mut message = source.to_string();
        let suffix = format!(" at line {} column {}", source.line(), source.column());
        if message.ends_with(&suffix) {
            message.truncate(message.len() - suffix.len());
        }
        ReadError::Json {
            line,
            column: source.column(),
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
            | ReadError::LineTooLong { line, .. } => Some(*line),
            ReadError::Empty => None,
        }
    }
}
