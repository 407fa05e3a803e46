//! Typed wrappers: a value written as a one-member object whose key names
//! its type, not what it is. DynamoDB JSON (`{"ssn": {"S": "..."}}`),
//! Firestore and OTLP (`{"stringValue": "..."}`), the Avro JSON encoding
//! of a union (`{"string": "..."}`), protobuf's `Struct`, MongoDB extended
//! JSON (`{"$numberLong": "..."}`), the Redshift and RDS data APIs and the
//! cells of BigQuery and Athena results (`{"v": ...}`,
//! `{"VarCharValue": ...}`).
//!
//! The member's name belongs to the object around the wrapper: the wrapped
//! value is read as that member's value ([`leaf`]), so a secret-looking
//! name takes a random value and a person field a name or an address
//! inside a wrapper as it would one written bare. The type tag never
//! counts as a name.

use super::node::Node;

/// Keys that name a value's type in the formats above, exactly as they
/// write them.
const TYPE_TAGS: &[&str] = &[
    // DynamoDB.
    "S",
    "N",
    "B",
    // Firestore, OTLP, protobuf `Struct`, the Redshift and RDS data APIs.
    "stringValue",
    "integerValue",
    "intValue",
    "doubleValue",
    "numberValue",
    "bytesValue",
    "timestampValue",
    "referenceValue",
    "longValue",
    "blobValue",
    "string_value",
    "number_value",
    // Avro's JSON encoding of a union branch.
    "string",
    "bytes",
    "int",
    "long",
    "float",
    "double",
    "fixed",
    // MongoDB extended JSON.
    "$numberLong",
    "$numberInt",
    "$numberDecimal",
    "$numberDouble",
    "$binary",
    // The cells of BigQuery (`{"v": ...}`) and Athena results.
    "v",
    "VarCharValue",
];

/// Whether `key` names a value's type ([`TYPE_TAGS`]).
pub(super) fn is_type_tag(key: &str) -> bool {
    key.len() <= 14 && TYPE_TAGS.contains(&key)
}

/// The value `node` holds: the string or number inside a typed wrapper,
/// or `node` itself.
pub(super) fn leaf<'n, 'a>(node: &'n Node<'a>) -> &'n Node<'a> {
    match node {
        Node::Object(map) if map.len() == 1 => match map.iter().next() {
            Some((key, inner @ (Node::String(_) | Node::Number(_)))) if is_type_tag(key) => inner,
            _ => node,
        },
        _ => node,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn leaf_of(value: serde_json::Value) -> serde_json::Value {
        leaf(&Node::borrowed(&value)).clone().into_value()
    }

    #[test]
    fn a_wrapped_value_is_read_through_its_type_tag() {
        assert_eq!(leaf_of(json!({"S": "x"})), json!("x"));
        assert_eq!(leaf_of(json!({"stringValue": "x"})), json!("x"));
        assert_eq!(leaf_of(json!({"string": "x"})), json!("x"));
        assert_eq!(leaf_of(json!({"$numberLong": "12"})), json!("12"));
        assert_eq!(leaf_of(json!({"N": 3})), json!(3));
    }

    #[test]
    fn objects_that_are_no_wrapper_stay_what_they_are() {
        // Two members, an unknown key, a map or list inside a tag.
        for value in [
            json!({"S": "x", "N": "1"}),
            json!({"name": "x"}),
            json!({"M": {"a": {"S": "x"}}}),
            json!({"string": ["x"]}),
            json!("x"),
        ] {
            assert_eq!(leaf_of(value.clone()), value);
        }
    }
}
