//! Query results in JSON whose column names are given once and values by
//! position: BigQuery (`schema.fields[].name`, `rows[].f[].v`), Trino,
//! Presto and ClickHouse's `JSONCompact` (`columns` or `meta` and
//! `data`), Athena (`ResultSetMetadata.ColumnInfo[].Name`,
//! `Rows[].Data[]`), Snowflake (`resultSetMetaData.rowType` and `data`),
//! Databricks (`manifest.schema.columns` and `result.data_array`), the
//! Redshift data API (`ColumnMetadata` and `Records`), a chart's data table
//! (`cols` and `rows[].c[]`), a wire-like `{"fields": [...], "rows":
//! [[...]]}`, and an array of rows whose first row is the header (a
//! spreadsheet's `values`).
//!
//! Each value is paired with its column's name and read as the value of an
//! object member of that name ([`Sanitizer::walk_named`]): the key rule the
//! name announces takes it, a secret-looking name a random value, a person
//! field a name or an address.
//!
//! A result is looked for only in an object with a member called like a
//! row list ([`is_rows_key`]), and a header row only in an array whose
//! first element is an array of strings, so other payloads pay one key
//! comparison.

use super::node::{Node, Object};
use super::{PathState, Sanitizer, Verdict};
use crate::report::Tally;

/// Members that hold the column list, or the object that holds it
/// (`schema` of BigQuery, `ResultSetMetadata` of Athena), lowercased.
const NAME_KEYS: &[&str] = &[
    "schema",
    "fields",
    "columns",
    "cols",
    "meta",
    "metadata",
    "columnmetadata",
    "column_metadata",
    "columninfo",
    "resultsetmetadata",
    "rowtype",
    "manifest",
    "header",
    "columnnames",
    "column_names",
    "names",
];

/// Members that hold the rows, lowercased.
const ROW_KEYS: &[&str] = &[
    "rows",
    "data",
    "values",
    "records",
    "data_array",
    "dataarray",
];

/// Members that hold an object holding the rows (Databricks' `result`).
const HOLDER_KEYS: &[&str] = &["result", "results", "resultset"];

/// Members of a column's description that hold its name.
const NAME_FIELDS: &[&str] = &[
    "name",
    "label",
    "columnname",
    "column_name",
    "fieldname",
    "field_name",
];

/// The most columns read.
const MAX_COLUMNS: usize = 4096;

/// Whether `key` may hold a result's rows (or the object holding them).
pub(super) fn is_rows_key(key: &str) -> bool {
    // Every such name starts with `d`, `r` or `v`: most keys are told
    // apart by their length and first byte.
    (4..=10).contains(&key.len())
        && matches!(key.as_bytes()[0] | 0x20, b'd' | b'r' | b'v')
        && (is_one_of(key, ROW_KEYS) || is_one_of(key, HOLDER_KEYS))
}

/// Where a result's rows are and what their columns are called.
#[derive(Debug)]
pub(super) struct Result {
    names: Vec<String>,
    /// The member holding the rows.
    rows: String,
    /// The member of that member holding them, when they are one down
    /// (`result.data_array`).
    below: Option<String>,
}

impl Result {
    /// Whether member `key` holds the rows.
    pub(super) fn holds(&self, key: &str) -> bool {
        self.rows == key
    }
}

/// The result in object `map`: its column names and where its rows are.
pub(super) fn result_in(map: &Object<'_>) -> Option<Result> {
    let names = names_in(map, 3)?;
    let n = names.len();
    let (rows, below) = map.iter().find_map(|(key, value)| {
        if is_one_of(key, ROW_KEYS) && is_rows(value, n) {
            return Some((key.to_owned(), None));
        }
        if let (true, Node::Object(inner)) = (is_one_of(key, HOLDER_KEYS), value) {
            return inner
                .iter()
                .find(|(k, v)| is_one_of(k, ROW_KEYS) && is_rows(v, n))
                .map(|(k, _)| (key.to_owned(), Some(k.to_owned())));
        }
        None
    })?;
    Some(Result { names, rows, below })
}

/// The column list among the members of `map` called like one
/// ([`NAME_KEYS`]), looked for `levels` deep (`manifest.schema.columns`).
fn names_in(map: &Object<'_>, levels: usize) -> Option<Vec<String>> {
    map.iter()
        .filter(|(key, _)| is_one_of(key, NAME_KEYS))
        .find_map(|(_, value)| {
            name_list(value).or_else(|| match value {
                Node::Object(inner) if levels > 1 => names_in(inner, levels - 1),
                _ => None,
            })
        })
}

