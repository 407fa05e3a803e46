//! Records that say what a field holds by where it stands, not by a name
//! next to it, read by their layout:
//!
//! - DICOM tag dumps (`dcmdump`, pydicom): `(0010,0010) PN [Doe^John]`,
//!   the patient module's tags (group `0010`: name, id, birth date,
//!   address, phone, other names and ids);
//! - NACHA (ACH) entry detail records: the 94-column type `6` line holds
//!   the receiver's account number, id number and name at fixed columns;
//! - IATA bar-coded boarding passes (BCBP, `M1DOE/JOHN ...`): the
//!   passenger's name and the booking reference;
//! - ISO 20022 payment messages (`pain.001`, `pacs.008`, `camt`): the
//!   `<Nm>` of a creditor or debtor party.
//!
//! As for HL7 ([`super::hl7`]), each position is given the name of the key
//! that would hold it in JSON (`patient_name`, `account_number`), and the
//! key rule that name finds takes it, so custom rule sets apply. Each
//! layout is looked for only when a cheap test finds its mark
//! ([`mentions`]).

use aho_corasick::{AhoCorasick, MatchKind};

use super::table::Cell;
use crate::keys::KeyRules;

/// The layouts a text may hold, as one pass over its bytes found.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Mentions {
    dicom: bool,
    nacha: bool,
    /// A NACHA file header: its records may be joined into one line.
    nacha_file: bool,
    bcbp: bool,
    party: bool,
    /// Not a record: an `eyJ` or `eyI`, which base64 of a JSON object
    /// starts with ([`super::blocks`]), noted in the same pass.
    pub(super) json_base64: bool,
    /// Not a record: a `:: `, which an LDIF attribute's base64 value
    /// follows ([`super::blocks`]).
    pub(super) ldif: bool,
}

impl Mentions {
    pub(super) fn any(self) -> bool {
        self.dicom || self.nacha || self.nacha_file || self.bcbp || self.party
    }
}

/// The marks of the layouts: a DICOM patient tag, an ISO 20022 name, the
/// start of base64 of a JSON object, a line starting with `6` (a NACHA
/// entry), an LDIF base64 value.
static MARKERS: std::sync::LazyLock<Option<AhoCorasick>> = std::sync::LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(["(0010,", "<Nm>", "eyJ", "eyI", "\n6", ":: "])
        .ok()
});

/// The shortest text a NACHA file header and an entry record fit in, with
/// room for lines shortened by trailing spaces.
const MIN_NACHA_FILE: usize = 150;

/// What a NACHA file header holds at columns 35 to 40: the record size
/// (`094`), the blocking factor (`10`) and the format code (`1`).
const NACHA_HEADER: &str = "094101";

/// Which layouts `text` may hold, by one literal search for their marks
/// ([`MARKERS`]); a boarding pass is looked for (by its `M`) in any text
/// long enough to hold one.
pub(super) fn mentions(text: &str) -> Mentions {
    let mut m = Mentions::default();
    if text.len() < 16 {
        return m;
    }
    m.bcbp = text.len() >= 58;
    m.nacha = text.starts_with('6');
    // A file's header and an entry: looked for in a text long enough to
    // hold both, apart from the marks (whose search its digits would slow).
    m.nacha_file = text.len() >= MIN_NACHA_FILE && text.contains(NACHA_HEADER);
    if let Some(markers) = MARKERS.as_ref() {
        for found in markers.find_iter(text) {
            match found.pattern().as_usize() {
                0 => m.dicom = true,
                1 => m.party = true,
                2 | 3 => m.json_base64 = true,
                5 => m.ldif = true,
                _ => m.nacha = true,
            }
        }
    }
    m
}

