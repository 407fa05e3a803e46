//! [`Inbound`]: a recorded inbound call, as the driver hands it over.

use std::fmt;
use std::sync::Arc;

use reprise_transcript::{Outcome, json_error_message};
use serde::Deserialize;
use serde_json::Value;

use crate::error::ReplayError;
use crate::recorded::CallRef;
use crate::session::Shared;

/// A recorded inbound call (a call into the component) that the driver
/// feeds to the driver's closure, which calls the real component with it.
///
/// A cheap handle (an index and two `Arc`s: the session, and the call's
/// arguments, parsed once when the driver hands the call over): it can be
/// cloned and moved into an async block.
///
/// ```
/// use reprise::replayer::{Outcome, Replay};
/// let replay = Replay::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
/// {"seq":0,"kind":"call","dir":"in","port":"api","method":"put","args":{"key":"a","value":2}}
/// {"seq":1,"kind":"return","call":0,"ok":null}
/// "#)?;
/// let report = replay.drive(|call| {
///     assert_eq!((call.seq(), call.port(), call.method()), (0, "api", "put"));
///     let key: &str = call.arg("key")?;
///     assert_eq!(key, "a");
///     assert_eq!(call.args()["value"], 2);
///     Ok(Outcome::ok(&())?)
/// });
/// report.assert_clean();
/// # Ok::<(), reprise::replayer::ReplayError>(())
/// ```
#[derive(Clone)]
pub struct Inbound {
    shared: Arc<Shared>,
    index: usize,
    /// The recorded arguments, parsed: the transcript keeps them raw.
    args: Arc<Value>,
}

impl Inbound {
    /// The handle for recorded inbound call `index`, with its recorded
    /// arguments (read back by the driver).
    pub(crate) fn new(shared: Arc<Shared>, index: usize, args: Arc<Value>) -> Inbound {
        Inbound {
            shared,
            index,
            args,
        }
    }

    fn call(&self) -> CallRef<'_> {
        self.shared.rec.inb(self.index)
    }

    /// The call's seq in the transcript.
    pub fn seq(&self) -> u64 {
        self.call().seq
    }

    /// The port the call came in on (`api`).
    pub fn port(&self) -> &str {
        &self.shared.rec.ports[self.call().port]
    }

    /// The method called.
    pub fn method(&self) -> &str {
        self.call().method
    }

    /// The recorded arguments.
    pub fn args(&self) -> &Value {
        &self.args
    }

    /// The recorded return, or `None` when the recording was cut short
    /// before the call returned.
    ///
    /// The transcript keeps payloads as JSON text: each call parses the
    /// return anew and hands over an owned [`Outcome`], so call it once and
    /// keep the result if it is needed more than once.
    ///
    /// ```
    /// # use reprise::replayer::{Outcome, Replay};
    /// # let replay = Replay::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
    /// # {"seq":0,"kind":"call","dir":"in","port":"api","method":"get","args":{"key":"a"}}
    /// # {"seq":1,"kind":"return","call":0,"ok":{"value":3}}
    /// # "#)?;
    /// replay.drive(|call| {
    ///     let recorded = call.recorded_return().expect("it returned");
    ///     assert_eq!(recorded, Outcome::Ok(serde_json::json!({"value": 3})));
    ///     Ok(recorded)
    /// })
    /// .assert_clean();
    /// # Ok::<(), reprise::replayer::ReplayError>(())
    /// ```
    pub fn recorded_return(&self) -> Option<Outcome> {
        self.shared.rec.outcome_shown(&self.call())
    }

    /// The argument `name` (a member of the arguments object), deserialised.
    /// It may borrow from the transcript (`&str`).
    ///
    /// ```
    /// # use reprise::replayer::{Outcome, Replay, ReplayError};
    /// # let replay = Replay::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
    /// # {"seq":0,"kind":"call","dir":"in","port":"api","method":"put","args":{"key":"a"}}
    /// # "#)?;
    /// replay.drive(|call| {
    ///     assert_eq!(call.arg::<String>("key")?, "a");
    ///     let missing = call.arg::<u64>("value").unwrap_err();
    ///     assert_eq!(missing.to_string(), "inbound call seq 0 `put`: argument value: the arguments have no member `value`");
    ///     Ok(Outcome::ok(&())?)
    /// });
    /// # Ok::<(), ReplayError>(())
    /// ```
    pub fn arg<'a, T: Deserialize<'a>>(&'a self, name: &str) -> Result<T, ReplayError> {
        let Some(value) = self.args().get(name) else {
            return Err(self.arg_error(name, format!("the arguments have no member `{name}`")));
        };
        T::deserialize(value).map_err(|e| {
            self.arg_error(
                name,
                format!(
                    "cannot be read as `{}`: {}",
                    std::any::type_name::<T>(),
                    json_error_message(&e)
                ),
            )
        })
    }

    /// All the arguments, deserialised into one type (a struct, or a tuple
    /// for arguments recorded as an array).
    ///
    /// ```
    /// # use reprise::replayer::{Outcome, Replay, ReplayError};
    /// # let replay = Replay::from_str(r#"{"reprise":1,"kind":"header","component":"kv"}
    /// # {"seq":0,"kind":"call","dir":"in","port":"api","method":"put","args":["a",20]}
    /// # "#)?;
    /// replay.drive(|call| {
    ///     let (key, value): (String, u64) = call.args_as()?;
    ///     assert_eq!((key.as_str(), value), ("a", 20));
    ///     Ok(Outcome::ok(&())?)
    /// });
    /// # Ok::<(), ReplayError>(())
    /// ```
    pub fn args_as<'a, T: Deserialize<'a>>(&'a self) -> Result<T, ReplayError> {
        T::deserialize(self.args()).map_err(|e| {
            self.arg_error(
                "$",
                format!(
                    "cannot be read as `{}`: {}",
                    std::any::type_name::<T>(),
                    json_error_message(&e)
                ),
            )
        })
    }

    fn arg_error(&self, name: &str, reason: String) -> ReplayError {
        ReplayError::Argument {
            seq: self.seq(),
            method: self.method().to_owned(),
            name: name.to_owned(),
            reason,
        }
    }
}

impl fmt::Debug for Inbound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Inbound")
            .field("seq", &self.seq())
            .field("port", &self.port())
            .field("method", &self.method())
            .field("args", self.args())
            .finish()
    }
}

impl ReplayError {
    /// The error for a recorded inbound call the driver's closure does not
    /// handle: it names the call's seq, port and method.
    ///
    /// ```
    /// use reprise::replayer::{FindingKind, Replay, ReplayError};
    /// let text = r#"{"reprise":1,"kind":"header","component":"kv"}
    /// {"seq":0,"kind":"call","dir":"in","port":"api","method":"frobnicate","args":{}}
    /// {"seq":1,"kind":"return","call":0,"ok":null}
    /// "#;
    /// let replay = Replay::from_str(text)?;
    /// let report = replay.drive(|call| Err(ReplayError::unknown_method(call)));
    /// assert_eq!(report.first().unwrap().kind, FindingKind::Error);
    /// assert!(report.first().unwrap().message.contains("unknown method `api.frobnicate`"));
    /// # Ok::<(), ReplayError>(())
    /// ```
    pub fn unknown_method(call: &Inbound) -> Self {
        ReplayError::UnknownMethod {
            seq: call.seq(),
            port: call.port().to_owned(),
            method: call.method().to_owned(),
        }
    }
}
