//! Recording and replaying a `tower::Service` (feature `tower`): the
//! boundary of most Rust network clients and servers (hyper, tonic, axum,
//! and many SDKs).
//!
//! - [`RecordLayer`] wraps any `Service<Req>` in a [`RecordService`] that
//!   records each call: the request when `call` is made, the response (or
//!   error) when its future completes, on one port. A client's service is
//!   recorded as outbound calls ([`RecordLayer::new`]); a server's as
//!   inbound calls ([`RecordLayer::inbound`]).
//! - [`ReplayService`] stands in for an outbound service in replay: it
//!   matches each call to the recorded one, compares the request and
//!   serves the recorded response or error, without any network.
//! - [`dispatch`] re-drives a server's service from a recorded inbound
//!   call, for `Replay::drive_async`.
//!
//! The request, response and error cross the boundary through
//! [`Codec`]s chosen with [`Codecs`]: [`Serde`] for serde types (the
//! default), [`Via`](crate::convert::Via) for a mirror,
//! [`ErrorText`](crate::convert::ErrorText) for a boxed error,
//! [`Never`](crate::convert::Never) for `Infallible`, and [`http::Http`]
//! for `http::Request` and `http::Response`, with bodies as text (or base64
//! when they are not UTF-8).
//!
//! A call is recorded with the method name `call` unless
//! [`RecordLayer::method`] says otherwise, its request as `args` and its
//! response as `ok` (its error as `err`). `poll_ready` is not recorded:
//! it is back-pressure, not a call; the stand-in is always ready.
//!
//! ```
//! use reprise::recorder::{MemorySink, Recorder};
//! use reprise::replayer::Replay;
//! use reprise::tower::{RecordLayer, ReplayService};
//! use tower::{Service, ServiceBuilder, ServiceExt};
//!
//! # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
//! // A client of a price service.
//! let prices = tower::service_fn(|sku: String| async move {
//!     Ok::<u64, String>(if sku == "apple" { 120 } else { 80 })
//! });
//!
//! // Record: the layer wraps the real service.
//! let sink = MemorySink::new();
//! let recorder = Recorder::builder("shop").sink(sink.clone()).start(&())?;
//! let mut client = ServiceBuilder::new()
//!     .layer(RecordLayer::new(&recorder, "prices").method("price"))
//!     .service(prices);
//! let price = ServiceExt::<String>::ready(&mut client).await?.call("apple".to_owned()).await?;
//! assert_eq!(price, 120);
//! recorder.finish()?;
//! assert!(sink.contents_string().contains(r#""port":"prices","method":"price","args":"apple""#));
//!
//! // Replay: the stand-in serves the recorded price.
//! let replay = Replay::from_str(&sink.contents_string())?;
//! let mut client = ReplayService::<u64, String>::new(&replay, "prices").method("price");
//! let price = ServiceExt::<String>::ready(&mut client).await?.call("apple".to_owned()).await?;
//! assert_eq!(price, 120);
//! replay.finish().assert_clean();
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod http;

use std::future::Future;
use std::marker::PhantomData;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use tower_layer::Layer;
use tower_service::Service;

use crate::convert::{Codec, Decoded, Encoded, Serde};
use reprise_recorder::{Direction, PendingCall, Port, Recorder};
use reprise_replayer::{Inbound, Outcome, Replay, ReplayError, ReplayPort};

/// The codecs of a service's request `Q`, response `P` and error `E`;
/// [`Serde`] for each unless set. A value with no data: it carries types.
///
/// ```
/// use reprise::convert::ErrorText;
/// use reprise::tower::{Codecs, http::Http};
/// let codecs = Codecs::new().request::<Http>().response::<Http>().error::<ErrorText>();
/// # let _ = codecs;
/// ```
pub struct Codecs<Q = Serde, P = Serde, E = Serde>(Types<(Q, P, E)>);

/// Carries types, and nothing else.
type Types<T> = PhantomData<fn() -> T>;

impl Codecs {
    /// Every part as it is ([`Serde`]).
    pub fn new() -> Self {
        Codecs(PhantomData)
    }
}

