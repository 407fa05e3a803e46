//! `reprise verify`: is anything sensitive left in a transcript?
//!
//! Every built-in rule runs over the header's `meta` and every event's
//! payload (and the rules of `--rules`, when given): sensitive key names
//! whose value is not scrubbed, every value detector, high-entropy strings
//! under secret-looking keys. Each finding is printed as it is met, with the
//! event's seq, the JSON path and the rule, never the value, so the output
//! itself is safe to paste in an issue. A pseudonym looks like what it
//! replaced; a match at a path the header's `sanitizer` section lists as
//! pseudonymized is not a finding.
//!
//! Exit status: 0 nothing found, 1 something sensitive found or lines that
//! could not be read (and so not checked).

use std::io::Write;
use std::path::PathBuf;

use reprise_sanitizer::{Verifier, pseudonymized_paths};

use crate::Status;
use crate::input::{self, BadLines, plural};
use crate::output;

/// Arguments of `reprise verify`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The transcript to check (a `.jsonl` file), or `-` for stdin.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// A TOML rules file whose rules (custom regexes, key names) are checked
    /// too.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
}

/// Runs `reprise verify`.
pub fn run(args: &Args) -> anyhow::Result<Status> {
    let verifier = match &args.rules {
        Some(path) => Verifier::with_sanitizer(crate::scrub::rules(Some(path))?.build()?),
        None => Verifier::new()?,
    };
    let mut input = input::open(&args.file)?;
    let header = input.reader.header().clone();
    let accepted = pseudonymized_paths(header.sanitizer.as_ref());
    let mut out = output::stdout();
    let mut found = 0u64;
    let mut events = 0u64;
    for finding in verifier.check_header(&header, &accepted) {
        writeln!(out, "{}: {finding}", input.name)?;
        found += 1;
    }
    let mut bad = BadLines::default();
    for item in input.reader.by_ref() {
        match item {
            Ok(event) => {
                events += 1;
                for finding in verifier.check_event(&event, &accepted) {
                    writeln!(out, "{}: {finding}", input.name)?;
                    found += 1;
                }
            }
            Err(err) => bad.push(&err),
        }
    }
    if found == 0 {
        writeln!(
            out,
            "{}: nothing sensitive found in {events} {}{}",
            input.name,
            plural(events, "event", "events"),
            if header.sanitizer.is_some() {
                " (scrubbed)"
            } else {
                ""
            }
        )?;
    } else {
        writeln!(
            out,
            "{}: {found} sensitive {} in {events} {}",
            input.name,
            plural(found, "value", "values"),
            plural(events, "event", "events")
        )?;
    }
    out.flush()?;
    bad.report(&input.name);
    Ok(if found > 0 {
        Status::Sensitive
    } else if bad.count > 0 {
        Status::BadTranscript
    } else {
        Status::Success
    })
}
