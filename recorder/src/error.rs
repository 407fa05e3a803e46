//! The one error type of recording.

use std::io;
use std::path::PathBuf;

/// Why a recording could not be started, written or finished.
///
/// Messages name what they are about (the transcript file, the component),
/// and a wrapped cause comes back from [`std::error::Error::source`].
/// Recording a call never returns this error: a component is never broken by
/// its recorder. Failures while writing are kept and reported by
/// [`Recorder::flush`](crate::Recorder::flush) and
/// [`Recorder::finish`](crate::Recorder::finish).
///
/// ```
/// use reprise::recorder::{FileSink, RecordError};
/// let err = FileSink::builder("/nonexistent-dir/x.jsonl").open().unwrap_err();
/// assert!(matches!(err, RecordError::CreateFile { .. }));
/// assert!(err.to_string().starts_with("cannot create transcript file `/nonexistent-dir/x.jsonl`: "));
/// assert!(std::error::Error::source(&err).is_some());
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RecordError {
    /// The transcript file could not be created.
    #[error("cannot create transcript file `{}`: {source}", path.display())]
    CreateFile {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: io::Error,
    },
    /// Writing to the transcript failed. Lines recorded after the failure are lost.
    #[error("cannot write transcript `{}`: {source}", path.display())]
    Write {
        /// The file (or the name given to the destination).
        path: PathBuf,
        /// The first I/O error the writer thread met.
        #[source]
        source: io::Error,
    },
    /// The background writer thread could not be started.
    #[error("cannot start the writer thread for transcript `{}`: {source}", path.display())]
    SpawnWriter {
        /// The file the thread would have written.
        path: PathBuf,
        /// Why the thread could not be spawned.
        #[source]
        source: io::Error,
    },
    /// The background writer thread panicked (the destination's `Write` impl panicked).
    #[error("the writer thread of transcript `{}` panicked", path.display())]
    WriterPanicked {
        /// The file the thread was writing.
        path: PathBuf,
    },
    /// [`RecorderBuilder::start`](crate::RecorderBuilder::start) was called without a sink.
    #[error("the recorder of `{component}` has no sink: call `.sink(..)` before `.start(..)`")]
    NoSink {
        /// The component's name.
        component: String,
    },
    /// [`Recorder::finish`](crate::Recorder::finish) was called on a recording that was
    /// already finished (through another clone).
    #[error("the recording of `{component}` is already finished")]
    AlreadyFinished {
        /// The component's name.
        component: String,
    },
    /// A line could not be encoded (a header or `end` line; event payloads never fail).
    #[error("cannot encode the {what} line: {source}")]
    Encode {
        /// Which line.
        what: &'static str,
        /// The encoding error.
        #[source]
        source: io::Error,
    },
    /// The sanitizer could not be set up (its rules file is unreadable or
    /// invalid, or its key unusable): the recording is not started, rather
    /// than written in the clear.
    #[error("cannot start the sanitizer of `{component}`: {source}")]
    Sanitizer {
        /// The component's name.
        component: String,
        /// The sanitizer's error (it names the file and line).
        #[source]
        source: reprise_sanitizer::Error,
    },
    /// [`Recorder::dump_flight_recorder`](crate::Recorder::dump_flight_recorder)
    /// was called on a recorder started without
    /// [`RecorderBuilder::flight_recorder`](crate::RecorderBuilder::flight_recorder).
    #[error(
        "the recorder of `{component}` has no flight recorder: call `.flight_recorder(..)` before `.start(..)`"
    )]
    NoFlightRecorder {
        /// The component's name.
        component: String,
    },
    /// The watchdog thread of live expectations could not be started.
    #[error("cannot start the watchdog thread of `{component}`: {source}")]
    SpawnWatchdog {
        /// The component's name.
        component: String,
        /// Why the thread could not be spawned.
        #[source]
        source: io::Error,
    },
    /// A sink of your own failed.
    #[error("sink failed: {source}")]
    Sink {
        /// Your sink's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
}

impl RecordError {
    /// Wraps the error of a custom [`Sink`](crate::Sink).
    ///
    /// ```
    /// use reprise::recorder::RecordError;
    /// let err = RecordError::sink(std::io::Error::other("socket closed"));
    /// assert_eq!(err.to_string(), "sink failed: socket closed");
    /// ```
    pub fn sink(source: impl Into<Box<dyn std::error::Error + Send + Sync + 'static>>) -> Self {
        RecordError::Sink {
            source: source.into(),
        }
    }
}
