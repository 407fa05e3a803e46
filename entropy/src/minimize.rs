//! [`minimize`]: delta debugging of a failing transcript, within a budget.

use std::collections::{BTreeSet, HashSet};
use std::time::{Duration, Instant};

use reprise_transcript::Event;
use serde_json::Value;

use crate::error::EntropyError;
use crate::layout::{self, Unit};
use crate::transcript::Transcript;

/// How much [`minimize`] may spend: predicate runs and wall-clock time.
/// When either runs out it stops and returns the smallest transcript found
/// so far ([`Minimized::exhausted`] says so).
///
/// ```
/// use std::time::Duration;
/// let budget = reprise::entropy::Budget::default().runs(500).time(Duration::from_secs(10));
/// assert_eq!((budget.runs, budget.time), (500, Duration::from_secs(10)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// At most this many runs of the predicate (default 2,000).
    pub runs: usize,
    /// At most this long (default one minute).
    pub time: Duration,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            runs: 2_000,
            time: Duration::from_secs(60),
        }
    }
}

impl Budget {
    /// At most `runs` runs of the predicate.
    ///
    /// ```
    /// assert_eq!(reprise::entropy::Budget::default().runs(7).runs, 7);
    /// ```
    #[must_use]
    pub fn runs(mut self, runs: usize) -> Self {
        self.runs = runs;
        self
    }

    /// At most `time` in all.
    ///
    /// ```
    /// use std::time::Duration;
    /// assert_eq!(reprise::entropy::Budget::default().time(Duration::from_secs(5)).time, Duration::from_secs(5));
    /// ```
    #[must_use]
    pub fn time(mut self, time: Duration) -> Self {
        self.time = time;
        self
    }
}

/// One thing minimization removed, named as in the transcript it was given.
///
/// ```
/// use reprise::entropy::{Removal, Transcript, minimize};
/// let source = Transcript::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"seq":0,"kind":"state","label":"initial","state":{}}
/// {"seq":1,"kind":"call","dir":"in","port":"api","method":"put","args":{"key":"a","ttl":5}}
/// {"seq":2,"kind":"state","label":"after put","state":{}}
/// {"seq":3,"kind":"call","dir":"in","port":"api","method":"get","args":{"key":"a"}}
/// "#)?;
/// let found = minimize(&source, |t| t.inbound_calls().iter().any(|c| c.method == "put"))?;
/// assert_eq!(found.removed, [
///     Removal::Inbound { seq: 3, call: "api.get".into() },
///     Removal::Checkpoint { seq: 2, label: "after put".into() },
///     Removal::Field { seq: 1, pointer: "/key".into() },
///     Removal::Field { seq: 1, pointer: "/ttl".into() },
/// ]);
/// # Ok::<(), reprise::entropy::EntropyError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal {
    /// An inbound call, with everything it caused.
    Inbound {
        /// Its seq.
        seq: u64,
        /// `port.method`.
        call: String,
    },
    /// A checkpoint (a `state` event after the first).
    Checkpoint {
        /// Its seq.
        seq: u64,
        /// Its label.
        label: String,
    },
    /// A field of an inbound call's arguments (an object member or an
    /// array item).
    Field {
        /// The inbound call's seq.
        seq: u64,
        /// A JSON pointer into its arguments, as they were when removed.
        pointer: String,
    },
}

/// What [`minimize`] returns.
///
/// ```
/// use reprise::entropy::{Budget, Transcript, minimize_within};
/// let source = Transcript::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"seq":0,"kind":"call","dir":"in","port":"api","method":"a","args":{}}
/// {"seq":1,"kind":"call","dir":"in","port":"api","method":"b","args":{}}
/// {"seq":2,"kind":"call","dir":"in","port":"api","method":"c","args":{}}
/// "#)?;
/// let found = minimize_within(&source, Budget::default().runs(100), |t| {
///     t.inbound_calls().iter().any(|c| c.method == "b")
/// })?;
/// assert_eq!((found.events, found.inbound), ((3, 1), (3, 1)));
/// assert_eq!(found.transcript.inbound_calls()[0].method, "b");
/// assert!(!found.exhausted && found.runs <= 100);
/// # Ok::<(), reprise::entropy::EntropyError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Minimized {
    /// The smallest transcript found for which the predicate holds.
    pub transcript: Transcript,
    /// What was removed, in the order it was.
    pub removed: Vec<Removal>,
    /// How many times the predicate ran (the check of the input included).
    pub runs: usize,
    /// How long it took.
    pub elapsed: Duration,
    /// Whether the budget ran out before minimization was done.
    pub exhausted: bool,
    /// Events before and after.
    pub events: (usize, usize),
    /// Inbound calls before and after.
    pub inbound: (usize, usize),
}

