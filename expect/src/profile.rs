//! [`Profiles`]: a TOML file of named profiles that set thresholds and
//! grades per expectation id, chosen at run time.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::budget::ActionBudget;
use crate::engine::Expectations;
use crate::error::ProfileError;
use crate::expect;
use crate::expectation::Expectation;
use crate::grade::Grade;

/// The environment variable that picks a profile at run time.
pub const PROFILE_ENV: &str = "REPRISE_PROFILE";

/// A profile file: named profiles (`unit`, `scenario`, `stress`, `fuzz`,
/// any name), each setting, per expectation id, a grade and thresholds,
/// and an optional `[provenance]` table (written by training).
///
/// An entry is a grade (`"fail"`, `"warn"`, `"ignore"`, `"success"`), or a
/// table with an optional `severity` (a grade) and the kind's settings:
/// `nominal`, `warn_after`, `fail_after` (durations such as `"200ms"`) for
/// latencies; `per`, `at_most`, `warn_above`, `at_least`, `warn_below` for
/// counts; `within`, `warn_within` (`[min, max]`), `nominal` for probe
/// bounds; `within_events`, `warn_after`, `fail_after` for responses. An
/// entry with a `kind` (`call_latency` with `port` and `method`,
/// `probe_bounds` with `probe` and `field`, `count` with `port` and `method`
/// or `probe`) declares the expectation when the code did not; `observed`
/// is informational. A `[budgets.<profile>]` table sets that profile's
/// [`ActionBudget`]. Errors name the file and the line.
///
/// ```
/// use reprise::expect::{Expectations, Profiles, expect, expect::secs};
/// let profiles = Profiles::from_str(r#"
/// [profiles.unit]
/// "queue.item" = { fail_after = "1s" }
///
/// [profiles.stress]
/// "queue.item" = { severity = "warn", fail_after = "5s" }
/// "#, "profiles.toml")?;
/// let declared = Expectations::new().expect(
///     expect::latency("queue.item").between("queue.enqueue", "queue.done").fail_after(secs(2)),
/// );
/// let text = r#"{"reprise":1,"kind":"header","component":"worker"}
/// {"seq":0,"kind":"probe","name":"queue.enqueue","fields":{},"at_ns":0}
/// {"seq":1,"kind":"probe","name":"queue.done","fields":{},"at_ns":1500000000}
/// "#;
/// let unit = declared.clone().with_profile(profiles.get("unit")?)?;
/// assert!(!unit.check_str(text)?.passed());
/// let stress = declared.with_profile(profiles.get("stress")?)?;
/// assert!(stress.check_str(text)?.is_clean());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Profiles {
    file: String,
    provenance: Option<toml::Table>,
    profiles: BTreeMap<String, Profile>,
}

/// One named profile of a [`Profiles`] file.
#[derive(Debug, Clone)]
pub struct Profile {
    name: String,
    file: String,
    entries: Vec<Entry>,
    budget: Option<ActionBudget>,
}

#[derive(Debug, Clone)]
struct Entry {
    id: String,
    line: usize,
    grade: Option<Grade>,
    kind: Option<String>,
    settings: Vec<(String, toml::Value)>,
    declare: BTreeMap<String, toml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    provenance: Option<toml::Table>,
    #[serde(default)]
    profiles: BTreeMap<String, BTreeMap<String, Spanned<toml::Value>>>,
    #[serde(default)]
    budgets: BTreeMap<String, Spanned<ActionBudget>>,
}

/// Keys that declare an expectation rather than set it.
const DECLARING: [&str; 5] = ["port", "method", "probe", "field", "observed"];

