//! The inbound driver: feeds the recorded inbound calls to the component at
//! their causal position and compares what it returns.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::{Arc, PoisonError};
use std::task::{Context, Poll};
use std::time::Instant;

use futures::FutureExt;
use reprise_transcript::{Call, Direction, Event, Outcome, Return};
use serde_json::{Value, json};

use crate::abort::{Unwind, classify};
use crate::actual::Captured;
use crate::error::ReplayError;
use crate::inbound::Inbound;
use crate::recorded;
use crate::scope::{self, InScope};
use crate::session::{Action, Progress, Replay, Shared};
use reprise_expect::Report;
use reprise_expect::{Finding, FindingKind};

/// How the driver's closure ended for one inbound call.
enum Handled {
    Returned(Outcome),
    Failed(ReplayError),
    Unwound(Unwind),
}

impl Replay {
    /// Drives a synchronous component: feeds it every recorded inbound call,
    /// in recorded order, through `f`, and returns the report.
    ///
    /// `f` calls the real component with the [`Inbound`] call and returns
    /// what it returned as an [`Outcome`]; the driver compares it with the
    /// recorded return ([`FindingKind::ReturnDiffers`], with the paths).
    ///
    /// - **Causal position.** Before inbound call *k* is fed, every outbound
    ///   call recorded before it must have been made. A synchronous
    ///   component makes its calls before it returns, so the calls still not
    ///   made then are [`FindingKind::MissingCall`]s; so are the calls never
    ///   made once the inbound calls are exhausted.
    /// - **Panics** in the component are caught and reported as
    ///   [`FindingKind::Panic`] at the inbound call, naming the last outbound
    ///   call it made. An error returned by `f` is a [`FindingKind::Error`].
    ///   In both cases, and when a port stopped the call at an unexpected
    ///   call, the outbound calls that inbound call did not get to make are
    ///   passed over without further findings: they follow from the first.
    /// - **Probes and checkpoints** in the transcript are skipped: the
    ///   driver feeds calls only.
    /// - **Expectations** given to
    ///   [`ReplayBuilder::expectations`](crate::ReplayBuilder::expectations)
    ///   observe what the component does as it is driven; their findings
    ///   come after the divergences in the report.
    /// - With [`stop_at_first`](crate::ReplayBuilder::stop_at_first) (the
    ///   default), no inbound call is fed after the first divergence.
    ///
    /// ```
    /// use reprise::replayer::{Outcome, Replay, ReplayError};
    /// let replay = Replay::from_str(r#"{"reprise":1,"kind":"header","component":"counter"}
    /// {"seq":0,"kind":"call","dir":"in","port":"api","method":"add","args":{"n":2}}
    /// {"seq":1,"kind":"return","call":0,"ok":2}
    /// {"seq":2,"kind":"call","dir":"in","port":"api","method":"add","args":{"n":3}}
    /// {"seq":3,"kind":"return","call":2,"ok":5}
    /// {"kind":"end","events":4,"dropped":0}
    /// "#)?;
    /// let mut total = 0;
    /// let report = replay.drive(|call| match call.method() {
    ///     "add" => { total += call.arg::<u64>("n")?; Ok(Outcome::ok(&total)?) }
    ///     _ => Err(ReplayError::unknown_method(call)),
    /// });
    /// report.assert_clean();
    /// # Ok::<(), ReplayError>(())
    /// ```
    pub fn drive<F>(&self, mut f: F) -> Report
    where
        F: FnMut(&Inbound) -> Result<Outcome, ReplayError>,
    {
        let shared = &self.shared;
        let _driving = Driving::enter(shared);
        while let Some((index, args)) = shared.begin_inbound() {
            let inbound = Inbound::new(shared.clone(), index, args);
            let handled = {
                let _scope = scope::enter(shared.id, scope::of_inbound(index));
                match catch_unwind(AssertUnwindSafe(|| f(&inbound))) {
                    Ok(Ok(outcome)) => Handled::Returned(outcome),
                    Ok(Err(e)) => Handled::Failed(e),
                    Err(payload) => Handled::Unwound(classify(&*payload)),
                }
            };
            shared.end_inbound(index, handled);
        }
        self.finish_after()
    }