impl Default for Codecs {
    fn default() -> Self {
        Codecs::new()
    }
}

impl<Q, P, E> Clone for Codecs<Q, P, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Q, P, E> Copy for Codecs<Q, P, E> {}

impl<Q, P, E> std::fmt::Debug for Codecs<Q, P, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Codecs")
    }
}

impl<Q, P, E> Codecs<Q, P, E> {
    /// The request's codec.
    pub fn request<Q2>(self) -> Codecs<Q2, P, E> {
        Codecs(PhantomData)
    }
    /// The response's codec.
    pub fn response<P2>(self) -> Codecs<Q, P2, E> {
        Codecs(PhantomData)
    }
    /// The error's codec.
    pub fn error<E2>(self) -> Codecs<Q, P, E2> {
        Codecs(PhantomData)
    }
}

/// A `tower::Layer` that records every call through the service it wraps,
/// on one port: see the [module docs](self).
///
/// Defaults: outbound, method name `call`, every part through [`Serde`].
pub struct RecordLayer<Q = Serde, P = Serde, E = Serde> {
    port: Port,
    dir: Direction,
    method: Arc<str>,
    codecs: Codecs<Q, P, E>,
}

impl<Q, P, E> std::fmt::Debug for RecordLayer<Q, P, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordLayer")
            .field("port", &self.port)
            .field("dir", &self.dir)
            .field("method", &self.method)
            .finish()
    }
}

impl<Q, P, E> Clone for RecordLayer<Q, P, E> {
    fn clone(&self) -> Self {
        RecordLayer {
            port: self.port.clone(),
            dir: self.dir,
            method: self.method.clone(),
            codecs: self.codecs,
        }
    }
}

impl RecordLayer {
    /// Records a client's calls (outbound) on `recorder`'s port `port`.
    ///
    /// ```
    /// # let recorder = reprise::recorder::Recorder::builder("c").sink(reprise::recorder::MemorySink::new()).start(&())?;
    /// let layer = reprise::tower::RecordLayer::new(&recorder, "billing");
    /// # let _ = layer;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(recorder: &Recorder, port: &str) -> Self {
        RecordLayer::with_port(recorder.port(port), Direction::Out)
    }

    /// Records a server's calls (inbound: requests from the outside world)
    /// on `recorder`'s port `port`. Replay them with [`dispatch`].
    ///
    /// ```
    /// # let recorder = reprise::recorder::Recorder::builder("c").sink(reprise::recorder::MemorySink::new()).start(&())?;
    /// let layer = reprise::tower::RecordLayer::inbound(&recorder, "http");
    /// # let _ = layer;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn inbound(recorder: &Recorder, port: &str) -> Self {
        RecordLayer::with_port(recorder.port(port), Direction::In)
    }

    /// Records on `port`, in direction `dir`.
    ///
    /// ```
    /// # let recorder = reprise::recorder::Recorder::builder("c").sink(reprise::recorder::MemorySink::new()).start(&())?;
    /// use reprise::recorder::Direction;
    /// let layer = reprise::tower::RecordLayer::with_port(recorder.port("api"), Direction::In);
    /// # let _ = layer;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_port(port: Port, dir: Direction) -> Self {
        RecordLayer {
            port,
            dir,
            method: Arc::from("call"),
            codecs: Codecs::new(),
        }
    }
}

impl<Q, P, E> RecordLayer<Q, P, E> {
    /// The method name calls are recorded under (default `call`).
    ///
    /// ```
    /// # let recorder = reprise::recorder::Recorder::builder("c").sink(reprise::recorder::MemorySink::new()).start(&())?;
    /// let layer = reprise::tower::RecordLayer::new(&recorder, "billing").method("charge");
    /// # let _ = layer;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn method(mut self, name: &str) -> Self {
        self.method = Arc::from(name);
        self
    }

    /// How the request, response and error are written (default: [`Serde`]).
    ///
    /// ```
    /// # let recorder = reprise::recorder::Recorder::builder("c").sink(reprise::recorder::MemorySink::new()).start(&())?;
    /// use reprise::tower::{Codecs, RecordLayer, http::Http};
    /// let layer = RecordLayer::new(&recorder, "web").codecs(Codecs::new().request::<Http>().response::<Http>());
    /// # let _ = layer;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn codecs<Q2, P2, E2>(self, codecs: Codecs<Q2, P2, E2>) -> RecordLayer<Q2, P2, E2> {
        RecordLayer {
            port: self.port,
            dir: self.dir,
            method: self.method,
            codecs,
        }
    }
}

