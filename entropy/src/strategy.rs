//! The proptest strategies: [`mutations`] of a real transcript, configured
//! by [`MutationConfig`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::Arc;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::strategy::{BoxedStrategy, Union};
use reprise_transcript::{Call, Direction, Event, Outcome};
use serde_json::Value;

use crate::layout::{self, Unit};
use crate::mutation::Mutation;
use crate::transcript::Transcript;

/// The error a [`Mutation::Fail`] returns when the transcript holds no
/// error of that method: a timeout, as `std::io::Error` is recorded.
///
/// ```
/// assert!(reprise::entropy::TIMEOUT.contains("timed out"));
/// ```
pub const TIMEOUT: &str = "reprise entropy: timed out";

/// A kind of [`Mutation`], to choose which a campaign makes.
///
/// ```
/// use reprise::entropy::{MutationConfig, MutationKind};
/// let config = MutationConfig::only(&[MutationKind::Reorder, MutationKind::Fail]);
/// assert!(config.makes(MutationKind::Fail) && !config.makes(MutationKind::Drop));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MutationKind {
    /// [`Mutation::Drop`].
    Drop,
    /// [`Mutation::Duplicate`].
    Duplicate,
    /// [`Mutation::Reorder`].
    Reorder,
    /// [`Mutation::Delay`].
    Delay,
    /// [`Mutation::Fail`].
    Fail,
    /// [`Mutation::Perturb`].
    Perturb,
}

/// "`later` depends on `earlier`": a causal dependency between two inbound
/// calls that the transcript's links do not record.
type Causal = dyn Fn(&Call, &Call) -> bool + Send + Sync;

/// Which mutations [`mutations`] makes, how many at most, and how far
/// calls move.
///
/// Causality is respected: an inbound call moves (reorder, delay) only
/// among calls of its own `task`, never across a checkpoint (a `state`
/// event records what came before it), never past a call it depends on, and
/// moves with everything its `parent` links tie to it. Dependencies the
/// transcript does not record can be declared with
/// [`MutationConfig::causal`].
///
/// ```
/// use reprise::entropy::{MutationConfig, MutationKind};
/// let config = MutationConfig::delivery()
///     .max_mutations(3)
///     .reorder_window(4)
///     .delay_window(12)
///     .causal(|later, earlier| later.args["reply_to"] == earlier.args["id"]);
/// assert!(config.makes(MutationKind::Delay));
/// assert!(!config.makes(MutationKind::Perturb));
/// ```
#[derive(Clone)]
#[must_use]
pub struct MutationConfig {
    kinds: BTreeSet<MutationKind>,
    max_mutations: usize,
    reorder_window: usize,
    delay_window: usize,
    causal: Option<Arc<Causal>>,
}

impl fmt::Debug for MutationConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MutationConfig")
            .field("kinds", &self.kinds)
            .field("max_mutations", &self.max_mutations)
            .field("reorder_window", &self.reorder_window)
            .field("delay_window", &self.delay_window)
            .field("causal", &self.causal.is_some())
            .finish()
    }
}

impl Default for MutationConfig {
    fn default() -> Self {
        MutationConfig::all()
    }
}

impl MutationConfig {
    /// Every kind, at most 4 mutations a case, reorders within 8 inbound
    /// calls, delays by up to 16.
    ///
    /// ```
    /// let config = reprise::entropy::MutationConfig::all();
    /// assert!(config.makes(reprise::entropy::MutationKind::Fail));
    /// ```
    pub fn all() -> Self {
        MutationConfig::only(&[
            MutationKind::Drop,
            MutationKind::Duplicate,
            MutationKind::Reorder,
            MutationKind::Delay,
            MutationKind::Fail,
            MutationKind::Perturb,
        ])
    }

    /// What an unreliable network does: drop, duplicate, reorder, delay.
    /// Messages keep what they say and dependencies answer as recorded.
    ///
    /// ```
    /// let config = reprise::entropy::MutationConfig::delivery();
    /// assert!(!config.makes(reprise::entropy::MutationKind::Fail));
    /// ```
    pub fn delivery() -> Self {
        MutationConfig::only(&[
            MutationKind::Drop,
            MutationKind::Duplicate,
            MutationKind::Reorder,
            MutationKind::Delay,
        ])
    }

