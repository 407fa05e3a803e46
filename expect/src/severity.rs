//! [`Severity`]: how bad a finding is.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How bad a [`Finding`](crate::Finding) is: a warning, or a failure.
///
/// Every divergence is a failure. An expectation has a warn tier and a fail
/// tier; a profile can re-grade it (see [`Grade`](crate::Grade)).
///
/// ```
/// use reprise::expect::Severity;
/// assert!(Severity::Warn < Severity::Fail);
/// assert_eq!(Severity::Fail.to_string(), "fail");
/// assert_eq!(serde_json::to_value(Severity::Warn)?, "warn");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; the run still passes.
    Warn,
    /// The run fails.
    Fail,
}

impl Severity {
    /// `"warn"` or `"fail"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warn => "warn",
            Severity::Fail => "fail",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
