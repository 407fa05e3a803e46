//! Progress on stderr for commands that read transcripts, only when stderr
//! is a terminal (so pipes, files and CI logs never see it).

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// A count of events read, or a spinner, cleared when dropped.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A counter of events read from `what` (`reading a.jsonl`).
    pub fn events(what: &str) -> Progress {
        Progress::new(what, "{spinner} {msg}: {pos} events")
    }

    /// A spinner saying what is being done (`accepting x.jsonl.new`).
    pub fn doing(what: &str) -> Progress {
        Progress::new(what, "{spinner} {msg}")
    }

    fn new(what: &str, template: &str) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let bar = ProgressBar::new_spinner().with_message(what.to_owned());
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(120));
        Progress { bar: Some(bar) }
    }

    /// Says `n` events were read so far.
    pub fn set(&self, n: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(n);
        }
    }

    /// Runs `f` (which prints) with the bar hidden, so lines printed while
    /// it runs are not drawn over.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
