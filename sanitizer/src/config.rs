//! Rules files (TOML).
//!
//! ```toml
//! # Keep the built-in rules (the default); `false` uses only these.
//! defaults = true
//!
//! [[rule]]
//! name = "customer-id"            # unique; a built-in's name replaces it
//! key = "customer_id"             # or: path, regex, detector, entropy = true
//! action = "pseudonymize"         # redact (default), pseudonymize, hash, drop
//!
//! [[rule]]
//! name = "ticket"
//! regex = "TCK-[0-9]{6}"
//!
//! [[rule]]
//! detector = "email"              # change what a built-in detector does
//! action = "redact"
//!
//! [allowlist]                     # deny by default: only these stay clear
//! paths = ["$.args.key", "$..version"]
//! ```
//!
//! Every error names the file and the line: a bad regex, an unknown
//! detector, a rule with two targets.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::action::Action;
use crate::allowlist::Allowlist;
use crate::detect::{Detector, DetectorSet};
use crate::error::Error;
use crate::rules::{Rule, SanitizerBuilder, Target};

/// A parsed rules file: the rules and the allowlist it declares.
///
/// ```
/// use reprise::sanitizer::Config;
/// let config = Config::parse(r#"
/// [[rule]]
/// name = "ticket"
/// regex = "TCK-[0-9]{6}"
/// action = "hash"
/// "#, "rules.toml")?;
/// let sanitizer = config.builder().build()?;
/// assert!(sanitizer.rules().iter().any(|r| r.name == "ticket"));
/// assert!(sanitizer.rules().iter().any(|r| r.name == "email"), "defaults stay on");
///
/// let text = "[[rule]]\nname = \"pin\"\nkey = \"pin\"\n\n[[rule]]\nname = \"bad\"\nregex = \"(\"\n";
/// let err = Config::parse(text, "rules.toml").unwrap_err();
/// assert!(err.to_string().starts_with("rules.toml: line 5: rule `bad`"), "{err}");
/// # Ok::<(), reprise::sanitizer::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Config {
    defaults: bool,
    rules: Vec<Rule>,
    allowlist: Option<Allowlist>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default = "yes")]
    defaults: bool,
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
    allowlist: Option<RawAllowlist>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    name: Option<String>,
    key: Option<String>,
    path: Option<String>,
    regex: Option<String>,
    detector: Option<String>,
    #[serde(default)]
    entropy: bool,
    action: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAllowlist {
    paths: Vec<Spanned<String>>,
}

fn line_of(text: &str, span: Range<usize>) -> usize {
    text.get(..span.start).map_or(1, |before| {
        before.bytes().filter(|b| *b == b'\n').count() + 1
    })
}

