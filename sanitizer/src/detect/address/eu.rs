//! Continental European street addresses written out in text without a
//! label: a street part in a country's shape (`Hauptstraße 5`, `12 rue de
//! la Paix`, `Calle Mayor 15, 3º B`, `Via Roma 10`, `Keizersgracht 123`,
//! `ul. Marszałkowska 84/92`, `Storgatan 1`), then, a separator away, a
//! postcode in one of the European formats and a capitalised place
//! (`10115 Berlin`, `75002 Paris`, `1015 CJ Amsterdam`, `00-514
//! Warszawa`, `1000-001 Lisboa`, `114 55 Stockholm`, `00184 Roma RM`).
//!
//! Both halves are required: a street word alone (`Via Roma is closed`,
//! `Hauptstraße`), a number and a street word in a sentence (`la rue 5`),
//! and a postcode-shaped number before a capitalised word (`version 12345
//! Berlin build`) stay.
//!
//! The cost: a text is looked at only when a space follows a postcode's
//! digits and is followed by a capital ([`postcode_at`], checked in the
//! one pass over the spaces that [`super::gates`] makes); the pattern then
//! runs on a window around each such place alone.

use std::sync::LazyLock;

use regex::Regex;

/// A capital letter of a name in Latin script (ASCII, Latin-1 and
/// Latin Extended-A capitals: `Ł`, `Ś`, `Ž`).
const CAP: &str = r"[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁĽŃŇŐŘŚŠŤŰŹŻŽ]";

/// A character inside a word of a Latin-script name.
const CH: &str = r"[A-Za-zÀ-ÖØ-öø-ž'’]";

/// Street words written glued to the street's name (`Hauptstraße`,
/// `Keizersgracht`, `Storgatan`): German, Dutch and Nordic.
const GLUED: &str = r"(?i:stra(?:ß|ss)e|str\.|weg|gasse|allee|platz|ring|damm|ufer|chaussee|steig|pfad|markt|graben|straat|gracht|laan|plein|kade|singel|dijk|dreef|vej|gade|gatan|gata|vägen|väg|veien|vegen|gaten|torget|tie|katu|kuja)";

/// Street words written apart after the street's name (`Berliner
/// Straße`, `Karl Johans gate`).
const APART: &str = r"(?i:straße|strasse|str\.|weg|gasse|allee|platz|ring|damm|ufer|chaussee|markt|straat|laan|plein|kade|gate|gata|vej|vei|veien|gade|gatan|vägen|väg|tie|katu)";

/// French street words written after the house number (`12 rue ...`).
const FR_AFTER_NUMBER: &str = r"(?i:rue|avenue|av\.|boulevard|bd|chemin|impasse|place|allée|quai|route|cours|square|passage|faubourg|voie|sentier)";

/// Street words written before the street's name, the number after it
/// (Spain, Italy, Portugal, Belgium, Switzerland, Poland).
const BEFORE_NAME: &str = r"(?i:calle|c/|avenida|avda\.|av\.|plaza|pza\.|paseo|carrer|camino|ronda|travesía|via|viale|piazza|piazzale|corso|largo|vicolo|rua|praça|travessa|estrada|alameda|rue|avenue|boulevard|chemin|place|quai|ul\.|al\.|os\.|pl\.|ulica|aleja|osiedle|plac)";

/// Lowercase words inside a street's name (`rue de la Paix`, `Avenida de
/// los Andes`).
const PARTICLE: &str = r"(?:de|du|des|la|le|les|del|della|delle|dei|degli|di|da|do|dos|das|los|las|van|von|der|den|het|y|e|et|sur|aux|au)";

/// Units after the house number (`3º B`, `piso 2`, `bus 4`, `m. 5`).
const UNIT: &str = r"(?:,?\s*(?:[0-9]{1,2}\s?[ºª°](?:\s?[A-Za-z0-9]{1,3})?|(?i:piso|esc\.|escalera|int\.|interno|scala|bus|bte|boîte|apt\.?|app\.?|top|stiege|whg\.?|m\.|lok\.?)\s*[0-9A-Za-z]{1,4})){0,2}";

