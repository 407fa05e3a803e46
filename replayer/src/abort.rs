//! Stopping an inbound call the component cannot go on with.
//!
//! When the component makes a call that can be given no value (it matches
//! nothing, or the recorded return does not fit the requested type), the
//! replaying port cannot return. It unwinds instead, with a private marker
//! payload through [`std::panic::resume_unwind`], which does not run the
//! panic hook (no noise on stderr). The driver catches the marker and knows
//! the finding has already been recorded. Outside a driver there is nobody
//! to catch it, so the port panics with the finding as its message.

use std::any::Any;

use reprise_expect::Finding;

/// The private unwind payload of an aborted inbound call.
pub(crate) struct Abort;

/// Stops the current inbound call when a driver (or a setup) is `driving`;
/// `why` is the panic message used when none is running to catch the
/// marker.
pub(crate) fn abort(driving: bool, why: String) -> ! {
    if driving {
        std::panic::resume_unwind(Box::new(Abort));
    }
    panic!("{why}");
}

/// The panic message for a finding outside a driver.
pub(crate) fn diverged(finding: &Finding) -> String {
    format!("reprise replay diverged:\n{}", finding.to_text())
}

/// What a caught unwind was.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Unwind {
    /// The replay's own marker: the finding is recorded.
    Abort,
    /// A panic of the component, with its message.
    Panic(String),
}

/// Classifies a payload caught by `catch_unwind`.
pub(crate) fn classify(payload: &(dyn Any + Send)) -> Unwind {
    if payload.is::<Abort>() {
        Unwind::Abort
    } else if let Some(s) = payload.downcast_ref::<&'static str>() {
        Unwind::Panic((*s).to_owned())
    } else if let Some(s) = payload.downcast_ref::<String>() {
        Unwind::Panic(s.clone())
    } else {
        Unwind::Panic("(a panic payload that is not a string)".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_payloads() {
        let caught = |f: fn()| std::panic::catch_unwind(f).unwrap_err();
        assert_eq!(
            classify(&*caught(|| std::panic::resume_unwind(Box::new(Abort)))),
            Unwind::Abort
        );
        assert_eq!(
            classify(&*caught(|| std::panic::resume_unwind(Box::new("boom")))),
            Unwind::Panic("boom".into())
        );
        assert_eq!(
            classify(&*caught(|| std::panic::resume_unwind(Box::new(format!(
                "n={}",
                1
            ))))),
            Unwind::Panic("n=1".into())
        );
        assert!(matches!(
            classify(&*caught(|| std::panic::resume_unwind(Box::new(7)))),
            Unwind::Panic(_)
        ));
    }
}