impl<S, Q, P, E> Layer<S> for RecordLayer<Q, P, E> {
    type Service = RecordService<S, Q, P, E>;

    fn layer(&self, inner: S) -> Self::Service {
        RecordService {
            inner,
            layer: self.clone(),
        }
    }
}

/// A service that records every call through the service it wraps: made
/// by [`RecordLayer`]. It is as ready as the inner service.
pub struct RecordService<S, Q = Serde, P = Serde, E = Serde> {
    inner: S,
    layer: RecordLayer<Q, P, E>,
}

impl<S: std::fmt::Debug, Q, P, E> std::fmt::Debug for RecordService<S, Q, P, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordService")
            .field("inner", &self.inner)
            .field("layer", &self.layer)
            .finish()
    }
}

impl<S: Clone, Q, P, E> Clone for RecordService<S, Q, P, E> {
    fn clone(&self) -> Self {
        RecordService {
            inner: self.inner.clone(),
            layer: self.layer.clone(),
        }
    }
}

impl<S, Q, P, E> RecordService<S, Q, P, E> {
    /// The wrapped service.
    ///
    /// ```
    /// # let recorder = reprise::recorder::Recorder::builder("c").sink(reprise::recorder::MemorySink::new()).start(&())?;
    /// use tower::Layer;
    /// let service = reprise::tower::RecordLayer::new(&recorder, "p").layer(7u8);
    /// assert_eq!(*service.inner(), 7);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn inner(&self) -> &S {
        &self.inner
    }

    /// Unwraps the service.
    ///
    /// ```
    /// # let recorder = reprise::recorder::Recorder::builder("c").sink(reprise::recorder::MemorySink::new()).start(&())?;
    /// use tower::Layer;
    /// let service = reprise::tower::RecordLayer::new(&recorder, "p").layer(7u8);
    /// assert_eq!(service.into_inner(), 7);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_inner(self) -> S {
        self.inner
    }
}

impl<S, Req, Q, P, E> Service<Req> for RecordService<S, Q, P, E>
where
    S: Service<Req>,
    Q: Codec<Req>,
    P: Codec<S::Response>,
    E: Codec<S::Error>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = RecordFuture<S::Future, P, E>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Req) -> Self::Future {
        let layer = &self.layer;
        let call =
            layer
                .port
                .begin_owned(layer.dir, &layer.method, &Encoded::<Req, Q>::new(&request));
        let inner = {
            let _current = call.enter();
            self.inner.call(request)
        };
        RecordFuture {
            inner,
            call: Some(call),
            codecs: PhantomData,
        }
    }
}

pin_project_lite::pin_project! {
    /// The response future of a [`RecordService`]: the call is current
    /// while it is polled (calls made inside get it as `parent`), and its
    /// output is recorded when it completes; a panic is recorded as the
    /// call's return, then goes on.
    pub struct RecordFuture<F, P, E> {
        #[pin]
        inner: F,
        call: Option<PendingCall<'static>>,
        codecs: PhantomData<fn() -> (P, E)>,
    }
}

