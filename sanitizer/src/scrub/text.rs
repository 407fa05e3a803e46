//! The text pass: what a string holds, however it is written.
//!
//! A string is looked at as what it may encode, up to [`MAX_DEPTH`] levels
//! deep, and scrubbed with the same rules as the payload around it:
//!
//! - a JSON document held in a string (an HTTP body, a queue message) is
//!   parsed and walked like any payload (key rules included), then written
//!   back in the same style (compact or pretty);
//! - a string that is, as a whole, base64 or hex of text (a byte payload
//!   recorded with `reprise::bytes`) is decoded, its text scrubbed by this
//!   same pass (so JSON inside base64 gets the key rules), and encoded
//!   again;
//! - percent-encoded text (query strings, a URL inside a URL) is also read
//!   decoded, and what is found there is replaced, percent-encoded, in
//!   place; so are HTML character references, quoted-printable, `\u`
//!   escapes and lines continued with a backslash ([`super::views`]);
//! - otherwise the detectors and custom regexes find spans, and the key
//!   rules find the values their names announce (`password=...`,
//!   `--token ...`; see [`crate::name_value`]), and the columns a table's
//!   header names (CSV, fixed-width records; see [`super::table`]) and
//!   the values of an SQL `INSERT` its columns name ([`super::sql`]), and
//!   the fields of an HL7 v2 message by their position ([`super::hl7`]),
//!   and those of DICOM dumps, NACHA entries, boarding passes and ISO
//!   20022 parties ([`super::records`]).
//!
//! Only the spans found change: the rest of the text stays as it was.

use super::node::Node;
use base64::Engine as _;

use super::binary;
use super::clean_texts;
use super::key_facts::{self, NameFacts};
use super::keyed::Written;
use super::marks::Marks;
use super::{PathState, Sanitizer, Verdict};
use crate::action::Action;
use crate::detect::{Hit, engine};
use crate::person::PersonKey;
use crate::report::Tally;
use crate::spans::Spans;

/// How many levels of documents and encodings inside strings are followed.
const MAX_DEPTH: usize = 4;

/// A rule dropped the whole field the text is in.
#[derive(Debug)]
pub(crate) struct Dropped;

/// One replacement in a text.
#[derive(Debug)]
struct Edit {
    start: usize,
    end: usize,
    with: String,
    /// The rule that found the span, when one did (not for a document or
    /// an encoding written back whole).
    rule: Option<usize>,
    /// Whether a scrub changes the span. Not `with != span`: verify's
    /// working copy writes the value a keyed action takes as it was
    /// ([`super::keyed`]), and must still go the way a scrub goes
    /// wherever what was changed decides (what is written back, whether a
    /// text is read again, whether an encoded run is read as text).
    changes: bool,
}

impl Edit {
    /// The edit writing `written` over `text[start..end]`, found by `rule`.
    fn new(
        text: &str,
        start: usize,
        end: usize,
        written: Written<String>,
        rule: Option<usize>,
    ) -> Edit {
        let changes = written.changed || written.value != text[start..end];
        Edit {
            start,
            end,
            with: written.value,
            rule,
            changes,
        }
    }

    /// An edit that a scrub always makes (a document or an encoding
    /// written back whole, a renamed block's name).
    fn made(start: usize, end: usize, with: String, rule: Option<usize>) -> Edit {
        Edit {
            start,
            end,
            with,
            rule,
            changes: true,
        }
    }
}

/// What [`Sanitizer::scrub_named`] wrote, and which parts a scrub changes
/// (told by what was reported, not by comparing: verify's working copy
/// keeps what a keyed action takes, [`super::keyed`]).
struct Named {
    name: String,
    value: String,
    name_changes: bool,
    value_changes: bool,
}

/// Tells what a walk of a one-member document reports in the member's
/// name (at the document's path, `at` steps long) from what it reports in
/// its value (below it), passing it all on.
struct Parts<'a> {
    inner: &'a mut dyn Tally,
    at: usize,
    name: bool,
    value: bool,
}

impl Tally for Parts<'_> {
    fn record(&mut self, path: &reprise_transcript::JsonPath, rule: &str, action: Action) {
        if path.steps().len() > self.at {
            self.value = true;
        } else {
            self.name = true;
        }
        self.inner.record(path, rule, action);
    }
}

/// Counts what passes through to another tally.
pub(super) struct Counting<'a> {
    /// The tally passed to.
    pub(super) inner: &'a mut dyn Tally,
    /// How many records passed.
    pub(super) n: u64,
}

impl Tally for Counting<'_> {
    fn record(&mut self, path: &reprise_transcript::JsonPath, rule: &str, action: Action) {
        self.n += 1;
        self.inner.record(path, rule, action);
    }
}

impl Sanitizer {
    /// The scrubbed form of `text`, or `None` when nothing in it is
    /// sensitive.
    pub(crate) fn scrub_text(
        &self,
        text: &str,
        st: &mut PathState,
        tally: &mut dyn Tally,
        depth: usize,
    ) -> Result<Option<String>, Dropped> {
        let unknown = match clean_texts::known(self.id, text) {
            Ok(()) => return Ok(None),
            Err(unknown) => unknown,
        };
        let mut plain = false;
        let mut edits = self.text_edits_at(text, st, tally, depth, &mut plain)?;
        if !st.dry {
            // A pseudonym equal to its value (punctuation only) changes
            // nothing, and is not reported: it is not written either (an
            // escaped view would write it back in its own escaping).
            edits.retain(|e| e.changes);
        }
        if edits.is_empty() {
            if plain && let Some(unknown) = unknown {
                clean_texts::remember(self.id, text, unknown);
            }
            return Ok(None);
        }
        let (out, written) = apply(text, &edits);
        let (mut placed, mut named) = (Vec::new(), Vec::new());
        for (&(s, e), edit) in written.iter().zip(&edits) {
            if crate::is_redacted(&out[s..e]) {
                placed.push((s, e));
            } else if edit.rule.is_some() {
                named.push((s, e));
            }
        }
        let out = if placed.is_empty() && named.is_empty() {
            out
        } else {
            self.second_look(out, written, placed, named, st, tally, depth)?
        };
        // What scrub wrote may read as a JSON document where the text did
        // not (a control character gone with the secret it was in): verify
        // would walk it as one, so scrub does too.
        if depth < MAX_DEPTH
            && is_document(&out)
            && !is_document(text)
            && let Some(walked) = self.scrub_text(&out, st, tally, depth + 1)?
        {
            return Ok(Some(walked));
        }
        Ok(Some(out))
    }