impl Profiles {
    /// Parses a profile file's text; `file` names it in errors.
    ///
    /// ```
    /// use reprise::expect::Profiles;
    /// let err = Profiles::from_str("[profiles.unit]\n\"x\" = { fail_after = \"1s\"\n", "p.toml").unwrap_err();
    /// assert!(err.to_string().starts_with("p.toml:2: "), "{err}");
    /// ```
    pub fn from_str(text: &str, file: impl Into<String>) -> Result<Profiles, ProfileError> {
        let file = file.into();
        let lines = LineStarts::new(text);
        let invalid = |offset: usize, message: String| ProfileError::Invalid {
            file: file.clone(),
            line: lines.line_of(offset),
            message,
        };
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            invalid(offset, e.message().trim().to_owned())
        })?;
        let mut budgets = raw.budgets;
        let mut profiles = BTreeMap::new();
        for (name, entries) in raw.profiles {
            let mut list = Vec::new();
            for (id, value) in entries {
                let offset = value.span().start;
                let entry = parse_entry(id, lines.line_of(offset), value.into_inner())
                    .map_err(|message| invalid(offset, format!("profile `{name}`: {message}")))?;
                list.push(entry);
            }
            let profile = Profile {
                name: name.clone(),
                file: file.clone(),
                entries: list,
                budget: budgets.remove(&name).map(Spanned::into_inner),
            };
            profiles.insert(name, profile);
        }
        if let Some((name, budget)) = budgets.into_iter().next() {
            return Err(invalid(
                budget.span().start,
                format!("a budget for `{name}`, which is not a profile of this file"),
            ));
        }
        Ok(Profiles {
            file,
            provenance: raw.provenance,
            profiles,
        })
    }

    /// Reads and parses the profile file at `path`.
    ///
    /// ```
    /// use reprise::expect::Profiles;
    /// let err = Profiles::load("no/such/profiles.toml").unwrap_err();
    /// assert!(err.to_string().starts_with("no/such/profiles.toml: cannot read"));
    /// ```
    pub fn load(path: impl AsRef<Path>) -> Result<Profiles, ProfileError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| ProfileError::Io {
            file: path.to_owned(),
            source,
        })?;
        Profiles::from_str(&text, path.display().to_string())
    }

    /// The profile called `name`.
    ///
    /// ```
    /// use reprise::expect::Profiles;
    /// let profiles = Profiles::from_str("[profiles.unit]\n[profiles.stress]\n", "p.toml")?;
    /// assert_eq!(profiles.get("unit")?.name(), "unit");
    /// assert_eq!(
    ///     profiles.get("fuzz").unwrap_err().to_string(),
    ///     "p.toml: no profile named `fuzz` (it has: stress, unit)"
    /// );
    /// # Ok::<(), reprise::expect::ProfileError>(())
    /// ```
    pub fn get(&self, name: &str) -> Result<&Profile, ProfileError> {
        self.profiles
            .get(name)
            .ok_or_else(|| ProfileError::UnknownProfile {
                file: self.file.clone(),
                name: name.to_owned(),
                available: self.profiles.keys().cloned().collect(),
            })
    }

    /// The profile named by `REPRISE_PROFILE` ([`PROFILE_ENV`]), or `None`
    /// when it is unset or empty.
    ///
    /// ```
    /// use reprise::expect::Profiles;
    /// let profiles = Profiles::from_str("[profiles.unit]\n", "p.toml")?;
    /// // REPRISE_PROFILE is not set in doc tests.
    /// assert!(profiles.from_env()?.is_none());
    /// # Ok::<(), reprise::expect::ProfileError>(())
    /// ```
    pub fn from_env(&self) -> Result<Option<&Profile>, ProfileError> {
        match std::env::var(PROFILE_ENV) {
            Ok(name) if !name.is_empty() => self.get(&name).map(Some),
            _ => Ok(None),
        }
    }

    /// The profiles' names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.profiles.keys().map(String::as_str)
    }

    /// The `[provenance]` table, if the file has one (a trained file does).
    pub fn provenance(&self) -> Option<&toml::Table> {
        self.provenance.as_ref()
    }
}

impl Profile {
    /// The profile's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The profile's limits on failure actions, from `[budgets.<name>]`,
    /// if the file sets them.
    ///
    /// ```
    /// use reprise::expect::Profiles;
    /// let profiles = Profiles::from_str("[profiles.unit]\n", "p.toml")?;
    /// assert_eq!(profiles.get("unit")?.budget(), None);
    /// let err = Profiles::from_str("[profiles.unit]\n[budgets.prod]\ndumps_per_hour = 1\n", "p.toml").unwrap_err();
    /// assert_eq!(err.to_string(), "p.toml:2: a budget for `prod`, which is not a profile of this file");
    /// # Ok::<(), reprise::expect::ProfileError>(())
    /// ```
    pub fn budget(&self) -> Option<&ActionBudget> {
        self.budget.as_ref()
    }
}

