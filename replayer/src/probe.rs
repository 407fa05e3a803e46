//! Probes the component emits while it is replayed.
//!
//! In production a component reports what it measures through its
//! recorder (`Recorder::probe`). During replay there is no recorder: the
//! component's probe hook calls [`Replay::probe`] instead, and the probe
//! goes where the replay's other observations go: to the expectations
//! (so probe bounds judge this run, in a campaign too) and into the actual
//! transcript when it is captured.

use reprise_transcript::{Event, Probe};
use serde::Serialize;

use crate::actual::Captured;
use crate::session::Replay;

impl Replay {
    /// Shows a probe the component emits now to the replay's expectations,
    /// and keeps it in the actual transcript when it is captured. The
    /// probe gets a seq no recorded event has and the time of the last
    /// event seen (replay has no clock). Fields that do not serialise are
    /// shown as `{"$unserializable": ...}`, without the error's text (which
    /// may quote a value).
    ///
    /// ```
    /// use reprise::expect::{Expectations, expect};
    /// use reprise::replayer::{Outcome, Replay};
    /// let text = r#"{"reprise":1,"kind":"header","component":"queue"}
    /// {"seq":0,"kind":"call","dir":"in","port":"api","method":"push","args":{"n":3}}
    /// {"seq":1,"kind":"return","call":0,"ok":null}
    /// "#;
    /// let replay = Replay::builder()
    ///     .expectations(Expectations::new()
    ///         .expect(expect::probe_bounds("queue.depth", "len").within(0.0..=2.0)))
    ///     .from_str(text)?;
    /// let report = replay.drive(|call| {
    ///     let n: u64 = call.arg("n")?;
    ///     // The component's probe hook, as it is wired during replay.
    ///     replay.probe("queue.depth", &serde_json::json!({"len": n}));
    ///     Ok(Outcome::ok(&())?)
    /// });
    /// assert!(!report.passed(), "a depth of 3 is out of bounds");
    /// # Ok::<(), reprise::replayer::ReplayError>(())
    /// ```
    pub fn probe<F: Serialize + ?Sized>(&self, name: &str, fields: &F) {
        let fields = serde_json::to_value(fields).unwrap_or_else(|_| {
            serde_json::json!({ "$unserializable": "the probe's fields do not serialise as JSON" })
        });
        let mut progress = self.shared.lock();
        let seq = progress.fresh_seq(&self.shared.rec);
        progress.observe(|at_ns| {
            Event::Probe(Probe {
                seq,
                name: name.to_owned(),
                fields: fields.clone(),
                at_ns,
            })
        });
        progress.capture(|| Captured::Probe {
            name: name.to_owned(),
            fields,
        });
    }
}
