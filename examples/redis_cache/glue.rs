//! The glue a user writes to record and replay a component built on
//! `redis::ConnectionLike`, a trait of the redis crate whose values and
//! errors are not serde types: a local copy of the trait's required
//! methods with a few attributes, a mirror for `redis::Value`, a mirror for
//! `redis::RedisError`, and a `with` module that writes a packed command
//! as its words instead of base64, so the transcript reads like a
//! `redis-cli` session. This file is the whole of it.

use redis::{ErrorKind, RedisError, Value};
use serde::{Deserialize, Serialize};

#[reprise::boundary(remote = redis::ConnectionLike, port = "redis", err(via = ErrorMirror))]
pub trait ConnectionLike {
    #[reprise(ok(via = ValueMirror))]
    fn req_packed_command(
        &mut self,
        #[reprise(with = "resp")] cmd: &[u8],
    ) -> redis::RedisResult<Value>;
    #[reprise(ok(via = ValueMirror))]
    fn req_packed_commands(
        &mut self,
        #[reprise(with = "resp")] cmd: &[u8],
        offset: usize,
        count: usize,
    ) -> redis::RedisResult<Vec<Value>>;
    #[reprise(query)]
    fn get_db(&self) -> i64;
    fn check_connection(&mut self) -> bool;
    #[reprise(query)]
    fn is_open(&self) -> bool;
}

/// `redis::Value`, as JSON. Text replies read as text; the rarer RESP3
/// shapes (attributes, pushes, verbatim strings, big numbers) are kept as
/// their debug text and replay as a status reply.
#[derive(Serialize, Deserialize)]
pub enum ValueMirror {
    Nil,
    Int(i64),
    Text(String),
    Bytes(#[serde(with = "reprise::bytes")] Vec<u8>),
    Array(Vec<ValueMirror>),
    Status(String),
    Okay,
    Map(Vec<(ValueMirror, ValueMirror)>),
    Set(Vec<ValueMirror>),
    Double(f64),
    Boolean(bool),
    Other(String),
}

impl From<Value> for ValueMirror {
    fn from(value: Value) -> Self {
        let all = |values: Vec<Value>| values.into_iter().map(ValueMirror::from).collect();
        match value {
            Value::Nil => ValueMirror::Nil,
            Value::Int(n) => ValueMirror::Int(n),
            Value::BulkString(bytes) => match String::from_utf8(bytes) {
                Ok(text) => ValueMirror::Text(text),
                Err(e) => ValueMirror::Bytes(e.into_bytes()),
            },
            Value::Array(values) => ValueMirror::Array(all(values)),
            Value::SimpleString(s) => ValueMirror::Status(s),
            Value::Okay => ValueMirror::Okay,
            Value::Map(pairs) => ValueMirror::Map(
                pairs
                    .into_iter()
                    .map(|(k, v)| (k.into(), v.into()))
                    .collect(),
            ),
            Value::Set(values) => ValueMirror::Set(all(values)),
            Value::Double(d) => ValueMirror::Double(d),
            Value::Boolean(b) => ValueMirror::Boolean(b),
            other => ValueMirror::Other(format!("{other:?}")),
        }
    }
}

impl From<ValueMirror> for Value {
    fn from(value: ValueMirror) -> Self {
        let all = |values: Vec<ValueMirror>| values.into_iter().map(Value::from).collect();
        match value {
            ValueMirror::Nil => Value::Nil,
            ValueMirror::Int(n) => Value::Int(n),
            ValueMirror::Text(text) => Value::BulkString(text.into_bytes()),
            ValueMirror::Bytes(bytes) => Value::BulkString(bytes),
            ValueMirror::Array(values) => Value::Array(all(values)),
            ValueMirror::Status(s) | ValueMirror::Other(s) => Value::SimpleString(s),
            ValueMirror::Okay => Value::Okay,
            ValueMirror::Map(pairs) => Value::Map(
                pairs
                    .into_iter()
                    .map(|(k, v)| (k.into(), v.into()))
                    .collect(),
            ),
            ValueMirror::Set(values) => Value::Set(all(values)),
            ValueMirror::Double(d) => Value::Double(d),
            ValueMirror::Boolean(b) => Value::Boolean(b),
        }
    }
}

/// `redis::RedisError`, as its kind, server code and detail. It replays as
/// an error of the same kind (server errors as response errors).
#[derive(Serialize, Deserialize)]
pub struct ErrorMirror {
    kind: String,
    code: Option<String>,
    detail: Option<String>,
}

impl From<RedisError> for ErrorMirror {
    fn from(e: RedisError) -> Self {
        let kind = format!("{:?}", e.kind());
        let (code, detail) = (e.code().map(str::to_owned), e.detail().map(str::to_owned));
        ErrorMirror { kind, code, detail }
    }
}

impl From<ErrorMirror> for RedisError {
    fn from(e: ErrorMirror) -> Self {
        let kind = match (e.kind.as_str(), e.code.is_some()) {
            (_, true) => ErrorKind::Server(redis::ServerErrorKind::ResponseError),
            ("Io", _) => ErrorKind::Io,
            ("Parse", _) => ErrorKind::Parse,
            ("UnexpectedReturnType", _) => ErrorKind::UnexpectedReturnType,
            _ => ErrorKind::Client,
        };
        RedisError::from((kind, "recorded error", e.detail.unwrap_or_default()))
    }
}

/// A packed command (`*2\r\n$3\r\nGET\r\n$1\r\nk\r\n`) as its words
/// (`["GET", "k"]`); a pipeline as a list of them.
pub mod resp {
    use serde::Serializer;

    pub fn serialize<S: Serializer>(packed: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        let mut commands: Vec<Vec<String>> = Vec::new();
        let mut rest = packed;
        while let Some(end) = rest.windows(2).position(|w| w == b"\r\n") {
            let head = &rest[..end];
            rest = &rest[end + 2..];
            match head.split_first() {
                Some((b'*', _)) => commands.push(Vec::new()),
                Some((b'$', len)) => {
                    let len = std::str::from_utf8(len).ok().and_then(|n| n.parse().ok());
                    let len = len.unwrap_or(0).min(rest.len());
                    if let Some(command) = commands.last_mut() {
                        command.push(String::from_utf8_lossy(&rest[..len]).into_owned());
                    }
                    rest = rest.get(len + 2..).unwrap_or_default();
                }
                _ => {}
            }
        }
        match commands.as_slice() {
            [one] => serializer.collect_seq(one),
            many => serializer.collect_seq(many),
        }
    }
}
