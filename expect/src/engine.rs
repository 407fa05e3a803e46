//! [`Expectations`] (the declared set) and [`Engine`] (its evaluation over
//! an event stream).

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;

use reprise_transcript::{Event, Reader};

use crate::EventRef;
use crate::deadlines::Deadlines;
use crate::error::CheckError;
use crate::expectation::{Deadline, Expectation, Now, Out, Tracker};
use crate::finding::Finding;
use crate::grade::Grade;
use crate::pattern::Route;
use crate::report::Report;
use crate::severity::Severity;
use crate::view::{View, What};
use crate::watches::{CallRoute, Fast, Watches};

/// A set of declared expectations, with the grades a profile gave them: the
/// builder that queues expectations, and the factory of [`Engine`]s.
///
/// ```
/// use reprise::expect::{Expectations, expect, expect::{ms, secs}};
/// let expectations = Expectations::new()
///     .expect(expect::call_latency("storage", "append").warn_after(ms(200)).fail_after(secs(1)))
///     .expect(expect::probe_bounds("queue.depth", "len").within(0.0..=1000.0));
/// assert_eq!(expectations.ids().collect::<Vec<_>>(), ["storage.append.latency", "queue.depth.len.bounds"]);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Expectations {
    pub(crate) list: Vec<Expectation>,
    /// Each expectation's position in `list`, by id: adding or grading one
    /// of 50,000 expectations stays constant time.
    index: HashMap<String, usize>,
    pub(crate) grades: HashMap<String, Grade>,
    pub(crate) profile: Option<String>,
}

impl Expectations {
    /// No expectations.
    pub fn new() -> Self {
        Expectations::default()
    }

    /// Adds an expectation. One with the same id as an earlier one replaces it.
    ///
    /// ```
    /// use reprise::expect::{Expectations, expect};
    /// let set = Expectations::new()
    ///     .expect(expect::never(expect::probe("panic")).id("x"))
    ///     .expect(expect::must(expect::probe("ready")).id("x"));
    /// assert_eq!(set.ids().count(), 1);
    /// ```
    pub fn expect(mut self, expectation: impl Into<Expectation>) -> Self {
        let expectation = expectation.into();
        self.upsert(expectation);
        self
    }

    /// Adds `expectation`, or replaces the one with its id; returns its
    /// position.
    pub(crate) fn upsert(&mut self, expectation: Expectation) -> usize {
        match self.index.get(expectation.id()) {
            Some(&i) => {
                self.list[i] = expectation;
                i
            }
            None => {
                let i = self.list.len();
                self.index.insert(expectation.id().to_owned(), i);
                self.list.push(expectation);
                i
            }
        }
    }

    /// The position of the expectation with id `id`.
    pub(crate) fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The ids, in the order declared.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.list.iter().map(Expectation::id)
    }

    /// The name of the profile applied, if any.
    ///
    /// ```
    /// use reprise::expect::Expectations;
    /// assert_eq!(Expectations::new().profile_name(), None);
    /// ```
    pub fn profile_name(&self) -> Option<&str> {
        self.profile.as_deref()
    }

    /// A fresh engine evaluating these expectations for `component`.
    ///
    /// ```
    /// use reprise::expect::{Expectations, expect};
    /// let engine = Expectations::new().expect(expect::must(expect::probe("ready"))).engine("worker");
    /// assert!(!engine.finish().passed());
    /// ```
    pub fn engine(&self, component: impl Into<String>) -> Engine {
        Engine::new(self, component.into())
    }

    /// Checks a whole transcript read from `input`, offline.
    ///
    /// ```
    /// use reprise::expect::{Expectations, expect};
    /// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n";
    /// let report = Expectations::new().check(text.as_bytes())?;
    /// assert!(report.is_clean());
    /// # Ok::<(), reprise::expect::CheckError>(())
    /// ```
    pub fn check<R: BufRead>(&self, input: R) -> Result<Report, CheckError> {
        let mut reader = Reader::new(input)?;
        let mut engine = self.engine(reader.header().component.clone());
        for event in reader.by_ref() {
            engine.observe(&event?);
        }
        let cut = reader.ending().is_some_and(|e| !e.is_clean());
        let mut report = engine.finish();
        if cut {
            let mut notes = report.notes().to_vec();
            notes.push("the recording was cut short".to_owned());
            report = report.with_notes(notes);
        }
        Ok(report)
    }

    /// [`Expectations::check`] over a string.
    ///
    /// ```
    /// use reprise::expect::{Expectations, expect};
    /// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n";
    /// assert!(Expectations::new().check_str(text)?.passed());
    /// # Ok::<(), reprise::expect::CheckError>(())
    /// ```
    pub fn check_str(&self, text: &str) -> Result<Report, CheckError> {
        self.check(text.as_bytes())
    }
}

