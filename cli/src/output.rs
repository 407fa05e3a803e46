//! Where the CLI writes: a buffered, locked stdout that never panics, error
//! lines on stderr, and output files written whole or not at all
//! ([`write_atomically`], used by `scrub`, `train`, `merge` and `view`).
//!
//! `println!` panics when stdout is a closed pipe (`reprise inspect --pretty
//! big.jsonl | head`). Every command writes through [`Stdout`] instead and
//! returns its `io::Error`s; `main` asks [`is_broken_pipe`] and, when the
//! reader of our output went away, stops quietly with success, as `cat` and
//! `grep` do. Rust ignores `SIGPIPE`, so a closed pipe arrives as an error of
//! kind [`io::ErrorKind::BrokenPipe`] on the next write.

use std::fmt::Display;
use std::fs::File;
use std::io::{self, BufWriter, StdoutLock, Write};
use std::path::Path;

use anyhow::Context;

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

/// Writes the file at `path` whole or not at all: `write` fills a temporary
/// file beside it, named `.{file name}.reprise-{command}-XXXXXX.tmp` so one
/// a kill left behind says what it is; the file is synced, given the mode of
/// the file it replaces (else of `mode_of`, else the usual mode of a new
/// file, 0666 less the umask, not the temporary file's 0600), renamed over
/// `path`, and the directory synced so the rename lasts too. A failed
/// `write` leaves `path` as it was and removes the temporary file.
pub fn write_atomically<T>(
    path: &Path,
    command: &str,
    mode_of: Option<&Path>,
    write: impl FnOnce(&mut BufWriter<&File>) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let name = path.display().to_string();
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let file_name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let prefix = format!(".{file_name}.reprise-{command}-");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Created as any new file is: the umask applies.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temp = builder
        .tempfile_in(dir)
        .with_context(|| format!("{}: cannot create a temporary file", dir.display()))?;
    let value = {
        let mut out = BufWriter::with_capacity(256 * 1024, temp.as_file());
        let value = write(&mut out)?;
        out.flush()
            .with_context(|| format!("{name}: cannot write"))?;
        value
    };
    let kept = std::fs::metadata(path)
        .ok()
        .or_else(|| mode_of.and_then(|p| std::fs::metadata(p).ok()))
        .map(|m| m.permissions());
    if let Some(permissions) = kept {
        temp.as_file()
            .set_permissions(permissions)
            .with_context(|| format!("{name}: cannot set its mode"))?;
    }
    temp.as_file()
        .sync_all()
        .with_context(|| format!("{name}: cannot write"))?;
    temp.persist(path)
        .with_context(|| format!("{name}: cannot write"))?;
    // Not every platform syncs a directory; the data is synced.
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    /// Regression: merge's copy of this helper had no sync and left its
    /// output 0600 (the temporary file's mode), unlike scrub's.
    #[cfg(unix)]
    #[test]
    fn duplication_write_atomically_gives_the_usual_mode_and_keeps_a_replaced_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        // What the umask makes of a new file here.
        let usual = dir.path().join("usual");
        File::create(&usual).unwrap();
        let out = dir.path().join("out.jsonl");
        write_atomically(&out, "test", None, |w| Ok(w.write_all(b"one\n")?)).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "one\n");
        assert_eq!(mode(&out), mode(&usual), "a new file gets the usual mode");

        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&out, "test", None, |w| Ok(w.write_all(b"two\n")?)).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "two\n");
        assert_eq!(mode(&out), 0o640, "a replaced file's mode is kept");

        let other = dir.path().join("other.jsonl");
        write_atomically(&other, "test", Some(&out), |w| Ok(w.write_all(b"x")?)).unwrap();
        assert_eq!(mode(&other), 0o640, "else the mode of the file named");

        let failed: anyhow::Result<()> = write_atomically(&out, "test", None, |w| {
            w.write_all(b"half")?;
            anyhow::bail!("stopped")
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "two\n");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left.len(), 3, "no temporary file is left behind: {left:?}");
    }
}
