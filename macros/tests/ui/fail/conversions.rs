//! Conversions that do not fit, and misspelt conversion options.

use serde::{Deserialize, Serialize};

pub struct Entry(pub u64);
#[derive(Clone)]
pub struct Snapshot(pub u64);

/// Converts from `Snapshot` only, one way.
#[derive(Serialize, Deserialize)]
pub struct SnapshotMirror(u64);
impl From<Snapshot> for SnapshotMirror {
    fn from(s: Snapshot) -> Self {
        SnapshotMirror(s.0)
    }
}

pub type Outcome = Result<u64, String>;

#[reprise::boundary]
pub trait Storage {
    // The mirror does not convert back: replay cannot serve it.
    #[reprise(ok(via = SnapshotMirror))]
    fn snapshot(&self) -> Result<Snapshot, String>;
}

#[reprise::boundary]
pub trait NotAResult {
    // `err(..)` on a return that is not spelled as a `Result`.
    #[reprise(err(via = SnapshotMirror))]
    fn term(&self) -> u64;
}

#[reprise::boundary]
pub trait Generic {
    // `with` cannot name a type parameter.
    fn put<V: Serialize>(&self, #[reprise(with = "codec")] value: V);
}

#[reprise::boundary(inbound)]
pub trait Api {
    // The dispatcher reads arguments back: a type that is not Deserialize.
    fn on_entry(&mut self, entry: Entry) -> u64;
}

#[reprise::boundary]
pub trait Misspelt {
    #[reprise(via = SnapshotMirror)]
    fn a(&self) -> Snapshot;
    #[reprise(ok(via = "SnapshotMirror"))]
    fn b(&self) -> Snapshot;
    #[reprise(ok(with = codec))]
    fn c(&self) -> Snapshot;
    #[reprise(ok(via = SnapshotMirror, with = "codec"))]
    fn d(&self) -> Snapshot;
    fn e(&self, #[reprise(mirror = SnapshotMirror)] s: Snapshot);
    #[reprise(skip, ok(via = SnapshotMirror))]
    fn f(&self) -> Snapshot;
}

#[reprise::boundary(ok(via = SnapshotMirror))]
pub trait OkOnTrait {}

#[reprise::boundary(remote = "std::io::Write")]
pub trait Quoted {}

pub trait Empty {}

#[reprise::boundary]
impl Empty for () {}

fn main() {}
