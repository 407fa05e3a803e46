//! The in-memory sink, for tests.

use std::sync::{Arc, Mutex, PoisonError};

use crate::RecordError;
use crate::sink::{Delivery, LineKind, Sink};

/// Keeps the transcript in memory. Clones share the same buffer: give one
/// clone to the recorder and read the transcript from another.
///
/// It never drops a line and never fails.
///
/// ```
/// use reprise::recorder::{MemorySink, Recorder};
/// let sink = MemorySink::new();
/// let recorder = Recorder::builder("demo").sink(sink.clone()).start(&"ready")?;
/// recorder.finish()?;
/// let text = sink.contents_string();
/// assert_eq!(text.lines().count(), 3);
/// assert!(text.lines().nth(1).unwrap().contains(r#""state":"ready""#));
/// # Ok::<(), reprise::recorder::RecordError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct MemorySink {
    bytes: Arc<Mutex<Vec<u8>>>,
}

impl MemorySink {
    /// An empty sink.
    ///
    /// ```
    /// assert!(reprise::recorder::MemorySink::new().contents().is_empty());
    /// ```
    pub fn new() -> Self {
        MemorySink::default()
    }

    /// A copy of the transcript written so far.
    ///
    /// ```
    /// use reprise::recorder::{MemorySink, Recorder};
    /// let sink = MemorySink::new();
    /// Recorder::builder("demo").sink(sink.clone()).start(&())?.finish()?;
    /// let bytes = sink.contents();
    /// let reader = reprise::transcript::Reader::new(&bytes[..])?;
    /// assert_eq!(reader.header().component, "demo");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn contents(&self) -> Vec<u8> {
        self.lock().clone()
    }

    /// The transcript written so far, as text (lines are always UTF-8).
    ///
    /// ```
    /// use reprise::recorder::{MemorySink, Recorder};
    /// let sink = MemorySink::new();
    /// Recorder::builder("demo").sink(sink.clone()).start(&())?.finish()?;
    /// assert!(sink.contents_string().ends_with("{\"kind\":\"end\",\"events\":1,\"dropped\":0}\n"));
    /// # Ok::<(), reprise::recorder::RecordError>(())
    /// ```
    pub fn contents_string(&self) -> String {
        String::from_utf8_lossy(&self.lock()).into_owned()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<u8>> {
        self.bytes.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Sink for MemorySink {
    fn write(&mut self, _kind: LineKind, line: &[u8]) -> Result<Delivery, RecordError> {
        self.lock().extend_from_slice(line);
        Ok(Delivery::Accepted)
    }

    fn write_parts(&mut self, _kind: LineKind, parts: &[&[u8]]) -> Result<Delivery, RecordError> {
        let mut bytes = self.lock();
        for part in parts {
            bytes.extend_from_slice(part);
        }
        Ok(Delivery::Accepted)
    }
}
