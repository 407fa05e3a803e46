//! One test per recording: every transcript under a folder becomes its own
//! named test, found at run time, through libtest-mimic.
//!
//! A `[[test]]` target with `harness = false` calls [`recordings`] from its
//! `main`; each `*.jsonl` under the folder becomes a trial named after the
//! file (`consensus-view-change.jsonl` is `consensus_view_change`, a file in
//! a subfolder `raft/leader-lost.jsonl` is `raft::leader_lost`). So `cargo
//! test consensus_view_change` runs one, a new file needs no new code,
//! `cargo test -- --list` lists them, and `cargo nextest run --partition`
//! shards them like any other test.

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use libtest_mimic::{Arguments, Conclusion, Failed, Trial};

use crate::error::Error;
use crate::mode::{Mode, Plan};
use crate::paths::{find_transcripts, pending_path};
use crate::pending::{PendingWrite, write_pending};

/// One recording, as its test sees it: where it is, the test's name, and
/// the mode the tests run in.
///
/// ```
/// use reprise::testing::{Mode, Recording};
/// let recording = Recording::new("tests/recordings/raft/leader-lost.jsonl", "raft::leader_lost", Mode::Replay);
/// assert_eq!(recording.name(), "raft::leader_lost");
/// assert_eq!(recording.pending_path().to_str(), Some("tests/recordings/raft/leader-lost.jsonl.new"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recording {
    path: PathBuf,
    name: String,
    mode: Mode,
}

impl Recording {
    /// A recording at `path`, tested as `name` in `mode` (the harness makes
    /// these; tests of a test function can too).
    ///
    /// ```
    /// let r = reprise::testing::Recording::new("a.jsonl", "a", reprise::testing::Mode::Update);
    /// assert_eq!(r.mode(), reprise::testing::Mode::Update);
    /// ```
    pub fn new(path: impl Into<PathBuf>, name: impl Into<String>, mode: Mode) -> Recording {
        Recording {
            path: path.into(),
            name: name.into(),
            mode,
        }
    }

    /// The transcript.
    ///
    /// ```
    /// let r = reprise::testing::Recording::new("a.jsonl", "a", Default::default());
    /// assert_eq!(r.path(), std::path::Path::new("a.jsonl"));
    /// ```
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The test's name.
    ///
    /// ```
    /// let r = reprise::testing::Recording::new("a-b.jsonl", "a_b", Default::default());
    /// assert_eq!(r.name(), "a_b");
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The mode in force when the tests were listed ([`Mode::current`]:
    /// `replay` in CI).
    ///
    /// ```
    /// let r = reprise::testing::Recording::new("a.jsonl", "a", reprise::testing::Mode::Auto);
    /// assert_eq!(r.mode(), reprise::testing::Mode::Auto);
    /// ```
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// What to do with this recording in its mode ([`Mode::plan`]): replay
    /// it, re-record it, or replay it and write the update.
    ///
    /// ```
    /// use reprise::testing::{Mode, Plan, Recording};
    /// let dir = tempfile::tempdir()?;
    /// let path = dir.path().join("a.jsonl");
    /// std::fs::write(&path, "")?;
    /// assert_eq!(Recording::new(&path, "a", Mode::Replay).plan()?, Plan::Replay);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn plan(&self) -> Result<Plan, Error> {
        self.mode.plan(&self.path)
    }

    /// The pending transcript's path: the transcript's with `.new` added.
    ///
    /// ```
    /// let r = reprise::testing::Recording::new("a.jsonl", "a", Default::default());
    /// assert_eq!(r.pending_path(), std::path::Path::new("a.jsonl.new"));
    /// ```
    pub fn pending_path(&self) -> PathBuf {
        pending_path(&self.path)
    }

    /// Writes `actual`, the transcript of what the component did, as this
    /// recording's pending transcript ([`write_pending`]).
    ///
    /// ```
    /// use reprise::testing::{Mode, PendingWrite, Recording, is_ci};
    /// let dir = tempfile::tempdir()?;
    /// let path = dir.path().join("a.jsonl");
    /// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n";
    /// std::fs::write(&path, text)?;
    /// if !is_ci() {
    ///     let written = Recording::new(&path, "a", Mode::Update).write_pending(text.as_bytes())?;
    ///     assert_eq!(written, PendingWrite::Unchanged);
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_pending(&self, actual: &[u8]) -> Result<PendingWrite, Error> {
        write_pending(&self.path, actual)
    }
}