    /// What `scrub_text` wrote, looked at again, so that `verify` finds
    /// nothing in it. A placeholder changes what its neighbours look like:
    /// a phone number glued to a key (`AKIA...+49 150 ...`) stands on its
    /// own once the key is `[redacted:aws-access-key]`, and so does a flag
    /// (`AKIA...--password x`). A pseudonym brings new letters and digits:
    /// `pass to Calle 5` is no password, `pass to Bvrop 7` reads as one,
    /// and an address's pseudonym may be a 40-character run that reads as
    /// a cloud key. What a second look finds near a placeholder, outside
    /// what the first look wrote, is taken too; so is what a rule that
    /// `verify` reports (any but a pseudonym's or a hash's) finds over a
    /// pseudonym. What that writes is looked at again, a few times at most.
    #[allow(clippy::too_many_arguments)]
    fn second_look(
        &self,
        mut out: String,
        written: Vec<(usize, usize)>,
        placed: Vec<(usize, usize)>,
        named: Vec<(usize, usize)>,
        st: &mut PathState,
        tally: &mut dyn Tally,
        depth: usize,
    ) -> Result<String, Dropped> {
        const NEAR: usize = 64;
        const ROUNDS: usize = 4;
        let (mut written, mut placed, mut named) =
            (Spans::new(written), Spans::new(placed), Spans::new(named));
        for _ in 0..ROUNDS {
            let taken = |e: &Edit| {
                let Some(rule) = e.rule else { return false };
                let fresh = !written.overlaps(e.start, e.end);
                let reported =
                    !matches!(self.rules[rule].action, Action::Pseudonymize | Action::Hash);
                let near = placed.near(e.start, e.end, NEAR) || named.near(e.start, e.end, NEAR);
                (fresh && (reported || near)) || (reported && named.overlaps(e.start, e.end))
            };
            // A dry look first: most texts need nothing more, and what a
            // look writes is then not computed.
            let was = (st.dry, st.redacting_only);
            st.dry = true;
            st.redacting_only = placed.is_empty();
            let next = self.text_edits(&out, st, &mut NoTally, depth);
            (st.dry, st.redacting_only) = was;
            let mut touching: Vec<Edit> = next?.into_iter().filter(taken).collect();
            if touching.iter().any(|e| !crate::is_redacted(&e.with)) {
                // A pseudonym to write: the same look, computing it.
                touching = self
                    .text_edits(&out, st, &mut NoTally, depth)?
                    .into_iter()
                    .filter(taken)
                    .collect();
            }
            if touching.is_empty() {
                break;
            }
            for e in &touching {
                if let Some(rule) = e.rule {
                    let r = &self.rules[rule];
                    tally.record(&st.path, &r.name, r.action);
                }
            }
            let (next_out, next_written) = apply(&out, &touching);
            // What this round wrote is now what the next one looks near.
            let (mut p, mut n) = (Vec::new(), Vec::new());
            for &(s, e) in &next_written {
                if crate::is_redacted(&next_out[s..e]) {
                    p.push((s, e));
                } else {
                    n.push((s, e));
                }
            }
            written = Spans::new(next_written);
            placed = Spans::new(p);
            named = Spans::new(n);
            out = next_out;
        }
        Ok(out)
    }

    /// The replacements `text` needs, in order, not overlapping.
    fn text_edits(
        &self,
        text: &str,
        st: &mut PathState,
        tally: &mut dyn Tally,
        depth: usize,
    ) -> Result<Vec<Edit>, Dropped> {
        self.text_edits_at(text, st, tally, depth, &mut false)
    }

