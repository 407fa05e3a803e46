//! Postal addresses written out whole: a US address (a number, a street
//! name and its suffix, perhaps a unit, a city, a state and a ZIP or
//! ZIP+4), a UK one (perhaps a flat, a number, a street, a town and a
//! postcode in the Royal Mail's format) and a continental European one (a
//! street part in its country's shape, a postcode in one of the European
//! formats and a place: [`eu`]), with the addressee's name when it heads
//! the address (the line or the comma-part before it), or, for a European
//! one, the name of the person whose birth is given before it on its line.
//!
//! An address is anchored on its postcode, which one cheap scan over the
//! spaces finds first ([`postcode_places`]): only then do the patterns
//! run (the European one on a window around each postcode). The whole address is taken,
//! street line and postcode included, since its street line alone (`1234
//! N Elm St Apt 5B`) is already a leak.
//!
//! Decisions: a company's address in a footer is an address and is taken
//! (no reader can tell a sole trader's home from an office); a ZIP or a
//! postcode alone, a city and state, a street name alone (`Main St`, a
//! `MainStreet` identifier) and an address with no postcode (`1 Infinite
//! Loop` in a code comment) stay, unless a key or a label names them (the
//! `address` key rule, `ship to ...` in prose).

use std::sync::LazyLock;

use regex::Regex;

use crate::person;

mod eu;

/// Between the parts of an address: a comma, a line break (also escaped as
/// `\n` in a log line), a `|` or spaces.
const SEP: &str = r"(?:\s*(?:\\?,|\||\\n|\\r\\n)\s*|\s+)";

/// US street suffixes (USPS Publication 28, the common ones) and unit
/// designators.
const US_SUFFIX: &str = r"(?:St|Street|Ave|Av|Avenue|Blvd|Boulevard|Rd|Road|Dr|Drive|Ln|Lane|Ct|Court|Way|Pl|Place|Ter|Terrace|Cir|Circle|Pkwy|Parkway|Hwy|Highway|Sq|Square|Trl|Trail|Loop|Pike|Row|Aly|Alley|Plz|Plaza|Xing|Crossing|Path|Run|Pass|Holw|Hollow|Cv|Cove|Expy|Expressway|Fwy|Freeway|Tpke|Turnpike|Bnd|Bend|Crk|Creek|Grv|Grove|Hts|Heights|Mnr|Manor|Pt|Point|Rdg|Ridge|Vw|View|Walk|Xrd)";

/// The two-letter codes of US states, territories and military mail.
const US_STATE: &str = r"(?:A[AEKLPRSZ]|C[AOT]|D[CE]|F[LM]|G[AU]|HI|I[ADLN]|K[SY]|LA|M[ADEHINOPST]|N[CDEHJMVY]|O[HKR]|P[AR]|RI|S[CD]|T[NX]|UT|V[AIT]|W[AIVY])";

/// UK street words.
const UK_STREET: &str = r"(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Crescent|Cres|Park|Close|Cl|Drive|Dr|Gardens|Gdns|Grove|Gr|Place|Pl|Square|Sq|Terrace|Ter|Way|Hill|Mews|Court|Ct|Row|Walk|Green|Rise|View|Parade|Vale|Mount|Wharf|Quay|Yard|Circus|Embankment|Esplanade|Gate|End|Wynd|Brow|Croft|Fields|Lea|Meadow|Meadows|Passage|Approach|Broadway)";

/// A UK postcode in its real format (outward code, a space or none,
/// inward code: no C, I, K, M, O or V in the inward letters), or `GIR 0AA`.
const UK_POSTCODE: &str = r"(?:(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2}|GIR ?0AA)";

/// A capitalised word of a street's or a town's name, in the Latin
/// letters US and UK addresses are written in (a small class keeps the
/// pattern cheap to compile).
const WORD: &str = r"[A-Z0-9À-ÖØ-Þ][A-Za-z0-9À-ÖØ-öø-ɏ'’.-]*";

static US: LazyLock<Regex> = LazyLock::new(|| {
    let street = format!(
        r"(?:\b|\\[nrt])[0-9]{{1,6}}(?:-[0-9]{{1,4}})?[A-Za-z]?\s+(?:[NSEW]{{1,2}}\.?\s+)?(?:{WORD}\s+){{0,4}}?{US_SUFFIX}\.?(?:\s+[NSEW]{{1,2}}\b\.?)?(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|Fl|Floor|Rm|Room|Bldg|Building|Lot|#)\.?\s*#?[A-Za-z0-9-]{{1,6}})?"
    );
    Regex::new(&format!(
        r"{street}{SEP}(?:{WORD}(?:\s+{WORD}){{0,3}}){SEP}{US_STATE}\s+[0-9]{{5}}(?:-[0-9]{{4}})?\b"
    ))
    .expect("a valid pattern")
});

