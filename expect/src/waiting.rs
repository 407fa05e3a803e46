//! [`Waiting`]: started things (calls, enqueued items, requests) waiting
//! for their end, oldest first, looked up by key.

use std::collections::{BTreeMap, HashMap, VecDeque};

/// One started thing.
#[derive(Debug, Clone)]
pub(crate) struct Started {
    pub key: String,
    pub at_ns: u64,
    pub index: u64,
    /// Where the finding points: port and method, or the probe name.
    pub port: String,
    pub method: String,
}

/// Started things by seq (so the oldest is first) and by key (first in,
/// first out among equal keys).
#[derive(Debug, Default)]
pub(crate) struct Waiting {
    by_seq: BTreeMap<u64, Started>,
    by_key: HashMap<String, VecDeque<u64>>,
}

impl Waiting {
    pub fn start(&mut self, seq: u64, started: Started) {
        self.by_key
            .entry(started.key.clone())
            .or_default()
            .push_back(seq);
        self.by_seq.insert(seq, started);
    }

    /// Starts a thing that is ended by its own seq ([`Waiting::end_seq`]),
    /// not by key: the key index is neither kept nor needed.
    pub fn start_seq(&mut self, seq: u64, started: Started) {
        self.by_seq.insert(seq, started);
    }

    /// The thing [`Waiting::start_seq`] started as `seq`, taken out.
    pub fn end_seq(&mut self, seq: u64) -> Option<(u64, Started)> {
        self.by_seq.remove(&seq).map(|s| (seq, s))
    }

    /// The oldest started thing with `key`, taken out.
    pub fn end(&mut self, key: &str) -> Option<(u64, Started)> {
        let queue = self.by_key.get_mut(key)?;
        let seq = queue.pop_front()?;
        if queue.is_empty() {
            self.by_key.remove(key);
        }
        self.by_seq.remove(&seq).map(|s| (seq, s))
    }

    pub fn oldest(&self) -> Option<(u64, &Started)> {
        self.by_seq.iter().next().map(|(seq, s)| (*seq, s))
    }

    /// Takes out, oldest first, every started thing for which `overdue` holds,
    /// stopping at the first that is not.
    pub fn expire(&mut self, mut overdue: impl FnMut(&Started) -> bool) -> Vec<(u64, Started)> {
        let mut gone = Vec::new();
        while let Some((seq, started)) = self.oldest() {
            if !overdue(started) {
                break;
            }
            let key = started.key.clone();
            if let Some(queue) = self.by_key.get_mut(&key) {
                queue.retain(|s| *s != seq);
                if queue.is_empty() {
                    self.by_key.remove(&key);
                }
            }
            if let Some(started) = self.by_seq.remove(&seq) {
                gone.push((seq, started));
            }
        }
        gone
    }

    /// Everything still waiting, oldest first, taken out.
    pub fn drain(&mut self) -> Vec<(u64, Started)> {
        self.by_key.clear();
        std::mem::take(&mut self.by_seq).into_iter().collect()
    }
}
