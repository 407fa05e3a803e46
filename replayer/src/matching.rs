//! Matching the component's outbound call to a recorded one, and ranking
//! the closest recorded candidates when nothing matches.

use serde_json::Value;

use crate::recorded::{self, Recorded};
use crate::session::{CallState, Config, Matching, Progress};
use reprise_expect::Candidate;

/// How many pending recorded calls, from the current position on, are
/// ranked as candidates for an unexpected call. Bounds the cost of a
/// divergence in a long transcript.
const CANDIDATE_WINDOW: usize = 1024;

/// How many candidates a finding lists.
const CANDIDATES: usize = 3;

/// The result of matching one outbound call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Take {
    /// Matched the recorded outbound call at this index, now marked made.
    Matched(usize),
    /// The next recorded call in scope (if any) has another port or method.
    Mismatch {
        /// The index of the recorded call that was expected here.
        expected: Option<usize>,
    },
}

/// The next pending outbound call in the matching scope of `port`.
pub(crate) fn next_in_scope(
    rec: &Recorded,
    config: &Config,
    progress: &mut Progress,
    port: Option<usize>,
) -> Option<usize> {
    match config.matching {
        Matching::Global => (progress.low_water < rec.outbound.len()).then_some(progress.low_water),
        Matching::PerPort => {
            let port = port?;
            let calls = &rec.by_port[port];
            let cursor = &mut progress.port_cursor[port];
            while calls
                .get(*cursor)
                .is_some_and(|&i| progress.state[i] != CallState::Pending)
            {
                *cursor += 1;
            }
            calls.get(*cursor).copied()
        }
    }
}

/// Matches a call on `port` (its id, or `None` for a port the transcript
/// never mentions) to the next recorded call in scope.
pub(crate) fn take(
    rec: &Recorded,
    config: &Config,
    progress: &mut Progress,
    port: Option<usize>,
    method: &str,
) -> Take {
    let expected = next_in_scope(rec, config, progress, port);
    match expected {
        Some(index)
            if Some(rec.outbound[index].port) == port && &*rec.outbound[index].method == method =>
        {
            progress.mark(index, CallState::Made);
            progress.made += 1;
            progress.last_made = Some(index);
            Take::Matched(index)
        }
        _ => Take::Mismatch { expected },
    }
}

/// The indices of the pending recorded calls worth ranking, in order.
pub(crate) fn pending_window(rec: &Recorded, progress: &Progress) -> Vec<usize> {
    (progress.low_water..rec.outbound.len())
        .filter(|&i| progress.state[i] == CallState::Pending)
        .take(CANDIDATE_WINDOW)
        .collect()
}

/// What did not match between a recorded call and the component's call:
/// `$.port`, `$.method`, and the argument paths that differ.
pub(crate) fn mismatches(
    rec: &Recorded,
    config: &Config,
    index: usize,
    port: &str,
    method: &str,
    args: &Value,
) -> Vec<String> {
    let call = &rec.outbound[index];
    let mut paths = Vec::new();
    if rec.ports[call.port] != port && !config.ignore.ignores_field("port") {
        paths.push("$.port".to_owned());
    }
    if &*call.method != method && !config.ignore.ignores_field("method") {
        paths.push("$.method".to_owned());
    }
    let recorded = recorded::value(&call.args);
    paths.extend(config.ignore.differing("args", &recorded, args));
    paths
}

/// The closest recorded candidates for an unexpected call, best first:
/// same port and method first, then fewest differing argument paths, then
/// recorded order.
pub(crate) fn candidates(
    rec: &Recorded,
    config: &Config,
    window: &[usize],
    port: &str,
    method: &str,
    args: &Value,
) -> Vec<Candidate> {
    let mut ranked: Vec<(bool, usize, usize, Vec<String>)> = window
        .iter()
        .map(|&i| {
            let call = &rec.outbound[i];
            let mismatched = mismatches(rec, config, i, port, method, args);
            let same_call = rec.ports[call.port] == port && &*call.method == method;
            (!same_call, mismatched.len(), i, mismatched)
        })
        .collect();
    ranked.sort_by_key(|r| (r.0, r.1, r.2));
    ranked
        .into_iter()
        .take(CANDIDATES)
        .map(|(_, _, i, mismatched)| {
            let call = &rec.outbound[i];
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
    use crate::session::Replay;
    use serde_json::json;
    use std::sync::Arc;

    const TEXT: &str = r#"{"reprise":1,"kind":"header","component":"kv"}
{"seq":0,"kind":"call","dir":"out","port":"net","method":"send","args":{"to":1}}
{"seq":1,"kind":"return","call":0,"ok":null}
{"seq":2,"kind":"call","dir":"out","port":"disk","method":"write","args":{"k":"a"}}
{"seq":3,"kind":"return","call":2,"ok":null}
{"seq":4,"kind":"call","dir":"out","port":"net","method":"send","args":{"to":2}}
{"seq":5,"kind":"return","call":4,"ok":null}
"#;

    fn session(matching: Matching) -> Replay {
        let rec = Recorded::load(TEXT.as_bytes(), "<string>".into()).unwrap();
        let config = Config {
            matching,
            ..Config::default()
        };
        Replay::new(Arc::new(rec), Arc::new(config))
    }

    fn take_on(replay: &Replay, port: &str, method: &str) -> Take {
        let shared = &replay.shared;
        let mut progress = shared.lock();
        take(
            &shared.rec,
            &shared.config,
            &mut progress,
            shared.rec.port_id(port),
            method,
        )
    }

    #[test]
    fn global_order_is_strict() {
        let replay = session(Matching::Global);
        assert_eq!(take_on(&replay, "net", "send"), Take::Matched(0));
        assert_eq!(
            take_on(&replay, "net", "send"),
            Take::Mismatch { expected: Some(1) }
        );
        assert_eq!(take_on(&replay, "disk", "write"), Take::Matched(1));
        assert_eq!(take_on(&replay, "net", "send"), Take::Matched(2));
        assert_eq!(
            take_on(&replay, "net", "send"),
            Take::Mismatch { expected: None }
        );
    }

    #[test]
    fn per_port_order_lets_ports_interleave() {
        let replay = session(Matching::PerPort);
        assert_eq!(take_on(&replay, "net", "send"), Take::Matched(0));
        assert_eq!(take_on(&replay, "net", "send"), Take::Matched(2));
        assert_eq!(
            take_on(&replay, "disk", "read"),
            Take::Mismatch { expected: Some(1) }
        );
        assert_eq!(take_on(&replay, "disk", "write"), Take::Matched(1));
        assert_eq!(
            take_on(&replay, "other", "x"),
            Take::Mismatch { expected: None }
        );
        assert_eq!(replay.shared.lock().low_water, 3);
    }

    #[test]
    fn candidates_rank_same_method_then_fewest_differences() {
        let replay = session(Matching::Global);
        let shared = &replay.shared;
        let window = pending_window(&shared.rec, &shared.lock());
        let ranked = candidates(
            &shared.rec,
            &shared.config,
            &window,
            "net",
            "send",
            &json!({"to": 2}),
        );
        let seqs: Vec<u64> = ranked.iter().map(|c| c.seq).collect();
        assert_eq!(seqs, [4, 0, 2]);
        assert!(ranked[0].mismatched.is_empty());
        assert_eq!(ranked[1].mismatched, ["$.args.to"]);
        assert_eq!(
            ranked[2].mismatched,
            ["$.port", "$.method", "$.args.k", "$.args.to"]
        );
    }
}
