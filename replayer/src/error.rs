//! The error type of loading a transcript for replay and of driving it.

use std::path::PathBuf;

use reprise_transcript::{ReadError, SelectorError, json_error_message};

/// Why a replay could not be set up, or why the driver's closure could not
/// handle a recorded inbound call.
///
/// Divergences of the component (a changed argument, a missing call) are not
/// errors: they are [`Finding`](crate::Finding)s in the [`Report`](crate::Report).
/// A `ReplayError` is for what stops the replay itself: a transcript that
/// cannot be read (the message names the file and the line), an ignore rule
/// that does not parse, an initial state of the wrong type, or a recorded
/// inbound call the driver's closure does not know how to handle.
///
/// No message, source or `Debug` output quotes a value from the transcript
/// or from the component: a serde_json error is kept only when its message
/// quotes nothing, else replaced by one holding its value-free rendering
/// ([`json_error_message`]).
///
/// ```
/// use reprise::replayer::{Replay, ReplayError};
/// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\nnot json\n";
/// let err = Replay::from_str(text).unwrap_err();
/// assert!(matches!(err, ReplayError::Read { .. }));
/// assert_eq!(err.line(), Some(2));
/// assert!(err.to_string().starts_with("<string>: line 2, column 2:"), "{err}");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReplayError {
    /// The transcript file could not be opened.
    #[error("{}: cannot open transcript: {source}", path.display())]
    Open {
        /// The file.
        path: PathBuf,
        /// Why it could not be opened.
        #[source]
        source: std::io::Error,
    },
    /// A line of the transcript could not be read; the message names the
    /// file (or `<string>`) and the line.
    #[error("{file}: {source}")]
    Read {
        /// The file's path as given, or `<string>` for [`Replay::from_str`](crate::Replay::from_str).
        file: String,
        /// What was wrong, with its line number.
        #[source]
        source: ReadError,
    },
    /// An ignore rule is not a valid path selector.
    #[error("invalid ignore rule: {0}")]
    Selector(#[from] SelectorError),
    /// The transcript has no `state` event to take the initial state from.
    #[error("{file}: the transcript has no initial state (no `state` event)")]
    NoInitialState {
        /// The transcript's file.
        file: String,
    },
    /// The recorded initial state does not deserialise into the requested type.
    #[error("{file}: the initial state (seq {seq}) cannot be read as `{ty}`: {source}")]
    InitialState {
        /// The transcript's file.
        file: String,
        /// The seq of the state event.
        seq: u64,
        /// The requested type.
        ty: &'static str,
        /// What serde said, without any value it quoted
        /// ([`json_error_message`]).
        #[source]
        source: serde_json::Error,
    },
    /// The driver's closure got a recorded inbound call whose method it does
    /// not handle (see [`ReplayError::unknown_method`]).
    #[error("inbound call seq {seq}: unknown method `{port}.{method}`")]
    UnknownMethod {
        /// The inbound call's seq.
        seq: u64,
        /// Its port.
        port: String,
        /// Its method.
        method: String,
    },
    /// An argument of a recorded inbound call is missing or has the wrong type.
    #[error("inbound call seq {seq} `{method}`: argument {name}: {reason}")]
    Argument {
        /// The inbound call's seq.
        seq: u64,
        /// Its method.
        method: String,
        /// The argument (`$` for the whole arguments value).
        name: String,
        /// What was wrong.
        reason: String,
    },
    /// A value could not be converted to or from JSON (for example in
    /// [`Outcome::ok`](crate::Outcome::ok) inside the driver's closure).
    ///
    /// Made with `From` (`?`), the error holds serde_json's message without
    /// any value it quoted ([`json_error_message`]).
    #[error("JSON conversion failed: {0}")]
    Json(#[source] serde_json::Error),
    /// Any other failure of the driver's closure, with its message.
    #[error("{0}")]
    Message(String),
    /// The transcript was recorded from another component than the one
    /// [`ReplayBuilder::component`](crate::ReplayBuilder::component) names.
    #[error("{file}: this transcript was recorded from component `{found}`, not `{expected}`")]
    WrongComponent {
        /// The transcript's file.
        file: String,
        /// The component the replay is for.
        expected: String,
        /// The component the header names.
        found: String,
    },
    /// Events are missing from the transcript (a break in its seqs, or
    /// events its `end` line counts as dropped): it replays faithfully only
    /// from a checkpoint after them. See
    /// [`ReplayBuilder::allow_gaps`](crate::ReplayBuilder::allow_gaps).
    #[error(
        "{file}: events are missing{} (the end line counts {dropped} dropped): this transcript can only be replayed from a checkpoint after them; replay a dump taken after a checkpoint, or allow the gap with `ReplayBuilder::allow_gaps(true)`",
        if before == after { format!(" after #{before}") } else { format!(" between #{before} and #{after}") }
    )]
    Gap {
        /// The transcript's file.
        file: String,
        /// The last seq before the break.
        before: u64,
        /// The first seq after it (equal to `before` when only the end
        /// line's count says events were dropped).
        after: u64,
        /// The events the end line counts as dropped.
        dropped: u64,
    },
    /// [`Replay::actual_transcript`](crate::Replay::actual_transcript) on a
    /// session built without [`capture`](crate::ReplayBuilder::capture).
    #[error("nothing was captured: build the replay with `Replay::builder().capture(true)`")]
    NotCaptured,
    /// A line of the transcript's file, read again while replaying, is not
    /// what was indexed when the transcript was loaded: the file changed
    /// since (or could not be read). A replay from a file reads payloads
    /// back from it when it uses them (see
    /// [`Replay::from_file`](crate::Replay::from_file)); inside a drive this
    /// error is an [`Error`](crate::FindingKind::Error) finding that stops
    /// the replay.
    #[error("{file}: line {line}: {reason}")]
    Reread {
        /// The transcript's file.
        file: String,
        /// The line that could not be read back.
        line: u64,
        /// Why (never a value from the line).
        reason: String,
    },
    /// Building the component inside [`Replay::setup`](crate::Replay::setup)
    /// diverged or panicked; the report says where.
    #[error("the component could not be built from the recording:\n{0}")]
    Setup(Box<reprise_expect::Report>),
}