impl Minimized {
    /// A short account for people: sizes before and after, runs, time.
    ///
    /// ```
    /// let source = reprise::entropy::Transcript::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
    /// {"seq":0,"kind":"call","dir":"in","port":"api","method":"a","args":{}}
    /// {"seq":1,"kind":"call","dir":"in","port":"api","method":"b","args":{}}
    /// "#)?;
    /// let found = reprise::entropy::minimize(&source, |t| t.inbound_calls().iter().any(|c| c.method == "b"))?;
    /// assert_eq!(found.summary().lines().next(), Some("2 → 1 events, 2 → 1 inbound calls (1 inbound calls, 0 checkpoints, 0 fields removed)"));
    /// # Ok::<(), reprise::entropy::EntropyError>(())
    /// ```
    pub fn summary(&self) -> String {
        let count = |f: fn(&Removal) -> bool| self.removed.iter().filter(|r| f(r)).count();
        format!(
            "{} → {} events, {} → {} inbound calls ({} inbound calls, {} checkpoints, {} fields removed)\n{} runs in {:.1?}{}\n",
            self.events.0,
            self.events.1,
            self.inbound.0,
            self.inbound.1,
            count(|r| matches!(r, Removal::Inbound { .. })),
            count(|r| matches!(r, Removal::Checkpoint { .. })),
            count(|r| matches!(r, Removal::Field { .. })),
            self.runs,
            self.elapsed,
            if self.exhausted {
                "; the budget ran out"
            } else {
                ""
            },
        )
    }
}

/// The smallest transcript for which `predicate` still holds (the same
/// finding, the same panic, the same failed expectation), by delta
/// debugging: over the inbound calls (each with everything it caused),
/// then the checkpoints, then the fields of the remaining inbound calls'
/// arguments; with the default [`Budget`]. See [`minimize_within`].
///
/// ```
/// use reprise::entropy::{Removal, Transcript, minimize};
/// let source = Transcript::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"seq":0,"kind":"state","label":"initial","state":{}}
/// {"seq":1,"kind":"call","dir":"in","port":"api","method":"put","args":{"key":"a","ttl":5}}
/// {"seq":2,"kind":"return","call":1,"ok":null}
/// {"seq":3,"kind":"call","dir":"in","port":"api","method":"put","args":{"key":"poison","ttl":5}}
/// {"seq":4,"kind":"return","call":3,"ok":null}
/// {"seq":5,"kind":"call","dir":"in","port":"api","method":"get","args":{"key":"a"}}
/// {"seq":6,"kind":"return","call":5,"ok":null}
/// {"kind":"end","events":7,"dropped":0}
/// "#)?;
/// // The failure: any call with the key `poison`.
/// let fails = |t: &Transcript| t.inbound_calls().iter().any(|c| c.args.get().contains("\"poison\""));
/// let found = minimize(&source, fails)?;
/// let left: Vec<_> = found.transcript.inbound_calls().iter().map(|c| c.args.get().to_owned()).collect();
/// assert_eq!(left, [r#"{"key":"poison"}"#]);
/// assert_eq!(found.removed[0], Removal::Inbound { seq: 1, call: "api.put".into() });
/// # Ok::<(), reprise::entropy::EntropyError>(())
/// ```
pub fn minimize(
    transcript: &Transcript,
    predicate: impl FnMut(&Transcript) -> bool,
) -> Result<Minimized, EntropyError> {
    minimize_within(transcript, Budget::default(), predicate)
}

