//! The transcript as the replayer holds it: indexed in one streaming pass,
//! payloads read back when they are used.
//!
//! Events are read once with [`reprise_transcript::Reader`], their payloads
//! checked and skipped ([`IgnoredAny`]); events held in memory (a mutated
//! transcript) are indexed as they are and encoded into the text payloads
//! are read back from ([`Recorded::load_events`]). What matching needs is kept per
//! event in a few compact columns: where its line starts
//! ([`Offsets`]), its seq and line number ([`Runs`]), and per recorded call
//! its port and method (interned), its matching scope, and the events of
//! the call and of its return. Outbound and inbound calls are two vectors in
//! recorded order; each inbound call knows how many outbound calls were
//! recorded before it (its causal position); each scope lists its outbound
//! calls in one flat array. That is about 2 bytes an event and 16 to 20 a
//! call, whatever the payloads weigh.
//!
//! A payload is read back from the [`Store`] (the text, or the file through
//! a bounded block cache) only where it is used: a recorded return straight
//! into the type the component asks for ([`deserialize`]), recorded
//! arguments into a short-lived value ([`value`]) for a comparison, an
//! inbound call's arguments once when it is fed, the events before a
//! finding for its context. A line that cannot be read back as it was
//! indexed (the file changed) is a [`ReplayError::Reread`] naming the file
//! and the line; where a value is only shown, it shows as
//! `{"$unreadable": ...}`, and the first such error is kept
//! ([`Recorded::failure`]) for the report.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::ops::Range;
use std::path::Path;
use std::rc::Rc;
use std::sync::{Arc, OnceLock};

use reprise_expect::InboundCall;
use reprise_transcript::{
    DEFAULT_MAX_LINE, Direction, Ending, Event, Header, Outcome, ReadError, Reader, encode_line,
    json_error_message,
};
use serde::Serialize;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::error::ReplayError;
use crate::positions::{Offsets, Runs};
use crate::reread::{self, Back, CallBack, RetBack};
use crate::scope;
use crate::store::{Bytes, Counting, Hashing, Reread, Store, Tally};

/// A recorded payload read back: its JSON text, not parsed.
pub(crate) type Raw = Box<RawValue>;

/// No event (a call that never returned).
const NONE: u32 = u32::MAX;

/// One recorded call, as indexed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CallIx {
    /// The event of the call line.
    event: u32,
    /// The event of its return line, or [`NONE`].
    ret: u32,
    /// Its port and method, interned.
    callee: u32,
    /// Its matching scope (see [`CallRef::scope`]); `u32::MAX` for [`ORPHAN`].
    scope: u32,
}

/// A recorded inbound call and its causal position.
#[derive(Debug)]
pub(crate) struct InIx {
    /// The events of the call and of its return ([`NONE`] if none).
    event: u32,
    ret: u32,
    /// Its port and method, interned. (Its scope is its own.)
    callee: u32,
    /// How many outbound calls of the outside scope (setup, background
    /// tasks) were recorded before this inbound call: all of them must have
    /// been made before it is fed.
    outside_before: u32,
    /// How many outbound calls (of any scope) were recorded before it.
    out_before: u32,
}

impl InIx {
    /// How many outbound calls of the outside scope were recorded before
    /// this inbound call.
    pub(crate) fn outside_before(&self) -> usize {
        self.outside_before as usize
    }

    /// How many outbound calls were recorded before this inbound call.
    pub(crate) fn out_before(&self) -> usize {
        self.out_before as usize
    }
}

/// A recorded call, with what the index knows of it at hand.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CallRef<'a> {
    pub(crate) seq: u64,
    pub(crate) port: usize,
    pub(crate) method: &'a str,
    /// The matching scope of an outbound call (see [`crate::scope`]):
    /// [`scope::OUTSIDE`], the scope of the inbound call it was made
    /// inside, or [`ORPHAN`]. An inbound call's own scope.
    pub(crate) scope: usize,
    event: u32,
    /// The event of the return, `None` when the call never returned in the
    /// recording (cut short).
    pub(crate) ret: Option<u32>,
}

/// A recorded return, read back: its seq and time, its side (`ok`, `err`
/// or `panic`) and its payload's JSON text, not parsed.
#[derive(Debug)]
pub(crate) struct Ret {
    pub(crate) seq: u64,
    /// When it was recorded: the time replay's expectations see.
    pub(crate) at_ns: u64,
    pub(crate) side: &'static str,
    bytes: Bytes,
    /// Where the payload is in `bytes`: found from the recorder's layout
    /// (see [`reread::recorder_return`]), or by decoding the line.
    payload: Range<usize>,
}

impl Ret {
    /// The payload decoded from the whole line: the exact one.
    fn decoded(&self) -> Option<&RawValue> {
        let back: RetBack<'_> = reread::decode(&self.bytes)?;
        match self.side {
            "ok" => back.ok,
            "err" => back.err,
            _ => back.panic,
        }
    }

