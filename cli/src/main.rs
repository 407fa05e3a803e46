//! `reprise`, the command line of the reprise record-and-replay framework.
//!
//! - `reprise inspect FILE` summarises a transcript (`--pretty`, `--json`).
//! - `reprise scrub IN -o OUT` and `reprise verify FILE` take secrets out of
//!   a transcript and check that none are left (`--json` for tools;
//!   `verify --summary` counts per rule and path instead of listing every
//!   finding).
//! - `reprise check FILE --expectations TOML [--profile NAME] [--json]`
//!   evaluates expectations over a transcript and prints the report: exit 1
//!   when one failed (warnings pass), 2 on a usage error (such as a bad
//!   expectations file, named with its line). The profile is `--profile`,
//!   else `REPRISE_PROFILE`, else the file's only profile, else `default`.
//! - `reprise train FILE... -o profile.toml [--margin 1.5] [--name NAME] [--json]`
//!   learns latencies, rates and probe ranges from recordings and writes a
//!   profile, with its provenance, that `reprise check` uses as is; its
//!   `trained_at` is `--trained-at`, else the latest `created` header of the
//!   recordings, so the same recordings give the same file.
//! - `reprise diff A B [--ignore PATH]... [--noise] [--json]` compares two
//!   transcripts structurally (aligned by inbound call, then by port and
//!   method): the first difference as the headline, then each with its JSON
//!   paths. Exit 0 equivalent, 1 different, 2 bad input.
//! - `reprise pending [DIR]`, `reprise review [PATH...]`, `reprise accept
//!   [PATH...]` and `reprise reject [PATH...]` manage the pending
//!   transcripts (`<name>.jsonl.new`) that `REPRISE_MODE=update` writes, as
//!   `cargo insta` does: review shows each as a diff and asks accept,
//!   reject or skip; accepting scrubs the update as its transcript was
//!   shipped (`--rules`, `--allowlist`, `--key-file` for what the header
//!   cannot hold).
//! - `reprise merge NODE... -o OUT --correlate SPEC` merges the transcripts
//!   of a cluster's nodes into one causal timeline (`reprise_view::Merge`),
//!   listing every unmatched send and receive.
//! - `reprise view FILE... -o OUT.html [--report [NODE=]REPORT.json]...`
//!   writes a self-contained HTML timeline (`reprise_view::Timeline`).
//!
//! Each subcommand lives in its own module and returns a [`Status`]; this
//! file only parses the arguments and turns the outcome into an exit code.
//! The CLI is the only part of reprise that knows about terminals: the
//! libraries return data and text, and the CLI decides where it goes.
//!
//! Exit codes: 0 success (a transcript that was cut short is not a failure),
//! 1 a bad transcript or an I/O error (and, for `verify`, something
//! sensitive found; for `check`, a failed expectation), 2 a usage error.
//! A closed stdout (`reprise inspect --pretty big.jsonl | head`) ends the
//! command quietly with 0.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod check;
mod diff;
mod input;
mod inspect;
mod merge;
mod output;
mod pending;
mod pretty;
mod progress;
mod review;
mod scrub;
mod train;
mod verify;
mod view;

/// What `--help` says about exit codes.
const EXIT_STATUS: &str = "Exit status: 0 success (a cut-short transcript included), \
                           1 bad transcript or I/O error, 2 usage error.";

