//! The asynchronous shapes: native `async fn`, `impl Future` returns,
//! `#[async_trait]` above and below `#[reprise::boundary]`, `?Send`.
#![deny(warnings, missing_docs)]

use std::future::Future;

use async_trait::async_trait;

/// Native `async fn` and `impl Future + Send`.
#[reprise::boundary]
#[allow(async_fn_in_trait)]
pub trait Native {
    /// Native async.
    async fn append(&mut self, entry: String) -> std::io::Result<u64>;
    /// A `Send` future.
    fn read(&self, index: u64) -> impl Future<Output = Option<String>> + Send;
    /// Sync methods may sit beside async ones.
    fn len(&self) -> usize;
    /// Skipped, delegated.
    #[reprise(skip)]
    async fn flush(&self);
}

/// `#[reprise::boundary]` first: it sees `async fn`.
#[reprise::boundary]
#[async_trait]
pub trait BoundaryFirst {
    /// Async.
    async fn send(&self, to: u32, msg: &[u8]) -> Result<(), String>;
    /// Default.
    async fn ping(&self) -> u64 {
        1
    }
}

/// `#[async_trait]` first: it sees the boxed futures.
#[async_trait]
#[reprise::boundary]
pub trait AsyncTraitFirst {
    /// Async.
    async fn send(&mut self, to: u32, msg: &str) -> Result<u64, String>;
    /// Skipped.
    #[reprise(skip)]
    async fn close(&mut self);
}

/// `?Send` futures: no `Send + Sync` needed of the wrapped type.
#[reprise::boundary]
#[async_trait(?Send)]
pub trait Local {
    /// Async.
    async fn get(&self, key: String) -> Option<String>;
}

/// An async inbound API: the dispatcher is an `async fn`.
#[async_trait]
#[reprise::boundary(inbound, port = "api")]
pub trait Api {
    /// Async.
    async fn on_message(&mut self, from: u32, msg: String) -> Result<Vec<u64>, String>;
    /// Sync.
    fn on_tick(&mut self) -> u64;
}

/// A native-async inbound API.
#[reprise::boundary(inbound)]
#[allow(async_fn_in_trait)]
pub trait NativeApi {
    /// Async.
    async fn handle(&self, request: String) -> String;
}

fn send_sync<T: Send + Sync>() {}
fn is_send<T: Send>(_: &T) {}

#[allow(dead_code)]
async fn uses(
    recorder: &reprise::recorder::Recorder,
    replay: &reprise::replayer::Replay,
    call: reprise::replayer::Inbound,
    first: Box<dyn BoundaryFirst + Send + Sync>,
    second: Box<dyn AsyncTraitFirst + Send + Sync>,
    api: &mut (dyn Api + Send),
) -> Result<(), reprise::replayer::ReplayError> {
    let recorded = RecordedBoundaryFirst::new(first, recorder);
    let future = recorded.send(1, b"hi");
    is_send(&future);
    let _ = future.await;
    let _: Box<dyn BoundaryFirst + Send + Sync> = Box::new(ReplayBoundaryFirst::new(replay));
    let mut recorded = RecordedAsyncTraitFirst::new(second, recorder);
    let _ = recorded.send(1, "hi").await;
    recorded.close().await;
    let _: Box<dyn AsyncTraitFirst + Send + Sync> = Box::new(ReplayAsyncTraitFirst::new(replay));
    send_sync::<ReplayNative>();
    let stand_in = ReplayNative::new(replay);
    is_send(&stand_in.read(1));
    let _: Box<dyn Local> = Box::new(ReplayLocal::new(replay));
    let _ = ApiDispatcher::dispatch(api, &call).await?;
    Ok(())
}

fn main() {}
