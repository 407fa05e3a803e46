//! Recording ports: a call across the boundary, its arguments and its return.

use std::any::Any;
use std::borrow::Cow;
use std::cell::Cell;
use std::future::Future;
use std::marker::PhantomData;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::task::Poll;

use reprise_expect::CallRoute;
use reprise_transcript::Direction;
use serde::Serialize;

use crate::encode::{About, push_json_str};
use crate::recorder::Inner;
use crate::task;

/// A recording port: one named boundary of the component (`network`,
/// `storage`, `api`), handed out by [`Recorder::port`](crate::Recorder::port).
///
/// Each recorded call writes a `call` event (its direction, port, method,
/// arguments, `at_ns`, `parent` and `task`) when it starts and a `return`
/// event (`ok`, or `err` for a `Result::Err`) when it ends. `outbound*`
/// records a call the component makes to a dependency, `inbound*` a call into
/// the component. Arguments are any `Serialize`, usually an object keyed by
/// argument name. `Port` is cheap to clone, `Send` and `Sync`.
///
/// While the wrapped closure or future runs, its call is the `parent` of any
/// call recorded inside it, on this thread or inside this future.
///
/// ```
/// use reprise::recorder::{MemorySink, Recorder};
/// use serde_json::json;
/// let sink = MemorySink::new();
/// let recorder = Recorder::builder("kv-node").sink(sink.clone()).start(&())?;
/// let (api, storage) = (recorder.port("api"), recorder.port("storage"));
///
/// let stored: Result<u64, String> = api.inbound_result("put", &json!({"key": "a"}), || {
///     storage.outbound_result("append", &json!({"entry": "a"}), || Ok::<u64, String>(7))
/// });
/// assert_eq!(stored, Ok(7));
/// recorder.finish()?;
///
/// let text = sink.contents_string();
/// let lines: Vec<&str> = text.lines().collect();
/// assert!(lines[2].starts_with(r#"{"kind":"call","seq":1,"dir":"in","port":"api","method":"put","args":{"key":"a"}"#));
/// assert!(lines[3].contains(r#""method":"append""#) && lines[3].contains(r#""parent":1"#));
/// assert!(lines[4].starts_with(r#"{"kind":"return","seq":3,"call":2,"ok":7,"at_ns":"#));
/// assert!(lines[5].starts_with(r#"{"kind":"return","seq":4,"call":1,"ok":7,"at_ns":"#));
/// # Ok::<(), reprise::recorder::RecordError>(())
/// ```
#[derive(Clone)]
pub struct Port {
    inner: Arc<Inner>,
    names: Arc<Names>,
}

/// The port's name, and the fixed start of its call lines, encoded once.
struct Names {
    name: String,
    /// `,"dir":"in","port":"<name>","method":`
    head_in: Vec<u8>,
    /// `,"dir":"out","port":"<name>","method":`
    head_out: Vec<u8>,
}

impl std::fmt::Debug for Port {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Port")
            .field("name", &self.names.name)
            .finish_non_exhaustive()
    }
}

