//! What a keyed action (a pseudonym, a keyed hash) writes over a value:
//! the one place that decides it, for every reader of the text and of the
//! tree (the detectors' spans, labelled values, table cells, HL7 fields,
//! object keys, whole strings, numbers, coordinates).
//!
//! A scrub writes the pseudonym. `verify` writes nothing: its working copy
//! keeps the value as it is ([`Keyed::working_copy`]). Verify judges a
//! text by scrubbing it again and reading what that wrote (the second
//! look, the key rules of a renamed key, the paths below it), so whatever
//! it wrote over a pseudonym would be read instead of the pseudonym scrub
//! wrote: a placeholder in place of a `COPY` label's value changed which
//! column the data row's cell fell under, one in an object key holding an
//! HL7 segment made the key read as a token's label, a key's pseudonym
//! made by verify's key was not the one scrub's report listed paths
//! under. Keeping the value, verify reads scrub's output exactly as scrub
//! left it, whatever reads it; what verify prints is masked apart
//! ([`crate::verify`]).

use serde_json::Number;

use super::geo_numbers::{Scale, coordinate_pseudonym};
use crate::pseudonym::{Pseudonymizer, Shape};

/// Writes the keyed actions' replacements: pseudonyms and keyed hashes in
/// a scrub, the values themselves in verify's working copy.
#[derive(Debug, Clone)]
pub(crate) struct Keyed {
    pseudonymizer: Pseudonymizer,
    /// Whether this is verify's working copy: a keyed action leaves its
    /// value as it is (what it would change is still reported).
    keeps_values: bool,
}

/// What a keyed action writes over a value, and whether a scrub changes
/// the value (a pseudonym equal to its value, punctuation only, changes
/// nothing and is not reported). In verify's working copy `value` is the
/// value itself even when `changed`.
#[derive(Debug)]
pub(crate) struct Written<T> {
    /// What to write.
    pub(crate) value: T,
    /// Whether a scrub changes the value: what to report.
    pub(crate) changed: bool,
}

impl Keyed {
    /// The writer of a scrub, making pseudonyms and hashes with
    /// `pseudonymizer`.
    pub(crate) fn new(pseudonymizer: Pseudonymizer) -> Keyed {
        Keyed {
            pseudonymizer,
            keeps_values: false,
        }
    }

    /// Makes this the writer of verify's working copy: every keyed action
    /// leaves its value as it is and is still reported when a scrub would
    /// change the value.
    pub(crate) fn working_copy(&mut self) {
        self.keeps_values = true;
    }

    /// The pseudonym of `value` in `shape`.
    pub(crate) fn pseudonym(&self, shape: Shape, value: &str) -> Written<String> {
        self.text(value, |p| p.pseudonymize(shape, value))
    }

    /// The keyed hash of `value`.
    pub(crate) fn hash(&self, value: &str) -> Written<String> {
        self.text(value, |p| p.hash(value))
    }

    /// The pseudonym of a whole string. A string that is base64 of text (a
    /// byte payload written by the `bytes` helper) stays base64: its text is
    /// pseudonymized and encoded again, so the component can still decode
    /// it. Any other string keeps the shape [`Shape::infer`] finds.
    pub(crate) fn whole_string(&self, value: &str) -> Written<String> {
        self.text(value, |p| whole_string(p, value))
    }

    /// The pseudonym of a number: as many digits. Always reported, as a
    /// number's pseudonym always was.
    pub(crate) fn number(&self, n: &Number) -> Written<Number> {
        let made = self.pseudonymizer.number(n);
        Written {
            value: self.written(made, || n.clone()),
            changed: true,
        }
    }

    /// The pseudonym of coordinate `n` (within `bound` degrees, in
    /// `scale`), never `n` itself ([`coordinate_pseudonym`]).
    pub(crate) fn coordinate(&self, n: &Number, bound: u64, scale: Scale) -> Written<Number> {
        let made = coordinate_pseudonym(&self.pseudonymizer, n, bound, scale);
        Written {
            value: self.written(made, || n.clone()),
            changed: true,
        }
    }

    /// What a keyed action writes over `value`, whose pseudonym `keyed`
    /// makes. The pseudonym is made either way: whether it equals its
    /// value says whether a scrub changes anything.
    fn text(&self, value: &str, keyed: impl FnOnce(&Pseudonymizer) -> String) -> Written<String> {
        let made = keyed(&self.pseudonymizer);
        let changed = made != value;
        Written {
            value: self.written(made, || value.to_owned()),
            changed,
        }
    }

    /// The one decision: `made` (the pseudonym) in a scrub, the value as it
    /// was in verify's working copy.
    fn written<T>(&self, made: T, value: impl FnOnce() -> T) -> T {
        if self.keeps_values { value() } else { made }
    }
}

/// [`Keyed::whole_string`] with `p`.
fn whole_string(p: &Pseudonymizer, s: &str) -> String {
    use base64::Engine as _;
    if let Some((decoded, url_safe)) = super::text::base64_text(s) {
        let inner = whole_string(p, &decoded);
        let encoded = crate::detect::engine(url_safe).encode(inner.as_bytes());
        return if s.ends_with('=') || s.len() % 4 == 0 {
            encoded
        } else {
            encoded.trim_end_matches('=').to_owned()
        };
    }
    p.pseudonymize(Shape::infer(s), s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pseudonym::Key;

    fn keyed(working_copy: bool) -> Keyed {
        let key = Key::from_bytes(b"0123456789abcdef", "test").expect("key");
        let mut keyed = Keyed::new(Pseudonymizer::new(&key));
        if working_copy {
            keyed.working_copy();
        }
        keyed
    }

    #[test]
    fn verify_s_working_copy_keeps_values_and_reports_what_a_scrub_changes() {
        let (scrub, verify) = (keyed(false), keyed(true));
        for value in ["4,5", "bob@corp.com", "10.1.2.3", "Pat|\rPID||9"] {
            let made = scrub.pseudonym(Shape::infer(value), value);
            let kept = verify.pseudonym(Shape::infer(value), value);
            assert!(made.changed && kept.changed, "{value}");
            assert_ne!(made.value, value);
            assert_eq!(kept.value, value);
            assert_eq!(verify.hash(value).value, value);
            assert_eq!(verify.whole_string(value).value, value);
        }
        // Punctuation only: a pseudonym that changes nothing, in both.
        assert!(!scrub.pseudonym(Shape::Text, "-,").changed);
        assert!(!verify.pseudonym(Shape::Text, "-,").changed);
        let n = Number::from(123_456);
        assert_eq!(verify.number(&n).value, n);
        assert_ne!(scrub.number(&n).value, n);
        let at = Number::from_f64(52.516_275).expect("a number");
        assert_eq!(verify.coordinate(&at, 90, Scale::Degrees).value, at);
        assert!(verify.coordinate(&at, 90, Scale::Degrees).changed);
    }
}
