//! [`ActionBudget`]: the operator's limits on failure actions, per profile.

use serde::Deserialize;

/// How much a profile lets failure actions (flight-recorder dumps,
/// checkpoint requests) cost, from the profile file's
/// `[budgets.<profile>]` table. A limit left out keeps the acting crate's
/// default (the recorder's `Budget::default()`); an unknown key is an error.
///
/// The budget lives beside the thresholds because it is the operator's
/// call, per environment: a unit test may dump on every failure, a
/// production host a few times an hour.
///
/// ```
/// use reprise::expect::{ActionBudget, Profiles};
/// let profiles = Profiles::from_str(r#"
/// [profiles.production]
/// [budgets.production]
/// dumps_per_hour = 2
/// bytes_per_dump = 4_194_304
/// checkpoints_per_hour = 12
/// "#, "profiles.toml")?;
/// let budget = profiles.get("production")?.budget();
/// assert_eq!(budget, Some(&ActionBudget {
///     dumps_per_hour: Some(2),
///     bytes_per_dump: Some(4 << 20),
///     total_bytes: None,
///     checkpoints_per_hour: Some(12),
/// }));
/// # Ok::<(), reprise::expect::ProfileError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionBudget {
    /// Dumps allowed in any sliding hour.
    pub dumps_per_hour: Option<u32>,
    /// The largest dump allowed, in bytes.
    pub bytes_per_dump: Option<u64>,
    /// Bytes all dumps of one recording may write together.
    pub total_bytes: Option<u64>,
    /// Checkpoint requests allowed in any sliding hour.
    ///
    /// ```
    /// use reprise::expect::Profiles;
    /// let profiles = Profiles::from_str("[profiles.prod]\n[budgets.prod]\ncheckpoints_per_hour = 1\n", "p.toml")?;
    /// let budget = profiles.get("prod")?.budget().copied().unwrap_or_default();
    /// assert_eq!((budget.checkpoints_per_hour, budget.dumps_per_hour), (Some(1), None));
    /// # Ok::<(), reprise::expect::ProfileError>(())
    /// ```
    pub checkpoints_per_hour: Option<u32>,
}