/// [`minimize`] within `budget`. The predicate must hold for `transcript`
/// itself ([`EntropyError::NotFailing`] otherwise); that first check
/// always runs, whatever the budget, and counts as one of its runs. A cut-short transcript
/// stays cut short; the first `state` event (the initial state, or the
/// checkpoint a flight-recorder dump starts from) is never removed.
///
/// ```
/// use reprise::entropy::{Budget, Transcript, minimize_within};
/// let source = Transcript::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"seq":0,"kind":"call","dir":"in","port":"api","method":"a","args":{}}
/// {"seq":1,"kind":"call","dir":"in","port":"api","method":"b","args":{}}
/// {"seq":2,"kind":"call","dir":"in","port":"api","method":"c","args":{}}
/// "#)?;
/// let found = minimize_within(&source, Budget::default().runs(2), |t| !t.is_empty())?;
/// assert!(found.exhausted);
/// assert_eq!(found.runs, 2);
/// # Ok::<(), reprise::entropy::EntropyError>(())
/// ```
pub fn minimize_within(
    transcript: &Transcript,
    budget: Budget,
    predicate: impl FnMut(&Transcript) -> bool,
) -> Result<Minimized, EntropyError> {
    let mut run = Runner {
        source: transcript,
        predicate,
        budget,
        started: Instant::now(),
        runs: 0,
        exhausted: false,
    };
    let units = layout::units(transcript);
    if !run.first(&units) {
        return Err(EntropyError::NotFailing {
            file: transcript.source.clone(),
        });
    }
    let mut removed = Vec::new();

    // 1. Inbound calls, each with what it caused.
    let blocks: Vec<u64> = units.iter().filter_map(Unit::block_id).collect();
    let kept: BTreeSet<u64> = ddmin(blocks.clone(), &mut |keep: &[u64]| {
        run.holds(|| {
            let keep: HashSet<u64> = keep.iter().copied().collect();
            only_blocks(&units, &keep)
        })
    })
    .into_iter()
    .collect();
    let mut units = only_blocks(&units, &kept.iter().copied().collect());
    for unit in layout::units(transcript) {
        if let Unit::Block(block) = unit {
            if !kept.contains(&block.id) {
                let call = block.events.first().map_or_else(String::new, |e| match e {
                    Event::Call(c) => format!("{}.{}", c.port, c.method),
                    _ => String::new(),
                });
                removed.push(Removal::Inbound {
                    seq: block.id,
                    call,
                });
            }
        }
    }

    // 2. Checkpoints: every state but the first.
    let first_state = units.iter().position(Unit::is_barrier);
    let checkpoints: Vec<usize> = units
        .iter()
        .enumerate()
        .filter(|(i, u)| u.is_barrier() && Some(*i) != first_state)
        .map(|(i, _)| i)
        .collect();
    let kept: BTreeSet<usize> = ddmin(checkpoints.clone(), &mut |keep: &[usize]| {
        run.holds(|| without(&units, &checkpoints, keep))
    })
    .into_iter()
    .collect();
    for &i in checkpoints.iter().filter(|i| !kept.contains(i)) {
        if let Unit::Loose(Event::State(s)) = &units[i] {
            removed.push(Removal::Checkpoint {
                seq: s.seq,
                label: s.label.clone(),
            });
        }
    }
    let kept_list: Vec<usize> = kept.into_iter().collect();
    units = without(&units, &checkpoints, &kept_list);

    // 3. Fields of the inbound calls' arguments, one at a time.
    for b in 0..units.len() {
        let Some((seq, args)) = inbound_args(&units[b]) else {
            continue;
        };
        let mut args = args;
        for pointer in removable(&args) {
            if run.spent() {
                break;
            }
            let mut smaller = args.clone();
            if !remove(&mut smaller, &pointer) {
                continue;
            }
            let mut candidate = units.clone();
            set_args(&mut candidate[b], &smaller);
            if run.holds(|| candidate.clone()) == Some(true) {
                units = candidate;
                args = smaller;
                removed.push(Removal::Field { seq, pointer });
            }
        }
    }

    let result = transcript.with_units(units);
    Ok(Minimized {
        events: (transcript.len(), result.len()),
        inbound: (
            transcript.inbound_calls().len(),
            result.inbound_calls().len(),
        ),
        transcript: result,
        removed,
        runs: run.runs,
        elapsed: run.started.elapsed(),
        exhausted: run.exhausted,
    })
}

struct Runner<'t, P> {
    source: &'t Transcript,
    predicate: P,
    budget: Budget,
    started: Instant,
    runs: usize,
    exhausted: bool,
}

impl<P: FnMut(&Transcript) -> bool> Runner<'_, P> {
    /// Whether the predicate holds for the input itself: outside the
    /// budget, so that a budget spent before it is not taken for a
    /// predicate that does not hold.
    fn first(&mut self, units: &[Unit]) -> bool {
        self.runs += 1;
        (self.predicate)(&self.source.with_units(units.to_vec()))
    }

    /// Whether the budget is spent (and so [`Minimized::exhausted`]).
    fn spent(&mut self) -> bool {
        self.exhausted = self.exhausted
            || self.runs >= self.budget.runs
            || self.started.elapsed() >= self.budget.time;
        self.exhausted
    }

    /// Whether the predicate holds for the units `build` makes; `None`
    /// once the budget is spent, checked before anything is built.
    fn holds(&mut self, build: impl FnOnce() -> Vec<Unit>) -> Option<bool> {
        if self.spent() {
            return None;
        }
        self.runs += 1;
        Some((self.predicate)(&self.source.with_units(build())))
    }
}