/// A postcode: 4 or 5 digits (DE, AT, CH, FR, ES, IT, BE, LU, DK, NO,
/// FI), `1234 AB` (NL), `00-514` (PL), `1000-001` (PT), `114 55` (SE, CZ,
/// SK), perhaps after a country letter (`D-10115`, `CH-8001`).
const POSTCODE: &str = r"(?:[A-Z]{1,2}-)?(?:[0-9]{4}\s?[A-Z]{2}|[0-9]{2}-[0-9]{3}|[0-9]{4}-[0-9]{3}|[0-9]{3}\s[0-9]{2}|[0-9]{4,5})";

/// Between the street part and the postcode: a comma, a line break (also
/// escaped), a `|`, a dash between spaces, or spaces.
const SEP: &str = r"(?:\s*(?:\\?,|\||\\n|\\r\\n)\s*|\s+[-–]\s+|\s+)";

/// The pattern of a whole address; see the module's documentation.
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    let word = format!(r"{CAP}{CH}*(?:-{CH}+)*");
    let name = format!(
        r"(?:{PARTICLE}\s+|(?i:d|l)['’])*{word}(?:\s+(?:{PARTICLE}\s+|(?i:d|l)['’])*{word}){{0,4}}"
    );
    let number = r"[0-9]{1,4}[A-Za-z]?(?:\s?[-/]\s?[0-9]{1,4}[A-Za-z]?)?";
    let start = r"(?:(?-u:\b)|\\[nrt])";
    let street = format!(
        "(?:{CAP}(?:{CH}|-)*{GLUED}|(?:{word}\\s){{1,2}}{APART})\\s*{number}\
         |{start}{number}(?:\\s?(?i:bis|ter))?,?\\s+{FR_AFTER_NUMBER}\\s+{name}\
         |{BEFORE_NAME}\\s*{name},?\\s+(?:(?i:n\\.?º|nº|n°|no\\.|núm\\.|nr\\.)\\s*)?{number}"
    );
    let article = r"(?:Le|La|Les|L['’]|Den|De|El|Los|Las|San|Santa|Sankt|St\.|Bad|Sint|São|Saint|Sainte|Santo|Port)\s";
    let link = r"(?:am|an der|an|im|in der|in|bei|ob|sur|en|de|del|di|sul|la|le)";
    let place = format!(
        r"(?:{article})?{CAP}{CH}+(?:-{CH}+)*(?:\s{link}\s{CAP}{CH}+(?:-{CH}+)*)?(?:\s\([A-Z]{{2}}\)|\s[A-Z]{{2}}(?-u:\b))?"
    );
    Regex::new(&format!(r"(?:{street}){UNIT}{SEP}{POSTCODE}\s+{place}")).expect("a valid pattern")
});

/// How far before a postcode its street part may start, in bytes.
const BEFORE: usize = 160;
/// How far after a postcode's digits its place may end, in bytes.
const AFTER: usize = 80;

/// Whether the space at `sp` of `bytes` follows a postcode's digits and
/// is followed by a capital (ASCII, or the lead byte of a Latin letter
/// written in two bytes): `10115 B`, `8001 Z`, `1015 C` of `1015 CJ`,
/// `00-514 W`, `1000-001 L`, `114 55 S`.
pub(super) fn postcode_at(bytes: &[u8], sp: usize) -> bool {
    let capital_next = bytes
        .get(sp + 1)
        .is_some_and(|&b| b.is_ascii_uppercase() || (0xc3..=0xc5).contains(&b));
    if !capital_next || sp == 0 || !bytes[sp - 1].is_ascii_digit() {
        return false;
    }
    let digits = bytes[..sp]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let start = sp - digits;
    let before = |k: usize| start.checked_sub(k).map(|i| bytes[i]);
    let run_before = |sep: u8, len: usize| {
        before(1) == Some(sep)
            && start > len
            && bytes[start - 1 - len..start - 1]
                .iter()
                .all(u8::is_ascii_digit)
    };
    // After a character that is no letter or digit, or an escaped line
    // break (`\n10115 Berlin`).
    let bounded = before(1).is_none_or(|b| !b.is_ascii_alphanumeric())
        || (matches!(before(1), Some(b'n' | b'r' | b't')) && before(2) == Some(b'\\'));
    bounded
        && match digits {
            4 | 5 => true,
            3 => run_before(b'-', 2) || run_before(b'-', 4),
            2 => run_before(b' ', 3),
            _ => false,
        }
}