/// The test a recording runs.
type Test = dyn Fn(&Recording) -> Result<(), Failed> + Send + Sync;

/// The tests of every recording under a folder; see [`recordings`].
///
/// ```
/// let tests = reprise::testing::recordings("tests/recordings", |_| Ok(())).prefix("replay");
/// # let _ = tests;
/// ```
#[must_use = "nothing runs until `run` or `main` is called"]
pub struct Recordings {
    dir: PathBuf,
    prefix: Option<String>,
    test: Arc<Test>,
}

impl std::fmt::Debug for Recordings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recordings")
            .field("dir", &self.dir)
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

/// One test per transcript (`*.jsonl`, at any depth) under `dir`, each
/// running `test` on its [`Recording`]. Call it from the `main` of a test
/// target declared with `harness = false`:
///
/// ```toml
/// [[test]]
/// name = "recordings"
/// harness = false
/// ```
///
/// ```no_run
/// // tests/recordings.rs
/// use reprise::testing::{Plan, recordings};
///
/// fn main() {
///     recordings("tests/recordings", |recording| {
///         match recording.plan()? {
///             Plan::Replay => { /* replay recording.path(), fail on a divergence */ }
///             Plan::Update => { /* replay, then recording.write_pending(&actual)? */ }
///             Plan::Record(_path) => { /* run against the real dependencies */ }
///         }
///         Ok(())
///     })
///     .main();
/// }
/// ```
///
/// A relative `dir` is relative to the package (`cargo test` runs tests
/// there). Test names are the file's path under `dir` without `.jsonl`,
/// folders joined by `::`, every character other than a letter, a digit or
/// `_` made `_`. Two files that would make one name, or a folder that
/// cannot be read, make a single failing test that says so.
///
/// ```
/// use reprise::testing::{Arguments, recordings};
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("view-change.jsonl"), "")?;
/// std::fs::write(dir.path().join("crash.jsonl"), "")?;
/// let trials = recordings(dir.path(), |recording| {
///     if recording.name() == "crash" { Err("diverged".into()) } else { Ok(()) }
/// })
/// .trials()?;
/// assert_eq!(trials.iter().map(|t| t.name()).collect::<Vec<_>>(), ["crash", "view_change"]);
///
/// let args = Arguments { test_threads: Some(1), quiet: true, ..Arguments::default() };
/// let conclusion = reprise::testing::run_trials(&args, trials);
/// assert_eq!((conclusion.num_passed, conclusion.num_failed), (1, 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn recordings<F>(dir: impl Into<PathBuf>, test: F) -> Recordings
where
    F: Fn(&Recording) -> Result<(), Failed> + Send + Sync + 'static,
{
    Recordings {
        dir: dir.into(),
        prefix: None,
        test: Arc::new(test),
    }
}