impl<F, T, Er, P, E> Future for RecordFuture<F, P, E>
where
    F: Future<Output = Result<T, Er>>,
    P: Codec<T>,
    E: Codec<Er>,
{
    type Output = Result<T, Er>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let polled = {
            let _current = this.call.as_ref().map(PendingCall::enter);
            let inner = this.inner;
            std::panic::catch_unwind(AssertUnwindSafe(|| inner.poll(cx)))
        };
        match polled {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(output)) => {
                if let Some(call) = this.call.take() {
                    match &output {
                        Ok(response) => call.finish_ok(&Encoded::<T, P>::new(response)),
                        Err(error) => call.finish_err(&Encoded::<Er, E>::new(error)),
                    }
                }
                Poll::Ready(output)
            }
            Err(payload) => {
                if let Some(call) = this.call.take() {
                    call.finish_panic(&panic_message(&*payload));
                }
                std::panic::resume_unwind(payload)
            }
        }
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&'static str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(a panic payload that is not a string)".to_owned()
    }
}

/// Stands in for an outbound `Service` in replay: each call is matched to
/// the recorded one on its port, the request compared, and the recorded
/// response (or error) served; it never performs I/O and is always ready.
/// `Resp` and `Err` are the service's response and error types.
///
/// ```
/// use reprise::replayer::Replay;
/// use reprise::tower::ReplayService;
/// use tower::{Service, ServiceExt};
///
/// let replay = Replay::from_str(r#"{"reprise":1,"kind":"header","component":"shop"}
/// {"seq":0,"kind":"call","dir":"out","port":"prices","method":"call","args":"pear"}
/// {"seq":1,"kind":"return","call":0,"err":"unknown sku"}
/// "#)?;
/// let mut prices = ReplayService::<u64, String>::new(&replay, "prices");
/// let rt = tokio::runtime::Builder::new_current_thread().build()?;
/// let price = rt.block_on(async {
///     ServiceExt::<String>::ready(&mut prices).await?.call("pear".to_owned()).await
/// });
/// assert_eq!(price, Err("unknown sku".to_owned()));
/// replay.finish().assert_clean();
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct ReplayService<Resp, Err, Q = Serde, P = Serde, E = Serde> {
    port: ReplayPort,
    method: Arc<str>,
    codecs: Codecs<Q, P, E>,
    types: PhantomData<fn() -> (Resp, Err)>,
}

impl<Resp, Err, Q, P, E> Clone for ReplayService<Resp, Err, Q, P, E> {
    fn clone(&self) -> Self {
        ReplayService {
            port: self.port.clone(),
            method: self.method.clone(),
            codecs: self.codecs,
            types: PhantomData,
        }
    }
}

impl<Resp, Err, Q, P, E> std::fmt::Debug for ReplayService<Resp, Err, Q, P, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReplayService")
            .field("port", &self.port)
            .field("method", &self.method)
            .finish()
    }
}

impl<Resp, Err> ReplayService<Resp, Err> {
    /// A stand-in served from `replay`'s port `port`.
    ///
    /// ```
    /// # let replay = reprise::replayer::Replay::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n")?;
    /// let prices = reprise::tower::ReplayService::<u64, String>::new(&replay, "prices");
    /// # let _ = prices;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(replay: &Replay, port: &str) -> Self {
        ReplayService::with_port(replay.port(port))
    }

    /// A stand-in served from `port`.
    ///
    /// ```
    /// # let replay = reprise::replayer::Replay::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n")?;
    /// let prices = reprise::tower::ReplayService::<u64, String>::with_port(replay.port("prices"));
    /// # let _ = prices;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_port(port: ReplayPort) -> Self {
        ReplayService {
            port,
            method: Arc::from("call"),
            codecs: Codecs::new(),
            types: PhantomData,
        }
    }
}

