//! Matching the component's outbound calls to recorded ones, within the
//! scope of the inbound call being handled, and ranking the closest
//! recorded candidates when nothing matches.
//!
//! Plain functions over the loaded index ([`Recorded`]) and the state of
//! the recorded calls ([`MatchState`]); the session owns the state and the
//! ports call in here under its lock.
//!
//! - **Effects** are matched in order within their scope: the next recorded
//!   call not yet made in the scope ([`Matching::Global`]), or the next one
//!   on the same port in the scope ([`Matching::PerPort`]). A call never
//!   matches a recorded call of another scope: a call moved from one
//!   inbound call to another is a divergence in the inbound call where it
//!   changed.
//! - **Queries** (reads with no effect, declared per port or per method)
//!   are served by equal arguments, in any order and any number of times:
//!   first from the scope, then from the nearest recorded query elsewhere.
//!   A recorded query the component does not make is never missing.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Arc;

use serde_json::Value;

use crate::compare::Ignore;
use crate::recorded::Recorded;
use crate::scope;
use reprise_expect::Candidate;

/// How the component's outbound calls are matched to recorded ones, within
/// the scope of the inbound call being handled.
///
/// ```
/// use reprise::replayer::{Matching, Replay};
/// assert_eq!(Matching::default(), Matching::Global);
/// let builder = Replay::builder().matching(Matching::PerPort);
/// # let _ = builder;
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Matching {
    /// Strict order: each outbound call is matched to the next recorded
    /// outbound call of its scope not yet made, whatever its port. Right
    /// for a component that does one thing at a time.
    #[default]
    Global,
    /// Per-port order: an outbound call on a port is matched to the next
    /// recorded call of its scope not yet made on that same port. Right for
    /// a component whose tasks use different ports concurrently, where the
    /// interleaving of ports changes from run to run but each port's order
    /// does not.
    PerPort,
}

/// How many pending recorded calls are ranked as candidates for an
/// unexpected call. Bounds the cost of a divergence in a long transcript.
const CANDIDATE_WINDOW: usize = 1024;

/// How many candidates from other scopes join the ranking.
const ELSEWHERE_WINDOW: usize = 64;

/// How far (in recorded outbound calls) a query is looked for outside its
/// scope, each way.
const QUERY_REACH: usize = 10_000;

/// How many calls made per scope are remembered for a finding's context.
const RECENT: usize = 16;

/// How many candidates a finding lists.
const CANDIDATES: usize = 3;

/// Where each recorded outbound call stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CallState {
    /// Not made yet.
    Pending,
    /// Made by the component and matched.
    Made,
    /// Reported as missing.
    Missing,
    /// Passed over without a finding: it belonged to an inbound call that
    /// was stopped by an earlier finding, or it is a query not made.
    Skipped,
}

/// The queries declared by name, before a transcript is loaded: a whole
/// port (`method: None`) or one method.
#[derive(Debug, Clone, Default)]
pub(crate) struct Queries {
    names: Vec<(String, Option<String>)>,
}

impl Queries {
    pub(crate) fn push(&mut self, port: &str, method: Option<&str>) {
        self.names
            .push((port.to_owned(), method.map(str::to_owned)));
    }
}

/// The result of matching one effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Take {
    /// Matched the recorded outbound call at this index, now marked made.
    Matched(usize),
    /// The next recorded effect in scope (if any) has another port or method.
    Mismatch {
        /// The index of the recorded call that was expected here.
        expected: Option<usize>,
    },
}

/// The state of every recorded outbound call, and the cursors that make
/// matching cheap.
#[derive(Debug)]
pub(crate) struct MatchState {
    pub(crate) state: Vec<CallState>,
    /// Per scope: a position in its call list before which every call is
    /// settled (made, missing, skipped) or a query.
    cursor: Vec<u32>,
    /// Per (scope, port): the same, for that port's calls only.
    port_cursor: HashMap<(usize, usize), usize>,
    /// Declared queries, by port id: the whole port, or these methods.
    query_ports: HashSet<usize>,
    query_methods: HashSet<(usize, Arc<str>)>,
    /// The last calls made per scope, for the context of a finding.
    recent: HashMap<usize, VecDeque<usize>>,
    /// How many recorded outbound calls were made and matched.
    pub(crate) made: usize,
}

