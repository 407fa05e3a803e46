//! `reprise check`: evaluate expectations over a transcript, offline.
//!
//! The expectations come from a profile file (`--expectations FILE`, the
//! TOML format of `reprise_expect::Profiles`): each entry of the chosen
//! profile with a `kind` declares an expectation, and the others grade or
//! tune it. A profile written by `reprise train` declares all of its own, so
//! `reprise check rec.jsonl --expectations trained.toml` works as is.
//!
//! The profile is `--profile NAME`, else `REPRISE_PROFILE`, else the file's
//! only profile, else its profile named `default`; anything else is a usage
//! error that lists the profiles the file has.
//!
//! The transcript streams through the engine one event at a time. A line
//! that cannot be read is skipped, reported on stderr with its line number,
//! noted in the report, and makes the exit code 1.
//!
//! Exit status: 0 when no expectation failed (warnings alone pass), 1 when
//! one failed or the transcript had unreadable lines or could not be read,
//! 2 on a usage error: bad arguments, or an expectations file that cannot be
//! read, parsed or applied, or no profile to choose (the message names the
//! file and the line).

use std::io::Write;
use std::path::PathBuf;

use reprise_expect::{Expectations, PROFILE_ENV, Profile, Profiles};
use serde_json::Value;

use crate::Status;
use crate::input::{self, BadLines, plural};
use crate::output;

/// Arguments of `reprise check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The transcript to check (a `.jsonl` file), or `-` for stdin.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The profile file (TOML) declaring the expectations and their grades,
    /// such as one written by `reprise train`.
    #[arg(long, value_name = "TOML")]
    pub expectations: PathBuf,
    /// The profile to apply. Default: the REPRISE_PROFILE environment
    /// variable, else the file's only profile, else its profile named
    /// `default`.
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Print the report as JSON, for tools.
    #[arg(long)]
    pub json: bool,
}

/// Runs `reprise check`.
pub fn run(args: &Args) -> anyhow::Result<Status> {
    let expectations = match expectations(args) {
        Ok(expectations) => expectations,
        Err(err) => {
            output::error(output::describe(&err));
            return Ok(Status::Usage);
        }
    };
    let mut input = input::open(&args.file)?;
    let mut engine = expectations.engine(input.reader.header().component.clone());
    let mut bad = BadLines::default();
    let progress = crate::progress::Progress::events(&format!("checking {}", input.name));
    for (n, item) in input.reader.by_ref().enumerate() {
        if n % 4096 == 0 {
            progress.set(n as u64);
        }
        match item {
            Ok(event) => engine.observe(&event),
            Err(err) => bad.push(&err),
        }
    }
    drop(progress);
    let mut report = engine.finish();
    let mut notes = report.notes().to_vec();
    if input.reader.ending().is_some_and(|e| !e.is_clean()) {
        notes.push("the recording was cut short".to_owned());
    }
    if bad.count > 0 {
        notes.push(format!(
            "{} unreadable {} skipped",
            bad.count,
            plural(bad.count, "line was", "lines were")
        ));
    }
    report = report.with_notes(notes);

    let profile = expectations.profile_name().unwrap_or_default();
    let mut out = output::stdout();
    if args.json {
        let mut json = report.to_json();
        if let Value::Object(map) = &mut json {
            map.insert("transcript".into(), input.name.clone().into());
            map.insert(
                "expectations".into(),
                args.expectations.display().to_string().into(),
            );
            map.insert("profile".into(), profile.into());
        }
        output::json_pretty(&mut out, &json)?;
    } else {
        let count = expectations.ids().count() as u64;
        writeln!(
            out,
            "{}: profile `{profile}` of {}, {count} {}",
            input.name,
            args.expectations.display(),
            plural(count, "expectation", "expectations")
        )?;
        write!(out, "{}", report.to_text())?;
    }
    out.flush()?;
    bad.report(&input.name);
    Ok(if !report.passed() {
        Status::Failed
    } else if bad.count > 0 {
        Status::BadTranscript
    } else {
        Status::Success
    })
}

/// The expectations of the chosen profile of `--expectations`.
fn expectations(args: &Args) -> anyhow::Result<Expectations> {
    let profiles = Profiles::load(&args.expectations)?;
    let profile = choose(&profiles, args)?;
    Ok(Expectations::new().with_profile(profile)?)
}

/// `--profile`, else `REPRISE_PROFILE`, else the only profile, else `default`.
fn choose<'a>(profiles: &'a Profiles, args: &Args) -> anyhow::Result<&'a Profile> {
    if let Some(name) = &args.profile {
        return Ok(profiles.get(name)?);
    }
    if let Some(profile) = profiles.from_env()? {
        return Ok(profile);
    }
    let names: Vec<&str> = profiles.names().collect();
    let file = args.expectations.display();
    match names.as_slice() {
        [only] => Ok(profiles.get(only)?),
        _ if names.contains(&"default") => Ok(profiles.get("default")?),
        [] => {
            anyhow::bail!("{file}: no profile to apply (the file has no `[profiles.NAME]` table)")
        }
        _ => anyhow::bail!(
            "{file}: which profile? it has {}: choose one with --profile NAME or {PROFILE_ENV}",
            names.join(", ")
        ),
    }
}
