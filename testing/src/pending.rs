//! Pending transcripts: written by `update` mode, accepted or rejected by
//! review, as `cargo insta` does with `.snap.new` files.

use std::collections::HashSet;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use reprise_transcript::{End, Ending, Event, Reader, Writer, encode_line};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::diff::{DiffOptions, Outline, diff};
use crate::error::Error;
use crate::mode::is_ci;
use crate::paths::{pending_path, transcript_path};
use crate::rescrub::{AcceptOptions, Rescrubber, rescrubber};

/// What [`write_pending`] did.
///
/// ```
/// use reprise::testing::PendingWrite;
/// let written = PendingWrite::Written("rec/login.jsonl.new".into());
/// assert_ne!(written, PendingWrite::Unchanged);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PendingWrite {
    /// The update differs from the transcript: it was written at this path,
    /// for review.
    Written(PathBuf),
    /// The update is equivalent to the transcript (see [`diff`]): nothing
    /// was written, and a stale pending file was removed.
    Unchanged,
}

/// Writes `actual`, a whole transcript (JSON Lines) of what the component
/// actually did, as the pending transcript of `transcript` (its path with
/// `.new` added), for review; the transcript itself is never touched.
///
/// This is what `update` mode calls after a replay; the replayer makes
/// `actual`. What it should hold, so that `reprise review` shows the
/// change and accepting it gives a transcript that replays clean:
///
/// - the transcript's header (`component`, `meta`, `sanitizer` section;
///   `created` may be the replay's: it is noise). Accepting re-applies the
///   transcript's own sanitizer settings whatever this header says;
/// - the recorded inputs as recorded: the initial state, every inbound
///   call with its arguments, every return the replay served to an
///   outbound call (payloads equal to the transcript's are kept byte for
///   byte when accepted);
/// - the component's actual outputs: each inbound call's actual return
///   (`ok`, `err`, or the recorded panic), each outbound call it actually
///   made with its actual arguments, its `parent` the inbound call it was
///   made in (the diff scopes calls by it), followed by the return it was
///   served; a call that matched nothing recorded has no return; a
///   recorded call the component did not make is left out;
/// - probes and checkpoints as the replay observed them (or as recorded);
/// - the `end` line when the replay ran to the end. `seq` numbers must be
///   unique and increasing; they need not be the transcript's.
///
/// When `actual` is equivalent to the transcript (no difference but noise),
/// nothing is written and a stale pending file is removed. The file is
/// written whole to a temporary file first, then renamed. In CI nothing is
/// written: [`Error::WriteInCi`].
///
/// ```
/// use reprise::testing::{PendingWrite, is_ci, write_pending};
/// let dir = tempfile::tempdir()?;
/// let transcript = dir.path().join("kv.jsonl");
/// let recorded = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n\
///                 {\"kind\":\"call\",\"seq\":0,\"dir\":\"in\",\"port\":\"api\",\"method\":\"get\",\"args\":{},\"at_ns\":1}\n\
///                 {\"kind\":\"return\",\"seq\":1,\"call\":0,\"ok\":1,\"at_ns\":2}\n";
/// std::fs::write(&transcript, recorded)?;
/// if !is_ci() {
///     assert_eq!(write_pending(&transcript, recorded.as_bytes())?, PendingWrite::Unchanged);
///     let actual = recorded.replace("\"ok\":1", "\"ok\":2");
///     let written = write_pending(&transcript, actual.as_bytes())?;
///     assert_eq!(written, PendingWrite::Written(dir.path().join("kv.jsonl.new")));
///     assert_eq!(std::fs::read_to_string(&transcript)?, recorded, "never overwritten");
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_pending(transcript: &Path, actual: &[u8]) -> Result<PendingWrite, Error> {
    write_pending_in(transcript, actual, is_ci())
}

/// [`write_pending`], told whether this is CI.
pub(crate) fn write_pending_in(
    transcript: &Path,
    actual: &[u8],
    ci: bool,
) -> Result<PendingWrite, Error> {
    let pending = pending_path(transcript);
    if ci {
        return Err(Error::WriteInCi { path: pending });
    }
    let name = pending.display().to_string();
    let reader = Reader::new(actual).map_err(Error::read(&pending))?;
    let updated = Outline::from_reader(&name, reader, &mut |_| {})?;
    if transcript.is_file() {
        let recorded = Outline::read(transcript, &mut |_| {})?;
        if diff(&recorded, &updated, &DiffOptions::new()).is_equivalent() {
            remove_if_present(&pending)?;
            return Ok(PendingWrite::Unchanged);
        }
    }
    write_atomically(&pending, &mut |out| out.write_all(actual))?;
    Ok(PendingWrite::Written(pending))
}

