//! `reprise diff A B`: what changed between two transcripts, structurally.
//!
//! The transcripts are aligned by inbound call, then by port and method
//! (not by line), and compared as JSON (see `reprise_testing::diff`): the
//! first difference is the headline, then each difference with the JSON
//! paths where the two disagree and the value on each side. Noise (`at_ns`,
//! `created`, `recorder`, sanitizer reports) is left out unless `--noise`;
//! `--ignore PATH` leaves out more (ids, timestamps).
//!
//! Exit status, as diff(1): 0 equivalent, 1 different, 2 bad input (a file
//! that cannot be read, is not a transcript or has a line that cannot be
//! read, or a bad `--ignore` selector).

use std::io::Write;
use std::path::{Path, PathBuf};

use reprise_testing::{DiffOptions, Outline};

use crate::Status;
use crate::output;
use crate::progress::Progress;

/// Arguments of `reprise diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The first transcript (the expected one, such as the recorded
    /// transcript), or `-` for stdin.
    #[arg(value_name = "A")]
    pub a: PathBuf,
    /// The second transcript (such as its pending update), or `-` for
    /// stdin.
    #[arg(value_name = "B")]
    pub b: PathBuf,
    /// Leave out differences at this JSON path and below, in the event
    /// line: `$.args.request_id`, `$.ok.token`, `$..trace_id`. Repeatable.
    #[arg(long, value_name = "PATH")]
    pub ignore: Vec<String>,
    /// Compare noise too: each call's and probe's `at_ns`, the header's
    /// `created` and `recorder`.
    #[arg(long)]
    pub noise: bool,
    /// Print the differences as JSON, for tools.
    #[arg(long)]
    pub json: bool,
}

/// The diff options of `--ignore` and `--noise`; a bad selector is
/// reported and is a usage error.
pub fn options(ignore: &[String], noise: bool) -> Result<DiffOptions, Status> {
    let mut options = DiffOptions::new().noise(noise);
    for selector in ignore {
        options = options.ignore(selector).map_err(|err| {
            output::error(format_args!("--ignore {selector}: {err}"));
            Status::Usage
        })?;
    }
    Ok(options)
}

/// Reads the transcript at `path` (stdin for `-`), with a progress count
/// on a terminal.
pub fn read(path: &Path) -> Result<Outline, reprise_testing::Error> {
    let progress = Progress::events(&format!("reading {}", path.display()));
    if path == Path::new("-") {
        let name = "<stdin>";
        let reader = reprise_transcript::Reader::from_buf_read(std::io::stdin().lock()).map_err(
            |source| reprise_testing::Error::Read {
                path: name.into(),
                source,
            },
        )?;
        return Outline::from_reader(name, reader, &mut |n| progress.set(n));
    }
    Outline::read(path, &mut |n| progress.set(n))
}

/// Runs `reprise diff`.
pub fn run(args: &Args) -> anyhow::Result<Status> {
    let options = match options(&args.ignore, args.noise) {
        Ok(options) => options,
        Err(status) => return Ok(status),
    };
    if args.a == Path::new("-") && args.b == Path::new("-") {
        output::error("only one of A and B can be `-` (stdin)");
        return Ok(Status::Usage);
    }
    let (a, b) = match read(&args.a).and_then(|a| Ok((a, read(&args.b)?))) {
        Ok(both) => both,
        Err(err) => {
            output::error(err);
            return Ok(Status::Usage);
        }
    };
    let diff = reprise_testing::diff(&a, &b, &options);
    let mut out = output::stdout();
    if args.json {
        output::json_pretty(&mut out, &diff)?;
    } else {
        out.write_all(diff.to_text().as_bytes())?;
    }
    out.flush()?;
    Ok(if diff.is_equivalent() {
        Status::Success
    } else {
        Status::Different
    })
}