    /// [`text_edits`](Self::text_edits); `plain` says whether `text` was
    /// looked at as plain text only: it was found to be no JSON document,
    /// no whole encoding and not percent-encoded, so what was found in it
    /// does not depend on where it is ([`clean_texts`]).
    fn text_edits_at(
        &self,
        text: &str,
        st: &mut PathState,
        tally: &mut dyn Tally,
        depth: usize,
        plain: &mut bool,
    ) -> Result<Vec<Edit>, Dropped> {
        let whole = |with: String| vec![Edit::made(0, text.len(), with, None)];
        if depth < MAX_DEPTH {
            // A socket.io packet (`42["event",{...}]`) is its type's digits
            // and a JSON document.
            let prefix = packet_prefix(text);
            if let Some(mut doc) = json_document(&text[prefix..]) {
                let mut counting = Counting { inner: tally, n: 0 };
                if self.walk(&mut doc, st, &mut counting, depth + 1) == Verdict::Drop {
                    return Err(Dropped);
                }
                return Ok(if counting.n == 0 {
                    Vec::new()
                } else {
                    whole(format!(
                        "{}{}",
                        &text[..prefix],
                        reserialize(&doc, &text[prefix..])
                    ))
                });
            }
            // Text encoded as a whole: what it encodes is scrubbed. When
            // that finds nothing, the string itself is still read: hex
            // that decodes to printable bytes by chance can be something
            // else (an IBAN such as `DE80453474604170416355` is hex).
            match whole_encoding(text) {
                Some((Decoded::Text(decoded), encoding)) => {
                    if let Some(inner) = self.scrub_text(&decoded, st, tally, depth + 1)? {
                        return Ok(whole(encoding.encode(inner.as_bytes(), text)));
                    }
                    // A protobuf message whose first tag (`\n`, field 1)
                    // and length bytes are printable reads as text: its
                    // fields are read as in binary too.
                    if decoded.starts_with('\n') {
                        let mut bytes = decoded.into_bytes();
                        let changed = self.scrub_binary(&mut bytes, st, tally, depth)?;
                        if changed {
                            return Ok(whole(encoding.encode(&bytes, text)));
                        }
                    }
                    // Base64 of clean text (a byte payload) is clean.
                    if let Encoding::Base64 { .. } = encoding {
                        return Ok(Vec::new());
                    }
                }
                // Bytes that are not text (a protobuf message, a frame):
                // the text runs in them are scrubbed in place. When that
                // finds nothing, the string itself is still read.
                // A token with a prefix (`ops_eyJ...`) may read as base64
                // of bytes as a whole; it is the token, which the
                // detectors take whole.
                Some((Decoded::Binary(_), _))
                    if prefixed(text)
                        && self
                            .detectors
                            .scan(text)
                            .iter()
                            .any(|h| span_of(h) == (0, text.len())) => {}
                Some((Decoded::Binary(mut bytes), encoding)) => {
                    let changed = self.scrub_binary(&mut bytes, st, tally, depth)?;
                    if changed {
                        return Ok(whole(encoding.encode(&bytes, text)));
                    }
                }
                None => {}
            }
        }
        let marks = Marks::of(text);
        // PHP `serialize()` arrays and objects: each value scrubbed under
        // its name, written back with its length. A text that is one is
        // read as nothing else.
        let serialized =
            if depth < MAX_DEPTH && marks.brace_and_semicolon() && super::php::mentions(text) {
                super::php::serialized(text)
            } else {
                Vec::new()
            };
        if let [whole] = serialized.as_slice()
            && whole.start == 0
            && text[whole.end..].trim().is_empty()
        {
            return self.serialized_edits(text, &serialized, st, tally, depth);
        }
        let escaped = marks.escaped();
        let records = super::records::mentions(text);
        let (views, blocks) = if depth < MAX_DEPTH {
            let mut views = super::views::views(text, marks);
            views.extend(super::folded::view(text, marks));
            if marks.backslash() {
                views.extend(super::byte_escapes::view(text, marks));
            }
            (
                views,
                super::blocks::blocks(text, marks, records.json_base64, records.ldif),
            )
        } else {
            (Vec::new(), Vec::new())
        };
        *plain = depth < MAX_DEPTH && !escaped && views.is_empty() && blocks.is_empty();
        // What an earlier scrub wrote is never taken again (a detector may
        // see `[redacted:x]` as the `user:password` of a URL).
        let placeholders = if marks.bracket() && crate::marker::mentions_redacted(text) {
            Spans::new(crate::marker::redacted_spans(text))
        } else {
            Spans::default()
        };
        // A calendar's or a card's content lines, unfolded and unescaped,
        // are the text: what the folded text seemed to hold (a piece of a
        // value cut by a fold, read as a key of its own) is not taken, and
        // the view finds all the rest. A PHP `serialize()` value inside
        // the text is read by its own reader.
        let superseded = views
            .iter()
            .any(|v| v.escaping == super::views::Escaping::ContentLines);
        let serialized_spans = Spans::new(serialized.iter().map(|s| (s.start, s.end)).collect());
        let fresh = |(start, end): (usize, usize)| {
            !superseded
                && !placeholders.overlaps(start, end)
                && !serialized_spans.overlaps(start, end)
        };
        // A block is read whole, with every rule; a decoded view of the
        // text, or the detectors' own look into a base64 run, does not
        // read it again (but what a view redacts over it still wins).
        let block_spans = if superseded {
            Spans::default()
        } else {
            Spans::new(blocks.iter().map(|b| (b.start, b.end)).collect())
        };
        // A named block's encoded form (an LDIF value's base64) is no token
        // of its own: it is read decoded, under its name.
        let named_spans = if blocks.iter().any(|b| b.label.is_some()) {
            Spans::new(
                blocks
                    .iter()
                    .filter(|b| b.label.is_some())
                    .map(|b| (b.start, b.end))
                    .collect(),
            )
        } else {
            Spans::default()
        };
        let mut edits = Vec::new();
        let mut taken = Vec::new();
        let hits = if st.redacting_only {
            self.detectors.scan_redacting(text)
        } else {
            self.detectors.scan(text)
        };
        for hit in hits {
            let (start, end) = span_of(&hit);
            if matches!(hit, Hit::Base64 { .. }) && block_spans.overlaps(start, end)
                || named_spans.contains(start, end)
            {
                continue;
            }
            if fresh((start, end)) {
                taken.push((start, end));
                let with = self.replace_hit(text, &hit, st, tally)?;
                let rule = match hit {
                    Hit::Match { rule, .. } => Some(rule),
                    Hit::Base64 { .. } => None,
                };
                edits.push(Edit::new(text, start, end, with, rule));
            }
        }
        // A person's name written with an email address (`Jane Doe
        // <jane@x.org>`) goes with it.
        if let (Some((name_rule, _)), Some(email)) = (self.person_rules, self.email_rule) {
            let emails: Vec<(usize, usize)> = edits
                .iter()
                .filter(|e| e.rule == Some(email))
                .map(|e| (e.start, e.end))
                .collect();
            for (start, end) in emails {
                if let Some((ns, ne)) = crate::prose::name_with_email(text, start, end)
                    && fresh((ns, ne))
                    && !named_spans.overlaps(ns, ne)
                {
                    let with = self.replace_span(&text[ns..ne], name_rule, st, tally)?;
                    taken.push((ns, ne));
                    edits.push(Edit::new(text, ns, ne, with, Some(name_rule)));
                }
            }
        }
        // A named block (`"Name"=hex(2):...`) is read with its name below:
        // the name is not read again here.
        taken.extend(
            blocks
                .iter()
                .filter_map(|b| Some((b.label.as_ref()?.1, b.end))),
        );
        if let Some(finder) = self.name_values.as_ref().filter(|_| marks.separator()) {
            let personal = |rule: usize| self.rules[rule].action == Action::Pseudonymize;
            let identifier = |rule: usize| {
                crate::rules::IDENTIFIER_RULES.contains(&self.rules[rule].name.as_str())
            };
            // What a name found in text says is remembered per name.
            let name_facts = |name: &str, scratch: &mut String| {
                key_facts::name_facts(self.id, name, || NameFacts {
                    entropy: self.entropy_key(name, scratch),
                    person: PersonKey::of(name, scratch),
                })
            };
            let is_entropy_name =
                |name: &str, scratch: &mut String| name_facts(name, scratch).entropy;
            let person_key = |name: &str, scratch: &mut String| name_facts(name, scratch).person;
            let mut scratch = std::mem::take(&mut st.scratch);
            let ctx = crate::name_value::Context {
                rules: &self.key_rules,
                personal: &personal,
                identifier: &identifier,
                password_rule: self.password_rule,
                pin_rule: self.pin_rule,
                entropy: self.entropy.map(|rule| (rule, &is_entropy_name as _)),
                person: self.person_rules,
                birth: self.birth_rule,
                person_key: &person_key,
                taken: &Spans::new(taken),
            };
            let found = finder.find(text, &ctx, &mut scratch);
            st.scratch = scratch;
            for f in found.into_iter().filter(|f| fresh((f.start, f.end))) {
                let span = &text[f.start..f.end];
                let with = self.replace_span(span, f.rule, st, tally)?;
                edits.push(Edit::new(text, f.start, f.end, with, Some(f.rule)));
            }
        }
        if let Some(rule) = self.seed_rule
            && text.len() >= 12 * 4 - 1
            && marks.spaces() >= 11
        {
            for (start, end) in super::seed::seed_phrases(text) {
                if fresh((start, end)) {
                    let with = self.replace_span(&text[start..end], rule, st, tally)?;
                    edits.push(Edit::new(text, start, end, with, Some(rule)));
                }
            }
        }
        let has_table = marks.newline();
        let has_insert = super::sql::mentions_insert(text);
        let has_copy = has_table && super::sql::mentions_copy(text);
        let has_hl7 = super::hl7::mentions_segments(text);
        let has_shell = (marks.greater() || marks.pipe()) && super::redirects::mentions(text);
        let has_xml = marks.greater() && marks.equals() && super::xml_named::mentions(text);
        let has_cef = marks.pipe() && marks.equals() && super::cef::mentions(text);
        let has_ldif = has_table && super::ldif::mentions(text);
        let has_env = has_table && marks.equals();
        let has_vcard = has_table && super::vcard::mentions(text);
        if has_table
            || has_insert
            || has_hl7
            || records.any()
            || has_shell
            || has_xml
            || has_cef
            || has_ldif
            || has_env
        {
            let mut scratch = std::mem::take(&mut st.scratch);
            let mut cells = Vec::new();
            let secret_looking = |name: &str, scratch: &mut String| self.entropy_key(name, scratch);
            let columns = super::table::Columns {
                rules: &self.key_rules,
                entropy: self.entropy.map(|rule| (rule, &secret_looking as _)),
                person: self.person_rules,
            };
            if has_table {
                cells = super::table::sensitive_cells(text, &columns, &mut scratch);
            }
            if has_copy {
                cells.extend(super::sql::copy_cells(text, &columns, &mut scratch));
            }
            if has_xml {
                cells.extend(super::xml_named::named_values(text, &columns, &mut scratch));
            }
            if has_cef {
                cells.extend(super::cef::labelled_values(text, &columns, &mut scratch));
            }
            if has_ldif {
                cells.extend(super::ldif::attribute_values(text, &columns, &mut scratch));
            }
            if has_vcard {
                cells.extend(super::vcard::property_values(text, &columns, &mut scratch));
            }
            if has_env {
                cells.extend(super::env_lines::assigned_values(
                    text,
                    &columns,
                    &mut scratch,
                ));
            }
            if has_hl7 {
                cells.extend(super::hl7::sensitive_fields(
                    text,
                    &self.key_rules,
                    &mut scratch,
                ));
            }
            if records.any() {
                cells.extend(super::records::sensitive_fields(
                    text,
                    records,
                    &self.key_rules,
                    &mut scratch,
                ));
            }
            if has_shell {
                cells.extend(super::redirects::sensitive_values(
                    text,
                    &self.key_rules,
                    &mut scratch,
                ));
            }
            if has_insert {
                cells.extend(super::sql::sensitive_values_of(
                    text,
                    &self.key_rules,
                    self.person_rules.map(|(name, _)| name),
                    &mut scratch,
                ));
            }
            st.scratch = scratch;
            for c in cells.into_iter().filter(|c| fresh((c.start, c.end))) {
                let with = self.replace_span(&text[c.start..c.end], c.rule, st, tally)?;
                edits.push(Edit::new(text, c.start, c.end, with, Some(c.rule)));
            }
        }
        // Redis commands that carry a password: a frame's bulk string gets
        // the length of what replaces it.
        if let Some(rule) = self.password_rule
            && super::resp::mentions(
                text,
                marks.spaces() > 0 || marks.newline() || marks.star_and_dollar(),
                marks.greater(),
            )
        {
            for s in super::resp::secrets(text, marks.star_and_dollar()) {
                if !fresh((s.start, s.end)) {
                    continue;
                }
                let with = self.replace_span(&text[s.start..s.end], rule, st, tally)?;
                if let Some((start, end)) = s.len {
                    // The frame's length goes with its value.
                    let len = Written {
                        value: with.value.len().to_string(),
                        changed: with.changed,
                    };
                    edits.push(Edit::new(text, start, end, len, None));
                }
                edits.push(Edit::new(text, s.start, s.end, with, Some(rule)));
            }
        }
        // OAuth authorization codes in the URLs of a flow.
        if marks.equals() && super::oauth::mentions(text) {
            let mut scratch = std::mem::take(&mut st.scratch);
            let rule = self
                .key_rules
                .lookup("authorization_code", &mut scratch)
                .map(|m| m.rule);
            st.scratch = scratch;
            for (start, end) in super::oauth::codes(text) {
                if let Some(rule) = rule.filter(|_| fresh((start, end))) {
                    let with = self.replace_span(&text[start..end], rule, st, tally)?;
                    edits.push(Edit::new(text, start, end, with, Some(rule)));
                }
            }
        }
        if depth < MAX_DEPTH
            && escaped
            && !superseded
            && let Some((decoded, map)) = percent_view(text)
        {
            for edit in self.text_edits(&decoded, st, tally, depth + 1)? {
                if !st.dry && !edit.changes {
                    continue;
                }
                if block_spans.overlaps(map[edit.start], map[edit.end])
                    && !crate::is_redacted(&edit.with)
                {
                    continue;
                }
                edits.push(Edit {
                    start: map[edit.start],
                    end: map[edit.end],
                    with: percent_encode(&edit.with),
                    rule: edit.rule,
                    changes: edit.changes,
                });
            }
        }
        // HTML character references, quoted-printable, `\u` escapes and
        // continued lines: what the decoded text holds is replaced over
        // the span it came from, escaped the same way.
        for view in views {
            for edit in self.text_edits(&view.decoded, st, tally, depth + 1)? {
                // What changes nothing in the decoded text is not written
                // back, escaped anew (`\t` would come back as `=09`).
                if !st.dry && !edit.changes {
                    continue;
                }
                let (start, end) = view.span(edit.start, edit.end);
                if block_spans.overlaps(start, end) && !crate::is_redacted(&edit.with) {
                    continue;
                }
                edits.push(Edit {
                    start,
                    end,
                    with: super::views::encode(view.escaping, &edit.with),
                    rule: edit.rule,
                    changes: edit.changes,
                });
            }
        }
        // A hexdump, separated hex, wrapped base64, base64 of JSON: what
        // the block encodes is scrubbed, and the block written again.
        for block in blocks.iter().filter(|_| !superseded) {
            let scrubbed = match &block.label {
                // A name something else wrote over (a label's value that
                // runs into it) would no longer be the name the value was
                // scrubbed under, and the output would read differently:
                // name and value are redacted as one.
                Some((_, at))
                    if let Some(over) = edits.iter().find(|e| {
                        e.start < block.start && e.end > *at && (st.dry || e.changes)
                    }) =>
                {
                    let with = match over.rule {
                        Some(rule) => {
                            let r = &self.rules[rule];
                            tally.record(&st.path, &r.name, Action::Redact);
                            self.placeholder(rule)
                        }
                        None => crate::marker::placeholder("value"),
                    };
                    edits.push(Edit::made(*at, block.end, with, over.rule));
                    continue;
                }
                Some((name, at)) => {
                    let Some(named) = self.scrub_named(name, &block.text, st, tally, depth + 1)?
                    else {
                        continue;
                    };
                    // The name is read with the block only: what it held
                    // is written back over it.
                    if named.name_changes {
                        let (start, end, with) =
                            super::blocks::rename(text, *at, block.start, &named.name);
                        edits.push(Edit::made(start, end, with, None));
                    }
                    named.value_changes.then_some(named.value)
                }
                None => self.scrub_text(&block.text, st, tally, depth + 1)?,
            };
            if let Some(inner) = scrubbed {
                edits.push(Edit::made(
                    block.start,
                    block.end,
                    super::blocks::encode(&block.form, &inner),
                    None,
                ));
            }
        }
        if !serialized.is_empty() {
            edits.retain(|e| !serialized_spans.overlaps(e.start, e.end));
            edits.extend(self.serialized_edits(text, &serialized, st, tally, depth)?);
        }
        Ok(merge(edits))
    }

