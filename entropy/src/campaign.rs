//! [`Campaign`]: many mutated cases of one transcript, each judged, the
//! first failure shrunk by proptest and written as a transcript.

use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};

use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};
use reprise_replayer::{Replay, ReplayBuilder, ReplayError};
use reprise_testing::AcceptOptions;

use crate::error::EntropyError;
use crate::judge::Verdict;
use crate::mutation::Mutation;
use crate::quiet;
use crate::seed;
use crate::strategy::{Mutated, MutationConfig, mutations};
use crate::transcript::Transcript;

/// Cases a campaign runs when neither [`Campaign::cases`] nor
/// `PROPTEST_CASES` says.
///
/// ```
/// assert_eq!(reprise::entropy::DEFAULT_CASES, 64);
/// ```
pub const DEFAULT_CASES: u64 = 64;

/// A fuzz campaign over one real transcript: mutated cases, each replayed
/// and judged by the caller's check; the first failure is shrunk (by
/// proptest, toward the source) and written as a transcript.
///
/// See the [crate docs](crate) for an example.
#[must_use]
pub struct Campaign<'a> {
    source: &'a Transcript,
    config: MutationConfig,
    cases: Option<u64>,
    seed: Option<u64>,
    dir: Option<PathBuf>,
    options: AcceptOptions,
    name: Option<String>,
    quiet: bool,
}

/// One case of a campaign, handed to its check.
///
/// ```
/// use reprise::entropy::{Campaign, Verdict};
/// let source = reprise::entropy::Transcript::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n")?;
/// Campaign::new(&source).seed(5).cases(3).run(|case| {
///     assert!(case.index < 3 && !case.final_run);
///     Ok(Verdict::Passed)
/// })?;
/// # Ok::<(), reprise::entropy::EntropyError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Case {
    /// Its position in the campaign (0 first).
    pub index: u64,
    /// Its seed: `REPRISE_SEED=<seed> PROPTEST_CASES=1` reruns it alone.
    pub seed: u64,
    /// The mutations and the mutated transcript.
    pub mutated: Mutated,
    /// Whether this is the run whose transcript is written: the last run of
    /// a shrunk failing case. [`Case::replay`] captures what the component
    /// does only then; every other case runs without keeping a copy.
    pub final_run: bool,
}

impl Case {
    /// A replay session over the mutated transcript, built by `builder`
    /// (typically [`tolerant`](crate::tolerant)) from the events in memory,
    /// capturing what the component does when this is the
    /// [final run](Case::final_run) (so [`Verdict::fail`] can hand the
    /// failing case's transcript over) and not otherwise.
    ///
    /// ```
    /// use reprise::entropy::{Case, Mutated, Transcript, tolerant};
    /// use reprise::replayer::Replay;
    /// let transcript = Transcript::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n")?;
    /// let mut case = Case { index: 0, seed: 1, mutated: Mutated { mutations: vec![], transcript }, final_run: false };
    /// assert!(case.replay(tolerant(Replay::builder()))?.actual_transcript().is_err());
    /// case.final_run = true;
    /// assert!(case.replay(tolerant(Replay::builder()))?.actual_transcript().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn replay(&self, builder: ReplayBuilder) -> Result<Replay, ReplayError> {
        self.mutated
            .transcript
            .replay(builder.capture(self.final_run))
    }

    /// The mutated transcript as JSON Lines, for `ReplayBuilder::from_str`
    /// ([`Case::replay`] does without the text).
    ///
    /// ```
    /// use reprise::entropy::{Case, Mutated, Transcript};
    /// let transcript = Transcript::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n")?;
    /// let case = Case { index: 0, seed: 1, mutated: Mutated { mutations: vec![], transcript }, final_run: false };
    /// assert!(case.text().starts_with("{\"reprise\":1"));
    /// # Ok::<(), reprise::entropy::EntropyError>(())
    /// ```
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.mutated.transcript.to_bytes()).into_owned()
    }
}