/// The European addresses in `text`, looked for around each postcode
/// position (`at`, the space after its digits, as [`postcode_at`]
/// found), in order, not overlapping.
pub(super) fn addresses(text: &str, at: &[usize]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &sp in at {
        let (lo, hi) = window(text, sp);
        if out.last().is_some_and(|&(_, e)| e > sp) {
            continue;
        }
        for m in ADDRESS.find_iter(&text[lo..hi]) {
            let (start, end) = (lo + m.start(), lo + m.end());
            let start = if m.as_str().starts_with('\\') {
                start + 2
            } else {
                start
            };
            if !(start..end).contains(&sp) || !starts_a_word(text, start) {
                continue;
            }
            let Some(start) = past_an_article(text, start, end) else {
                continue;
            };
            if out.last().is_none_or(|&(_, e)| e <= start) {
                out.push((start, end));
            }
        }
    }
    out
}

/// The part of `text` an address around the postcode whose digits end at
/// `sp` may span: [`BEFORE`] bytes back, from the start of a word, and
/// [`AFTER`] bytes on, to the end of a word; on char boundaries.
fn window(text: &str, sp: usize) -> (usize, usize) {
    let mut lo = sp.saturating_sub(BEFORE);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    if lo > 0 {
        // Start at a word's start, not inside one.
        lo += text[lo..sp]
            .find(|c: char| c.is_whitespace() || c == ',')
            .unwrap_or(0);
    }
    let mut hi = sp.saturating_add(AFTER).min(text.len());
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    hi += text[hi..]
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(text.len() - hi);
    (lo, hi)
}

/// Whether `start` of `text` starts a word: after a character that is no
/// letter or digit, or after an escaped line break or tab (`\n`).
fn starts_a_word(text: &str, start: usize) -> bool {
    let head = &text[..start];
    head.chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
        || ["\\n", "\\r", "\\t"].iter().any(|e| head.ends_with(e))
}

/// Determiners that head a capitalised noun at a sentence's start (`Der
/// Platz 3, 5000 Besucher`), no street's name.
const DETERMINERS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "the",
    "le", "la", "les", "un", "une", "el", "los", "las", "il", "lo", "het", "een", "unser",
    "unsere", "dieser", "diese", "jeder",
];

/// Where an address matched at `start..end` starts once a determiner
/// heading it is left out (`Der Platz 3, ...`), or `None` when what is
/// left is a bare street word and its number, no street's name.
fn past_an_article(text: &str, start: usize, end: usize) -> Option<usize> {
    let span = &text[start..end];
    let first_end = span.find(char::is_whitespace)?;
    let first = span[..first_end].to_lowercase();
    if !DETERMINERS.contains(&first.as_str()) {
        return Some(start);
    }
    let rest = span[first_end..].trim_start();
    let word = rest
        .split(|c: char| c.is_whitespace() || c.is_ascii_digit())
        .next()
        .unwrap_or("");
    let bare = APART_WORDS.contains(&word.to_lowercase().as_str());
    (!bare).then_some(end - rest.len())
}

/// The street words of [`APART`], for [`past_an_article`].
const APART_WORDS: &[&str] = &[
    "straße", "strasse", "str.", "weg", "gasse", "allee", "platz", "ring", "damm", "ufer",
    "chaussee", "markt", "straat", "laan", "plein", "kade", "gate", "gata", "vej", "vei", "veien",
    "gade", "gatan", "vägen", "väg", "tie", "katu",
];

/// Phrases, after a comma, that give the birth of the person named before
/// them: `Hans Müller, born 12.04.1975`, `Anna Schmidt, geb. 01.02.1990`,
/// `Jean Dupont, né le 3 mars 1980`.
const BIRTH_CUES: &[&str] = &[
    ", born ",
    ", geb. ",
    ", geboren ",
    ", né le ",
    ", née le ",
    ", nato il ",
    ", nata il ",
    ", nacido el ",
    ", nacida el ",
    ", nascido em ",
    ", nascida em ",
    ", geboren op ",
    ", ur. ",
];

/// How far before an address its person's birth may be given, in bytes.
const BIRTH_BEFORE: usize = 160;