    /// Drives an asynchronous component: like [`Replay::drive`], with `f`
    /// an async closure, for components that spawn background tasks.
    ///
    /// `f` is an async closure (`async |call| ..`, Rust 1.85), so it may
    /// borrow the component mutably for each call, with no `Arc` or mutex:
    /// `replay.drive_async(async |call| ApiDispatcher::dispatch(&mut node, &call).await)`.
    /// It takes the [`Inbound`] call by value (a cheap handle). A plain
    /// closure returning a future works too when it owns what it uses; it
    /// then needs its argument's type written out (`|call: Inbound| ..`).
    ///
    /// Calls the future makes while it is polled belong to its inbound call
    /// (as they did while recording); tasks it spawns are outside it.
    ///
    /// Before feeding inbound call *k*, the driver waits, up to the
    /// [settle timeout](crate::ReplayBuilder::settle_timeout), for the
    /// component's background tasks to make the outbound calls recorded
    /// before *k*, yielding to the runtime meanwhile (it is woken as soon as
    /// they are made, not by polling). Calls still not made after the
    /// timeout are [`FindingKind::MissingCall`]s. It does the same after the
    /// last inbound call. Panics inside the future are caught. Works on any
    /// executor: the timeout is kept by a helper thread, not a runtime timer.
    ///
    /// The causal position is made of outbound calls: what a background task
    /// does *after* its last call recorded before *k* (updating shared state,
    /// say) is not waited for, and races with call *k* on a multi-threaded
    /// runtime just as it did while recording.
    ///
    /// ```
    /// use reprise::replayer::{Outcome, Replay};
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), reprise::replayer::ReplayError> {
    /// let replay = Replay::from_str(r#"{"reprise":1,"kind":"header","component":"worker"}
    /// {"seq":0,"kind":"call","dir":"in","port":"api","method":"submit","args":{"job":7}}
    /// {"seq":1,"kind":"return","call":0,"ok":"queued"}
    /// {"seq":2,"kind":"call","dir":"out","port":"results","method":"publish","args":{"job":7}}
    /// {"seq":3,"kind":"return","call":2,"ok":null}
    /// {"kind":"end","events":4,"dropped":0}
    /// "#)?;
    /// let results = replay.port("results");
    /// let report = replay
    ///     .drive_async(async |call| {
    ///         let job: u64 = call.arg("job")?;
    ///         let results = results.clone();
    ///         // The work happens in the background, after `submit` returns.
    ///         tokio::spawn(async move {
    ///             let () = results.outbound("publish", &serde_json::json!({"job": job}));
    ///         });
    ///         Ok(Outcome::ok("queued")?)
    ///     })
    ///     .await;
    /// report.assert_clean();
    /// # Ok(())
    /// # }
    /// ```
    pub async fn drive_async<F>(&self, mut f: F) -> Report
    where
        F: AsyncFnMut(Inbound) -> Result<Outcome, ReplayError>,
    {
        let shared = &self.shared;
        let _driving = Driving::enter(shared);
        let timeout = shared.config.settle_timeout;
        loop {
            match shared.next_need() {
                None => break,
                Some(need) => Settle::new(shared, need, timeout).await,
            }
            let Some((index, args)) = shared.begin_inbound() else {
                break;
            };
            let inbound = Inbound::new(shared.clone(), index, args);
            let scope = scope::of_inbound(index);
            let started = {
                let _scope = scope::enter(shared.id, scope);
                catch_unwind(AssertUnwindSafe(|| f(inbound)))
            };
            let handled = match started {
                Err(payload) => Handled::Unwound(classify(&*payload)),
                Ok(fut) => match AssertUnwindSafe(InScope::new(fut, shared.id, scope))
                    .catch_unwind()
                    .await
                {
                    Ok(Ok(outcome)) => Handled::Returned(outcome),
                    Ok(Err(e)) => Handled::Failed(e),
                    Err(payload) => Handled::Unwound(classify(&*payload)),
                },
            };
            shared.end_inbound(index, handled);
        }
        if !shared.lock().stopped(&shared.config) {
            let all = shared.rec.scope(scope::OUTSIDE).len();
            Settle::new(shared, all, timeout).await;
        }
        self.finish_after()
    }

    /// Builds the component inside the replay: `build` runs with this
    /// session's ports live, outside any inbound call, so the calls it
    /// makes (a node that reads its storage in its constructor) are matched
    /// against the calls recorded before the first inbound call and
    /// reported like any other. A divergence or a panic while building is a
    /// [`ReplayError::Setup`] holding the report, not a panic of the test;
    /// the report of the drive that follows holds its findings too.
    ///
    /// ```
    /// use reprise::replayer::{Outcome, Replay, ReplayPort};
    /// struct Node { term: u64, storage: ReplayPort }
    /// impl Node {
    ///     fn new(storage: ReplayPort) -> Node {
    ///         let term = storage.outbound("term", &());
    ///         Node { term, storage }
    ///     }
    /// }
    /// let replay = Replay::from_str(r#"{"reprise":1,"kind":"header","component":"node"}
    /// {"seq":0,"kind":"call","dir":"out","port":"storage","method":"term","args":null}
    /// {"seq":1,"kind":"return","call":0,"ok":4}
    /// {"seq":2,"kind":"call","dir":"in","port":"api","method":"term","args":{}}
    /// {"seq":3,"kind":"return","call":2,"ok":4}
    /// "#)?;
    /// let node = replay.setup(|| Node::new(replay.port("storage")))?;
    /// let report = replay.drive(|_| Ok(Outcome::ok(&node.term)?));
    /// report.assert_clean();
    ///
    /// // A build that reads what the recording does not have:
    /// let fresh = replay.fresh();
    /// let err = fresh.setup(|| fresh.port("storage").outbound::<_, u64>("commit", &())).unwrap_err();
    /// assert!(err.to_string().contains("unexpected call"), "{err}");
    /// # let _ = node.storage;
    /// # Ok::<(), reprise::replayer::ReplayError>(())
    /// ```
    pub fn setup<T>(&self, build: impl FnOnce() -> T) -> Result<T, ReplayError> {
        let shared = &self.shared;
        let _driving = Driving::enter(shared);
        let built = {
            let _scope = scope::enter(shared.id, scope::OUTSIDE);
            catch_unwind(AssertUnwindSafe(build))
        };
        self.built(built.map_err(|payload| classify(&*payload)))
    }

    /// [`Replay::setup`] for a component built by a future.
    ///
    /// ```
    /// use reprise::replayer::Replay;
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), reprise::replayer::ReplayError> {
    /// let replay = Replay::from_str(r#"{"reprise":1,"kind":"header","component":"node"}
    /// {"seq":0,"kind":"call","dir":"out","port":"storage","method":"term","args":null}
    /// {"seq":1,"kind":"return","call":0,"ok":4}
    /// "#)?;
    /// let storage = replay.port("storage");
    /// let term: u64 = replay.setup_async(async { storage.outbound("term", &()) }).await?;
    /// assert_eq!(term, 4);
    /// # Ok(())
    /// # }
    /// ```
    pub async fn setup_async<T>(&self, build: impl Future<Output = T>) -> Result<T, ReplayError> {
        let shared = &self.shared;
        let _driving = Driving::enter(shared);
        let built = AssertUnwindSafe(InScope::new(build, shared.id, scope::OUTSIDE))
            .catch_unwind()
            .await;
        self.built(built.map_err(|payload| classify(&*payload)))
    }

    fn built<T>(&self, built: Result<T, Unwind>) -> Result<T, ReplayError> {
        let shared = &*self.shared;
        match built {
            Ok(value) => Ok(value),
            Err(unwind) => {
                let mut progress = shared.lock();
                if let Unwind::Panic(message) = unwind {
                    let finding = Finding::new(
                        FindingKind::Panic,
                        format!("the component panicked while being built (setup): {message}"),
                    )
                    .values(
                        None,
                        Some(json!({ "panic": message })),
                        Vec::new(),
                    );
                    let finding = shared.with_context(&progress, finding, scope::OUTSIDE);
                    progress.record(&shared.config, finding);
                }
                Err(ReplayError::Setup(Box::new(shared.report(&progress))))
            }
        }
    }
}

