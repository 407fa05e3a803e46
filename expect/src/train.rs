//! [`Trainer`]: nominal values learned from recordings, written as a
//! profile file.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::fmt::Write as _;
use std::io::BufRead;

use reprise_transcript::{Event, Reader};
use serde_json::Value;

use crate::duration::format_ns;
use crate::error::CheckError;
use crate::samples::Samples;

const SECOND: u64 = 1_000_000_000;

/// Learns what normal looks like from recordings, and writes it as a
/// profile ([`Profiles`](crate::Profiles)) that declares one expectation per
/// observed behaviour, with its provenance:
///
/// - per port.method, call latency (`port.method.latency`): nominal the
///   p50, warn after the max × margin, fail after the max × margin × 2, with
///   p50, p99 and max under `observed`;
/// - per probe and numeric field (`probe.field.bounds`): warn outside the
///   observed [min, max], fail outside it widened by (margin - 1) × the
///   larger of the span and the largest magnitude;
/// - per port.method, calls per second (`port.method.rate`): warn above the
///   busiest second × margin, fail above twice that.
///
/// ```
/// use reprise::expect::{Expectations, Profiles, Trainer};
/// let mut trainer = Trainer::new().trained_at("2026-11-25T00:00:00Z");
/// trainer.add_str(r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"seq":0,"kind":"call","dir":"out","port":"storage","method":"append","args":{},"at_ns":0}
/// {"seq":1,"kind":"return","call":0,"ok":null,"at_ns":1000000}
/// "#)?;
/// let toml = trainer.to_profile_toml("trained");
/// let profiles = Profiles::from_str(&toml, "trained.toml")?;
/// let set = Expectations::new().with_profile(profiles.get("trained")?)?;
/// assert_eq!(set.ids().collect::<Vec<_>>(), ["storage.append.latency", "storage.append.rate"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Trainer {
    margin: f64,
    trained_at: Option<String>,
    recordings: usize,
    events: u64,
    components: BTreeSet<String>,
    /// The recorders, and the components' versions when a header's `meta`
    /// has a `version`, as `component version`.
    recorders: BTreeSet<String>,
    versions: BTreeSet<String>,
    /// The earliest and latest `created` of the recordings.
    recorded: Option<(String, String)>,
    latencies: BTreeMap<(String, String), Samples>,
    fields: BTreeMap<(String, String), (f64, f64, u64)>,
    rates: BTreeMap<(String, String), u64>,
}

impl Default for Trainer {
    fn default() -> Self {
        Trainer::new()
    }
}

impl Trainer {
    /// A trainer with margin 1.5 and nothing learned.
    pub fn new() -> Self {
        Trainer {
            margin: 1.5,
            trained_at: None,
            recordings: 0,
            events: 0,
            components: BTreeSet::new(),
            recorders: BTreeSet::new(),
            versions: BTreeSet::new(),
            recorded: None,
            latencies: BTreeMap::new(),
            fields: BTreeMap::new(),
            rates: BTreeMap::new(),
        }
    }

    /// How far beyond the observed values the limits go (at least 1).
    /// Default: 1.5.
    ///
    /// ```
    /// use reprise::expect::Trainer;
    /// let trainer = Trainer::new().margin(2.0);
    /// ```
    pub fn margin(mut self, margin: f64) -> Self {
        self.margin = margin.max(1.0);
        self
    }

    /// The time written in the provenance. Default: the current time (UTC).
    ///
    /// ```
    /// use reprise::expect::Trainer;
    /// let toml = Trainer::new().trained_at("2026-11-25T00:00:00Z").to_profile_toml("t");
    /// assert!(toml.contains("trained_at = \"2026-11-25T00:00:00Z\""));
    /// ```
    pub fn trained_at(mut self, when: impl Into<String>) -> Self {
        self.trained_at = Some(when.into());
        self
    }

    /// Learns from one recording.
    pub fn add<R: BufRead>(&mut self, input: R) -> Result<(), CheckError> {
        self.add_reader(Reader::new(input)?)
    }