impl Port {
    pub(crate) fn new(inner: Arc<Inner>, name: &str) -> Self {
        let head = |dir: &[u8]| {
            let mut head = br#","dir":"#.to_vec();
            head.extend_from_slice(dir);
            head.extend_from_slice(br#","port":"#);
            push_json_str(&mut head, name);
            head.extend_from_slice(br#","method":"#);
            head
        };
        Port {
            inner,
            names: Arc::new(Names {
                name: name.to_owned(),
                head_in: head(br#""in""#),
                head_out: head(br#""out""#),
            }),
        }
    }

    /// The port's name.
    ///
    /// ```
    /// # let recorder = reprise::recorder::Recorder::builder("c").sink(reprise::recorder::MemorySink::new()).start(&())?;
    /// assert_eq!(recorder.port("network").name(), "network");
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.names.name
    }

    /// Records the start of a call and returns it, pending, for its end to be
    /// recorded with [`PendingCall::finish_ok`], [`finish_err`](PendingCall::finish_err)
    /// or [`finish_result`](PendingCall::finish_result).
    ///
    /// This is the low-level form every other method of `Port` is a thin
    /// wrapper over, for code (a proc-macro, a hand-written wrapper) that
    /// cannot hand the call over as a closure or future. Make the call
    /// current while it runs with [`PendingCall::enter`] or
    /// [`PendingCall::scope`] so that calls inside it get it as `parent`.
    ///
    /// ```
    /// use reprise::recorder::{Direction, MemorySink, Recorder};
    /// let sink = MemorySink::new();
    /// let recorder = Recorder::builder("c").sink(sink.clone()).start(&())?;
    /// let network = recorder.port("network");
    ///
    /// let call = network.begin(Direction::Out, "send", &serde_json::json!({"to": 2}));
    /// assert_eq!(call.seq(), Some(1));
    /// let result: Result<(), String> = {
    ///     let _current = call.enter();
    ///     Err("unreachable".into())
    /// };
    /// call.finish_result(&result);
    /// recorder.finish()?;
    /// assert!(sink.contents_string().contains(r#"{"kind":"return","seq":2,"call":1,"err":"unreachable","#));
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn begin<A: Serialize + ?Sized>(
        &self,
        dir: Direction,
        method: &str,
        args: &A,
    ) -> PendingCall<'_> {
        self.begin_on(Cow::Borrowed(self), dir, method, args)
    }

    /// [`Port::begin`] for a call that outlives the borrow of its port: the
    /// pending call holds a clone of the port (a reference count), so it
    /// can be kept in a future or a struct of its own, as a tower service's
    /// response future does.
    ///
    /// ```
    /// use reprise_recorder::{Direction, MemorySink, PendingCall, Recorder};
    /// let sink = MemorySink::new();
    /// let recorder = Recorder::builder("c").sink(sink.clone()).start(&())?;
    /// let call: PendingCall<'static> = {
    ///     let network = recorder.port("network");
    ///     network.begin_owned(Direction::Out, "send", &2)
    /// };
    /// call.finish_ok(&());
    /// recorder.finish()?;
    /// assert!(sink.contents_string().contains(r#""method":"send","args":2"#));
    /// # Ok::<(), reprise_recorder::RecordError>(())
    /// ```
    pub fn begin_owned<A: Serialize + ?Sized>(
        &self,
        dir: Direction,
        method: &str,
        args: &A,
    ) -> PendingCall<'static> {
        self.begin_on(Cow::Owned(self.clone()), dir, method, args)
    }

    fn begin_on<'p, A: Serialize + ?Sized>(
        &self,
        port: Cow<'p, Port>,
        dir: Direction,
        method: &str,
        args: &A,
    ) -> PendingCall<'p> {
        let inner = &*self.inner;
        let parent = current_call(inner.id);
        let task = task::current_name();
        let (watched, route) = match inner.watches() {
            None => (false, None),
            Some(w) => match w.route(&self.names.name, method) {
                Some(route) => (true, Some(route)),
                None => (w.call(&self.names.name, method), None),
            },
        };
        let seq = inner.record(
            About::Call {
                dir,
                port: &self.names.name,
                method,
                route,
            },
            watched,
            |d| {
                d.raw(match dir {
                    Direction::In => &self.names.head_in,
                    Direction::Out => &self.names.head_out,
                });
                d.string(method);
                d.raw(br#","args":"#);
                inner.payload(d, "args", args, || {
                    format!("the arguments of `{}.{method}`", self.names.name)
                });
                d.split_here();
                if let Some(parent) = parent {
                    d.raw(br#","parent":"#);
                    d.number(parent);
                }
                if let Some(task) = &task {
                    d.raw(br#","task":"#);
                    d.string(task);
                }
                d.close();
            },
        );
        PendingCall {
            port,
            seq,
            watched,
            route,
        }
    }

    /// Records an outbound call (the component calling a dependency) made by
    /// `call`, and its return value as `ok`.
    ///
    /// ```
    /// # let recorder = reprise::recorder::Recorder::builder("c").sink(reprise::recorder::MemorySink::new()).start(&())?;
    /// let clock = recorder.port("clock");
    /// let now: u64 = clock.outbound("now", &(), || 1_700_000_000);
    /// assert_eq!(now, 1_700_000_000);
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn outbound<A, R>(&self, method: &str, args: &A, call: impl FnOnce() -> R) -> R
    where
        A: Serialize + ?Sized,
        R: Serialize,
    {
        self.sync(Direction::Out, method, args, call, PendingCall::finish_ok)
    }

    /// Records an outbound call that returns a `Result`: `Ok` as `ok`, `Err`
    /// as `err`.
    ///
    /// ```
    /// # let recorder = reprise::recorder::Recorder::builder("c").sink(reprise::recorder::MemorySink::new()).start(&())?;
    /// let storage = recorder.port("storage");
    /// let r: Result<u64, String> = storage.outbound_result("append", &"entry", || Err("disk full".into()));
    /// assert!(r.is_err());
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn outbound_result<A, T, E>(
        &self,
        method: &str,
        args: &A,
        call: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, E>
    where
        A: Serialize + ?Sized,
        T: Serialize,
        E: Serialize,
    {
        self.sync(
            Direction::Out,
            method,
            args,
            call,
            PendingCall::finish_result,
        )
    }

    /// Records an outbound call made by a future, and its output as `ok`.
    ///
    /// The call is recorded when this method is called; its return when the
    /// future completes. While the future is polled, its call is current (the
    /// `parent` of calls inside it), on whichever thread polls it.
    ///
    /// ```
    /// # let recorder = reprise::recorder::Recorder::builder("c").sink(reprise::recorder::MemorySink::new()).start(&())?;
    /// # let rt = tokio::runtime::Builder::new_current_thread().build()?;
    /// let network = recorder.port("network");
    /// let sent: usize = rt.block_on(network.outbound_async("send", &"hello", async { 5 }));
    /// assert_eq!(sent, 5);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn outbound_async<'p, A, F>(
        &'p self,
        method: &str,
        args: &A,
        fut: F,
    ) -> impl Future<Output = F::Output> + use<'p, A, F>
    where
        A: Serialize + ?Sized,
        F: Future,
        F::Output: Serialize,
    {
        self.run_async(Direction::Out, method, args, fut, |pending, output| {
            pending.finish_ok(output)
        })
    }

    /// Records an outbound call made by a future that outputs a `Result`:
    /// `Ok` as `ok`, `Err` as `err`.
    ///
    /// ```
    /// # let recorder = reprise::recorder::Recorder::builder("c").sink(reprise::recorder::MemorySink::new()).start(&())?;
    /// # let rt = tokio::runtime::Builder::new_current_thread().build()?;
    /// let storage = recorder.port("storage");
    /// let r = rt.block_on(storage.outbound_result_async("append", &"entry", async { Ok::<u64, String>(3) }));
    /// assert_eq!(r, Ok(3));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn outbound_result_async<'p, A, F, T, E>(
        &'p self,
        method: &str,
        args: &A,
        fut: F,
    ) -> impl Future<Output = Result<T, E>> + use<'p, A, F, T, E>
    where
        A: Serialize + ?Sized,
        F: Future<Output = Result<T, E>>,
        T: Serialize,
        E: Serialize,
    {
        self.run_async(Direction::Out, method, args, fut, |pending, output| {
            pending.finish_result(output)
        })
    }

    /// Records an inbound call (a call into the component) handled by `call`,
    /// and its return value as `ok`.
    ///
    /// ```
    /// # let recorder = reprise::recorder::Recorder::builder("c").sink(reprise::recorder::MemorySink::new()).start(&())?;
    /// let api = recorder.port("api");
    /// let len = api.inbound("on_message", &serde_json::json!({"msg": "hi"}), || "hi".len());
    /// assert_eq!(len, 2);
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn inbound<A, R>(&self, method: &str, args: &A, call: impl FnOnce() -> R) -> R
    where
        A: Serialize + ?Sized,
        R: Serialize,
    {
        self.sync(Direction::In, method, args, call, PendingCall::finish_ok)
    }

    /// Records an inbound call that returns a `Result`: `Ok` as `ok`, `Err`
    /// as `err`.
    ///
    /// ```
    /// # let recorder = reprise::recorder::Recorder::builder("c").sink(reprise::recorder::MemorySink::new()).start(&())?;
    /// let api = recorder.port("api");
    /// let r: Result<(), String> = api.inbound_result("get", &"key", || Err("not found".into()));
    /// assert_eq!(r, Err("not found".to_string()));
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn inbound_result<A, T, E>(
        &self,
        method: &str,
        args: &A,
        call: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, E>
    where
        A: Serialize + ?Sized,
        T: Serialize,
        E: Serialize,
    {
        self.sync(
            Direction::In,
            method,
            args,
            call,
            PendingCall::finish_result,
        )
    }

    /// Records an inbound call handled by a future, and its output as `ok`.
    ///
    /// ```
    /// # let recorder = reprise::recorder::Recorder::builder("c").sink(reprise::recorder::MemorySink::new()).start(&())?;
    /// # let rt = tokio::runtime::Builder::new_current_thread().build()?;
    /// let api = recorder.port("api");
    /// let n = rt.block_on(api.inbound_async("on_message", &"hi", async { 2 }));
    /// assert_eq!(n, 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn inbound_async<'p, A, F>(
        &'p self,
        method: &str,
        args: &A,
        fut: F,
    ) -> impl Future<Output = F::Output> + use<'p, A, F>
    where
        A: Serialize + ?Sized,
        F: Future,
        F::Output: Serialize,
    {
        self.run_async(Direction::In, method, args, fut, |pending, output| {
            pending.finish_ok(output)
        })
    }

    /// Records an inbound call handled by a future that outputs a `Result`.
    ///
    /// ```
    /// # let recorder = reprise::recorder::Recorder::builder("c").sink(reprise::recorder::MemorySink::new()).start(&())?;
    /// # let rt = tokio::runtime::Builder::new_current_thread().build()?;
    /// let api = recorder.port("api");
    /// let r = rt.block_on(api.inbound_result_async("get", &"k", async { Err::<u8, _>("missing") }));
    /// assert_eq!(r, Err("missing"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn inbound_result_async<'p, A, F, T, E>(
        &'p self,
        method: &str,
        args: &A,
        fut: F,
    ) -> impl Future<Output = Result<T, E>> + use<'p, A, F, T, E>
    where
        A: Serialize + ?Sized,
        F: Future<Output = Result<T, E>>,
        T: Serialize,
        E: Serialize,
    {
        self.run_async(Direction::In, method, args, fut, |pending, output| {
            pending.finish_result(output)
        })
    }

