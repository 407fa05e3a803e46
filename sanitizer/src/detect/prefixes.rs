//! The literal beginnings of the built-in patterns (`pscale_tkn_`,
//! `$argon2id$`, `eyJ`, ...), for the prefilter: a token whose body is cut
//! by `.`, `=`, `$` or `,` into short runs (a PHC password hash, a token
//! whose alphabet has `.` or `=`) has no long token run to announce it, so
//! the prefilter looks for these beginnings in such a stretch instead.
//! They are taken from the patterns themselves, so a new pattern brings
//! its own (`regex-syntax`'s literal extraction).

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex_syntax::hir::literal::Extractor;

use super::Detector;

/// The shortest beginning kept: a shorter one would wake the detectors on
/// ordinary words.
const MIN_PREFIX: usize = 3;

/// The built-in patterns' literal beginnings of at least [`MIN_PREFIX`]
/// bytes, found case-insensitively.
static PREFIXES: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    let mut literals: Vec<Vec<u8>> = Vec::new();
    let mut patterns: Vec<&str> = super::vendor::entry_patterns().collect();
    patterns.extend(
        Detector::ALL
            .iter()
            .filter(|&&d| d != Detector::VendorToken)
            .filter_map(|d| d.pattern().map(|(p, _)| p)),
    );
    for pattern in patterns {
        literals.extend(beginnings(pattern));
    }
    literals.sort();
    literals.dedup();
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostFirst)
        .build(&literals)
        .ok()
});

/// Each literal one of `pattern`'s matches must begin with, when all of
/// them are at least [`MIN_PREFIX`] long; none otherwise (a pattern that
/// begins with a class is announced by its runs or digits).
fn beginnings(pattern: &str) -> Vec<Vec<u8>> {
    let Ok(hir) = regex_syntax::parse(pattern) else {
        return Vec::new();
    };
    let seq = Extractor::new().extract(&hir);
    match seq.literals() {
        Some(literals)
            if !literals.is_empty()
                && literals.iter().all(|l| l.as_bytes().len() >= MIN_PREFIX) =>
        {
            literals.iter().map(|l| l.as_bytes().to_vec()).collect()
        }
        _ => Vec::new(),
    }
}

/// Whether `stretch` holds a built-in pattern's literal beginning.
pub(super) fn any_in(stretch: &[u8]) -> bool {
    PREFIXES
        .as_ref()
        .is_some_and(|prefixes| prefixes.is_match(stretch))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beginnings_come_from_the_patterns() {
        assert!(any_in(b"x=pscale_tkn_a.b.c"));
        assert!(any_in(b"$argon2d$v=19$m=655,,,"));
        assert!(!any_in(b"api.example.com/v1"));
        // A pattern that begins with a class has none.
        assert!(beginnings(r"[0-9]{8,10}:AA[A-Za-z0-9_-]{33}").is_empty());
    }
}