impl MatchState {
    pub(crate) fn new(rec: &Recorded, queries: &Queries) -> MatchState {
        let mut st = MatchState {
            state: vec![CallState::Pending; rec.outbound_len()],
            cursor: vec![0; rec.scopes_len()],
            port_cursor: HashMap::new(),
            query_ports: HashSet::new(),
            query_methods: HashSet::new(),
            recent: HashMap::new(),
            made: 0,
        };
        for (port, method) in &queries.names {
            if let Some(id) = rec.port_id(port) {
                st.declare_query(id, method.as_deref());
            }
        }
        st
    }

    /// Declares a whole port, or one of its methods, a query.
    pub(crate) fn declare_query(&mut self, port: usize, method: Option<&str>) {
        match method {
            None => {
                self.query_ports.insert(port);
            }
            Some(method) => {
                self.query_methods.insert((port, method.into()));
            }
        }
    }

    /// Whether calls of `method` on `port` are queries.
    pub(crate) fn is_query_method(&self, port: usize, method: &str) -> bool {
        self.query_ports.contains(&port)
            || (!self.query_methods.is_empty()
                && self
                    .query_methods
                    .contains(&(port, Arc::<str>::from(method))))
    }

    fn is_query(&self, rec: &Recorded, index: usize) -> bool {
        (!self.query_ports.is_empty() || !self.query_methods.is_empty())
            && self.is_query_method(rec.out_port(index), rec.out_method(index))
    }

    fn is_open_effect(&self, rec: &Recorded, index: usize) -> bool {
        self.state[index] == CallState::Pending && !self.is_query(rec, index)
    }

    /// Moves the scope's cursor past settled calls and queries; returns it.
    fn advance(&mut self, rec: &Recorded, scope: usize) -> usize {
        let calls = rec.scope(scope);
        let mut pos = self.cursor.get(scope).map_or(0, |&c| c as usize);
        while calls
            .get(pos)
            .is_some_and(|&i| !self.is_open_effect(rec, i as usize))
        {
            pos += 1;
        }
        if let Some(cursor) = self.cursor.get_mut(scope) {
            // A position in a scope's calls: fits as they do.
            *cursor = pos as u32;
        }
        pos
    }

    /// The next recorded effect of `scope` the component's call on `port`
    /// is matched against.
    pub(crate) fn next_effect(
        &mut self,
        rec: &Recorded,
        matching: Matching,
        scope: usize,
        port: Option<usize>,
    ) -> Option<usize> {
        let start = self.advance(rec, scope);
        let calls = rec.scope(scope);
        match matching {
            Matching::Global => calls.get(start).map(|&i| i as usize),
            Matching::PerPort => {
                let port = port?;
                let cursor = self.port_cursor.entry((scope, port)).or_insert(0);
                let mut pos = (*cursor).max(start);
                while calls.get(pos).is_some_and(|&i| {
                    let i = i as usize;
                    rec.out_port(i) != port
                        || self.state[i] != CallState::Pending
                        || (!self.query_ports.is_empty() || !self.query_methods.is_empty())
                            && (self.query_ports.contains(&port)
                                || self
                                    .query_methods
                                    .contains(&(port, rec.out_method(i).clone())))
                }) {
                    pos += 1;
                }
                *cursor = pos;
                calls.get(pos).map(|&i| i as usize)
            }
        }
    }

    /// Matches an effect on `port` (its id, or `None` for a port the
    /// transcript never mentions) to the next recorded effect of `scope`.
    pub(crate) fn take(
        &mut self,
        rec: &Recorded,
        matching: Matching,
        scope: usize,
        port: Option<usize>,
        method: &str,
    ) -> Take {
        let expected = self.next_effect(rec, matching, scope, port);
        match expected {
            Some(index)
                if Some(rec.out_port(index)) == port && &**rec.out_method(index) == method =>
            {
                self.made(scope, index);
                Take::Matched(index)
            }
            _ => Take::Mismatch { expected },
        }
    }