    fn sync<'p, A: Serialize + ?Sized, R>(
        &'p self,
        dir: Direction,
        method: &str,
        args: &A,
        call: impl FnOnce() -> R,
        finish: impl FnOnce(PendingCall<'p>, &R),
    ) -> R {
        let pending = self.begin(dir, method, args);
        let output = {
            let _current = pending.enter();
            std::panic::catch_unwind(AssertUnwindSafe(call))
        };
        end(pending, output, finish)
    }

    /// The async counterpart of `sync`: the call is current while `fut` is
    /// polled, and `finish` records its output.
    fn run_async<'p, A, F>(
        &'p self,
        dir: Direction,
        method: &str,
        args: &A,
        fut: F,
        finish: fn(PendingCall<'p>, &F::Output),
    ) -> impl Future<Output = F::Output> + use<'p, A, F>
    where
        A: Serialize + ?Sized,
        F: Future,
    {
        let pending = self.begin(dir, method, args);
        async move {
            let mut fut = std::pin::pin!(pending.scope(fut));
            let output = std::future::poll_fn(|cx| {
                std::panic::catch_unwind(AssertUnwindSafe(|| fut.as_mut().poll(cx)))
                    .map_or_else(|payload| Poll::Ready(Err(payload)), |p| p.map(Ok))
            })
            .await;
            end(pending, output, finish)
        }
    }
}