    /// The replacements in PHP `serialize()` values ([`super::php`]): each
    /// string and number scrubbed as the value of its member's name (a key
    /// as text of its own), written back with its new length.
    fn serialized_edits(
        &self,
        text: &str,
        serialized: &[super::php::Serialized],
        st: &mut PathState,
        tally: &mut dyn Tally,
        depth: usize,
    ) -> Result<Vec<Edit>, Dropped> {
        let mut edits = Vec::new();
        for leaf in serialized.iter().flat_map(|s| &s.leaves) {
            let value = &text[leaf.start..leaf.end];
            let scrubbed = match &leaf.name {
                // The member's name is a leaf of its own, scrubbed apart.
                Some(name) => self
                    .scrub_named(name, value, st, tally, depth + 1)?
                    .and_then(|named| named.value_changes.then_some(named.value)),
                None => self.scrub_text(value, st, tally, depth + 1)?,
            };
            if let Some(new) = scrubbed {
                let (start, end, with) = leaf.write(&new);
                edits.push(Edit::made(start, end, with, None));
            }
        }
        Ok(edits)
    }

    /// The scrubbed form of `value` read as the value of a member named
    /// `name` (`{"name": "value"}`, walked with every rule, key rules
    /// included), with what the name became (a name may hold a secret of
    /// its own: `"db,apikey=x"=hex:...`), or `None` when nothing in either
    /// is sensitive.
    #[inline(never)]
    fn scrub_named(
        &self,
        name: &str,
        value: &str,
        st: &mut PathState,
        tally: &mut dyn Tally,
        depth: usize,
    ) -> Result<Option<Named>, Dropped> {
        let mut member = serde_json::Map::new();
        member.insert(name.to_owned(), serde_json::Value::String(value.to_owned()));
        let doc = serde_json::Value::Object(member).to_string();
        // What was taken in the name is reported at the document's path,
        // what was taken in the value below it.
        let mut parts = Parts {
            inner: tally,
            at: st.path.steps().len(),
            name: false,
            value: false,
        };
        let Some(out) = self.scrub_text(&doc, st, &mut parts, depth)? else {
            return Ok(None);
        };
        let (name_changes, value_changes) = (parts.name, parts.value);
        // One member, whatever its name became.
        let (new_name, new_value) =
            match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&out)
                .ok()
                .and_then(|m| m.into_iter().next())
            {
                Some((name, serde_json::Value::String(s))) => (name, s),
                Some((_, serde_json::Value::Null)) | None => return Err(Dropped),
                Some((name, other)) => (name, other.to_string()),
            };
        Ok(Some(Named {
            name_changes: name_changes || new_name != name,
            value_changes: value_changes || new_value != value,
            name: new_name,
            value: new_value,
        }))
    }

    /// Scrubs the text runs of binary `bytes` ([`binary::text_runs`]) in
    /// place, each replaced by as many bytes so that the lengths a frame
    /// holds stay right; returns whether anything changed.
    fn scrub_binary(
        &self,
        bytes: &mut [u8],
        st: &mut PathState,
        tally: &mut dyn Tally,
        depth: usize,
    ) -> Result<bool, Dropped> {
        let mut changed = false;
        let runs = binary::text_runs(bytes);
        for (i, &(start, end)) in runs.iter().enumerate() {
            let Ok(run) = std::str::from_utf8(&bytes[start..end]) else {
                continue;
            };
            let run = run.to_owned();
            // A map entry's value, named by its key.
            let named = i
                .checked_sub(1)
                .and_then(|k| self.named_value_run(bytes, runs[k], (start, end), st, tally));
            let Some(out) = named.map_or_else(
                || self.scrub_text(&run, st, tally, depth + 1),
                |o| Ok(Some(o)),
            )?
            else {
                continue;
            };
            let fitted = self.fit(&run, out, st)?;
            bytes[start..end].copy_from_slice(fitted.as_bytes());
            changed = true;
        }
        Ok(changed)
    }

    /// `out`, the scrubbed form of `run`, made exactly as many bytes long
    /// as `run`: padded with spaces when shorter; when longer (a
    /// placeholder in place of a short secret, a document written back),
    /// `run` is scrubbed again as plain text and each replacement that
    /// does not fit its span is a mask of `*` as long as the span (a mask
    /// is recognised as one, so `verify` takes it for scrubbed).
    fn fit(&self, run: &str, mut out: String, st: &mut PathState) -> Result<String, Dropped> {
        if out.len() <= run.len() {
            out.extend(std::iter::repeat_n(' ', run.len() - out.len()));
            return Ok(out);
        }
        let edits = self.text_edits(run, st, &mut NoTally, MAX_DEPTH)?;
        if edits.is_empty() {
            // Found only by reading the run as a document or an encoding.
            return Ok("*".repeat(run.len()));
        }
        let mut fitted = String::with_capacity(run.len());
        let mut at = 0;
        for e in &edits {
            fitted.push_str(&run[at..e.start]);
            if e.with.len() == e.end - e.start {
                fitted.push_str(&e.with);
            } else {
                fitted.extend(std::iter::repeat_n('*', e.end - e.start));
            }
            at = e.end;
        }
        fitted.push_str(&run[at..]);
        Ok(fitted)
    }

    /// What replaces `span`, found by rule `rule`, and whether a scrub
    /// changes it (what is reported).
    pub(super) fn replace_span(
        &self,
        span: &str,
        rule: usize,
        st: &PathState,
        tally: &mut dyn Tally,
    ) -> Result<Written<String>, Dropped> {
        let r = &self.rules[rule];
        let written = match r.action {
            Action::Drop => {
                tally.record(&st.path, &r.name, r.action);
                return Err(Dropped);
            }
            Action::Redact => {
                let placeholder = self.placeholder(rule);
                let changed = placeholder != span;
                Written {
                    value: placeholder,
                    changed,
                }
            }
            // The span stands in for what would replace it, which changes
            // it: a dry look reads what is taken, not what is written.
            Action::Hash | Action::Pseudonymize if st.dry => {
                return Ok(Written {
                    value: span.to_owned(),
                    changed: true,
                });
            }
            // Verify's working copy keeps the value ([`super::keyed`]).
            Action::Hash => self.keyed.hash(span),
            Action::Pseudonymize => self.keyed.pseudonym(self.shape_of(rule, span), span),
        };
        // A pseudonym equal to its value (punctuation only) changed
        // nothing, so nothing is reported.
        if written.changed {
            tally.record(&st.path, &r.name, r.action);
        }
        Ok(written)
    }

    /// What replaces a detector's hit in `text`, and whether a scrub
    /// changes it.
    fn replace_hit(
        &self,
        text: &str,
        hit: &Hit,
        st: &PathState,
        tally: &mut dyn Tally,
    ) -> Result<Written<String>, Dropped> {
        match hit {
            Hit::Match { start, end, rule } => {
                self.replace_span(&text[*start..*end], *rule, st, tally)
            }
            Hit::Base64 {
                decoded,
                url_safe,
                padded,
                hits,
                ..
            } => {
                let mut inner = String::with_capacity(decoded.len());
                let mut at = 0;
                let mut changed = false;
                let placeholders = Spans::new(crate::marker::redacted_spans(decoded));
                for h in hits {
                    let (s, e) = span_of(h);
                    if placeholders.overlaps(s, e) {
                        continue;
                    }
                    inner.push_str(&decoded[at..s]);
                    let written = self.replace_hit(decoded, h, st, tally)?;
                    inner.push_str(&written.value);
                    changed |= written.changed;
                    at = e;
                }
                inner.push_str(&decoded[at..]);
                let encoded = engine(*url_safe).encode(inner.as_bytes());
                Ok(Written {
                    value: if *padded {
                        encoded
                    } else {
                        encoded.trim_end_matches('=').to_owned()
                    },
                    changed,
                })
            }
        }
    }
}