impl Recordings {
    /// Puts `prefix::` before every test name (default: nothing), to run
    /// the same recordings through two tests in one target.
    ///
    /// ```
    /// let dir = tempfile::tempdir()?;
    /// std::fs::write(dir.path().join("a.jsonl"), "")?;
    /// let trials = reprise::testing::recordings(dir.path(), |_| Ok(())).prefix("fixed").trials()?;
    /// assert_eq!(trials[0].name(), "fixed::a");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn prefix(mut self, prefix: &str) -> Recordings {
        self.prefix = Some(prefix.to_owned());
        self
    }

    /// The trials, one per transcript, in the mode in force now
    /// ([`Mode::current`]); add them to other trials to run them together.
    ///
    /// ```
    /// let dir = tempfile::tempdir()?;
    /// assert!(reprise::testing::recordings(dir.path(), |_| Ok(())).trials()?.is_empty());
    /// assert!(reprise::testing::recordings(dir.path().join("none"), |_| Ok(())).trials().is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn trials(&self) -> Result<Vec<Trial>, Error> {
        let mode = Mode::current()?;
        let mut named: Vec<(String, PathBuf)> = Vec::new();
        for path in find_transcripts(&self.dir)? {
            let name = self.name(&path);
            if let Some((_, first)) = named.iter().find(|(n, _)| *n == name) {
                return Err(Error::DuplicateTest {
                    name,
                    first: first.clone(),
                    second: path,
                });
            }
            named.push((name, path));
        }
        Ok(named
            .into_iter()
            .map(|(name, path)| {
                let recording = Recording::new(path, name.clone(), mode);
                let test = Arc::clone(&self.test);
                Trial::test(name, move || test(&recording))
            })
            .collect())
    }

    /// Runs the trials with the command line's arguments (`cargo test
    /// NAME`, `--list`, `--exact`, `--test-threads`, ...) and says how it
    /// went. When the trials cannot be made, a single failing trial named
    /// after the folder says why.
    ///
    /// ```no_run
    /// let conclusion = reprise::testing::recordings("tests/recordings", |_| Ok(())).run();
    /// conclusion.exit_if_failed();
    /// ```
    pub fn run(self) -> Conclusion {
        self.run_with(&Arguments::from_args())
    }

    /// [`Recordings::run`] with these arguments.
    ///
    /// ```
    /// use reprise::testing::{Arguments, recordings};
    /// let dir = tempfile::tempdir()?;
    /// let args = Arguments { quiet: true, ..Arguments::default() };
    /// let conclusion = recordings(dir.path().join("missing"), |_| Ok(())).run_with(&args);
    /// assert_eq!(conclusion.num_failed, 1, "the folder cannot be read");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn run_with(self, args: &Arguments) -> Conclusion {
        let trials = match self.trials() {
            Ok(trials) => trials,
            Err(err) => {
                let message = err.to_string();
                let name = self
                    .prefix
                    .clone()
                    .unwrap_or_else(|| "recordings".to_owned());
                vec![Trial::test(name, move || Err(message.into()))]
            }
        };
        run_trials(args, trials)
    }

    /// Runs the trials with the command line's arguments and exits the
    /// process with libtest's exit code: what a test target's `main` ends
    /// with.
    ///
    /// ```no_run
    /// // The whole `main` of a `harness = false` test target:
    /// reprise::testing::recordings("tests/recordings", |recording| {
    ///     reprise::replayer::Replay::from_file(recording.path())?;
    ///     Ok(())
    /// })
    /// .main();
    /// ```
    pub fn main(self) -> ! {
        self.run().exit()
    }

    /// The test name of the transcript at `path`.
    fn name(&self, path: &Path) -> String {
        let relative = path.strip_prefix(&self.dir).unwrap_or(path);
        let mut parts: Vec<String> = self.prefix.iter().cloned().collect();
        let components: Vec<_> = relative.components().collect();
        for (i, component) in components.iter().enumerate() {
            let text = component.as_os_str().to_string_lossy();
            let text = if i + 1 == components.len() {
                text.strip_suffix(".jsonl").unwrap_or(&text).to_owned()
            } else {
                text.into_owned()
            };
            parts.push(identifier(&text));
        }
        parts.join("::")
    }
}

/// `text` with every character other than an ASCII letter, digit or `_`
/// made `_`.
fn identifier(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Runs `trials` with `args` (libtest-mimic's `run`).
///
/// ```
/// use reprise::testing::{Arguments, Trial, run_trials};
/// let args = Arguments { quiet: true, ..Arguments::default() };
/// let conclusion = run_trials(&args, vec![Trial::test("ok", || Ok(()))]);
/// assert_eq!(conclusion.num_passed, 1);
/// ```
pub fn run_trials(args: &Arguments, trials: Vec<Trial>) -> Conclusion {
    libtest_mimic::run(args, trials)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_files_and_folders() {
        let tests = recordings("rec", |_| Ok(()));
        for (path, name) in [
            (
                "rec/consensus-view-change-race.jsonl",
                "consensus_view_change_race",
            ),
            ("rec/raft/leader lost.jsonl", "raft::leader_lost"),
            ("rec/v1.2.jsonl", "v1_2"),
        ] {
            assert_eq!(tests.name(Path::new(path)), name);
        }
        let tests = tests.prefix("fixed");
        assert_eq!(tests.name(Path::new("rec/a.jsonl")), "fixed::a");
    }

    #[test]
    fn two_files_with_one_name_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("a-b.jsonl"), "").expect("write");
        std::fs::write(dir.path().join("a_b.jsonl"), "").expect("write");
        let err = recordings(dir.path(), |_| Ok(()))
            .trials()
            .expect_err("a duplicate");
        assert!(
            err.to_string()
                .ends_with("both make the test `a_b`: rename one"),
            "{err}"
        );
    }
}