    /// Learns from one recording whose header `reader` has already read
    /// (so a caller can look at the header first, and name the input in
    /// its own errors).
    ///
    /// ```
    /// use reprise::expect::Trainer;
    /// use reprise::transcript::Reader;
    /// let text = "{\"reprise\":1,\"kind\":\"header\",\"component\":\"kv\",\"created\":\"2026-11-25T00:00:00Z\"}\n";
    /// let reader = Reader::new(text.as_bytes())?;
    /// assert_eq!(reader.header().created, "2026-11-25T00:00:00Z");
    /// Trainer::new().add_reader(reader)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_reader<R: BufRead>(&mut self, mut reader: Reader<R>) -> Result<(), CheckError> {
        let header = reader.header();
        self.components.insert(header.component.clone());
        if !header.recorder.is_empty() {
            self.recorders.insert(header.recorder.clone());
        }
        if let Some(version) = header.meta.get("version") {
            let version = match version {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            self.versions
                .insert(format!("{} {version}", header.component));
        }
        if !header.created.is_empty() {
            let created = header.created.clone();
            // RFC 3339 times in UTC sort as text.
            self.recorded = Some(match self.recorded.take() {
                None => (created.clone(), created),
                Some((first, last)) => (first.min(created.clone()), last.max(created)),
            });
        }
        let mut open: HashMap<u64, (String, String, u64)> = HashMap::new();
        let mut windows: HashMap<(String, String), VecDeque<u64>> = HashMap::new();
        for event in reader.by_ref() {
            let event = event?;
            self.events += 1;
            match event {
                Event::Call(c) => {
                    let key = (c.port.clone(), c.method.clone());
                    let window = windows.entry(key.clone()).or_default();
                    window.push_back(c.at_ns);
                    while window
                        .front()
                        .is_some_and(|t| c.at_ns.saturating_sub(*t) >= SECOND)
                    {
                        window.pop_front();
                    }
                    let busiest = self.rates.entry(key).or_default();
                    *busiest = (*busiest).max(window.len() as u64);
                    open.insert(c.seq, (c.port, c.method, c.at_ns));
                }
                Event::Return(r) => {
                    if let Some((port, method, at)) = open.remove(&r.call) {
                        let took = r.at_ns.saturating_sub(at);
                        self.latencies.entry((port, method)).or_default().push(took);
                    }
                }
                Event::Probe(p) => {
                    if let Value::Object(fields) = &p.fields {
                        for (field, value) in fields {
                            let Some(x) = value.as_f64() else { continue };
                            let entry = self
                                .fields
                                .entry((p.name.clone(), field.clone()))
                                .or_insert((x, x, 0));
                            entry.0 = entry.0.min(x);
                            entry.1 = entry.1.max(x);
                            entry.2 += 1;
                        }
                    }
                }
                Event::State(_) | Event::End(_) => {}
            }
        }
        self.recordings += 1;
        Ok(())
    }

    /// [`Trainer::add`] over a string.
    pub fn add_str(&mut self, text: &str) -> Result<(), CheckError> {
        self.add(text.as_bytes())
    }