    /// The payload deserialised into `T` (see [`deserialize`]).
    pub(crate) fn deserialize<T: DeserializeOwned>(&self) -> Result<T, (serde_json::Error, Value)> {
        if let Some(Ok(v)) = self
            .bytes
            .get(self.payload.clone())
            .map(serde_json::from_slice)
        {
            return Ok(v);
        }
        match self.decoded() {
            Some(raw) => deserialize(raw),
            None => Err((
                <serde_json::Error as serde::de::Error>::custom("the line no longer decodes"),
                Value::Null,
            )),
        }
    }

    /// The payload parsed (see [`value`]).
    pub(crate) fn value(&self) -> Value {
        if let Some(Ok(v)) = self
            .bytes
            .get(self.payload.clone())
            .map(serde_json::from_slice)
        {
            return v;
        }
        self.decoded().map_or_else(
            || serde_json::json!({ "$unreadable": "the line no longer decodes" }),
            value,
        )
    }

    /// The outcome, parsed.
    pub(crate) fn outcome(&self) -> Outcome {
        let value = self.value();
        match self.side {
            "ok" => Outcome::Ok(value),
            "err" => Outcome::Err(value),
            _ => Outcome::Panic(value),
        }
    }
}

/// The scope of an outbound call whose parent is not in the transcript (a
/// flight-recorder window that starts inside an inbound call): it is never
/// matched, and never missing.
pub(crate) const ORPHAN: usize = usize::MAX;

/// An indexed transcript. Immutable once built.
#[derive(Debug)]
pub(crate) struct Recorded {
    /// The file's path as given, or `<string>`.
    pub(crate) source: String,
    store: Store,
    pub(crate) header: Header,
    /// The event of the first `state`.
    initial_state: Option<u32>,
    pub(crate) ending: Ending,
    pub(crate) ports: Vec<String>,
    port_ids: HashMap<String, usize>,
    /// Interned (port, method) pairs, and per port its methods' ids.
    callees: Vec<(usize, Arc<str>)>,
    callee_ids: Vec<HashMap<String, u32>>,
    outbound: Vec<CallIx>,
    inbound: Vec<InIx>,
    /// For each scope (index [`scope::OUTSIDE`], then one per inbound call),
    /// its outbound calls in recorded order: `scope_calls[scope_start[s]..scope_start[s + 1]]`.
    scope_start: Vec<u32>,
    scope_calls: Vec<u32>,
    /// Outbound calls whose parent is not in the transcript.
    pub(crate) orphans: usize,
    /// The first break in the seqs (the seq before it and the one after),
    /// and the events the `end` line says were dropped: events are missing,
    /// so the transcript replays only from a checkpoint after them.
    pub(crate) gap: Option<(u64, u64)>,
    pub(crate) dropped: u64,
    /// Per event: where its line starts, its seq, its line number.
    offsets: Offsets,
    seqs: Runs,
    lines: Runs,
    /// Where the last event's line ends.
    end: u64,
    /// Returns of calls the transcript does not have (it starts after
    /// them): shown in no context, as if not there.
    strays: Vec<u32>,
    /// The first line that could not be read back as indexed.
    failure: OnceLock<String>,
}

/// A call still waiting for its return while loading.
#[derive(Debug, Clone, Copy)]
struct Open {
    dir: Direction,
    index: usize,
    /// The scope calls made inside it belong to.
    scope: usize,
}

impl Recorded {
    /// Indexes the transcript file at `path`; its lines are read back from
    /// the file while replaying.
    pub(crate) fn load_file(path: &Path) -> Result<Self, ReplayError> {
        let failed = |source| ReplayError::Open {
            path: path.to_owned(),
            source,
        };
        let file = File::open(path).map_err(failed)?;
        let name = path.display().to_string();
        // A pipe or a device cannot be read again: its bytes are kept.
        if !file.metadata().map_err(failed)?.is_file() {
            return Recorded::load_reader(file, name);
        }
        // A second handle on the same open file, for reading back: the
        // reader owns the first.
        let again = file.try_clone().map_err(failed)?;
        let tally = Rc::new(RefCell::new(Tally::default()));
        let input = BufReader::with_capacity(
            64 * 1024,
            Hashing {
                inner: file,
                tally: tally.clone(),
            },
        );
        let (mut rec, tally) = Recorded::index(input, tally, name)?;
        rec.store = tally.into_store(again);
        Ok(rec)
    }

    /// Indexes a transcript held in memory.
    pub(crate) fn load_text(text: &[u8], source: String) -> Result<Self, ReplayError> {
        let tally = Rc::new(RefCell::new(Tally::default()));
        let (mut rec, _) = Recorded::index(text, tally, source)?;
        rec.store = Store::Memory(text.into());
        Ok(rec)
    }

