//! The relay's supervision: when one of its long-running tasks ends, the relay stops
//! serving, flushes its store, and reports the task.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::{relay, START};
use poc_proto::{Request, Response};
use poc_relay::TaskEnded;

/// Waits (at most 10 s of real time) for the relay to stop by itself.
async fn stopped(t: &mut common::TestRelay) -> anyhow::Error {
    tokio::time::timeout(Duration::from_secs(10), t.relay.stopped())
        .await
        .expect("the relay kept running after one of its tasks ended")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_task_that_fails_stops_the_relay_after_a_flush_and_is_named() {
    let mut t = relay(|_| {}).await;
    let a = t.custodian_connection().await;
    let answer = a
        .call(&Request::Submit {
            envelopes: vec![t.envelope(1, START + 3_600)],
        })
        .await;
    assert!(
        matches!(answer, Response::Submitted { stored: 1, .. }),
        "{answer:?}"
    );
    let (fail, failed) = tokio::sync::oneshot::channel::<()>();
    t.relay.supervise("injected", async move {
        let _ = failed.await;
        anyhow::bail!("the disk went away")
    });
    // The relay serves while every task runs.
    assert!(matches!(
        a.call(&Request::GetDirectory { have_serial: 0 }).await,
        Response::Directory(_)
    ));
    fail.send(()).unwrap();
    let error = stopped(&mut t).await;
    let ended = error
        .downcast_ref::<TaskEnded>()
        .expect("a TaskEnded error");
    assert_eq!(ended.task, "injected");
    assert_eq!(
        error.to_string(),
        "the relay's injected task failed: the disk went away"
    );
    // The relay no longer serves: open connections are closed.
    a.closed_by_relay().await;
    // The store was flushed and released: it opens again, with the envelope in it.
    let flushes = t.relay.flush_count();
    assert!(flushes >= 1);
    let addr = t.relay.local_addr;
    t.relay.stop().await.unwrap();
    // Its UDP port is released.
    std::net::UdpSocket::bind(addr).expect("the relay still holds its port");
    let store = poc_relay::store::SledStore::open(&t.data_dir, 1 << 20).unwrap();
    assert_eq!(store.envelope_count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_task_that_panics_or_returns_stops_the_relay_too() {
    let mut t = relay(|_| {}).await;
    t.relay
        .supervise("panicking", async { panic!("a bug in a task") });
    let error = stopped(&mut t).await;
    assert_eq!(error.to_string(), "the relay's panicking task panicked");

    let mut t = relay(|_| {}).await;
    t.relay.supervise("finishing", async { Ok(()) });
    let error = stopped(&mut t).await;
    assert_eq!(
        error.to_string(),
        "the relay's finishing task ended unexpectedly"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stop_asked_for_is_clean() {
    let t = relay(|_| {}).await;
    let _ = t.custodian_connection().await;
    t.relay.stop().await.unwrap();
}
