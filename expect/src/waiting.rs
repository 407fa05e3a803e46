//! [`Waiting`]: started things (calls, enqueued items, requests) waiting
//! for their end, oldest first, looked up by key.

use std::collections::{HashMap, VecDeque};

use crate::pending::Pending;

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

/// Started things in seq order (so the oldest is first) and by key (first
/// in, first out among equal keys).
#[derive(Debug, Default)]
pub(crate) struct Waiting {
    by_seq: Pending<Started>,
    by_key: HashMap<String, VecDeque<u64>>,
}

impl Waiting {
    pub fn start(&mut self, seq: u64, started: Started) {
        self.by_key
            .entry(started.key.clone())
            .or_default()
            .push_back(seq);
        if let Some((seq, forgotten)) = self.by_seq.start(seq, started) {
            self.unkey(seq, &forgotten.key);
        }
    }

    /// How many started things were forgotten, past [`MAX_PENDING`](crate::pending::MAX_PENDING)
    /// waiting (see [`Pending`]).
    pub fn forgotten(&self) -> u64 {
        self.by_seq.forgotten()
    }

    fn unkey(&mut self, seq: u64, key: &str) {
        if let Some(queue) = self.by_key.get_mut(key) {
            queue.retain(|s| *s != seq);
            if queue.is_empty() {
                self.by_key.remove(key);
            }
        }
    }

    /// The oldest started thing with `key`, taken out.
    pub fn end(&mut self, key: &str) -> Option<(u64, Started)> {
        let queue = self.by_key.get_mut(key)?;
        let seq = queue.pop_front()?;
        if queue.is_empty() {
            self.by_key.remove(key);
        }
        self.by_seq.end(seq).map(|s| (seq, s))
    }

    pub fn oldest(&self) -> Option<(u64, &Started)> {
        self.by_seq.oldest()
    }

    /// Takes out, oldest first, every started thing for which `overdue` holds,
    /// stopping at the first that is not.
    pub fn expire(&mut self, overdue: impl FnMut(&Started) -> bool) -> Vec<(u64, Started)> {
        let gone = self.by_seq.expire(overdue);
        for (seq, started) in &gone {
            self.unkey(*seq, &started.key);
        }
        gone
    }

    /// Everything still waiting, oldest first, taken out.
    pub fn drain(&mut self) -> Vec<(u64, Started)> {
        self.by_key.clear();
        self.by_seq.drain()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn started(key: &str, at_ns: u64) -> Started {
        Started {
            key: key.to_owned(),
            at_ns,
            index: 0,
            port: String::new(),
            method: String::new(),
        }
    }

    #[test]
    fn ends_by_key_oldest_first() {
        let mut w = Waiting::default();
        w.start(1, started("a", 10));
        w.start(2, started("b", 20));
        w.start(3, started("a", 30));
        assert_eq!(w.end("a").map(|(s, st)| (s, st.at_ns)), Some((1, 10)));
        assert_eq!(w.oldest().map(|(s, _)| s), Some(2));
        let gone = w.expire(|s| s.at_ns < 25);
        assert_eq!(gone.iter().map(|(s, _)| *s).collect::<Vec<_>>(), [2]);
        assert!(w.end("b").is_none(), "expired, and out of the key index");
        assert_eq!(w.drain().len(), 1);
        assert!(w.end("a").is_none() && w.oldest().is_none());
    }
}