/// The name of the person whose birth is given on the address's line,
/// before its start at `start` (`Customer Hans Müller, born 12.04.1975,
/// lives at Hauptstraße 5, 10115 Berlin`): the words before the last
/// birth phrase ([`BIRTH_CUES`]) that read as a person's name
/// ([`crate::person::name_ending_at`]).
pub(super) fn born_before(text: &str, start: usize) -> Option<(usize, usize)> {
    let mut lo = start.saturating_sub(BIRTH_BEFORE);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let head = &text[lo..start];
    let line_at = head.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let head = &head[line_at..];
    let cue = BIRTH_CUES.iter().filter_map(|c| head.rfind(c)).max()?;
    crate::person::name_ending_at(text, lo + line_at + cue)
}

#[cfg(test)]
mod tests {
    use super::super::{Part, addresses as all};

    /// The spans `super::super::addresses` takes in `text`.
    fn taken(text: &str) -> Vec<(&str, Part)> {
        all(text)
            .into_iter()
            .map(|(s, e, p)| (&text[s..e], p))
            .collect()
    }

    /// The one address taken in `text`.
    #[track_caller]
    fn address(text: &str) -> &str {
        let spans = taken(text);
        let found: Vec<&str> = spans
            .iter()
            .filter(|(_, p)| *p == Part::Address)
            .map(|(s, _)| *s)
            .collect();
        assert_eq!(found.len(), 1, "{text:?}: {spans:?}");
        found[0]
    }

    #[test]
    fn each_country_shape_is_taken_whole() {
        for (text, want) in [
            (
                "lives at Hauptstraße 5, 10115 Berlin, IBAN",
                "Hauptstraße 5, 10115 Berlin",
            ),
            (
                "Lieferadresse: Lindenweg 44a, 81363 München",
                "Lindenweg 44a, 81363 München",
            ),
            (
                "Berliner Straße 12, D-10115 Berlin",
                "Berliner Straße 12, D-10115 Berlin",
            ),
            (
                "Mariahilfer Str. 3, 1060 Wien",
                "Mariahilfer Str. 3, 1060 Wien",
            ),
            (
                "Bahnhofstrasse 1, 8001 Zürich",
                "Bahnhofstrasse 1, 8001 Zürich",
            ),
            (
                "Envoyer à 12 rue de la Paix, 75002 Paris",
                "12 rue de la Paix, 75002 Paris",
            ),
            (
                "Rue de la Loi 16, 1040 Bruxelles",
                "Rue de la Loi 16, 1040 Bruxelles",
            ),
            (
                "Calle Mayor 15, 3º B, 28013 Madrid",
                "Calle Mayor 15, 3º B, 28013 Madrid",
            ),
            ("Via Roma 10, 00184 Roma RM", "Via Roma 10, 00184 Roma RM"),
            (
                "Piazza Navona 5 - 00186 Roma (RM)",
                "Piazza Navona 5 - 00186 Roma (RM)",
            ),
            (
                "Keizersgracht 123, 1015 CJ Amsterdam",
                "Keizersgracht 123, 1015 CJ Amsterdam",
            ),
            (
                "ul. Marszałkowska 84/92, 00-514 Warszawa",
                "ul. Marszałkowska 84/92, 00-514 Warszawa",
            ),
            (
                "Rua Augusta 100, 1100-053 Lisboa",
                "Rua Augusta 100, 1100-053 Lisboa",
            ),
            (
                "Storgatan 1, 114 55 Stockholm",
                "Storgatan 1, 114 55 Stockholm",
            ),
            (
                "Karl Johans gate 22, 0159 Oslo",
                "Karl Johans gate 22, 0159 Oslo",
            ),
            (
                "Nørrebrogade 12, 2200 København",
                "Nørrebrogade 12, 2200 København",
            ),
            (
                "Mannerheimintie 5, 00100 Helsinki",
                "Mannerheimintie 5, 00100 Helsinki",
            ),
            (
                "Frankfurter Allee 7, 60311 Frankfurt am Main.",
                "Frankfurter Allee 7, 60311 Frankfurt am Main",
            ),
        ] {
            assert_eq!(address(text), want, "{text:?}");
        }
    }

