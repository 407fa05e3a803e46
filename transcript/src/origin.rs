//! The fields a merged transcript adds to each event: a minor addition to
//! format version 1, written by `reprise merge`.

use serde::{Deserialize, Serialize};

/// Where an event of a merged transcript came from.
///
/// `reprise merge` puts the transcripts of several nodes into one causal
/// timeline. Each event line of the merged file is the node's event with its
/// `seq` renumbered (gap-free over the whole file, and `call`/`parent`
/// renumbered to match) and four more fields:
///
/// - `node`: the node's name (its header's `meta.node`, else its file's name);
/// - `node_seq`: the event's `seq` in that node's own transcript;
/// - `clock`: a Lamport clock, reconciled along matched messages (a receive's
///   clock is above its send's), never from the nodes' wall clocks;
/// - `cause` (on a receive only): the merged `seq` of the send it matched.
///
/// The `end` line of a merged file carries a `merge` summary (messages
/// matched, and every unmatched send and receive), read with
/// [`Reader::merge_summary`](crate::Reader::merge_summary).
///
/// Readers that do not know these fields ignore them, as they ignore every
/// unknown field, so a merged file reads as an ordinary transcript.
/// [`Reader::origin`](crate::Reader::origin) gives them back.
///
/// ```
/// use reprise::transcript::Reader;
/// let text = concat!(
///     "{\"reprise\":1,\"kind\":\"header\",\"component\":\"cluster\"}\n",
///     "{\"kind\":\"call\",\"seq\":0,\"dir\":\"in\",\"port\":\"api\",\"method\":\"on_message\",",
///     "\"args\":{},\"at_ns\":5,\"node\":\"1\",\"node_seq\":7,\"clock\":3,\"cause\":12}\n",
/// );
/// let mut reader = Reader::new(text.as_bytes())?;
/// let event = reader.next().unwrap()?;
/// let origin = reader.origin().unwrap();
/// assert_eq!((event.seq(), origin.node.as_str(), origin.seq), (Some(0), "1", 7));
/// assert_eq!((origin.clock, origin.cause), (Some(3), Some(12)));
/// # Ok::<(), reprise::transcript::ReadError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The node whose transcript held the event.
    pub node: String,
    /// The event's `seq` in that transcript (`node_seq` on the wire).
    #[serde(rename = "node_seq")]
    pub seq: u64,
    /// The event's Lamport clock in the merged timeline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clock: Option<u64>,
    /// For a receive matched to a send: the send's merged `seq`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<u64>,
}
