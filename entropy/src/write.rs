//! Writing a failing case as an ordinary transcript, scrubbed as its source.

use std::path::{Path, PathBuf};

use reprise_testing::{AcceptOptions, accept_bytes};
use serde_json::json;

use crate::campaign::Case;
use crate::error::EntropyError;
use crate::layout;
use crate::transcript::Transcript;

/// Writes `case` into `dir` as `<component>-entropy-<seed>.jsonl`: what the
/// component did in it (`actual`, when the check captured it) or else the
/// mutated input, with `meta.entropy` saying where it came from, scrubbed
/// with the source's settings. Returns the path.
pub(crate) fn failure(
    dir: &Path,
    source: &Transcript,
    case: &Case,
    reason: &str,
    actual: Option<&[u8]>,
    options: &AcceptOptions,
) -> Result<PathBuf, EntropyError> {
    let mut transcript = match actual {
        Some(bytes) => {
            let read = Transcript::from_bytes(bytes, "<actual transcript>")?;
            // Renumbered, and time made to run forward where a model served.
            read.with_units(layout::units(&read))
        }
        None => case.mutated.transcript.clone(),
    };
    // The header is the source's, with the mutation that produced the case.
    transcript.header = source.header.clone();
    transcript.header.meta.insert(
        "entropy".to_owned(),
        json!({
            "source": Path::new(&source.source).file_name().map(|n| n.to_string_lossy().into_owned()),
            "case": case.index,
            "seed": case.seed,
            "mutations": case.mutated.mutations,
            "finding": reason.lines().next().unwrap_or_default(),
        }),
    );
    // It is complete: what the component did, from the first event to the last.
    transcript.end = Some((0, None));
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| EntropyError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let name = format!(
        "{}-entropy-{}.jsonl",
        file_safe(&source.header.component),
        case.seed
    );
    let path = dir.join(name);
    // Scrubbed in memory with the source's settings, then written once,
    // atomically: nothing unscrubbed touches the disk.
    accept_bytes(&path, &source.to_bytes(), &transcript.to_bytes(), options)?;
    Ok(path)
}

/// `name` with anything but letters, digits, `-` and `_` made `_`.
fn file_safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