impl Config {
    /// Parses a rules file's text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Config, Error> {
        let file = PathBuf::from(origin);
        let config_error = |span: Range<usize>, message: String| Error::Config {
            file: file.clone(),
            line: line_of(text, span),
            message,
        };
        let raw: RawConfig = toml::from_str(text)
            .map_err(|e| config_error(e.span().unwrap_or(0..0), e.message().trim().to_owned()))?;
        let mut rules = Vec::new();
        for spanned in raw.rule {
            let span = spanned.span();
            let raw = spanned.into_inner();
            let fail = |message: String| config_error(span.clone(), message);
            let targets = [
                raw.key.is_some(),
                raw.path.is_some(),
                raw.regex.is_some(),
                raw.detector.is_some(),
                raw.entropy,
            ];
            if targets.iter().filter(|t| **t).count() != 1 {
                return Err(fail(
                    "a rule needs exactly one of key, path, regex, detector, entropy = true".into(),
                ));
            }
            let detector = match &raw.detector {
                Some(d) => Some(d.parse::<Detector>().map_err(&fail)?),
                None => None,
            };
            let name = match (&raw.name, detector) {
                (Some(name), _) => name.clone(),
                (None, Some(d)) => d.name().to_owned(),
                (None, None) if raw.entropy => "high-entropy".to_owned(),
                (None, None) => return Err(fail("a rule needs a `name`".into())),
            };
            let action = match &raw.action {
                Some(a) => a
                    .parse::<Action>()
                    .map_err(|e| fail(format!("rule `{name}`: {e}")))?,
                None => detector.map_or(Action::Redact, Detector::default_action),
            };
            let target = if let Some(key) = raw.key {
                Target::Key(key)
            } else if let Some(path) = raw.path {
                Target::Path(
                    path.parse()
                        .map_err(|e| fail(format!("rule `{name}`: {e}")))?,
                )
            } else if let Some(regex) = raw.regex {
                // Compile now, so the error names the line.
                DetectorSet::new(&[], &[(regex.as_str(), 0, name.as_str())])
                    .map_err(|e| fail(e.to_string()))?;
                Target::Regex(regex)
            } else if let Some(d) = detector {
                Target::Detector(d)
            } else {
                Target::HighEntropy
            };
            rules.push(Rule::new(name, target, action));
        }
        let allowlist = match raw.allowlist {
            None => None,
            Some(list) => {
                let mut selectors = Vec::new();
                for path in list.paths {
                    let span = path.span();
                    selectors.push(
                        path.get_ref()
                            .parse()
                            .map_err(|e| config_error(span, format!("allowlist: {e}")))?,
                    );
                }
                Some(Allowlist::new(selectors))
            }
        };
        Ok(Config {
            defaults: raw.defaults,
            rules,
            allowlist,
        })
    }

    /// Reads and parses a rules file.
    ///
    /// ```
    /// let err = reprise::sanitizer::Config::from_file("no/such/rules.toml".as_ref()).unwrap_err();
    /// assert!(err.to_string().starts_with("no/such/rules.toml: cannot read"));
    /// ```
    pub fn from_file(path: &Path) -> Result<Config, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            file: path.to_owned(),
            source,
        })?;
        Config::parse(&text, &path.display().to_string())
    }

    /// The rules this file declares (not the built-in ones).
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// A builder with this file's rules, defaults and allowlist; add a key
    /// and build.
    pub fn builder(&self) -> SanitizerBuilder {
        let mut builder = SanitizerBuilder::default().defaults(self.defaults);
        for rule in &self.rules {
            builder = builder.rule(rule.clone());
        }
        if let Some(list) = &self.allowlist {
            builder = builder.allowlist(list.clone());
        }
        builder
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `text` and renders the outcome: the rules (`name target
    /// action`, one a line) or the error.
    #[track_caller]
    fn check(text: &str, expected: &str) {
        let rendered = match Config::parse(text, "rules.toml") {
            Ok(config) => config
                .rules()
                .iter()
                .map(|r| format!("{} {} {}", r.name, r.target.kind(), r.action))
                .collect::<Vec<_>>()
                .join("\n"),
            Err(err) => err.to_string(),
        };
        assert_eq!(rendered, expected);
    }

    #[test]
    fn rules_of_every_kind() {
        check(
            "[[rule]]\nname = \"pin\"\nkey = \"pin\"\n\n[[rule]]\nname = \"ssn\"\npath = \"$..ssn\"\naction = \"drop\"\n\n[[rule]]\ndetector = \"email\"\naction = \"hash\"\n\n[[rule]]\nentropy = true\n",
            "pin key redact\nssn path drop\nemail detector hash\nhigh-entropy entropy redact",
        );
        check(
            "[[rule]]\ndetector = \"phone\"\n",
            "phone detector pseudonymize",
        );
    }

    #[test]
    fn errors_name_the_line() {
        check(
            "defaults = maybe\n",
            "rules.toml: line 1: string values must be quoted, expected literal string",
        );
        check(
            "[[rule]]\nname = \"x\"\n",
            "rules.toml: line 1: a rule needs exactly one of key, path, regex, detector, entropy = true",
        );
        check(
            "\n[[rule]]\nname = \"x\"\nkey = \"a\"\npath = \"$.b\"\n",
            "rules.toml: line 2: a rule needs exactly one of key, path, regex, detector, entropy = true",
        );
        check(
            "[[rule]]\ndetector = \"dna\"\n",
            "rules.toml: line 1: unknown detector `dna`",
        );
        check(
            "[[rule]]\nname = \"x\"\nkey = \"a\"\naction = \"shred\"\n",
            "rules.toml: line 1: rule `x`: unknown action `shred` (expected redact, pseudonymize, hash or drop)",
        );
        check(
            "[[rule]]\nname = \"x\"\npath = \"$.a[\"\n",
            "rules.toml: line 1: rule `x`: invalid path selector `$.a[` at byte 4: expected an index, `*` or a quoted key",
        );
        check(
            "[[rule]]\nkey = \"a\"\n",
            "rules.toml: line 1: a rule needs a `name`",
        );
        check(
            "[[rule]]\nname = \"x\"\nkey = \"a\"\ncolour = \"red\"\n",
            "rules.toml: line 4: unknown field `colour`, expected one of `name`, `key`, `path`, `regex`, `detector`, `entropy`, `action`",
        );
        check(
            "[allowlist]\npaths = [\"$.a\", \"$.b[\"]\n",
            "rules.toml: line 2: allowlist: invalid path selector `$.b[` at byte 4: expected an index, `*` or a quoted key",
        );
    }

    #[test]
    fn defaults_can_be_turned_off() {
        let config = Config::parse(
            "defaults = false\n[[rule]]\nname = \"t\"\nregex = \"T-[0-9]+\"\n",
            "r",
        )
        .expect("parses");
        let sanitizer = config.builder().build().expect("builds");
        assert_eq!(sanitizer.rules().len(), 1);
    }
}
