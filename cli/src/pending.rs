//! `reprise pending`, `reprise accept` and `reprise reject`: the pending
//! transcripts (`<name>.jsonl.new`) that `update` mode writes beside their
//! transcripts, listed, accepted or rejected without asking (`reprise
//! review` asks).
//!
//! Paths name a pending file, a transcript (its pending file) or a folder
//! (every pending file under it); none means the current folder. Folders
//! are searched at any depth, skipping `target/` and hidden folders.
//!
//! Accepting writes the pending transcript over its transcript atomically
//! and removes it. When the transcript was shipped scrubbed, what the update
//! changed is scrubbed with the transcript's own settings first (see
//! `reprise_testing::accept`): the built-in rules from its header, custom
//! rules from `--rules`, the allowlist from `--allowlist`, new pseudonyms
//! keyed by `--key-file` or `REPRISE_SANITIZER_KEY` (else a random key, and
//! a note says so). Settings the header names but that are not given stop
//! that file's accept, and nothing is written for it.
//!
//! Exit status: 0 success, 1 a path with nothing pending, or a file that
//! could not be accepted or rejected (the others still are).

use std::io::Write;
use std::path::{Path, PathBuf};

use reprise_sanitizer::{Allowlist, Config, KEY_ENV, Key};
use reprise_testing::{AcceptOptions, Accepted, find_pending, pending_in, transcript_path};
use serde::Serialize;

use crate::Status;
use crate::input::plural;
use crate::output;
use crate::progress::Progress;

/// Arguments of `reprise pending`.
#[derive(Debug, clap::Args)]
pub struct PendingArgs {
    /// The folder to search, at any depth (skipping `target/` and hidden
    /// folders). Default: the current folder.
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// Print the list as JSON, for tools.
    #[arg(long)]
    pub json: bool,
}

/// What accepting needs when a transcript was shipped scrubbed.
#[derive(Debug, Clone, clap::Args)]
pub struct ScrubArgs {
    /// The rules file the transcripts were scrubbed with, for their custom
    /// rules (the built-in ones are named in their header).
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// The allowlist of transcripts scrubbed in allowlist mode.
    #[arg(long, value_name = "FILE")]
    pub allowlist: Option<PathBuf>,
    /// A file holding the pseudonym key for values an update adds. Default:
    /// the REPRISE_SANITIZER_KEY environment variable, else a random key.
    #[arg(long, value_name = "FILE")]
    pub key_file: Option<PathBuf>,
}

/// Arguments of `reprise accept`.
#[derive(Debug, clap::Args)]
pub struct AcceptArgs {
    /// Pending files, transcripts or folders. Default: every pending file
    /// under the current folder.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub scrub: ScrubArgs,
    /// Print what was accepted as JSON, for tools.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `reprise reject`.
#[derive(Debug, clap::Args)]
pub struct RejectArgs {
    /// Pending files, transcripts or folders. Default: every pending file
    /// under the current folder.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print what was rejected as JSON, for tools.
    #[arg(long)]
    pub json: bool,
}

/// One pending transcript, as `reprise pending --json` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Listed {
    /// The pending file.
    pub pending: String,
    /// The transcript it would replace.
    pub transcript: String,
    /// Whether the transcript does not exist yet (a new recording).
    pub new: bool,
}

/// What happened to one pending transcript, as `accept --json`, `reject
/// --json` and `review --json` print it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// The pending file.
    pub pending: String,
    /// Its transcript.
    pub transcript: String,
    /// `accepted`, `rejected`, `skipped` or `failed`.
    pub decision: &'static str,
    /// What went wrong, when it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// For an accepted update of a scrubbed transcript: payloads checked,
    /// payloads scrubbed, values scrubbed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rescrubbed: Option<Rescrubbed>,
}

/// What accepting scrubbed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rescrubbed {
    /// Payloads the update changed, checked with the transcript's rules.
    pub checked_payloads: u64,
    /// Those that held something sensitive, scrubbed.
    pub scrubbed_payloads: u64,
    /// Values scrubbed in them.
    pub scrubbed_values: u64,
    /// Whether new pseudonyms were made with a random key.
    pub random_key: bool,
}

/// What `reprise pending --json` prints.
#[derive(Debug, Serialize)]
pub struct List<'a> {
    /// The pending transcripts, in path order.
    pub pending: &'a [Listed],
}

/// What `reprise accept --json`, `reject --json` and `review --json` print.
#[derive(Debug, Serialize)]
pub struct Outcomes<'a> {
    /// One per pending transcript, in path order.
    pub outcomes: &'a [Outcome],
}

/// A path as the user sees it: without a leading `./`.
pub fn shown(path: &Path) -> String {
    let path = path.strip_prefix(".").unwrap_or(path);
    path.display().to_string()
}

/// Runs `reprise pending`.
pub fn run_pending(args: &PendingArgs) -> anyhow::Result<Status> {
    let listed: Vec<Listed> = find_pending(&args.dir)?
        .into_iter()
        .map(|pending| {
            let transcript = transcript_path(&pending).unwrap_or_default();
            Listed {
                new: !transcript.exists(),
                pending: shown(&pending),
                transcript: shown(&transcript),
            }
        })
        .collect();
    let mut out = output::stdout();
    if args.json {
        output::json_pretty(&mut out, &List { pending: &listed })?;
    } else if listed.is_empty() {
        writeln!(out, "no pending transcripts under {}", args.dir.display())?;
    } else {
        for item in &listed {
            let new = if item.new { " (new transcript)" } else { "" };
            writeln!(out, "{}{new}", item.pending)?;
        }
        let n = listed.len() as u64;
        writeln!(
            out,
            "{n} pending {}: `reprise review` to see and decide",
            plural(n, "transcript", "transcripts")
        )?;
    }
    out.flush()?;
    Ok(Status::Success)
}

