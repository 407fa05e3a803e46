//! The crate's errors.

use std::path::PathBuf;

use reprise_transcript::ReadError;

/// Checking a transcript failed: it could not be read.
///
/// ```
/// use reprise::expect::{CheckError, Expectations};
/// let err = Expectations::new().check_str("not a transcript").unwrap_err();
/// assert!(matches!(err, CheckError::Read(_)));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CheckError {
    /// A line of the transcript could not be read (the error names it).
    #[error(transparent)]
    Read(#[from] ReadError),
}

/// A profile file could not be loaded or applied. Every message names the
/// file and, where there is one, the line.
///
/// ```
/// use reprise::expect::Profiles;
/// let err = Profiles::from_str("[profiles.unit]\n\"x\" = \"sometimes\"\n", "p.toml").unwrap_err();
/// assert!(err.to_string().starts_with("p.toml:2: "), "{err}");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileError {
    /// The file could not be read.
    #[error("{}: cannot read the profile file", file.display())]
    Io {
        /// The file.
        file: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML, or not shaped like a profile file.
    #[error("{file}:{line}: {message}")]
    Invalid {
        /// The file, as given.
        file: String,
        /// The 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// No profile has that name.
    #[error("{file}: no profile named `{name}` (it has: {})", available.join(", "))]
    UnknownProfile {
        /// The file, as given.
        file: String,
        /// The name asked for.
        name: String,
        /// The profiles the file has.
        available: Vec<String>,
    },
}
