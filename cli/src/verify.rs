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
//! `--summary` prints, instead of every finding, how many there are per
//! rule and per generalised path and rule (`$.args.items[*].card`), at most
//! [`PATHS`] of those (the rest are counted). `--json` prints one JSON
//! document for tools ([`Verdict`]): the findings (seq, path and rule; at
//! most [`HELD`], the rest counted; left out with `--summary`), the counts
//! per rule and per path, and the verdict.
//!
//! Exit status: 0 nothing found, 1 something sensitive found or lines that
//! could not be read (and so not checked).

use anyhow::Context as _;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use reprise_sanitizer::{Finding, Place, Verifier, pseudonymized_paths};
use reprise_transcript::Ending;
use serde::Serialize;

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
    /// Print how many sensitive values there are per rule and per
    /// generalised path instead of every finding.
    #[arg(long)]
    pub summary: bool,
    /// Print the findings (not with --summary), their counts per rule and
    /// per path, and the verdict as one JSON document, for tools.
    #[arg(long)]
    pub json: bool,
}

/// How many held findings are kept to be shown; more are only counted. Also
/// how many findings `--json` lists.
pub const HELD: usize = 10_000;

/// How many distinct generalised paths held findings are counted at; a
/// finding at a further path is reported at once.
const HELD_PATHS: usize = 4096;

/// How many distinct (generalised path, rule) pairs are counted one by one
/// for `--summary` and `--json`; findings at further ones are counted
/// together.
pub const PATHS: usize = 4096;

/// Findings waiting for the `end` line's report.
#[derive(Default)]
struct Held {
    /// The first [`HELD`] findings, in file order.
    shown: Vec<Finding>,
    /// Every held finding, counted by where it is as the transcript has
    /// it ([`Place`], which a report is looked up by) and rule, with the
    /// generalised path it is shown at.
    counts: BTreeMap<(Place, String), (String, u64)>,
}

impl Held {
    /// Holds `finding`; gives it back when it cannot be held.
    fn hold(&mut self, finding: Finding) -> Option<Finding> {
        let full = self.counts.len() >= HELD_PATHS;
        let key = (finding.place().clone(), finding.rule.clone());
        match self.counts.get_mut(&key) {
            Some((_, count)) => *count += 1,
            None if full => return Some(finding),
            None => {
                self.counts.insert(key, (finding.generalized.clone(), 1));
            }
        }
        if self.shown.len() < HELD {
            self.shown.push(finding);
        }
        None
    }
}

/// One finding, as `--json` lists it: where and which rule, never the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Listed {
    /// The event's seq; `null` for the header.
    pub seq: Option<u64>,
    /// The JSON path (`$.args.users[2].email`).
    pub path: String,
    /// The rule that fired.
    pub rule: String,
}

/// How many findings at one generalised path, by one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathCount {
    /// The generalised path (`$.args.users[*].email`).
    pub path: String,
    /// The rule.
    pub rule: String,
    /// How many findings.
    pub count: u64,
}

/// What `reprise verify --json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// The file as named on the command line, or `<stdin>`.
    pub transcript: String,
    /// `clean` (nothing found, every line read), `sensitive` (something
    /// found) or `unreadable` (nothing found, but some lines could not be
    /// read, and so were not checked).
    pub verdict: &'static str,
    /// Whether the verdict is `clean` (exit status 0).
    pub passed: bool,
    /// Whether the header has a `sanitizer` section (it was scrubbed).
    pub scrubbed: bool,
    /// Events checked.
    pub events: u64,
    /// Sensitive values found.
    pub sensitive: u64,
    /// Sensitive values found, by rule.
    pub rules: BTreeMap<String, u64>,
    /// Sensitive values found, by generalised path and rule (at most
    /// [`PATHS`] entries).
    pub paths: Vec<PathCount>,
    /// Sensitive values found at further paths, not listed in `paths`.
    pub paths_not_listed: u64,
    /// The findings in the order they are reported (at most [`HELD`]);
    /// left out with `--summary`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub findings: Option<Vec<Listed>>,
    /// Findings not listed in `findings`; left out with `--summary`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub findings_not_listed: Option<u64>,
    /// Lines that could not be read (and so were not checked).
    pub bad_lines: BadLines,
}

/// The sensitive values found, counted, and (for `--json`) listed.
#[derive(Default)]
struct Tally {
    total: u64,
    rules: BTreeMap<String, u64>,
    paths: BTreeMap<(String, String), u64>,
    paths_not_listed: u64,
    listed: Vec<Listed>,
    not_listed: u64,
}

impl Tally {
    /// Counts `n` findings at generalised `path` by `rule`.
    fn count(&mut self, path: &str, rule: &str, n: u64) {
        self.total += n;
        *self.rules.entry(rule.to_owned()).or_default() += n;
        let key = (path.to_owned(), rule.to_owned());
        if let Some(count) = self.paths.get_mut(&key) {
            *count += n;
        } else if self.paths.len() < PATHS {
            self.paths.insert(key, n);
        } else {
            self.paths_not_listed += n;
        }
    }

    /// Lists `finding` for `--json`, if there is room.
    fn list(&mut self, finding: &Finding) {
        if self.listed.len() < HELD {
            self.listed.push(Listed {
                seq: finding.seq,
                path: finding.path.clone(),
                rule: finding.rule.clone(),
            });
        } else {
            self.not_listed += 1;
        }
    }
}

/// How the findings are shown.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Every finding, as it is met (the default).
    Each,
    /// Counts per rule and path, at the end (`--summary`).
    Summary,
    /// One JSON document, at the end (`--json`).
    Json,
}