/// Whether `text` starts like a vendor's token: two to ten letters, then
/// `_` or `-` (`ops_`, `sntrys_`, `xkeysib-`).
fn prefixed(text: &str) -> bool {
    let b = text.as_bytes();
    let letters = b
        .iter()
        .take(11)
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    (2..=10).contains(&letters) && matches!(b.get(letters), Some(b'_' | b'-'))
}

/// Whether `text` holds byte `a` or byte `b` (one pass over the bytes, not
/// over the characters).
pub(crate) fn has_byte(text: &str, a: u8, b: u8) -> bool {
    text.bytes().any(|c| c == a || c == b)
}

/// A tally that forgets.
pub(super) struct NoTally;

impl Tally for NoTally {
    fn record(&mut self, _: &reprise_transcript::JsonPath, _: &str, _: Action) {}
}

/// `text` with `edits` applied, and the spans in the result of what they
/// wrote.
fn apply(text: &str, edits: &[Edit]) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(text.len() + 16);
    let mut written = Vec::with_capacity(edits.len());
    let mut at = 0;
    for edit in edits {
        out.push_str(&text[at..edit.start]);
        written.push((out.len(), out.len() + edit.with.len()));
        out.push_str(&edit.with);
        at = edit.end;
    }
    out.push_str(&text[at..]);
    (out, written)
}

