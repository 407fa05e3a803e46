//! One event as the page holds it: a compact JSON record.

use reprise_transcript::{Direction, Event, Origin};
use serde::Serialize;
use serde_json::Value;

/// An event as the page's script reads it. Short keys: the page holds
/// 100,000 of them.
#[derive(Serialize)]
pub(crate) struct Record<'a> {
    /// The input (file) it comes from.
    pub f: usize,
    /// Its node.
    pub n: &'a str,
    /// Its seq in the file.
    pub s: u64,
    /// Its seq in the node's own transcript (equal to `s` unless merged).
    pub ns: u64,
    /// Kind: `c`all, `r`eturn, `p`robe, `s`tate.
    pub k: &'static str,
    /// For a call: `in` or `out`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub d: Option<&'static str>,
    /// Port (calls), or `probe` / `state`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p: Option<&'a str>,
    /// Method, probe name or state label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub m: Option<&'a str>,
    /// `at_ns`.
    pub t: u64,
    /// For a return: the seq of its call (in the file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub c: Option<u64>,
    /// For a return: `ok`, `err` or `panic`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub o: Option<&'static str>,
    /// For a call: its parent's seq.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pa: Option<u64>,
    /// For a call: its task.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tk: Option<&'a str>,
    /// In a merged file: the Lamport clock.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cl: Option<u64>,
    /// In a merged file, on a receive: the seq of its send.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ca: Option<u64>,
    /// The payload as the file holds it (scrubbed values included).
    pub x: &'a Value,
}

impl<'a> Record<'a> {
    /// The record of `event` from input `file`, node `node`.
    pub(crate) fn new(
        file: usize,
        node: &'a str,
        event: &'a Event,
        origin: Option<&'a Origin>,
    ) -> Option<Record<'a>> {
        let seq = event.seq()?;
        let mut r = Record {
            f: file,
            n: origin.map_or(node, |o| o.node.as_str()),
            s: seq,
            ns: origin.map_or(seq, |o| o.seq),
            k: "",
            d: None,
            p: None,
            m: None,
            t: 0,
            c: None,
            o: None,
            pa: None,
            tk: None,
            cl: origin.and_then(|o| o.clock),
            ca: origin.and_then(|o| o.cause),
            x: &Value::Null,
        };
        match event {
            Event::Call(e) => {
                r.k = "c";
                r.d = Some(match e.dir {
                    Direction::In => "in",
                    Direction::Out => "out",
                });
                r.p = Some(&e.port);
                r.m = Some(&e.method);
                r.t = e.at_ns;
                r.pa = e.parent;
                r.tk = e.task.as_deref();
                r.x = &e.args;
            }
            Event::Return(e) => {
                r.k = "r";
                r.t = e.at_ns;
                r.c = Some(e.call);
                r.o = Some(e.outcome.side());
                r.x = e.outcome.value();
            }
            Event::Probe(e) => {
                r.k = "p";
                r.p = Some("probe");
                r.m = Some(&e.name);
                r.t = e.at_ns;
                r.x = &e.fields;
            }
            Event::State(e) => {
                r.k = "s";
                r.p = Some("state");
                r.m = Some(&e.label);
                r.x = &e.state;
            }
            Event::End(_) => return None,
        }
        Some(r)
    }
}