impl Shared {
    /// How many outside-scope calls must be made before the next inbound
    /// call is fed; `None` when there is none to feed.
    fn next_need(&self) -> Option<usize> {
        let progress = self.lock();
        if progress.stopped(&self.config) {
            return None;
        }
        self.rec
            .inbound(progress.next_inbound)
            .map(|(_, i)| i.outside_before())
    }

    /// Reports the outside calls not made before the next inbound call and
    /// starts feeding it, with its recorded arguments read back; `None`
    /// when there is nothing (more) to feed.
    fn begin_inbound(&self) -> Option<(usize, Arc<Value>)> {
        let mut progress = self.lock();
        let index = progress.next_inbound;
        let (call, next) = self.rec.inbound(index)?;
        if progress.stopped(&self.config) {
            return None;
        }
        let when = format!(
            "before inbound call #{} {}.{} was fed",
            call.seq, self.rec.ports[call.port], call.method
        );
        self.end_scope(
            &mut progress,
            scope::OUTSIDE,
            next.outside_before(),
            false,
            None,
            &when,
        );
        if progress.stopped(&self.config) {
            return None;
        }
        let args = match self.rec.args(&call) {
            Ok(args) => Arc::new(args),
            Err(e) => {
                self.unreadable(&mut progress, scope::OUTSIDE, &e.to_string());
                return None;
            }
        };
        progress.next_inbound += 1;
        progress.fed += 1;
        progress.capture(|| Captured::In(index));
        progress.observe(|_| {
            Event::Call(Call {
                seq: call.seq,
                dir: Direction::In,
                port: self.rec.ports[call.port].clone(),
                method: call.method.to_string(),
                args: (*args).clone(),
                at_ns: self.rec.at_ns(&call).unwrap_or(0),
                parent: None,
                task: None,
            })
        });
        Some((index, args))
    }