/// `edits` in order, without overlaps. Where two overlap, a redaction wins
/// and covers both: a pseudonym keeps its value's shape, so a pseudonym of
/// a span holding a secret (a URL's credentials inside a labelled value)
/// would still look like one; otherwise the first, longest edit is kept.
fn merge(mut edits: Vec<Edit>) -> Vec<Edit> {
    if edits.len() < 2 {
        return edits;
    }
    edits.sort_by_key(|e| (e.start, std::cmp::Reverse(e.end)));
    let mut out: Vec<Edit> = Vec::with_capacity(edits.len());
    for edit in edits {
        match out.last_mut() {
            Some(last) if edit.start < last.end => {
                let redacts = crate::is_redacted(&edit.with);
                if redacts || crate::is_redacted(&last.with) {
                    if redacts && !crate::is_redacted(&last.with) {
                        last.with = edit.with;
                        last.rule = edit.rule;
                        last.changes = edit.changes;
                    }
                    last.end = last.end.max(edit.end);
                }
            }
            _ => out.push(edit),
        }
    }
    out
}

/// Where a detector's hit is in the text it scanned.
fn span_of(hit: &Hit) -> (usize, usize) {
    match hit {
        Hit::Match { start, end, .. } | Hit::Base64 { start, end, .. } => (*start, *end),
    }
}

/// The length of a socket.io packet's head before its JSON: the packet
/// type digits (`42`, an ack id `431`) and a namespace (`/chat,`); 0 when
/// `text` does not start like one.
/// Whether `text` is read as a JSON document (after a socket.io packet's
/// type, as the text pass reads it).
fn is_document(text: &str) -> bool {
    json_document(&text[packet_prefix(text)..]).is_some()
}