    /// Indexes a transcript held in memory as events (a mutated one). Each
    /// event is encoded, into memory, as the line a file would hold, for
    /// reading back, and indexed as it is, without parsing its line again.
    /// Events are checked as the reader checks a file's lines: seqs that
    /// increase, an `end` event last, counting the events before it. Errors
    /// name `source` and the line the event would be on (the header is
    /// line 1).
    pub(crate) fn load_events(
        header: Header,
        events: impl IntoIterator<Item = Event<Raw>>,
        source: String,
    ) -> Result<Self, ReplayError> {
        let invalid = |line: u64, reason: String| ReplayError::Read {
            file: source.clone(),
            source: ReadError::InvalidEvent { line, reason },
        };
        let events = events.into_iter();
        let mut text = Vec::with_capacity(256 + events.size_hint().0 * 128);
        encode(&mut text, &header, &source)?;
        let mut indexing = Indexing::new(header, source.clone());
        let mut last_seq: Option<u64> = None;
        let mut count = 0u64;
        let mut ending = Ending::CutShort { torn_line: None };
        let mut line = 1u64;
        // Where the last event's line ends: before the `end` line, if any.
        let mut end_at = None;
        for event in events {
            line += 1;
            if ending.is_clean() {
                return Err(invalid(
                    line,
                    "the transcript goes on after its end line: an `end` event must be last"
                        .to_owned(),
                ));
            }
            let offset = text.len() as u64;
            encode(&mut text, &event, &source)?;
            if let Event::End(end) = event {
                if end.events != count {
                    return Err(invalid(
                        line,
                        format!(
                            "the end line counts {} events but {count} were read",
                            end.events
                        ),
                    ));
                }
                ending = Ending::Clean {
                    events: end.events,
                    dropped: end.dropped,
                    sanitizer: end.sanitizer,
                };
                end_at = Some(offset);
                continue;
            }
            count += 1;
            if let Some(seq) = event.seq() {
                if let Some(last) = last_seq.filter(|&last| seq <= last) {
                    return Err(invalid(
                        line,
                        format!(
                            "seq {seq} comes after seq {last}: seqs must increase (a duplicated or reordered line)"
                        ),
                    ));
                }
                last_seq = Some(seq);
            }
            indexing.add(event, offset, line)?;
        }
        let end = end_at.unwrap_or(text.len() as u64);
        let mut rec = indexing.finish(ending, end);
        rec.store = Store::Memory(text.into());
        Ok(rec)
    }

    /// Indexes a transcript from any reader, keeping the bytes read in memory.
    pub(crate) fn load_reader<R: Read>(input: R, source: String) -> Result<Self, ReplayError> {
        let tally = Rc::new(RefCell::new(Tally::keeping()));
        let (mut rec, tally) = Recorded::index(BufReader::new(input), tally, source)?;
        rec.store = Store::Memory(tally.into_kept().into());
        Ok(rec)
    }

    /// Reads a whole transcript, indexing it. The first bad line is an
    /// error naming `source` and the line; a cut-short transcript loads up
    /// to its cut.
    ///
    /// Each outbound call gets its scope from its `parent` link. A
    /// transcript not written by the recorder (its header names no
    /// `recorder`) may have no links at all, as hand-written ones do: there
    /// a call without a `parent` made while exactly one inbound call was
    /// open belongs to that call.
    fn index<R: BufRead>(
        input: R,
        tally: Rc<RefCell<Tally>>,
        source: String,
    ) -> Result<(Self, Tally), ReplayError> {
        let read_err = |e| ReplayError::Read {
            file: source.clone(),
            source: e,
        };
        let input = Counting {
            inner: input,
            tally: tally.clone(),
        };
        let mut reader =
            Reader::<_, IgnoredAny>::with_payload(input, DEFAULT_MAX_LINE).map_err(read_err)?;
        let mut indexing = Indexing::new(reader.header().clone(), source.clone());
        let end = loop {
            let before = tally.borrow().consumed;
            let Some(event) = reader.next() else {
                break before;
            };
            indexing.add(event.map_err(read_err)?, before, reader.line())?;
        };
        // The reader never yields the `end` line as an event: it is its
        // ending.
        let ending = reader
            .ending()
            .cloned()
            .unwrap_or(Ending::CutShort { torn_line: None });
        drop(reader);
        let rec = indexing.finish(ending, end);
        let tally = Rc::try_unwrap(tally)
            .map(RefCell::into_inner)
            .unwrap_or_else(|shared| shared.take());
        Ok((rec, tally))
    }

    /// Lists each scope's outbound calls, in recorded order.
    fn index_scopes(&mut self) {
        let scopes = 1 + self.inbound.len();
        let mut start = vec![0u32; scopes + 1];
        for call in &self.outbound {
            // An orphan (`u32::MAX`) is in no scope.
            if let Some(count) = start.get_mut((call.scope as usize).wrapping_add(1)) {
                *count += 1;
            }
        }
        for s in 0..scopes {
            start[s + 1] += start[s];
        }
        let mut next = start.clone();
        let mut calls = vec![0u32; start[scopes] as usize];
        for (index, call) in self.outbound.iter().enumerate() {
            if let Some(at) = next.get_mut(call.scope as usize) {
                calls[*at as usize] = index as u32;
                *at += 1;
            }
        }
        self.scope_start = start;
        self.scope_calls = calls;
    }

    fn intern(&mut self, port: String) -> usize {
        if let Some(&id) = self.port_ids.get(&port) {
            return id;
        }
        let id = self.ports.len();
        self.port_ids.insert(port.clone(), id);
        self.ports.push(port);
        self.callee_ids.push(HashMap::new());
        id
    }