/// The failure a campaign found, shrunk.
///
/// ```
/// use reprise::entropy::{Campaign, Verdict};
/// # let source = reprise::entropy::Transcript::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n{\"seq\":0,\"kind\":\"call\",\"dir\":\"in\",\"port\":\"api\",\"method\":\"put\",\"args\":{\"n\":1}}\n{\"seq\":1,\"kind\":\"return\",\"call\":0,\"ok\":null}\n")?;
/// // Any mutation at all "fails".
/// let report = Campaign::new(&source).seed(3).quiet().run(|case| {
///     Ok(if case.mutated.mutations.is_empty() {
///         Verdict::Passed
///     } else {
///         Verdict::Failed { reason: "mutated".into(), actual: None }
///     })
/// })?;
/// let found = report.failure.expect("a failure");
/// assert_eq!((found.reason.as_str(), found.mutations.len()), ("mutated", 1));
/// assert!(found.rerun.contains(&format!("REPRISE_SEED={}", found.seed)));
/// assert_eq!(found.transcript, None, "nothing written without write_failures_to");
/// # Ok::<(), reprise::entropy::EntropyError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Found {
    /// Which case failed.
    pub case: u64,
    /// Its seed.
    pub seed: u64,
    /// The mutations of the shrunk case.
    pub mutations: Vec<Mutation>,
    /// What failed, as the check said.
    pub reason: String,
    /// Where the case was written, when the campaign writes failures.
    pub transcript: Option<PathBuf>,
    /// The command that reruns this case alone.
    pub rerun: String,
}

/// What a campaign did.
///
/// ```
/// use reprise::entropy::{Campaign, Verdict};
/// # let source = reprise::entropy::Transcript::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n{\"seq\":0,\"kind\":\"call\",\"dir\":\"in\",\"port\":\"api\",\"method\":\"put\",\"args\":{\"n\":1}}\n{\"seq\":1,\"kind\":\"return\",\"call\":0,\"ok\":null}\n")?;
/// let report = Campaign::new(&source).cases(8).seed(42).run(|_| Ok(Verdict::Passed))?;
/// assert_eq!((report.seed, report.cases), (42, 8));
/// assert!(report.failure.is_none());
/// # Ok::<(), reprise::entropy::EntropyError>(())
/// ```
#[derive(Debug, Clone)]
pub struct CampaignReport {
    /// The campaign's seed.
    pub seed: u64,
    /// How many cases ran (the failing one included).
    pub cases: u64,
    /// The first failure, shrunk, if any.
    pub failure: Option<Found>,
}