fn packet_prefix(text: &str) -> usize {
    let b = text.as_bytes();
    let digits = b.iter().take(8).take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits >= 8 {
        return 0;
    }
    let mut i = digits;
    if b.get(i) == Some(&b'/')
        && let Some(comma) = text[i..].find(',').filter(|&n| n <= 64)
        && text[i..i + comma]
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'/' | b'-' | b'_'))
    {
        i += comma + 1;
    }
    if matches!(b.get(i), Some(b'[' | b'{')) {
        i
    } else {
        0
    }
}

/// A JSON object or array held in a string.
fn json_document(text: &str) -> Option<Node<'_>> {
    let t = text.trim();
    let framed =
        (t.starts_with('{') && t.ends_with('}')) || (t.starts_with('[') && t.ends_with(']'));
    if !framed || t.len() < 2 {
        return None;
    }
    match serde_json::from_str::<Node>(t) {
        Ok(v @ (Node::Object(_) | Node::Array(_))) => Some(v),
        _ => None,
    }
}

/// `doc` written back in the style of `original`: pretty when it spanned
/// lines, compact otherwise.
fn reserialize(doc: &Node<'_>, original: &str) -> String {
    let written = if original.contains('\n') {
        serde_json::to_string_pretty(doc)
    } else {
        serde_json::to_string(doc)
    };
    // A `Node` always serialises; should it not, nothing of it is kept.
    written.unwrap_or_else(|_| crate::marker::placeholder("unserialisable"))
}

/// How a whole string encodes bytes.
enum Encoding {
    Base64 { url_safe: bool },
    Hex { upper: bool, prefix: &'static str },
}

/// What a whole string encodes.
enum Decoded {
    /// Printable text.
    Text(String),
    /// Bytes that are not printable text.
    Binary(Vec<u8>),
}

impl Encoding {
    /// `bytes` encoded the way `original` was.
    fn encode(&self, bytes: &[u8], original: &str) -> String {
        match self {
            Encoding::Base64 { url_safe } => {
                let encoded = engine(*url_safe).encode(bytes);
                if original.ends_with('=') || original.len() % 4 == 0 {
                    encoded
                } else {
                    encoded.trim_end_matches('=').to_owned()
                }
            }
            Encoding::Hex { upper, prefix } => {
                use std::fmt::Write as _;
                let mut out = String::with_capacity(prefix.len() + bytes.len() * 2);
                out.push_str(prefix);
                for b in bytes {
                    let _ = if *upper {
                        write!(out, "{b:02X}")
                    } else {
                        write!(out, "{b:02x}")
                    };
                }
                out
            }
        }
    }
}

/// The shortest whole string read as binary: shorter base64 or hex holds
/// no text run worth a look.
const MIN_BINARY: usize = 12;

/// What a whole string encodes as base64 or hex, if it does.
fn whole_encoding(s: &str) -> Option<(Decoded, Encoding)> {
    if s.len() < 8 {
        return None;
    }
    // Hex of text always has letters among its digits (`70617373...`); a
    // string of digits only is a number (a card, an id), not hex. A
    // PostgreSQL `bytea` is written `\x` and hex.
    let (prefix, hex) = match s.strip_prefix("\\x") {
        Some(rest) => ("\\x", rest),
        None => ("", s),
    };
    if hex.len() % 2 == 0
        && hex.len() >= 16
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
        && hex.bytes().any(|b| b.is_ascii_alphabetic())
    {
        let upper = hex.bytes().any(|b| b.is_ascii_uppercase());
        let decoded = match hex_text(hex) {
            Some(text) => Decoded::Text(text),
            None => Decoded::Binary(hex_bytes(hex)),
        };
        return Some((decoded, Encoding::Hex { upper, prefix }));
    }
    let (decoded, url_safe) = base64_decoded(s)?;
    Some((decoded, Encoding::Base64 { url_safe }))
}

/// The bytes `hex` (hex digits only, an even number of them) encodes.
fn hex_bytes(hex: &str) -> Vec<u8> {
    hex.as_bytes()
        .chunks_exact(2)
        .map(|pair| nibble(pair[0]) << 4 | nibble(pair[1]))
        .collect()
}

/// The value of a hex digit.
fn nibble(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'f' => b - b'a' + 10,
        _ => b - b'A' + 10,
    }
}

/// The printable text that `hex` (hex digits only, an even number of them)
/// encodes, if it does. Most hex is a digest or an id: it is read without
/// allocating, and given up at its first control byte.
fn hex_text(hex: &str) -> Option<String> {
    let mut buf = [0u8; STACK_TEXT];
    let mut heap = Vec::new();
    let out: &mut [u8] = if hex.len() / 2 <= STACK_TEXT {
        &mut buf[..hex.len() / 2]
    } else {
        heap.resize(hex.len() / 2, 0);
        &mut heap
    };
    for (byte, pair) in out.iter_mut().zip(hex.as_bytes().chunks_exact(2)) {
        *byte = nibble(pair[0]) << 4 | nibble(pair[1]);
        // An ASCII control byte is never printable text, in any encoding
        // that is UTF-8.
        if is_ascii_control(*byte) {
            return None;
        }
    }
    printable_str(out).map(str::to_owned)
}

/// Text decoded onto the stack up to this many bytes.
const STACK_TEXT: usize = 256;

/// Whether `b` is an ASCII control character other than a line break or
/// a tab, which text may hold.
fn is_ascii_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t')) || b == 0x7f
}

/// `bytes` as text, when they are printable UTF-8.
fn printable_str(bytes: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(bytes).ok()?;
    is_printable(text).then_some(text)
}

/// Whether `text` has no control character but line breaks and tabs, and
/// something else than spaces.
pub(super) fn is_printable(text: &str) -> bool {
    let ok = text
        .chars()
        .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'));
    ok && !text.trim().is_empty()
}

/// The text `s` encodes, and whether in the URL-safe alphabet, when `s` as
/// a whole is base64 of printable UTF-8 text (not hex, which is far likelier
/// to be a digest or an id).
pub(super) fn base64_text(s: &str) -> Option<(String, bool)> {
    match base64_decoded(s)? {
        (Decoded::Text(text), url_safe) => Some((text, url_safe)),
        (Decoded::Binary(_), _) => None,
    }
}

