//! Personal values written in prose after their label and a verb: `her
//! full name is Ada Lovelace`, `my anschrift is Lindenweg 44, 81363
//! München`, `the patient's address was 12 Main St, Springfield`, `mi
//! fecha de nacimiento es 3 de mayo de 1990`.
//!
//! A value in prose has no closing delimiter, so it is read by what the
//! label says it is: a person's name is the run of capitalised words after
//! the verb ([`name_end`]); an address or a date is the clause up to the end
//! of the sentence (a full stop, a dash, a line's end) or up to a word that
//! starts another clause (`and`, `but`, `please`; [`clause_end`]). Either
//! is taken only when it reads as that field, so `the address is unknown`,
//! `my name is not important` and `my name is Ada Lovelace and I live in
//! ...` keep their words. Every read looks at most [`MAX_CLAUSE`] bytes
//! ahead, so a text costs time in proportion to its length however many
//! labels it holds.

use crate::person::{self, Field, PersonKey};

/// What a value written after a label and a verb must read as to be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reads {
    /// One credential-looking token: a secret, an identifier.
    Token,
    /// A short code (a PIN, a card's security code, a one-time code):
    /// three to eight digits are taken after a space too (`PIN 4921`,
    /// `cvv 123`), where a token must look like a credential.
    Code,
    /// A person's name.
    Name,
    /// A street address.
    Address,
    /// A date (of birth).
    Date,
    /// The value of a generic person field ([`person::field_in_prose`]):
    /// `patient`, `address`.
    Field(PersonKey),
}

/// The verbs (and their trailing space) between a label and its value in
/// prose: `my password is x`, `mi contraseña es x`, `mein Passwort ist x`,
/// `set the client secret to x`.
pub(crate) const VERBS: &[&str] = &[
    "is ", "was ", "= ", "to ", "es ", "est ", "ist ", "lautet ", "är ", "er ", "é ", "è ",
];

/// How far past a verb a personal value is read, in bytes.
pub(crate) const MAX_CLAUSE: usize = 200;

/// The personal value at `at` (just after a verb) that reads as `reads`:
/// its span, or `None` when what follows does not read as that field
/// (the sentence then stays as it is).
pub(crate) fn personal_value(text: &str, at: usize, reads: Reads) -> Option<(usize, usize)> {
    let name = || {
        let end = name_end(text, at);
        (end > at).then_some((at, end))
    };
    let clause = || {
        let end = clause_end(text, at);
        (end > at).then_some((at, end))
    };
    match reads {
        Reads::Token | Reads::Code => None,
        Reads::Name => name().filter(|&(s, e)| person::looks_like_a_name(&text[s..e])),
        Reads::Address => clause().filter(|&(s, e)| reads_as_address(&text[s..e])),
        Reads::Date => clause().filter(|&(s, e)| looks_like_a_date(&text[s..e])),
        Reads::Field(key) => name()
            .filter(|&(s, e)| person::field_in_prose(key, &text[s..e]) == Some(Field::Name))
            .or_else(|| {
                clause().filter(|&(s, e)| person::field_in_prose(key, &text[s..e]).is_some())
            }),
    }
}

/// Whether a clause after an address's own label reads as an address: it
/// starts as one does (a number, a capital, a street word such as `ul.`
/// or `rue`) and has the shape of a street address
/// ([`person::looks_like_an_address`]), or a number, a capitalised word
/// and a comma between parts (`Am Mühlbach 12, 80123 München`, whose
/// street has no street word).
fn reads_as_address(clause: &str) -> bool {
    person::starts_as_an_address(clause)
        && (person::looks_like_an_address(clause)
            || (clause.len() <= 160
                && clause.contains(", ")
                && clause.bytes().any(|b| b.is_ascii_digit())
                && clause.split([' ', ',']).any(|w| {
                    w.chars().next().is_some_and(char::is_uppercase) && w.chars().count() >= 3
                })))
}

/// The part of `text` from `at` that a value in prose may span: up to
/// [`MAX_CLAUSE`] bytes, and the end of the line.
fn sentence_window(text: &str, at: usize) -> &str {
    let mut end = at.saturating_add(MAX_CLAUSE).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[at..end].split(['\n', '\r']).next().unwrap_or("")
}

/// Words written in lowercase inside a person's name.
const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "da", "di", "la", "le", "del", "dos", "du", "bin", "al", "y",
];

