//! `reprise scrub`: a copy of a transcript that is safe to send.
//!
//! The rules are the built-in ones plus those of `--rules` (a TOML file, see
//! `reprise_sanitizer::Config`), in allowlist mode with `--allowlist`. The
//! pseudonym key comes from `--key-file`, else from `REPRISE_SANITIZER_KEY`,
//! else it is random for this run (pseudonyms are then stable within this
//! transcript only; a note says so). A rules, allowlist or key file that
//! cannot be used stops the command before anything is written.
//!
//! The transcript streams through: events are scrubbed one at a time into a
//! temporary spool file beside the output, and the output (header with the
//! report first, then the events) is written to a temporary file that is
//! renamed over `OUT` only when complete, so a failed scrub never leaves a
//! half-written or unscrubbed file behind. The temporary file is named
//! `.OUT.reprise-scrub-XXXX.tmp` (so one a kill leaves behind says what it
//! is), takes the mode of the file it replaces (or of the input), and is
//! synced to disk, then its directory after the rename, as a crash-safe
//! writer does. A line that cannot be read is
//! left out (it cannot be scrubbed), reported, and makes the exit code 1.
//!
//! What was scrubbed is printed on stdout (on stderr when the transcript
//! goes to stdout): the scrub report, per generalised path and rule (which
//! is already a summary: it never lists single values). `--json` prints it
//! as one JSON document for tools ([`Summary`]); it needs `OUT` to be a
//! file, as stdout holds the JSON.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use reprise_sanitizer::{Allowlist, Config, KEY_ENV, Key, Sanitizer, SanitizerBuilder};
use serde::Serialize;
use serde_json::Value;

use crate::Status;
use crate::input::{self, BadLines, plural};
use crate::inspect::End;
use crate::output;
use crate::progress::Progress;

/// Arguments of `reprise scrub`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The transcript to scrub (a `.jsonl` file), or `-` for stdin.
    #[arg(value_name = "IN")]
    pub input: PathBuf,
    /// Where to write the scrubbed transcript, or `-` for stdout.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// A TOML rules file; its rules add to the built-in ones unless it says
    /// `defaults = false`.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// A file holding the pseudonym key (16 bytes or more). Default: the
    /// REPRISE_SANITIZER_KEY environment variable, else a random key.
    #[arg(long, value_name = "FILE")]
    pub key_file: Option<PathBuf>,
    /// Allowlist mode: a file of path selectors, one a line; only these stay
    /// in clear, every other string and number is pseudonymized.
    #[arg(long, value_name = "FILE")]
    pub allowlist: Option<PathBuf>,
    /// Print what was scrubbed (the scrub report, events, bad lines and how
    /// the transcript ended) as one JSON document, for tools. Needs OUT to
    /// be a file.
    #[arg(long)]
    pub json: bool,
}

/// What `reprise scrub --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The transcript scrubbed, as named on the command line, or `<stdin>`.
    pub input: String,
    /// The scrubbed transcript written.
    pub output: String,
    /// Events written.
    pub events: u64,
    /// The scrub report, as written in the output's header: the active
    /// rules, and per generalised path and rule, the action and how many
    /// values; never a value.
    pub report: Value,
    /// Lines that could not be read, left out of the output.
    pub bad_lines: BadLines,
    /// How the input ended (the output ends the same way).
    pub ending: End,
}

/// The rules of `--rules` (with the built-in ones unless it says otherwise).
pub fn rules(path: Option<&Path>) -> anyhow::Result<SanitizerBuilder> {
    Ok(match path {
        Some(path) => Config::from_file(path)?.builder(),
        None => SanitizerBuilder::default(),
    })
}

/// Builds the sanitizer the arguments describe.
fn sanitizer(
    rules: Option<&Path>,
    key_file: Option<&Path>,
    allowlist: Option<&Path>,
) -> anyhow::Result<Sanitizer> {
    let mut builder = self::rules(rules)?;
    if let Some(path) = allowlist {
        builder = builder.allowlist(Allowlist::from_file(path)?);
    }
    let key = match key_file {
        Some(path) => Some(Key::from_file(path)?),
        None => Key::from_env(KEY_ENV)?,
    };
    match key {
        Some(key) => builder = builder.pseudonym_key(key),
        None => output::note(format_args!(
            "no pseudonym key given (--key-file or {KEY_ENV}): using a random one, \
             so pseudonyms are stable within this transcript only"
        )),
    }
    Ok(builder.build()?)
}

/// Runs `reprise scrub`.
pub fn run(args: &Args) -> anyhow::Result<Status> {
    if args.json && args.output == Path::new("-") {
        output::error(
            "--json prints on stdout, where `-o -` writes the transcript: \
             give --output a file",
        );
        return Ok(Status::Usage);
    }
    let sanitizer = sanitizer(
        args.rules.as_deref(),
        args.key_file.as_deref(),
        args.allowlist.as_deref(),
    )?;
    let input = input::open(&args.input)?;
    let to_stdout = args.output == Path::new("-");
    let out_name = if to_stdout {
        "<stdout>".to_owned()
    } else {
        args.output.display().to_string()
    };
    let dir = match args.output.parent() {
        Some(p) if !to_stdout && !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let spool = tempfile::tempfile_in(&dir)
        .with_context(|| format!("{}: cannot create a temporary file", dir.display()))?;

    let progress = Progress::events(&format!("scrubbing {}", input.name));
    // Every core scrubs; the output is the same bytes whatever their number.
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let scrubbed = if to_stdout {
        let mut out = output::stdout();
        let done =
            sanitizer.scrub_transcript_on(threads, input.reader, spool, &mut out, &mut |n| {
                progress.set(n)
            })?;
        out.flush()?;
        done
    } else {
        // The file keeps the mode of the one it replaces, else the input's.
        output::write_atomically(&args.output, "scrub", Some(&args.input), |out| {
            sanitizer
                .scrub_transcript_on(threads, input.reader, spool, out, &mut |n| progress.set(n))
                .with_context(|| out_name.clone())
        })?
    };
    drop(progress);

    let mut bad = BadLines::default();
    for err in &scrubbed.first_errors {
        bad.push(err);
    }
    bad.count = scrubbed.bad_lines;

    if args.json {
        let summary = Summary {
            input: input.name.clone(),
            output: out_name.clone(),
            events: scrubbed.events,
            report: scrubbed.report.to_json(),
            bad_lines: bad.clone(),
            ending: End::from(scrubbed.ending.as_ref()),
        };
        let mut out = output::stdout();
        output::json_pretty(&mut out, &summary)?;
        out.flush()?;
        return Ok(finish(&bad, &input.name, &out_name));
    }
    let summary = format!(
        "scrubbed {} {} from {} into {out_name}\n{}",
        scrubbed.events,
        plural(scrubbed.events, "event", "events"),
        input.name,
        scrubbed.report.render()
    );
    if to_stdout {
        let _ = io::stderr().lock().write_all(summary.as_bytes());
    } else {
        let mut out = output::stdout();
        out.write_all(summary.as_bytes())?;
        out.flush()?;
    }
    Ok(finish(&bad, &input.name, &out_name))
}

/// Reports the bad lines of `name` left out of `out_name` on stderr, and
/// says how the command went.
fn finish(bad: &BadLines, name: &str, out_name: &str) -> Status {
    bad.report(name);
    if bad.count == 0 {
        return Status::Success;
    }
    output::error(format_args!(
        "{name}: {} unreadable {} left out of {out_name}",
        bad.count,
        plural(bad.count, "line", "lines")
    ));
    Status::BadTranscript
}