/// What [`accept`] did.
///
/// ```
/// # use reprise::testing::{AcceptOptions, accept};
/// let dir = tempfile::tempdir()?;
/// let header = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n";
/// std::fs::write(dir.path().join("kv.jsonl.new"), header)?;
/// let accepted = accept(&dir.path().join("kv.jsonl.new"), &AcceptOptions::new())?;
/// assert!(accepted.created);
/// assert_eq!(accepted.transcript, dir.path().join("kv.jsonl"));
/// assert_eq!(accepted.scrubbed_payloads, 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Accepted {
    /// The transcript written.
    pub transcript: PathBuf,
    /// The pending transcript it came from, now removed.
    pub pending: PathBuf,
    /// Whether there was no transcript before (a new recording).
    pub created: bool,
    /// Whether the transcript was scrubbed, so the update was scrubbed with
    /// its settings.
    pub rescrubbed: bool,
    /// Payloads (arguments, returns, states, probe fields, header `meta`)
    /// the update changed, so they were checked.
    pub checked_payloads: u64,
    /// Payloads that held something the transcript's rules take, scrubbed
    /// before writing.
    pub scrubbed_payloads: u64,
    /// Values scrubbed in them.
    pub scrubbed_values: u64,
    /// Whether pseudonyms were made with a random key (none was given):
    /// equal to each other within this file only.
    pub random_key: bool,
}

/// Accepts the pending transcript `path` names (the pending file itself,
/// or its transcript): writes it over the transcript and removes it.
///
/// When the transcript was shipped scrubbed (its header or `end` line has
/// a `sanitizer` section), the update is scrubbed with the same settings
/// first, so accepting can never put clear text into it:
///
/// - a payload equal to one of the transcript's (the recorded inputs,
///   outputs that did not change) is kept as shipped;
/// - any other payload is checked with the transcript's rules, as
///   `reprise verify` checks (a pseudonym at a path the transcript says was
///   pseudonymized is not clear text: the component echoes the pseudonyms
///   it was fed), and scrubbed whole if anything in it is sensitive; in
///   allowlist mode, every such payload is scrubbed.
///
/// The new `sanitizer` section keeps the transcript's as `previous`.
/// Rules the header does not hold (custom rules, the allowlist) come from
/// `options`; without them this fails with [`Error::Rescrub`] and writes
/// nothing. An unscrubbed transcript's update is written as it is.
///
/// The transcript is replaced atomically: the new one is written to a
/// temporary file beside it, synced, and renamed over it. A pending file
/// with unreadable lines is refused.
///
/// ```
/// use reprise::testing::{AcceptOptions, accept};
/// let dir = tempfile::tempdir()?;
/// let transcript = dir.path().join("kv.jsonl");
/// std::fs::write(&transcript, "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\",\"sanitizer\":{\"mode\":\"rules\",\"rules\":[{\"name\":\"email\",\"target\":\"detector\",\"action\":\"redact\"}]}}\n")?;
/// std::fs::write(dir.path().join("kv.jsonl.new"), "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n\
///     {\"kind\":\"probe\",\"seq\":0,\"name\":\"login\",\"fields\":{\"who\":\"alice@corp.com\"},\"at_ns\":1}\n")?;
/// let accepted = accept(&transcript, &AcceptOptions::new())?;
/// assert_eq!((accepted.scrubbed_payloads, accepted.scrubbed_values), (1, 1));
/// let text = std::fs::read_to_string(&transcript)?;
/// assert!(!text.contains("alice@corp.com") && text.contains("[redacted:email]"));
/// assert!(!dir.path().join("kv.jsonl.new").exists());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn accept(path: &Path, options: &AcceptOptions) -> Result<Accepted, Error> {
    let (transcript, pending) = resolve(path)?;
    // The pending file must read whole: a hole would be written as a hole.
    check_readable(&pending)?;
    let created = !transcript.exists();
    let original = if created {
        None
    } else {
        Some(Original::read(&transcript)?)
    };
    let rescrubber = match &original {
        Some(o) => rescrubber(&transcript, o.header.as_ref(), o.end.as_ref(), options)?,
        None => None,
    };
    let mut accepted = Accepted {
        transcript: transcript.clone(),
        pending: pending.clone(),
        created,
        rescrubbed: rescrubber.is_some(),
        checked_payloads: 0,
        scrubbed_payloads: 0,
        scrubbed_values: 0,
        random_key: false,
    };
    match (&original, &rescrubber) {
        (Some(original), Some(rescrubber)) => {
            accepted.random_key = rescrubber.random_key;
            write_atomically(&transcript, &mut |out| {
                let mut file = std::fs::File::open(&pending)?;
                rescrub_into(
                    &mut file,
                    &pending,
                    original,
                    rescrubber,
                    out,
                    &mut accepted,
                )
            })?;
        }
        _ => {
            let mut file = std::fs::File::open(&pending).map_err(Error::io(&pending, "open"))?;
            write_atomically(&transcript, &mut |out| {
                std::io::copy(&mut file, out).map(drop)
            })?;
        }
    }
    remove_if_present(&pending)?;
    Ok(accepted)
}