    /// The profile file: a `[provenance]` table and one profile `name`
    /// declaring every learned expectation.
    pub fn to_profile_toml(&self, name: &str) -> String {
        let m = self.margin;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Trained by reprise-expect from {} {} ({} events).",
            self.recordings,
            if self.recordings == 1 {
                "recording"
            } else {
                "recordings"
            },
            self.events
        );
        let _ = writeln!(
            out,
            "# Latency: warn after max x margin, fail after max x margin x 2. Rates: warn above the\n\
             # busiest second x margin, fail above twice that. Bounds: warn outside what was seen.\n"
        );
        let when = self.trained_at.clone().unwrap_or_else(now_rfc3339);
        let components: Vec<Value> = self.components.iter().map(|c| c.as_str().into()).collect();
        let _ = writeln!(out, "[provenance]");
        let _ = writeln!(out, "recordings = {}", self.recordings);
        let _ = writeln!(out, "events = {}", self.events);
        let _ = writeln!(out, "components = {}", toml_list(&components));
        if !self.versions.is_empty() {
            let versions: Vec<Value> = self.versions.iter().map(|v| v.as_str().into()).collect();
            let _ = writeln!(out, "versions = {}", toml_list(&versions));
        }
        if !self.recorders.is_empty() {
            let recorders: Vec<Value> = self.recorders.iter().map(|r| r.as_str().into()).collect();
            let _ = writeln!(out, "recorder_versions = {}", toml_list(&recorders));
        }
        if let Some((first, last)) = &self.recorded {
            let _ = writeln!(
                out,
                "recorded = {}",
                toml_list(&[first.as_str().into(), last.as_str().into()])
            );
        }
        let _ = writeln!(out, "trained_at = {}", quote(&when));
        let _ = writeln!(out, "margin = {m:?}");
        let section = |out: &mut String, id: &str| {
            let _ = writeln!(out, "\n[profiles.{}.{}]", quote(name), quote(id));
        };
        for ((port, method), samples) in &self.latencies {
            let [p50, p99] = samples.quantiles(&[0.5, 0.99])[..] else {
                continue;
            };
            let max = samples.max();
            section(&mut out, &format!("{port}.{method}.latency"));
            let _ = writeln!(out, "kind = \"call_latency\"");
            let _ = writeln!(out, "port = {}\nmethod = {}", quote(port), quote(method));
            let _ = writeln!(out, "nominal = {}", quote(&format_ns(p50)));
            let _ = writeln!(out, "warn_after = {}", quote(&format_ns(scale(max, m))));
            let _ = writeln!(
                out,
                "fail_after = {}",
                quote(&format_ns(scale(max, m * 2.0)))
            );
            let _ = writeln!(
                out,
                "observed = {{ samples = {}, p50 = {}, p99 = {}, max = {} }}",
                samples.count(),
                quote(&format_ns(p50)),
                quote(&format_ns(p99)),
                quote(&format_ns(max))
            );
        }
        for ((probe, field), (min, max, samples)) in &self.fields {
            let pad = (max - min).abs().max(max.abs()).max(min.abs()) * (m - 1.0);
            section(&mut out, &format!("{probe}.{field}.bounds"));
            let _ = writeln!(out, "kind = \"probe_bounds\"");
            let _ = writeln!(out, "probe = {}\nfield = {}", quote(probe), quote(field));
            let _ = writeln!(out, "warn_within = [{min:?}, {max:?}]");
            let _ = writeln!(out, "within = [{:?}, {:?}]", min - pad, max + pad);
            let _ = writeln!(
                out,
                "observed = {{ samples = {samples}, min = {min:?}, max = {max:?} }}"
            );
        }
        for ((port, method), busiest) in &self.rates {
            let warn = (*busiest as f64 * m).ceil() as u64;
            section(&mut out, &format!("{port}.{method}.rate"));
            let _ = writeln!(out, "kind = \"count\"");
            let _ = writeln!(out, "port = {}\nmethod = {}", quote(port), quote(method));
            let _ = writeln!(out, "per = \"1s\"");
            let _ = writeln!(out, "warn_above = {warn}\nat_most = {}", warn * 2);
            let _ = writeln!(out, "observed = {{ busiest_second = {busiest} }}");
        }
        if self.latencies.is_empty() && self.fields.is_empty() && self.rates.is_empty() {
            // Still a valid profile, so that `check` can load it: empty.
            let _ = writeln!(
                out,
                "\n# Nothing was learned: the recordings hold no calls and no probe with a numeric field.\n[profiles.{}]",
                quote(name)
            );
        }
        out
    }
}

fn scale(ns: u64, factor: f64) -> u64 {
    (ns as f64 * factor).ceil() as u64
}

fn quote(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

fn toml_list(items: &[Value]) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|v| quote(v.as_str().unwrap_or_default()))
        .collect();
    format!("[{}]", items.join(", "))
}

/// The current time as RFC 3339 in UTC, to the second.
fn now_rfc3339() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 15: `train` on a transcript with no calls wrote a file with no
    /// profile in it, which `check` then refused.
    #[test]
    fn regression_training_on_no_calls_writes_an_empty_valid_profile() {
        let mut trainer = Trainer::new().trained_at("2026-12-06T00:00:00Z");
        trainer
            .add_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"idle\"}\n{\"kind\":\"end\",\"events\":0,\"dropped\":0}\n")
            .unwrap();
        let toml = trainer.to_profile_toml("trained");
        assert!(toml.contains("# Nothing was learned"), "{toml}");
        let profiles = crate::Profiles::from_str(&toml, "t.toml").unwrap();
        let profile = profiles.get("trained").unwrap();
        let set = crate::Expectations::new().with_profile(profile).unwrap();
        assert_eq!(set.ids().count(), 0);
    }

    /// Times that go backwards (a hand-edited or hostile file) are learned
    /// from without overflowing.
    #[test]
    fn times_going_backwards_do_not_overflow() {
        let mut trainer = Trainer::new();
        trainer
            .add_str(
                r#"{"reprise":1,"kind":"header","component":"kv","meta":{"version":"2.0"}}
{"seq":0,"kind":"call","dir":"out","port":"s","method":"m","args":{},"at_ns":5000000000}
{"seq":1,"kind":"call","dir":"out","port":"s","method":"m","args":{},"at_ns":1}
{"seq":2,"kind":"return","call":0,"ok":null,"at_ns":0}
"#,
            )
            .expect("learns");
        let toml = trainer.to_profile_toml("t");
        assert!(toml.contains("versions = [\"kv 2.0\"]"), "{toml}");
        assert!(toml.contains("busiest_second = 2"), "{toml}");
    }

    #[test]
    fn the_clock_reads_as_rfc3339() {
        let now = now_rfc3339();
        assert_eq!(now.len(), 20, "{now}");
        assert!(now.starts_with("20") && now.ends_with('Z'), "{now}");
    }
}