    fn callee(&mut self, port: usize, method: String) -> u32 {
        if let Some(&id) = self.callee_ids[port].get(&method) {
            return id;
        }
        // Fewer callees than events: the id fits.
        let id = self.callees.len() as u32;
        self.callees.push((port, method.as_str().into()));
        self.callee_ids[port].insert(method, id);
        id
    }

    /// The id of a port that appears in the transcript.
    pub(crate) fn port_id(&self, port: &str) -> Option<usize> {
        self.port_ids.get(port).copied()
    }

    /// Whether the recording was cut short (no `end` line).
    pub(crate) fn cut_short(&self) -> bool {
        !self.ending.is_clean()
    }

    /// How many outbound calls were recorded.
    pub(crate) fn outbound_len(&self) -> usize {
        self.outbound.len()
    }

    /// How many inbound calls were recorded.
    pub(crate) fn inbound_len(&self) -> usize {
        self.inbound.len()
    }

    /// How many scopes there are: the outside one, and one per inbound call.
    pub(crate) fn scopes_len(&self) -> usize {
        self.scope_start.len().saturating_sub(1)
    }

    /// The outbound calls of `scope`, in recorded order.
    pub(crate) fn scope(&self, scope: usize) -> &[u32] {
        match (self.scope_start.get(scope), self.scope_start.get(scope + 1)) {
            (Some(&s), Some(&e)) => &self.scope_calls[s as usize..e as usize],
            _ => &[],
        }
    }

