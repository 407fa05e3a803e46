//! [`Grade`]: how a profile re-grades an expectation's findings.

use std::fmt;
use std::str::FromStr;

use crate::severity::Severity;

/// How a profile grades every finding of one expectation, whatever its tier.
///
/// Without a grade, findings keep the tier they were found at (warn or
/// fail). `ignore` drops them; `success` drops them too but counts them in
/// the report's notes, for runs (stress, fuzz) where the event is expected.
///
/// ```
/// use reprise::expect::{Grade, Severity};
/// assert_eq!("success".parse::<Grade>(), Ok(Grade::Success));
/// assert_eq!(Grade::Warn.severity(), Some(Severity::Warn));
/// assert_eq!(Grade::Ignore.severity(), None);
/// assert!("maybe".parse::<Grade>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Grade {
    /// Every finding is a failure.
    Fail,
    /// Every finding is a warning.
    Warn,
    /// Findings are dropped.
    Ignore,
    /// Findings are dropped and counted as successes in the notes.
    Success,
}

impl Grade {
    /// The severity findings get, or `None` when they are dropped.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Grade::Fail => Some(Severity::Fail),
            Grade::Warn => Some(Severity::Warn),
            Grade::Ignore | Grade::Success => None,
        }
    }

    /// The grade as a profile writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Fail => "fail",
            Grade::Warn => "warn",
            Grade::Ignore => "ignore",
            Grade::Success => "success",
        }
    }
}

impl FromStr for Grade {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "fail" => Ok(Grade::Fail),
            "warn" => Ok(Grade::Warn),
            "ignore" => Ok(Grade::Ignore),
            "success" => Ok(Grade::Success),
            other => Err(format!(
                "a grade is one of fail, warn, ignore, success, not {other:?}"
            )),
        }
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