/// Titles written with a full stop before a name (`Mrs. Olivia Dubois`).
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Mme", "Mlle", "Hr", "Fr", "Sr", "Sra", "Jr",
];

/// Where the name that starts at `at` ends: up to five words that start
/// with a capital (or are a particle such as `van`), single-spaced, on one
/// line. An initial or a title keeps its full stop (`Ada B. Lovelace`,
/// `Mrs. Dubois`), one comma may part a surname from given names
/// (`Nguyễn, Sakura`), and other punctuation, a lowercase word or the
/// pronoun `I` ends it. `at` when no such word starts there.
pub(crate) fn name_end(text: &str, at: usize) -> usize {
    let line = sentence_window(text, at);
    let (mut end, mut word_at, mut words, mut comma) = (at, at, 0, false);
    for word in line.split(' ') {
        let bare = word.trim_end_matches(['.', ',', ';', '!', '?', ':']);
        let Some(first) = bare.chars().next() else {
            break;
        };
        let particle = PARTICLES.contains(&bare);
        if words == 5
            || bare == "I"
            || !(first.is_uppercase() || person::caseless_letter(first) || particle)
        {
            break;
        }
        words += 1;
        let tail = &word[bare.len()..];
        let abbreviated = tail == "." && (bare.chars().count() == 1 || TITLES.contains(&bare));
        if !particle {
            end = word_at + if abbreviated { word.len() } else { bare.len() };
        }
        word_at += word.len() + 1;
        if tail.is_empty() || abbreviated {
            continue;
        }
        if tail == "," && !comma {
            comma = true;
            continue;
        }
        break;
    }
    end
}

/// Words that start another clause after a value in prose (`... 12 Main
/// St and I moved last year`), in the languages of [`VERBS`].
const CLAUSE_WORDS: &[&str] = &[
    "and", "but", "or", "so", "because", "since", "which", "who", "that", "if", "when", "while",
    "please", "thanks", "thank", "can", "could", "why", "how", "is", "was", "und", "aber", "oder",
    "weil", "bitte", "danke", "et", "mais", "merci", "pero", "porque", "gracias", "ma", "perché",
    "grazie", "mas", "obrigado", "maar",
];

/// Where the clause that starts at `at` ends, without its trailing
/// punctuation: at a line's end, `;`, `!`, `?`, a bracket or a quote, a
/// dash between spaces, a full stop that ends a sentence (not the one of
/// an abbreviated first word, `ul. Złota 12`, or of an initial, `N.`), a comma
/// before words of prose (`, please call`), or a word of
/// [`CLAUSE_WORDS`].
pub(crate) fn clause_end(text: &str, at: usize) -> usize {
    let line = sentence_window(text, at);
    let bytes = line.as_bytes();
    let mut end = line.len();
    for (i, &b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied();
        let stop = match b {
            b'\t' | b';' | b'!' | b'?' | b'(' | b')' | b'"' | b'|' | b'<' | b'>' | b'[' | b']'
            | b'{' | b'}' | b'`' => true,
            b'.' => matches!(next, None | Some(b' ')) && !abbreviation(line, i),
            b' ' => starts_clause(&line[i + 1..]),
            b',' => next == Some(b' ') && starts_prose(&line[i + 2..]),
            _ => false,
        };
        if stop {
            end = i;
            break;
        }
    }
    at + line[..end].trim_end_matches([' ', ',', '.']).len()
}

/// Whether the full stop at `dot` of `line` ends an abbreviation rather
/// than a sentence: the clause's first word of up to three letters
/// (`ul.`, `Av.`, `3.` of `3. Mai 1990`), or a single letter (an initial).
fn abbreviation(line: &str, dot: usize) -> bool {
    let start = line[..dot].rfind(' ').map_or(0, |s| s + 1);
    let word = &line[start..dot];
    let letters = word.chars().count();
    (start == 0 && (1..=3).contains(&letters))
        || (letters == 1 && word.chars().all(char::is_alphabetic))
}

