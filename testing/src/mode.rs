//! Modes: what a replay test does with its transcript, chosen by
//! `REPRISE_MODE`, by `CI`, or in code for a scope.

use std::cell::Cell;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::error::Error;
use crate::paths::pending_path;

/// The environment variable that chooses the mode: `replay` (the default),
/// `record`, `auto` or `update`.
///
/// ```
/// assert_eq!(reprise::testing::MODE_ENV, "REPRISE_MODE");
/// ```
pub const MODE_ENV: &str = "REPRISE_MODE";

/// The environment variable that says the tests run in CI: when it is set
/// (to anything but `""`, `0` or `false`), every mode behaves as `replay`
/// and nothing is written.
///
/// ```
/// assert_eq!(reprise::testing::CI_ENV, "CI");
/// ```
pub const CI_ENV: &str = "CI";

/// What a replay test does with its transcript.
///
/// The mode is [`MODE_ENV`] (`REPRISE_MODE=update cargo test`), or the one
/// bound in code for a scope ([`Mode::bind`], [`Mode::bind_to_thread`]),
/// which wins over the variable. In CI ([`is_ci`]) every mode is `replay`:
/// a missing transcript is an error and nothing is ever written.
///
/// ```
/// use reprise::testing::Mode;
/// assert_eq!("update".parse::<Mode>(), Ok(Mode::Update));
/// assert_eq!(Mode::Auto.to_string(), "auto");
/// assert!("rewind".parse::<Mode>().is_err());
/// assert_eq!(Mode::default(), Mode::Replay);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// Replay the transcript; a missing transcript is an error naming the
    /// path and how to record it. The default.
    #[default]
    Replay,
    /// Run against the real dependencies and (re)write the transcript.
    Record,
    /// Replay when the transcript exists, else record it.
    Auto,
    /// Replay, and write what the component actually did as a pending
    /// `<name>.jsonl.new` beside the transcript, for review; the transcript
    /// itself is never overwritten.
    Update,
}

/// What one test does with one transcript, as [`Mode::plan`] decides from
/// the mode and whether the transcript exists.
///
/// ```
/// use reprise::testing::{Mode, Plan};
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("login.jsonl");
/// assert_eq!(Mode::Auto.plan_for(&path, false)?, Plan::Record(path.clone()));
/// std::fs::write(&path, "")?;
/// assert_eq!(Mode::Auto.plan_for(&path, false)?, Plan::Replay);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Replay the transcript and fail on any divergence.
    Replay,
    /// Record against the real dependencies into this path: the transcript
    /// itself (`record`, `auto`), or its pending file when `update` mode
    /// meets a transcript that does not exist yet, so a new recording is
    /// reviewed like any other change.
    Record(PathBuf),
    /// Replay, then hand what the component actually did to
    /// [`write_pending`](crate::write_pending), which writes it beside the
    /// transcript as `<name>.jsonl.new` unless it is equivalent.
    Update,
}

/// Why `REPRISE_MODE` holds no mode.
///
/// ```
/// let err = "rewind".parse::<reprise::testing::Mode>().unwrap_err();
/// assert_eq!(err.to_string(), "REPRISE_MODE=rewind: not a mode (replay, record, auto or update)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{MODE_ENV}={value}: not a mode (replay, record, auto or update)")]
pub struct ModeError {
    /// The value given.
    pub value: String,
}

thread_local! {
    /// The mode bound in code on this thread, if any.
    static BOUND: Cell<Option<Mode>> = const { Cell::new(None) };
}

impl Mode {
    /// Every mode, in the order the docs list them.
    ///
    /// ```
    /// let names: Vec<&str> = reprise::testing::Mode::ALL.iter().map(|m| m.name()).collect();
    /// assert_eq!(names, ["replay", "record", "auto", "update"]);
    /// ```
    pub const ALL: [Mode; 4] = [Mode::Replay, Mode::Record, Mode::Auto, Mode::Update];