    /// Ends inbound call `index`: the calls of its scope not made, then
    /// what it returned (or how it ended) against the recording.
    fn end_inbound(&self, index: usize, handled: Handled) {
        let rec = &*self.rec;
        let call = rec.inb(index);
        let scope = scope::of_inbound(index);
        let mut progress = self.lock();
        match handled {
            Handled::Returned(outcome) => {
                self.end_scope(&mut progress, scope, usize::MAX, false, Some(&outcome), "");
                self.returned(&mut progress, index, outcome);
            }
            Handled::Failed(error) => {
                self.end_scope(&mut progress, scope, usize::MAX, true, None, "");
                let mut message = format!(
                    "the driver's closure failed on {}: {error}",
                    crate::findings::place(rec, scope)
                );
                if matches!(error, ReplayError::UnknownMethod { .. }) && progress.fed == 1 {
                    message.push_str(&format!(
                        "; this transcript was recorded from component `{}`: is it the transcript of the component being replayed? (`ReplayBuilder::component` checks that when loading)",
                        rec.header.component
                    ));
                }
                let finding = Finding::new(FindingKind::Error, message.clone()).at(
                    Some(call.seq),
                    rec.ports[call.port].clone(),
                    call.method.to_string(),
                );
                let finding = self.with_context(&progress, finding, scope);
                progress.record(&self.config, finding);
                progress.log(|| {
                    action(
                        call.seq,
                        &rec.ports[call.port],
                        call.method,
                        "error",
                        json!(message),
                    )
                });
            }
            Handled::Unwound(Unwind::Abort) => {
                self.end_scope(&mut progress, scope, usize::MAX, true, None, "");
            }
            Handled::Unwound(Unwind::Panic(message)) => {
                self.panicked(&mut progress, index, message);
            }
        }
        progress.calls.close(scope);
    }