/// Writes `update` (a whole transcript, JSON Lines) to `target`, scrubbed
/// as the transcript `scrubbed_like` (its bytes) was, as [`accept`] scrubs
/// a pending update with its transcript's settings: the scrubbing happens
/// in memory and `target` is written once, atomically, so nothing
/// unscrubbed touches the disk (no pending file, no temporary copy).
/// `target` need not exist and is replaced if it does. In the result,
/// [`Accepted::pending`] is `target` too: there was no pending file.
///
/// ```
/// use reprise::testing::{AcceptOptions, accept_bytes};
/// let dir = tempfile::tempdir()?;
/// let like = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\",\"sanitizer\":{\"mode\":\"rules\",\"rules\":[{\"name\":\"email\",\"target\":\"detector\",\"action\":\"redact\"}]}}\n";
/// let update = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n\
///     {\"kind\":\"probe\",\"seq\":0,\"name\":\"login\",\"fields\":{\"who\":\"alice@corp.com\"},\"at_ns\":1}\n";
/// let target = dir.path().join("kv-case.jsonl");
/// let accepted = accept_bytes(&target, like.as_bytes(), update.as_bytes(), &AcceptOptions::new())?;
/// assert!(accepted.created && accepted.rescrubbed);
/// let text = std::fs::read_to_string(&target)?;
/// assert!(!text.contains("alice@corp.com") && text.contains("[redacted:email]"));
/// assert_eq!(std::fs::read_dir(dir.path())?.count(), 1, "no other file");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn accept_bytes(
    target: &Path,
    scrubbed_like: &[u8],
    update: &[u8],
    options: &AcceptOptions,
) -> Result<Accepted, Error> {
    check_readable_from(update, target)?;
    let original = Original::from_reader(scrubbed_like, target)?;
    let rescrubber = rescrubber(
        target,
        original.header.as_ref(),
        original.end.as_ref(),
        options,
    )?;
    let mut accepted = Accepted {
        transcript: target.to_owned(),
        pending: target.to_owned(),
        created: !target.exists(),
        rescrubbed: rescrubber.is_some(),
        checked_payloads: 0,
        scrubbed_payloads: 0,
        scrubbed_values: 0,
        random_key: false,
    };
    match &rescrubber {
        Some(rescrubber) => {
            accepted.random_key = rescrubber.random_key;
            write_atomically(target, &mut |out| {
                rescrub_into(
                    &mut &update[..],
                    target,
                    &original,
                    rescrubber,
                    out,
                    &mut accepted,
                )
            })?;
        }
        None => write_atomically(target, &mut |out| out.write_all(update))?,
    }
    Ok(accepted)
}

/// Rejects the pending transcript `path` names (the pending file itself,
/// or its transcript): removes it. Returns the file removed.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("kv.jsonl"), "")?;
/// std::fs::write(dir.path().join("kv.jsonl.new"), "")?;
/// let removed = reprise::testing::reject(&dir.path().join("kv.jsonl"))?;
/// assert_eq!(removed, dir.path().join("kv.jsonl.new"));
/// assert!(!removed.exists() && dir.path().join("kv.jsonl").exists());
/// assert!(reprise::testing::reject(&dir.path().join("kv.jsonl")).is_err(), "nothing left to reject");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn reject(path: &Path) -> Result<PathBuf, Error> {
    let (_, pending) = resolve(path)?;
    std::fs::remove_file(&pending).map_err(Error::io(&pending, "remove"))?;
    Ok(pending)
}

