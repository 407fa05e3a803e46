//! What can go wrong in the test workflow.

use std::path::PathBuf;

use reprise_transcript::ReadError;

use crate::mode::ModeError;

/// Everything that can go wrong choosing a mode, reading a transcript,
/// writing, accepting or rejecting a pending transcript, or finding
/// recordings.
///
/// Every variant names the file it is about; none ever holds a payload
/// value (read errors say what was wrong and where, as
/// [`reprise_transcript::json_error_message`] does).
///
/// ```
/// use reprise::testing::{Error, Mode};
/// let err = Mode::Replay.plan_for("tests/recordings/login.jsonl".as_ref(), false).unwrap_err();
/// assert!(matches!(err, Error::MissingTranscript { .. }));
/// assert_eq!(
///     err.to_string(),
///     "tests/recordings/login.jsonl: no such transcript: record it with \
///      `REPRISE_MODE=record cargo test` (or `auto`, which records only what is missing)",
/// );
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// `replay` mode (or CI) met a transcript that does not exist.
    #[error("{}: no such transcript: {}", path.display(), if *ci {
        "CI only replays (CI is set): record it locally with \
         `REPRISE_MODE=record cargo test` and commit it"
    } else {
        "record it with `REPRISE_MODE=record cargo test` \
         (or `auto`, which records only what is missing)"
    })]
    MissingTranscript {
        /// The transcript looked for.
        path: PathBuf,
        /// Whether this is CI, where nothing is recorded.
        ci: bool,
    },
    /// Something was to be written while `CI` is set.
    #[error("{}: not written: nothing is written in CI (CI is set)", path.display())]
    WriteInCi {
        /// The file that would have been written.
        path: PathBuf,
    },
    /// `REPRISE_MODE` names no mode.
    #[error(transparent)]
    Mode(#[from] ModeError),
    /// A file could not be read, written, renamed or removed.
    #[error("{}: cannot {action}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What was being done (`read`, `write`, `remove`, ...).
        action: &'static str,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file is not a transcript, or a line of it cannot be read.
    #[error("{}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What was wrong, with its line number; never a value.
        source: ReadError,
    },
    /// A path given as a pending transcript is neither one nor a transcript
    /// with one beside it.
    #[error("{}: no pending transcript (no `.jsonl.new` file)", path.display())]
    NotPending {
        /// The path given.
        path: PathBuf,
    },
    /// The transcript was scrubbed with settings that cannot be applied
    /// again from what its header records (a custom rule whose rules file
    /// is not given, an allowlist that is not given): accepting it would
    /// risk clear text in a file that was shipped scrubbed.
    #[error("{}: cannot scrub the update as the transcript was scrubbed: {message}", path.display())]
    Rescrub {
        /// The transcript whose settings are missing.
        path: PathBuf,
        /// What is missing and how to give it.
        message: String,
    },
    /// The sanitizer could not be built or could not scrub.
    #[error("{}: {source}", path.display())]
    Sanitizer {
        /// The transcript being scrubbed.
        path: PathBuf,
        /// The sanitizer's error.
        source: reprise_sanitizer::Error,
    },
    /// Two recordings would give tests of the same name.
    #[error("{} and {} both make the test `{name}`: rename one", first.display(), second.display())]
    DuplicateTest {
        /// The test name.
        name: String,
        /// The first file.
        first: PathBuf,
        /// The second file.
        second: PathBuf,
    },
}

impl Error {
    pub(crate) fn io(
        path: impl Into<PathBuf>,
        action: &'static str,
    ) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io {
            path,
            action,
            source,
        }
    }

    pub(crate) fn read(path: impl Into<PathBuf>) -> impl FnOnce(ReadError) -> Error {
        let path = path.into();
        move |source| Error::Read { path, source }
    }
}
