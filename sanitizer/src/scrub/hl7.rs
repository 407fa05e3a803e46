//! HL7 v2 messages held in text: fields read by their position, since a
//! segment names none of them. `PID|1||89358151^^^NGH^MR||OKAFOR^CHIDI||
//! 19780803|M|||1447 WILLOW BEND RD^^SPRINGFIELD^IL^62704||(986)267-5687`
//! holds a medical record number, a name, a date of birth, an address and
//! a phone in fields 3, 5, 7, 11 and 13 of its `PID` segment.
//!
//! Each position that holds personal data is given the name of the key
//! that would hold it in JSON (`patient_name`, `date_of_birth`, `ssn`), and
//! the key rule that name finds takes the field's value, so a custom rule
//! set applies to HL7 as it does to objects. Only the components that
//! hold the value are taken (the family, given and middle names of a name;
//! the street, other line and postal code of an address; the number of an
//! identifier, not its assigning authority or type code), in every
//! repetition. The separators are read from the `MSH` segment when there
//! is one, and are `|^~` otherwise.

use super::table::Cell;
use crate::keys::KeyRules;

/// A field that holds personal data: its position in the segment (the
/// segment id is 0), the key name that says what it holds, and the
/// components that hold the value (1-based; empty for all).
struct Position {
    field: usize,
    name: &'static str,
    components: &'static [usize],
}

const ID: &[usize] = &[1];
const NAME: &[usize] = &[1, 2, 3];
const ADDRESS: &[usize] = &[1, 2, 5];
const PHONE: &[usize] = &[1, 4, 6, 7];
const WHOLE: &[usize] = &[];

const fn at(field: usize, name: &'static str, components: &'static [usize]) -> Position {
    Position {
        field,
        name,
        components,
    }
}

/// The positions of each segment that holds personal data.
const SEGMENTS: &[(&str, &[Position])] = &[
    (
        "PID",
        &[
            at(2, "patient_id", ID),
            at(3, "medical_record_number", ID),
            at(4, "patient_id", ID),
            at(5, "patient_name", NAME),
            at(6, "maiden_name", NAME),
            at(7, "date_of_birth", ID),
            at(9, "patient_name", NAME),
            at(11, "street_address", ADDRESS),
            at(13, "phone", PHONE),
            at(14, "phone", PHONE),
            at(18, "account_number", ID),
            at(19, "ssn", WHOLE),
            at(20, "drivers_license", ID),
        ],
    ),
    (
        "NK1",
        &[
            at(2, "emergency_contact", NAME),
            at(4, "street_address", ADDRESS),
            at(5, "phone", PHONE),
            at(6, "phone", PHONE),
        ],
    ),
    (
        "GT1",
        &[
            at(3, "guarantor", NAME),
            at(5, "street_address", ADDRESS),
            at(6, "phone", PHONE),
            at(7, "phone", PHONE),
            at(8, "date_of_birth", ID),
            at(12, "ssn", WHOLE),
        ],
    ),
    (
        "IN1",
        &[
            at(16, "insured_name", NAME),
            at(18, "date_of_birth", ID),
            at(19, "street_address", ADDRESS),
            at(36, "policy_number", ID),
            at(49, "member_id", ID),
        ],
    ),
];

/// Whether `text` may be an HL7 v2 message: it starts with an `MSH`
/// segment or holds a `PID` one. Cheap enough to ask of every text.
pub(super) fn mentions_segments(text: &str) -> bool {
    text.starts_with("MSH") || text.contains("PID|")
}

/// The separators of a message: field, component, repetition.
#[derive(Clone, Copy)]
struct Separators {
    field: u8,
    component: u8,
    repetition: u8,
}

impl Separators {
    fn of(text: &str) -> Separators {
        let b = text.as_bytes();
        match b {
            [b'M', b'S', b'H', field, component, repetition, ..]
                if field.is_ascii_punctuation()
                    && component.is_ascii_punctuation()
                    && repetition.is_ascii_punctuation() =>
            {
                Separators {
                    field: *field,
                    component: *component,
                    repetition: *repetition,
                }
            }
            _ => Separators {
                field: b'|',
                component: b'^',
                repetition: b'~',
            },
        }
    }
}

