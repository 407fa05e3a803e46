//! The tower layer end to end: an HTTP client recorded through
//! `RecordLayer` and replayed through `ReplayService`, a server recorded as
//! inbound calls and re-driven by `dispatch`, errors and panics.

use reprise::convert::ErrorText;
use reprise::recorder::{MemorySink, Recorder};
use reprise::replayer::{FindingKind, Replay};
use reprise::tower::http::Http;
use reprise::tower::{Codecs, RecordLayer, ReplayService, dispatch};
use tower::{BoxError, Layer, Service, ServiceExt};

type Request = http::Request<String>;
type Response = http::Response<String>;

fn codecs() -> Codecs<Http, Http, ErrorText> {
    Codecs::new()
        .request::<Http>()
        .response::<Http>()
        .error::<ErrorText>()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime")
}

/// The user's side of an HTTP API: answers `/stock/<sku>`, fails on `/down`.
fn stock_api() -> impl Service<Request, Response = Response, Error = BoxError> + Clone {
    tower::service_fn(|request: Request| async move {
        match request.uri().path() {
            "/down" => Err(BoxError::from("connection refused")),
            path => Ok(http::Response::builder()
                .status(200)
                .header("content-type", "application/json")
                .body(format!(r#"{{"sku":"{}","count":3}}"#, &path[7..]))?),
        }
    })
}

/// The component: a client that asks for stock and reports a summary.
async fn check_stock<S>(client: &mut S, skus: &[&str]) -> Vec<String>
where
    S: Service<Request, Response = Response, Error = BoxError>,
{
    let mut out = Vec::new();
    for sku in skus {
        let request = http::Request::get(format!("/stock/{sku}"))
            .header("accept", "application/json")
            .body(String::new())
            .expect("request");
        let answer = match client.ready().await {
            Ok(ready) => ready.call(request).await,
            Err(e) => Err(e),
        };
        out.push(match answer {
            Ok(response) => format!("{} {}", response.status().as_u16(), response.body()),
            Err(error) => format!("error: {error}"),
        });
    }
    let down = http::Request::get("/down")
        .body(String::new())
        .expect("request");
    if let Err(error) = client.ready().await.expect("ready").call(down).await {
        out.push(format!("error: {error}"));
    }
    out
}

fn record_client(skus: &[&str]) -> (String, Vec<String>) {
    let sink = MemorySink::new();
    let recorder = Recorder::builder("stock-client")
        .sink(sink.clone())
        .start(&())
        .expect("start");
    let mut client = RecordLayer::new(&recorder, "stock")
        .method("get")
        .codecs(codecs())
        .layer(stock_api());
    let seen = runtime().block_on(check_stock(&mut client, skus));
    recorder.finish().expect("finish");
    (sink.contents_string(), seen)
}

#[test]
fn an_http_client_is_recorded_and_replayed_without_a_network() {
    let (text, recorded) = record_client(&["apple"]);
    assert_eq!(
        recorded,
        [
            r#"200 {"sku":"apple","count":3}"#,
            "error: connection refused"
        ]
    );
    assert!(
        text.contains(r#""port":"stock","method":"get","args":{"method":"GET","uri":"/stock/apple","headers":{"accept":"application/json"}}"#),
        "{text}"
    );
    assert!(
        text.contains(r#""ok":{"status":200,"headers":{"content-type":"application/json"},"body":"{\"sku\":\"apple\",\"count\":3}"}"#),
        "{text}"
    );
    assert!(text.contains(r#""err":"connection refused""#), "{text}");

    let replay = Replay::from_str(&text).expect("replay");
    let mut client = ReplayService::<Response, BoxError>::new(&replay, "stock")
        .method("get")
        .codecs(codecs());
    let replayed = runtime().block_on(check_stock(&mut client, &["apple"]));
    assert_eq!(replayed, recorded);
    replay.finish().assert_clean();
}

#[test]
fn another_request_is_a_divergence_at_its_path() {
    let (text, _) = record_client(&["apple"]);
    let replay = Replay::from_str(&text).expect("replay");
    let mut client = ReplayService::<Response, BoxError>::new(&replay, "stock")
        .method("get")
        .codecs(codecs());
    runtime().block_on(check_stock(&mut client, &["pear"]));
    let report = replay.finish();
    let first = report.first().expect("a divergence");
    assert_eq!(
        (first.kind, first.port.as_str(), first.method.as_str()),
        (FindingKind::ArgumentsDiffer, "stock", "get")
    );
    assert_eq!(first.paths, ["$.args.uri"]);
}

#[test]
fn a_server_is_recorded_inbound_and_redriven_by_dispatch() {
    let sink = MemorySink::new();
    let recorder = Recorder::builder("stock-server")
        .sink(sink.clone())
        .start(&())
        .expect("start");
    let mut server = RecordLayer::inbound(&recorder, "http")
        .codecs(codecs())
        .layer(stock_api());
    let rt = runtime();
    rt.block_on(async {
        for path in ["/stock/kiwi", "/down"] {
            let request = http::Request::get(path)
                .body(String::new())
                .expect("request");
            let _ = server.ready().await.expect("ready").call(request).await;
        }
    });
    recorder.finish().expect("finish");
    let text = sink.contents_string();
    assert!(
        text.contains(r#""dir":"in","port":"http","method":"call""#),
        "{text}"
    );

    let replay = Replay::from_str(&text).expect("replay");
    let mut server = stock_api();
    let report =
        rt.block_on(replay.drive_async(async |call| dispatch(&mut server, &call, codecs()).await));
    report.assert_clean();
}

#[test]
fn a_panicking_service_is_recorded_as_a_panic() {
    let sink = MemorySink::new();
    let recorder = Recorder::builder("c")
        .sink(sink.clone())
        .start(&())
        .expect("start");
    let mut service =
        RecordLayer::new(&recorder, "p").layer(tower::service_fn(|n: u32| async move {
            if n > 1 {
                panic!("too big: {n}");
            }
            Ok::<u32, String>(n)
        }));
    let rt = runtime();
    assert_eq!(rt.block_on(service.call(1)), Ok(1));
    let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        rt.block_on(service.call(2))
    }));
    assert!(panicked.is_err());
    recorder.finish().expect("finish");
    assert!(sink.contents_string().contains(r#""panic":"too big: 2""#));
}