impl Expectations {
    /// These expectations with `profile` applied: its grades, its
    /// thresholds, and the expectations it declares. An entry for an id that
    /// is neither declared nor declared by the entry is an error, as is a
    /// setting the kind does not have; both name the file and line.
    ///
    /// ```
    /// use reprise::expect::{Expectations, Profiles, expect};
    /// let profiles = Profiles::from_str("[profiles.unit]\n\"nope\" = \"fail\"\n", "p.toml")?;
    /// let err = Expectations::new().with_profile(profiles.get("unit")?).unwrap_err();
    /// assert_eq!(err.to_string(), "p.toml:2: profile `unit` sets `nope`, which is not declared");
    /// # Ok::<(), reprise::expect::ProfileError>(())
    /// ```
    pub fn with_profile(mut self, profile: &Profile) -> Result<Self, ProfileError> {
        for entry in &profile.entries {
            let invalid = |message: String| ProfileError::Invalid {
                file: profile.file.clone(),
                line: entry.line,
                message: format!("profile `{}`, `{}`: {message}", profile.name, entry.id),
            };
            if self.position(&entry.id).is_none() {
                let Some(kind) = &entry.kind else {
                    return Err(ProfileError::Invalid {
                        file: profile.file.clone(),
                        line: entry.line,
                        message: format!(
                            "profile `{}` sets `{}`, which is not declared",
                            profile.name, entry.id
                        ),
                    });
                };
                let declared = declare(kind, &entry.id, &entry.declare).map_err(invalid)?;
                self.upsert(declared);
            }
            let Some(expectation) = self.position(&entry.id).map(|i| &mut self.list[i]) else {
                continue;
            };
            for (key, value) in &entry.settings {
                expectation
                    .settings()
                    .set(key, value)
                    .map_err(|m| invalid(format!("`{key}` {m}")))?;
            }
            match entry.grade {
                Some(grade) => self.grades.insert(entry.id.clone(), grade),
                None => self.grades.remove(&entry.id),
            };
        }
        self.profile = Some(profile.name.clone());
        Ok(self)
    }
}

fn parse_entry(id: String, line: usize, value: toml::Value) -> Result<Entry, String> {
    let mut entry = Entry {
        id,
        line,
        grade: None,
        kind: None,
        settings: Vec::new(),
        declare: BTreeMap::new(),
    };
    match value {
        toml::Value::String(grade) => {
            entry.grade = Some(grade.parse().map_err(|e| format!("`{}`: {e}", entry.id))?);
        }
        toml::Value::Table(table) => {
            for (key, value) in table {
                match key.as_str() {
                    "severity" => {
                        let grade = value.as_str().unwrap_or_default();
                        entry.grade =
                            Some(grade.parse().map_err(|e| format!("`{}`: {e}", entry.id))?);
                    }
                    "kind" => entry.kind = value.as_str().map(str::to_owned),
                    k if DECLARING.contains(&k) => {
                        entry.declare.insert(key, value);
                    }
                    _ => entry.settings.push((key, value)),
                }
            }
        }
        other => {
            return Err(format!(
                "`{}` wants a grade or a table of settings, not {other}",
                entry.id
            ));
        }
    }
    Ok(entry)
}

/// An expectation declared by a profile entry with a `kind`.
fn declare(
    kind: &str,
    id: &str,
    keys: &BTreeMap<String, toml::Value>,
) -> Result<Expectation, String> {
    let text = |key: &str| {
        keys.get(key)
            .and_then(toml::Value::as_str)
            .ok_or_else(|| format!("a `{kind}` entry needs a `{key}` string"))
    };
    Ok(match kind {
        "call_latency" => expect::call_latency(text("port")?, text("method")?)
            .id(id)
            .into(),
        "probe_bounds" => expect::probe_bounds(text("probe")?, text("field")?)
            .id(id)
            .into(),
        "count" => {
            let pattern = match keys.get("probe") {
                Some(_) => expect::probe(text("probe")?),
                None => expect::call(text("port")?, text("method")?),
            };
            expect::count(pattern).id(id).into()
        }
        other => {
            return Err(format!(
                "a profile can declare call_latency, probe_bounds or count, not `{other}`"
            ));
        }
    })
}

/// Where each line of a text ends, to name the line of an offset in
/// logarithmic time: a profile with 50,000 entries is read in linear time,
/// not by counting newlines from the top for each entry.
struct LineStarts {
    /// The offsets of the text's newlines, in order.
    newlines: Vec<usize>,
}

impl LineStarts {
    fn new(text: &str) -> LineStarts {
        let newlines = text
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(i, _)| i)
            .collect();
        LineStarts { newlines }
    }

    /// The 1-based line of byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&nl| nl < offset) + 1
    }
}