/// The transcript and the pending file `path` names, the pending file
/// existing.
fn resolve(path: &Path) -> Result<(PathBuf, PathBuf), Error> {
    let (transcript, pending) = match transcript_path(path) {
        Some(transcript) => (transcript, path.to_owned()),
        None => (path.to_owned(), pending_path(path)),
    };
    if !pending.is_file() {
        return Err(Error::NotPending {
            path: path.to_owned(),
        });
    }
    Ok((transcript, pending))
}

/// Fails on the first line of `path` that cannot be read.
fn check_readable(path: &Path) -> Result<(), Error> {
    let file = std::fs::File::open(path).map_err(Error::io(path, "open"))?;
    check_readable_from(file, path)
}

/// Fails on the first line of `input` (read as `path`) that cannot be read.
fn check_readable_from(input: impl Read, path: &Path) -> Result<(), Error> {
    let mut reader = Reader::new(input).map_err(Error::read(path))?;
    for item in reader.by_ref() {
        item.map_err(Error::read(path))?;
    }
    Ok(())
}

/// What accepting needs of the transcript an update replaces: its
/// `sanitizer` sections and a digest of every payload it holds.
struct Original {
    header: Option<Value>,
    end: Option<Value>,
    payloads: HashSet<[u8; 32]>,
}

impl Original {
    fn read(path: &Path) -> Result<Original, Error> {
        let file = std::fs::File::open(path).map_err(Error::io(path, "open"))?;
        Original::from_reader(file, path)
    }

    /// As [`Original::read`], from `input` read as `path`.
    fn from_reader(input: impl Read, path: &Path) -> Result<Original, Error> {
        let mut reader = Reader::new(input).map_err(Error::read(path))?;
        let mut payloads = HashSet::new();
        payloads.insert(digest("meta", &Value::Object(reader.header().meta.clone())));
        for event in reader.by_ref().flatten() {
            if let Some((root, value)) = payload(&event) {
                payloads.insert(digest(root, value));
            }
        }
        Ok(Original {
            header: reader.header().sanitizer.clone(),
            end: reader.ending().and_then(Ending::sanitizer).cloned(),
            payloads,
        })
    }
}

/// An event's payload and the field that holds it.
fn payload(event: &Event) -> Option<(&'static str, &Value)> {
    match event {
        Event::State(e) => Some(("state", &e.state)),
        Event::Call(e) => Some(("args", &e.args)),
        Event::Return(e) => Some((e.outcome.side(), e.outcome.value())),
        Event::Probe(e) => Some(("fields", &e.fields)),
        Event::End(_) => None,
    }
}

/// A digest of a payload and its field, to tell a payload the update kept
/// from one it changed. Object members are taken in sorted order, so the
/// order they were written in does not matter.
fn digest(root: &str, value: &Value) -> [u8; 32] {
    fn feed(hasher: &mut Sha256, value: &Value) {
        match value {
            Value::Null => hasher.update(b"n"),
            Value::Bool(b) => hasher.update(if *b { b"t" } else { b"f" }),
            Value::Number(n) => {
                hasher.update(b"#");
                hasher.update(n.to_string().as_bytes());
                hasher.update([0]);
            }
            Value::String(s) => {
                hasher.update(b"\"");
                hasher.update((s.len() as u64).to_le_bytes());
                hasher.update(s.as_bytes());
            }
            Value::Array(items) => {
                hasher.update(b"[");
                hasher.update((items.len() as u64).to_le_bytes());
                for item in items {
                    feed(hasher, item);
                }
            }
            Value::Object(map) => {
                hasher.update(b"{");
                hasher.update((map.len() as u64).to_le_bytes());
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                for key in keys {
                    hasher.update((key.len() as u64).to_le_bytes());
                    hasher.update(key.as_bytes());
                    feed(hasher, &map[key]);
                }
            }
        }
    }
    let mut hasher = Sha256::new();
    hasher.update(root.as_bytes());
    hasher.update([0]);
    feed(&mut hasher, value);
    hasher.finalize().into()
}

impl Rescrubber {
    /// Scrubs `value` (the payload under `root`) if the update changed it
    /// and it holds something sensitive; counts in `accepted`.
    fn payload(
        &self,
        root: &str,
        value: &mut Value,
        original: &Original,
        report: &mut reprise_sanitizer::Report,
        accepted: &mut Accepted,
    ) {
        if original.payloads.contains(&digest(root, value)) {
            return;
        }
        accepted.checked_payloads += 1;
        if !self.allowlist {
            let mut findings = Vec::new();
            self.verifier
                .check_value(None, root, value, &self.accepted, &mut findings);
            if findings.is_empty() {
                return;
            }
        }
        let before = report.total();
        self.sanitizer.scrub_value(root, value, report);
        if report.total() > before {
            accepted.scrubbed_payloads += 1;
            accepted.scrubbed_values += report.total() - before;
        }
    }
}

