//! What a rule does to the value it selects.

use std::fmt;
use std::str::FromStr;

/// What happens to a value a rule selects.
///
/// ```
/// use reprise::sanitizer::Action;
/// assert_eq!("pseudonymize".parse::<Action>(), Ok(Action::Pseudonymize));
/// assert_eq!(Action::Redact.to_string(), "redact");
/// assert!("shred".parse::<Action>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// Replace with a marked placeholder, `"[redacted:RULE]"`. Replay treats
    /// it as "anything".
    Redact,
    /// Replace with a keyed, stable pseudonym of the same shape (an email
    /// stays an email, a card a Luhn-valid card of the same length).
    Pseudonymize,
    /// Replace with the keyed HMAC-SHA256 of the value, as 64 hex digits.
    Hash,
    /// Remove the object member (an array element becomes `null`, so the
    /// other elements keep their indices).
    Drop,
}

impl Action {
    /// The name used in rules files and reports.
    ///
    /// ```
    /// assert_eq!(reprise::sanitizer::Action::Drop.name(), "drop");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Action::Redact => "redact",
            Action::Pseudonymize => "pseudonymize",
            Action::Hash => "hash",
            Action::Drop => "drop",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Action {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "redact" => Ok(Action::Redact),
            "pseudonymize" | "pseudonymise" => Ok(Action::Pseudonymize),
            "hash" => Ok(Action::Hash),
            "drop" => Ok(Action::Drop),
            other => Err(format!(
                "unknown action `{other}` (expected redact, pseudonymize, hash or drop)"
            )),
        }
    }
}