    fn call_ref(&self, event: u32, ret: u32, callee: u32, scope: usize) -> CallRef<'_> {
        let (port, method) = &self.callees[callee as usize];
        CallRef {
            seq: self.seqs.get(event).unwrap_or(0),
            port: *port,
            method,
            scope,
            event,
            ret: (ret != NONE).then_some(ret),
        }
    }

    /// Recorded outbound call `index`.
    pub(crate) fn out(&self, index: usize) -> CallRef<'_> {
        let call = &self.outbound[index];
        let scope = match call.scope {
            u32::MAX => ORPHAN,
            scope => scope as usize,
        };
        self.call_ref(call.event, call.ret, call.callee, scope)
    }

    /// The port of recorded outbound call `index` (cheaper than [`Recorded::out`]).
    pub(crate) fn out_port(&self, index: usize) -> usize {
        self.callees[self.outbound[index].callee as usize].0
    }

    /// The method of recorded outbound call `index`, shared.
    pub(crate) fn out_method(&self, index: usize) -> &Arc<str> {
        &self.callees[self.outbound[index].callee as usize].1
    }

    /// Recorded inbound call `index`, with its causal position.
    pub(crate) fn inbound(&self, index: usize) -> Option<(CallRef<'_>, &InIx)> {
        let rec = self.inbound.get(index)?;
        let scope = scope::of_inbound(index);
        Some((self.call_ref(rec.event, rec.ret, rec.callee, scope), rec))
    }

    /// Recorded inbound call `index` (which must exist).
    pub(crate) fn inb(&self, index: usize) -> CallRef<'_> {
        let rec = &self.inbound[index];
        self.call_ref(rec.event, rec.ret, rec.callee, scope::of_inbound(index))
    }

    /// The seq of the last event read.
    pub(crate) fn last_seq(&self) -> Option<u64> {
        let ordinal = self.before(self.offsets.len() as u32).next()?;
        self.seqs.get(ordinal)
    }

    /// The events before `end`, last first, returns of calls the transcript
    /// does not have left out.
    fn before(&self, end: u32) -> impl Iterator<Item = u32> + '_ {
        (0..end)
            .rev()
            .filter(|o| self.strays.binary_search(o).is_err())
    }

    /// The first line that could not be read back as indexed, as an error
    /// message naming the file and the line.
    pub(crate) fn failure(&self) -> Option<&str> {
        self.failure.get().map(String::as_str)
    }

    /// The error for a line that cannot be read back as indexed; the first
    /// one is kept for the report.
    fn unreadable_line(&self, ordinal: u32, reason: String) -> ReplayError {
        let error = ReplayError::Reread {
            file: self.source.clone(),
            line: self.lines.get(ordinal).unwrap_or(0),
            reason,
        };
        let _ = self.failure.set(error.to_string());
        error
    }

    /// The bytes of event `ordinal`'s line (with any blank lines before it
    /// and its newline), read back.
    fn bytes(&self, ordinal: u32) -> Result<Bytes, ReplayError> {
        let (start, next) = self.offsets.span(ordinal).unwrap_or((0, None));
        let end = next.unwrap_or(self.end);
        self.store.read(start, end).map_err(|e| match e {
            Reread::Changed => self.unreadable_line(ordinal, CHANGED.to_owned()),
            Reread::Io(e) => self.unreadable_line(ordinal, format!("cannot read it again: {e}")),
        })
    }

    /// Event `ordinal`'s line, read back and decoded into `T`, which
    /// `check` accepts given the seq the index has for it.
    fn read<'b, T: serde::Deserialize<'b>>(
        &self,
        ordinal: u32,
        bytes: &'b Bytes,
        check: impl FnOnce(&T, Option<u64>) -> bool,
    ) -> Result<T, ReplayError> {
        let seq = self.seqs.get(ordinal);
        reread::decode::<T>(bytes)
            .filter(|back| check(back, seq))
            .ok_or_else(|| self.unreadable_line(ordinal, CHANGED.to_owned()))
    }

    /// Like [`Recorded::read`], into the fields every kind of line has.
    fn read_back<'b>(
        &self,
        ordinal: u32,
        bytes: &'b Bytes,
        kind: Option<&str>,
    ) -> Result<Back<'b>, ReplayError> {
        self.read(ordinal, bytes, |back: &Back<'_>, seq| {
            back.seq == seq && kind.is_none_or(|kind| back.kind == kind)
        })
    }

    fn call_back<'b>(
        &self,
        call: &CallRef<'_>,
        bytes: &'b Bytes,
    ) -> Result<CallBack<'b>, ReplayError> {
        self.read(call.event, bytes, |back: &CallBack<'_>, seq| {
            back.seq == seq
        })
    }

    /// The recorded arguments of `call`, parsed.
    pub(crate) fn args(&self, call: &CallRef<'_>) -> Result<Value, ReplayError> {
        let bytes = self.bytes(call.event)?;
        if let Some((payload, _)) = reread::recorder_call(&bytes, call.seq) {
            if let Ok(args) = serde_json::from_slice(payload) {
                return Ok(args);
            }
        }
        let back = self.call_back(call, &bytes)?;
        Ok(back.args.map_or(Value::Null, value))
    }

    /// The recorded arguments of `call` to show: `{"$unreadable": ...}`
    /// when they cannot be read back.
    pub(crate) fn args_shown(&self, call: &CallRef<'_>) -> Value {
        self.args(call).unwrap_or_else(unreadable)
    }

    /// When `call` was recorded (`at_ns`).
    pub(crate) fn at_ns(&self, call: &CallRef<'_>) -> Result<u64, ReplayError> {
        let bytes = self.bytes(call.event)?;
        if let Some((_, at_ns)) = reread::recorder_call(&bytes, call.seq) {
            return Ok(at_ns);
        }
        Ok(self.call_back(call, &bytes)?.at_ns.unwrap_or(0))
    }

    /// The recorded return of `call`, if it returned.
    pub(crate) fn ret(&self, call: &CallRef<'_>) -> Result<Option<Ret>, ReplayError> {
        let Some(event) = call.ret else {
            return Ok(None);
        };
        let bytes = self.bytes(event)?;
        let seq = self.seqs.get(event).unwrap_or(0);
        let within = |payload: &[u8]| {
            let start = (payload.as_ptr() as usize).saturating_sub(bytes.as_ptr() as usize);
            start..start + payload.len()
        };
        if let Some((side, payload, at_ns)) = reread::recorder_return(&bytes, seq) {
            let payload = within(payload);
            return Ok(Some(Ret {
                seq,
                at_ns,
                side,
                bytes,
                payload,
            }));
        }
        let back = self.read(event, &bytes, |back: &RetBack<'_>, seq| {
            back.seq == seq && back.call == Some(call.seq)
        })?;
        let (side, payload) = match (back.ok, back.err, back.panic) {
            (Some(v), None, None) => ("ok", v),
            (None, Some(e), None) => ("err", e),
            (None, None, Some(p)) => ("panic", p),
            _ => return Err(self.unreadable_line(event, CHANGED.to_owned())),
        };
        let (payload, at_ns) = (within(payload.get().as_bytes()), back.at_ns.unwrap_or(0));
        Ok(Some(Ret {
            seq,
            at_ns,
            side,
            bytes,
            payload,
        }))
    }

    /// The recorded return of `call`, parsed.
    pub(crate) fn outcome(&self, call: &CallRef<'_>) -> Result<Option<Outcome>, ReplayError> {
        Ok(self.ret(call)?.map(|r| r.outcome()))
    }

    /// The recorded return of `call` to show: `ok {"$unreadable": ...}`
    /// when it cannot be read back.
    pub(crate) fn outcome_shown(&self, call: &CallRef<'_>) -> Option<Outcome> {
        self.outcome(call)
            .unwrap_or_else(|e| Some(Outcome::Ok(unreadable(e))))
    }

    /// The recorded initial state (the first `state` event): its seq and payload.
    pub(crate) fn initial_state(&self) -> Result<Option<(u64, Raw)>, ReplayError> {
        let Some(event) = self.initial_state else {
            return Ok(None);
        };
        let bytes = self.bytes(event)?;
        let back = self.read_back(event, &bytes, Some("state"))?;
        match back.state {
            Some(state) => Ok(Some((back.seq.unwrap_or(0), state.to_owned()))),
            None => Err(self.unreadable_line(event, CHANGED.to_owned())),
        }
    }

    /// One-line summaries of the `n` events recorded just before `seq`.
    pub(crate) fn context(&self, seq: Option<u64>, n: usize) -> Vec<String> {
        let end = match seq {
            Some(seq) => self.seqs.count_below(seq),
            None => self.offsets.len() as u32,
        };
        let mut lines: Vec<String> = self.before(end).take(n).map(|o| self.summary(o)).collect();
        lines.reverse();
        lines
    }

    /// The summary of event `ordinal`, read back.
    fn summary(&self, ordinal: u32) -> String {
        let seq = self.seqs.get(ordinal).unwrap_or(0);
        let mut call_seq = None;
        let read = self.bytes(ordinal).and_then(|bytes| {
            let back = self.read_back(ordinal, &bytes, None)?;
            let summary = match &*back.kind {
                "state" => format!("#{seq} state {}", back.label.as_deref().unwrap_or("")),
                "call" => format!(
                    "#{seq} call {} {}.{} {}",
                    back.dir.as_deref().unwrap_or(""),
                    back.port.as_deref().unwrap_or(""),
                    back.method.as_deref().unwrap_or(""),
                    short_json(&back.args.map_or(Value::Null, value))
                ),
                "return" => {
                    call_seq = back.call;
                    let outcome = match (back.ok, back.err, back.panic) {
                        (Some(v), _, _) => Outcome::Ok(value(v)),
                        (_, Some(e), _) => Outcome::Err(value(e)),
                        (_, _, Some(p)) => Outcome::Panic(value(p)),
                        _ => Outcome::Ok(Value::Null),
                    };
                    format!("{} {}", outcome.side(), short_json(outcome.value()))
                }
                "probe" => format!("#{seq} probe {}", back.name.as_deref().unwrap_or("")),
                other => format!("#{seq} {other}"),
            };
            Ok(summary)
        });
        let summary = match read {
            Ok(summary) => summary,
            Err(e) => return format!("#{seq} {}", unreadable(e)),
        };
        let Some(call_seq) = call_seq else {
            return summary;
        };
        // A return: named after its call.
        let name = self.seqs.find(call_seq).map(|o| {
            self.bytes(o).and_then(|bytes| {
                let back = self.read_back(o, &bytes, Some("call"))?;
                Ok(format!(
                    "{}.{}",
                    back.port.as_deref().unwrap_or(""),
                    back.method.as_deref().unwrap_or("")
                ))
            })
        });
        let name = match name {
            Some(Ok(name)) => name,
            Some(Err(e)) => unreadable(e).to_string(),
            None => String::new(),
        };
        format!("#{seq} return of #{call_seq} {name} {summary}")
    }

    fn call_summary(&self, call: &CallRef<'_>, dir: &str) -> String {
        format!(
            "#{} call {dir} {}.{} {}",
            call.seq,
            self.ports[call.port],
            call.method,
            short_json(&self.args_shown(call))
        )
    }

    /// The inbound call whose scope `scope` is, as findings name it.
    pub(crate) fn inbound_call(&self, scope: usize) -> Option<InboundCall> {
        let (call, _) = self.inbound(scope::inbound_of(scope)?)?;
        Some(InboundCall {
            seq: call.seq,
            port: self.ports[call.port].clone(),
            method: call.method.to_string(),
            args: short_json(&self.args_shown(&call)),
        })
    }

    /// One line for a recorded call made in this run: `#4 out storage.read
    /// {"key":"a"} → ok 3`.
    pub(crate) fn made_summary(&self, index: usize) -> String {
        let call = self.out(index);
        let mut line = self.call_summary(&call, "out");
        if let Some(ret) = self.outcome_shown(&call) {
            line.push_str(&format!(" → {} {}", ret.side(), short_json(ret.value())));
        }
        line
    }

    /// The line naming inbound call `index` with its arguments.
    pub(crate) fn inbound_summary(&self, index: usize) -> String {
        self.call_summary(&self.inb(index), "in")
    }

    /// A recorded outbound call as `{"port", "method", "args"}`, the shape
    /// findings show for a call.
    pub(crate) fn call_json(&self, call: &CallRef<'_>) -> Value {
        serde_json::json!({
            "port": self.ports[call.port],
            "method": call.method,
            "args": self.args_shown(call),
        })
    }
}