    /// The mode's name, as `REPRISE_MODE` spells it.
    ///
    /// ```
    /// assert_eq!(reprise::testing::Mode::Update.name(), "update");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Mode::Replay => "replay",
            Mode::Record => "record",
            Mode::Auto => "auto",
            Mode::Update => "update",
        }
    }

    /// The mode `REPRISE_MODE` asks for: `replay` when it is unset or
    /// empty, an error when it names no mode. `CI` plays no part here (see
    /// [`Mode::current`]).
    ///
    /// ```
    /// // Unless the variable says otherwise, the mode is `replay`.
    /// if std::env::var_os("REPRISE_MODE").is_none() {
    ///     assert_eq!(reprise::testing::Mode::from_env()?, reprise::testing::Mode::Replay);
    /// }
    /// # Ok::<(), reprise::testing::ModeError>(())
    /// ```
    pub fn from_env() -> Result<Mode, ModeError> {
        match std::env::var(MODE_ENV) {
            Ok(value) => Mode::from_value(&value),
            Err(std::env::VarError::NotPresent) => Ok(Mode::Replay),
            Err(std::env::VarError::NotUnicode(value)) => Err(ModeError {
                value: value.to_string_lossy().into_owned(),
            }),
        }
    }

    /// The mode in force on this thread: the one bound in code
    /// ([`Mode::bind`]), else `REPRISE_MODE`; and `replay` whatever either
    /// says when [`is_ci`], so that CI never writes.
    ///
    /// ```
    /// use reprise::testing::{Mode, is_ci};
    /// let mode = Mode::Update.bind(Mode::current)?;
    /// assert_eq!(mode, if is_ci() { Mode::Replay } else { Mode::Update });
    /// # Ok::<(), reprise::testing::ModeError>(())
    /// ```
    pub fn current() -> Result<Mode, ModeError> {
        let asked = match BOUND.with(Cell::get) {
            Some(mode) => mode,
            None => Mode::from_env()?,
        };
        Ok(asked.in_ci(is_ci()))
    }

    /// This mode, or `replay` when `ci` is true.
    ///
    /// ```
    /// use reprise::testing::Mode;
    /// assert_eq!(Mode::Record.in_ci(true), Mode::Replay);
    /// assert_eq!(Mode::Record.in_ci(false), Mode::Record);
    /// ```
    pub fn in_ci(self, ci: bool) -> Mode {
        if ci { Mode::Replay } else { self }
    }

    /// Runs `f` with this mode bound on the current thread (it wins over
    /// `REPRISE_MODE`, not over `CI`), then restores what was bound before,
    /// even if `f` panics. In the style of insta's `Settings::bind`.
    ///
    /// ```
    /// use reprise::testing::{Mode, is_ci};
    /// let inner = Mode::Auto.bind(|| Mode::Record.bind(Mode::current))?;
    /// assert_eq!(inner, Mode::Record.in_ci(is_ci()));
    /// # Ok::<(), reprise::testing::ModeError>(())
    /// ```
    pub fn bind<R>(self, f: impl FnOnce() -> R) -> R {
        let _guard = self.bind_to_thread();
        f()
    }

    /// Binds this mode on the current thread until the guard is dropped;
    /// dropping it restores what was bound before.
    ///
    /// ```
    /// use reprise::testing::{Mode, is_ci};
    /// let guard = Mode::Update.bind_to_thread();
    /// assert_eq!(Mode::current()?, Mode::Update.in_ci(is_ci()));
    /// drop(guard);
    /// # Ok::<(), reprise::testing::ModeError>(())
    /// ```
    pub fn bind_to_thread(self) -> ModeGuard {
        let previous = BOUND.with(|bound| bound.replace(Some(self)));
        ModeGuard {
            previous,
            _not_send: std::marker::PhantomData,
        }
    }

    /// What a test in this mode does with the transcript at `path`, given
    /// whether it runs in CI ([`Mode::plan`] reads [`is_ci`]): in CI, and in
    /// `replay` mode, a missing transcript is [`Error::MissingTranscript`].
    ///
    /// ```
    /// use reprise::testing::{Error, Mode, Plan};
    /// let dir = tempfile::tempdir()?;
    /// let path = dir.path().join("login.jsonl");
    /// assert!(matches!(Mode::Replay.plan_for(&path, false), Err(Error::MissingTranscript { .. })));
    /// assert_eq!(Mode::Record.plan_for(&path, false)?, Plan::Record(path.clone()));
    /// assert_eq!(Mode::Update.plan_for(&path, false)?, Plan::Record(dir.path().join("login.jsonl.new")));
    /// assert!(matches!(Mode::Record.plan_for(&path, true), Err(Error::MissingTranscript { ci: true, .. })));
    /// std::fs::write(&path, "")?;
    /// assert_eq!(Mode::Update.plan_for(&path, false)?, Plan::Update);
    /// assert_eq!(Mode::Update.plan_for(&path, true)?, Plan::Replay);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn plan_for(self, path: &Path, ci: bool) -> Result<Plan, Error> {
        let exists = path.is_file();
        let mode = self.in_ci(ci);
        match (mode, exists) {
            (Mode::Replay, true) | (Mode::Auto, true) => Ok(Plan::Replay),
            (Mode::Replay, false) => Err(Error::MissingTranscript {
                path: path.to_owned(),
                ci,
            }),
            (Mode::Record, _) | (Mode::Auto, false) => Ok(Plan::Record(path.to_owned())),
            (Mode::Update, true) => Ok(Plan::Update),
            (Mode::Update, false) => Ok(Plan::Record(pending_path(path))),
        }
    }

    /// [`Mode::plan_for`] with [`is_ci`].
    ///
    /// ```
    /// use reprise::testing::{Mode, Plan};
    /// let dir = tempfile::tempdir()?;
    /// let path = dir.path().join("login.jsonl");
    /// std::fs::write(&path, "")?;
    /// assert_eq!(Mode::Replay.plan(&path)?, Plan::Replay);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn plan(self, path: &Path) -> Result<Plan, Error> {
        self.plan_for(path, is_ci())
    }

    fn from_value(value: &str) -> Result<Mode, ModeError> {
        match value.trim() {
            "" => Ok(Mode::Replay),
            other => other.parse(),
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Mode {
    type Err = ModeError;

    fn from_str(s: &str) -> Result<Mode, ModeError> {
        Mode::ALL
            .into_iter()
            .find(|mode| mode.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| ModeError {
                value: s.to_owned(),
            })
    }
}

/// Keeps a mode bound on the current thread (see [`Mode::bind_to_thread`]);
/// dropping it restores what was bound before.
///
/// ```
/// use reprise::testing::{Mode, is_ci};
/// {
///     let _guard = Mode::Record.bind_to_thread();
///     assert_eq!(Mode::current()?, Mode::Record.in_ci(is_ci()));
/// }
/// # Ok::<(), reprise::testing::ModeError>(())
/// ```
#[must_use = "the mode is unbound as soon as the guard is dropped"]
#[derive(Debug)]
pub struct ModeGuard {
    previous: Option<Mode>,
    /// The binding belongs to the thread that made it.
    _not_send: std::marker::PhantomData<*const ()>,
}

impl Drop for ModeGuard {
    fn drop(&mut self) {
        BOUND.with(|bound| bound.set(self.previous));
    }
}

/// Whether the tests run in CI: `CI` is set to anything but `""`, `0` or
/// `false` (case aside). Then every mode is `replay` and nothing is written.
///
/// ```
/// let ci = reprise::testing::is_ci();
/// assert_eq!(ci, std::env::var("CI").is_ok_and(|v| !["", "0", "false"].contains(&v.to_lowercase().as_str())));
/// ```
pub fn is_ci() -> bool {
    std::env::var_os(CI_ENV).is_some_and(|value| ci_value(&value.to_string_lossy()))
}

/// Whether a value of `CI` means "in CI".
fn ci_value(value: &str) -> bool {
    !matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "" | "0" | "false"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ci_values() {
        for (value, ci) in [
            ("true", true),
            ("1", true),
            ("yes", true),
            ("", false),
            ("0", false),
            ("false", false),
            ("FALSE", false),
        ] {
            assert_eq!(ci_value(value), ci, "{value:?}");
        }
    }

    #[test]
    fn modes_parse_case_aside_and_empty_is_replay() {
        assert_eq!(Mode::from_value(""), Ok(Mode::Replay));
        assert_eq!(Mode::from_value(" Update "), Ok(Mode::Update));
        assert_eq!(Mode::from_value("RECORD"), Ok(Mode::Record));
        assert!(Mode::from_value("updat").is_err());
    }

    #[test]
    fn a_binding_is_restored_after_a_panic() {
        let caught = std::panic::catch_unwind(|| Mode::Record.bind(|| panic!("inside")));
        assert!(caught.is_err());
        assert_eq!(BOUND.with(Cell::get), None);
    }

    #[test]
    fn nested_bindings_restore_the_outer_one() {
        Mode::Auto.bind(|| {
            Mode::Update.bind(|| assert_eq!(BOUND.with(Cell::get), Some(Mode::Update)));
            assert_eq!(BOUND.with(Cell::get), Some(Mode::Auto));
        });
        assert_eq!(BOUND.with(Cell::get), None);
    }

    #[test]
    fn every_mode_in_ci_replays_and_never_records() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("gone.jsonl");
        let present = dir.path().join("here.jsonl");
        std::fs::write(&present, "").expect("write");
        for mode in Mode::ALL {
            assert_eq!(mode.plan_for(&present, true).ok(), Some(Plan::Replay));
            assert!(
                matches!(
                    mode.plan_for(&missing, true),
                    Err(Error::MissingTranscript { ci: true, .. })
                ),
                "{mode}"
            );
        }
    }
}