/// Whether `rest` (after a space) starts a new clause: a dash and a space,
/// or one of [`CLAUSE_WORDS`] as a whole word.
fn starts_clause(rest: &str) -> bool {
    if ["- ", "– ", "— "].iter().any(|d| rest.starts_with(d)) {
        return true;
    }
    let word_end = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    let word = &rest[..word_end];
    CLAUSE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether the part after a comma is prose rather than more of an address
/// (`, please call me`): its first word starts in lowercase and holds no
/// digit (`, 3º B`, `, apt 4`'s number and `, 75001 Paris` go on).
fn starts_prose(rest: &str) -> bool {
    let part = rest.split(',').next().unwrap_or("");
    let lower_start = part.chars().next().is_some_and(char::is_lowercase);
    lower_start && !part.bytes().any(|b| b.is_ascii_digit())
}

/// Month names and their common abbreviations, in the languages of
/// [`VERBS`].
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "januar",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "janvier",
    "février",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "gennaio",
    "febbraio",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "settembre",
    "ottobre",
    "dicembre",
    "janeiro",
    "fevereiro",
    "março",
    "maio",
    "junho",
    "julho",
    "setembro",
    "outubro",
    "dezembro",
    "januari",
    "februari",
    "maart",
    "mei",
    "augustus",
    // Scandinavian, Finnish (with the case ending of a date), Hungarian,
    // Turkish.
    "augusti",
    "maj",
    "desember",
    "marts",
    "tammikuuta",
    "helmikuuta",
    "maaliskuuta",
    "huhtikuuta",
    "toukokuuta",
    "kesäkuuta",
    "heinäkuuta",
    "elokuuta",
    "syyskuuta",
    "lokakuuta",
    "marraskuuta",
    "joulukuuta",
    "január",
    "február",
    "március",
    "április",
    "május",
    "június",
    "július",
    "augusztus",
    "szeptember",
    "október",
    "ocak",
    "şubat",
    "mart",
    "nisan",
    "mayıs",
    "haziran",
    "temmuz",
    "ağustos",
    "eylül",
    "ekim",
    "kasım",
    "aralık",
    // Polish and Czech, in the genitive a date uses.
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
    "ledna",
    "února",
    "března",
    "dubna",
    "května",
    "června",
    "července",
    "srpna",
    "září",
    "října",
    "listopadu",
    "prosince",
    // Russian and Ukrainian, in the genitive a date uses and as named.
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
];

/// Words that say a person was born, written right before the date
/// (`Ada Lovelace, born 10 December 1815`, `Jan Kowalski (ur. 3 marca
/// 1975)`, `geboren am 3. März 1975`): the name before them is whose
/// birth it is.
pub(crate) const BORN: &[&str] = &[
    "born",
    "geboren",
    "ur",
    "urodzony",
    "urodzona",
    "nacido",
    "nacida",
    "nascido",
    "nascida",
    "född",
    "født",
    "родился",
    "родилась",
    "народився",
    "народилася",
    "syntynyt",
    "született",
    "doğumlu",
    "narozen",
    "narozena",
];

/// Words a written date holds besides its numbers and month (`3 de mayo
/// de 1990`, `the 3rd of May 1990`).
const DATE_FILLERS: &[&str] = &[
    "de", "del", "of", "the", "di", "im", "le", "el", "den", "г", "r", "року", "roku", "évi",
];

/// Whether `s` reads as a date: numbers, month names and the words
/// between them, with a year (`21 August 1961`, `3 de mayo de 1990`,
/// `1990年5月3日`) or three groups of digits (`03.05.90`).
pub(crate) fn looks_like_a_date(s: &str) -> bool {
    if s.len() > 40 {
        return false;
    }
    let (mut year, mut groups) = (false, 0);
    for word in s.split([' ', ',']).filter(|w| !w.is_empty()) {
        let lower = word.trim_end_matches('.').to_lowercase();
        if lower.bytes().any(|b| b.is_ascii_digit()) {
            let number = ["st", "nd", "rd", "th", "er", "º", "ª"]
                .iter()
                .find_map(|suffix| lower.strip_suffix(suffix))
                .unwrap_or(&lower);
            for group in number.split(['.', '/', '-', '年', '月', '日']) {
                if group.is_empty() {
                    continue;
                }
                if !group.bytes().all(|b| b.is_ascii_digit()) {
                    return false;
                }
                groups += 1;
                year |= group.len() == 4 && (group.starts_with("19") || group.starts_with("20"));
            }
        } else if !(DATE_FILLERS.contains(&lower.as_str())
            || (lower.chars().count() >= 3 && MONTHS.iter().any(|m| m.starts_with(&lower))))
        {
            return false;
        }
    }
    year || groups >= 3
}

