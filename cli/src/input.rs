//! Opening a transcript named on the command line, `-` for stdin.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use anyhow::Context;
use reprise_transcript::{ReadError, Reader};
use serde::Serialize;

/// A transcript opened for streaming, with the name to use in messages.
pub struct Input {
    /// The path as the user gave it (never made absolute), or `<stdin>`.
    pub name: String,
    /// The reader, past the header.
    pub reader: Reader<Box<dyn BufRead>>,
}

/// Opens `path` (or stdin for `-`) and reads its header.
///
/// Errors name the file: `x.jsonl: line 1: not a reprise transcript: ...`.
pub fn open(path: &Path) -> anyhow::Result<Input> {
    let (name, input): (String, Box<dyn BufRead>) = if path == Path::new("-") {
        ("<stdin>".into(), Box::new(io::stdin().lock()))
    } else {
        let name = path.display().to_string();
        let file = File::open(path).with_context(|| format!("{name}: cannot open"))?;
        (name, Box::new(BufReader::with_capacity(64 * 1024, file)))
    };
    let reader = Reader::with_max_line(input, max_line()?).with_context(|| name.clone())?;
    Ok(Input { name, reader })
}

/// The environment variable that sets the longest line a command reads.
pub const MAX_LINE_ENV: &str = "REPRISE_MAX_LINE";

/// The longest line a command reads: `REPRISE_MAX_LINE` bytes (a number,
/// with an optional `K`, `M` or `G` suffix for KiB, MiB, GiB), else the
/// reader's default of 256 MiB. A longer line is an error naming it; one
/// that never ends stops reading after twice this.
pub fn max_line() -> anyhow::Result<usize> {
    match std::env::var(MAX_LINE_ENV) {
        Ok(text) => parse_size(&text).with_context(|| {
            format!("{MAX_LINE_ENV}={text}: not a size in bytes (such as 1048576, 64K, 256M)")
        }),
        Err(_) => Ok(reprise_transcript::DEFAULT_MAX_LINE),
    }
}

fn parse_size(text: &str) -> anyhow::Result<usize> {
    let text = text.trim();
    let (digits, shift) = match text.char_indices().last() {
        Some((i, 'K' | 'k')) => (&text[..i], 10),
        Some((i, 'M' | 'm')) => (&text[..i], 20),
        Some((i, 'G' | 'g')) => (&text[..i], 30),
        _ => (text, 0),
    };
    let n: usize = digits.trim().parse()?;
    n.checked_shl(shift)
        .filter(|v| *v > 0 && v >> shift == n)
        .ok_or_else(|| anyhow::anyhow!("out of range"))
}

#[cfg(test)]
mod max_line_tests {
    use super::parse_size;

    #[test]
    fn sizes_read_with_suffixes_and_refuse_nonsense() {
        assert_eq!(parse_size("1048576").unwrap(), 1 << 20);
        assert_eq!(parse_size("64K").unwrap(), 64 << 10);
        assert_eq!(parse_size("256m").unwrap(), 256 << 20);
        assert!(parse_size("0").is_err());
        assert!(parse_size("lots").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
    }
}

/// The bad lines of a transcript: how many, and the first few errors.
///
/// Only the first [`BadLines::KEPT`] are kept, so a transcript that is bad
/// on every one of its million lines is still read in bounded memory.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct BadLines {
    /// How many bad lines were met.
    pub count: u64,
    /// The first [`BadLines::KEPT`] of them, in file order.
    pub first: Vec<LineError>,
}

/// One bad line, as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineError {
    /// The 1-based line, when the error is about one.
    pub line: Option<u64>,
    /// The whole message, line number included (`line 3, column 5: ...`).
    pub message: String,
}

impl BadLines {
    /// How many errors are kept for display.
    pub const KEPT: usize = 20;

    /// Counts `err`, keeping it if it is among the first.
    pub fn push(&mut self, err: &ReadError) {
        self.count += 1;
        if self.first.len() < Self::KEPT {
            self.first.push(LineError {
                line: err.line(),
                message: err.to_string(),
            });
        }
    }

    /// Reports the bad lines of `name` on stderr, one `error:` line each, then
    /// how many there were. Says nothing when there were none.
    pub fn report(&self, name: &str) {
        if self.count == 0 {
            return;
        }
        for err in &self.first {
            crate::output::error(format_args!("{name}: {}", err.message));
        }
        let unlisted = self.count - self.first.len() as u64;
        if unlisted > 0 {
            crate::output::error(format_args!(
                "{name}: {unlisted} more bad {} not listed",
                plural(unlisted, "line", "lines")
            ));
        }
        crate::output::error(format_args!(
            "{name}: {} bad {}",
            self.count,
            plural(self.count, "line", "lines")
        ));
    }
}

/// `singular` when `n` is 1, else `plural`.
pub fn plural(n: u64, singular: &'static str, plural: &'static str) -> &'static str {
    if n == 1 { singular } else { plural }
}