/// Writes the pending transcript `input` (read as `pending`) to `out`,
/// scrubbed as the transcript was.
fn rescrub_into(
    input: &mut dyn Read,
    pending: &Path,
    original: &Original,
    rescrubber: &Rescrubber,
    out: &mut dyn Write,
    accepted: &mut Accepted,
) -> std::io::Result<()> {
    let to_io = |e: Error| std::io::Error::other(e.to_string());
    let mut reader = Reader::new(input).map_err(|e| to_io(Error::read(pending)(e)))?;
    let mut report = rescrubber.sanitizer.report();
    let mut header = reader.header().clone();
    let mut meta = Value::Object(std::mem::take(&mut header.meta));
    rescrubber.payload("meta", &mut meta, original, &mut report, accepted);
    if let Value::Object(map) = meta {
        header.meta = map;
    }
    // The events go to a spool first: the header, written first, says
    // whether anything was scrubbed.
    let dir = pending.parent().filter(|p| !p.as_os_str().is_empty());
    let spool = tempfile::tempfile_in(dir.unwrap_or(Path::new(".")))?;
    let mut events = 0u64;
    let mut spool = std::io::BufWriter::new(spool);
    let mut line = Vec::with_capacity(1024);
    for item in reader.by_ref() {
        let mut event = item.map_err(|e| to_io(Error::read(pending)(e)))?;
        line.clear();
        match &mut event {
            Event::State(e) => {
                rescrubber.payload("state", &mut e.state, original, &mut report, accepted)
            }
            Event::Call(e) => {
                rescrubber.payload("args", &mut e.args, original, &mut report, accepted)
            }
            Event::Probe(e) => {
                rescrubber.payload("fields", &mut e.fields, original, &mut report, accepted)
            }
            Event::Return(e) => {
                // An outcome is changed through its line (`ok`, `err`, or
                // any side a newer format adds), so no side is missed.
                let side = e.outcome.side();
                let mut value = e.outcome.value().clone();
                let before = accepted.scrubbed_payloads;
                rescrubber.payload(side, &mut value, original, &mut report, accepted);
                if accepted.scrubbed_payloads > before {
                    let mut fields = serde_json::to_value(&event)?;
                    fields[side] = value;
                    encode_line(&mut line, &fields)?;
                }
            }
            Event::End(_) => {}
        }
        if line.is_empty() {
            encode_line(&mut line, &event)?;
        }
        spool.write_all(&line)?;
        events += 1;
    }
    let mut spool = spool.into_inner().map_err(|e| e.into_error())?;
    header.sanitizer = if report.total() > 0 {
        report.set_previous(original.header.clone());
        Some(report.to_json())
    } else {
        original.header.clone()
    };
    let mut writer = Writer::new(out);
    writer.header(&header)?;
    spool.seek(SeekFrom::Start(0))?;
    let out = writer.get_mut();
    std::io::copy(&mut spool, out)?;
    if let Some(Ending::Clean { dropped, .. }) = reader.ending() {
        let end = End {
            sanitizer: original.end.clone(),
            ..End::new(events, *dropped)
        };
        line.clear();
        encode_line(&mut line, &end)?;
        out.write_all(&line)?;
    }
    Ok(())
}

/// Writes `path` whole or not at all: to a temporary file beside it,
/// synced, then renamed over it. The file gets the mode a new file gets
/// (the umask applies), or keeps the mode of the file it replaces.
pub(crate) fn write_atomically(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(Error::io(path, "write"))?;
    if let Ok(existing) = std::fs::metadata(path) {
        tmp.as_file()
            .set_permissions(existing.permissions())
            .map_err(Error::io(path, "write"))?;
    }
    {
        let mut out = std::io::BufWriter::with_capacity(64 * 1024, tmp.as_file_mut());
        write(&mut out).map_err(Error::io(path, "write"))?;
        out.flush().map_err(Error::io(path, "write"))?;
    }
    tmp.as_file().sync_all().map_err(Error::io(path, "write"))?;
    tmp.persist(path)
        .map_err(|e| Error::io(path, "write")(e.error))?;
    // The rename itself is durable once the folder is synced; a folder
    // that cannot be opened for that (some platforms) is left as it is.
    if let Ok(dir) = std::fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Removes `path`; a file already gone is not an error.
fn remove_if_present(path: &Path) -> Result<(), Error> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, "remove")(e)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
