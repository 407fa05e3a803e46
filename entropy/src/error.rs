//! [`EntropyError`].

use std::path::PathBuf;

/// What can go wrong reading a transcript, replaying a case or writing a
/// failure. Messages name the file (and line) and never quote a payload.
///
/// ```
/// use reprise::entropy::{EntropyError, Transcript};
/// let err = Transcript::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n{\"seq\":0,\"kind\":\"call\",\"secret\":\"hunter2\"\n").unwrap_err();
/// assert!(matches!(err, EntropyError::Read { .. }));
/// assert!(err.to_string().starts_with("<string>: line 2"), "{err}");
/// assert!(!err.to_string().contains("hunter2"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EntropyError {
    /// A transcript could not be read: the file and the line.
    #[error("{file}: {source}")]
    Read {
        /// The file, or `<string>`.
        file: String,
        /// What was wrong, with its line.
        #[source]
        source: reprise_transcript::ReadError,
    },
    /// A file could not be opened, read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The failure.
        #[source]
        source: std::io::Error,
    },
    /// A mutated transcript could not be replayed.
    #[error(transparent)]
    Replay(#[from] reprise_replayer::ReplayError),
    /// A failing case could not be written scrubbed as its source was.
    #[error("writing a failing case: {0}")]
    Write(#[from] reprise_testing::Error),
    /// A campaign's settings could not be used (`REPRISE_SEED` or
    /// `PROPTEST_CASES` not a number, proptest giving up).
    #[error("{0}")]
    Config(String),
    /// [`minimize`](crate::minimize) was given a transcript for which the
    /// predicate does not hold: there is nothing to keep.
    #[error(
        "{file}: the predicate does not hold for the transcript given, so there is no failure to minimize"
    )]
    NotFailing {
        /// The transcript's file, or `<string>`.
        file: String,
    },
}