/// The column names of a list of columns: names, or descriptions with a
/// name ([`NAME_FIELDS`]).
fn name_list(value: &Node<'_>) -> Option<Vec<String>> {
    let Node::Array(items) = value else {
        return None;
    };
    if items.len() < 2 || items.len() > MAX_COLUMNS {
        return None;
    }
    items
        .iter()
        .map(|item| match item {
            Node::String(s) => Some(s.to_string()),
            Node::Object(column) => column.iter().find_map(|(k, v)| match v {
                Node::String(s) if is_one_of(k, NAME_FIELDS) => Some(s.to_string()),
                _ => None,
            }),
            _ => None,
        })
        .collect::<Option<Vec<String>>>()
        .filter(|names| names.iter().all(|n| !n.is_empty() && n.len() <= 128))
}

/// Whether `value` is a list of rows of `n` cells.
fn is_rows(value: &Node<'_>, n: usize) -> bool {
    matches!(value, Node::Array(rows)
        if !rows.is_empty() && rows.iter().all(|row| row_len(row) == Some(n)))
}

/// How many cells `row` has: a row is an array of cells, or an object
/// whose one member is (BigQuery's `{"f": [...]}`, Athena's `{"Data":
/// [...]}`).
fn row_len(row: &Node<'_>) -> Option<usize> {
    match row {
        Node::Array(cells) => Some(cells.len()),
        Node::Object(map) if map.len() == 1 => match map.values().next() {
            Some(Node::Array(cells)) => Some(cells.len()),
            _ => None,
        },
        _ => None,
    }
}

/// The names in an array of rows whose first row is its header: strings
/// that read as column names, with every row below as long.
pub(super) fn header_row(items: &[Node<'_>]) -> Option<Vec<String>> {
    let (Some(Node::Array(first)), true) = (items.first(), items.len() >= 2) else {
        return None;
    };
    if first.len() < 2 || first.len() > MAX_COLUMNS {
        return None;
    }
    let names = first
        .iter()
        .map(|cell| match cell {
            Node::String(s) if super::table::is_column_name(s) => Some(s.to_string()),
            _ => None,
        })
        .collect::<Option<Vec<String>>>()?;
    // Two-element arrays are name/value pairs (`[["Host", "x"],
    // ["X-Api-Key", "..."]]`, walked as pairs) unless their first row
    // reads as column names do (`[["user", "password"], ...]`).
    if names.len() == 2 && !names.iter().all(|n| is_snake_name(n)) {
        return None;
    }
    items[1..]
        .iter()
        .all(|row| matches!(row, Node::Array(cells) if cells.len() == names.len()))
        .then_some(names)
}

/// Whether `name` is a lowercase identifier (`user_id`).
fn is_snake_name(name: &str) -> bool {
    name.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Whether `key` is one of `names` (lowercase), in any ASCII case.
fn is_one_of(key: &str, names: &[&str]) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(key))
}

impl Sanitizer {
    /// Walks the member of a result that holds its rows (or the object
    /// holding them): each cell is read under its column's name.
    pub(super) fn walk_result_rows(
        &self,
        value: &mut Node<'_>,
        result: &Result,
        st: &mut PathState,
        tally: &mut dyn Tally,
        depth: usize,
    ) -> Verdict {
        let Some(below) = &result.below else {
            return self.walk_rows(value, &result.names, 0, st, tally, depth);
        };
        let Node::Object(map) = value else {
            return self.walk(value, st, tally, depth);
        };
        let mut drops = Vec::new();
        for (key, child) in map.iter_mut() {
            st.push_key(key);
            let verdict = if key == below {
                self.walk_rows(child, &result.names, 0, st, tally, depth)
            } else {
                self.walk(child, st, tally, depth)
            };
            st.pop();
            if verdict == Verdict::Drop {
                drops.push(key.to_owned());
            }
        }
        map.swap_remove_all(drops);
        Verdict::Keep
    }

    /// Walks a list of rows from row `first` on (earlier rows are walked as
    /// usual), each cell under its column's name in `names`.
    pub(super) fn walk_rows(
        &self,
        value: &mut Node<'_>,
        names: &[String],
        first: usize,
        st: &mut PathState,
        tally: &mut dyn Tally,
        depth: usize,
    ) -> Verdict {
        let Node::Array(rows) = value else {
            return self.walk(value, st, tally, depth);
        };
        // Columns that make each row a record about a person (`name`,
        // `email`): its name column's cells that read as names are taken.
        let record = self.person_rules.is_some() && {
            let mut scratch = std::mem::take(&mut st.scratch);
            let record =
                crate::person::is_record_header(names.iter().map(String::as_str), &mut scratch);
            st.scratch = scratch;
            record
        };
        for (i, row) in rows.iter_mut().enumerate() {
            st.push_index(i);
            let verdict = if i < first || is_header(row, names) {
                self.walk(row, st, tally, depth)
            } else {
                self.walk_row(row, names, record, st, tally, depth)
            };
            if verdict == Verdict::Drop {
                *row = Node::Null;
            }
            st.pop();
        }
        Verdict::Keep
    }

