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
use serde_json::json;

use crate::abort::{Unwind, classify};
use crate::error::ReplayError;
use crate::inbound::Inbound;
use crate::recorded;
use crate::session::{Action, Replay, Shared};
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
    /// use reprise_replayer::{Outcome, Replay, ReplayError};
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
        let mut stopped_call = false;
        while let Some(index) = shared.begin_inbound(stopped_call) {
            let inbound = Inbound::new(shared.clone(), index);
            let handled = match catch_unwind(AssertUnwindSafe(|| f(&inbound))) {
                Ok(Ok(outcome)) => Handled::Returned(outcome),
                Ok(Err(e)) => Handled::Failed(e),
                Err(payload) => Handled::Unwound(classify(&*payload)),
            };
            stopped_call = shared.end_inbound(index, handled);
        }
        self.finish_after(stopped_call)
    }

    /// Drives an asynchronous component: like [`Replay::drive`], with `f`
    /// returning a future, for components that spawn background tasks.
    ///
    /// `f` takes the [`Inbound`] call by value (it is a cheap handle), so
    /// the future can own it: write `|call| async move { .. }`.
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
    /// use reprise_replayer::{Outcome, Replay};
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), reprise_replayer::ReplayError> {
    /// let replay = Replay::from_str(r#"{"reprise":1,"kind":"header","component":"worker"}
    /// {"seq":0,"kind":"call","dir":"in","port":"api","method":"submit","args":{"job":7}}
    /// {"seq":1,"kind":"return","call":0,"ok":"queued"}
    /// {"seq":2,"kind":"call","dir":"out","port":"results","method":"publish","args":{"job":7}}
    /// {"seq":3,"kind":"return","call":2,"ok":null}
    /// {"kind":"end","events":4,"dropped":0}
    /// "#)?;
    /// let results = replay.port("results");
    /// let report = replay
    ///     .drive_async(|call| {
    ///         let results = results.clone();
    ///         async move {
    ///             let job: u64 = call.arg("job")?;
    ///             // The work happens in the background, after `submit` returns.
    ///             tokio::spawn(async move {
    ///                 let () = results.outbound("publish", &serde_json::json!({"job": job}));
    ///             });
    ///             Ok(Outcome::ok("queued")?)
    ///         }
    ///     })
    ///     .await;
    /// report.assert_clean();
    /// # Ok(())
    /// # }
    /// ```
    pub async fn drive_async<F, Fut>(&self, mut f: F) -> Report
    where
        F: FnMut(Inbound) -> Fut,
        Fut: Future<Output = Result<Outcome, ReplayError>>,
    {
        let shared = &self.shared;
        let _driving = Driving::enter(shared);
        let timeout = shared.config.settle_timeout;
        let mut stopped_call = false;
        loop {
            match shared.next_need() {
                None => break,
                // The calls of a stopped inbound call will not come: don't wait.
                Some(need) if !stopped_call => Settle::new(shared, need, timeout).await,
                Some(_) => {}
            }
            let Some(index) = shared.begin_inbound(stopped_call) else {
                break;
            };
            let inbound = Inbound::new(shared.clone(), index);
            let handled = match catch_unwind(AssertUnwindSafe(|| f(inbound))) {
                Err(payload) => Handled::Unwound(classify(&*payload)),
                Ok(fut) => match AssertUnwindSafe(fut).catch_unwind().await {
                    Ok(Ok(outcome)) => Handled::Returned(outcome),
                    Ok(Err(e)) => Handled::Failed(e),
                    Err(payload) => Handled::Unwound(classify(&*payload)),
                },
            };
            stopped_call = shared.end_inbound(index, handled);
        }
        if !stopped_call && !shared.lock().stopped(&shared.config) {
            Settle::new(shared, shared.rec.outbound.len(), timeout).await;
        }
        self.finish_after(stopped_call)
    }
}

impl Shared {
    /// How many outbound calls must be made before the next inbound call is
    /// fed; `None` when there is none to feed.
    fn next_need(&self) -> Option<usize> {
        let progress = self.lock();
        if progress.stopped(&self.config) {
            return None;
        }
        self.rec
            .inbound
            .get(progress.next_inbound)
            .map(|i| i.out_before)
    }