/// Evaluates expectations over events, one at a time: live (fed by a
/// recorder), offline (over a transcript) or during replay.
///
/// Each event reaches only the expectations indexed under its port and
/// method or probe name (and those that watch every event), so an event
/// costs a couple of hash lookups when nothing watches it. Time is the
/// events' `at_ns`; a live observer also calls [`Engine::check_deadlines`]
/// with its own clock, so that a call that never returns is flagged when its
/// fail deadline passes.
///
/// ```
/// use reprise::expect::{Expectations, expect, expect::secs};
/// use reprise::transcript::{Call, Direction, Event};
/// let mut engine = Expectations::new()
///     .expect(expect::call_latency("storage", "append").fail_after(secs(1)))
///     .engine("kv");
/// engine.observe(&Event::Call(Call {
///     seq: 0, dir: Direction::Out, port: "storage".into(), method: "append".into(),
///     args: serde_json::json!({}), at_ns: 0, parent: None, task: None,
/// }));
/// engine.check_deadlines(500_000_000);
/// assert!(engine.findings().is_empty());
/// engine.check_deadlines(1_200_000_000); // the call has hung for 1.2 s
/// assert_eq!(engine.findings()[0].expectation.as_deref(), Some("storage.append.latency"));
/// ```
#[derive(Debug)]
pub struct Engine {
    component: String,
    slots: Vec<Slot>,
    pub(crate) by_call: Index2,
    pub(crate) by_return: Index2,
    pub(crate) by_probe: HashMap<String, Vec<usize>, Fast>,
    pub(crate) any: Vec<usize>,
    /// The port.method pairs in `by_call` or `by_return`, indexed by the
    /// route ids in `watches`: a call costs one lookup (none when it comes
    /// with its route) and its return none.
    routes: Vec<RouteEntry>,
    /// Open calls whose return someone watches, by seq, for returns that
    /// do not come with their call's route.
    open_calls: HashMap<u64, Open, Fast>,
    next: Deadline,
    /// Every slot's deadline, ordered.
    deadlines: Deadlines,
    start_ns: Option<u64>,
    now_ns: u64,
    events: u64,
    findings: Vec<Finding>,
    notes: Vec<String>,
    targets: Vec<usize>,
    /// What the trackers report on an event, reused.
    out: Out,
    watches: Watches,
}

/// One watched port.method: who watches its calls and its returns.
#[derive(Debug)]
struct RouteEntry {
    port: String,
    method: String,
    calls: Vec<usize>,
    returns: Vec<usize>,
}

/// An open call's port and method: a route's, or (kept for the catch-all
/// expectations) its own.
#[derive(Debug)]
enum Open {
    Route(usize),
    Named(String, String),
}

type Index2 = HashMap<String, HashMap<String, Vec<usize>, Fast>, Fast>;

/// How many findings an expectation keeps; past them it counts, so that an
/// expectation failing over and over (a live observer running for days, a
/// check of a huge transcript) does not grow memory without bound. The
/// report counts what was not kept ([`Report::not_kept`]) and says so.
///
/// ```
/// use reprise::expect::{EventRef, Expectations, KEEP_PER_EXPECTATION, expect};
/// let mut engine = Expectations::new().expect(expect::never(expect::probe("panic")).id("no.panic")).engine("kv");
/// for seq in 0..KEEP_PER_EXPECTATION as u64 + 5 {
///     engine.observe_ref(EventRef::Probe { seq, at_ns: seq, name: "panic", fields: "{}" });
/// }
/// let report = engine.finish();
/// assert_eq!((report.findings().len(), report.not_kept()), (KEEP_PER_EXPECTATION, (5, 0)));
/// assert_eq!(report.tally(), (KEEP_PER_EXPECTATION + 5, 0));
/// assert!(report.notes()[0].starts_with("`no.panic`: 5 more failures and 0 more warnings not kept"));
/// ```
pub const KEEP_PER_EXPECTATION: usize = 1000;