    /// Walks one row: its cells, each under its column's name.
    fn walk_row(
        &self,
        row: &mut Node<'_>,
        names: &[String],
        record: bool,
        st: &mut PathState,
        tally: &mut dyn Tally,
        depth: usize,
    ) -> Verdict {
        // Not a row of this result: walked as any value is.
        if row_len(row) != Some(names.len()) {
            return self.walk(row, st, tally, depth);
        }
        let (cells, key) = match row {
            Node::Array(cells) => (cells, None),
            Node::Object(map) => match map.iter_mut().next() {
                Some((key, Node::Array(cells))) => (cells, Some(key)),
                _ => return Verdict::Keep,
            },
            _ => return Verdict::Keep,
        };
        if let Some(key) = key {
            st.push_key(key);
        }
        for (j, (cell, name)) in cells.iter_mut().zip(names).enumerate() {
            st.push_index(j);
            let verdict = match (self.person_rules, &*cell) {
                (Some((name_rule, _)), Node::String(s))
                    if record && {
                        let mut scratch = std::mem::take(&mut st.scratch);
                        let key = crate::person::PersonKey::of(name, &mut scratch);
                        st.scratch = scratch;
                        key.holds_name(s)
                    } =>
                {
                    self.apply_rule(cell, name_rule, st, tally)
                }
                _ => self.walk_named(cell, name, st, tally, depth),
            };
            if verdict == Verdict::Drop {
                *cell = Node::Null;
            }
            st.pop();
        }
        if key.is_some() {
            st.pop();
        }
        Verdict::Keep
    }
}

/// Whether `row` repeats the column names (Athena's first row).
fn is_header(row: &Node<'_>, names: &[String]) -> bool {
    let cells = match row {
        Node::Array(cells) => cells,
        Node::Object(map) if map.len() == 1 => match map.values().next() {
            Some(Node::Array(cells)) => cells,
            _ => return false,
        },
        _ => return false,
    };
    cells.len() == names.len()
        && cells
            .iter()
            .zip(names)
            .all(|(cell, name)| super::typed::leaf(cell).as_str() == Some(name.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn result_of(value: serde_json::Value) -> Option<Result> {
        match Node::borrowed(&value) {
            Node::Object(map) => result_in(&map),
            _ => None,
        }
    }

    #[test]
    fn results_are_found_with_their_column_names() {
        let bigquery = json!({"schema": {"fields": [{"name": "id"}, {"name": "ssn"}]},
            "rows": [{"f": [{"v": "1"}, {"v": "x"}]}]});
        let r = result_of(bigquery).expect("bigquery");
        assert_eq!(
            (r.names, r.rows, r.below),
            (vec!["id".into(), "ssn".into()], "rows".into(), None)
        );
        let trino = json!({"columns": [{"name": "a", "type": "varchar"}, {"name": "b"}], "data": [[1, 2], [3, 4]]});
        assert!(result_of(trino).is_some());
        let databricks = json!({"manifest": {"schema": {"columns": [{"name": "a"}, {"name": "b"}]}},
            "result": {"data_array": [["1", "2"]]}});
        let r = result_of(databricks).expect("databricks");
        assert_eq!(
            (r.rows, r.below),
            ("result".into(), Some("data_array".into()))
        );
        let athena = json!({"ResultSetMetadata": {"ColumnInfo": [{"Name": "a"}, {"Name": "b"}]},
            "Rows": [{"Data": [{"VarCharValue": "a"}, {"VarCharValue": "b"}]}]});
        assert_eq!(result_of(athena).expect("athena").names, vec!["a", "b"]);
    }

    #[test]
    fn lists_that_do_not_line_up_are_no_result() {
        // Rows of another length, names that are not strings, no rows.
        assert!(result_of(json!({"columns": ["a", "b"], "data": [[1, 2, 3]]})).is_none());
        assert!(result_of(json!({"columns": [1, 2], "data": [[1, 2]]})).is_none());
        assert!(result_of(json!({"columns": ["a", "b"], "data": []})).is_none());
        assert!(result_of(json!({"columns": ["a", "b"], "rows": 2})).is_none());
        assert!(result_of(json!({"name": "a", "data": [[1, 2]]})).is_none());
    }

    #[test]
    fn a_header_row_names_the_rows_below() {
        let rows = json!([["id", "password"], ["1", "x"], ["2", "y"]]);
        let node = Node::borrowed(&rows);
        let Node::Array(items) = &node else {
            panic!("an array")
        };
        assert_eq!(
            header_row(items),
            Some(vec!["id".into(), "password".into()])
        );
        for not in [
            json!([["Host", "api.stripe.com"], ["X-Data-Key", "x"]]),
            json!([["who?", "x", "y"], ["1", "2", "3"]]),
            json!([["id", "n"], ["1"]]),
            json!([["id", 1], [1, 2]]),
        ] {
            let node = Node::borrowed(&not);
            let Node::Array(items) = &node else {
                panic!("an array")
            };
            assert_eq!(header_row(items), None, "{not}");
        }
    }
}
