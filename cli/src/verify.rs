//! `reprise verify`: is anything sensitive left in a transcript?
//!
//! Every built-in rule runs over the header's `meta` and every event's
//! payload (and the rules of `--rules`, when given): sensitive key names
//! whose value is not scrubbed, every value detector, high-entropy strings
//! under secret-looking keys. Each finding is printed as it is met, with the
//! event's seq, the JSON path and the rule, never the value, so the output
//! itself is safe to paste in an issue. A pseudonym looks like what it
//! replaced; a match at a path the transcript's sanitizer report lists as
//! pseudonymized is not a finding.
//!
//! The report is in the header's `sanitizer` section (written by
//! `reprise scrub`, or by a recorder with a sanitizer: then the rules and
//! what `meta` held) and, for a transcript scrubbed while it was recorded,
//! in the `end` line's `sanitizer` field (every path, known only at the
//! end). So when the header has a section, a match at a path it does not
//! list is held until the `end` line is read, then reported unless the
//! `end` report lists its path: those findings come after the events, in
//! file order, at most [`HELD`] of them shown (the rest are counted). A
//! transcript without a header section is reported as it is read.
//!
//! Exit status: 0 nothing found, 1 something sensitive found or lines that
//! could not be read (and so not checked).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use reprise_sanitizer::{Finding, Verifier, pseudonymized_paths};
use reprise_transcript::Ending;

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

/// How many held findings are kept to be shown; more are only counted.
pub const HELD: usize = 10_000;

/// How many distinct generalised paths held findings are counted at; a
/// finding at a further path is reported at once.
const HELD_PATHS: usize = 4096;

/// Findings waiting for the `end` line's report.
#[derive(Default)]
struct Held {
    /// The first [`HELD`] findings, in file order.
    shown: Vec<Finding>,
    /// Every held finding, counted by generalised path.
    counts: BTreeMap<String, u64>,
}

impl Held {
    /// Holds `finding`; gives it back when it cannot be held.
    fn hold(&mut self, finding: Finding) -> Option<Finding> {
        let full = self.counts.len() >= HELD_PATHS;
        match self.counts.get_mut(&finding.generalized) {
            Some(count) => *count += 1,
            None if full => return Some(finding),
            None => {
                self.counts.insert(finding.generalized.clone(), 1);
            }
        }
        if self.shown.len() < HELD {
            self.shown.push(finding);
        }
        None
    }
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
    // Without a header section there is no report to wait for.
    let mut held = header.sanitizer.as_ref().map(|_| Held::default());
    let mut out = output::stdout();
    let mut found = 0u64;
    let mut events = 0u64;
    let mut report = |out: &mut dyn Write, finding: Finding| -> std::io::Result<()> {
        let finding = match &mut held {
            Some(held) => held.hold(finding),
            None => Some(finding),
        };
        if let Some(finding) = finding {
            writeln!(out, "{}: {finding}", input.name)?;
            found += 1;
        }
        Ok(())
    };
    for finding in verifier.check_header(&header, &accepted) {
        report(&mut out, finding)?;
    }
    let mut bad = BadLines::default();
    for item in input.reader.by_ref() {
        match item {
            Ok(event) => {
                events += 1;
                for finding in verifier.check_event(&event, &accepted) {
                    report(&mut out, finding)?;
                }
            }
            Err(err) => bad.push(&err),
        }
    }
    if let Some(held) = held {
        let at_end = pseudonymized_paths(input.reader.ending().and_then(Ending::sanitizer));
        let mut shown = 0u64;
        for finding in held
            .shown
            .iter()
            .filter(|f| !at_end.contains(&f.generalized))
        {
            writeln!(out, "{}: {finding}", input.name)?;
            shown += 1;
        }
        let leaks: u64 = held
            .counts
            .iter()
            .filter(|(path, _)| !at_end.contains(*path))
            .map(|(_, count)| count)
            .sum();
        if leaks > shown {
            writeln!(
                out,
                "{}: ... and {} more not shown",
                input.name,
                leaks - shown
            )?;
        }
        found += leaks;
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
