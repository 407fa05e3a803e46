//! `reprise`, the command line of the reprise record-and-replay framework.
//!
//! Each subcommand lives in its own module and returns a [`Status`]; this
//! file only parses the arguments and turns the outcome into an exit code.
//! The CLI is the only part of reprise that knows about terminals: the
//! libraries return data and text, and the CLI decides where it goes.
//!
//! Exit codes: 0 success (a transcript that was cut short is not a failure),
//! 1 a bad transcript or an I/O error (and, for `verify`, something
//! sensitive found), 2 a usage error. A closed stdout
//! (`reprise inspect --pretty big.jsonl | head`) ends the command quietly
//! with 0.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod input;
mod inspect;
mod output;
mod pretty;
mod scrub;
mod verify;

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
}

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
    };
    match result {
        Ok(Status::Success) => ExitCode::SUCCESS,
        Ok(Status::BadTranscript | Status::Sensitive) => ExitCode::from(1),
        Err(err) if output::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            output::error(output::describe(&err));
            ExitCode::from(1)
        }
    }
}