/// The index being built, one event at a time, whether events are read
/// from text ([`Recorded::index`]) or held in memory
/// ([`Recorded::load_events`]).
struct Indexing {
    rec: Recorded,
    /// Whether scopes are inferred from position (no `recorder` in the
    /// header: a hand-written transcript without links).
    infer: bool,
    /// Calls still waiting for their return, by seq.
    open: HashMap<u64, Open>,
    /// Inbound calls not yet returned, for transcripts without links.
    open_inbound: Vec<usize>,
    /// Outbound calls of the outside scope so far.
    outside: usize,
    last_seq: Option<u64>,
}

impl Indexing {
    fn new(header: Header, source: String) -> Indexing {
        Indexing {
            infer: header.recorder.is_empty(),
            rec: Recorded {
                source,
                store: Store::Memory(Arc::new([])),
                header,
                initial_state: None,
                ending: Ending::CutShort { torn_line: None },
                ports: Vec::new(),
                port_ids: HashMap::new(),
                callees: Vec::new(),
                callee_ids: Vec::new(),
                outbound: Vec::new(),
                inbound: Vec::new(),
                scope_start: Vec::new(),
                scope_calls: Vec::new(),
                orphans: 0,
                gap: None,
                dropped: 0,
                offsets: Offsets::default(),
                seqs: Runs::default(),
                lines: Runs::default(),
                end: 0,
                strays: Vec::new(),
                failure: OnceLock::new(),
            },
            open: HashMap::new(),
            open_inbound: Vec::new(),
            outside: 0,
            last_seq: None,
        }
    }

