//! Property tests of the readers of values named apart from them
//! ([`super::cef`], [`super::xml_named`], [`super::ldif`],
//! [`super::env_lines`], `COPY` in [`super::sql`]): on any text they end,
//! never panic, and every cell they return lies within the text on
//! character boundaries.

use proptest::prelude::*;

use super::table::{Cell, Columns};
use crate::keys::{KeyPattern, KeyRules};

/// Text near the formats: their marks, names and delimiters, some
/// non-ASCII.
fn text() -> impl Strategy<Value = String> {
    let head = prop::sample::select(vec![
        "",
        "CEF:0|A|B|1|2|n|3|",
        "<134>CEF:0|A\\|x|B|1|2|n|3|cs1Label=password cs1=",
        "LEEF:2.0|A|B|1|e|^|",
        "LEEF:2.0|A|B|1|e|x5E|",
        "LEEF:1.0|A|B|1|e|",
        "dn: uid=a\n",
        "COPY t (a, password) FROM stdin;\n",
        "<Data Name=\"password\">",
        "<add key='password' value=\"",
        "  - PASSWORD=",
    ]);
    (head, "[a-zA-Z0-9 =|^<>/\"'\\\\:\n\t.,_é€-]{0,80}").prop_map(|(h, t)| format!("{h}{t}"))
}

fn cells_ok(text: &str, cells: &[Cell]) -> bool {
    cells.iter().all(|c| {
        c.start <= c.end
            && c.end <= text.len()
            && text.is_char_boundary(c.start)
            && text.is_char_boundary(c.end)
    })
}

proptest! {
    #[test]
    fn readers_return_cells_inside_the_text(text in text()) {
        let rules = KeyRules::new(vec![(KeyPattern::new("password").expect("words"), 0)])
            .expect("compiles");
        let columns = Columns { rules: &rules, entropy: None, person: None };
        let mut scratch = String::new();
        let found = [
            super::cef::labelled_values(&text, &columns, &mut scratch),
            super::xml_named::named_values(&text, &columns, &mut scratch),
            super::ldif::attribute_values(&text, &columns, &mut scratch),
            super::env_lines::assigned_values(&text, &columns, &mut scratch),
            super::sql::copy_cells(&text, &columns, &mut scratch),
            super::sql::sensitive_values(&text, &rules, &mut scratch),
        ];
        for cells in &found {
            prop_assert!(cells_ok(&text, cells));
        }
    }
}
