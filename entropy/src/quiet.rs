//! Quiet panics while a failing case is shrunk: every shrink attempt that
//! still fails panics again in the component, and the panic hook would print
//! the same message (and backtrace note) each time. The first failing run
//! stays loud; the failure's reason is reported anyway.
//!
//! The panic hook is process-wide, so it is shared: the first [`Quiet`]
//! installs a hook that stays silent on the threads inside [`silently`] and
//! hands every other panic to the hook it replaced; the last one dropped
//! puts that hook back. Campaigns running in parallel tests each hold a
//! [`Quiet`], and a panic on any other thread prints as before.

use std::cell::Cell;
use std::panic::{self, PanicHookInfo};
use std::sync::{Arc, Mutex, PoisonError};

type Hook = Box<dyn Fn(&PanicHookInfo<'_>) + Sync + Send + 'static>;

/// Who holds the quiet hook, and the hook it replaced.
struct Installed {
    holders: usize,
    previous: Option<Arc<Hook>>,
}

static INSTALLED: Mutex<Installed> = Mutex::new(Installed {
    holders: 0,
    previous: None,
});

thread_local! {
    static SILENT: Cell<bool> = const { Cell::new(false) };
}

/// Holds the quiet hook installed; dropping the last one restores the
/// previous hook.
pub(crate) struct Quiet(());

impl Quiet {
    pub(crate) fn install() -> Quiet {
        let mut installed = INSTALLED.lock().unwrap_or_else(PoisonError::into_inner);
        if installed.holders == 0 {
            let previous = Arc::new(panic::take_hook());
            let delegate = previous.clone();
            panic::set_hook(Box::new(move |info| {
                if !SILENT.with(Cell::get) {
                    delegate(info);
                }
            }));
            installed.previous = Some(previous);
        }
        installed.holders += 1;
        Quiet(())
    }
}

impl Drop for Quiet {
    fn drop(&mut self) {
        let mut installed = INSTALLED.lock().unwrap_or_else(PoisonError::into_inner);
        installed.holders -= 1;
        if installed.holders > 0 {
            return;
        }
        // Drop the quiet hook first: it holds the other reference.
        drop(panic::take_hook());
        if let Some(previous) = installed.previous.take() {
            match Arc::try_unwrap(previous) {
                Ok(hook) => panic::set_hook(hook),
                Err(shared) => panic::set_hook(Box::new(move |info| shared(info))),
            }
        }
    }
}

/// Runs `f` with panics on this thread not printed (while a [`Quiet`] is
/// held; without one they print as always).
pub(crate) fn silently<T>(f: impl FnOnce() -> T) -> T {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            SILENT.with(|s| s.set(self.0));
        }
    }
    let _reset = Reset(SILENT.with(|s| s.replace(true)));
    f()
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        /// Panics the previous hook was handed on this thread (other
        /// tests' panics run on their own threads).
        static PRINTED: Cell<usize> = const { Cell::new(0) };
    }

    fn printed() -> usize {
        PRINTED.with(Cell::get)
    }

    #[test]
    fn panics_inside_silently_are_not_handed_to_the_previous_hook_which_comes_back() {
        let original = panic::take_hook();
        panic::set_hook(Box::new(|_| PRINTED.with(|p| p.set(p.get() + 1))));
        {
            let _quiet = Quiet::install();
            let shrunk = silently(|| panic::catch_unwind(|| panic!("shrink attempt")));
            assert!(shrunk.is_err());
            assert_eq!(printed(), 0, "a shrink attempt printed");
            let first = panic::catch_unwind(|| panic!("first failure"));
            assert!(first.is_err());
            assert_eq!(printed(), 1, "the first failure is told");
        }
        // Restored: panics print again, inside `silently` too.
        let after = silently(|| panic::catch_unwind(|| panic!("after the campaign")));
        assert!(after.is_err());
        assert_eq!(printed(), 2);
        panic::set_hook(original);
    }
}