static UK: LazyLock<Regex> = LazyLock::new(|| {
    let unit = r"(?:(?:\b|\\[nrt])(?:Flat|Apartment|Apt|Unit|Suite|Room)\s+[0-9A-Za-z]{1,5},?\s+)?";
    let street = format!(
        r"{unit}(?:\b|\\[nrt])[0-9]{{1,4}}[A-Za-z]?,?\s+(?:{WORD}\s+){{0,3}}?{UK_STREET}\b"
    );
    let town = format!(r"(?:{WORD}(?:[\s-]+(?:upon|on|le|in|by|under|{WORD})){{0,3}})");
    Regex::new(&format!(
        r"{street}(?:{SEP}{town}){{1,3}}?,?\s+{UK_POSTCODE}\b"
    ))
    .expect("a valid pattern")
});

/// Whether `bytes` may hold a US ZIP after a state (two capitals, a space,
/// five digits) or a UK inward code after a space (a digit and two
/// capitals ending a word, `N16 5AB`). One `memchr` pass over the spaces,
/// looking closer only at a space before a digit: base64, hex and ids have
/// none.
#[cfg(test)]
pub(crate) fn may_hold_a_postcode(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b' ', bytes).any(|sp| us_uk_postcode_at(bytes, sp))
}

/// Whether the space at `sp` of `bytes` is the one before a US ZIP after
/// its state or before a UK inward code.
fn us_uk_postcode_at(bytes: &[u8], sp: usize) -> bool {
    let n = bytes.len();
    let word_end = |at: usize| at >= n || !bytes[at].is_ascii_alphanumeric();
    let i = sp + 1;
    i < n
        && bytes[i].is_ascii_digit()
        && ((i + 3 <= n
            && bytes[i + 1].is_ascii_uppercase()
            && bytes[i + 2].is_ascii_uppercase()
            && word_end(i + 3))
            || (sp >= 2
                && bytes[sp - 1].is_ascii_uppercase()
                && bytes[sp - 2].is_ascii_uppercase()
                && bytes
                    .get(i..i + 5)
                    .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                && word_end(i + 5)))
}

/// Where `bytes` may hold a postcode, in one `memchr` pass over its
/// spaces: whether a US or UK one ([`us_uk_postcode_at`]), and the spaces
/// that follow a European one's digits ([`eu::postcode_at`]). A space is
/// looked at closer only next to a digit, so clean text costs the pass.
fn postcode_places(bytes: &[u8]) -> (bool, Vec<usize>) {
    let mut us_uk = false;
    let mut eu = Vec::new();
    for sp in memchr::memchr_iter(b' ', bytes) {
        let Some(&next) = bytes.get(sp + 1) else {
            break;
        };
        // A US or UK postcode follows the space, a European one's digits
        // come before it.
        if next.is_ascii_digit() {
            us_uk = us_uk || us_uk_postcode_at(bytes, sp);
        } else if sp > 0 && bytes[sp - 1].is_ascii_digit() && eu::postcode_at(bytes, sp) {
            eu.push(sp);
        }
    }
    (us_uk, eu)
}

/// What a span holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// The addressee's name.
    Name,
    /// The address.
    Address,
}

/// The addresses in `text` (and their addressees' names), in order, not
/// overlapping.
pub(crate) fn addresses(text: &str) -> Vec<(usize, usize, Part)> {
    let mut out = Vec::new();
    let (us_uk, eu_places) = postcode_places(text.as_bytes());
    if !us_uk && eu_places.is_empty() {
        return out;
    }
    let mut found: Vec<(usize, usize, bool)> = Vec::new();
    if us_uk {
        found.extend(
            US.find_iter(text)
                .chain(UK.find_iter(text))
                // A match may start with the escaped line break (`\n`)
                // before its number, which is no part of it.
                .map(|m| {
                    let escaped = m.as_str().starts_with('\\');
                    (m.start() + if escaped { 2 } else { 0 }, m.end(), false)
                }),
        );
    }
    if !eu_places.is_empty() {
        found.extend(
            eu::addresses(text, &eu_places)
                .into_iter()
                .map(|(s, e)| (s, e, true)),
        );
    }
    found.sort_unstable();
    let mut last_end = 0;
    for (start, end, european) in found {
        if start < last_end {
            continue;
        }
        // The addressee heading the address, or else, for a European
        // one, the person whose birth is given before it on its line.
        let name = addressee(text, start)
            .or_else(|| european.then(|| eu::born_before(text, start)).flatten());
        if let Some((ns, ne)) = name
            && ns >= last_end
        {
            out.push((ns, ne, Part::Name));
        }
        out.push((start, end, Part::Address));
        last_end = end;
    }
    out
}

