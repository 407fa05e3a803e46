//! `reprise review`: each pending transcript in turn, shown as a structural
//! diff against its transcript, then accept, reject or skip, as `cargo
//! insta review` does.
//!
//! On a terminal it reads single keys (`a` accept, `r` reject, `s` skip,
//! `q` quit and skip the rest); otherwise it reads one answer a line from
//! stdin, and the end of stdin skips the rest. Accepting is
//! `reprise accept` (scrubbed as the transcript was shipped, with
//! `--rules`, `--allowlist` and `--key-file`); the diff takes `--ignore`
//! and `--noise` as `reprise diff` does. With `--json` the diffs and
//! prompts go to stderr and stdout gets what was decided, as JSON.
//!
//! Exit status: 0 success (skipping included), 1 a pending file that could
//! not be accepted or rejected, 2 usage error.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use reprise_testing::{DiffOptions, pending_in, transcript_path};

use crate::Status;
use crate::input::plural;
use crate::output;
use crate::pending::{
    Outcome, ScrubArgs, accept_one, describe, random_key_note, reject_one, shown,
};

/// Arguments of `reprise review`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Pending files, transcripts or folders. Default: every pending file
    /// under the current folder.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub scrub: ScrubArgs,
    /// Leave out differences at this JSON path and below (as `reprise
    /// diff --ignore`). Repeatable.
    #[arg(long, value_name = "PATH")]
    pub ignore: Vec<String>,
    /// Show noise too (as `reprise diff --noise`).
    #[arg(long)]
    pub noise: bool,
    /// Show diffs and prompts on stderr, and print what was decided as
    /// JSON on stdout, for tools.
    #[arg(long)]
    pub json: bool,
}

/// Where answers come from: single keys on a terminal, else lines.
enum Keys {
    Terminal(console::Term),
    Lines(io::Stdin),
}

impl Keys {
    fn new(json: bool) -> Keys {
        if io::stdin().is_terminal() {
            let term = if json {
                console::Term::stderr()
            } else {
                console::Term::stdout()
            };
            if term.is_term() {
                return Keys::Terminal(term);
            }
        }
        Keys::Lines(io::stdin())
    }

    /// The next answer, `None` at the end of the input.
    fn next(&mut self) -> io::Result<Option<char>> {
        match self {
            Keys::Terminal(term) => term.read_char().map(Some),
            Keys::Lines(stdin) => {
                let mut line = String::new();
                if stdin.lock().read_line(&mut line)? == 0 {
                    return Ok(None);
                }
                Ok(Some(line.trim().chars().next().unwrap_or('\n')))
            }
        }
    }
}

/// What the person decided about one pending file.
enum Decision {
    Accept,
    Reject,
    Skip,
    Quit,
}

/// Runs `reprise review`.
pub fn run(args: &Args) -> anyhow::Result<Status> {
    let diff_options = match crate::diff::options(&args.ignore, args.noise) {
        Ok(options) => options,
        Err(status) => return Ok(status),
    };
    let options = args.scrub.options()?;
    let pending = pending_in(&args.paths)?;
    let mut screen: Box<dyn Write> = if args.json {
        Box::new(io::stderr().lock())
    } else {
        Box::new(output::stdout())
    };
    let mut keys = Keys::new(args.json);
    let total = pending.len();
    let mut outcomes = Vec::new();
    let mut quit = false;
    for (i, pending) in pending.iter().enumerate() {
        let skipped = Outcome {
            pending: shown(pending),
            transcript: shown(&transcript_path(pending).unwrap_or_default()),
            decision: "skipped",
            error: None,
            rescrubbed: None,
        };
        if quit {
            outcomes.push(skipped);
            continue;
        }
        writeln!(screen, "[{}/{total}] {}", i + 1, shown(pending))?;
        show(&mut screen, pending, &diff_options)?;
        let decision = ask(&mut screen, &mut keys)?;
        let outcome = match decision {
            Decision::Accept => accept_one(pending, &options),
            Decision::Reject => reject_one(pending),
            Decision::Skip => skipped,
            Decision::Quit => {
                quit = true;
                skipped
            }
        };
        writeln!(screen, "{}\n", describe(&outcome))?;
        outcomes.push(outcome);
    }
    summary(&mut screen, &outcomes)?;
    screen.flush()?;
    drop(screen);
    if args.json {
        let mut out = output::stdout();
        output::json_pretty(
            &mut out,
            &crate::pending::Outcomes {
                outcomes: &outcomes,
            },
        )?;
        out.flush()?;
    }
    random_key_note(&outcomes);
    Ok(if outcomes.iter().any(|o| o.decision == "failed") {
        Status::Failed
    } else {
        Status::Success
    })
}

/// Shows what accepting `pending` would change: the diff against its
/// transcript, or what a new transcript holds.
fn show(screen: &mut dyn Write, pending: &Path, options: &DiffOptions) -> io::Result<()> {
    let transcript = transcript_path(pending).unwrap_or_default();
    if !transcript.exists() {
        return match crate::diff::read(pending) {
            Ok(outline) => writeln!(
                screen,
                "new transcript (there is no {}): {} {}, {} inbound {}",
                shown(&transcript),
                outline.events(),
                plural(outline.events(), "event", "events"),
                outline.inbound_calls(),
                plural(outline.inbound_calls() as u64, "call", "calls"),
            ),
            Err(err) => writeln!(screen, "error: {err}"),
        };
    }
    let diff = crate::diff::read(&transcript)
        .and_then(|a| Ok((a, crate::diff::read(pending)?)))
        .map(|(a, b)| reprise_testing::diff(&a, &b, options));
    match diff {
        Ok(diff) => screen.write_all(diff.to_text().as_bytes()),
        Err(err) => writeln!(screen, "error: {err}"),
    }
}

/// Asks what to do until it gets an answer it knows.
fn ask(screen: &mut dyn Write, keys: &mut Keys) -> io::Result<Decision> {
    loop {
        write!(screen, "\naccept (a), reject (r), skip (s), quit (q)? ")?;
        screen.flush()?;
        let Some(key) = keys.next()? else {
            writeln!(screen, "(no more answers: the rest is skipped)")?;
            return Ok(Decision::Quit);
        };
        // Show the answer: a terminal in raw mode does not, and answers
        // piped in are not seen at all.
        writeln!(screen, "{}", if key == '\n' { ' ' } else { key })?;
        match key.to_ascii_lowercase() {
            'a' => return Ok(Decision::Accept),
            'r' => return Ok(Decision::Reject),
            's' => return Ok(Decision::Skip),
            'q' => return Ok(Decision::Quit),
            _ => write!(screen, "press a, r, s or q")?,
        }
    }
}

/// `review: 1 accepted, 1 rejected, 2 skipped`.
fn summary(screen: &mut dyn Write, outcomes: &[Outcome]) -> io::Result<()> {
    if outcomes.is_empty() {
        return writeln!(screen, "no pending transcripts");
    }
    let count = |decision: &str| outcomes.iter().filter(|o| o.decision == decision).count();
    let mut parts = vec![
        format!("{} accepted", count("accepted")),
        format!("{} rejected", count("rejected")),
        format!("{} skipped", count("skipped")),
    ];
    if count("failed") > 0 {
        parts.push(format!("{} failed", count("failed")));
    }
    writeln!(screen, "review: {}", parts.join(", "))
}
