//! The reprise expectation engine (crate docs written below).

#![cfg_attr(not(test), warn(clippy::unwrap_used))]

mod finding;
mod report;
mod severity;

pub use finding::{Candidate, Finding, FindingKind};
pub use report::Report;
pub use severity::Severity;