/// The values of `text`'s records that a key rule takes, in order of the
/// layouts.
pub(super) fn sensitive_fields(
    text: &str,
    mentions: Mentions,
    rules: &KeyRules,
    scratch: &mut String,
) -> Vec<Cell> {
    let mut spans: Vec<(usize, usize, &'static str)> = Vec::new();
    if mentions.dicom {
        dicom(text, &mut spans);
    }
    if mentions.nacha || mentions.nacha_file {
        nacha(text, mentions.nacha_file, &mut spans);
    }
    if mentions.bcbp {
        bcbp(text, &mut spans);
    }
    if mentions.party {
        parties(text, &mut spans);
    }
    spans
        .into_iter()
        .filter_map(|(start, end, name)| {
            let m = rules.lookup(name, scratch)?;
            Some(Cell {
                start,
                end,
                rule: m.rule,
            })
        })
        .collect()
}

/// The key name each tag of the patient module (group `0010`) stands for.
const DICOM_TAGS: &[(&str, &str)] = &[
    ("0010", "patient_name"),
    ("0020", "patient_id"),
    ("0030", "date_of_birth"),
    ("0050", "insurance_id"),
    ("1000", "patient_id"),
    ("1001", "patient_name"),
    ("1005", "birth_name"),
    ("1040", "street_address"),
    ("1060", "maiden_name"),
    ("2154", "phone"),
];

/// `(0010,eeee) VR [value]` (dcmdump) or `(0010, eeee) Description VR:
/// 'value'` (pydicom), each up to the end of its line or the next tag.
fn dicom(text: &str, spans: &mut Vec<(usize, usize, &'static str)>) {
    let mut from = 0;
    while let Some(found) = text[from..].find("(0010,") {
        let tag = from + found;
        from = tag + 6;
        let rest = text[from..].trim_start();
        let Some(&(_, name)) = DICOM_TAGS.iter().find(|(e, _)| {
            rest.len() > 5
                && rest.get(..4).is_some_and(|t| t.eq_ignore_ascii_case(e))
                && rest.as_bytes()[4] == b')'
        }) else {
            continue;
        };
        let after = text.len() - rest.len() + 5;
        // The field ends at the line's end or where the next tag starts.
        let mut end = text[after..].find('\n').map_or(text.len(), |n| after + n);
        if let Some(next) = text[after..end].find("(0") {
            end = after + next;
        }
        let tail = &text[after..end];
        let (open, close) = match (tail.find('['), tail.find(": '"), tail.find(": \"")) {
            (Some(o), _, _) => (o + 1, ']'),
            (None, Some(o), _) => (o + 3, '\''),
            (None, None, Some(o)) => (o + 3, '"'),
            _ => continue,
        };
        let Some(len) = tail[open..].find(close) else {
            continue;
        };
        if len > 0 {
            spans.push((after + open, after + open + len, name));
        }
    }
}

/// ABA routing number check (weights 3, 7, 1).
fn aba_valid(digits: &[u8]) -> bool {
    digits.len() == 9
        && digits.iter().all(u8::is_ascii_digit)
        && digits
            .iter()
            .zip([3u32, 7, 1, 3, 7, 1, 3, 7, 1])
            .map(|(d, w)| u32::from(d - b'0') * w)
            .sum::<u32>()
            % 10
            == 0
}

/// NACHA entry detail records: `6`, a transaction code, the receiving
/// bank's routing number (its check digit holding), then the account
/// number (columns 13-29), amount, id number (40-54) and name (55-76);
/// at the start of a line (or after a space, in a file whose lines were
/// joined with spaces, when a line of it still starts a line). In a text
/// that holds a file header (`joined`), records are also looked for
/// where the lines were joined with nothing between them: every 94
/// characters from the header, and after any separator.
fn nacha(text: &str, joined: bool, spans: &mut Vec<(usize, usize, &'static str)>) {
    let b = text.as_bytes();
    // Where the 94-column records of each file header start.
    let mut strides: Vec<usize> = Vec::new();
    if joined {
        let mut from = 0;
        while let Some(found) = text[from..].find(NACHA_HEADER) {
            let at = from + found;
            from = at + NACHA_HEADER.len();
            if let Some(h) = at.checked_sub(34)
                && b.get(h..h + 3) == Some(b"101")
            {
                strides.push(h);
            }
        }
    }
    let at_stride = |i: usize| strides.iter().any(|&h| i > h && (i - h) % 94 == 0);
    for start in 0..b.len() {
        if b[start] != b'6' {
            continue;
        }
        let before = start.checked_sub(1).map(|k| b[k]);
        let after_line = matches!(before, None | Some(b'\n' | b' '));
        // A line break escaped in a string that is no document of its own
        // (`\n`, in a script's state) also starts a record.
        let escaped_break = start >= 2 && &b[start - 2..start] == b"\\n";
        let after_any = joined
            && (matches!(before, Some(b'\r' | b'\t' | b'"' | b'\'' | b'=')) || escaped_break);
        if !(after_line || after_any || joined && at_stride(start)) {
            continue;
        }
        let Some(rec) = b.get(start..start + 76) else {
            break;
        };
        if !rec[1..3].iter().all(u8::is_ascii_digit)
            || !aba_valid(&rec[3..12])
            || !rec[29..39].iter().all(u8::is_ascii_digit)
        {
            continue;
        }
        for (from, to, name) in [
            (12, 29, "account_number"),
            (39, 54, "id_number"),
            (54, 76, "customer_name"),
        ] {
            let Some(field) = text.get(start + from..start + to) else {
                continue;
            };
            let value = field.trim();
            if !value.is_empty() {
                let lead = field.len() - field.trim_start().len();
                spans.push((start + from + lead, start + from + lead + value.len(), name));
            }
        }
    }
}

/// Boarding passes: `M` and the number of legs, the name (20 columns,
/// `SURNAME/GIVEN`), the e-ticket indicator, the booking reference (7),
/// two airports, the carrier, the flight number and the day of the year.
fn bcbp(text: &str, spans: &mut Vec<(usize, usize, &'static str)>) {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(found) = text[from..].find('M') {
        let i = from + found;
        from = i + 1;
        if !matches!(b.get(i + 1), Some(b'1'..=b'4')) || (i > 0 && b[i - 1].is_ascii_alphanumeric())
        {
            continue;
        }
        let Some(rec) = b.get(i..i + 58) else {
            break;
        };
        let name = &rec[2..22];
        let upper = |r: &[u8]| r.iter().all(u8::is_ascii_uppercase);
        let ok = name.contains(&b'/')
            && name[0].is_ascii_uppercase()
            && name
                .iter()
                .all(|c| c.is_ascii_uppercase() || b"/ -'.".contains(c))
            && matches!(rec[22], b'E' | b' ')
            && rec[23..30]
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || *c == b' ')
            && upper(&rec[30..33])
            && upper(&rec[33..36])
            && rec[44..47].iter().all(u8::is_ascii_digit);
        if !ok {
            continue;
        }
        let name_len = name.trim_ascii_end().len();
        spans.push((i + 2, i + 2 + name_len, "passenger_name"));
        let pnr = rec[23..30].trim_ascii_end().len();
        if pnr > 0 {
            spans.push((i + 23, i + 23 + pnr, "booking_reference"));
        }
        from = i + 58;
    }
}

/// The party elements of ISO 20022 whose `<Nm>` names a person.
const PARTIES: &[&str] = &["<Cdtr>", "<Dbtr>", "<UltmtCdtr>", "<UltmtDbtr>"];

/// `<Cdtr><Nm>Jane Doe</Nm>`: the name of a creditor or debtor.
fn parties(text: &str, spans: &mut Vec<(usize, usize, &'static str)>) {
    let mut from = 0;
    while let Some(found) = text[from..].find("<Nm>") {
        let open = from + found;
        from = open + 4;
        let before = text[..open].trim_end();
        if !PARTIES.iter().any(|p| before.ends_with(p)) {
            continue;
        }
        let Some(len) = text[from..].find("</Nm>") else {
            break;
        };
        if len > 0 && len <= 140 {
            spans.push((from, from + len, "customer_name"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, &'static str)> {
        let mut spans = Vec::new();
        let m = mentions(text);
        if m.dicom {
            dicom(text, &mut spans);
        }
        if m.nacha || m.nacha_file {
            nacha(text, m.nacha_file, &mut spans);
        }
        if m.bcbp {
            bcbp(text, &mut spans);
        }
        if m.party {
            parties(text, &mut spans);
        }
        spans
            .into_iter()
            .map(|(s, e, n)| (&text[s..e], n))
            .collect()
    }

    #[test]
    fn dicom_patient_tags_in_both_dump_styles() {
        let dump = "(0008,0060) CS [MR]                # Modality\n\
                    (0010,0010) PN [Doe^Jane^M]       # PatientName\n\
                    (0010,0030) DA [19840712]         # PatientBirthDate\n\
                    (0020,000d) UI [1.2.840.1]        # StudyInstanceUID\n\
                    (0010, 1040) Patient's Address    LO: 'ul. Długa 17/4'\n";
        assert_eq!(
            found(dump),
            [
                ("Doe^Jane^M", "patient_name"),
                ("19840712", "date_of_birth"),
                ("ul. Długa 17/4", "street_address"),
            ]
        );
    }

    #[test]
    fn nacha_entries_by_column_when_the_routing_number_checks() {
        let entry = "622021000021123456789        0000125000EMP4711        DOE JANE                0021000020000001";
        assert_eq!(
            found(&format!("101 header\n{entry}\n")),
            [
                ("123456789", "account_number"),
                ("EMP4711", "id_number"),
                ("DOE JANE", "customer_name"),
            ]
        );
        let bad = entry.replacen("021000021", "021000022", 1);
        assert!(found(&format!("x\n{bad}\n")).is_empty());
    }

    /// A NACHA file: a header, a batch header and `entry`, each of 94
    /// columns.
    fn nacha_file(entry: &str, sep: &str) -> String {
        let header = format!(
            "{:<94}",
            "101 021000021 1234567892411070830A094101ACME BANK              ACME PAYROLL INC"
        );
        let batch = format!(
            "{:<94}",
            "5220ACME PAYROLL INC                    1234567892PPDPAYROLL         241108   1021000020000001"
        );
        format!("{header}{sep}{batch}{sep}{entry}{sep}{:<94}", "9000001")
    }

    #[test]
    fn regression_nacha_records_are_found_in_a_file_joined_into_one_line() {
        let entry = "622021000021123456789        0000125000EMP4711        DOE JANE                0021000020000001";
        assert_eq!(entry.len(), 94);
        let expected = [
            ("123456789", "account_number"),
            ("EMP4711", "id_number"),
            ("DOE JANE", "customer_name"),
        ];
        // Joined with nothing between the records, with spaces, CRLF, an
        // escaped line break.
        for sep in ["", " ", "\r\n", "\\n"] {
            assert_eq!(found(&nacha_file(entry, sep)), expected, "{sep:?}");
            assert_eq!(
                found(&format!("ach=\"{}\"", nacha_file(entry, sep))),
                expected
            );
        }
        // Without a file header, a `6` glued to other text is no record;
        // nor is an entry whose routing number fails its check.
        assert!(found(&format!("x{entry}")).is_empty());
        let bad = entry.replacen("021000021", "021000022", 1);
        assert!(found(&nacha_file(&bad, "")).is_empty());
    }

    #[test]
    fn boarding_passes_and_payment_parties() {
        let pass = format!(
            "scan: M1{:<20}E{:<7}WAWFRALH 1347 187Y023C0042 147>5180",
            "DOE/JANE MRS", "X7K2QP"
        );
        assert_eq!(
            found(&pass),
            [
                ("DOE/JANE MRS", "passenger_name"),
                ("X7K2QP", "booking_reference")
            ]
        );
        assert!(found("the M1 chip is fast, and the M2 too, said everyone here").is_empty());
        let xml = "<Cdtr>\n  <Nm>Jane Doe</Nm></Cdtr><CdtrAgt><FinInstnId><Nm>Big Bank</Nm>";
        assert_eq!(found(xml), [("Jane Doe", "customer_name")]);
    }

    proptest::proptest! {
        /// Records never panic and their spans lie on character
        /// boundaries.
        #[test]
        fn records_never_panic(text in "(\\(0010,[0-9 ]{0,5}\\)|M[1-4][A-Z/ ]{0,30}|<Cdtr><Nm>|6[0-9 ]{0,95}\n|101 [0-9 ]{0,30}094101|[é\\['a-z ])*") {
            let _ = found(&text);
        }
    }
}