/// Words that state a personal fact about someone named next to them: a
/// salary (`José Álvarez earns 84,000 EUR`, `salary of Zoë Smith`), a
/// prescription (`Rx for Zoë Smith: ...`), a fact of a special category
/// (`Zoë Smith converted to ...`, `... convicted`) or a diagnosis (`Zoë
/// Smith was diagnosed with ...`), in several languages.
/// The name is taken ([`name_by_fact`]); the fact stays, since without the
/// name it is nobody's.
pub(crate) const FACT_CUES: &[&str] = &[
    // Salaries.
    "salary",
    "salaries",
    "earns",
    "earned",
    "wage",
    "compensation",
    "remuneration",
    "base pay",
    "annual pay",
    "gehalt",
    "verdient",
    "salaire",
    "gagne",
    "salario",
    "sueldo",
    "stipendio",
    "retribuzione",
    "salário",
    "salaris",
    "lön",
    "lønn",
    "wynagrodzenie",
    "maaş",
    "年収",
    "給与",
    "工资",
    "薪资",
    "薪水",
    "연봉",
    "वेतन",
    "راتب",
    // Prescriptions and special categories of data (religion, criminal
    // record, health, union membership).
    "rx",
    "prescribed",
    "prescription",
    "converted",
    "convicted",
    "conviction",
    "pregnant",
    "pregnancy",
    "hiv",
    "union member",
    // Diagnoses.
    "diagnosed",
    "diagnosis",
    "diagnóstico",
    "diagnostiziert",
    "diagnostiqué",
    "diagnostique",
    "诊断",
    "診断",
    "تشخيص",
];

/// Words between a name and the fact after it (`José Álvarez — base
/// salary`, `Zoë Smith was diagnosed`, `Ada's annual salary`).
const FACT_FILLERS: &[&str] = &[
    "a", "an", "annual", "base", "been", "current", "gross", "had", "has", "her", "his", "is",
    "monthly", "net", "new", "now", "their", "total", "was", "yearly",
];

/// Words between a fact and the name after it (`salary of Zoë Smith`,
/// `diagnosis for ...`, `Gehalt von ...`).
const FACT_LINKS: &[&str] = &[
    "de", "del", "di", "for", "für", "fuer", "of", "para", "per", "pour", "von",
];

/// The name of the person a fact is stated about, next to the cue word at
/// `cue_start..cue_end` ([`FACT_CUES`]): the name right before it (a few
/// filler words, a dash, a colon or `'s` between them), or right after
/// it and a linking word (`of`, `for`, `von`). Read on the cue's line, at
/// most [`MAX_CLAUSE`] bytes away, and taken only when it reads as a
/// person's name ([`person::reads_as_a_name`]).
pub(crate) fn name_by_fact(text: &str, cue_start: usize, cue_end: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    // A cue is a word of its own (`earns`, not `learns`), or starts one.
    let glued_before = text[..cue_start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    if glued_before && text[cue_start..cue_end].is_ascii() {
        return None;
    }
    name_before(text, cue_start).or_else(|| {
        let mut at = cue_end;
        while at < bytes.len() && (bytes[at] as char).is_ascii_alphabetic() {
            at += 1;
        }
        name_after_link(text, at)
    })
}

/// The person's name written with the email address at `start..end`: a
/// mailbox's display name (`Jane Doe <jane@x.org>`, `"Jane Doe"
/// <jane@x.org>`), or a name right before the address whose local part
/// holds one of its words (`Camille Dubois, camille.dubois@x.fr`, `Sam
/// O'Connor (sam.oconnor@x.ie)`). Taken only when it reads as a person's
/// name ([`person::reads_as_a_name`]: `GitHub <noreply@github.com>`,
/// `Support Team <help@x.com>` are not).
pub(crate) fn name_with_email(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let before = &text[..start];
    let mailbox = before.ends_with('<');
    let head =
        before.trim_end_matches([' ', '\t', '<', '(', '[', '"', '\'', '*', '_', ',', ':', '-']);
    if before.len() - head.len() > 6 || head.is_empty() {
        return None;
    }
    let (ns, ne) = person::name_ending_at(text, head.len())?;
    if mailbox {
        return Some((ns, ne));
    }
    let local: String = text[start..end]
        .split('@')
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    text[ns..ne]
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphabetic())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .any(|w| w.chars().count() >= 3 && local.contains(&w))
        .then_some((ns, ne))
}