/// Delta debugging (ddmin, complements only): the smallest sublist of
/// `items`, in order, for which `test` holds, removing ever smaller chunks.
/// `test` returns `None` to stop: the smallest sublist so far is returned.
fn ddmin<T: Clone>(mut items: Vec<T>, test: &mut dyn FnMut(&[T]) -> Option<bool>) -> Vec<T> {
    if items.is_empty() {
        return items;
    }
    // Nothing at all may already do.
    match test(&[]) {
        Some(true) => return Vec::new(),
        Some(false) => {}
        None => return items,
    }
    let mut n = 2usize;
    while items.len() >= 2 {
        let chunk = items.len().div_ceil(n);
        let mut reduced = false;
        let mut start = 0;
        while start < items.len() {
            let end = (start + chunk).min(items.len());
            let complement: Vec<T> = items[..start]
                .iter()
                .chain(&items[end..])
                .cloned()
                .collect();
            match test(&complement) {
                Some(true) => {
                    items = complement;
                    n = (n - 1).max(2);
                    reduced = true;
                    break;
                }
                Some(false) => {}
                None => return items,
            }
            start = end;
        }
        if !reduced {
            if n >= items.len() {
                break;
            }
            n = (n * 2).min(items.len());
        }
    }
    items
}

/// `units` with only the blocks in `keep` (every loose event stays).
fn only_blocks(units: &[Unit], keep: &HashSet<u64>) -> Vec<Unit> {
    units
        .iter()
        .filter(|u| u.block_id().is_none_or(|id| keep.contains(&id)))
        .cloned()
        .collect()
}

/// `units` without the positions in `candidates` that are not in `keep`.
fn without(units: &[Unit], candidates: &[usize], keep: &[usize]) -> Vec<Unit> {
    let candidates: HashSet<usize> = candidates.iter().copied().collect();
    let keep: HashSet<usize> = keep.iter().copied().collect();
    units
        .iter()
        .enumerate()
        .filter(|(i, _)| !candidates.contains(i) || keep.contains(i))
        .map(|(_, u)| u.clone())
        .collect()
}

/// The arguments of a block's inbound call, parsed.
fn inbound_args(unit: &Unit) -> Option<(u64, Value)> {
    let Unit::Block(block) = unit else {
        return None;
    };
    match block.events.first()? {
        Event::Call(c) => Some((block.id, serde_json::from_str(c.args.get()).ok()?)),
        _ => None,
    }
}

fn set_args(unit: &mut Unit, args: &Value) {
    if let Unit::Block(block) = unit {
        if let Some(Event::Call(c)) = block.events.first_mut() {
            if let Ok(raw) = serde_json::value::to_raw_value(args) {
                c.args = raw;
            }
        }
    }
}

/// What to try removing, outermost first: each object member and array
/// item (arrays from their last item), as JSON pointers valid in turn
/// when earlier ones are removed.
fn removable(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk(value, String::new(), &mut out);
    out
}

fn walk(value: &Value, pointer: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let child_pointer =
                    format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                out.push(child_pointer.clone());
                walk(child, child_pointer, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate().rev() {
                let child_pointer = format!("{pointer}/{i}");
                out.push(child_pointer.clone());
                walk(child, child_pointer, out);
            }
        }
        _ => {}
    }
}

/// Removes the member or item at `pointer`; `false` if there is none.
fn remove(value: &mut Value, pointer: &str) -> bool {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return false;
    };
    let key = last.replace("~1", "/").replace("~0", "~");
    match value.pointer_mut(parent) {
        Some(Value::Object(map)) => map.shift_remove(&key).is_some(),
        Some(Value::Array(items)) => match key.parse::<usize>() {
            Ok(i) if i < items.len() => {
                items.remove(i);
                true
            }
            _ => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ddmin_finds_a_one_minimal_pair() {
        let mut runs = 0;
        let kept = ddmin((0..64).collect(), &mut |items: &[u32]| {
            runs += 1;
            Some(items.contains(&17) && items.contains(&40))
        });
        assert_eq!(kept, [17, 40]);
        assert!(runs < 100, "{runs} runs");
    }

    #[test]
    fn ddmin_stops_at_the_first_none() {
        // ddmin went on halving down to single items after the budget was
        // spent, building every candidate: 177 s for 16k inbound calls.
        let mut tests = 0;
        let kept = ddmin((0..16_000).collect(), &mut |items: &[u32]| {
            tests += 1;
            (tests < 3).then(|| items.contains(&17))
        });
        assert_eq!(tests, 3);
        assert_eq!(kept.len(), 16_000);
    }

    #[test]
    fn removing_fields_walks_members_and_items_from_the_end() {
        let value = serde_json::json!({"a": {"b": 1}, "c": [1, 2]});
        assert_eq!(removable(&value), ["/a", "/a/b", "/c", "/c/1", "/c/0"]);
        let mut v = value.clone();
        assert!(remove(&mut v, "/c/1") && remove(&mut v, "/a/b"));
        assert_eq!(v, serde_json::json!({"a": {}, "c": [1]}));
        assert!(!remove(&mut v, "/nothing/here"));
    }
}
