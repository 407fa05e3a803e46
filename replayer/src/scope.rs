//! Which matching scope a call of the component belongs to.
//!
//! A recorded outbound call belongs to the inbound call it was made inside
//! (its `parent` links lead there), or to no inbound call at all (setup,
//! background tasks): the *outside* scope. Replay attributes the
//! component's calls the way the recorder did: while the driver runs an
//! inbound call (the closure on the driver's thread, or each poll of its
//! future), calls made on that thread belong to it; calls from any other
//! thread or task, or made outside a driver, belong to the outside scope.
//!
//! The current scope is a thread-local, tagged with the session's id so
//! that two sessions on one thread (a determinism check's runs) never see
//! each other's.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// The scope of calls made outside any inbound call.
pub(crate) const OUTSIDE: usize = 0;

/// The scope of recorded inbound call `index`.
pub(crate) fn of_inbound(index: usize) -> usize {
    index + 1
}

/// The inbound call whose scope `scope` is, if any.
pub(crate) fn inbound_of(scope: usize) -> Option<usize> {
    scope.checked_sub(1)
}

thread_local! {
    static CURRENT: Cell<Option<(u64, usize)>> = const { Cell::new(None) };
}

/// The scope this thread is in for session `session`: [`OUTSIDE`] unless a
/// driver of that session is running an inbound call here.
pub(crate) fn current(session: u64) -> usize {
    match CURRENT.with(Cell::get) {
        Some((id, scope)) if id == session => scope,
        _ => OUTSIDE,
    }
}

/// Puts this thread in `scope` of `session` until the guard is dropped.
pub(crate) fn enter(session: u64, scope: usize) -> Entered {
    let previous = CURRENT.with(|c| c.replace(Some((session, scope))));
    Entered { previous }
}

/// Restores the thread's previous scope when dropped (also on unwind).
pub(crate) struct Entered {
    previous: Option<(u64, usize)>,
}

impl Drop for Entered {
    fn drop(&mut self) {
        CURRENT.with(|c| c.set(self.previous));
    }
}

/// A future polled inside a scope: every poll enters it, on whichever
/// thread polls. Tasks the future spawns are polled elsewhere and so stay
/// outside, as they were while recording.
pub(crate) struct InScope<F> {
    future: Pin<Box<F>>,
    session: u64,
    scope: usize,
}

impl<F> InScope<F> {
    pub(crate) fn new(future: F, session: u64, scope: usize) -> Self {
        InScope {
            future: Box::pin(future),
            session,
            scope,
        }
    }
}

impl<F: Future> Future for InScope<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let _entered = enter(self.session, self.scope);
        self.future.as_mut().poll(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_nest_and_are_per_session_and_per_thread() {
        assert_eq!(current(1), OUTSIDE);
        {
            let _a = enter(1, of_inbound(4));
            assert_eq!(current(1), 5);
            assert_eq!(current(2), OUTSIDE);
            {
                let _b = enter(2, of_inbound(0));
                assert_eq!((current(1), current(2)), (OUTSIDE, 1));
            }
            assert_eq!(current(1), 5);
            std::thread::spawn(|| assert_eq!(current(1), OUTSIDE))
                .join()
                .unwrap();
        }
        assert_eq!(current(1), OUTSIDE);
        assert_eq!(inbound_of(5), Some(4));
        assert_eq!(inbound_of(OUTSIDE), None);
    }

    #[test]
    fn a_scoped_future_is_in_scope_only_while_polled() {
        let mut fut = std::pin::pin!(InScope::new(async { current(9) }, 9, 3));
        let mut cx = Context::from_waker(std::task::Waker::noop());
        assert_eq!(fut.as_mut().poll(&mut cx), Poll::Ready(3));
        assert_eq!(current(9), OUTSIDE);
    }
}