impl<'a> Campaign<'a> {
    /// A campaign over `source` with every mutation kind, its seed and case
    /// count from the environment, writing failures nowhere.
    ///
    /// ```
    /// use reprise::entropy::{Campaign, Verdict};
    /// # let source = reprise::entropy::Transcript::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n{\"seq\":0,\"kind\":\"call\",\"dir\":\"in\",\"port\":\"api\",\"method\":\"put\",\"args\":{\"n\":1}}\n{\"seq\":1,\"kind\":\"return\",\"call\":0,\"ok\":null}\n")?;
    /// let report = Campaign::new(&source).cases(4).run(|_| Ok(Verdict::Passed))?;
    /// assert_eq!(report.cases, 4);
    /// # Ok::<(), reprise::entropy::EntropyError>(())
    /// ```
    pub fn new(source: &'a Transcript) -> Campaign<'a> {
        Campaign {
            source,
            config: MutationConfig::all(),
            cases: None,
            seed: None,
            dir: None,
            options: AcceptOptions::new(),
            name: None,
            quiet: false,
        }
    }

    /// Which mutations, how many, how far (default [`MutationConfig::all`]).
    ///
    /// ```
    /// use reprise::entropy::{Campaign, Mutation, MutationConfig, MutationKind, Verdict};
    /// # let source = reprise::entropy::Transcript::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n{\"seq\":0,\"kind\":\"call\",\"dir\":\"in\",\"port\":\"api\",\"method\":\"put\",\"args\":{\"n\":1}}\n{\"seq\":1,\"kind\":\"return\",\"call\":0,\"ok\":null}\n")?;
    /// let only_drops = MutationConfig::only(&[MutationKind::Drop]);
    /// let report = Campaign::new(&source).mutations(only_drops).cases(16).seed(1).run(|case| {
    ///     assert!(case.mutated.mutations.iter().all(|m| matches!(m, Mutation::Drop { .. })));
    ///     Ok(Verdict::Passed)
    /// })?;
    /// assert!(report.failure.is_none());
    /// # Ok::<(), reprise::entropy::EntropyError>(())
    /// ```
    pub fn mutations(mut self, config: MutationConfig) -> Self {
        self.config = config;
        self
    }

    /// How many cases; default `PROPTEST_CASES`, else [`DEFAULT_CASES`].
    ///
    /// ```
    /// use std::cell::Cell;
    /// use reprise::entropy::{Campaign, Verdict};
    /// # let source = reprise::entropy::Transcript::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n{\"seq\":0,\"kind\":\"call\",\"dir\":\"in\",\"port\":\"api\",\"method\":\"put\",\"args\":{\"n\":1}}\n{\"seq\":1,\"kind\":\"return\",\"call\":0,\"ok\":null}\n")?;
    /// let ran = Cell::new(0);
    /// Campaign::new(&source).cases(5).run(|_| { ran.set(ran.get() + 1); Ok(Verdict::Passed) })?;
    /// assert_eq!(ran.get(), 5);
    /// # Ok::<(), reprise::entropy::EntropyError>(())
    /// ```
    pub fn cases(mut self, cases: u64) -> Self {
        self.cases = Some(cases);
        self
    }

    /// The campaign's seed; default [`SEED_ENV`](crate::SEED_ENV), else
    /// the clock. The seed is in the report, and printed with a failure.
    ///
    /// ```
    /// use std::cell::RefCell;
    /// use reprise::entropy::{Campaign, Verdict};
    /// # let source = reprise::entropy::Transcript::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n{\"seq\":0,\"kind\":\"call\",\"dir\":\"in\",\"port\":\"api\",\"method\":\"put\",\"args\":{\"n\":1}}\n{\"seq\":1,\"kind\":\"return\",\"call\":0,\"ok\":null}\n")?;
    /// // The same seed, the same cases.
    /// let cases = || {
    ///     let seen = RefCell::new(Vec::new());
    ///     Campaign::new(&source).seed(9).cases(8).run(|case| {
    ///         seen.borrow_mut().push(case.mutated.mutations.clone());
    ///         Ok(Verdict::Passed)
    ///     })?;
    ///     Ok::<_, reprise::entropy::EntropyError>(seen.into_inner())
    /// };
    /// assert_eq!(cases()?, cases()?);
    /// # Ok::<(), reprise::entropy::EntropyError>(())
    /// ```
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// Writes the failing case into `dir` as `<component>-entropy-<seed>.jsonl`.
    ///
    /// ```
    /// use reprise::entropy::{Campaign, Verdict};
    /// # let source = reprise::entropy::Transcript::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n{\"seq\":0,\"kind\":\"call\",\"dir\":\"in\",\"port\":\"api\",\"method\":\"put\",\"args\":{\"n\":1}}\n{\"seq\":1,\"kind\":\"return\",\"call\":0,\"ok\":null}\n")?;
    /// let dir = tempfile::tempdir().map_err(|e| reprise::entropy::EntropyError::Config(e.to_string()))?;
    /// let report = Campaign::new(&source).seed(3).quiet().write_failures_to(dir.path()).run(|case| {
    ///     Ok(if case.mutated.mutations.is_empty() { Verdict::Passed } else {
    ///         Verdict::Failed { reason: "mutated".into(), actual: None }
    ///     })
    /// })?;
    /// let found = report.failure.expect("a failure");
    /// let written = found.transcript.expect("written");
    /// assert_eq!(written, dir.path().join(format!("kv-entropy-{}.jsonl", found.seed)));
    /// assert!(reprise::entropy::Transcript::from_file(&written)?.header().meta.contains_key("entropy"));
    /// # Ok::<(), reprise::entropy::EntropyError>(())
    /// ```
    pub fn write_failures_to(mut self, dir: impl AsRef<Path>) -> Self {
        self.dir = Some(dir.as_ref().to_owned());
        self
    }

    /// What scrubbing a failing case needs that the source's header cannot
    /// hold (custom rules, an allowlist, the pseudonym key); see
    /// `reprise::testing::accept_bytes`.
    ///
    /// ```
    /// use reprise::entropy::{Campaign, Verdict};
    /// use reprise::testing::AcceptOptions;
    /// # let source = reprise::entropy::Transcript::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n{\"seq\":0,\"kind\":\"call\",\"dir\":\"in\",\"port\":\"api\",\"method\":\"put\",\"args\":{\"n\":1}}\n{\"seq\":1,\"kind\":\"return\",\"call\":0,\"ok\":null}\n")?;
    /// let key = reprise::sanitizer::Key::from_bytes(b"the team's pseudonym key", "team")?;
    /// let report = Campaign::new(&source)
    ///     .scrub_options(AcceptOptions::new().pseudonym_key(key))
    ///     .cases(2)
    ///     .run(|_| Ok(Verdict::Passed))?;
    /// assert!(report.failure.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn scrub_options(mut self, options: AcceptOptions) -> Self {
        self.options = options;
        self
    }

