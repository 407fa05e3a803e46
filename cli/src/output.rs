//! Where the CLI writes: a buffered, locked stdout that never panics, and
//! error lines on stderr.
//!
//! `println!` panics when stdout is a closed pipe (`reprise inspect --pretty
//! big.jsonl | head`). Every command writes through [`Stdout`] instead and
//! returns its `io::Error`s; `main` asks [`is_broken_pipe`] and, when the
//! reader of our output went away, stops quietly with success, as `cat` and
//! `grep` do. Rust ignores `SIGPIPE`, so a closed pipe arrives as an error of
//! kind [`io::ErrorKind::BrokenPipe`] on the next write.

use std::fmt::Display;
use std::io::{self, BufWriter, StdoutLock, Write};

use reprise_transcript::ReadError;
use serde::Serialize;

/// Standard output, locked once and buffered; flush it before returning.
pub type Stdout = BufWriter<StdoutLock<'static>>;

/// Locks standard output for the whole command.
pub fn stdout() -> Stdout {
    BufWriter::with_capacity(64 * 1024, io::stdout().lock())
}

/// Writes `value` as indented JSON, then a newline.
///
/// Its error is the `io::Error` itself (serde_json's error would hide a
/// broken pipe from [`is_broken_pipe`]).
pub fn json_pretty(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)
}

/// Whether `err` comes from writing to a pipe whose reader has gone away.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let kind = match cause.downcast_ref::<io::Error>() {
            Some(e) => Some(e.kind()),
            // Its `source()` skips the `io::Error` it wraps.
            None => cause
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind),
        };
        kind == Some(io::ErrorKind::BrokenPipe)
    })
}

/// Renders an error and its causes on one line, `outer: inner: cause`.
///
/// A [`ReadError`]'s message already says what its source said (with the
/// line and column), and so does a [`reprise_testing::Error`]'s, so the
/// chain stops there rather than repeat it.
pub fn describe(err: &anyhow::Error) -> String {
    let mut parts = Vec::new();
    for cause in err.chain() {
        parts.push(cause.to_string());
        if cause.is::<ReadError>() || cause.is::<reprise_testing::Error>() {
            break;
        }
    }
    parts.join(": ")
}

/// Writes `error: {message}` on stderr. A failure to write to stderr is
/// ignored: there is nowhere left to report it.
pub fn error(message: impl Display) {
    let _ = writeln!(io::stderr().lock(), "error: {message}");
}

/// Writes `warning: {message}` on stderr, for what may make a result wrong
/// without making it fail.
pub fn warning(message: impl Display) {
    let _ = writeln!(io::stderr().lock(), "warning: {message}");
}

/// Writes `note: {message}` on stderr, for what a user should know but is
/// not an error.
pub fn note(message: impl Display) {
    let _ = writeln!(io::stderr().lock(), "note: {message}");
}