    /// Only the kinds `kinds`, with the other settings at their defaults.
    ///
    /// ```
    /// use reprise::entropy::{MutationConfig, MutationKind};
    /// let config = MutationConfig::only(&[MutationKind::Fail]);
    /// assert!(config.makes(MutationKind::Fail) && !config.makes(MutationKind::Drop));
    /// ```
    pub fn only(kinds: &[MutationKind]) -> Self {
        MutationConfig {
            kinds: kinds.iter().copied().collect(),
            max_mutations: 4,
            reorder_window: 8,
            delay_window: 16,
            causal: None,
        }
    }

    /// Whether it makes mutations of `kind`.
    ///
    /// ```
    /// assert!(reprise::entropy::MutationConfig::all().makes(reprise::entropy::MutationKind::Perturb));
    /// ```
    pub fn makes(&self, kind: MutationKind) -> bool {
        self.kinds.contains(&kind)
    }

    /// At most `n` mutations a case (default 4). Zero gives the source back.
    ///
    /// ```
    /// let _ = reprise::entropy::MutationConfig::all().max_mutations(2);
    /// ```
    pub fn max_mutations(mut self, n: usize) -> Self {
        self.max_mutations = n;
        self
    }

    /// A reorder moves an inbound call at most `n` calls of its task
    /// earlier (default 8).
    ///
    /// ```
    /// let _ = reprise::entropy::MutationConfig::all().reorder_window(3);
    /// ```
    pub fn reorder_window(mut self, n: usize) -> Self {
        self.reorder_window = n;
        self
    }

    /// A delay moves an inbound call at most `n` calls of its task later
    /// (default 16).
    ///
    /// ```
    /// let _ = reprise::entropy::MutationConfig::all().delay_window(32);
    /// ```
    pub fn delay_window(mut self, n: usize) -> Self {
        self.delay_window = n;
        self
    }

    /// Declares a causal dependency the transcript does not record:
    /// `depends(later, earlier)` says the inbound call `later` cannot come
    /// before `earlier` (a reply before its request). Arguments are parsed.
    ///
    /// ```
    /// let _ = reprise::entropy::MutationConfig::all()
    ///     .causal(|later, earlier| later.method == "ack" && earlier.method == "send");
    /// ```
    pub fn causal(
        mut self,
        depends: impl Fn(&Call, &Call) -> bool + Send + Sync + 'static,
    ) -> Self {
        self.causal = Some(Arc::new(depends));
        self
    }
}

/// A mutated transcript and the mutations that made it. Its `Debug` shows
/// the mutations only, so a proptest failure message stays readable.
///
/// ```
/// use reprise::entropy::{Mutated, Mutation, Transcript};
/// let source = Transcript::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"seq":0,"kind":"call","dir":"in","port":"api","method":"put","args":{}}
/// {"seq":1,"kind":"return","call":0,"ok":null}
/// "#)?;
/// let mutations = vec![Mutation::Duplicate { call: 0 }];
/// let mutated = Mutated { transcript: source.mutated(&mutations), mutations };
/// assert_eq!(mutated.transcript.inbound_calls().len(), 2);
/// assert_eq!(format!("{mutated:?}"), "Mutated { mutations: [Duplicate { call: 0 }], .. }");
/// # Ok::<(), reprise::entropy::EntropyError>(())
/// ```
#[derive(Clone)]
pub struct Mutated {
    /// The mutations, in the order they were applied.
    pub mutations: Vec<Mutation>,
    /// The source with them applied.
    pub transcript: Transcript,
}

impl fmt::Debug for Mutated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mutated")
            .field("mutations", &self.mutations)
            .finish_non_exhaustive()
    }
}

/// A proptest strategy of mutations of `source`: up to
/// [`max_mutations`](MutationConfig::max_mutations) of the kinds `config`
/// makes, applied in order. It shrinks toward the original transcript:
/// first by making fewer mutations, then by making each smaller (a nearer
/// move, a value nearer the recorded one), so proptest's shrinking gives a
/// small counterexample.
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// use reprise::entropy::{MutationConfig, Transcript, mutations};
/// let source = Transcript::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"seq":0,"kind":"call","dir":"in","port":"api","method":"a","args":{"n":1}}
/// {"seq":1,"kind":"return","call":0,"ok":null}
/// {"seq":2,"kind":"call","dir":"in","port":"api","method":"b","args":{"n":5}}
/// {"seq":3,"kind":"return","call":2,"ok":null}
/// "#)?;
/// let strategy = mutations(&source, &MutationConfig::all());
/// let mut runner = TestRunner::deterministic();
/// let case = strategy.new_tree(&mut runner).unwrap().current();
/// assert!(case.mutations.len() <= 4);
/// assert!(case.transcript.inbound_calls().len() <= 2 + case.mutations.len());
/// # Ok::<(), reprise::entropy::EntropyError>(())
/// ```
pub fn mutations(source: &Transcript, config: &MutationConfig) -> BoxedStrategy<Mutated> {
    let source = Arc::new(source.clone());
    let one = one_mutation(&source, config);
    let max = config.max_mutations;
    match one {
        Some(one) if max > 0 => proptest::collection::vec(one, 0..=max)
            .prop_map(move |mutations| Mutated {
                transcript: source.mutated(&mutations),
                mutations,
            })
            .boxed(),
        _ => Just(Mutated {
            mutations: Vec::new(),
            transcript: (*source).clone(),
        })
        .boxed(),
    }
}