    /// The test's name, for the rerun command; default the running
    /// thread's name, which is the test's under `cargo test`.
    ///
    /// ```
    /// use reprise::entropy::{Campaign, Verdict};
    /// # let source = reprise::entropy::Transcript::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n{\"seq\":0,\"kind\":\"call\",\"dir\":\"in\",\"port\":\"api\",\"method\":\"put\",\"args\":{\"n\":1}}\n{\"seq\":1,\"kind\":\"return\",\"call\":0,\"ok\":null}\n")?;
    /// let report = Campaign::new(&source).name("kv_survives_chaos").seed(3).quiet().run(|case| {
    ///     Ok(if case.mutated.mutations.is_empty() { Verdict::Passed } else {
    ///         Verdict::Failed { reason: "mutated".into(), actual: None }
    ///     })
    /// })?;
    /// assert!(report.failure.expect("a failure").rerun.contains("kv_survives_chaos"));
    /// # Ok::<(), reprise::entropy::EntropyError>(())
    /// ```
    pub fn name(mut self, name: &str) -> Self {
        self.name = Some(name.to_owned());
        self
    }

    /// Prints nothing (by default a failure is printed to stderr with the
    /// command that reruns it).
    ///
    /// ```
    /// use reprise::entropy::{Campaign, Verdict};
    /// # let source = reprise::entropy::Transcript::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n{\"seq\":0,\"kind\":\"call\",\"dir\":\"in\",\"port\":\"api\",\"method\":\"put\",\"args\":{\"n\":1}}\n{\"seq\":1,\"kind\":\"return\",\"call\":0,\"ok\":null}\n")?;
    /// // Fails, and prints nothing about it.
    /// let report = Campaign::new(&source).quiet().seed(3).run(|case| {
    ///     Ok(if case.mutated.mutations.is_empty() { Verdict::Passed } else {
    ///         Verdict::Failed { reason: "mutated".into(), actual: None }
    ///     })
    /// })?;
    /// assert!(report.failure.is_some());
    /// # Ok::<(), reprise::entropy::EntropyError>(())
    /// ```
    pub fn quiet(mut self) -> Self {
        self.quiet = true;
        self
    }