impl<Resp, Err, Q, P, E> ReplayService<Resp, Err, Q, P, E> {
    /// The method name the calls were recorded under (default `call`).
    ///
    /// ```
    /// # let replay = reprise::replayer::Replay::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n")?;
    /// let prices = reprise::tower::ReplayService::<u64, String>::new(&replay, "prices").method("price");
    /// # let _ = prices;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn method(mut self, name: &str) -> Self {
        self.method = Arc::from(name);
        self
    }

    /// How the request, response and error were written (default: [`Serde`]).
    ///
    /// ```
    /// # let replay = reprise::replayer::Replay::from_str("{\"reprise\":1,\"kind\":\"header\",\"component\":\"c\"}\n")?;
    /// use reprise::convert::ErrorText;
    /// use reprise::tower::{Codecs, ReplayService, http::Http};
    /// type BoxError = Box<dyn std::error::Error + Send + Sync>;
    /// let web = ReplayService::<http::Response<String>, BoxError>::new(&replay, "web")
    ///     .codecs(Codecs::new().request::<Http>().response::<Http>().error::<ErrorText>());
    /// # let _ = web;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn codecs<Q2, P2, E2>(
        self,
        codecs: Codecs<Q2, P2, E2>,
    ) -> ReplayService<Resp, Err, Q2, P2, E2> {
        ReplayService {
            port: self.port,
            method: self.method,
            codecs,
            types: PhantomData,
        }
    }
}

impl<Req, Resp, Err, Q, P, E> Service<Req> for ReplayService<Resp, Err, Q, P, E>
where
    Q: Codec<Req>,
    P: Codec<Resp>,
    E: Codec<Err>,
{
    type Response = Resp;
    type Error = Err;
    type Future = std::future::Ready<Result<Resp, Err>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Req) -> Self::Future {
        let served = self
            .port
            .outbound_result::<_, Decoded<Resp, P>, Decoded<Err, E>>(
                &self.method,
                &Encoded::<Req, Q>::new(&request),
            );
        std::future::ready(served.map(Decoded::into_inner).map_err(Decoded::into_inner))
    }
}

/// Re-drives a server's `service` with the request of a recorded inbound
/// `call`, read through the codecs, and returns what it answered as the
/// driver's [`Outcome`]: for [`Replay::drive_async`](reprise_replayer::Replay::drive_async).
///
/// ```
/// use reprise::recorder::{MemorySink, Recorder};
/// use reprise::replayer::Replay;
/// use reprise::tower::{Codecs, RecordLayer, dispatch};
/// use tower::{Layer, Service, ServiceExt};
///
/// # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
/// let greet = || tower::service_fn(|name: String| async move { Ok::<_, String>(format!("hi {name}")) });
///
/// // Record the server's requests as inbound calls.
/// let sink = MemorySink::new();
/// let recorder = Recorder::builder("greeter").sink(sink.clone()).start(&())?;
/// let mut server = RecordLayer::inbound(&recorder, "api").layer(greet());
/// ServiceExt::<String>::ready(&mut server).await?.call("ada".to_owned()).await?;
/// recorder.finish()?;
///
/// // Replay them against the server.
/// let replay = Replay::from_str(&sink.contents_string())?;
/// let mut server = greet();
/// let report = replay
///     .drive_async(async |call| dispatch(&mut server, &call, Codecs::new()).await)
///     .await;
/// report.assert_clean();
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub async fn dispatch<S, Req, Q, P, E>(
    service: &mut S,
    call: &Inbound,
    _codecs: Codecs<Q, P, E>,
) -> Result<Outcome, ReplayError>
where
    S: Service<Req>,
    Q: Codec<Req>,
    P: Codec<S::Response>,
    E: Codec<S::Error>,
{
    let request = Decoded::<Req, Q>::deserialize_from(call.args())?;
    let ready = std::future::poll_fn(|cx| service.poll_ready(cx)).await;
    let answer = match ready {
        Ok(()) => service.call(request).await,
        Err(error) => Err(error),
    };
    Ok(match &answer {
        Ok(response) => Outcome::Ok(serde_json::to_value(Encoded::<_, P>::new(response))?),
        Err(error) => Outcome::Err(serde_json::to_value(Encoded::<_, E>::new(error))?),
    })
}

impl<T, C: Codec<T>> Decoded<T, C> {
    /// Reads a recorded request.
    fn deserialize_from(args: &serde_json::Value) -> Result<T, ReplayError> {
        <Decoded<T, C> as serde::Deserialize>::deserialize(args)
            .map(Decoded::into_inner)
            .map_err(|e| ReplayError::msg(format!("the recorded request cannot be read: {e}")))
    }
}
