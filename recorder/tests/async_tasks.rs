//! Tokio tasks recording concurrently: `parent` follows the future being
//! polled across threads, `task` follows `in_task`.

mod common;

use std::collections::HashMap;

use reprise_recorder::{Clock, MemorySink, RecordedClock, Recorder, SystemClock, task};
use reprise_transcript::{Direction, Outcome};
use serde_json::json;

const TASKS: u64 = 6;
const ROUNDS: u64 = 25;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nested_calls_in_tokio_tasks_get_their_parent_and_task() {
    let sink = MemorySink::new();
    let recorder = Recorder::builder("async")
        .sink(sink.clone())
        .start(&())
        .expect("start");
    let mut handles = Vec::new();
    for t in 0..TASKS {
        let api = recorder.port("api");
        let net = recorder.port("network");
        let clock = RecordedClock::new(SystemClock, &recorder);
        handles.push(tokio::spawn(task::in_task(
            format!("worker-{t}"),
            async move {
                for round in 0..ROUNDS {
                    let reply = api
                        .inbound_async("on_message", &json!({"t": t, "round": round}), async {
                            net.outbound_async(
                                "send",
                                &json!({"t": t, "round": round, "hop": 0}),
                                async {
                                    tokio::task::yield_now().await;
                                },
                            )
                            .await;
                            tokio::task::yield_now().await;
                            let acked = net
                                .outbound_result_async(
                                    "send",
                                    &json!({"t": t, "round": round, "hop": 1}),
                                    async { Err::<(), _>(format!("peer {t} down")) },
                                )
                                .await;
                            assert!(acked.is_err());
                            clock.now_ns() > 0
                        })
                        .await;
                    assert!(reply);
                }
            },
        )));
    }
    for handle in handles {
        handle.await.expect("task");
    }
    // Outside any task and any call: neither `task` nor `parent`.
    recorder
        .port("network")
        .outbound_async("send", &"lone", async {})
        .await;
    recorder.finish().expect("finish");

    let read = common::read_bytes(&sink.contents());
    assert!(read.ending.is_clean());
    let calls: HashMap<u64, _> = read.calls().map(|c| (c.seq, c)).collect();
    let mut inbound = 0;
    let mut nested = 0;
    for call in calls.values() {
        if call.args == json!("lone") {
            assert_eq!((call.parent, call.task.as_deref()), (None, None));
            continue;
        }
        let task = call.task.as_deref().expect("every call in a task has it");
        match call.dir {
            Direction::In => {
                inbound += 1;
                assert_eq!(call.parent, None);
                assert_eq!(task, format!("worker-{}", call.args["t"]));
            }
            Direction::Out => {
                nested += 1;
                let parent = calls[&call.parent.expect("a nested call has a parent")];
                assert_eq!(parent.dir, Direction::In);
                assert_eq!(parent.task.as_deref(), Some(task));
                if call.port == "network" {
                    assert_eq!(call.args["t"], parent.args["t"]);
                    assert_eq!(call.args["round"], parent.args["round"]);
                } else {
                    assert_eq!((call.port.as_str(), call.method.as_str()), ("clock", "now"));
                    assert_eq!(call.args, json!({}));
                }
            }
        }
    }
    assert_eq!(inbound, TASKS * ROUNDS);
    assert_eq!(nested, TASKS * ROUNDS * 3);

    // Every call returns once, after it started; `Err` is recorded as `err`.
    let mut returned = HashMap::new();
    for ret in read.returns() {
        let call = calls[&ret.call];
        assert!(ret.seq > call.seq);
        assert!(returned.insert(ret.call, ()).is_none());
        if call.args.get("hop") == Some(&json!(1)) {
            assert_eq!(
                ret.outcome,
                Outcome::Err(json!(format!("peer {} down", call.args["t"])))
            );
        }
        if call.dir == Direction::In {
            assert_eq!(ret.outcome, Outcome::Ok(json!(true)));
        }
    }
    assert_eq!(returned.len(), calls.len());
}

#[tokio::test(flavor = "current_thread")]
async fn a_task_name_does_not_leak_out_of_its_future() {
    let sink = MemorySink::new();
    let recorder = Recorder::builder("async")
        .sink(sink.clone())
        .start(&())
        .expect("start");
    let net = recorder.port("network");
    let inside = tokio::spawn(task::in_task("inside", {
        let net = net.clone();
        async move {
            tokio::task::yield_now().await;
            net.outbound("send", &1, || ());
        }
    }));
    // Runs while `inside` is suspended, on the same thread.
    net.outbound("send", &2, || ());
    inside.await.expect("task");
    recorder.finish().expect("finish");
    let read = common::read_bytes(&sink.contents());
    let tasks: HashMap<String, Option<String>> = read
        .calls()
        .map(|c| (c.args.to_string(), c.task.clone()))
        .collect();
    assert_eq!(tasks["1"].as_deref(), Some("inside"));
    assert_eq!(tasks["2"], None);
}
