//! The errors of `merge` and `view`: each names the file (and, through
//! [`ReadError`], the line) it is about, never a payload value.

use reprise_transcript::ReadError;

/// Why a merge or a timeline could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A transcript could not be read (its header, or its input failed).
    #[error("{file}: {error}")]
    Read {
        /// The transcript's name, as the caller gave it.
        file: String,
        /// What went wrong, with its line.
        error: ReadError,
    },
    /// Two inputs of a merge are the same node.
    #[error("{second}: node `{node}` is already {first}: give each node's transcript once")]
    SameNode {
        /// The node's name.
        node: String,
        /// The first transcript of that node.
        first: String,
        /// The second one.
        second: String,
    },
    /// A report given to `view` could not be read.
    #[error("{file}: not a reprise report: {reason}")]
    Report {
        /// The report's name.
        file: String,
        /// Why (never a value from it).
        reason: String,
    },
    /// The output could not be written.
    #[error("cannot write the output: {0}")]
    Write(#[from] std::io::Error),
    /// The page template failed to render (a bug in reprise).
    #[error("cannot render the page: {0}")]
    Template(#[from] minijinja::Error),
}

/// A bad line of an input that was skipped; the merge or view went on.
///
/// ```
/// use reprise::view::Problem;
/// let p = Problem { file: "n1.jsonl".into(), message: "line 4: not JSON".into() };
/// assert_eq!(p.to_string(), "n1.jsonl: line 4: not JSON");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The transcript's name.
    pub file: String,
    /// What was wrong, starting with the line number.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}