/// The values of `text`'s segments that a key rule takes, in order.
pub(super) fn sensitive_fields(text: &str, rules: &KeyRules, scratch: &mut String) -> Vec<Cell> {
    let sep = Separators::of(text);
    let mut cells = Vec::new();
    let mut at = 0;
    for segment in text.split(['\r', '\n']) {
        let start = at;
        at += segment.len() + 1;
        let Some(&(_, positions)) = SEGMENTS.iter().find(|(id, _)| {
            segment.len() > 3 && segment.starts_with(id) && segment.as_bytes()[3] == sep.field
        }) else {
            continue;
        };
        let mut position = positions.iter().peekable();
        for (index, span) in split(segment, start, sep.field).enumerate() {
            let Some(p) = position.next_if(|p| p.field == index) else {
                if position.peek().is_none() {
                    break;
                }
                continue;
            };
            if let Some(m) = rules.lookup(p.name, scratch) {
                values(text, span, p.components, sep, m.rule, &mut cells);
            }
        }
    }
    cells
}

/// The spans of `text[start..start + part.len()]` split at `sep`.
fn split(part: &str, start: usize, sep: u8) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = start;
    part.split(char::from(sep)).map(move |piece| {
        let span = (at, at + piece.len());
        at += piece.len() + 1;
        span
    })
}

/// Notes the spans of the chosen components of every repetition of the
/// field `span`, taken by `rule`.
fn values(
    text: &str,
    (start, end): (usize, usize),
    components: &[usize],
    sep: Separators,
    rule: usize,
    cells: &mut Vec<Cell>,
) {
    for (rs, re) in split(&text[start..end], start, sep.repetition) {
        for (i, (cs, ce)) in split(&text[rs..re], rs, sep.component).enumerate() {
            let value = &text[cs..ce];
            if (components.is_empty() || components.contains(&(i + 1)))
                && !value.trim().is_empty()
                && value != "\"\""
                && !value.starts_with(crate::REDACTED_PREFIX)
            {
                cells.push(Cell {
                    start: cs,
                    end: ce,
                    rule,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::KeyPattern;
    use proptest::prelude::*;

    fn rules() -> KeyRules {
        KeyRules::new(
            [
                "patient_name|maiden_name|emergency_contact",
                "date_of_birth",
                "street_address",
                "phone",
                "ssn",
                "medical_record_number",
            ]
            .iter()
            .enumerate()
            .map(|(i, p)| (KeyPattern::new(p).expect("words"), i))
            .collect(),
        )
        .expect("rules")
    }

    fn marked(text: &str) -> String {
        let mut out = String::new();
        let mut at = 0;
        for c in sensitive_fields(text, &rules(), &mut String::new()) {
            out.push_str(&text[at..c.start]);
            out.push_str(&format!("[{}:{}]", c.rule, &text[c.start..c.end]));
            at = c.end;
        }
        out.push_str(&text[at..]);
        out
    }

    #[test]
    fn pid_fields_are_taken_by_position() {
        let msg = "MSH|^~\\&|EPIC|NGH|LAB|NGH|20240611101500||ADT^A08|MSG1|P|2.5.1\r\
                   PID|1||89358151^^^NGH^MR||OKAFOR^CHIDI^N||19780803|M|||1447 WILLOW BEND RD^^SPRINGFIELD^IL^62704^USA||(986)267-5687|||S||628028|509745935\r\
                   PV1|1|I|4W^412^B";
        assert_eq!(
            marked(msg),
            "MSH|^~\\&|EPIC|NGH|LAB|NGH|20240611101500||ADT^A08|MSG1|P|2.5.1\r\
             PID|1||[5:89358151]^^^NGH^MR||[0:OKAFOR]^[0:CHIDI]^[0:N]||[1:19780803]|M|||[2:1447 WILLOW BEND RD]^^SPRINGFIELD^IL^[2:62704]^USA||[3:(986)267-5687]|||S||628028|[4:509745935]\r\
             PV1|1|I|4W^412^B"
        );
    }

    #[test]
    fn separators_come_from_msh_and_repetitions_are_each_taken() {
        let msg = "MSH#!*\\&#X\nNK1#1#ROE!JANE*DOE!J#SPO";
        assert_eq!(
            marked(msg),
            "MSH#!*\\&#X\nNK1#1#[0:ROE]![0:JANE]*[0:DOE]![0:J]#SPO"
        );
        // Text that only mentions a segment is left alone.
        assert_eq!(marked("the PID is 42"), "the PID is 42");
    }

    proptest! {
        #[test]
        fn any_text_splits_without_panicking(text in "(MSH|PID|NK1|[|^~\\\\&a-zé0-9\r\n ]){0,80}") {
            let cells = sensitive_fields(&text, &rules(), &mut String::new());
            let mut last = 0;
            for c in cells {
                prop_assert!(last <= c.start && c.start < c.end && c.end <= text.len());
                last = c.end;
            }
        }
    }
}