impl ScrubArgs {
    /// The accept options these arguments give.
    pub fn options(&self) -> anyhow::Result<AcceptOptions> {
        let mut options = AcceptOptions::new();
        if let Some(path) = &self.rules {
            options = options.rules(Config::from_file(path)?);
        }
        if let Some(path) = &self.allowlist {
            options = options.allowlist(Allowlist::from_file(path)?);
        }
        let key = match &self.key_file {
            Some(path) => Some(Key::from_file(path)?),
            None => Key::from_env(KEY_ENV)?,
        };
        if let Some(key) = key {
            options = options.pseudonym_key(key);
        }
        Ok(options)
    }
}

/// Accepts the pending file `pending`, saying so on stderr when a
/// terminal; never fails (a failure is the outcome).
pub fn accept_one(pending: &Path, options: &AcceptOptions) -> Outcome {
    let transcript = transcript_path(pending).unwrap_or_default();
    let progress = Progress::doing(&format!("accepting {}", shown(pending)));
    let result = reprise_testing::accept(pending, options);
    drop(progress);
    let mut outcome = Outcome {
        pending: shown(pending),
        transcript: shown(&transcript),
        decision: "accepted",
        error: None,
        rescrubbed: None,
    };
    match result {
        Ok(accepted) => outcome.rescrubbed = rescrubbed(&accepted),
        Err(err) => {
            outcome.decision = "failed";
            outcome.error = Some(err.to_string());
        }
    }
    outcome
}

fn rescrubbed(accepted: &Accepted) -> Option<Rescrubbed> {
    accepted.rescrubbed.then_some(Rescrubbed {
        checked_payloads: accepted.checked_payloads,
        scrubbed_payloads: accepted.scrubbed_payloads,
        scrubbed_values: accepted.scrubbed_values,
        random_key: accepted.random_key,
    })
}

/// Rejects the pending file `pending`; never fails (a failure is the
/// outcome).
pub fn reject_one(pending: &Path) -> Outcome {
    let transcript = transcript_path(pending).unwrap_or_default();
    let error = reprise_testing::reject(pending)
        .err()
        .map(|e| e.to_string());
    Outcome {
        pending: shown(pending),
        transcript: shown(&transcript),
        decision: if error.is_some() {
            "failed"
        } else {
            "rejected"
        },
        error,
        rescrubbed: None,
    }
}

/// The line that says what happened to one pending file.
pub fn describe(outcome: &Outcome) -> String {
    match outcome.decision {
        "accepted" => {
            let mut line = format!("accepted {} -> {}", outcome.pending, outcome.transcript);
            if let Some(r) = &outcome.rescrubbed {
                line.push_str(&format!(
                    " (scrubbed as shipped: {} of {} changed {} held something sensitive, {} {} scrubbed)",
                    r.scrubbed_payloads,
                    r.checked_payloads,
                    plural(r.checked_payloads, "payload", "payloads"),
                    r.scrubbed_values,
                    plural(r.scrubbed_values, "value", "values"),
                ));
            }
            line
        }
        "rejected" => format!("rejected {}", outcome.pending),
        "skipped" => format!("skipped {}", outcome.pending),
        _ => outcome.error.clone().unwrap_or_default(),
    }
}

/// The note to give when new pseudonyms were made with a random key.
pub fn random_key_note(outcomes: &[Outcome]) {
    if outcomes.iter().any(|o| {
        o.rescrubbed
            .as_ref()
            .is_some_and(|r| r.random_key && r.scrubbed_values > 0)
    }) {
        output::note(format_args!(
            "no pseudonym key given (--key-file or {KEY_ENV}): values the updates added \
             were pseudonymized with a random one, stable within each file only"
        ));
    }
}

/// Prints `outcomes` (text, or JSON under `key`) and says how it went.
fn finish(outcomes: &[Outcome], json: bool) -> anyhow::Result<Status> {
    let mut out = output::stdout();
    if json {
        output::json_pretty(&mut out, &Outcomes { outcomes })?;
    } else {
        for outcome in outcomes {
            if outcome.decision == "failed" {
                output::error(describe(outcome));
            } else {
                writeln!(out, "{}", describe(outcome))?;
            }
        }
        if outcomes.is_empty() {
            writeln!(out, "no pending transcripts")?;
        }
    }
    out.flush()?;
    random_key_note(outcomes);
    Ok(if outcomes.iter().any(|o| o.decision == "failed") {
        Status::Failed
    } else {
        Status::Success
    })
}

/// Runs `reprise accept`.
pub fn run_accept(args: &AcceptArgs) -> anyhow::Result<Status> {
    let options = args.scrub.options()?;
    let pending = pending_in(&args.paths)?;
    let outcomes: Vec<Outcome> = pending.iter().map(|p| accept_one(p, &options)).collect();
    finish(&outcomes, args.json)
}

/// Runs `reprise reject`.
pub fn run_reject(args: &RejectArgs) -> anyhow::Result<Status> {
    let pending = pending_in(&args.paths)?;
    let outcomes: Vec<Outcome> = pending.iter().map(|p| reject_one(p)).collect();
    finish(&outcomes, args.json)
}
