//! Reading a transcript on one thread and decoding its lines on others.
//!
//! A [`Reader`](crate::Reader) reads, decodes and checks each line in turn.
//! For a large transcript the decoding is most of the work, so it can be
//! split: the reading thread takes each line's bytes with
//! [`Reader::next_line`](crate::Reader::next_line) and hands them on; other
//! threads decode them with [`decode_line`], which gives the event and what
//! the checks across lines need of it (a [`Decoded`], no payload); and the
//! reading thread gives each `Decoded` back, in the order the lines were
//! read, to [`Reader::check`](crate::Reader::check). The checks (seqs
//! increase, the `end` line comes last and counts the events, a torn last
//! line ends the transcript) are the ones iteration makes, by the same
//! code, so both ways read a transcript alike.

use serde::Deserialize;
use serde_json::Value;

use crate::error::ReadError;
use crate::event::{End, Event};
use crate::line::{Line, LineProblem, decode_with_extras};
use crate::origin::Origin;

/// A line read by [`Reader::next_line`](crate::Reader::next_line), not yet
/// decoded: its number, and whether a newline ended it (only a last line
/// can lack one, which is then a torn line when it does not decode).
///
/// ```
/// use reprise::transcript::Reader;
/// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n\n{\"seq\":0}";
/// let mut reader = Reader::new(text.as_bytes())?;
/// assert_eq!(reader.next_line().unwrap()?.line, 3, "the blank line is skipped");
/// # Ok::<(), reprise::transcript::ReadError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineAt {
    /// The line's number (1-based).
    pub line: u64,
    pub(crate) complete: bool,
}

/// What a line decoded to, as the checks across lines need it: an event's
/// seq and origin, the `end` line, a header, or why the line could not be
/// decoded. It holds no payload, and can be sent to the thread that checks.
///
/// ```
/// use reprise::transcript::{Decoded, Event, decode_line};
/// fn sendable<T: Send>(_: &T) {}
/// let (event, decoded): (Option<Event>, _) = decode_line(b"{\"seq\":4,\"kind\":\"probe\",\"name\":\"p\"}");
/// assert!(event.is_some());
/// sendable::<Decoded>(&decoded);
/// let (event, _): (Option<Event>, _) = decode_line(b"not json");
/// assert!(event.is_none());
/// ```
#[derive(Debug)]
pub struct Decoded(pub(crate) Summary);

/// Small, as it is moved a few times per line: what only a merged
/// transcript or the `end` line has is boxed.
#[derive(Debug)]
pub(crate) enum Summary {
    Event {
        seq: Option<u64>,
        origin: Option<Box<Origin>>,
    },
    End {
        end: Box<End>,
        merge: Option<Box<Value>>,
    },
    Header,
    Problem(LineProblem),
}

/// What [`Reader::check`](crate::Reader::check) made of a line.
///
/// ```
/// use reprise::transcript::{Event, Reader, Verdict, decode_line};
/// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n{\"seq\":0,\"kind\":\"probe\",\"name\":\"p\"}\n";
/// let mut reader = Reader::new(text.as_bytes())?;
/// let at = reader.next_line().unwrap()?;
/// let (_, decoded): (Option<Event>, _) = decode_line(reader.line_bytes());
/// assert!(matches!(reader.check(at, decoded), Verdict::Keep));
/// # Ok::<(), reprise::transcript::ReadError>(())
/// ```
#[derive(Debug)]
pub enum Verdict {
    /// An event to keep: the reader counted it.
    Keep,
    /// A bad line (its event, if it decoded to one, is not part of the
    /// transcript), as iteration would have returned it.
    Bad(ReadError),
    /// Nothing to keep and nothing wrong: the `end` line, a torn last line,
    /// or a line after the `end` line already reported.
    Skip,
}

/// Decodes one line's bytes (without its newline): the event, if the line
/// is one, and what [`Reader::check`](crate::Reader::check) needs to check
/// it against the lines before it. Decoding is the same as iteration's, so
/// the event is the one a reader would have returned. Its payloads may
/// borrow from `bytes` (a payload type such as `&RawValue`).
///
/// ```
/// use reprise::transcript::{Event, Reader, Verdict, decode_line};
/// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n\
///             {\"seq\":0,\"kind\":\"probe\",\"name\":\"tick\",\"fields\":{\"n\":1}}\n\
///             {\"seq\":0,\"kind\":\"probe\",\"name\":\"tick\",\"fields\":{\"n\":2}}\n";
/// let mut reader = Reader::new(text.as_bytes())?;
/// let mut kept = Vec::new();
/// while let Some(at) = reader.next_line() {
///     let at = at?;
///     // This decoding could run on another thread.
///     let (event, decoded): (Option<Event>, _) = decode_line(reader.line_bytes());
///     match reader.check(at, decoded) {
///         Verdict::Keep => kept.extend(event),
///         Verdict::Bad(err) => assert!(err.to_string().contains("seq 0 comes after seq 0")),
///         Verdict::Skip => {}
///     }
/// }
/// reader.end_of_lines();
/// assert_eq!(kept.len(), 1);
/// assert!(matches!(&kept[0], Event::Probe(p) if p.fields["n"] == 1));
/// # Ok::<(), reprise::transcript::ReadError>(())
/// ```
pub fn decode_line<'de, P: Deserialize<'de>>(bytes: &'de [u8]) -> (Option<Event<P>>, Decoded) {
    let (event, summary) = summarize(decode_with_extras(bytes));
    (event, Decoded(summary))
}

/// A decoded line split into its event and its summary.
pub(crate) fn summarize<P>(
    decoded: Result<(Line<P>, crate::line::Extras), LineProblem>,
) -> (Option<Event<P>>, Summary) {
    match decoded {
        Ok((Line::Event(Event::End(end)), extras)) => (
            None,
            Summary::End {
                end: Box::new(end),
                merge: extras.merge,
            },
        ),
        Ok((Line::Event(event), extras)) => {
            let seq = event.seq();
            (
                Some(event),
                Summary::Event {
                    seq,
                    origin: extras.origin,
                },
            )
        }
        Ok((Line::Header(_), _)) => (None, Summary::Header),
        Err(problem) => (None, Summary::Problem(problem)),
    }
}

#[cfg(test)]
mod tests;
