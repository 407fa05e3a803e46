//! A codec for `http::Request` and `http::Response`, with the body as text
//! (or base64 when it is not UTF-8).
//!
//! A request is recorded as
//! `{"method": "POST", "uri": "/users?page=2", "headers": {"content-type": "application/json"}, "body": "{\"name\":\"ada\"}"}`
//! and a response as `{"status": 201, "headers": {..}, "body": ".."}`. A
//! header sent more than once is an array of its values; a body that is not
//! UTF-8 is written as `"body_base64"` instead of `"body"`; an empty body
//! is left out. The HTTP version is not recorded (it is the transport's).
//! The body must be in memory: `String`, `Vec<u8>`, `bytes::Bytes` or `()`
//! (see [`Body`]).

use std::fmt;

use http::header::{HeaderMap, HeaderName, HeaderValue};
use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::convert::Codec;

/// The codec of `http::Request<B>` and `http::Response<B>`: see the
/// [module docs](self).
///
/// ```
/// use reprise::convert::Codec;
/// use reprise::tower::http::Http;
///
/// let request = http::Request::post("/users?page=2")
///     .header("content-type", "application/json")
///     .body(r#"{"name":"ada"}"#.to_owned())?;
/// let json = Http::serialize(&request, serde_json::value::Serializer)?;
/// assert_eq!(json, serde_json::json!({
///     "method": "POST",
///     "uri": "/users?page=2",
///     "headers": {"content-type": "application/json"},
///     "body": "{\"name\":\"ada\"}",
/// }));
/// let back: http::Request<String> = Http::deserialize(json)?;
/// assert_eq!((back.method(), back.uri().path(), back.body().as_str()), (&http::Method::POST, "/users", r#"{"name":"ada"}"#));
///
/// let response = http::Response::builder().status(404).body(vec![0xff, 0x00])?;
/// let json = Http::serialize(&response, serde_json::value::Serializer)?;
/// assert_eq!(json, serde_json::json!({"status": 404, "headers": {}, "body_base64": "/wA="}));
/// let back: http::Response<Vec<u8>> = Http::deserialize(json)?;
/// assert_eq!((back.status().as_u16(), back.body().as_slice()), (404, &[0xff, 0x00][..]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Http;

/// A body held in memory, that can be read as bytes and rebuilt from them.
///
/// ```
/// use reprise::tower::http::Body;
/// assert_eq!(String::from_bytes(b"hi".to_vec()).as_bytes(), b"hi");
/// ```
pub trait Body: Sized {
    /// The body's bytes.
    fn as_bytes(&self) -> &[u8];
    /// A body with these bytes (a `String` replaces bytes that are not
    /// UTF-8, which a text body never records).
    fn from_bytes(bytes: Vec<u8>) -> Self;
}

impl Body for String {
    fn as_bytes(&self) -> &[u8] {
        self.as_bytes()
    }
    fn from_bytes(bytes: Vec<u8>) -> Self {
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

impl Body for Vec<u8> {
    fn as_bytes(&self) -> &[u8] {
        self
    }
    fn from_bytes(bytes: Vec<u8>) -> Self {
        bytes
    }
}

impl Body for bytes::Bytes {
    fn as_bytes(&self) -> &[u8] {
        self
    }
    fn from_bytes(bytes: Vec<u8>) -> Self {
        bytes::Bytes::from(bytes)
    }
}

impl Body for () {
    fn as_bytes(&self) -> &[u8] {
        &[]
    }
    fn from_bytes(_: Vec<u8>) -> Self {}
}

/// Headers as an object: one value a string, repeated values an array.
struct Headers<'a>(&'a HeaderMap);

impl Serialize for Headers<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.keys_len()))?;
        for name in self.0.keys() {
            let values: Vec<String> = self
                .0
                .get_all(name)
                .iter()
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
                .collect();
            match values.as_slice() {
                [one] => map.serialize_entry(name.as_str(), one)?,
                many => map.serialize_entry(name.as_str(), many)?,
            }
        }
        map.end()
    }
}

/// One header's recorded value or values.
#[derive(Deserialize)]
#[serde(untagged)]
enum HeaderValues {
    One(String),
    Many(Vec<String>),
}

fn header_map<E: de::Error>(recorded: Vec<(String, HeaderValues)>) -> Result<HeaderMap, E> {
    let mut headers = HeaderMap::new();
    for (name, values) in recorded {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| E::custom(format!("`{name}` is not a header name")))?;
        let values = match values {
            HeaderValues::One(v) => vec![v],
            HeaderValues::Many(v) => v,
        };
        for value in values {
            let value = HeaderValue::from_str(&value)
                .map_err(|_| E::custom(format!("a value of header `{name}` is not valid")))?;
            headers.append(name.clone(), value);
        }
    }
    Ok(headers)
}

/// Writes the body as text, or base64 when it is not UTF-8; nothing when
/// it is empty.
fn body_entry<M: SerializeMap>(map: &mut M, body: &[u8]) -> Result<(), M::Error> {
    if body.is_empty() {
        return Ok(());
    }
    match std::str::from_utf8(body) {
        Ok(text) => map.serialize_entry("body", text),
        Err(_) => map.serialize_entry("body_base64", &crate::__private::Base64(body)),
    }
}

