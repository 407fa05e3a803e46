//! A stand-in for the user's redis server, in memory, so the example runs
//! offline: it speaks `redis::ConnectionLike` (packed commands in, values
//! out) for the handful of commands the component uses. Not glue: at the
//! user's site the real `redis::Connection` takes its place.

use std::collections::HashMap;

use redis::{ErrorKind, RedisError, RedisResult, ServerErrorKind, Value};

/// Keys and their values; expiries are remembered, never applied.
#[derive(Default)]
pub struct MemoryRedis {
    data: HashMap<String, String>,
    ttl: HashMap<String, i64>,
}

impl MemoryRedis {
    /// A server that already holds `key` = `value`.
    pub fn with(mut self, key: &str, value: &str) -> Self {
        self.data.insert(key.to_owned(), value.to_owned());
        self
    }
}

fn words(packed: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(packed);
    let mut lines = text.split("\r\n");
    let mut words = Vec::new();
    while let Some(line) = lines.next() {
        if line.starts_with('$') {
            words.push(lines.next().unwrap_or_default().to_owned());
        }
    }
    words
}

fn server_error(detail: &str) -> RedisError {
    let kind = ErrorKind::Server(ServerErrorKind::ResponseError);
    RedisError::from((
        kind,
        "An error was signalled by the server",
        detail.to_owned(),
    ))
}

impl redis::ConnectionLike for MemoryRedis {
    fn req_packed_command(&mut self, cmd: &[u8]) -> RedisResult<Value> {
        let words = words(cmd);
        let word = |i: usize| words.get(i).cloned().unwrap_or_default();
        match word(0).to_uppercase().as_str() {
            "GET" => Ok(self
                .data
                .get(&word(1))
                .map_or(Value::Nil, |v| Value::BulkString(v.clone().into_bytes()))),
            "SET" => {
                self.data.insert(word(1), word(2));
                Ok(Value::Okay)
            }
            "INCR" | "INCRBY" => {
                let by: i64 = if words.len() > 2 {
                    word(2).parse().unwrap_or(0)
                } else {
                    1
                };
                let now = self.data.get(&word(1)).map_or(Ok(0), |v| v.parse::<i64>());
                let now =
                    now.map_err(|_| server_error("value is not an integer or out of range"))? + by;
                self.data.insert(word(1), now.to_string());
                Ok(Value::Int(now))
            }
            "EXPIRE" => {
                self.ttl.insert(word(1), word(2).parse().unwrap_or(0));
                Ok(Value::Int(1))
            }
            other => Err(server_error(&format!("unknown command '{other}'"))),
        }
    }

    fn req_packed_commands(&mut self, _: &[u8], _: usize, _: usize) -> RedisResult<Vec<Value>> {
        Err(server_error(
            "pipelines are not served by the in-memory stand-in",
        ))
    }

    fn get_db(&self) -> i64 {
        0
    }

    fn check_connection(&mut self) -> bool {
        true
    }

    fn is_open(&self) -> bool {
        true
    }
}