    /// Runs the cases in turn, each handed to `check` (which replays the
    /// case, typically through [`tolerant`](crate::tolerant), and judges
    /// it), until one fails; that one is shrunk, written when
    /// [`write_failures_to`](Campaign::write_failures_to) was given, and
    /// reported. An `Err` from `check` (a case that could not be replayed
    /// at all) stops the campaign with that error, unless a failure was
    /// already found: then the failure is reported, shrunk as far as it got,
    /// and a shrinking attempt that errs counts as one that does not fail.
    /// `check` is not called again once it has returned an `Err`, except to
    /// finish shrinking a failure. The first failing run's
    /// panic (if any) is printed as usual; the shrinking reruns' are not.
    ///
    /// ```
    /// use reprise::entropy::{Campaign, EntropyError, MutationConfig, Verdict};
    /// # let source = reprise::entropy::Transcript::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n{\"seq\":0,\"kind\":\"call\",\"dir\":\"in\",\"port\":\"api\",\"method\":\"put\",\"args\":{\"n\":1}}\n{\"seq\":1,\"kind\":\"return\",\"call\":0,\"ok\":null}\n")?;
    /// // A check that cannot replay the case stops the campaign.
    /// let stopped = Campaign::new(&source).cases(4).run(|_| Err(EntropyError::Config("no component".into())));
    /// assert!(matches!(stopped, Err(EntropyError::Config(_))));
    /// // One that never fails runs every case.
    /// let report = Campaign::new(&source).mutations(MutationConfig::delivery()).cases(4).run(|_| Ok(Verdict::Passed))?;
    /// assert_eq!(report.cases, 4);
    /// # Ok::<(), reprise::entropy::EntropyError>(())
    /// ```
    pub fn run<F>(self, check: F) -> Result<CampaignReport, EntropyError>
    where
        F: Fn(&Case) -> Result<Verdict, EntropyError>,
    {
        let seed = match self.seed {
            Some(seed) => seed,
            None => seed::number_from_env(crate::SEED_ENV)
                .map_err(config_error)?
                .unwrap_or_else(seed::from_clock),
        };
        let cases = match self.cases {
            Some(cases) => cases,
            None => seed::number_from_env(seed::CASES_ENV)
                .map_err(config_error)?
                .unwrap_or(DEFAULT_CASES),
        };
        let strategy = mutations(self.source, &self.config);
        let error: RefCell<Option<EntropyError>> = RefCell::new(None);
        // The last reason a genuine failure gave, for when the final run errs.
        let last_reason: RefCell<Option<String>> = RefCell::new(None);
        // Shrinking reruns a failing case many times; its panic is printed
        // once, by the first failing run, not on every attempt.
        let _quiet = quiet::Quiet::install();
        let failed_once = Cell::new(false);
        for index in 0..cases {
            let case_seed = seed::of_case(seed, index);
            let mut runner = TestRunner::new_with_rng(
                Config {
                    cases: 1,
                    failure_persistence: None,
                    max_shrink_iters: 1024,
                    ..Config::default()
                },
                seed::rng(case_seed),
            );
            let test = |mutated: Mutated| {
                // After an error, no more checks: a failure already found
                // stands (this attempt "passes", so proptest's minimal stays
                // a genuine failure); without one, the case fails at once
                // and the campaign stops with the error.
                if error.borrow().is_some() {
                    return if last_reason.borrow().is_some() {
                        Ok(())
                    } else {
                        Err(TestCaseError::fail(
                            "an earlier attempt could not be checked",
                        ))
                    };
                }
                let case = Case {
                    index,
                    seed: case_seed,
                    mutated,
                    final_run: false,
                };
                let verdict = if failed_once.get() {
                    quiet::silently(|| check(&case))
                } else {
                    check(&case)
                };
                if !matches!(verdict, Ok(Verdict::Passed)) {
                    failed_once.set(true);
                }
                match verdict {
                    Ok(Verdict::Passed) => Ok(()),
                    Ok(Verdict::Failed { reason, .. }) => {
                        *last_reason.borrow_mut() = Some(reason.clone());
                        Err(TestCaseError::fail(reason))
                    }
                    Err(e) => {
                        let message = e.to_string();
                        error.borrow_mut().get_or_insert(e);
                        if last_reason.borrow().is_some() {
                            Ok(())
                        } else {
                            Err(TestCaseError::fail(message))
                        }
                    }
                }
            };
            let (why, minimal) = match runner.run(&strategy, test) {
                Ok(()) => continue,
                Err(TestError::Fail(why, minimal)) => (why, minimal),
                Err(TestError::Abort(why)) => {
                    return Err(config_error(format!("proptest stopped: {why}")));
                }
            };
            let found_reason = last_reason.borrow_mut().take();
            let error = error.borrow_mut().take();
            let found_reason = match (found_reason, error) {
                // The failure found wins over a later error.
                (Some(reason), _) => reason,
                (None, Some(e)) => return Err(e),
                // The check panicked: proptest's message says so.
                (None, None) => why.to_string(),
            };
            let case = quiet::silently(|| {
                self.one_minimal(
                    Case {
                        index,
                        seed: case_seed,
                        mutated: minimal,
                        final_run: false,
                    },
                    &check,
                )
            });
            // Once more on the shrunk case, for its reason and transcript:
            // the one run that keeps a copy of what the component did.
            let case = Case {
                final_run: true,
                ..case
            };
            let (reason, actual) = match quiet::silently(|| check(&case)) {
                Ok(Verdict::Failed { reason, actual }) => (reason, actual),
                Ok(Verdict::Passed) => (
                    "the shrunk case failed during shrinking but passed when run again: the check is not deterministic".to_owned(),
                    None,
                ),
                // The failure stands; what the component did is not known.
                Err(e) => (
                    format!("{found_reason}\n(running the shrunk case again could not be checked: {e})"),
                    None,
                ),
            };
            let test_name = self
                .name
                .clone()
                .or_else(|| std::thread::current().name().map(str::to_owned))
                .filter(|n| n != "main");
            let rerun = seed::rerun_command(case_seed, test_name.as_deref());
            let transcript = match &self.dir {
                Some(dir) => Some(crate::write::failure(
                    dir,
                    self.source,
                    &case,
                    &reason,
                    actual.as_deref(),
                    &self.options,
                )?),
                None => None,
            };
            if !self.quiet {
                eprintln!(
                    "reprise entropy: case {index} of campaign seed {seed} failed after {} mutation(s): {}",
                    case.mutated.mutations.len(),
                    reason.lines().next().unwrap_or_default()
                );
                if let Some(path) = &transcript {
                    eprintln!("  written to {}", path.display());
                }
                eprintln!("  rerun it alone: {rerun}");
            }
            return Ok(CampaignReport {
                seed,
                cases: index + 1,
                failure: Some(Found {
                    case: index,
                    seed: case_seed,
                    mutations: case.mutated.mutations,
                    reason,
                    transcript,
                    rerun,
                }),
            });
        }
        if let Some(e) = error.borrow_mut().take() {
            return Err(e);
        }
        Ok(CampaignReport {
            seed,
            cases,
            failure: None,
        })
    }
}

impl Campaign<'_> {
    /// proptest shrinks a list in one pass; this finishes the job: drops
    /// mutations one at a time while the case still fails, until none can go.
    /// A check that errs counts as one that does not fail.
    fn one_minimal<F>(&self, mut case: Case, check: &F) -> Case
    where
        F: Fn(&Case) -> Result<Verdict, EntropyError>,
    {
        let mut i = 0;
        while i < case.mutated.mutations.len() {
            let mut fewer = case.mutated.mutations.clone();
            fewer.remove(i);
            let candidate = Case {
                mutated: Mutated {
                    transcript: self.source.mutated(&fewer),
                    mutations: fewer,
                },
                ..case.clone()
            };
            if check(&candidate).is_ok_and(|v| v.failed()) {
                case = candidate;
                i = 0;
            } else {
                i += 1;
            }
        }
        case
    }
}

fn config_error(message: String) -> EntropyError {
    EntropyError::Config(message)
}
