//! The findings replay makes, worded once: what was recorded, what the
//! component did, and the inbound call it happened in.
//!
//! A finding never borrows a seq from another event: its `seq` is the
//! recorded event it is about (the missing call, the call whose arguments
//! differ), or none for a call the recording does not have; the inbound
//! call being handled is named apart ([`Finding::inbound`]), and its
//! context lists that call with its arguments, then the calls it made so
//! far, oldest first.

use serde_json::{Value, json};

use crate::compare::Ignore;
use crate::matching::{self, MatchState};
use crate::recorded::{Recorded, short_json};
use crate::scope;
use reprise_expect::{Finding, FindingKind};
use reprise_transcript::Outcome;

/// Where a call was made, for messages: `inbound call #3 api.step` or
/// `outside any inbound call`.
pub(crate) fn place(rec: &Recorded, scope: usize) -> String {
    match scope::inbound_of(scope).and_then(|k| rec.inbound(k)) {
        Some((call, _)) => format!(
            "inbound call #{} {}.{}",
            call.seq, rec.ports[call.port], call.method
        ),
        None => "outside any inbound call (setup or a background task)".to_owned(),
    }
}

/// The context of a finding in `scope`: the inbound call, then the last
/// `n` calls made in the scope (but the one the finding is about, `seq`),
/// each with the return it was served.
pub(crate) fn context(
    rec: &Recorded,
    calls: &MatchState,
    scope: usize,
    n: usize,
    seq: Option<u64>,
) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(k) = scope::inbound_of(scope) {
        lines.push(rec.inbound_summary(k));
    }
    let made: Vec<usize> = calls
        .recent(scope, n + 1)
        .into_iter()
        .filter(|&i| Some(rec.out(i).seq) != seq)
        .collect();
    let skip = made.len().saturating_sub(n);
    lines.extend(made[skip..].iter().map(|&i| rec.made_summary(i)));
    lines
}

/// A recorded effect the component did not make.
pub(crate) fn missing(
    rec: &Recorded,
    index: usize,
    returned: Option<&Outcome>,
    when: &str,
) -> Finding {
    let call = rec.out(index);
    let port = &rec.ports[call.port];
    let instead = match (scope::inbound_of(call.scope), returned) {
        (Some(_), Some(outcome)) => format!(
            "; instead it returned {} {}",
            outcome.side(),
            short_json(outcome.value())
        ),
        (Some(_), None) => String::new(),
        (None, _) => format!(" {when}"),
    };
    Finding::new(
        FindingKind::MissingCall,
        format!(
            "the recording has outbound call #{} {port}.{} {}, but the component did not make it{instead}",
            call.seq,
            call.method,
            match scope::inbound_of(call.scope) {
                Some(_) => format!("in {}", place(rec, call.scope)),
                None => place(rec, call.scope),
            }
        ),
    )
    .at(Some(call.seq), port.clone(), call.method.to_string())
    .values(Some(rec.call_json(&call)), None, Vec::new())
}

/// What the component called that the recording cannot answer.
pub(crate) struct Unexpected<'a> {
    pub(crate) port: &'a str,
    pub(crate) method: &'a str,
    pub(crate) args: Value,
    pub(crate) scope: usize,
    /// The next recorded effect of the scope, if any.
    pub(crate) expected: Option<usize>,
    /// Whether matching is per port (for the wording).
    pub(crate) per_port: bool,
}

/// An outbound call that matches no recorded call of its scope.
pub(crate) fn unexpected(
    rec: &Recorded,
    ignore: &Ignore,
    calls: &mut MatchState,
    call: Unexpected<'_>,
) -> Finding {
    let Unexpected {
        port,
        method,
        args,
        scope,
        expected,
        per_port,
    } = call;
    let on = if per_port {
        format!(" on port `{port}`")
    } else {
        String::new()
    };
    let window = calls.window(rec, scope);
    let candidates = matching::candidates(rec, ignore, &window, port, method, &args);
    let here = place(rec, scope);
    let (message, expected_json, paths) = match expected {
        Some(index) => {
            let next = rec.out(index);
            (
                format!(
                    "the component called {port}.{method}, but the next recorded outbound call{on} {} is #{} {}.{}; {} was stopped at this call",
                    in_place(scope, &here),
                    next.seq,
                    rec.ports[next.port],
                    next.method,
                    stopped(scope, &here),
                ),
                Some(rec.call_json(&next)),
                matching::mismatches(rec, ignore, index, port, method, &args),
            )
        }
        None => (
            format!(
                "the component called {port}.{method}, but no recorded outbound call{on} is left {}; {} was stopped at this call",
                in_place(scope, &here),
                stopped(scope, &here),
            ),
            None,
            Vec::new(),
        ),
    };
    let actual = json!({"port": port, "method": method, "args": args});
    let mut finding = Finding::new(FindingKind::UnexpectedCall, message)
        .at(None, port, method)
        .values(expected_json, Some(actual), paths);
    finding.candidates = candidates;
    finding
}

fn in_place(scope: usize, here: &str) -> String {
    match scope::inbound_of(scope) {
        Some(_) => format!("in {here}"),
        None => here.to_owned(),
    }
}

fn stopped(scope: usize, here: &str) -> String {
    match scope::inbound_of(scope) {
        Some(_) => here.to_owned(),
        None => "the caller".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::{CallState, Queries};

    const TEXT: &str = r#"{"reprise":1,"kind":"header","component":"kv","recorder":"test"}
{"seq":0,"kind":"call","dir":"in","port":"api","method":"step","args":{"to":2}}
{"seq":1,"kind":"call","dir":"out","port":"disk","method":"read","args":{"k":"x"},"parent":0}
{"seq":2,"kind":"return","call":1,"ok":1}
{"seq":3,"kind":"call","dir":"out","port":"net","method":"send","args":{"to":2},"parent":0}
{"seq":4,"kind":"return","call":3,"ok":null}
{"seq":5,"kind":"return","call":0,"ok":true}
"#;

    #[test]
    fn a_missing_call_names_its_inbound_call_and_what_happened_instead() {
        let rec = Recorded::load_text(TEXT.as_bytes(), "<string>".into()).unwrap();
        let mut calls = MatchState::new(&rec, &Queries::default());
        let step = scope::of_inbound(0);
        assert!(matches!(
            calls.take(
                &rec,
                crate::Matching::Global,
                step,
                rec.port_id("disk"),
                "read"
            ),
            crate::matching::Take::Matched(0)
        ));
        let left = calls.settle(&rec, step, usize::MAX, CallState::Missing);
        let finding = missing(&rec, left[0], Some(&Outcome::Ok(json!(false))), "");
        assert_eq!(
            finding.message,
            "the recording has outbound call #3 net.send in inbound call #0 api.step, but the component did not make it; instead it returned ok false"
        );
        assert_eq!(finding.seq, Some(3));
        assert_eq!(
            context(&rec, &calls, step, 3, None),
            [
                "#0 call in api.step {\"to\":2}",
                "#1 call out disk.read {\"k\":\"x\"} → ok 1"
            ]
        );
    }
}