    /// Indexes `event`, whose line starts at `offset` and is line `line`.
    /// Its payloads are not looked at. An `end` event is not indexed: it is
    /// the ending, given to [`Indexing::finish`].
    fn add<P>(&mut self, event: Event<P>, offset: u64, line: u64) -> Result<(), ReplayError> {
        let rec = &mut self.rec;
        let Some(seq) = event.seq() else {
            return Ok(());
        };
        if let Some(last) = self.last_seq {
            if rec.gap.is_none() && seq > last + 1 {
                rec.gap = Some((last, seq));
            }
        }
        self.last_seq = Some(seq);
        let ordinal = u32::try_from(rec.offsets.len())
            .ok()
            .filter(|&o| o < NONE)
            .ok_or_else(|| {
                ReplayError::msg(format!(
                    "{}: line {line}: the transcript has more events than replay can index ({NONE})",
                    rec.source
                ))
            })?;
        rec.offsets.push(offset);
        rec.seqs.push(seq);
        rec.lines.push(line);
        match event {
            Event::State(_) => {
                if rec.initial_state.is_none() {
                    rec.initial_state = Some(ordinal);
                }
            }
            Event::Call(c) => {
                let port = rec.intern(c.port);
                let mut call = CallIx {
                    event: ordinal,
                    ret: NONE,
                    callee: rec.callee(port, c.method),
                    scope: 0,
                };
                match c.dir {
                    Direction::Out => {
                        let index = rec.outbound.len();
                        let scope = match c.parent {
                            Some(parent) => self.open.get(&parent).map_or(ORPHAN, |o| o.scope),
                            None if self.infer && self.open_inbound.len() == 1 => {
                                scope::of_inbound(self.open_inbound[0])
                            }
                            None => scope::OUTSIDE,
                        };
                        match scope {
                            ORPHAN => rec.orphans += 1,
                            scope::OUTSIDE => self.outside += 1,
                            _ => {}
                        }
                        call.scope = small(scope);
                        self.open.insert(
                            c.seq,
                            Open {
                                dir: Direction::Out,
                                index,
                                scope,
                            },
                        );
                        rec.outbound.push(call);
                    }
                    Direction::In => {
                        let index = rec.inbound.len();
                        let scope = scope::of_inbound(index);
                        self.open.insert(
                            c.seq,
                            Open {
                                dir: Direction::In,
                                index,
                                scope,
                            },
                        );
                        self.open_inbound.push(index);
                        rec.inbound.push(InIx {
                            event: call.event,
                            ret: NONE,
                            callee: call.callee,
                            // Fewer calls than events: they fit.
                            outside_before: self.outside as u32,
                            out_before: rec.outbound.len() as u32,
                        });
                    }
                }
            }
            Event::Return(r) => match self.open.remove(&r.call) {
                Some(Open { dir, index, .. }) => match dir {
                    Direction::Out => rec.outbound[index].ret = ordinal,
                    Direction::In => {
                        self.open_inbound.retain(|&i| i != index);
                        rec.inbound[index].ret = ordinal;
                    }
                },
                // A return for a call we never saw (a transcript that
                // starts mid-way) is in no context.
                None => rec.strays.push(ordinal),
            },
            Event::Probe(_) | Event::End(_) => {}
        }
        Ok(())
    }

    /// The index, the transcript having ended as `ending` (what its `end`
    /// line counts as dropped included) at byte `end`.
    fn finish(self, ending: Ending, end: u64) -> Recorded {
        let mut rec = self.rec;
        if let Ending::Clean { dropped, .. } = ending {
            rec.dropped = dropped;
        }
        rec.ending = ending;
        rec.end = end;
        rec.index_scopes();
        rec
    }
}

/// Appends `value` to `text` as one transcript line.
fn encode<T: Serialize + ?Sized>(
    text: &mut Vec<u8>,
    value: &T,
    source: &str,
) -> Result<(), ReplayError> {
    encode_line(text, value)
        .map_err(|e| ReplayError::msg(format!("{source}: cannot encode an event as a line: {e}")))
}

/// Why a line read back is refused.
const CHANGED: &str = "the transcript file changed since the replay indexed it (this line, or the block of the file around it, differs): load it again";

/// The value shown for a payload that cannot be read back: the error names
/// the file and the line, never a value.
fn unreadable(error: ReplayError) -> Value {
    serde_json::json!({ "$unreadable": error.to_string() })
}

/// A scope as the index keeps it.
fn small(scope: usize) -> u32 {
    u32::try_from(scope).unwrap_or(u32::MAX)
}

