//! Driving an async component whose background tasks make outbound calls
//! after the inbound call that started them has returned.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use reprise_replayer::{FindingKind, Inbound, Matching, Outcome, Replay, ReplayError, ReplayPort};
use serde_json::json;

/// `submit` writes the job and returns at once; a background task then
/// publishes it to two subscribers. `status` was recorded after both
/// publications.
const WORKER: &str = r#"{"reprise":1,"kind":"header","component":"worker"}
{"seq":0,"kind":"state","label":"initial","state":{"subscribers":[1,2]}}
{"seq":1,"kind":"call","dir":"in","port":"api","method":"submit","args":{"job":7}}
{"seq":2,"kind":"call","dir":"out","port":"storage","method":"write","args":{"job":7}}
{"seq":3,"kind":"return","call":2,"ok":1}
{"seq":4,"kind":"return","call":1,"ok":"queued"}
{"seq":5,"kind":"call","dir":"out","port":"network","method":"publish","args":{"job":7,"to":1}}
{"seq":6,"kind":"return","call":5,"ok":null}
{"seq":7,"kind":"call","dir":"out","port":"network","method":"publish","args":{"job":7,"to":2}}
{"seq":8,"kind":"return","call":7,"ok":null}
{"seq":9,"kind":"call","dir":"in","port":"api","method":"status","args":{"job":7}}
{"seq":10,"kind":"return","call":9,"ok":"published"}
{"kind":"end","events":11,"dropped":0}
"#;

/// The async component under test.
#[derive(Clone)]
struct Worker {
    storage: ReplayPort,
    network: ReplayPort,
    subscribers: Vec<u32>,
    published: Arc<AtomicUsize>,
    delay: Duration,
}

impl Worker {
    fn new(replay: &Replay, subscribers: Vec<u32>) -> Worker {
        Worker {
            storage: replay.port("storage"),
            network: replay.port("network"),
            subscribers,
            published: Arc::new(AtomicUsize::new(0)),
            delay: Duration::from_millis(20),
        }
    }

    async fn submit(&self, job: u64) -> &'static str {
        let _version: u64 = self.storage.outbound("write", &json!({"job": job}));
        let this = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(this.delay).await;
            for &to in &this.subscribers {
                // Counted before the call: the driver feeds `status` once the
                // recorded calls before it are made, and work a background
                // task does after its last call would race with it (as it
                // did while recording).
                this.published.fetch_add(1, Ordering::SeqCst);
                let () = this
                    .network
                    .outbound("publish", &json!({"job": job, "to": to}));
                tokio::task::yield_now().await;
            }
        });
        "queued"
    }

    async fn status(&self, _job: u64) -> &'static str {
        if self.published.load(Ordering::SeqCst) == 2 {
            "published"
        } else {
            "pending"
        }
    }

    async fn handle(self, call: Inbound) -> Result<Outcome, ReplayError> {
        let job: u64 = call.arg("job")?;
        match call.method() {
            "submit" => Ok(Outcome::ok(self.submit(job).await)?),
            "status" => Ok(Outcome::ok(self.status(job).await)?),
            _ => Err(ReplayError::unknown_method(&call)),
        }
    }
}

#[tokio::test(flavor = "current_thread")]
async fn inbound_calls_wait_for_background_calls_recorded_before_them() {
    let replay = Replay::from_str(WORKER).expect("loads");
    let worker = Worker::new(&replay, vec![1, 2]);
    let report = replay.drive_async(|call| worker.clone().handle(call)).await;
    // `status` answers "published" only if it was fed after both publications.
    report.assert_clean();
    assert_eq!(report.counts(), (2, 3));
}

#[test]
fn waiting_for_background_calls_works_on_a_multi_threaded_runtime() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let replay = Replay::builder()
        .matching(Matching::PerPort)
        .from_str(WORKER)
        .expect("loads");
    let worker = Worker::new(&replay, vec![1, 2]);
    let report = runtime.block_on(replay.drive_async(|call| worker.clone().handle(call)));
    report.assert_clean();
}

#[tokio::test(flavor = "current_thread")]
async fn background_calls_never_made_are_missing_after_the_settle_timeout() {
    let replay = Replay::builder()
        .settle_timeout(Duration::from_millis(150))
        .stop_at_first(false)
        .from_str(WORKER)
        .expect("loads");
    let worker = Worker::new(&replay, vec![1]);
    let started = Instant::now();
    let report = replay.drive_async(|call| worker.clone().handle(call)).await;
    let kinds: Vec<(Option<u64>, FindingKind)> =
        report.findings().iter().map(|f| (f.seq, f.kind)).collect();
    assert_eq!(
        kinds,
        [
            (Some(7), FindingKind::MissingCall),
            (Some(9), FindingKind::ReturnDiffers)
        ]
    );
    assert!(
        report
            .first()
            .expect("finding")
            .message
            .ends_with("before inbound call #9 api.status was fed")
    );
    let waited = started.elapsed();
    assert!(waited >= Duration::from_millis(150), "waited {waited:?}");
    assert!(waited < Duration::from_secs(5), "waited {waited:?}");
}

#[tokio::test(flavor = "current_thread")]
async fn a_panic_inside_the_future_is_a_panic_finding() {
    let replay = Replay::from_str(WORKER).expect("loads");
    let report = replay
        .drive_async(async move |call| {
            if call.method() == "submit" {
                panic!("job {} has no owner", call.args()["job"]);
            }
            Ok(Outcome::ok(&())?)
        })
        .await;
    let finding = report.first().expect("finding");
    assert_eq!((finding.kind, finding.seq), (FindingKind::Panic, Some(1)));
    assert_eq!(
        finding.message,
        "the component panicked while handling inbound call #1 api.submit: job 7 has no owner"
    );
    // The calls `submit` never got to make follow from the panic: no more findings.
    assert_eq!(report.findings().len(), 1);
}

#[tokio::test(flavor = "current_thread")]
async fn an_unexpected_call_in_a_background_task_is_reported() {
    let replay = Replay::builder()
        .settle_timeout(Duration::from_millis(100))
        .from_str(WORKER)
        .expect("loads");
    let network = replay.port("network");
    let report = replay
        .drive_async(async |call| {
            if call.method() == "submit" {
                let _: u64 = network.outbound("write", &json!({"job": 7}));
            }
            Ok(Outcome::ok("queued")?)
        })
        .await;
    let finding = report.first().expect("finding");
    // The call has no recorded seq of its own: the finding borrows none, and
    // names the inbound call it was made in and the recorded call expected.
    assert_eq!(
        (finding.kind, finding.seq),
        (FindingKind::UnexpectedCall, None)
    );
    assert_eq!(finding.inbound.as_ref().map(|c| c.seq), Some(1));
    assert_eq!(
        finding.message,
        "the component called network.write, but the next recorded outbound call in inbound call #1 api.submit is #2 storage.write; inbound call #1 api.submit was stopped at this call"
    );
    assert_eq!(finding.candidates[0].seq, 2);
    assert_eq!(finding.candidates[0].mismatched, ["$.port"]);
}