    /// Reports the calls not made before the next inbound call and starts
    /// feeding it; `None` when there is nothing (more) to feed.
    fn begin_inbound(&self, stopped_call: bool) -> Option<usize> {
        let mut progress = self.lock();
        let index = progress.next_inbound;
        let next = self.rec.inbound.get(index)?;
        if progress.stopped(&self.config) {
            return None;
        }
        self.sweep(&mut progress, next.out_before, stopped_call);
        if progress.stopped(&self.config) {
            return None;
        }
        progress.next_inbound += 1;
        progress.current = Some(index);
        progress.last_made = None;
        progress.fed += 1;
        progress.observe(|_| {
            let call = &next.call;
            Event::Call(Call {
                seq: call.seq,
                dir: Direction::In,
                port: self.rec.ports[call.port].clone(),
                method: call.method.to_string(),
                args: recorded::value(&call.args),
                at_ns: call.at_ns,
                parent: None,
                task: None,
            })
        });
        Some(index)
    }

    /// Compares what inbound call `index` returned; returns whether the call
    /// was stopped short (so the calls it did not make are passed over).
    fn end_inbound(&self, index: usize, handled: Handled) -> bool {
        let rec = &*self.rec;
        let config = &*self.config;
        let call = &rec.inbound[index].call;
        let port = &rec.ports[call.port];
        let here = format!("inbound call #{} {port}.{}", call.seq, call.method);
        let mut progress = self.lock();
        let at = |f: Finding| f.at(Some(call.seq), port.clone(), call.method.to_string());
        let expected = || call.ret.as_ref().map(|r| recorded::outcome(r).to_json());
        let stopped_call = match handled {
            Handled::Returned(outcome) => {
                if let Some(recorded) = &call.ret {
                    let recorded = recorded::outcome(recorded);
                    let paths = config.ignore.differing_outcomes(&recorded, &outcome);
                    if !paths.is_empty() && !progress.stopped(config) {
                        let finding = Finding::new(
                            FindingKind::ReturnDiffers,
                            format!(
                                "{here} returned something else than recorded, at {}",
                                paths.join(", ")
                            ),
                        );
                        let finding = at(finding).values(
                            Some(recorded.to_json()),
                            Some(outcome.to_json()),
                            paths,
                        );
                        progress.record(config, self.with_context(finding));
                    }
                }
                progress.observe(|last_at_ns| {
                    // No recorded return (cut short): the call's own seq and the latest time.
                    let (seq, at_ns) = match call.ret {
                        Some(_) => (call.ret_seq, call.ret_at_ns),
                        None => (call.seq, last_at_ns),
                    };
                    Event::Return(Return {
                        seq,
                        call: call.seq,
                        outcome: outcome.clone(),
                        at_ns,
                    })
                });
                progress.log(|| {
                    let field = outcome.side();
                    let (Outcome::Ok(value) | Outcome::Err(value)) = outcome;
                    action(call.seq, port, &call.method, field, value)
                });
                false
            }
            Handled::Failed(error) => {
                let message = format!("the driver's closure failed on {here}: {error}");
                let finding = at(Finding::new(FindingKind::Error, message.clone()));
                progress.record(config, self.with_context(finding));
                progress.log(|| action(call.seq, port, &call.method, "error", json!(message)));
                true
            }
            Handled::Unwound(Unwind::Abort) => true,
            Handled::Unwound(Unwind::Panic(message)) => {
                let after = match progress.last_made {
                    Some(i) => {
                        let out = &rec.outbound[i];
                        format!(
                            ", after its outbound call #{} {}.{}",
                            out.seq, rec.ports[out.port], out.method
                        )
                    }
                    None => String::new(),
                };
                let finding = Finding::new(
                    FindingKind::Panic,
                    format!("the component panicked while handling {here}{after}: {message}"),
                );
                let finding =
                    at(finding).values(expected(), Some(json!({ "panic": message })), Vec::new());
                progress.record(config, self.with_context(finding));
                progress.log(|| action(call.seq, port, &call.method, "panic", json!(message)));
                true
            }
        };
        progress.current = None;
        stopped_call
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

/// Waits until the first `need` recorded outbound calls have been made (or
/// passed over), or until the deadline. Woken by the port that makes a call,
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
        if progress.low_water >= this.need || Instant::now() >= this.deadline {
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
