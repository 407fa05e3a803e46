//! `reprise view`: transcripts (merged or not) as one self-contained HTML
//! timeline.

use std::collections::HashMap;
use std::io::{BufRead, Write};

use reprise_transcript::{Event, Origin, Reader, Selector};
use serde_json::{Value, json};

use crate::error::{Error, Problem};
use crate::escape::ScriptSafe;
use crate::input::Input;
use crate::overlay::Overlay;
use crate::page::{FileInfo, Page};
use crate::path::select;
use crate::record::Record;

/// Writes one self-contained HTML page (inline CSS and JavaScript, nothing
/// fetched) showing transcripts as a timeline.
///
/// - A swimlane per node, port and task; calls are spans from call to
///   return (red when the return is an error or a panic), probes are marks,
///   checkpoints (states) are key frames drawn across the node's lanes.
/// - A merged transcript ([`Merge`](crate::Merge)) gets a group of lanes per
///   node and an arrow from each send to the receive it matched, and opens
///   on the seq axis (its causal order); a toggle switches to `at_ns`.
/// - Each [`Overlay`] (a replay's divergence report or a check report) lists
///   its findings beside the timeline, each linked to its event and drawn
///   around it; the page opens on the first one.
/// - A click on an event shows its payload as pretty JSON (a call with its
///   return); search finds events by method, seq or text; the wheel zooms,
///   a drag pans.
/// - Values are shown as the file holds them. What is marked as scrubbed
///   is exactly a `[redacted:...]` placeholder (in a string, wherever it
///   is). A pseudonym or a hash the sanitizer wrote is shown as the file
///   holds it and is *not* marked: the page cannot tell it from a value.
///   A file whose header (or, merged, a node's header) carries a sanitizer
///   report gets a `scrubbed` badge in the page's header.
///
/// # Limits
///
/// Events are read one at a time and written into the page as they are read,
/// so writing the page takes memory for one event. The page holds every
/// event, and draws only what is on screen: it is tested with 100,000 events
/// in headless Chromium (`cli/tests/view_browser.rs`), where it opens in
/// about a second and redraws a zoom or pan in a few milliseconds. The limit
/// is the browser's memory for the events' JSON: about 2 to 3 times the
/// transcripts' size, so transcripts of a few hundred MB are the practical
/// ceiling; cut a larger one to the part of interest first.
///
/// ```
/// use reprise::view::{Input, Overlay, Timeline};
/// let text = concat!(
///     "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n",
///     "{\"kind\":\"call\",\"seq\":0,\"dir\":\"in\",\"port\":\"api\",\"method\":\"get\",\"args\":{\"key\":\"a\"},\"at_ns\":5}\n",
///     "{\"kind\":\"return\",\"seq\":1,\"call\":0,\"ok\":\"</script>\",\"at_ns\":9}\n",
/// );
/// let report = r#"{"findings":[{"seq":0,"port":"api","method":"get","kind":"return_differs","message":"differs"}]}"#;
/// let mut page = Vec::new();
/// let summary = Timeline::new("kv")
///     .overlay(Overlay::from_json("report.json", None, report)?)
///     .write(vec![Input { file: "kv.jsonl".into(), reader: text.as_bytes() }], &mut page)?;
/// assert_eq!(summary.events, 2);
/// let page = String::from_utf8(page)?;
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert_eq!(page.matches("</script>").count(), 3, "no payload closes a script element");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Timeline {
    title: String,
    overlays: Vec<Overlay>,
}

/// What writing a timeline read.
///
/// ```
/// use reprise::view::{Input, Timeline, ViewSummary};
/// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n{\"kind\":\"probe\",\"seq\":0,\"name\":\"up\",\"fields\":{},\"at_ns\":1}\nnot json\n";
/// let summary: ViewSummary = Timeline::new("kv")
///     .write(vec![Input { file: "kv.jsonl".into(), reader: text.as_bytes() }], Vec::new())?;
/// assert_eq!(summary.events, 1);
/// assert_eq!(summary.problems.len(), 1, "the bad line is skipped and listed");
/// assert_eq!(summary.problems[0].file, "kv.jsonl");
/// # Ok::<(), reprise::view::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ViewSummary {
    /// Events written into the page.
    pub events: u64,
    /// Lines of the inputs that could not be read, skipped.
    pub problems: Vec<Problem>,
}