/// Records how a call ended: its output with `finish`, or its panic, which
/// is then unwound further as if nothing had caught it.
fn end<'p, R>(
    pending: PendingCall<'p>,
    output: std::thread::Result<R>,
    finish: impl FnOnce(PendingCall<'p>, &R),
) -> R {
    match output {
        Ok(output) => {
            finish(pending, &output);
            output
        }
        Err(payload) => {
            pending.finish_panic(&panic_message(&*payload));
            std::panic::resume_unwind(payload)
        }
    }
}

/// The message of a panic, as `std` prints it: its `&str` or `String`
/// payload, or a placeholder for any other payload.
fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&'static str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(a panic payload that is not a string)".to_owned()
    }
}

/// A call whose start is recorded and whose end is not yet: made by
/// [`Port::begin`], ended by one of its `finish_*` methods.
///
/// A pending call dropped without being finished (its future was
/// cancelled, or it panicked where nothing called
/// [`finish_panic`](PendingCall::finish_panic)) leaves a `call` event
/// without a `return`. The closure and future wrappers of [`Port`] record
/// a panic as a `return` with `panic` and its message, then let it unwind.
///
/// ```
/// use reprise::recorder::{Direction, MemorySink, Recorder};
/// # let recorder = Recorder::builder("c").sink(MemorySink::new()).start(&())?;
/// let network = recorder.port("network");
/// let call = network.begin(Direction::Out, "send", &"hello");
/// call.finish_ok(&());
/// # Ok::<(), reprise::recorder::RecordError>(())
/// ```
#[derive(Debug)]
#[must_use = "finish the call with `finish_ok`, `finish_err` or `finish_result`"]
pub struct PendingCall<'p> {
    port: Cow<'p, Port>,
    seq: Option<u64>,
    /// Whether a live expectation watches the call (and so its return).
    watched: bool,
    /// The call's route in the live engine, given back with the return.
    route: Option<CallRoute>,
}