    /// Serves a query: the recorded call of the same port and method with
    /// equal arguments, from `scope` first, then the nearest one elsewhere
    /// (`true` in the result). `None` when no recorded query has them.
    pub(crate) fn take_query(
        &mut self,
        rec: &Recorded,
        ignore: &Ignore,
        scope: usize,
        port: usize,
        method: &str,
        args: &Value,
    ) -> Option<(usize, bool)> {
        let same = |i: &usize| {
            rec.out_port(*i) == port
                && &**rec.out_method(*i) == method
                && ignore
                    .differing("args", &rec.args_shown(&rec.out(*i)), args)
                    .is_empty()
        };
        let in_scope = {
            let calls = rec.scope(scope);
            let mut equal = calls.iter().map(|&i| i as usize).filter(same);
            let first = equal.next();
            let pending = std::iter::once(first)
                .flatten()
                .chain(equal)
                .find(|&i| self.state[i] == CallState::Pending);
            pending.or(first)
        };
        let (index, elsewhere) = match in_scope {
            Some(i) => (i, false),
            None => {
                let near = self.scope_position(rec, scope);
                let before = (near.saturating_sub(QUERY_REACH)..near).rev();
                let after = near..(near + QUERY_REACH).min(rec.outbound_len());
                (before.chain(after).find(same)?, true)
            }
        };
        if self.state[index] == CallState::Pending {
            self.made(scope, index);
        }
        Some((index, elsewhere))
    }

    /// Where in the recorded outbound calls `scope` sits: its first call,
    /// or for an empty scope the calls recorded before its inbound call.
    fn scope_position(&self, rec: &Recorded, scope: usize) -> usize {
        match rec.scope(scope).first() {
            Some(&first) => first as usize,
            None => scope::inbound_of(scope)
                .and_then(|k| rec.inbound(k))
                .map_or(rec.outbound_len(), |(_, ix)| ix.out_before()),
        }
    }

    fn made(&mut self, scope: usize, index: usize) {
        self.state[index] = CallState::Made;
        self.made += 1;
        let recent = self.recent.entry(scope).or_default();
        if recent.len() == RECENT {
            recent.pop_front();
        }
        recent.push_back(index);
    }

    /// The last `n` calls made in `scope`, oldest first.
    pub(crate) fn recent(&self, scope: usize, n: usize) -> Vec<usize> {
        let Some(recent) = self.recent.get(&scope) else {
            return Vec::new();
        };
        recent
            .iter()
            .skip(recent.len().saturating_sub(n))
            .copied()
            .collect()
    }

    /// The recorded effects of `scope` at positions before `end` still not
    /// made, in order; each is marked `state`.
    pub(crate) fn settle(
        &mut self,
        rec: &Recorded,
        scope: usize,
        end: usize,
        state: CallState,
    ) -> Vec<usize> {
        let start = self.advance(rec, scope);
        let calls = rec.scope(scope);
        let end = end.min(calls.len());
        let mut left = Vec::new();
        for &i in calls.get(start..end).unwrap_or_default() {
            let i = i as usize;
            if self.state[i] != CallState::Pending {
                continue;
            }
            if self.is_query(rec, i) {
                self.state[i] = CallState::Skipped;
            } else {
                self.state[i] = state;
                left.push(i);
            }
        }
        self.advance(rec, scope);
        left
    }

    /// Forgets what only the context of a finding in a finished scope needed.
    pub(crate) fn close(&mut self, scope: usize) {
        self.recent.remove(&scope);
        self.port_cursor.retain(|&(s, _), _| s != scope);
    }

    /// Whether every effect of `scope` before position `need` is settled.
    pub(crate) fn settled(&mut self, rec: &Recorded, scope: usize, need: usize) -> bool {
        self.advance(rec, scope) >= need.min(rec.scope(scope).len())
    }

    /// The pending effects worth ranking as candidates for an unexpected
    /// call in `scope`, in order, with whether each is in another scope.
    pub(crate) fn window(&mut self, rec: &Recorded, scope: usize) -> Vec<(usize, bool)> {
        let start = self.advance(rec, scope);
        let mut window: Vec<(usize, bool)> = rec
            .scope(scope)
            .get(start..)
            .unwrap_or_default()
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| self.is_open_effect(rec, i))
            .take(CANDIDATE_WINDOW)
            .map(|i| (i, false))
            .collect();
        // The same call may have moved in from a later inbound call, or be
        // one the outside scope has next.
        let later = match scope {
            scope::OUTSIDE => 1..rec.scopes_len(),
            inbound => inbound + 1..rec.scopes_len(),
        };
        let mut elsewhere = 0;
        for other in std::iter::once(scope::OUTSIDE)
            .filter(|&s| s != scope)
            .chain(later)
        {
            for &i in rec.scope(other) {
                let i = i as usize;
                if elsewhere == ELSEWHERE_WINDOW {
                    return window;
                }
                if self.is_open_effect(rec, i) {
                    window.push((i, true));
                    elsewhere += 1;
                }
            }
        }
        window
    }
}

