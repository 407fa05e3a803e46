//! `reprise merge`: the transcripts of a cluster's nodes as one causal
//! timeline (see `reprise_view::Merge` for how events are ordered and what
//! memory it needs).
//!
//! The merged transcript is written to a temporary file beside `OUT` and
//! renamed over it only when complete. What was merged is printed on stdout:
//! counts, then every unmatched send and receive (never only a count);
//! `--json` prints the same as one JSON document. A bad line of an input is
//! skipped, named with its file and line, and makes the exit code 1.

use std::fs::File;
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use reprise_view::{Correlation, Input, Merge, Summary, Unmatched};
use serde::Serialize;

use crate::Status;
use crate::output;

/// Arguments of `reprise merge`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The nodes' transcripts (`.jsonl` files), one per node.
    #[arg(value_name = "NODE", required = true)]
    pub inputs: Vec<PathBuf>,
    /// Where to write the merged transcript.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// How a send is paired with its receive:
    /// `PORT.METHOD(KEY, ...) -> PORT.METHOD(KEY, ...)`, the outbound send
    /// on the left, the inbound receive on the right, each KEY a JSON path
    /// into the call's `args`, `port`, `method` or `task` (`$.args.msg.id`)
    /// or `@node`, optionally labelled
    /// (`from=@node`). Example: `network.send(from=@node, to=$.args.to,
    /// seq=$.args.msg.seq) -> api.on_message(from=$.args.from, to=@node,
    /// seq=$.args.msg.seq)`.
    #[arg(long, value_name = "SPEC")]
    pub correlate: String,
    /// The header `meta` key that names a node; a transcript without it is
    /// named by its file's name.
    #[arg(long, value_name = "KEY", default_value = "node")]
    pub node_key: String,
    /// Print what was merged as one JSON document, for tools.
    #[arg(long)]
    pub json: bool,
}

/// What `reprise merge --json` prints.
#[derive(Debug, Serialize)]
struct Report<'a> {
    output: String,
    #[serde(flatten)]
    summary: &'a Summary,
    problems: Vec<String>,
}

/// Runs `reprise merge`.
pub fn run(args: &Args) -> anyhow::Result<Status> {
    let correlation: Correlation = match args.correlate.parse() {
        Ok(c) => c,
        Err(e) => {
            output::error(format!("--correlate: {e}"));
            return Ok(Status::Usage);
        }
    };
    let mut inputs = Vec::with_capacity(args.inputs.len());
    for path in &args.inputs {
        let file = path.display().to_string();
        let handle = File::open(path).with_context(|| format!("{file}: cannot open"))?;
        inputs.push(Input {
            file,
            reader: BufReader::with_capacity(64 * 1024, handle),
        });
    }
    let merge = Merge::new(correlation.clone()).node_key(&args.node_key);
    let summary = output::write_atomically(&args.output, "merge", None, |out| {
        Ok(merge.run(inputs, out)?)
    })?;
    let mut out = output::stdout();
    if args.json {
        let report = Report {
            output: args.output.display().to_string(),
            summary: &summary,
            problems: summary.problems.iter().map(ToString::to_string).collect(),
        };
        output::json_pretty(&mut out, &report)?;
    } else {
        print_summary(&mut out, &args.output, &summary)?;
    }
    out.flush()?;
    for warning in side_warnings(&correlation, &summary) {
        output::warning(warning);
    }
    for problem in &summary.problems {
        output::error(problem);
    }
    Ok(if summary.problems.is_empty() {
        Status::Success
    } else {
        Status::BadTranscript
    })
}

fn print_summary(out: &mut impl Write, path: &Path, summary: &Summary) -> std::io::Result<()> {
    writeln!(
        out,
        "merged {} ({}) into {}: {}, {} matched",
        count(summary.nodes.len() as u64, "node"),
        summary.nodes.join(", "),
        path.display(),
        count(summary.events, "event"),
        count(summary.matched, "message"),
    )?;
    let lists = [
        (
            "unmatched send",
            "lost, or its receiver's transcript not given",
            &summary.unmatched_sends,
        ),
        (
            "unmatched receive",
            "its sender's transcript not given, or the correlation does not fit",
            &summary.unmatched_receives,
        ),
    ];
    for (what, why, list) in lists {
        if list.is_empty() {
            continue;
        }
        writeln!(out, "{} ({why}):", count(list.len() as u64, what))?;
        for Unmatched {
            seq,
            node,
            node_seq,
        } in list
        {
            writeln!(out, "  #{seq}  node {node} seq {node_seq}")?;
        }
    }
    if !summary.cut_short.is_empty() {
        writeln!(
            out,
            "cut short (no end line): node {}",
            summary.cut_short.join(", ")
        )?;
    }
    Ok(())
}

/// A warning for each side of the correlation that matched no call: a typo
/// in a port, method or path pairs nothing (never a value, only counts and
/// the correlation as given).
fn side_warnings(correlation: &Correlation, summary: &Summary) -> Vec<String> {
    let sides = [
        (
            "send",
            "outbound",
            correlation.send(),
            summary.matched + summary.unmatched_sends.len() as u64,
            summary.unkeyed_sends,
        ),
        (
            "receive",
            "inbound",
            correlation.receive(),
            summary.matched + summary.unmatched_receives.len() as u64,
            summary.unkeyed_receives,
        ),
    ];
    sides
        .into_iter()
        .filter(|(_, _, _, keyed, _)| *keyed == 0)
        .map(|(what, dir, side, _, unkeyed)| {
            let call = format!("{dir} {}.{}", side.port, side.method);
            if unkeyed == 0 {
                format!("--correlate: no {what} matched `{side}`: no {call} call in the inputs")
            } else {
                format!(
                    "--correlate: no {what} matched `{side}`: {} had none of the key's paths, so none was paired",
                    count(unkeyed, &format!("{call} call"))
                )
            }
        })
        .collect()
}

/// `n` and the noun, plural unless `n` is 1 (`1 node`, `3 nodes`).
fn count(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
