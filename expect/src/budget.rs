//! [`ActionBudget`]: the operator's limits on failure actions, per profile.

use serde::Deserialize;

/// How much a profile lets failure actions (flight-recorder dumps) cost,
/// from the profile file's `[budgets.<profile>]` table. A limit left out
/// keeps the acting crate's default (the recorder's `Budget::default()`).
///
/// The budget lives beside the thresholds because it is the operator's
/// call, per environment: a unit test may dump on every failure, a
/// production host a few times an hour.
///
/// ```
/// use reprise_expect::{ActionBudget, Profiles};
/// let profiles = Profiles::from_str(r#"
/// [profiles.production]
/// [budgets.production]
/// dumps_per_hour = 2
/// bytes_per_dump = 4_194_304
/// "#, "profiles.toml")?;
/// let budget = profiles.get("production")?.budget();
/// assert_eq!(budget, Some(&ActionBudget { dumps_per_hour: Some(2), bytes_per_dump: Some(4 << 20), total_bytes: None }));
/// # Ok::<(), reprise_expect::ProfileError>(())
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
}