/// What `s` encodes, and whether in the URL-safe alphabet, when `s` as a
/// whole is base64 (not hex, which is far likelier to be a digest or an
/// id): printable UTF-8 text, or else bytes when `s` is long enough to be
/// read as binary ([`MIN_BINARY`]).
fn base64_decoded(s: &str) -> Option<(Decoded, bool)> {
    let body = s.trim_end_matches('=');
    if body.len() < 4
        || body.len() % 4 == 1
        || s.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
    {
        return None;
    }
    // Most strings are not base64: say so without decoding.
    let body_ok = body
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_'));
    if !body_ok || s.len() - body.len() > 2 {
        return None;
    }
    let url_safe = has_byte(s, b'-', b'_');
    let binary = |bytes: &[u8]| (s.len() >= MIN_BINARY).then(|| Decoded::Binary(bytes.to_vec()));
    // Decoded on the stack, so a string that only looks like base64 (an
    // id, a word) costs no allocation.
    let mut buf = [0u8; STACK_TEXT];
    if base64::decoded_len_estimate(s.len()) <= STACK_TEXT {
        let n = engine(url_safe).decode_slice(s, &mut buf).ok()?;
        let decoded = match printable_str(&buf[..n]) {
            Some(text) => Decoded::Text(text.to_owned()),
            None => binary(&buf[..n])?,
        };
        return Some((decoded, url_safe));
    }
    let bytes = engine(url_safe).decode(s).ok()?;
    let decoded = match printable_str(&bytes) {
        Some(text) => Decoded::Text(text.to_owned()),
        None => binary(&bytes)?,
    };
    Some((decoded, url_safe))
}

/// `text` with its `%XX` escapes decoded, and for each byte of the decoded
/// text (and its end) the offset in `text` it came from; `None` when there
/// is no escape or the decoded bytes are not UTF-8.
fn percent_view(text: &str) -> Option<(String, Vec<usize>)> {
    let bytes = text.as_bytes();
    // A form-encoded body (`a=1&name=Jane+Doe`) writes a space as `+`.
    let form = !text.contains(' ') && text.contains('=') && text.contains('&');
    let mut out = Vec::with_capacity(bytes.len());
    let mut map = Vec::with_capacity(bytes.len() + 1);
    let mut i = 0;
    let mut escapes = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            map.push(i);
            i += 3;
            escapes += 1;
            continue;
        }
        if form && bytes[i] == b'+' {
            out.push(b' ');
            escapes += 1;
        } else {
            out.push(bytes[i]);
        }
        map.push(i);
        i += 1;
    }
    map.push(bytes.len());
    if escapes == 0 {
        return None;
    }
    let decoded = String::from_utf8(out).ok()?;
    // An edit must start and end on a character of the original text.
    Some((decoded, map))
}

/// `text` percent-encoded: everything but unreserved characters escaped.
fn percent_encode(text: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_edits_merge_and_a_redaction_wins() {
        let edit = |start, end, with: &str| Edit::made(start, end, with.to_owned(), None);
        let merged = merge(vec![
            edit(10, 14, "[redacted:url-credentials]"),
            edit(2, 20, "pseudonym"),
            edit(30, 35, "a"),
            edit(32, 34, "b"),
        ]);
        let spans: Vec<(usize, usize, &str)> = merged
            .iter()
            .map(|e| (e.start, e.end, e.with.as_str()))
            .collect();
        assert_eq!(
            spans,
            [(2, 20, "[redacted:url-credentials]"), (30, 35, "a")]
        );
    }

    /// The fuzzer's `mrn:::`: an IPv6 pseudonym read as a `.pgpass` line
    /// took over the label's pseudonym in the merge, but the merged edit
    /// kept the pseudonym's rule, so the second look did not see it as a
    /// redaction to take (and `verify` then reported `pgpass`).
    #[test]
    fn regression_a_redaction_taking_over_a_pseudonym_takes_its_rule_too() {
        let edit =
            |start, end, with: &str, rule| Edit::made(start, end, with.to_owned(), Some(rule));
        let merged = merge(vec![
            edit(4, 42, "2001:db8::1", 1),
            edit(18, 42, "[redacted:pgpass]", 2),
        ]);
        assert_eq!(merged.len(), 1);
        assert_eq!((merged[0].start, merged[0].end), (4, 42));
        assert_eq!(merged[0].with, "[redacted:pgpass]");
        assert_eq!(merged[0].rule, Some(2), "the redaction's rule");
    }

    #[test]
    fn percent_views_map_back_to_the_original() {
        let (decoded, map) = percent_view("a%3Db%20c").expect("escapes");
        assert_eq!(decoded, "a=b c");
        assert_eq!(map, [0, 1, 4, 5, 8, 9]);
        assert!(percent_view("plain").is_none());
        let (decoded, _) = percent_view("a=1&name=Jane+Doe").expect("a form");
        assert_eq!(decoded, "a=1&name=Jane Doe");
        assert!(percent_view("1+1=2").is_none(), "not a form");
        assert_eq!(percent_encode("[x:y]"), "%5Bx%3Ay%5D");
    }

    #[test]
    fn socket_io_packets_hold_a_json_document_after_their_head() {
        assert_eq!(packet_prefix(r#"42["update",{"a":1}]"#), 2);
        assert_eq!(packet_prefix(r#"431/chat,["x"]"#), 9);
        assert_eq!(packet_prefix(r#"0{"sid":"x"}"#), 1);
        for text in [
            "42",
            "42 apples",
            "[1]",
            "2024-11-05",
            "12345678[1]",
            "4/a b,[1]",
        ] {
            assert_eq!(packet_prefix(text), 0, "{text}");
        }
    }

    #[test]
    fn whole_encodings_of_text_are_found() {
        let text = |s: &str| match whole_encoding(s) {
            Some((Decoded::Text(t), _)) => Some(t),
            _ => None,
        };
        assert_eq!(
            text("70617373776f72643d68756e74657232").as_deref(),
            Some("password=hunter2")
        );
        let (decoded, encoding) =
            whole_encoding("\\x70617373776f72643d68756e74657232").expect("bytea");
        assert!(matches!(decoded, Decoded::Text(t) if t == "password=hunter2"));
        assert!(encoding.encode(b"x", "").starts_with("\\x"));
        // A digest is bytes, not text.
        assert!(matches!(
            whole_encoding("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            Some((Decoded::Binary(b), _)) if b.len() == 32
        ));
        assert_eq!(
            text("eyJhcGlfa2V5IjoiYWJjIn0=").as_deref(),
            Some(r#"{"api_key":"abc"}"#)
        );
    }
}