    /// Compares what inbound call `index` returned with the recording.
    fn returned(&self, progress: &mut Progress, index: usize, outcome: Outcome) {
        let (rec, config) = (&*self.rec, &*self.config);
        let call = rec.inb(index);
        let port = &rec.ports[call.port];
        let scope = scope::of_inbound(index);
        let here = crate::findings::place(rec, scope);
        let recorded_ret = match rec.ret(&call) {
            Ok(ret) => ret,
            Err(e) => {
                self.unreadable(progress, scope, &e.to_string());
                None
            }
        };
        if let Some(recorded) = &recorded_ret {
            let recorded = recorded.outcome();
            let paths = match &recorded {
                Outcome::Panic(_) => vec!["$.panic".to_owned(), format!("$.{}", outcome.side())],
                _ => config.ignore.differing_outcomes(&recorded, &outcome),
            };
            if !paths.is_empty() && !progress.stopped(config) {
                let message = match &recorded {
                    Outcome::Panic(m) => format!(
                        "the recording has {here} panic with {}, but the recorded panic did not happen: it returned {} {}",
                        recorded::short_json(m),
                        outcome.side(),
                        recorded::short_json(outcome.value())
                    ),
                    _ => format!(
                        "{here} returned something else than recorded, at {}",
                        paths.join(", ")
                    ),
                };
                let finding = Finding::new(FindingKind::ReturnDiffers, message)
                    .at(Some(call.seq), port.clone(), call.method.to_string())
                    .values(Some(recorded.to_json()), Some(outcome.to_json()), paths);
                let finding = self.with_context(progress, finding, scope);
                progress.record(config, finding);
            }
        }
        progress.observe(|last_at_ns| {
            // No recorded return (cut short): the call's own seq and the latest time.
            let (seq, at_ns) = match &recorded_ret {
                Some(ret) => (ret.seq, ret.at_ns),
                None => (call.seq, last_at_ns),
            };
            Event::Return(Return {
                seq,
                call: call.seq,
                outcome: outcome.clone(),
                at_ns,
            })
        });
        progress.capture(|| Captured::Ret {
            index,
            outcome: outcome.clone(),
        });
        progress.log(|| {
            let field = outcome.side();
            let (Outcome::Ok(value) | Outcome::Err(value) | Outcome::Panic(value)) = outcome;
            action(call.seq, port, call.method, field, value)
        });
    }

    /// The component panicked in inbound call `index`: clean when the
    /// recording has the same panic there, else a finding.
    fn panicked(&self, progress: &mut Progress, index: usize, message: String) {
        let (rec, config) = (&*self.rec, &*self.config);
        let call = rec.inb(index);
        let port = &rec.ports[call.port];
        let scope = scope::of_inbound(index);
        let actual = Outcome::Panic(json!(message));
        progress.capture(|| Captured::Ret {
            index,
            outcome: actual.clone(),
        });
        progress.log(|| action(call.seq, port, call.method, "panic", json!(message)));
        let recorded = match rec.outcome(&call) {
            Ok(recorded) => recorded,
            Err(e) => {
                self.end_scope(progress, scope, usize::MAX, true, None, "");
                self.unreadable(progress, scope, &e.to_string());
                return;
            }
        };
        let paths = match &recorded {
            Some(Outcome::Panic(_)) => config
                .ignore
                .differing_outcomes(recorded.as_ref().unwrap_or(&actual), &actual),
            _ => vec!["$.panic".to_owned()],
        };
        if paths.is_empty() {
            // The recorded panic happened again: the calls it made before
            // it are judged as usual.
            self.end_scope(progress, scope, usize::MAX, false, Some(&actual), "");
            return;
        }
        self.end_scope(progress, scope, usize::MAX, true, None, "");
        let here = crate::findings::place(rec, scope);
        let after = match progress.calls.recent(scope, 1).first() {
            Some(&i) => {
                let out = rec.out(i);
                format!(
                    ", after its outbound call #{} {}.{}",
                    out.seq, rec.ports[out.port], out.method
                )
            }
            None => String::new(),
        };
        let mut text = format!("the component panicked while handling {here}{after}: {message}");
        if let Some(Outcome::Panic(m)) = &recorded {
            text.push_str(&format!(
                " (the recording has a panic there with {})",
                recorded::short_json(m)
            ));
        }
        let finding = Finding::new(FindingKind::Panic, text)
            .at(Some(call.seq), port.clone(), call.method.to_string())
            .values(recorded.map(|r| r.to_json()), Some(actual.to_json()), paths);
        let finding = self.with_context(progress, finding, scope);
        progress.record(config, finding);
    }
}

