//! [`Transcript`]: one recording held in memory, to be mutated and cut down.

use std::io::BufReader;
use std::path::Path;

use reprise_replayer::{Replay, ReplayBuilder, ReplayError};
use reprise_transcript::{
    Call, DEFAULT_MAX_LINE, Direction, End, Ending, Event, Header, Reader, Writer,
};
use serde_json::value::RawValue;

use crate::error::EntropyError;

/// A payload as its JSON text: moved and copied, parsed only when a
/// mutation changes it.
pub(crate) type Raw = Box<RawValue>;

/// One transcript in memory: its header, its events and how it ends.
///
/// Payloads stay JSON text, so writing a mutated transcript back out costs
/// little more than copying it. A transcript that was cut short (no `end`
/// line, as a crashed process leaves it) stays cut short through mutation
/// and minimization; a flight-recorder dump (which starts from a checkpoint)
/// keeps its first state.
///
/// ```
/// use reprise::entropy::Transcript;
/// let transcript = Transcript::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"seq":0,"kind":"state","label":"initial","state":{}}
/// {"seq":1,"kind":"call","dir":"in","port":"api","method":"put","args":{"key":"a"}}
/// {"seq":2,"kind":"return","call":1,"ok":null}
/// {"kind":"end","events":3,"dropped":0}
/// "#)?;
/// assert_eq!(transcript.inbound_calls().len(), 1);
/// assert!(!transcript.is_cut_short());
/// let text = String::from_utf8(transcript.to_bytes()).unwrap();
/// assert!(text.ends_with("{\"kind\":\"end\",\"events\":3,\"dropped\":0}\n"));
/// # Ok::<(), reprise::entropy::EntropyError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Transcript {
    pub(crate) header: Header,
    pub(crate) events: Vec<Event<Raw>>,
    /// The `end` line's `dropped` and `sanitizer`; `None` when cut short.
    pub(crate) end: Option<(u64, Option<serde_json::Value>)>,
    /// Where it was read from, for errors.
    pub(crate) source: String,
}

