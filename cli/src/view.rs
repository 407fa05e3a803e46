//! `reprise view`: transcripts, merged or not, as one self-contained HTML
//! timeline (see `reprise_view::Timeline` for what the page shows and its
//! limits).
//!
//! `--report [NODE=]REPORT.json` overlays a replay's divergence report or a
//! check report (`--json` output, `Report::to_json`): its findings' seqs are
//! the node's own seqs when NODE is given (the view of a merged file), else
//! the seqs of the first file. The page is written to a temporary file
//! beside `OUT` and renamed over it when complete.

use std::fs::File;
use std::io::{BufReader, Write};
use std::path::PathBuf;

use anyhow::Context;
use reprise_view::{Input, Overlay, Timeline};

use crate::Status;
use crate::output;

/// Arguments of `reprise view`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The transcripts (`.jsonl` files, merged or not).
    #[arg(value_name = "FILE", required = true)]
    pub inputs: Vec<PathBuf>,
    /// Where to write the page (`timeline.html`).
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// A report to overlay (the JSON of a replay or of `reprise check
    /// --json`); `NODE=REPORT.json` when its seqs are those of one node of
    /// a merged file. May be given several times.
    #[arg(long, value_name = "[NODE=]REPORT")]
    pub report: Vec<String>,
    /// The page's title. Default: the first file's name.
    #[arg(long)]
    pub title: Option<String>,
}

/// Runs `reprise view`.
pub fn run(args: &Args) -> anyhow::Result<Status> {
    let title = args.title.clone().unwrap_or_else(|| {
        args.inputs
            .first()
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    });
    let mut timeline = Timeline::new(title);
    for spec in &args.report {
        let (node, path) = match spec.split_once('=') {
            Some((node, path)) if !node.is_empty() && !node.contains('/') => {
                (Some(node.to_owned()), path)
            }
            _ => (None, spec.as_str()),
        };
        let text = std::fs::read_to_string(path).with_context(|| format!("{path}: cannot read"))?;
        timeline = timeline.overlay(Overlay::from_json(path, node, &text)?);
    }
    let mut inputs = Vec::with_capacity(args.inputs.len());
    for path in &args.inputs {
        let file = path.display().to_string();
        let handle = File::open(path).with_context(|| format!("{file}: cannot open"))?;
        inputs.push(Input {
            file,
            reader: BufReader::with_capacity(64 * 1024, handle),
        });
    }
    let summary = output::write_atomically(&args.output, "view", None, |out| {
        Ok(timeline.write(inputs, out)?)
    })?;
    let mut out = output::stdout();
    writeln!(
        out,
        "wrote {}: {} event{}",
        args.output.display(),
        summary.events,
        if summary.events == 1 { "" } else { "s" }
    )?;
    out.flush()?;
    for problem in &summary.problems {
        output::error(problem);
    }
    Ok(if summary.problems.is_empty() {
        Status::Success
    } else {
        Status::BadTranscript
    })
}