/// The addressee's name right before an address that starts at `start`:
/// the words before it, past a comma, a line break or spaces, when they
/// read as a person's name ([`person::name_ending_at`]).
fn addressee(text: &str, start: usize) -> Option<(usize, usize)> {
    let head = text[..start].trim_end_matches([' ', '\t']);
    let head = head
        .strip_suffix(',')
        .or_else(|| head.strip_suffix("\\,"))
        .or_else(|| head.strip_suffix("\\n"))
        .or_else(|| head.strip_suffix('\n'))
        .or_else(|| head.strip_suffix('|'))
        .unwrap_or(head)
        .trim_end_matches(['\r', ' ', '\t']);
    let head = head.strip_suffix("\\r").unwrap_or(head);
    person::name_ending_at(text, head.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taken(text: &str) -> Vec<(&str, Part)> {
        addresses(text)
            .into_iter()
            .map(|(s, e, p)| (&text[s..e], p))
            .collect()
    }

    #[test]
    fn us_addresses_are_taken_whole_with_their_addressee() {
        assert_eq!(
            taken("Zoë Ångström\n1234 N Elm St Apt 5B\nSpringfield, IL 62704-1234"),
            [
                ("Zoë Ångström", Part::Name),
                (
                    "1234 N Elm St Apt 5B\nSpringfield, IL 62704-1234",
                    Part::Address
                )
            ]
        );
        assert_eq!(
            taken(r"bill to: 李秀英\n77 Oak Hollow Dr #204\nAustin, TX 78704"),
            [
                ("李秀英", Part::Name),
                (r"77 Oak Hollow Dr #204\nAustin, TX 78704", Part::Address)
            ]
        );
        assert_eq!(
            taken("HQ: 500 W Grand Ave, Suite 12, Portland, OR 97214."),
            [(
                "500 W Grand Ave, Suite 12, Portland, OR 97214",
                Part::Address
            )]
        );
    }

    #[test]
    fn uk_addresses_are_taken_whole_with_their_addressee() {
        assert_eq!(
            taken("Siti Nurhaliza binti Tarudin, Flat 3, 12 Albion Road, London N16 5AB"),
            [
                ("Siti Nurhaliza binti Tarudin", Part::Name),
                ("Flat 3, 12 Albion Road, London N16 5AB", Part::Address)
            ]
        );
        assert_eq!(
            taken("deliver: 7 Gloucester Crescent, Cardiff CF24 3AX"),
            [("7 Gloucester Crescent, Cardiff CF24 3AX", Part::Address)]
        );
    }

    #[test]
    fn the_gate_sees_every_postcode_position() {
        for text in [
            "IL 62704",
            "x N16 5AB",
            "London N16 5AB, UK",
            "at TX 78704-1234.",
            "GIR 0AA",
        ] {
            assert!(may_hold_a_postcode(text.as_bytes()), "{text}");
            let padded = format!("{}{text}", "-".repeat(13));
            assert!(may_hold_a_postcode(padded.as_bytes()), "{padded}");
        }
        // A postcode written without its space (`N165AB`) is not looked for.
        for text in [
            "zip 62704",
            "version 4.2.0",
            "",
            "5AB",
            "abc 12345678",
            "N165AB",
        ] {
            assert!(!may_hold_a_postcode(text.as_bytes()), "{text}");
        }
    }

    #[test]
    fn postcodes_streets_and_stores_alone_stay() {
        assert!(taken("Store #4411 Springfield, IL 62704").is_empty());
        assert!(taken("Tesco Express store 4242, N16 London").is_empty());
        assert!(taken("the office on Main St").is_empty());
        assert!(taken("fn parse_main_street(s: &str) // 1 Infinite Loop").is_empty());
        assert!(taken("zip 62704").is_empty());
        assert!(taken("version 4.2.0 build 7AB").is_empty());
        // An inward code with a letter Royal Mail never uses (`C`).
        assert!(taken("12 Albion Road, London N16 5CB").is_empty());
    }

    #[test]
    fn a_company_heads_its_address_but_is_no_person() {
        assert_eq!(
            taken("Acme Widgets Ltd, 40 Station Road, Leeds LS6 2AB"),
            [("40 Station Road, Leeds LS6 2AB", Part::Address)]
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_are_in_order(text in "\\PC{0,300}") {
            let spans = addresses(&text);
            for w in spans.windows(2) {
                proptest::prop_assert!(w[0].1 <= w[1].0);
            }
            for (s, e, _) in spans {
                proptest::prop_assert!(s < e && e <= text.len());
            }
        }
    }
}