    #[test]
    fn line_breaks_raw_or_escaped_part_the_lines() {
        assert_eq!(
            address("Anna\nHauptstraße 5\n10115 Berlin"),
            "Hauptstraße 5\n10115 Berlin"
        );
        assert_eq!(
            address(r"to:\nHauptstraße 5\n10115 Berlin\nGermany"),
            r"Hauptstraße 5\n10115 Berlin"
        );
        assert_eq!(
            address(r"x\n12 rue de la Paix\n75002 Paris"),
            r"12 rue de la Paix\n75002 Paris"
        );
    }

    #[test]
    fn the_person_born_before_the_address_is_taken() {
        assert_eq!(
            taken("Customer Hans Müller, born 12.04.1975, lives at Hauptstraße 5, 10115 Berlin"),
            [
                ("Hans Müller", Part::Name),
                ("Hauptstraße 5, 10115 Berlin", Part::Address)
            ]
        );
        assert_eq!(
            taken("Jean Dupont, né le 3 mars 1980, 12 rue de la Paix, 75002 Paris")[0],
            ("Jean Dupont", Part::Name)
        );
        assert_eq!(
            taken("Anna Schmidt, geb. 01.02.1990, Hauptstraße 5, 10115 Berlin")[0],
            ("Anna Schmidt", Part::Name)
        );
        // The addressee heading the address.
        assert_eq!(
            taken("Zoë Ångström, Keizersgracht 123, 1015 CJ Amsterdam")[0],
            ("Zoë Ångström", Part::Name)
        );
        // A birth on another line, or no name before it, names nobody.
        assert_eq!(
            taken("Hans Müller, born 1975\nHauptstraße 5, 10115 Berlin").len(),
            1
        );
        assert_eq!(
            taken("born 12.04.1975, lives at Hauptstraße 5, 10115 Berlin").len(),
            1
        );
    }

    #[test]
    fn near_misses_stay() {
        for text in [
            "see section 5, 10115 rows",
            "Via Roma is closed",
            "Via Roma 10 is closed",
            "version 12345 Berlin build",
            "Hauptstraße",
            "Hauptstraße 5",
            "Je marche dans la rue 5 minutes, puis 75002 Paris",
            "la rue, 5 personnes, Paris",
            "né le 12.04.1975",
            "prices 5, 10115 EUR",
            "Er belegte Platz 3, 20 Punkte fehlten",
            "Der Platz 3, 5000 Besucher kamen",
            "total 12.04.1975 Berlin",
            "10115 Berlin",
            "Keizersgracht 123",
            "String 5, 2024 release",
            "Hauptstraße 5, 10115 rows",
            "Hauptstraße 5, 123456 Berlin",
        ] {
            assert!(taken(text).is_empty(), "{text:?}: {:?}", taken(text));
        }
    }

    #[test]
    fn the_gate_sees_each_postcode_shape() {
        use super::postcode_at;
        for (text, sp) in [
            ("10115 Berlin", 5),
            ("x 8001 Zürich", 6),
            ("1015 CJ", 4),
            ("a 00-514 Warszawa", 8),
            ("1000-001 Lisboa", 8),
            (r"x\n10115 Berlin", 8),
            ("114 55 Stockholm", 6),
            ("D-10115 Berlin", 7),
            ("75002 Évry", 5),
            ("00-514 Łódź", 6),
        ] {
            assert!(postcode_at(text.as_bytes(), sp), "{text:?}");
        }
        for (text, sp) in [
            ("10115 rows", 5),
            ("123 Main", 3),
            ("v12345 Berlin", 6),
            ("123456 Berlin", 6),
            ("12 Berlin", 2),
            ("1-514 W", 5),
            ("ab10115 Berlin", 7),
            ("", 0),
            (" ", 0),
        ] {
            assert!(!postcode_at(text.as_bytes(), sp), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_address_like_text(
            text in "([A-Za-zäöüßŁłéº ,/\\-\\\\n]|[0-9]{2,5}|straße |rue |Via |ul\\. | [0-9]{4} [A-Z]{2} ){0,40}"
        ) {
            let spans = all(&text);
            for w in spans.windows(2) {
                proptest::prop_assert!(w[0].1 <= w[1].0);
            }
            for (s, e, _) in spans {
                proptest::prop_assert!(s < e && e <= text.len());
                proptest::prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            }
        }
    }
}