/// Record-and-replay testing for Rust: work with transcripts.
#[derive(Debug, Parser)]
#[command(name = "reprise", version, after_help = EXIT_STATUS)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Summarise a transcript: its header, events by kind, calls per port
    /// and method, probes, duration and how it ended.
    #[command(after_help = EXIT_STATUS)]
    Inspect(inspect::Args),
    /// Write a copy of a transcript with its secrets and personal data
    /// scrubbed: redacted, or replaced by keyed pseudonyms of the same shape
    /// so that it still replays.
    #[command(after_help = EXIT_STATUS)]
    Scrub(scrub::Args),
    /// Check that nothing sensitive is left in a transcript: print where
    /// (seq, JSON path, rule; never the value) and fail if anything is.
    #[command(after_help = VERIFY_EXIT_STATUS)]
    Verify(verify::Args),
    /// Evaluate expectations over a transcript and print the report: each
    /// failure and warning with its seq, expectation id, limit and what was
    /// measured.
    #[command(after_help = CHECK_HELP)]
    Check(check::Args),
    /// Learn latencies, rates and probe ranges from recordings and write
    /// them as a profile file (with its provenance) for `reprise check`.
    #[command(after_help = TRAIN_HELP)]
    Train(train::Args),
    /// Compare two transcripts structurally: aligned by inbound call, then
    /// by port and method, each difference with its JSON paths; noise
    /// (at_ns, created) left out.
    #[command(after_help = DIFF_HELP)]
    Diff(diff::Args),
    /// List the pending transcripts (`<name>.jsonl.new`) that update mode
    /// wrote, under a folder.
    #[command(after_help = EXIT_STATUS)]
    Pending(pending::PendingArgs),
    /// Show each pending transcript as a diff against its transcript and
    /// ask: accept, reject or skip.
    #[command(after_help = DECIDE_HELP)]
    Review(review::Args),
    /// Accept pending transcripts without asking: each replaces its
    /// transcript, scrubbed as the transcript was shipped.
    #[command(after_help = DECIDE_HELP)]
    Accept(pending::AcceptArgs),
    /// Reject pending transcripts without asking: each is removed.
    #[command(after_help = DECIDE_HELP)]
    Reject(pending::RejectArgs),
    /// Merge the transcripts of a cluster's nodes into one causal timeline:
    /// sends paired with receives by a declared correlation, Lamport clocks,
    /// each event with its node and original seq; unmatched messages listed.
    #[command(after_help = EXIT_STATUS)]
    Merge(merge::Args),
    /// Write a self-contained HTML timeline of transcripts (merged or not):
    /// lanes per node, port and task, calls as spans, probes, checkpoints,
    /// messages as arrows, and a report's findings overlaid.
    #[command(after_help = EXIT_STATUS)]
    View(view::Args),
}

/// What `reprise diff --help` says after the options.
const DIFF_HELP: &str = "Exit status: 0 equivalent, 1 different, \
                         2 bad input (unreadable file, not a transcript, bad line, bad --ignore).";

/// What `reprise review`, `accept` and `reject` say after the options.
const DECIDE_HELP: &str = "Exit status: 0 success, \
                           1 a path with nothing pending or a file not accepted or rejected, \
                           2 usage error.";

/// What `reprise check --help` says after the options.
const CHECK_HELP: &str = "Exit status: 0 no expectation failed (warnings alone pass), \
                          1 an expectation failed, a bad transcript or an I/O error, \
                          2 usage error (a bad expectations file or no profile to apply included).";

/// What `reprise train --help` says after the options.
const TRAIN_HELP: &str = "Exit status: 0 success, 1 bad recording or I/O error, 2 usage error.";

/// What `reprise verify --help` says about exit codes.
const VERIFY_EXIT_STATUS: &str = "Exit status: 0 nothing sensitive found, \
                                  1 something sensitive found, a bad transcript or an I/O error, \
                                  2 usage error.";

/// How a command went, when it ran to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything was read.
    Success,
    /// The command finished, but the transcript had bad lines (reported).
    BadTranscript,
    /// `verify` found sensitive values (reported).
    Sensitive,
    /// `check` found a failed expectation (reported).
    Failed,
    /// A usage error the command found and reported itself (exit code 2);
    /// for `diff`, bad input.
    Usage,
    /// `diff` found the transcripts different (reported).
    Different,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // `--help` and `--version` come here too, with exit code 0.
            let _ = err.print();
            return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
        }
    };
    let result = match &cli.command {
        Command::Inspect(args) => inspect::run(args),
        Command::Scrub(args) => scrub::run(args),
        Command::Verify(args) => verify::run(args),
        Command::Check(args) => check::run(args),
        Command::Train(args) => train::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Pending(args) => pending::run_pending(args),
        Command::Review(args) => review::run(args),
        Command::Accept(args) => pending::run_accept(args),
        Command::Reject(args) => pending::run_reject(args),
        Command::Merge(args) => merge::run(args),
        Command::View(args) => view::run(args),
    };
    match result {
        Ok(Status::Success) => ExitCode::SUCCESS,
        Ok(Status::BadTranscript | Status::Sensitive | Status::Failed | Status::Different) => {
            ExitCode::from(1)
        }
        Ok(Status::Usage) => ExitCode::from(2),
        Err(err) if output::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            output::error(output::describe(&err));
            ExitCode::from(1)
        }
    }
}