impl From<serde_json::Error> for ReplayError {
    /// [`ReplayError::Json`], without any value serde_json's message quoted.
    ///
    /// ```
    /// use reprise::replayer::ReplayError;
    /// let err = serde_json::from_str::<u64>(r#""alice@corp.com""#).unwrap_err();
    /// let err = ReplayError::from(err);
    /// assert_eq!(err.to_string(), "JSON conversion failed: invalid type: a string, expected u64 at line 1 column 16");
    /// assert!(!format!("{err:?}").contains("alice"));
    /// ```
    fn from(err: serde_json::Error) -> Self {
        ReplayError::Json(redacted(err))
    }
}

/// `err` when its message quotes nothing from the data, else a serde_json
/// error holding only its value-free rendering ([`json_error_message`]) and
/// its position, so that neither `Display`, `Debug` nor the error chain can
/// print a value.
pub(crate) fn redacted(err: serde_json::Error) -> serde_json::Error {
    let message = json_error_message(&err);
    let full = err.to_string();
    let position =
        (err.line() != 0).then(|| format!(" at line {} column {}", err.line(), err.column()));
    let bare = match &position {
        Some(position) => full.strip_suffix(position.as_str()).unwrap_or(&full),
        None => &full,
    };
    if bare == message {
        return err;
    }
    <serde_json::Error as serde::de::Error>::custom(message + position.as_deref().unwrap_or(""))
}

impl ReplayError {
    /// An error with a free-form message, for the driver's closure.
    ///
    /// ```
    /// use reprise::replayer::ReplayError;
    /// assert_eq!(ReplayError::msg("no such node").to_string(), "no such node");
    /// ```
    pub fn msg(message: impl Into<String>) -> Self {
        ReplayError::Message(message.into())
    }

    /// The transcript line the error is about, when it is about one.
    ///
    /// ```
    /// use reprise::replayer::Replay;
    /// let err = Replay::from_str("").unwrap_err();
    /// assert_eq!(err.line(), None);
    /// ```
    pub fn line(&self) -> Option<u64> {
        match self {
            ReplayError::Read { source, .. } => source.line(),
            ReplayError::Reread { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// The transcript file the error is about, when it is about one.
    ///
    /// ```
    /// use reprise::replayer::Replay;
    /// let err = Replay::from_file("no/such/file.jsonl").unwrap_err();
    /// assert_eq!(err.file().as_deref(), Some("no/such/file.jsonl"));
    /// ```
    pub fn file(&self) -> Option<String> {
        match self {
            ReplayError::Open { path, .. } => Some(path.display().to_string()),
            ReplayError::Read { file, .. }
            | ReplayError::NoInitialState { file }
            | ReplayError::InitialState { file, .. }
            | ReplayError::WrongComponent { file, .. }
            | ReplayError::Gap { file, .. }
            | ReplayError::Reread { file, .. } => Some(file.clone()),
            _ => None,
        }
    }
}