/// One block's facts, for choosing moves.
struct BlockFacts {
    id: u64,
    task: Option<String>,
    /// How many checkpoints come before it: blocks move within one segment.
    segment: usize,
    /// The inbound call, its arguments parsed: only for a
    /// [`MutationConfig::causal`] rule, the one thing that reads it.
    call: Option<Call>,
}

fn one_mutation(source: &Transcript, config: &MutationConfig) -> Option<BoxedStrategy<Mutation>> {
    let blocks = block_facts(source, config);
    let ids: Vec<u64> = blocks.iter().map(|b| b.id).collect();
    let mut arms: Vec<BoxedStrategy<Mutation>> = Vec::new();
    if !ids.is_empty() {
        if config.makes(MutationKind::Drop) {
            arms.push(
                pick(ids.clone())
                    .prop_map(|call| Mutation::Drop { call })
                    .boxed(),
            );
        }
        if config.makes(MutationKind::Duplicate) {
            arms.push(
                pick(ids.clone())
                    .prop_map(|call| Mutation::Duplicate { call })
                    .boxed(),
            );
        }
    }
    if config.makes(MutationKind::Reorder) {
        let moves = moves(&blocks, config, config.reorder_window, false);
        if !moves.is_empty() {
            arms.push(
                pick(moves)
                    .prop_map(|(call, before)| Mutation::Reorder { call, before })
                    .boxed(),
            );
        }
    }
    if config.makes(MutationKind::Delay) {
        let moves = moves(&blocks, config, config.delay_window, true);
        if !moves.is_empty() {
            arms.push(
                pick(moves)
                    .prop_map(|(call, after)| Mutation::Delay { call, after })
                    .boxed(),
            );
        }
    }
    if config.makes(MutationKind::Fail) {
        let failures = failures(source);
        if !failures.is_empty() {
            let failures = Arc::new(failures);
            arms.push(
                (0..failures.len(), any::<Index>())
                    .prop_map(move |(i, which)| {
                        let (call, options) = &failures[i];
                        Mutation::Fail {
                            call: *call,
                            err: options[which.index(options.len())].clone(),
                        }
                    })
                    .boxed(),
            );
        }
    }
    if config.makes(MutationKind::Perturb) {
        let fields = crate::perturb::fields(source);
        if !fields.is_empty() {
            let fields = Arc::new(fields);
            arms.push(
                (0..fields.len())
                    .prop_flat_map(move |i| fields[i].strategy())
                    .boxed(),
            );
        }
    }
    (!arms.is_empty()).then(|| Union::new(arms).boxed())
}

/// One of `items`, shrinking toward the first.
fn pick<T: Clone + fmt::Debug + 'static>(items: Vec<T>) -> impl Strategy<Value = T> {
    let items = Arc::new(items);
    (0..items.len()).prop_map(move |i| items[i].clone())
}

fn block_facts(source: &Transcript, config: &MutationConfig) -> Vec<BlockFacts> {
    let parse = config.causal.is_some();
    let mut segment = 0;
    let mut seen_state = false;
    let mut out = Vec::new();
    for unit in layout::units(source) {
        if unit.is_barrier() {
            if seen_state {
                segment += 1;
            }
            seen_state = true;
        }
        if let Unit::Block(block) = unit {
            let call = block
                .events
                .first()
                .filter(|_| parse)
                .and_then(|e| match e {
                    Event::Call(c) => Some(Call {
                        seq: c.seq,
                        dir: c.dir,
                        port: c.port.clone(),
                        method: c.method.clone(),
                        args: serde_json::from_str(c.args.get()).unwrap_or(Value::Null),
                        at_ns: c.at_ns,
                        parent: c.parent,
                        task: c.task.clone(),
                    }),
                    _ => None,
                });
            out.push(BlockFacts {
                id: block.id,
                task: block.task,
                segment,
                call,
            });
        }
    }
    out
}

