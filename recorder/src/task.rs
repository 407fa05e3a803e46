//! Task names: grouping the calls of concurrent work in a transcript.
//!
//! A call's `task` is the name of the innermost [`scope`] (on this thread) or
//! [`in_task`] (around the future being polled) it was made in; calls made
//! outside any have no `task`. Names are not inherited across a thread spawn
//! or a `tokio::spawn`: wrap the spawned work in its own `scope` / `in_task`.
//!
//! ```
//! use reprise::recorder::{MemorySink, Recorder, task};
//! let sink = MemorySink::new();
//! let recorder = Recorder::builder("c").sink(sink.clone()).start(&())?;
//! let net = recorder.port("network");
//! task::scope("replicator", || net.outbound("send", &1, || ()));
//! net.outbound("send", &2, || ());
//! recorder.finish()?;
//! let text = sink.contents_string();
//! assert!(text.lines().nth(2).unwrap().ends_with(r#","task":"replicator"}"#));
//! assert!(!text.lines().nth(4).unwrap().contains("task"));
//! # Ok::<(), reprise::recorder::RecordError>(())
//! ```

use std::cell::RefCell;
use std::future::Future;
use std::marker::PhantomData;
use std::sync::Arc;

thread_local! {
    static CURRENT_TASK: RefCell<Option<Arc<str>>> = const { RefCell::new(None) };
}

/// Runs `f` with calls recorded on this thread grouped under task `name`.
/// Scopes nest: the innermost name wins, and the outer one is back afterwards.
///
/// ```
/// use reprise::recorder::task;
/// let inner = task::scope("outer", || task::scope("inner", task::current));
/// assert_eq!(inner.as_deref(), Some("inner"));
/// assert_eq!(task::current(), None);
/// ```
pub fn scope<R>(name: impl Into<Arc<str>>, f: impl FnOnce() -> R) -> R {
    let _task = TaskGuard::enter(name.into());
    f()
}

/// Wraps `fut` so that calls recorded while it is polled, on whichever
/// thread, are grouped under task `name`. Use it around the futures you
/// `tokio::spawn`.
///
/// ```
/// use reprise::recorder::task;
/// let rt = tokio::runtime::Builder::new_current_thread().build()?;
/// let seen = rt.block_on(task::in_task("worker-1", async {
///     tokio::task::yield_now().await;
///     task::current()
/// }));
/// assert_eq!(seen.as_deref(), Some("worker-1"));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn in_task<N, F>(name: N, fut: F) -> impl Future<Output = F::Output> + use<N, F>
where
    N: Into<Arc<str>>,
    F: Future,
{
    let name: Arc<str> = name.into();
    async move {
        let mut fut = std::pin::pin!(fut);
        std::future::poll_fn(|cx| {
            let _task = TaskGuard::enter(Arc::clone(&name));
            fut.as_mut().poll(cx)
        })
        .await
    }
}

/// The name of the task current on this thread, if any.
///
/// ```
/// assert_eq!(reprise::recorder::task::scope("t", reprise::recorder::task::current).as_deref(), Some("t"));
/// ```
pub fn current() -> Option<String> {
    current_name().map(|name| name.to_string())
}

/// The current task's name, shared.
pub(crate) fn current_name() -> Option<Arc<str>> {
    CURRENT_TASK
        .try_with(|t| t.try_borrow().ok().and_then(|t| t.clone()))
        .ok()
        .flatten()
}

/// Sets the current task until dropped, then restores the previous one.
struct TaskGuard {
    previous: Option<Arc<str>>,
    _not_send: PhantomData<*const ()>,
}

impl TaskGuard {
    fn enter(name: Arc<str>) -> Self {
        let previous = CURRENT_TASK
            .try_with(|t| t.try_borrow_mut().ok().and_then(|mut t| t.replace(name)))
            .ok()
            .flatten();
        TaskGuard {
            previous,
            _not_send: PhantomData,
        }
    }
}

impl Drop for TaskGuard {
    fn drop(&mut self) {
        let previous = self.previous.take();
        let _ = CURRENT_TASK.try_with(|t| {
            if let Ok(mut t) = t.try_borrow_mut() {
                *t = previous;
            }
        });
    }
}