impl Timeline {
    /// A timeline titled `title` (the page's title), without overlays.
    ///
    /// ```
    /// use reprise::view::{Input, Timeline};
    /// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n{\"kind\":\"probe\",\"seq\":0,\"name\":\"up\",\"fields\":{},\"at_ns\":1}\n";
    /// let mut page = Vec::new();
    /// Timeline::new("<kv> run").write(vec![Input { file: "kv.jsonl".into(), reader: text.as_bytes() }], &mut page)?;
    /// assert!(String::from_utf8(page)?.contains("<title>&lt;kv&gt; run"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(title: impl Into<String>) -> Timeline {
        Timeline {
            title: title.into(),
            overlays: Vec::new(),
        }
    }

    /// Overlays a report's findings. The first finding of the first
    /// overlay is the headline the page opens on.
    ///
    /// ```
    /// use reprise::view::{Input, Overlay, Timeline};
    /// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\"}\n{\"kind\":\"probe\",\"seq\":0,\"name\":\"up\",\"fields\":{},\"at_ns\":1}\n";
    /// let report = Overlay::from_json("r.json", None, r#"{"findings":[{"seq":0,"kind":"unexpected_probe"}]}"#)?;
    /// let mut page = Vec::new();
    /// Timeline::new("kv").overlay(report).write(vec![Input { file: "kv.jsonl".into(), reader: text.as_bytes() }], &mut page)?;
    /// assert!(String::from_utf8(page)?.contains(r#""kind":"unexpected_probe""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn overlay(mut self, overlay: Overlay) -> Timeline {
        self.overlays.push(overlay);
        self
    }

    /// Reads every input and writes the page to `out`. A bad line is
    /// skipped and listed in [`ViewSummary::problems`]; an input that is not
    /// a transcript is an error.
    ///
    /// ```
    /// use reprise::view::{Input, Timeline};
    /// let err = Timeline::new("x")
    ///     .write(vec![Input { file: "notes.txt".into(), reader: "hello\n".as_bytes() }], Vec::new())
    ///     .unwrap_err();
    /// assert!(err.to_string().starts_with("notes.txt: line 1:"));
    /// ```
    pub fn write<R: BufRead, W: Write>(
        &self,
        inputs: Vec<Input<R>>,
        mut out: W,
    ) -> Result<ViewSummary, Error> {
        let page = Page::new()?;
        let mut readers = Vec::with_capacity(inputs.len());
        let mut files = Vec::with_capacity(inputs.len());
        for input in inputs {
            let reader = Reader::from_buf_read(input.reader).map_err(|error| Error::Read {
                file: input.file.clone(),
                error,
            })?;
            files.push(file_info(&input.file, &reader));
            readers.push((input.file, reader));
        }
        page.head(&mut out, &self.title, &files)?;
        let mut summary = ViewSummary::default();
        let mut merges = Vec::new();
        let mut shown = ShownPaths::new(&self.overlays);
        {
            let mut json = ScriptSafe(&mut out);
            json.write_all(b"[")?;
            for (f, (file, reader)) in readers.iter_mut().enumerate() {
                let node = files[f].nodes.first().cloned().unwrap_or_default();
                while let Some(next) = reader.next() {
                    match next {
                        Ok(event) => {
                            let origin: Option<&Origin> = reader.origin();
                            let Some(record) = Record::new(f, &node, &event, origin) else {
                                continue;
                            };
                            shown.visit(&self.overlays, f, record.n, record.ns, &event);
                            if summary.events > 0 {
                                json.write_all(b",\n")?;
                            }
                            serde_json::to_writer(&mut json, &record)
                                .map_err(std::io::Error::from)?;
                            summary.events += 1;
                        }
                        Err(e) => summary.problems.push(Problem {
                            file: file.clone(),
                            message: e.to_string(),
                        }),
                    }
                }
                merges.push(reader.merge_summary().cloned().unwrap_or(Value::Null));
            }
            json.write_all(b"]\n")?;
        }
        let meta = json!({
            "title": self.title,
            "files": files.iter().map(|f| json!({"name": f.name, "nodes": f.nodes})).collect::<Vec<_>>(),
            "merged": files.iter().any(|f| f.merged),
            "merges": merges,
            "overlays": shown.overlays(&self.overlays),
        });
        let mut meta_text = Vec::new();
        serde_json::to_writer(ScriptSafe(&mut meta_text), &meta).map_err(std::io::Error::from)?;
        page.tail(&mut out, &String::from_utf8_lossy(&meta_text))?;
        out.flush()?;
        Ok(summary)
    }
}

/// Which paths of each overlay finding the page may show: those naming a
/// value in the finding's own event of the transcript. A path that names
/// nothing there (a key only the component's `actual` had, which may be a
/// value itself) is counted, not written.
/// An event as an overlay names it: its node (`None`: the first file's) and
/// its seq there.
type EventKey = (Option<String>, u64);