/// What did not match between a recorded call and the component's call:
/// `$.port`, `$.method`, and the argument paths that differ.
pub(crate) fn mismatches(
    rec: &Recorded,
    ignore: &Ignore,
    index: usize,
    port: &str,
    method: &str,
    args: &Value,
) -> Vec<String> {
    let call = rec.out(index);
    let mut paths = Vec::new();
    if rec.ports[call.port] != port && !ignore.ignores_field("port") {
        paths.push("$.port".to_owned());
    }
    if call.method != method && !ignore.ignores_field("method") {
        paths.push("$.method".to_owned());
    }
    let recorded = rec.args_shown(&call);
    paths.extend(ignore.differing("args", &recorded, args));
    paths
}

/// The closest recorded candidates for an unexpected call, best first:
/// same port and method first, then in the same scope, then fewest
/// differing argument paths, then recorded order. A candidate of another
/// scope differs at `$.parent`.
pub(crate) fn candidates(
    rec: &Recorded,
    ignore: &Ignore,
    window: &[(usize, bool)],
    port: &str,
    method: &str,
    args: &Value,
) -> Vec<Candidate> {
    let mut ranked: Vec<(bool, bool, usize, usize, Vec<String>)> = window
        .iter()
        .map(|&(i, elsewhere)| {
            let mut mismatched = mismatches(rec, ignore, i, port, method, args);
            if elsewhere {
                mismatched.insert(0, "$.parent".to_owned());
            }
            let same_call = rec.ports[rec.out_port(i)] == port && &**rec.out_method(i) == method;
            (!same_call, elsewhere, mismatched.len(), i, mismatched)
        })
        .collect();
    ranked.sort_by_key(|r| (r.0, r.1, r.2, r.3));
    ranked
        .into_iter()
        .take(CANDIDATES)
        .map(|(_, _, _, i, mismatched)| {
            let call = rec.out(i);
            Candidate {
                seq: call.seq,
                port: rec.ports[call.port].clone(),
                method: call.method.to_string(),
                mismatched,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recorded::Recorded;
    use serde_json::json;

    /// Two inbound calls, each reading and writing, and a background call.
    const TEXT: &str = r#"{"reprise":1,"kind":"header","component":"kv","recorder":"test"}
{"seq":0,"kind":"call","dir":"out","port":"net","method":"hello","args":{}}
{"seq":1,"kind":"return","call":0,"ok":null}
{"seq":2,"kind":"call","dir":"in","port":"api","method":"a","args":{}}
{"seq":3,"kind":"call","dir":"out","port":"disk","method":"read","args":{"k":"x"},"parent":2}
{"seq":4,"kind":"return","call":3,"ok":1}
{"seq":5,"kind":"call","dir":"out","port":"net","method":"send","args":{"to":1},"parent":2}
{"seq":6,"kind":"return","call":5,"ok":null}
{"seq":7,"kind":"return","call":2,"ok":null}
{"seq":8,"kind":"call","dir":"in","port":"api","method":"b","args":{}}
{"seq":9,"kind":"call","dir":"out","port":"disk","method":"read","args":{"k":"y"},"parent":8}
{"seq":10,"kind":"return","call":9,"ok":2}
{"seq":11,"kind":"call","dir":"out","port":"net","method":"send","args":{"to":2},"parent":8}
{"seq":12,"kind":"return","call":11,"ok":null}
{"seq":13,"kind":"return","call":8,"ok":null}
"#;

    fn load() -> Recorded {
        Recorded::load_text(TEXT.as_bytes(), "<string>".into()).unwrap()
    }

    fn take(st: &mut MatchState, rec: &Recorded, m: Matching, scope: usize, call: &str) -> Take {
        let (port, method) = call.split_once('.').unwrap();
        st.take(rec, m, scope, rec.port_id(port), method)
    }

    #[test]
    fn scopes_come_from_parent_links() {
        let rec = load();
        let scopes: Vec<&[u32]> = (0..rec.scopes_len()).map(|s| rec.scope(s)).collect();
        assert_eq!(scopes, [&[0][..], &[1, 2], &[3, 4]]);
        assert_eq!(rec.inbound(1).unwrap().1.outside_before(), 1);
    }

    #[test]
    fn global_order_is_strict_within_a_scope_and_never_crosses_it() {
        let rec = load();
        let mut st = MatchState::new(&rec, &Queries::default());
        let a = scope::of_inbound(0);
        assert_eq!(
            take(&mut st, &rec, Matching::Global, a, "disk.read"),
            Take::Matched(1)
        );
        // A second read in `a` is not served `b`'s read.
        assert_eq!(
            take(&mut st, &rec, Matching::Global, a, "disk.read"),
            Take::Mismatch { expected: Some(2) }
        );
        assert_eq!(
            take(&mut st, &rec, Matching::Global, a, "net.send"),
            Take::Matched(2)
        );
        assert_eq!(
            take(&mut st, &rec, Matching::Global, a, "net.send"),
            Take::Mismatch { expected: None }
        );
        assert_eq!(
            take(&mut st, &rec, Matching::Global, scope::OUTSIDE, "net.hello"),
            Take::Matched(0)
        );
    }

    #[test]
    fn per_port_order_lets_ports_interleave_within_a_scope() {
        let rec = load();
        let mut st = MatchState::new(&rec, &Queries::default());
        let b = scope::of_inbound(1);
        assert_eq!(
            take(&mut st, &rec, Matching::PerPort, b, "net.send"),
            Take::Matched(4)
        );
        assert_eq!(
            take(&mut st, &rec, Matching::PerPort, b, "disk.write"),
            Take::Mismatch { expected: Some(3) }
        );
        assert_eq!(
            take(&mut st, &rec, Matching::PerPort, b, "disk.read"),
            Take::Matched(3)
        );
        assert_eq!(
            take(&mut st, &rec, Matching::PerPort, b, "other.x"),
            Take::Mismatch { expected: None }
        );
        assert!(st.settled(&rec, b, 2));
    }

    #[test]
    fn queries_are_served_by_arguments_in_any_order_and_never_missing() {
        let rec = load();
        let mut queries = Queries::default();
        queries.push("disk", Some("read"));
        let mut st = MatchState::new(&rec, &queries);
        let a = scope::of_inbound(0);
        let ignore = Ignore::default();
        let disk = rec.port_id("disk").unwrap();
        // The effect comes first: the recorded read does not block it.
        assert_eq!(
            take(&mut st, &rec, Matching::Global, a, "net.send"),
            Take::Matched(2)
        );
        let read = |st: &mut MatchState, k: &str| {
            st.take_query(&rec, &ignore, a, disk, "read", &json!({ "k": k }))
        };
        assert_eq!(read(&mut st, "x"), Some((1, false)));
        assert_eq!(read(&mut st, "x"), Some((1, false)));
        // Not read in `a`: served from `b`, the nearest that has it.
        assert_eq!(read(&mut st, "y"), Some((3, true)));
        assert_eq!(read(&mut st, "z"), None);
        // `b` made no read, and that is no missing call.
        let b = scope::of_inbound(1);
        assert_eq!(
            take(&mut st, &rec, Matching::Global, b, "net.send"),
            Take::Matched(4)
        );
        assert_eq!(
            st.settle(&rec, b, usize::MAX, CallState::Missing),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn candidates_rank_same_call_then_same_scope_then_fewest_differences() {
        let rec = load();
        let mut st = MatchState::new(&rec, &Queries::default());
        let a = scope::of_inbound(0);
        let window = st.window(&rec, a);
        let ranked = candidates(
            &rec,
            &Ignore::default(),
            &window,
            "net",
            "send",
            &json!({"to": 2}),
        );
        let seqs: Vec<u64> = ranked.iter().map(|c| c.seq).collect();
        assert_eq!(seqs, [5, 11, 3]);
        assert_eq!(ranked[0].mismatched, ["$.args.to"]);
        assert_eq!(ranked[1].mismatched, ["$.parent"]);
    }
}
