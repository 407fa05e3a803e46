//! Allowlist mode: deny by default.

use std::path::Path;

use reprise_transcript::{JsonPath, Selector};

use crate::error::Error;

/// The paths that stay in clear in allowlist mode; every other string and
/// number in a payload is pseudonymized. The rules still apply on listed
/// paths, so a token under an allowed path is redacted all the same.
///
/// A selector keeps its whole subtree clear: `$.args.cmd` keeps
/// `$.args.cmd.op` too. Object keys are field names the component needs to
/// parse its payloads, so they stay; a key that holds personal data (a map
/// keyed by email) is still scrubbed by the detectors.
///
/// ```
/// use reprise::sanitizer::Allowlist;
/// use reprise::transcript::JsonPath;
/// let list = Allowlist::parse("# what may stay clear\n$.args.key\n$..version\n", "allow.txt")?;
/// assert!(list.allows(&JsonPath::root().key("args").key("key")));
/// assert!(list.allows(&JsonPath::root().key("ok").key("meta").key("version")));
/// assert!(!list.allows(&JsonPath::root().key("args").key("value")));
/// # Ok::<(), reprise::sanitizer::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Allowlist {
    selectors: Vec<Selector>,
}

impl Allowlist {
    /// An allowlist of these selectors.
    pub fn new(selectors: Vec<Selector>) -> Allowlist {
        Allowlist { selectors }
    }

    /// Parses one selector a line; blank lines and `#` comments are skipped.
    /// Errors name `origin` and the line.
    pub fn parse(text: &str, origin: &str) -> Result<Allowlist, Error> {
        let mut selectors = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let selector = line.parse().map_err(|e| Error::Config {
                file: origin.into(),
                line: i + 1,
                message: format!("{e}"),
            })?;
            selectors.push(selector);
        }
        Ok(Allowlist { selectors })
    }

    /// Reads and parses an allowlist file.
    ///
    /// ```
    /// let dir = tempfile::tempdir()?;
    /// let file = dir.path().join("allow.txt");
    /// std::fs::write(&file, "$.args.key\n$.args[\n")?;
    /// let err = reprise::sanitizer::Allowlist::from_file(&file).unwrap_err();
    /// assert!(err.to_string().contains("line 2"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_file(path: &Path) -> Result<Allowlist, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            file: path.to_owned(),
            source,
        })?;
        Allowlist::parse(&text, &path.display().to_string())
    }

    /// The selectors.
    pub fn selectors(&self) -> &[Selector] {
        &self.selectors
    }

    /// Whether `path` stays in clear.
    pub fn allows(&self, path: &JsonPath) -> bool {
        self.selectors.iter().any(|s| s.matches_prefix_of(path))
    }
}