/// The recorded fields of a request or a response, read in any order.
#[derive(Default)]
struct Fields {
    method: Option<String>,
    uri: Option<String>,
    status: Option<u16>,
    headers: Vec<(String, HeaderValues)>,
    body: Vec<u8>,
}

struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = Fields;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an HTTP request or response object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        let mut fields = Fields::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "method" => fields.method = Some(map.next_value()?),
                "uri" => fields.uri = Some(map.next_value()?),
                "status" => fields.status = Some(map.next_value()?),
                "headers" => {
                    let headers: serde_json::Map<String, serde_json::Value> = map.next_value()?;
                    for (name, value) in headers {
                        let value = HeaderValues::deserialize(value).map_err(|_| {
                            de::Error::custom(format!(
                                "header `{name}` is neither a string nor an array of strings"
                            ))
                        })?;
                        fields.headers.push((name, value));
                    }
                }
                "body" => fields.body = map.next_value::<String>()?.into_bytes(),
                "body_base64" => {
                    fields.body = map.next_value::<crate::__private::Base64Buf>()?.0;
                }
                _ => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
        }
        Ok(fields)
    }
}

impl<B: Body> Codec<http::Request<B>> for Http {
    fn serialize<S: Serializer>(
        value: &http::Request<B>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("method", value.method().as_str())?;
        map.serialize_entry("uri", &value.uri().to_string())?;
        map.serialize_entry("headers", &Headers(value.headers()))?;
        body_entry(&mut map, value.body().as_bytes())?;
        map.end()
    }

    fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<http::Request<B>, D::Error> {
        let fields = deserializer.deserialize_map(FieldsVisitor)?;
        let method = fields
            .method
            .ok_or_else(|| de::Error::missing_field("method"))?;
        let uri = fields.uri.ok_or_else(|| de::Error::missing_field("uri"))?;
        let mut request = http::Request::new(B::from_bytes(fields.body));
        *request.method_mut() = http::Method::from_bytes(method.as_bytes())
            .map_err(|_| de::Error::custom(format!("`{method}` is not an HTTP method")))?;
        *request.uri_mut() = uri
            .parse()
            .map_err(|_| de::Error::custom("the recorded `uri` is not a URI"))?;
        *request.headers_mut() = header_map(fields.headers)?;
        Ok(request)
    }
}

impl<B: Body> Codec<http::Response<B>> for Http {
    fn serialize<S: Serializer>(
        value: &http::Response<B>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("status", &value.status().as_u16())?;
        map.serialize_entry("headers", &Headers(value.headers()))?;
        body_entry(&mut map, value.body().as_bytes())?;
        map.end()
    }

    fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<http::Response<B>, D::Error> {
        let fields = deserializer.deserialize_map(FieldsVisitor)?;
        let status = fields
            .status
            .ok_or_else(|| de::Error::missing_field("status"))?;
        let mut response = http::Response::new(B::from_bytes(fields.body));
        *response.status_mut() = http::StatusCode::from_u16(status)
            .map_err(|_| de::Error::custom(format!("{status} is not an HTTP status")))?;
        *response.headers_mut() = header_map(fields.headers)?;
        Ok(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip_request(request: http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
        let json = Http::serialize(&request, serde_json::value::Serializer).unwrap();
        Http::deserialize(json).unwrap()
    }

    #[test]
    fn repeated_headers_are_an_array_and_come_back_in_order() {
        let request = http::Request::get("http://example.invalid/a?b=c")
            .header("accept", "text/plain")
            .header("x-trace", "1")
            .header("x-trace", "2")
            .body(Vec::new())
            .unwrap();
        let json = Http::serialize(&request, serde_json::value::Serializer).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "method": "GET",
                "uri": "http://example.invalid/a?b=c",
                "headers": {"accept": "text/plain", "x-trace": ["1", "2"]},
            })
        );
        let back = round_trip_request(request);
        let traces: Vec<_> = back.headers().get_all("x-trace").iter().collect();
        assert_eq!(traces, ["1", "2"]);
        assert_eq!(back.uri().query(), Some("b=c"));
    }

    #[test]
    fn a_bad_recording_is_an_error_not_a_panic() {
        for bad in [
            serde_json::json!({"uri": "/"}),
            serde_json::json!({"method": "GET"}),
            serde_json::json!({"method": "G ET", "uri": "/"}),
            serde_json::json!({"method": "GET", "uri": "/", "headers": {"bad name": "x"}}),
            serde_json::json!({"method": "GET", "uri": "/", "headers": {"a": 3}}),
            serde_json::json!({"method": "GET", "uri": "/", "body_base64": "%%"}),
            serde_json::json!(3),
        ] {
            assert!(
                <Http as Codec<http::Request<Vec<u8>>>>::deserialize(bad.clone()).is_err(),
                "{bad}"
            );
        }
        let bad = serde_json::json!({"status": 1000});
        assert!(<Http as Codec<http::Response<()>>>::deserialize(bad).is_err());
    }
}