/// A recorded payload parsed into a [`Value`], the one way the replayer
/// turns raw payloads into values.
///
/// The reader has validated the text as JSON, so what can still fail is
/// what a `Value` cannot hold: nesting deeper than serde_json's recursion
/// limit, or a number beyond the range of `f64`. Such a payload becomes
/// `{"$unreadable": reason}`: it compares as a difference and shows in a
/// report, rather than failing the replay.
pub(crate) fn value(raw: &RawValue) -> Value {
    serde_json::from_str(raw.get())
        .unwrap_or_else(|e| serde_json::json!({ "$unreadable": json_error_message(&e) }))
}

/// Deserialises a recorded payload into `T` straight from its text, with
/// no intermediate `Value`.
///
/// When that fails, `T` is deserialised from the payload parsed by
/// [`value`], as the replayer did before payloads were kept raw: a type
/// that reads the value but not the text still gets it, and the error
/// reads as before, without a position inside the payload's text. The
/// error comes with that value, for the report. The error's message may
/// quote the payload: a message built from it renders it with
/// [`json_error_message`], and an error that keeps it keeps
/// [`redacted`](crate::error::redacted) instead.
pub(crate) fn deserialize<T: DeserializeOwned>(
    raw: &RawValue,
) -> Result<T, (serde_json::Error, Value)> {
    if let Ok(v) = serde_json::from_str(raw.get()) {
        return Ok(v);
    }
    let parsed = value(raw);
    T::deserialize(&parsed).map_err(|e| (e, parsed))
}

/// Compact JSON, cut to about 60 characters.
pub(crate) fn short_json(value: &Value) -> String {
    const MAX: usize = 60;
    let text = value.to_string();
    if text.chars().count() <= MAX {
        return text;
    }
    let mut short: String = text.chars().take(MAX).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"{"reprise":1,"kind":"header","component":"kv"}
{"seq":0,"kind":"state","label":"initial","state":{"n":1}}
{"seq":1,"kind":"call","dir":"in","port":"api","method":"put","args":{"k":"a"}}
{"seq":2,"kind":"call","dir":"out","port":"storage","method":"write","args":{"k":"a"}}
{"seq":3,"kind":"return","call":2,"ok":7}
{"seq":4,"kind":"return","call":1,"ok":null}
{"seq":5,"kind":"probe","name":"q.depth","fields":{}}
{"seq":6,"kind":"call","dir":"in","port":"api","method":"get","args":{"k":"a"}}
"#;

    fn load(text: &str) -> Recorded {
        Recorded::load_text(text.as_bytes(), "<string>".into()).unwrap()
    }

    #[test]
    fn indexes_calls_with_their_returns_and_causal_position() {
        let rec = load(TEXT);
        assert_eq!(rec.outbound_len(), 1);
        assert_eq!(
            rec.outcome(&rec.out(0)).unwrap(),
            Some(Outcome::Ok(7.into()))
        );
        assert_eq!(rec.inbound(0).unwrap().1.outside_before(), 0);
        assert_eq!(rec.inbound(1).unwrap().1.outside_before(), 0);
        assert!(rec.inb(1).ret.is_none());
        // No `recorder` in the header and no parent links: the write made
        // while `put` was open belongs to it.
        let scopes: Vec<&[u32]> = (0..rec.scopes_len()).map(|s| rec.scope(s)).collect();
        assert_eq!(scopes, [&[][..], &[0], &[]]);
        assert_eq!(rec.out(0).scope, scope::of_inbound(0));
        assert!(rec.cut_short());
        let (seq, state) = rec.initial_state().unwrap().unwrap();
        assert_eq!((seq, value(&state)), (0, serde_json::json!({"n": 1})));
        assert_eq!(rec.last_seq(), Some(6));
    }

    #[test]
    fn context_summarises_the_events_before() {
        let rec = load(TEXT);
        assert_eq!(
            rec.context(Some(6), 3),
            [
                "#3 return of #2 storage.write ok 7",
                "#4 return of #1 api.put ok null",
                "#5 probe q.depth",
            ]
        );
        assert_eq!(rec.context(Some(0), 3), Vec::<String>::new());
    }

    fn raw(text: &str) -> Raw {
        RawValue::from_string(text.to_owned()).unwrap()
    }

    #[test]
    fn a_payload_a_value_cannot_hold_is_unreadable_not_an_error() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let unreadable = value(&raw(&deep));
        assert!(unreadable["$unreadable"].is_string(), "{unreadable}");
        assert_eq!(
            value(&raw(r#"{"a": [1, 2.5]}"#)),
            serde_json::json!({"a": [1, 2.5]})
        );
    }

    #[test]
    fn deserialize_reads_the_text_and_errors_read_as_from_a_value() {
        assert_eq!(deserialize::<u64>(&raw("7")).unwrap(), 7);
        let (e, parsed) = deserialize::<u64>(&raw(r#""one""#)).unwrap_err();
        assert_eq!(e.to_string(), r#"invalid type: string "one", expected u64"#);
        assert_eq!(parsed, "one");
    }

    #[test]
    fn short_json_cuts_long_values() {
        let long = Value::String("x".repeat(100));
        assert_eq!(short_json(&long).chars().count(), 61);
    }
}