impl PendingCall<'_> {
    /// The call event's seq; `None` if the recording was already finished
    /// (nothing was recorded, and nothing will be).
    ///
    /// ```
    /// # use reprise::recorder::{Direction, MemorySink, Recorder};
    /// # let recorder = Recorder::builder("c").sink(MemorySink::new()).start(&())?;
    /// let port = recorder.port("p");
    /// let call = port.begin(Direction::In, "m", &());
    /// assert_eq!(call.seq(), Some(1)); // seq 0 is the initial state
    /// call.finish_ok(&());
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn seq(&self) -> Option<u64> {
        self.seq
    }

    /// Makes this call current on this thread until the guard is dropped:
    /// calls recorded meanwhile get it as their `parent`.
    ///
    /// ```
    /// # use reprise::recorder::{Direction, MemorySink, Recorder};
    /// # let sink = MemorySink::new();
    /// # let recorder = Recorder::builder("c").sink(sink.clone()).start(&())?;
    /// let (api, net) = (recorder.port("api"), recorder.port("network"));
    /// let call = api.begin(Direction::In, "on_message", &());
    /// {
    ///     let _current = call.enter();
    ///     net.outbound("send", &(), || ());
    /// }
    /// call.finish_ok(&());
    /// # recorder.flush()?;
    /// assert!(sink.contents_string().contains(r#""method":"send","args":null,"at_ns":"#));
    /// assert!(sink.contents_string().contains(r#","parent":1}"#));
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn enter(&self) -> CallGuard {
        CallGuard::enter(self.seq.map(|seq| (self.port.inner.id, seq)))
    }

    /// Wraps `fut` so that this call is current while it is polled, on
    /// whichever thread polls it: calls recorded inside get it as `parent`.
    ///
    /// ```
    /// # use reprise::recorder::{Direction, MemorySink, Recorder};
    /// # let sink = MemorySink::new();
    /// # let recorder = Recorder::builder("c").sink(sink.clone()).start(&())?;
    /// # let rt = tokio::runtime::Builder::new_current_thread().build()?;
    /// let (api, net) = (recorder.port("api"), recorder.port("network"));
    /// let call = api.begin(Direction::In, "on_message", &());
    /// rt.block_on(call.scope(async { net.outbound_async("send", &(), async {}).await }));
    /// call.finish_ok(&());
    /// # recorder.flush()?;
    /// assert!(sink.contents_string().contains(r#","parent":1}"#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn scope<F: Future>(&self, fut: F) -> impl Future<Output = F::Output> + use<F> {
        let current = self.seq.map(|seq| (self.port.inner.id, seq));
        async move {
            let mut fut = std::pin::pin!(fut);
            std::future::poll_fn(|cx| {
                let _current = CallGuard::enter(current);
                fut.as_mut().poll(cx)
            })
            .await
        }
    }

    /// Records the call's return as `ok`.
    ///
    /// ```
    /// # use reprise::recorder::{Direction, MemorySink, Recorder};
    /// # let recorder = Recorder::builder("c").sink(MemorySink::new()).start(&())?;
    /// recorder.port("clock").begin(Direction::Out, "now", &()).finish_ok(&1_700_000_000u64);
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn finish_ok<T: Serialize + ?Sized>(self, value: &T) {
        self.finish(Side::Ok, value);
    }

    /// Records the call's return as `err`.
    ///
    /// ```
    /// # use reprise::recorder::{Direction, MemorySink, Recorder};
    /// # let recorder = Recorder::builder("c").sink(MemorySink::new()).start(&())?;
    /// recorder.port("storage").begin(Direction::Out, "append", &()).finish_err(&"disk full");
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn finish_err<E: Serialize + ?Sized>(self, error: &E) {
        self.finish(Side::Err, error);
    }

    /// Records the call's return: `Ok` as `ok`, `Err` as `err`.
    ///
    /// ```
    /// # use reprise::recorder::{Direction, MemorySink, Recorder};
    /// # let recorder = Recorder::builder("c").sink(MemorySink::new()).start(&())?;
    /// let result: Result<u64, String> = Ok(3);
    /// recorder.port("storage").begin(Direction::Out, "append", &()).finish_result(&result);
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn finish_result<T: Serialize, E: Serialize>(self, result: &Result<T, E>) {
        match result {
            Ok(value) => self.finish_ok(value),
            Err(error) => self.finish_err(error),
        }
    }

    /// Records that the call panicked, with the panic's message: a `return`
    /// with `"panic": message` (scrubbed like any payload). Replaying the
    /// same build panics again at the same place and is clean; replaying a
    /// fix says the recorded panic did not happen.
    ///
    /// ```
    /// # use reprise::recorder::{Direction, MemorySink, Recorder};
    /// let sink = MemorySink::new();
    /// let recorder = Recorder::builder("c").sink(sink.clone()).start(&())?;
    /// recorder.port("api").begin(Direction::In, "get", &()).finish_panic("index out of bounds");
    /// recorder.finish()?;
    /// assert!(sink.contents_string().contains(r#""call":1,"panic":"index out of bounds""#));
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn finish_panic(self, message: &str) {
        self.finish(Side::Panic, message);
    }

    fn finish<T: Serialize + ?Sized>(self, side: Side, value: &T) {
        let Some(call) = self.seq else { return };
        let inner = &*self.port.inner;
        let ok = matches!(side, Side::Ok);
        let route = self.route;
        inner.record(About::Return { call, ok, route }, self.watched, |d| {
            d.raw(br#","call":"#);
            d.number(call);
            let (field, root): (&[u8], _) = match side {
                Side::Ok => (br#","ok":"#, "ok"),
                Side::Err => (br#","err":"#, "err"),
                Side::Panic => (br#","panic":"#, "panic"),
            };
            d.raw(field);
            inner.payload(d, root, value, || {
                format!(
                    "the return of call {call} on port `{}`",
                    self.port.names.name
                )
            });
            d.split_here();
            d.close();
        });
    }
}

/// Which field of a `return` line holds the value.
#[derive(Debug, Clone, Copy)]
enum Side {
    Ok,
    Err,
    Panic,
}

thread_local! {
    /// The call running on this thread (or in the future being polled on it):
    /// the recorder's id and the call's seq.
    static CURRENT_CALL: Cell<Option<(u64, u64)>> = const { Cell::new(None) };
}

/// The seq of the call of recorder `id` currently running here, if any.
fn current_call(id: u64) -> Option<u64> {
    CURRENT_CALL
        .try_with(Cell::get)
        .ok()
        .flatten()
        .filter(|&(recorder, _)| recorder == id)
        .map(|(_, seq)| seq)
}

/// Keeps a call current on this thread until dropped; made by
/// [`PendingCall::enter`]. It restores the previous current call, so guards
/// nest. It cannot be sent to another thread.
///
/// ```
/// # use reprise::recorder::{Direction, MemorySink, Recorder};
/// # let recorder = Recorder::builder("c").sink(MemorySink::new()).start(&())?;
/// let api = recorder.port("api");
/// let call = api.begin(Direction::In, "on_message", &());
/// let guard = call.enter();
/// drop(guard);
/// call.finish_ok(&());
/// # Ok::<(), reprise::recorder::RecordError>(())
/// ```
#[derive(Debug)]
#[must_use = "the call is current only while the guard lives"]
pub struct CallGuard {
    previous: Option<(u64, u64)>,
    /// Thread-bound: the guard restores this thread's state.
    _not_send: PhantomData<*const ()>,
}

impl CallGuard {
    fn enter(current: Option<(u64, u64)>) -> Self {
        let previous = match current {
            Some(current) => CURRENT_CALL
                .try_with(|c| c.replace(Some(current)))
                .ok()
                .flatten(),
            None => CURRENT_CALL.try_with(Cell::get).ok().flatten(),
        };
        CallGuard {
            previous,
            _not_send: PhantomData,
        }
    }
}

impl Drop for CallGuard {
    fn drop(&mut self) {
        let _ = CURRENT_CALL.try_with(|c| c.set(self.previous));
    }
}

#[cfg(test)]
mod tests {
    use reprise_transcript::{Call, Event, Reader};

    use crate::{MemorySink, Recorder};

    fn calls(sink: &MemorySink) -> Vec<Call> {
        let bytes = sink.contents();
        Reader::new(&bytes[..])
            .expect("header")
            .filter_map(|e| match e.expect("event") {
                Event::Call(c) => Some(c),
                _ => None,
            })
            .collect()
    }

    fn parents(sink: &MemorySink) -> Vec<(String, Option<u64>)> {
        calls(sink)
            .into_iter()
            .map(|c| (c.method, c.parent))
            .collect()
    }

    #[test]
    fn parents_follow_nesting_and_are_restored_after_it() {
        let sink = MemorySink::new();
        let recorder = Recorder::builder("c")
            .sink(sink.clone())
            .start(&())
            .expect("start");
        let (api, net) = (recorder.port("api"), recorder.port("network"));
        api.inbound("a", &(), || {
            net.outbound("b", &(), || net.outbound("c", &(), || ()));
            net.outbound("d", &(), || ());
        });
        net.outbound("e", &(), || ());
        recorder.finish().expect("finish");
        // Seqs: a=1, b=2, c=3, (c ret 4), (b ret 5), d=6, (d ret 7), (a ret 8), e=9.
        assert_eq!(
            parents(&sink),
            [
                ("a".into(), None),
                ("b".into(), Some(1)),
                ("c".into(), Some(2)),
                ("d".into(), Some(1)),
                ("e".into(), None),
            ]
        );
    }

    #[test]
    fn a_call_of_another_recorder_is_not_a_parent() {
        let (sink_a, sink_b) = (MemorySink::new(), MemorySink::new());
        let a = Recorder::builder("a")
            .sink(sink_a.clone())
            .start(&())
            .expect("start");
        let b = Recorder::builder("b")
            .sink(sink_b.clone())
            .start(&())
            .expect("start");
        let (port_a, port_b) = (a.port("api"), b.port("network"));
        port_a.inbound("outer", &(), || port_b.outbound("inner", &(), || ()));
        a.finish().expect("finish");
        b.finish().expect("finish");
        assert_eq!(parents(&sink_b), [("inner".into(), None)]);
    }

    #[test]
    fn a_panicking_call_is_recorded_with_its_message_and_leaves_no_current_call() {
        let sink = MemorySink::new();
        let recorder = Recorder::builder("c")
            .sink(sink.clone())
            .start(&())
            .expect("start");
        let net = recorder.port("network");
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            net.outbound("boom", &(), || -> () { panic!("dependency panicked") })
        }));
        assert!(panicked.is_err());
        net.outbound("after", &(), || ());
        recorder.finish().expect("finish");
        assert_eq!(
            parents(&sink),
            [("boom".into(), None), ("after".into(), None)]
        );
        let text = sink.contents_string();
        assert!(
            text.contains(r#""call":1,"panic":"dependency panicked""#),
            "the panic is the call's return: {text}"
        );
        assert!(text.contains(r#""call":3,"#));
    }

    #[test]
    fn a_future_that_panics_is_recorded_with_its_message() {
        let sink = MemorySink::new();
        let recorder = Recorder::builder("c")
            .sink(sink.clone())
            .start(&())
            .expect("start");
        let api = recorder.port("api");
        let mut fut = std::pin::pin!(api.inbound_async("go", &(), async {
            if sink.contents_string().is_empty() {
                return 1;
            }
            panic!("handler {} panicked", 7)
        }));
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        let polled =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| fut.as_mut().poll(&mut cx)));
        assert!(polled.is_err(), "the panic goes on unwinding");
        recorder.finish().expect("finish");
        assert!(
            sink.contents_string()
                .contains(r#""call":1,"panic":"handler 7 panicked""#),
            "{}",
            sink.contents_string()
        );
    }

    #[test]
    fn handles_are_send_and_sync() {
        fn send_sync<T: Send + Sync>() {}
        fn send<T: Send>() {}
        send_sync::<Recorder>();
        send_sync::<super::Port>();
        send_sync::<crate::RecordedClock<crate::SystemClock>>();
        send_sync::<crate::RecordedEntropy<crate::SystemEntropy>>();
        send_sync::<MemorySink>();
        send::<crate::FileSink>();
        send::<super::PendingCall<'static>>();
    }
}
