//! An input of a merge or a timeline: a transcript and its name.

/// One transcript given to [`Merge::run`](crate::Merge::run) or
/// [`Timeline::write`](crate::Timeline::write): any buffered reader, and the
/// name to give in messages and in the output (its file name).
///
/// ```
/// use std::io::BufReader;
/// use reprise::view::Input;
/// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n";
/// // From memory, or from a file opened with `BufReader::new(File::open(..)?)`.
/// let input = Input { file: "n1.jsonl".to_owned(), reader: BufReader::new(text.as_bytes()) };
/// assert_eq!(input.file, "n1.jsonl");
/// ```
pub struct Input<R> {
    /// The name used in messages and in the merged header, such as `n1.jsonl`.
    pub file: String,
    /// The transcript.
    pub reader: R,
}
