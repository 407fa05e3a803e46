//! [`Action`]s on failure and the [`Budget`] they run within.

use std::path::PathBuf;

/// What the recorder does when its live expectations report a new failure.
/// Set with [`RecorderBuilder::on_failure`](crate::RecorderBuilder::on_failure).
///
/// Actions observe only: they never change the component's state, and they
/// run on the recorder's watchdog thread, never on the calling thread.
///
/// Each action taken adds a note to the live report
/// ([`Summary::report`](crate::Summary::report)) saying what it did.
///
/// ```
/// use reprise::recorder::Action;
/// let actions = [Action::DumpFlightRecorder { dir: std::env::temp_dir() }, Action::Checkpoint];
/// assert!(matches!(actions[0], Action::DumpFlightRecorder { .. }));
/// assert_eq!(actions[1], Action::Checkpoint);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Action {
    /// Writes the flight recorder (see
    /// [`RecorderBuilder::flight_recorder`](crate::RecorderBuilder::flight_recorder))
    /// as a transcript in `dir`, named
    /// `<component>-seq<seq>-<expectation id>.jsonl` after the failure.
    ///
    /// A failure is often found while the call at fault still runs (its
    /// deadline passed): the dump then waits for the calls in flight to
    /// return, up to [`DUMP_WAIT`](crate::DUMP_WAIT), so that it holds their
    /// returns and replays to its end; a call still running after that
    /// ends the dump without its return.
    DumpFlightRecorder {
        /// The directory the dumps go to (created if missing).
        dir: PathBuf,
    },
    /// Requests a checkpoint: the recorder cannot serialise the
    /// component's state itself, so it raises a flag that the component
    /// polls at a safe point of its own (the top of its event loop) with
    /// [`Recorder::checkpoint_requested`](crate::Recorder::checkpoint_requested),
    /// and answers with [`Recorder::checkpoint`](crate::Recorder::checkpoint),
    /// which clears it. The checkpoint then restarts the flight recorder's
    /// window, so a later dump starts from a state after the failure.
    ///
    /// Several failures while a request is pending make one request. Each
    /// request counts against
    /// [`Budget::checkpoints_per_hour`]; a failure found only when the
    /// recording finishes can no longer be answered, and is counted as
    /// skipped.
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use reprise::expect::{Expectations, expect};
    /// use reprise::recorder::{Action, Budget, MemorySink, Recorder};
    /// let recorder = Recorder::builder("c")
    ///     .sink(MemorySink::new())
    ///     .expectations(Expectations::new().expect(expect::never(expect::probe("panic")).id("no.panic")))
    ///     .on_failure(Action::Checkpoint, Budget::default())
    ///     .watchdog_interval(Duration::from_millis(1))
    ///     .start(&0)?;
    /// recorder.probe("panic", &serde_json::json!({}));
    /// // The component's event loop: poll at the top, answer with its state.
    /// let deadline = Instant::now() + Duration::from_secs(10);
    /// while !recorder.checkpoint_requested() && Instant::now() < deadline {
    ///     std::thread::sleep(Duration::from_millis(1));
    /// }
    /// recorder.checkpoint(&1);
    /// assert!(!recorder.checkpoint_requested());
    /// let report = recorder.finish()?.report.expect("a report");
    /// assert!(report.notes().iter().any(|n| n == "checkpoint requested for `no.panic` at seq 1"));
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    Checkpoint,
}

/// An operator's limit on what actions may cost. Past it, the recorder
/// stops acting and counts what it skipped
/// ([`Summary::actions_skipped`](crate::Summary::actions_skipped)) and says
/// so in the report's notes.
///
/// The defaults: 6 dumps per hour, 16 MiB per dump, 256 MiB in all, 60
/// checkpoint requests per hour.
///
/// ```
/// use reprise::recorder::Budget;
/// let budget = Budget { dumps_per_hour: 2, ..Budget::default() };
/// assert_eq!((budget.dumps_per_hour, budget.bytes_per_dump), (2, 16 << 20));
/// assert_eq!(budget.checkpoints_per_hour, 60);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Dumps allowed in any sliding hour.
    pub dumps_per_hour: u32,
    /// A dump larger than this is not written (and counted as skipped).
    pub bytes_per_dump: u64,
    /// Bytes all dumps of this recording may write together.
    pub total_bytes: u64,
    /// Checkpoint requests ([`Action::Checkpoint`]) allowed in any sliding
    /// hour. Failures while a request is pending add none.
    ///
    /// ```
    /// use reprise::recorder::Budget;
    /// let budget = Budget { checkpoints_per_hour: 1, ..Budget::default() };
    /// assert_eq!((budget.checkpoints_per_hour, budget.dumps_per_hour), (1, 6));
    /// ```
    pub checkpoints_per_hour: u32,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            dumps_per_hour: 6,
            bytes_per_dump: 16 << 20,
            total_bytes: 256 << 20,
            checkpoints_per_hour: 60,
        }
    }
}

impl Budget {
    /// The budget a profile file sets for this environment
    /// (`[budgets.<profile>]`), with the defaults for any limit it leaves out.
    ///
    /// ```
    /// use reprise::expect::Profiles;
    /// use reprise::recorder::Budget;
    /// let profiles = Profiles::from_str(
    ///     "[profiles.prod]\n[budgets.prod]\ndumps_per_hour = 1\ncheckpoints_per_hour = 4\n",
    ///     "p.toml",
    /// )?;
    /// let budget = Budget::from_profile(profiles.get("prod")?);
    /// assert_eq!((budget.dumps_per_hour, budget.checkpoints_per_hour), (1, 4));
    /// assert_eq!(budget.total_bytes, Budget::default().total_bytes);
    /// # Ok::<(), reprise::expect::ProfileError>(())
    /// ```
    pub fn from_profile(profile: &reprise_expect::Profile) -> Budget {
        let default = Budget::default();
        let Some(set) = profile.budget() else {
            return default;
        };
        Budget {
            dumps_per_hour: set.dumps_per_hour.unwrap_or(default.dumps_per_hour),
            bytes_per_dump: set.bytes_per_dump.unwrap_or(default.bytes_per_dump),
            total_bytes: set.total_bytes.unwrap_or(default.total_bytes),
            checkpoints_per_hour: set
                .checkpoints_per_hour
                .unwrap_or(default.checkpoints_per_hour),
        }
    }
}