/// The moves of each block up to `window` blocks of its task later
/// (`later`) or earlier, that cross no checkpoint and no dependency:
/// `(moved, the block it goes after or before)`.
fn moves(
    blocks: &[BlockFacts],
    config: &MutationConfig,
    window: usize,
    later: bool,
) -> Vec<(u64, u64)> {
    let depends = |a: &BlockFacts, b: &BlockFacts| match (&config.causal, &a.call, &b.call) {
        (Some(depends), Some(a), Some(b)) => depends(a, b),
        _ => false,
    };
    let mut out = Vec::new();
    for (i, moved) in blocks.iter().enumerate() {
        let others: Box<dyn Iterator<Item = &BlockFacts>> = if later {
            Box::new(blocks[i + 1..].iter())
        } else {
            Box::new(blocks[..i].iter().rev())
        };
        let same_task = others.filter(|b| b.task == moved.task).take(window);
        for other in same_task {
            if other.segment != moved.segment {
                break;
            }
            // Passing `other`: a delayed call must not be one `other`
            // depends on, a call moved earlier must not depend on it.
            let blocked = if later {
                depends(other, moved)
            } else {
                depends(moved, other)
            };
            if blocked {
                break;
            }
            out.push((moved.id, other.id));
        }
    }
    out
}

/// Each outbound call with an `ok` return, with the errors it could fail
/// with: those the transcript holds for its port and method, then a timeout.
fn failures(source: &Transcript) -> Vec<(u64, Vec<Value>)> {
    let mut methods: BTreeMap<u64, (String, String)> = BTreeMap::new();
    let mut errors: BTreeMap<(String, String), Vec<Value>> = BTreeMap::new();
    let mut ok_calls: Vec<u64> = Vec::new();
    for event in &source.events {
        match event {
            Event::Call(c) if c.dir == Direction::Out => {
                methods.insert(c.seq, (c.port.clone(), c.method.clone()));
            }
            Event::Return(r) => {
                let Some(key) = methods.get(&r.call) else {
                    continue;
                };
                match &r.outcome {
                    Outcome::Ok(_) => ok_calls.push(r.call),
                    Outcome::Err(raw) => {
                        let seen = errors.entry(key.clone()).or_default();
                        if let Ok(value) = serde_json::from_str::<Value>(raw.get()) {
                            if seen.len() < 8 && !seen.contains(&value) {
                                seen.push(value);
                            }
                        }
                    }
                    Outcome::Panic(_) => {}
                }
            }
            _ => {}
        }
    }
    let timeout = serde_json::json!({"kind": "TimedOut", "message": TIMEOUT});
    ok_calls
        .into_iter()
        .filter_map(|call| {
            let key = methods.get(&call)?;
            let mut options = errors.get(key).cloned().unwrap_or_default();
            options.push(timeout.clone());
            Some((call, options))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> Transcript {
        Transcript::from_str(
            r#"{"reprise":1,"kind":"header","component":"kv"}
{"seq":0,"kind":"call","dir":"in","port":"api","method":"send","args":{"id":1}}
{"seq":1,"kind":"return","call":0,"ok":null}
{"seq":2,"kind":"call","dir":"in","port":"api","method":"ack","args":{"reply_to":1}}
{"seq":3,"kind":"return","call":2,"ok":null}
"#,
        )
        .expect("loads")
    }

    #[test]
    fn block_facts_parse_no_arguments_without_a_causal_rule() {
        // Every inbound call's arguments were parsed into a Value for a
        // causal rule that was not there.
        let plain = block_facts(&source(), &MutationConfig::delivery());
        assert_eq!(plain.len(), 2);
        assert!(plain.iter().all(|b| b.call.is_none()));

        let causal = MutationConfig::delivery()
            .causal(|later, earlier| later.args["reply_to"] == earlier.args["id"]);
        let facts = block_facts(&source(), &causal);
        assert_eq!(
            facts[1].call.as_ref().map(|c| &c.args["reply_to"]),
            Some(&Value::from(1))
        );
        // The rule still holds the ack behind the send.
        assert!(moves(&facts, &causal, 4, false).is_empty());
        assert_eq!(
            moves(&plain, &MutationConfig::delivery(), 4, false),
            [(2, 0)]
        );
    }
}
