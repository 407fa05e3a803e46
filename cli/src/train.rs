//! `reprise train`: learn what normal looks like from recordings, and write
//! it as a profile file that `reprise check` uses as is.
//!
//! The recordings stream through `reprise_expect::Trainer` one at a time.
//! The profile declares, per port.method, the call latency (nominal p50,
//! warn after the slowest × margin, fail after twice that) and the calls per
//! second; per probe and numeric field, its range. Its `[provenance]` table
//! says how many recordings and events, of which components, with which
//! margin, and when: `--trained-at`, else the latest `created` header of the
//! recordings (so training the same recordings twice writes the same file),
//! else, when no header has one, the current time.
//!
//! The file is written to a temporary file beside `OUT` and renamed over it
//! when complete; a recording with a line that cannot be read stops the
//! command (naming the file and the line) before anything is written.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use reprise_expect::{CheckError, Expectations, Profiles, Trainer};

use crate::Status;
use crate::input::{self, plural};
use crate::output;

/// Arguments of `reprise train`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The recordings to learn from (`.jsonl` files); `-` reads one from
    /// stdin.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Where to write the profile file, or `-` for stdout.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// How far beyond the observed values the limits go (1 or more).
    #[arg(long, value_name = "FACTOR", default_value = "1.5", value_parser = margin)]
    pub margin: f64,
    /// The name of the profile written.
    #[arg(long, value_name = "NAME", default_value = "trained", value_parser = name)]
    pub name: String,
    /// The time written as `trained_at` in the provenance. Default: the
    /// latest `created` header of the recordings (so the same recordings
    /// give the same file), else the current time.
    #[arg(long, value_name = "TIME")]
    pub trained_at: Option<String>,
    /// Print what was written (the profile, its expectations and what they
    /// were learnt from) as one JSON document, for tools. Needs OUT to be a
    /// file.
    #[arg(long)]
    pub json: bool,
}

fn margin(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(m) if m.is_finite() && m >= 1.0 => Ok(m),
        _ => Err("the margin is a number, 1 or more (such as 1.5)".to_owned()),
    }
}

fn name(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        return Err("the profile name cannot be empty".to_owned());
    }
    Ok(text.to_owned())
}

/// What `reprise train --json` prints.
#[derive(Debug, serde::Serialize)]
pub struct Written<'a> {
    /// The profile's name.
    pub profile: &'a str,
    /// Where it was written.
    pub output: &'a str,
    /// The ids of the expectations it declares.
    pub expectations: &'a [&'a str],
    /// How many are call latencies.
    pub latency: u64,
    /// How many are probe bounds.
    pub bounds: u64,
    /// How many are call rates.
    pub rate: u64,
    /// Recordings learnt from.
    pub recordings: u64,
    /// Events in them.
    pub events: u64,
    /// The margin over the observed values.
    pub margin: f64,
}

/// Runs `reprise train`.
pub fn run(args: &Args) -> anyhow::Result<Status> {
    if args.json && args.output == Path::new("-") {
        output::error(
            "--json prints on stdout, where `-o -` writes the profile: give --output a file",
        );
        return Ok(Status::Usage);
    }
    let mut trainer = Trainer::new().margin(args.margin);
    let mut latest: Option<String> = None;
    for path in &args.files {
        let input = input::open(path)?;
        let created = &input.reader.header().created;
        if !created.is_empty() && latest.as_ref().is_none_or(|l| created > l) {
            latest = Some(created.clone());
        }
        let _progress = crate::progress::Progress::doing(&format!("learning from {}", input.name));
        trainer.add_reader(input.reader).map_err(|err| match err {
            CheckError::Read(err) => anyhow::Error::new(err).context(input.name.clone()),
            other => anyhow::Error::new(other).context(input.name.clone()),
        })?;
    }
    if let Some(when) = args.trained_at.clone().or(latest) {
        trainer = trainer.trained_at(when);
    }
    let toml = trainer.to_profile_toml(&args.name);

    let to_stdout = args.output == Path::new("-");
    let out_name = if to_stdout {
        "<stdout>".to_owned()
    } else {
        args.output.display().to_string()
    };
    // What `reprise check` will read: it must load, and it says what it holds.
    let profiles = Profiles::from_str(&toml, out_name.clone())?;
    let declared = Expectations::new().with_profile(profiles.get(&args.name)?)?;
    let ids: Vec<&str> = declared.ids().collect();
    let events = profiles
        .provenance()
        .and_then(|p| p.get("events"))
        .and_then(|v| v.as_integer())
        .unwrap_or_default()
        .unsigned_abs();

    if to_stdout {
        let mut out = output::stdout();
        out.write_all(toml.as_bytes())?;
        out.flush()?;
    } else {
        output::write_atomically(&args.output, "train", None, |out| {
            out.write_all(toml.as_bytes())
                .with_context(|| format!("{out_name}: cannot write"))
        })?;
    }

    let count = |suffix: &str| ids.iter().filter(|id| id.ends_with(suffix)).count() as u64;
    let (latency, bounds, rate) = (count(".latency"), count(".bounds"), count(".rate"));
    let recordings = args.files.len() as u64;
    if args.json {
        let summary = Written {
            profile: &args.name,
            output: &out_name,
            expectations: &ids,
            latency,
            bounds,
            rate,
            recordings,
            events,
            margin: args.margin,
        };
        let mut out = output::stdout();
        output::json_pretty(&mut out, &summary)?;
        out.flush()?;
        return Ok(Status::Success);
    }
    let summary = format!(
        "wrote profile `{}` to {out_name}: {} {} ({latency} latency, {bounds} bounds, {rate} rate) \
         from {recordings} {} ({events} {}), margin {}\n",
        args.name,
        ids.len(),
        plural(ids.len() as u64, "expectation", "expectations"),
        plural(recordings, "recording", "recordings"),
        plural(events, "event", "events"),
        args.margin,
    );
    if to_stdout {
        let _ = io::stderr().lock().write_all(summary.as_bytes());
    } else {
        let mut out = output::stdout();
        out.write_all(summary.as_bytes())?;
        out.flush()?;
    }
    Ok(Status::Success)
}