#[derive(Debug)]
struct Slot {
    id: String,
    grade: Option<Grade>,
    tracker: Box<dyn Tracker>,
    deadline: Deadline,
    successes: u64,
    /// Findings kept, and failures and warnings found past them.
    kept: usize,
    not_kept: (usize, usize),
}

impl Engine {
    fn new(set: &Expectations, component: String) -> Engine {
        let mut engine = Engine {
            component,
            slots: Vec::new(),
            by_call: HashMap::default(),
            by_return: HashMap::default(),
            by_probe: HashMap::default(),
            any: Vec::new(),
            routes: Vec::new(),
            open_calls: HashMap::default(),
            next: Deadline::default(),
            deadlines: Deadlines::default(),
            start_ns: None,
            now_ns: 0,
            events: 0,
            findings: Vec::new(),
            notes: Vec::new(),
            targets: Vec::new(),
            out: Out::default(),
            watches: Watches::new(),
        };
        for (i, expectation) in set.list.iter().enumerate() {
            let tracker = expectation.tracker();
            for route in tracker.routes() {
                let list = match route {
                    Route::Call(p, m) => engine.by_call.entry(p).or_default().entry(m).or_default(),
                    Route::Return(p, m) => {
                        engine.by_return.entry(p).or_default().entry(m).or_default()
                    }
                    Route::Probe(n) => engine.by_probe.entry(n).or_default(),
                    Route::Any => &mut engine.any,
                };
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
            engine.slots.push(Slot {
                id: expectation.id().to_owned(),
                grade: set.grades.get(expectation.id()).copied(),
                deadline: tracker.deadline(),
                tracker,
                successes: 0,
                kept: 0,
                not_kept: (0, 0),
            });
        }
        for (i, slot) in engine.slots.iter().enumerate() {
            engine.deadlines.set(i, Deadline::NEVER, slot.deadline);
        }
        engine.next = engine.deadlines.next();
        let mut pairs: Vec<(&String, &String)> = [&engine.by_call, &engine.by_return]
            .into_iter()
            .flat_map(|index| {
                index
                    .iter()
                    .flat_map(|(port, methods)| methods.keys().map(move |method| (port, method)))
            })
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        for (port, method) in pairs {
            let Ok(id) = u32::try_from(engine.routes.len()) else {
                break; // Four billion port.methods: not from a real declaration.
            };
            engine.routes.push(RouteEntry {
                calls: lookup(&engine.by_call, port, method)
                    .cloned()
                    .unwrap_or_default(),
                returns: lookup(&engine.by_return, port, method)
                    .cloned()
                    .unwrap_or_default(),
                port: port.clone(),
                method: method.clone(),
            });
            engine
                .watches
                .calls
                .entry(port.clone())
                .or_default()
                .insert(method.clone(), id);
        }
        engine.watches.probes = engine.by_probe.keys().cloned().collect();
        // A return whose call nobody kept is looked up as `"".""`.
        engine.watches.all = !engine.any.is_empty() || lookup(&engine.by_return, "", "").is_some();
        engine
    }

    /// Which events can reach an expectation; see [`Watches`].
    pub fn watches(&self) -> &Watches {
        &self.watches
    }

    /// Evaluates one event that [`Engine::watches`] says reaches no
    /// expectation, without building it: exactly what [`Engine::observe`]
    /// does with such an event (it is counted, its time `at_ns`, `None` for
    /// a state, moves the clock and fires the deadlines due).
    ///
    /// ```
    /// use reprise::expect::{Expectations, expect};
    /// let mut engine = Expectations::new().expect(expect::must(expect::probe("ready"))).engine("kv");
    /// engine.observe_unwatched(Some(5));
    /// assert_eq!(engine.events(), 1);
    /// ```
    pub fn observe_unwatched(&mut self, at_ns: Option<u64>) {
        self.events += 1;
        if let Some(ns) = at_ns {
            self.start_ns.get_or_insert(ns);
            self.now_ns = self.now_ns.max(ns);
        }
        self.tick(self.now_ns);
    }

    /// Evaluates one event. The `end` line is ignored.
    pub fn observe(&mut self, event: &Event) {
        if let Some(view) = View::of(event) {
            self.observe_view(view);
        }
    }

    /// Evaluates one event as a live observer has it, borrowed, with its
    /// payload as JSON text: what [`Engine::observe`] does with the same
    /// event parsed, except that only the fields an expectation reads are
    /// built from the text. See [`EventRef`].
    pub fn observe_ref(&mut self, event: EventRef<'_>) {
        self.observe_view(View::of_ref(event));
    }

    fn observe_view(&mut self, view: View<'_>) {
        let given = view.route.and_then(|r| self.route_index(r));
        let mut named = None;
        let route = match view.what {
            What::Call(_) => match given {
                // Its return comes with the route too.
                Some(id) => Some(id),
                None => {
                    let route = self.route_of(view.port, view.method);
                    let keep = match route {
                        Some(id) if !self.routes[id].returns.is_empty() || !self.any.is_empty() => {
                            Some(Open::Route(id))
                        }
                        None if !self.any.is_empty() => {
                            Some(Open::Named(view.port.to_owned(), view.method.to_owned()))
                        }
                        _ => None,
                    };
                    if let Some(open) = keep {
                        self.open_calls.insert(view.seq, open);
                    }
                    route
                }
            },
            What::Return(_) if given.is_some() => {
                // In case its call came without the route.
                if !self.open_calls.is_empty() {
                    self.open_calls.remove(&view.call);
                }
                given
            }
            What::Return(_) if !self.open_calls.is_empty() => {
                match self.open_calls.remove(&view.call) {
                    Some(Open::Route(id)) => Some(id),
                    other => {
                        named = other;
                        None
                    }
                }
            }
            _ => None,
        };
        // Out of `self` while the trackers run, for the view to borrow.
        let routes = std::mem::take(&mut self.routes);
        let mut view = View {
            index: self.events,
            ..view
        };
        if let What::Return(_) = view.what {
            match (route, &named) {
                (Some(id), _) => (view.port, view.method) = (&routes[id].port, &routes[id].method),
                (None, Some(Open::Named(p, m))) => (view.port, view.method) = (p, m),
                _ => {}
            }
        }
        self.events += 1;
        if let Some(ns) = view.at_ns {
            self.start_ns.get_or_insert(ns);
            self.now_ns = self.now_ns.max(ns);
        }
        let mut targets = std::mem::take(&mut self.targets);
        let list: &[usize] = match (view.what, route) {
            // The common case: a watched port.method, no catch-all.
            (What::Call(_), Some(id)) if self.any.is_empty() => &routes[id].calls,
            (What::Return(_), Some(id)) if self.any.is_empty() => &routes[id].returns,
            _ => {
                targets.clear();
                match (view.what, route) {
                    (What::Call(_), Some(id)) => targets.extend_from_slice(&routes[id].calls),
                    (What::Return(_), Some(id)) => targets.extend_from_slice(&routes[id].returns),
                    (What::Return(_), None) => targets.extend_from_slice(
                        lookup(&self.by_return, view.port, view.method).map_or(&[], Vec::as_slice),
                    ),
                    (What::Probe, _) => targets
                        .extend_from_slice(self.by_probe.get(view.name).map_or(&[], Vec::as_slice)),
                    _ => {}
                }
                // Each index list is sorted and without duplicates: merging
                // is only needed when the catch-all list is added to another.
                if !self.any.is_empty() && !targets.is_empty() {
                    targets.extend_from_slice(&self.any);
                    targets.sort_unstable();
                    targets.dedup();
                } else {
                    targets.extend_from_slice(&self.any);
                }
                &targets
            }
        };
        let mut out = std::mem::take(&mut self.out);
        for &i in list {
            self.slots[i].tracker.observe(&view, &mut out);
            self.emit(i, &mut out);
            let deadline = self.slots[i].tracker.deadline();
            let old = std::mem::replace(&mut self.slots[i].deadline, deadline);
            self.deadlines.set(i, old, deadline);
            self.next = self.next.earliest(deadline);
        }
        self.out = out;
        self.targets = targets;
        self.routes = routes;
        self.tick(self.now_ns);
    }

    /// The index in `routes` of a route this engine gave out.
    fn route_index(&self, route: CallRoute) -> Option<usize> {
        let index = usize::try_from(route.index).ok()?;
        (route.engine == self.watches.engine && index < self.routes.len()).then_some(index)
    }

    /// The index in `routes` of `port.method`, if it is watched.
    fn route_of(&self, port: &str, method: &str) -> Option<usize> {
        self.watches
            .route(port, method)
            .and_then(|route| usize::try_from(route.index).ok())
    }

    /// Flags what is overdue at `now_ns` (nanoseconds on the events' clock):
    /// a call or a started item with no end by its fail deadline, a window
    /// short of its lower limit. A live observer calls it from a timer;
    /// [`Engine::observe`] calls it with each event's time.
    pub fn check_deadlines(&mut self, now_ns: u64) {
        self.start_ns.get_or_insert(now_ns);
        self.now_ns = self.now_ns.max(now_ns);
        self.tick(self.now_ns);
    }

    fn now(&self, ns: u64) -> Now {
        Now {
            start_ns: self.start_ns.unwrap_or(ns),
            ns,
            index: self.events.saturating_sub(1),
        }
    }

    fn tick(&mut self, ns: u64) {
        let now = self.now(ns);
        let due = |d: Deadline| d.due(ns, now.index);
        if !due(self.next) {
            return;
        }
        let slots = &self.slots;
        let ticked = self.deadlines.due(ns, now.index, |i| slots[i].deadline);
        for i in ticked {
            let mut out = Out::default();
            self.slots[i].tracker.tick(now, &mut out);
            self.emit(i, &mut out);
            let deadline = self.slots[i].tracker.deadline();
            // Its entries were taken out: set it anew.
            self.slots[i].deadline = deadline;
            self.deadlines.set(i, Deadline::NEVER, deadline);
        }
        let slots = &self.slots;
        self.deadlines.compact(slots.len(), |i| slots[i].deadline);
        self.next = self.deadlines.next();
    }

    /// Files what a tracker put in `out`, leaving it empty.
    #[inline]
    fn emit(&mut self, i: usize, out: &mut Out) {
        if out.is_empty() {
            return;
        }
        let slot = &mut self.slots[i];
        if slot.grade == Some(Grade::Ignore) {
            out.findings.clear();
            out.notes.clear();
            return;
        }
        for (tier, mut finding) in out.findings.drain(..) {
            let severity = match slot.grade {
                None => tier,
                Some(grade) => match grade.severity() {
                    Some(severity) => severity,
                    None => {
                        slot.successes += 1;
                        continue;
                    }
                },
            };
            if slot.kept == KEEP_PER_EXPECTATION {
                match severity {
                    Severity::Fail => slot.not_kept.0 += 1,
                    Severity::Warn => slot.not_kept.1 += 1,
                }
                continue;
            }
            slot.kept += 1;
            finding.expectation = Some(slot.id.clone());
            finding.severity = severity;
            self.findings.push(finding);
        }
        self.notes.append(&mut out.notes);
    }

    /// The findings so far, in the order found.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// How many events were observed (the `end` line is not one).
    ///
    /// ```
    /// use reprise::expect::Expectations;
    /// assert_eq!(Expectations::new().engine("kv").events(), 0);
    /// ```
    pub fn events(&self) -> u64 {
        self.events
    }

    /// Ends the evaluation at the last event's time: flags what is overdue
    /// by then, checks what must have happened, and returns the report.
    pub fn finish(mut self) -> Report {
        let now = self.now(self.now_ns);
        for i in 0..self.slots.len() {
            let mut out = Out::default();
            self.slots[i].tracker.finish(now, &mut out);
            self.emit(i, &mut out);
        }
        let successes: BTreeMap<&str, u64> = self
            .slots
            .iter()
            .filter(|s| s.successes > 0)
            .map(|s| (s.id.as_str(), s.successes))
            .collect();
        for (id, n) in successes {
            let times = if n == 1 { "once" } else { "times" };
            let n = if n == 1 {
                String::new()
            } else {
                format!("{n} ")
            };
            self.notes
                .push(format!("`{id}` was not met {n}{times}, graded success"));
        }
        let mut not_kept = (0, 0);
        for slot in self.slots.iter().filter(|s| s.not_kept != (0, 0)) {
            let (failures, warnings) = slot.not_kept;
            not_kept = (not_kept.0 + failures, not_kept.1 + warnings);
            self.notes.push(format!(
                "`{}`: {failures} more {} and {warnings} more {} not kept (the first {KEEP_PER_EXPECTATION} findings are)",
                slot.id,
                if failures == 1 { "failure" } else { "failures" },
                if warnings == 1 { "warning" } else { "warnings" },
            ));
        }
        let events = usize::try_from(self.events).unwrap_or(usize::MAX);
        Report::check(self.component, events, self.findings)
            .with_notes(self.notes)
            .with_not_kept(not_kept.0, not_kept.1)
    }
}

fn lookup<'a>(index: &'a Index2, port: &str, method: &str) -> Option<&'a Vec<usize>> {
    index.get(port)?.get(method)
}
