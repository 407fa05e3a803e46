//! What a mutated case is judged by: a tolerant replay, its panics and
//! failed expectations graded by the `fuzz` profile, and the caller's own
//! checks.

use reprise_expect::{Expectations, FindingKind, ProfileError, Profiles, Report};
use reprise_replayer::{Replay, ReplayBuilder};

/// The verdict on one case: passed, or failed with a reason and, when the
/// case was replayed with capture, what the component did in it.
///
/// ```
/// use reprise::entropy::Verdict;
/// let failed = Verdict::Failed { reason: "invariant broken".into(), actual: None };
/// assert!(failed.failed() && !Verdict::Passed.failed());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing failed.
    Passed,
    /// Something failed.
    Failed {
        /// What failed, for people.
        reason: String,
        /// The replay's actual transcript (JSON Lines), if it was captured:
        /// written as the failing case instead of the mutated input.
        actual: Option<Vec<u8>>,
    },
}

impl Verdict {
    /// A failure found by the caller's own check (a node's invariant
    /// error, a probe out of bounds), with what the component did in the
    /// case when `replay` captured it.
    ///
    /// ```
    /// use reprise::entropy::{Verdict, tolerant};
    /// use reprise::replayer::Replay;
    /// let replay = tolerant(Replay::builder()).capture(true).from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n")?;
    /// let verdict = Verdict::fail(&replay, "committed entries differ");
    /// assert!(matches!(verdict, Verdict::Failed { actual: Some(_), .. }));
    /// # Ok::<(), reprise::replayer::ReplayError>(())
    /// ```
    pub fn fail(replay: &Replay, reason: impl Into<String>) -> Verdict {
        Verdict::Failed {
            reason: reason.into(),
            actual: replay.actual_transcript().ok(),
        }
    }

    /// Whether it failed.
    ///
    /// ```
    /// assert!(!reprise::entropy::Verdict::Passed.failed());
    /// ```
    pub fn failed(&self) -> bool {
        matches!(self, Verdict::Failed { .. })
    }

    /// This verdict, or `other` if this one passed.
    ///
    /// ```
    /// use reprise::entropy::Verdict;
    /// let failed = Verdict::Failed { reason: "x".into(), actual: None };
    /// assert_eq!(Verdict::Passed.or(failed.clone()), failed);
    /// ```
    pub fn or(self, other: Verdict) -> Verdict {
        match self {
            Verdict::Passed => other,
            failed => failed,
        }
    }
}

/// `builder` set up for a mutated case: [tolerant](ReplayBuilder::tolerant)
/// (divergences passed over, unmatched calls served), going on past
/// findings, and accepting gaps (a flight-recorder dump). It does not
/// capture what the component does: [`Case::replay`](crate::Case::replay)
/// turns capture on for the final run of a failing case only, the one
/// whose transcript is written (keeping a copy on every case cost a
/// campaign time for nothing).
///
/// ```
/// use reprise::entropy::tolerant;
/// use reprise::replayer::Replay;
/// let replay = tolerant(Replay::builder()).from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n")?;
/// assert!(replay.actual_transcript().is_err(), "keeps no copy");
/// # Ok::<(), reprise::replayer::ReplayError>(())
/// ```
pub fn tolerant(builder: ReplayBuilder) -> ReplayBuilder {
    builder.tolerant(true).stop_at_first(false).allow_gaps(true)
}

/// Judges a tolerant replay's report: a panic in the component or an
/// expectation that failed (at severity `fail`: graded by the profile, see
/// [`fuzz_graded`]) fails the case. Divergences from the recording are
/// what a mutation is for, and were passed over; an error of the driver's
/// closure (a perturbed message that no longer decodes) is an input the
/// component never gets, not a failure of it.
///
/// ```
/// use reprise::entropy::{Verdict, judge, tolerant};
/// use reprise::replayer::{Outcome, Replay};
/// let replay = tolerant(Replay::builder()).from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"seq":0,"kind":"call","dir":"in","port":"api","method":"div","args":{"by":0}}
/// {"seq":1,"kind":"return","call":0,"ok":0}
/// "#)?;
/// let report = replay.drive(|call| {
///     let by: u64 = call.arg("by")?;
///     Ok(Outcome::ok(&(10 / by))?)
/// });
/// let Verdict::Failed { reason, .. } = judge(&replay, &report) else { panic!("a panic") };
/// assert!(reason.contains("divide by zero"), "{reason}");
///
/// // The same call, dividing by two: nothing panics, the case passes.
/// let replay = tolerant(Replay::builder()).from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"seq":0,"kind":"call","dir":"in","port":"api","method":"div","args":{"by":2}}
/// {"seq":1,"kind":"return","call":0,"ok":5}
/// "#)?;
/// let report = replay.drive(|call| {
///     let by: u64 = call.arg("by")?;
///     Ok(Outcome::ok(&(10 / by))?)
/// });
/// assert_eq!(judge(&replay, &report), Verdict::Passed);
/// # Ok::<(), reprise::replayer::ReplayError>(())
/// ```
pub fn judge(replay: &Replay, report: &Report) -> Verdict {
    let failed: Vec<String> = report
        .findings()
        .iter()
        .filter(|f| {
            f.is_failure() && matches!(f.kind, FindingKind::Panic | FindingKind::ExpectationFailed)
        })
        .map(|f| f.to_text().trim_end().to_owned())
        .collect();
    if failed.is_empty() {
        Verdict::Passed
    } else {
        Verdict::fail(replay, failed.join("\n"))
    }
}

/// `expectations` graded for a campaign: by the profile `REPRISE_PROFILE`
/// names when it is set, else by the `fuzz` profile of `profiles` if it has
/// one, else as declared.
///
/// ```
/// use reprise::entropy::fuzz_graded;
/// use reprise::expect::{Expectations, Profiles, expect, expect::secs};
/// let profiles = Profiles::from_str("[profiles.fuzz]\n\"storage.append.latency\" = { severity = \"warn\" }\n", "profiles.toml")?;
/// let expectations = Expectations::new()
///     .expect(expect::call_latency("storage", "append").fail_after(secs(1)));
/// let graded = fuzz_graded(expectations, &profiles)?;
/// # let _ = graded;
/// # Ok::<(), reprise::expect::ProfileError>(())
/// ```
pub fn fuzz_graded(
    expectations: Expectations,
    profiles: &Profiles,
) -> Result<Expectations, ProfileError> {
    if let Some(profile) = profiles.from_env()? {
        return expectations.with_profile(profile);
    }
    if profiles.names().any(|n| n == "fuzz") {
        return expectations.with_profile(profiles.get("fuzz")?);
    }
    Ok(expectations)
}
