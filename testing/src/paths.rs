//! Where pending transcripts live: `<name>.jsonl.new` beside `<name>.jsonl`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The extension a pending transcript adds to its transcript's name.
///
/// ```
/// assert_eq!(reprise::testing::PENDING_SUFFIX, ".new");
/// ```
pub const PENDING_SUFFIX: &str = ".new";

/// The pending transcript of the transcript at `transcript`: the same path
/// with `.new` added.
///
/// ```
/// use std::path::Path;
/// use reprise::testing::pending_path;
/// assert_eq!(pending_path(Path::new("tests/recordings/login.jsonl")), Path::new("tests/recordings/login.jsonl.new"));
/// ```
pub fn pending_path(transcript: &Path) -> PathBuf {
    let mut name = OsString::from(transcript.as_os_str());
    name.push(PENDING_SUFFIX);
    PathBuf::from(name)
}

/// The transcript a pending transcript is for (the path without `.new`),
/// or `None` when `pending` does not end with `.jsonl.new`.
///
/// ```
/// use std::path::Path;
/// use reprise::testing::transcript_path;
/// assert_eq!(transcript_path(Path::new("rec/login.jsonl.new")).as_deref(), Some(Path::new("rec/login.jsonl")));
/// assert_eq!(transcript_path(Path::new("rec/login.jsonl")), None);
/// ```
pub fn transcript_path(pending: &Path) -> Option<PathBuf> {
    let name = pending.file_name()?.to_str()?;
    let stem = name.strip_suffix(PENDING_SUFFIX)?;
    stem.ends_with(".jsonl")
        .then(|| pending.with_file_name(stem))
}

/// Every pending transcript (`*.jsonl.new`) under `dir`, at any depth, in
/// sorted order. Folders named `target` and hidden folders (`.git`) are
/// skipped, as are symbolic links to folders.
///
/// ```
/// use reprise::testing::find_pending;
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir_all(dir.path().join("tests/recordings"))?;
/// std::fs::create_dir_all(dir.path().join("target/debug"))?;
/// std::fs::write(dir.path().join("tests/recordings/login.jsonl.new"), "")?;
/// std::fs::write(dir.path().join("target/debug/copy.jsonl.new"), "")?;
/// std::fs::write(dir.path().join("tests/recordings/login.jsonl"), "")?;
/// let found = find_pending(dir.path())?;
/// assert_eq!(found, [dir.path().join("tests/recordings/login.jsonl.new")]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn find_pending(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut found = Vec::new();
    walk(dir, &mut |path| {
        if transcript_path(path).is_some() {
            found.push(path.to_owned());
        }
    })?;
    found.sort();
    Ok(found)
}

/// Every transcript (`*.jsonl`) under `dir`, at any depth, in sorted order,
/// skipping `target` and hidden folders: what the `recordings` harness
/// makes tests of.
///
/// ```
/// use reprise::testing::find_transcripts;
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir_all(dir.path().join("raft"))?;
/// for name in ["b.jsonl", "a.jsonl", "a.jsonl.new", "notes.txt", "raft/c.jsonl"] {
///     std::fs::write(dir.path().join(name), "")?;
/// }
/// let found = find_transcripts(dir.path())?;
/// assert_eq!(found, ["a.jsonl", "b.jsonl", "raft/c.jsonl"].map(|n| dir.path().join(n)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn find_transcripts(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut found = Vec::new();
    walk(dir, &mut |path| {
        if path.extension().is_some_and(|e| e == "jsonl") {
            found.push(path.to_owned());
        }
    })?;
    found.sort();
    Ok(found)
}

/// The pending transcripts `paths` name: a pending file itself, a
/// transcript (its pending file), or a folder (every pending file under
/// it). No paths means the current folder. A transcript without a pending
/// file is [`Error::NotPending`].
///
/// ```
/// use reprise::testing::pending_in;
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("a.jsonl"), "")?;
/// std::fs::write(dir.path().join("a.jsonl.new"), "")?;
/// std::fs::write(dir.path().join("b.jsonl"), "")?;
/// let a = dir.path().join("a.jsonl.new");
/// assert_eq!(pending_in(&[dir.path().join("a.jsonl")])?, [a.clone()]);
/// assert_eq!(pending_in(&[a.clone(), dir.path().to_owned()])?, [a.clone()]);
/// assert!(pending_in(&[dir.path().join("b.jsonl")]).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn pending_in(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    if paths.is_empty() {
        let found = find_pending(Path::new("."))?;
        return Ok(found
            .into_iter()
            .map(|p| p.strip_prefix(".").map(Path::to_path_buf).unwrap_or(p))
            .collect());
    }
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            out.extend(find_pending(path)?);
        } else if transcript_path(path).is_some() && path.is_file() {
            out.push(path.clone());
        } else {
            let pending = pending_path(path);
            if !pending.is_file() {
                return Err(Error::NotPending { path: path.clone() });
            }
            out.push(pending);
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(p.clone()));
    Ok(out)
}

/// Calls `f` with every file under `dir`, skipping `target`, hidden
/// folders and links to folders.
fn walk(dir: &Path, f: &mut dyn FnMut(&Path)) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(Error::io(dir, "read the folder"))?;
    let mut entries: Vec<_> = entries
        .collect::<Result<_, _>>()
        .map_err(Error::io(dir, "read the folder"))?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let kind = entry
            .file_type()
            .map_err(Error::io(&path, "read the folder"))?;
        let name = entry.file_name();
        if kind.is_dir() {
            let name = name.to_string_lossy();
            if name == "target" || name.starts_with('.') {
                continue;
            }
            walk(&path, f)?;
        } else if kind.is_file() || (kind.is_symlink() && path.is_file()) {
            f(&path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pending_path_round_trips() {
        for name in ["a.jsonl", "dir/b.c.jsonl", "odd name.jsonl"] {
            let path = Path::new(name);
            assert_eq!(transcript_path(&pending_path(path)).as_deref(), Some(path));
        }
    }

    #[test]
    fn only_jsonl_new_is_pending() {
        for name in ["a.new", "a.json.new", "a.jsonl", ".new"] {
            assert_eq!(transcript_path(Path::new(name)), None, "{name}");
        }
    }
}