impl Transcript {
    /// Reads the transcript at `path`. A bad line is an
    /// [`EntropyError::Read`] naming the file and the line.
    ///
    /// ```
    /// let dir = tempfile::tempdir()?;
    /// let path = dir.path().join("bad.jsonl");
    /// std::fs::write(&path, "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n{\"seq\":0}\n")?;
    /// let err = reprise::entropy::Transcript::from_file(&path).unwrap_err();
    /// assert_eq!(err.to_string(), format!("{}: line 2: line has no `kind` field", path.display()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_file(path: impl AsRef<Path>) -> Result<Transcript, EntropyError> {
        let path = path.as_ref();
        let file = std::fs::File::open(path).map_err(|source| EntropyError::Io {
            path: path.to_owned(),
            source,
        })?;
        Transcript::read(BufReader::new(file), path.display().to_string())
    }

    /// Reads a transcript held in a string; errors name `<string>`.
    ///
    /// ```
    /// let err = reprise::entropy::Transcript::from_str("not json\n").unwrap_err();
    /// assert!(err.to_string().starts_with("<string>: "), "{err}");
    /// ```
    #[allow(
        clippy::should_implement_trait,
        reason = "the same spelling as `Replay::from_str`"
    )]
    pub fn from_str(text: &str) -> Result<Transcript, EntropyError> {
        Transcript::read(text.as_bytes(), "<string>".to_owned())
    }

    /// Reads a transcript from bytes; `name` stands for the file in errors.
    ///
    /// ```
    /// let t = reprise::entropy::Transcript::from_bytes(b"{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n", "upload.jsonl")?;
    /// assert!(t.is_cut_short());
    /// # Ok::<(), reprise::entropy::EntropyError>(())
    /// ```
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Transcript, EntropyError> {
        Transcript::read(bytes, name.to_owned())
    }

    fn read(input: impl std::io::BufRead, source: String) -> Result<Transcript, EntropyError> {
        let read_err = |source_name: &str| {
            let file = source_name.to_owned();
            move |e| EntropyError::Read {
                file: file.clone(),
                source: e,
            }
        };
        let mut reader =
            Reader::<_, Raw>::with_payload(input, DEFAULT_MAX_LINE).map_err(read_err(&source))?;
        let mut events = Vec::new();
        for event in reader.by_ref() {
            match event.map_err(read_err(&source))? {
                Event::End(_) => {}
                event => events.push(event),
            }
        }
        let end = match reader.ending() {
            Some(Ending::Clean {
                dropped, sanitizer, ..
            }) => Some((*dropped, sanitizer.clone())),
            _ => None,
        };
        Ok(Transcript {
            header: reader.header().clone(),
            events,
            end,
            source,
        })
    }

    /// The transcript as JSON Lines: the header, the events, and the `end`
    /// line (counting the events) unless it was cut short.
    ///
    /// ```
    /// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\",\"created\":\"\",\"recorder\":\"\",\"meta\":{},\"sanitizer\":null}\n";
    /// let t = reprise::entropy::Transcript::from_str(text)?;
    /// assert_eq!(String::from_utf8(t.to_bytes()).unwrap(), text);
    /// # Ok::<(), reprise::entropy::EntropyError>(())
    /// ```
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut writer = Writer::new(Vec::with_capacity(self.events.len() * 160));
        // Writing to memory cannot fail; serialising a `RawValue` neither.
        let mut write = || -> std::io::Result<Vec<u8>> {
            writer.header(&self.header)?;
            for event in &self.events {
                writer.event(event)?;
            }
            match &self.end {
                Some((dropped, sanitizer)) => {
                    let end = End {
                        sanitizer: sanitizer.clone(),
                        ..End::new(self.events.len() as u64, *dropped)
                    };
                    writer.event(&Event::<Raw>::End(end))?;
                    Ok(std::mem::take(writer.get_mut()))
                }
                None => Ok(std::mem::take(writer.get_mut())),
            }
        };
        write().unwrap_or_default()
    }

    /// A replay session over this transcript, built by `builder` from the
    /// events in memory (copied; nothing is written out or parsed again).
    /// Errors name where the transcript was read from.
    ///
    /// ```
    /// use reprise::entropy::{Transcript, tolerant};
    /// use reprise::replayer::{Outcome, Replay};
    /// let t = Transcript::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
    /// {"seq":0,"kind":"call","dir":"in","port":"api","method":"double","args":{"n":2}}
    /// {"seq":1,"kind":"return","call":0,"ok":4}
    /// {"kind":"end","events":2,"dropped":0}
    /// "#)?;
    /// let replay = t.replay(tolerant(Replay::builder()))?;
    /// assert!(!replay.is_cut_short());
    /// replay.drive(|call| Ok(Outcome::ok(&(call.arg::<u64>("n")? * 2))?)).assert_clean();
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn replay(&self, builder: ReplayBuilder) -> Result<Replay, ReplayError> {
        let end = self.end.as_ref().map(|(dropped, sanitizer)| {
            Event::End(End {
                sanitizer: sanitizer.clone(),
                ..End::new(self.events.len() as u64, *dropped)
            })
        });
        builder.from_events(
            self.header.clone(),
            self.events.iter().cloned().chain(end),
            &self.source,
        )
    }

    /// The header.
    ///
    /// ```
    /// let t = reprise::entropy::Transcript::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n")?;
    /// assert_eq!(t.header().component, "kv");
    /// # Ok::<(), reprise::entropy::EntropyError>(())
    /// ```
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The header, to change (a campaign writes the mutations into `meta`).
    ///
    /// ```
    /// let mut t = reprise::entropy::Transcript::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n")?;
    /// t.header_mut().meta.insert("case".into(), 7.into());
    /// assert_eq!(t.header().meta["case"], 7);
    /// # Ok::<(), reprise::entropy::EntropyError>(())
    /// ```
    pub fn header_mut(&mut self) -> &mut Header {
        &mut self.header
    }

    /// How many events it holds (the `end` line not counted).
    ///
    /// ```
    /// let t = reprise::entropy::Transcript::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n{\"seq\":0,\"kind\":\"probe\",\"name\":\"p\",\"fields\":{},\"at_ns\":0}\n")?;
    /// assert_eq!(t.len(), 1);
    /// # Ok::<(), reprise::entropy::EntropyError>(())
    /// ```
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// Whether it holds no event.
    ///
    /// ```
    /// let t = reprise::entropy::Transcript::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n")?;
    /// assert!(t.is_empty());
    /// # Ok::<(), reprise::entropy::EntropyError>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// Whether it was cut short (it has no `end` line).
    ///
    /// ```
    /// let t = reprise::entropy::Transcript::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n")?;
    /// assert!(t.is_cut_short());
    /// # Ok::<(), reprise::entropy::EntropyError>(())
    /// ```
    pub fn is_cut_short(&self) -> bool {
        self.end.is_none()
    }

    /// The inbound calls, in order, with their arguments as JSON text.
    ///
    /// ```
    /// let t = reprise::entropy::Transcript::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
    /// {"seq":0,"kind":"call","dir":"in","port":"api","method":"put","args":{"key":"a"}}
    /// "#)?;
    /// let calls = t.inbound_calls();
    /// assert_eq!((calls[0].seq, calls[0].method.as_str(), calls[0].args.get()), (0, "put", r#"{"key":"a"}"#));
    /// # Ok::<(), reprise::entropy::EntropyError>(())
    /// ```
    pub fn inbound_calls(&self) -> Vec<&Call<Box<RawValue>>> {
        self.events
            .iter()
            .filter_map(|e| match e {
                Event::Call(c) if c.dir == Direction::In => Some(c),
                _ => None,
            })
            .collect()
    }
}
