//! `reprise inspect --pretty`: every line of a transcript, indented.
//!
//! Each line is printed as pretty JSON after a `--- line N` separator, so the
//! line numbers that errors and reports name stay visible. Events are written
//! as they are read; nothing is collected. What is printed is the event as
//! the reader understood it: fields it does not know are not shown.

use std::io::Write;

use reprise_transcript::{End, Ending, Event};

use crate::input::{BadLines, Input};
use crate::inspect;
use crate::output;

/// Writes the header and every event of `input` to `out`, then how it ended.
/// Returns the bad lines, which are also marked in the output with
/// `--- error: line N: ...` where the line would have been.
pub fn write(input: &mut Input, out: &mut impl Write) -> anyhow::Result<BadLines> {
    let mut bad = BadLines::default();
    // An error about the end line itself (its count is wrong) is shown after it.
    let mut end_error = None;
    writeln!(out, "--- line {}", input.reader.line())?;
    output::json_pretty(out, input.reader.header())?;
    while let Some(item) = input.reader.next() {
        match item {
            Ok(event) => {
                writeln!(out, "--- line {}", input.reader.line())?;
                output::json_pretty(out, &event)?;
            }
            Err(err) if input.reader.ending().is_some_and(Ending::is_clean) => {
                bad.push(&err);
                end_error = Some(err);
            }
            Err(err) => {
                writeln!(out, "--- error: {err}")?;
                bad.push(&err);
            }
        }
    }
    let ending = inspect::End::from(input.reader.ending());
    match ending {
        inspect::End::Clean { events, dropped } => {
            writeln!(out, "--- line {}", input.reader.line())?;
            let end = End {
                sanitizer: input.reader.ending().and_then(Ending::sanitizer).cloned(),
                ..End::new(events, dropped)
            };
            output::json_pretty(out, &Event::<()>::End(end))?;
        }
        inspect::End::CutShort { .. } => writeln!(out, "--- {ending}")?,
    }
    if let Some(err) = end_error {
        writeln!(out, "--- error: {err}")?;
    }
    Ok(bad)
}