fn action(
    seq: u64,
    port: &str,
    method: &str,
    field: &'static str,
    value: serde_json::Value,
) -> Action {
    Action {
        seq: Some(seq),
        port: port.to_owned(),
        method: method.to_owned(),
        field,
        value,
    }
}

/// Marks a session as driven for as long as it lives, so that divergences
/// abort the inbound call instead of panicking; stops the settle timer.
struct Driving<'a> {
    shared: &'a Shared,
}

impl<'a> Driving<'a> {
    fn enter(shared: &'a Arc<Shared>) -> Self {
        shared.lock().driving += 1;
        Driving { shared }
    }
}

impl Drop for Driving<'_> {
    fn drop(&mut self) {
        let mut progress = self.shared.lock();
        progress.driving = progress.driving.saturating_sub(1);
        let Some(handle) = progress.timer.handle.take() else {
            return;
        };
        progress.timer.stop = true;
        drop(progress);
        self.shared.timer_cv.notify_all();
        // The thread exits as soon as it sees `stop`.
        let _ = handle.join();
        let mut progress = self.shared.lock();
        progress.timer.stop = false;
        progress.timer.deadline = None;
    }
}

/// Waits until the first `need` recorded calls of the outside scope have
/// been made (or passed over), or until the deadline. Woken by the port that makes a call,
/// or by the timer thread at the deadline.
struct Settle {
    shared: Arc<Shared>,
    need: usize,
    deadline: Instant,
}

impl Settle {
    fn new(shared: &Arc<Shared>, need: usize, timeout: std::time::Duration) -> Settle {
        Settle {
            shared: shared.clone(),
            need,
            deadline: Instant::now() + timeout,
        }
    }
}

impl Future for Settle {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        let mut progress = this.shared.lock();
        let rec = &this.shared.rec;
        if progress.calls.settled(rec, scope::OUTSIDE, this.need) || Instant::now() >= this.deadline
        {
            return Poll::Ready(());
        }
        if !progress.waiters.iter().any(|w| w.will_wake(cx.waker())) {
            progress.waiters.push(cx.waker().clone());
        }
        progress.timer.deadline = Some((this.deadline, cx.waker().clone()));
        if progress.timer.handle.is_none() {
            let shared = this.shared.clone();
            match std::thread::Builder::new()
                .name("reprise-settle".into())
                .spawn(move || timer_loop(&shared))
            {
                Ok(handle) => progress.timer.handle = Some(handle),
                // No thread: poll again soon rather than never.
                Err(_) => cx.waker().wake_by_ref(),
            }
        }
        drop(progress);
        this.shared.timer_cv.notify_all();
        Poll::Pending
    }
}

/// The settle timer: wakes the waiting driver at its deadline.
fn timer_loop(shared: &Shared) {
    let mut progress = shared.lock();
    loop {
        if progress.timer.stop {
            return;
        }
        let now = Instant::now();
        progress = match progress.timer.deadline.take() {
            Some((deadline, waker)) if now >= deadline => {
                drop(progress);
                waker.wake();
                shared.lock()
            }
            Some((deadline, waker)) => {
                progress.timer.deadline = Some((deadline, waker));
                shared
                    .timer_cv
                    .wait_timeout(progress, deadline - now)
                    .map(|(guard, _)| guard)
                    .unwrap_or_else(|e| e.into_inner().0)
            }
            None => shared
                .timer_cv
                .wait(progress)
                .unwrap_or_else(PoisonError::into_inner),
        };
    }
}