/// The name that ends before `at`, past the fillers.
pub(crate) fn name_before(text: &str, at: usize) -> Option<(usize, usize)> {
    let mut lo = at.saturating_sub(MAX_CLAUSE);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let line_start = text[lo..at].rfind(['\n', '\r']).map_or(lo, |i| lo + i + 1);
    let line = &text[line_start..at];
    let mut end = line.len();
    // Skip the punctuation and fillers between the name and the cue.
    let mut fillers = 0;
    loop {
        let head = line[..end].trim_end_matches([' ', '\t', '—', '–', '-', ':', ',', '(']);
        let head = head
            .strip_suffix("'s")
            .or_else(|| head.strip_suffix("’s"))
            .unwrap_or(head);
        let word_at = head.rfind([' ', '\t']).map_or(0, |i| i + 1);
        let word = &head[word_at..];
        if fillers < 4 && FACT_FILLERS.contains(&word.to_lowercase().as_str()) {
            fillers += 1;
            end = word_at;
            continue;
        }
        end = head.len();
        break;
    }
    person::name_ending_at(text, line_start + end)
}

/// The name after a linking word at `at` (`of Zoë Smith`).
fn name_after_link(text: &str, at: usize) -> Option<(usize, usize)> {
    let rest = &text[at..];
    let rest_trimmed = rest.trim_start_matches([' ', ':']);
    let link_end = rest_trimmed.find(' ')?;
    if !FACT_LINKS.contains(&rest_trimmed[..link_end].to_lowercase().as_str()) {
        return None;
    }
    let start = at + (rest.len() - rest_trimmed.len()) + link_end + 1;
    let end = name_end(text, start);
    (end > start && person::reads_as_a_name(&text[start..end])).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn read(text: &str, reads: Reads) -> Option<&str> {
        personal_value(text, 0, reads).map(|(s, e)| &text[s..e])
    }

    #[test]
    fn names_are_read_to_their_last_capitalised_word() {
        assert_eq!(
            read("Ada Lovelace and I live", Reads::Name),
            Some("Ada Lovelace")
        );
        assert_eq!(read("Zoë Dubois - why?", Reads::Name), Some("Zoë Dubois"));
        assert_eq!(read("Nguyễn, Sakura.", Reads::Name), Some("Nguyễn, Sakura"));
        assert_eq!(
            read("Ada B. Lovelace, thanks", Reads::Name),
            Some("Ada B. Lovelace")
        );
        assert_eq!(
            read("Ada Lovelace I think", Reads::Name),
            Some("Ada Lovelace")
        );
        assert_eq!(
            read("Ludwig van Beethoven", Reads::Name),
            Some("Ludwig van Beethoven")
        );
        assert_eq!(read("Ada de", Reads::Name), None);
        assert_eq!(read("not important", Reads::Name), None);
        assert_eq!(read("Ada", Reads::Name), None);
    }

    #[test]
    fn addresses_are_read_to_the_end_of_their_clause() {
        assert_eq!(
            read("Lindenweg 44, 81363 München - why", Reads::Address),
            Some("Lindenweg 44, 81363 München")
        );
        assert_eq!(
            read("ul. Złota 12/3, 00-123 Warszawa. Thanks", Reads::Address),
            Some("ul. Złota 12/3, 00-123 Warszawa")
        );
        assert_eq!(
            read("12 Main St, Springfield, please update it", Reads::Address),
            Some("12 Main St, Springfield")
        );
        assert_eq!(
            read(
                "Calle Mayor 12, 3º B, 28001 Madrid and more",
                Reads::Address
            ),
            Some("Calle Mayor 12, 3º B, 28001 Madrid")
        );
        assert_eq!(
            read("Am Mühlbach 12, 80123 München", Reads::Address),
            Some("Am Mühlbach 12, 80123 München")
        );
        assert_eq!(
            read("8886 N. Cedar Ave Apt 2. Thanks", Reads::Address),
            Some("8886 N. Cedar Ave Apt 2")
        );
        assert_eq!(read("unknown", Reads::Address), None);
        assert_eq!(read("the office on floor 3", Reads::Address), None);
        assert_eq!(read("on file since 2019", Reads::Address), None);
    }

    #[test]
    fn dates_need_a_year_or_three_numbers() {
        assert!(looks_like_a_date("21 August 1961"));
        assert!(looks_like_a_date("3 de mayo de 1990"));
        assert!(looks_like_a_date("1990年5月3日"));
        assert!(looks_like_a_date("03.05.90"));
        assert!(looks_like_a_date("the 3rd of Sept. 1990"));
        assert!(looks_like_a_date("3. Mai 1990"));
        assert!(!looks_like_a_date("3 days ago"));
        assert!(!looks_like_a_date("21 August"));
        assert!(!looks_like_a_date("unknown"));
        assert_eq!(read("3. Mai 1990. Danke", Reads::Date), Some("3. Mai 1990"));
        assert_eq!(
            read("21 August 1961 and", Reads::Date),
            Some("21 August 1961")
        );
    }

    proptest::proptest! {
        /// Any text, read as any field from any character: no panic, and a
        /// span on character boundaries within the window after `at`.
        #[test]
        fn reads_never_panic_and_stay_in_their_window(
            text in "[A-Za-z0-9 ,.;:!?'\"()\n\t-]{0,64}|\\PC{0,64}",
            at in 0usize..80,
            which in 0usize..4,
        ) {
            let at = (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let reads = [Reads::Name, Reads::Address, Reads::Date, Reads::Token][which];
            if let Some((s, e)) = personal_value(&text, at, reads) {
                proptest::prop_assert!(s == at && at < e && e <= at + MAX_CLAUSE);
                proptest::prop_assert!(text.is_char_boundary(e));
            }
            let (n, c) = (name_end(&text, at), clause_end(&text, at));
            proptest::prop_assert!(n >= at && c >= at && text.is_char_boundary(n) && text.is_char_boundary(c));
        }
    }

    proptest::proptest! {
        /// Any text with a cue word anywhere in it: no panic, and a name
        /// on character boundaries that does not overlap the cue.
        #[test]
        fn names_by_a_fact_never_panic(
            before in "[A-Za-zÀ-ÿ李秀英 ,.:'\n\t—-]{0,40}|\\PC{0,40}",
            cue in 0usize..FACT_CUES.len(),
            after in "[A-Za-zÀ-ÿ ,.:'\n-]{0,40}|\\PC{0,40}",
        ) {
            let text = format!("{before}{}{after}", FACT_CUES[cue]);
            let (cs, ce) = (before.len(), before.len() + FACT_CUES[cue].len());
            if let Some((s, e)) = name_by_fact(&text, cs, ce) {
                proptest::prop_assert!(s < e && e <= text.len());
                proptest::prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
                proptest::prop_assert!(e <= cs || s >= ce);
            }
        }
    }

    #[test]
    fn names_are_read_next_to_a_salary_or_a_diagnosis() {
        let by_fact = |text: &str| {
            let lower = text.to_lowercase();
            let (cs, cue) = FACT_CUES
                .iter()
                .filter_map(|c| lower.find(c).map(|i| (i, *c)))
                .min()?;
            name_by_fact(text, cs, cs + cue.len()).map(|(s, e)| text[s..e].to_owned())
        };
        assert_eq!(
            by_fact("José Álvarez earns 84,000 EUR").as_deref(),
            Some("José Álvarez")
        );
        assert_eq!(
            by_fact("Ada Lovelace's annual salary is 90k").as_deref(),
            Some("Ada Lovelace")
        );
        // One Latin word is too often no name (`Ada's`, `Alice's`: kept).
        assert_eq!(by_fact("Ada's annual salary is 90k"), None);
        assert_eq!(
            by_fact("raised the salary of Priya Venkataraman").as_deref(),
            Some("Priya Venkataraman")
        );
        assert_eq!(
            by_fact("山田 花子 — 年収 800万円").as_deref(),
            Some("山田 花子")
        );
        assert_eq!(by_fact("Senior Engineer — base salary €90,000"), None);
        assert_eq!(by_fact("she learns fast"), None);
        assert_eq!(by_fact("the salary of an intern"), None);
    }

    #[test]
    fn reads_stop_within_their_window() {
        let long = format!("Ada {}", "Lovelace".repeat(100));
        assert!(name_end(&long, 0) <= MAX_CLAUSE);
        let long = format!("12 Main St{}", " x".repeat(500));
        assert!(clause_end(&long, 0) <= MAX_CLAUSE);
        assert_eq!(read(&long, Reads::Address), None);
    }
}