struct ShownPaths {
    /// The findings of each event: (node of the overlay, or `None` for the
    /// first file, and seq) to (overlay, finding) indices.
    wanted: HashMap<EventKey, Vec<(usize, usize)>>,
    /// Per overlay and finding: the paths found in the transcript, once its
    /// event was read.
    found: Vec<Vec<Option<Vec<String>>>>,
}

impl ShownPaths {
    fn new(overlays: &[Overlay]) -> ShownPaths {
        let mut wanted: HashMap<_, Vec<_>> = HashMap::new();
        for (o, overlay) in overlays.iter().enumerate() {
            for (k, finding) in overlay.findings().iter().enumerate() {
                if let Some(seq) = finding.seq {
                    let node = overlay.node().map(str::to_owned);
                    wanted.entry((node, seq)).or_default().push((o, k));
                }
            }
        }
        let found = overlays
            .iter()
            .map(|o| vec![None; o.findings().len()])
            .collect();
        ShownPaths { wanted, found }
    }

    /// Notes the paths of the findings about `event` (input `file`, `node`,
    /// its seq there `node_seq`) that name a value in it.
    fn visit(
        &mut self,
        overlays: &[Overlay],
        file: usize,
        node: &str,
        node_seq: u64,
        event: &Event,
    ) {
        if self.wanted.is_empty() {
            return;
        }
        let mut hits: Vec<(usize, usize)> = Vec::new();
        if let Some(list) = self.wanted.get(&(Some(node.to_owned()), node_seq)) {
            hits.extend(list);
        }
        if file == 0
            && let Some(list) = self.wanted.get(&(None, node_seq))
        {
            hits.extend(list);
        }
        if hits.is_empty() {
            return;
        }
        let line = serde_json::to_value(event).unwrap_or_default();
        for (o, k) in hits {
            let paths = overlays[o].findings()[k]
                .paths
                .iter()
                .filter(|p| {
                    p.parse::<Selector>()
                        .is_ok_and(|path| select(&line, &path).is_some())
                })
                .cloned()
                .collect();
            self.found[o][k] = Some(paths);
        }
    }

    /// The overlays as the page holds them: each finding with the paths
    /// found in the transcript, and how many were left out.
    fn overlays(&self, overlays: &[Overlay]) -> Value {
        let list = overlays
            .iter()
            .zip(&self.found)
            .map(|(overlay, found)| {
                let findings: Vec<Value> = overlay
                    .findings()
                    .iter()
                    .zip(found)
                    .map(|(finding, paths)| {
                        let paths = paths.as_deref().unwrap_or_default();
                        json!({
                            "seq": finding.seq,
                            "port": finding.port,
                            "method": finding.method,
                            "kind": finding.kind,
                            "severity": finding.severity,
                            "expectation": finding.expectation,
                            "paths": paths,
                            "hidden_paths": finding.paths.len() - paths.len(),
                        })
                    })
                    .collect();
                json!({"file": overlay.file(), "node": overlay.node(), "findings": findings})
            })
            .collect();
        Value::Array(list)
    }
}

/// What the page says about an input: a merged file lists its nodes; any
/// other is one node, named as `reprise merge` would name it.
fn file_info<R: BufRead>(file: &str, reader: &Reader<R>) -> FileInfo {
    let header = reader.header();
    let merge = header.meta.get("merge");
    let nodes: Vec<String> = match merge.and_then(|m| m.get("nodes")).and_then(Value::as_array) {
        Some(nodes) => nodes
            .iter()
            .filter_map(|n| n.get("node").and_then(Value::as_str).map(str::to_owned))
            .collect(),
        None => vec![match header.meta.get("node") {
            Some(Value::String(s)) => s.clone(),
            Some(v) if !v.is_null() => v.to_string(),
            _ => std::path::Path::new(file)
                .file_stem()
                .map_or_else(|| file.to_owned(), |s| s.to_string_lossy().into_owned()),
        }],
    };
    let scrubbed = header.sanitizer.is_some()
        || merge
            .and_then(|m| m.get("nodes"))
            .and_then(Value::as_array)
            .is_some_and(|nodes| {
                nodes
                    .iter()
                    .any(|n| n.get("sanitizer").is_some_and(|s| !s.is_null()))
            });
    FileInfo {
        name: file.to_owned(),
        component: header.component.clone(),
        created: header.created.clone(),
        merged: merge.is_some(),
        nodes,
        scrubbed,
    }
}

#[cfg(test)]
mod tests;