/// Runs `reprise verify`.
pub fn run(args: &Args) -> anyhow::Result<Status> {
    let mode = match (args.json, args.summary) {
        (true, _) => Mode::Json,
        (false, true) => Mode::Summary,
        (false, false) => Mode::Each,
    };
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
    let mut tally = Tally::default();
    let mut events = 0u64;
    let name = input.name.clone();
    // A finding known to be a leak: counted, and shown as the mode says.
    let leak = |out: &mut dyn Write, tally: &mut Tally, finding: &Finding| {
        tally.count(&finding.generalized, &finding.rule, 1);
        match mode {
            Mode::Each => writeln!(out, "{name}: {finding}"),
            Mode::Json => {
                tally.list(finding);
                Ok(())
            }
            Mode::Summary => Ok(()),
        }
    };
    let mut report = |out: &mut dyn Write, tally: &mut Tally, finding: Finding| {
        let finding = match &mut held {
            Some(held) => held.hold(finding),
            None => Some(finding),
        };
        match finding {
            Some(finding) => leak(out, tally, &finding),
            None => Ok(()),
        }
    };
    for finding in verifier.check_header(&header, &accepted) {
        report(&mut out, &mut tally, finding)?;
    }
    let mut bad = BadLines::default();
    let progress = crate::progress::Progress::events(&format!("verifying {}", input.name));
    // Both cores: one reads lines, the others decode and check them; the
    // findings come in the transcript's order either way.
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    verifier
        .check_transcript_on(
            threads,
            &mut input.reader,
            &accepted,
            &mut |checked, findings| {
                events = checked;
                progress.set(events);
                for finding in findings {
                    progress.suspend(|| report(&mut out, &mut tally, finding))?;
                }
                Ok(())
            },
            &mut |err| bad.push(&err),
        )
        .with_context(|| format!("{}: cannot be read", input.name))?;
    drop(progress);
    if let Some(held) = held {
        let at_end = pseudonymized_paths(input.reader.ending().and_then(Ending::sanitizer));
        let mut shown = 0u64;
        for finding in held.shown.iter().filter(|f| !f.pseudonymized_in(&at_end)) {
            // Counted below, with every held finding.
            match mode {
                Mode::Each => writeln!(out, "{}: {finding}", input.name)?,
                Mode::Json => tally.list(finding),
                Mode::Summary => {}
            }
            shown += 1;
        }
        let mut leaks = 0;
        for ((place, rule), (path, count)) in &held.counts {
            if !place.pseudonymized_in(&at_end) {
                tally.count(path, rule, *count);
                leaks += count;
            }
        }
        if leaks > shown {
            match mode {
                Mode::Each => writeln!(
                    out,
                    "{}: ... and {} more not shown",
                    input.name,
                    leaks - shown
                )?,
                Mode::Json => tally.not_listed += leaks - shown,
                Mode::Summary => {}
            }
        }
    }
    let found = tally.total;
    let status = if found > 0 {
        Status::Sensitive
    } else if bad.count > 0 {
        Status::BadTranscript
    } else {
        Status::Success
    };
    let scrubbed = header.sanitizer.is_some();
    match mode {
        Mode::Json => {
            let verdict = Verdict {
                transcript: input.name.clone(),
                verdict: match status {
                    Status::Sensitive => "sensitive",
                    Status::BadTranscript => "unreadable",
                    _ => "clean",
                },
                passed: status == Status::Success,
                scrubbed,
                events,
                sensitive: found,
                rules: tally.rules.clone(),
                paths: tally
                    .paths
                    .iter()
                    .map(|((path, rule), count)| PathCount {
                        path: path.clone(),
                        rule: rule.clone(),
                        count: *count,
                    })
                    .collect(),
                paths_not_listed: tally.paths_not_listed,
                findings: (!args.summary).then(|| std::mem::take(&mut tally.listed)),
                findings_not_listed: (!args.summary).then_some(tally.not_listed),
                bad_lines: bad.clone(),
            };
            output::json_pretty(&mut out, &verdict)?;
        }
        Mode::Summary | Mode::Each => {
            if mode == Mode::Summary {
                render_summary(&tally, &mut out)?;
            }
            if found == 0 {
                writeln!(
                    out,
                    "{}: nothing sensitive found in {events} {}{}",
                    input.name,
                    plural(events, "event", "events"),
                    if scrubbed { " (scrubbed)" } else { "" }
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
        }
    }
    out.flush()?;
    bad.report(&input.name);
    Ok(status)
}

/// The counts per rule (most first) and per generalised path and rule, as
/// aligned text; nothing when nothing was found.
fn render_summary(tally: &Tally, out: &mut impl Write) -> std::io::Result<()> {
    if tally.total == 0 {
        return Ok(());
    }
    let mut rules: Vec<(&String, &u64)> = tally.rules.iter().collect();
    rules.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let rule_w = rules.iter().map(|(r, _)| r.len()).max().unwrap_or(0);
    let count_w = rules
        .iter()
        .map(|(_, n)| n.to_string().len())
        .max()
        .unwrap_or(0);
    writeln!(out, "by rule:")?;
    for (rule, n) in &rules {
        writeln!(out, "  {rule:<rule_w$}  {n:>count_w$}")?;
    }
    let path_w = tally.paths.keys().map(|(p, _)| p.len()).max().unwrap_or(0);
    let count_w = tally
        .paths
        .values()
        .map(|n| n.to_string().len())
        .max()
        .unwrap_or(0);
    writeln!(out, "by path:")?;
    for ((path, rule), n) in &tally.paths {
        writeln!(out, "  {path:<path_w$}  {rule:<rule_w$}  {n:>count_w$}")?;
    }
    if tally.paths_not_listed > 0 {
        writeln!(
            out,
            "  ... {} more at paths not listed",
            tally.paths_not_listed
        )?;
    }
    Ok(())
}
