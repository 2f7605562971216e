//! A hostile member (one State, up to two member keys) against the relay's memory and budgets,
//! through a real `poc-relay` process on loopback: pushes to subscribers that never take
//! them, request frames announced and never sent, and large answers never read. Memory is
//! the relay's resident set (`VmRSS` in `/proc/<pid>/status`); every test also shows that
//! the other members still get through.

// Test helpers: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::process::Child;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use poc_client::ops::Identity;
use poc_proto::framing::PREFIX_BYTES;
use poc_proto::limits::{MAX_FRAME_BYTES, MAX_PAYLOAD_BYTES};
use poc_proto::{
    decode, encode, frame, unframe, Envelope, EnvelopeId, Notify, Priority, Request, Response,
    ENVELOPE_VERSION,
};
use poc_tests::raw::set_config;
use poc_tests::raw::{endpoint, is_ok, pin, raw_client_config, raw_connect, raw_connect_with, Raw};
use poc_tests::{messages, Network};

/// The relay's resident memory, in MiB.
fn rss_mib(net: &Network) -> u64 {
    let pid = net.relay.pid().expect("the relay runs");
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .expect("VmRSS in /proc/<pid>/status");
    kib / 1024
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// An envelope for `to`'s mailbox; the relay cannot read payloads, so any bytes do.
fn envelope(to: &Identity, id: u64, payload: usize) -> Envelope {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&id.to_be_bytes());
    Envelope {
        version: ENVELOPE_VERSION,
        id: EnvelopeId(bytes),
        to: poc_keys::mailbox_id(&to.key.signing_public()),
        priority: Priority::Low,
        expires_at: now() + 3_600,
        payload: vec![0x5a; payload],
    }
}

/// A logged-in connection of `who` whose client grants the relay no unidirectional stream:
/// every push to it waits for a stream that never comes.
async fn no_push_streams(net: &Network, who: &Identity) -> Raw {
    let mut config = raw_client_config(pin(net), false, true);
    let mut transport = quinn::TransportConfig::default();
    transport.keep_alive_interval(Some(Duration::from_secs(1)));
    transport.max_concurrent_uni_streams(0u32.into());
    config.transport_config(Arc::new(transport));
    let raw = raw_connect_with(endpoint(config), net).await.unwrap();
    assert!(is_ok(&raw.login(who).await));
    raw
}

async fn logged_in(net: &Network, who: &Identity) -> Raw {
    let raw = raw_connect(net).await.unwrap();
    assert!(is_ok(&raw.login(who).await));
    raw
}

/// The next Notify pushed on `raw`'s connection.
async fn next_notify(raw: &Raw) -> Notify {
    let mut recv = tokio::time::timeout(Duration::from_secs(30), raw.conn.accept_uni())
        .await
        .expect("a push within 30 s")
        .unwrap();
    let bytes = recv.read_to_end(PREFIX_BYTES + 1024).await.unwrap();
    decode(unframe(&bytes, 1024).unwrap()).unwrap()
}

/// Waits for a `poc` child, failing if it runs past `limit` (killed, so the test ends).
fn finishes_within(mut child: Child, limit: Duration, what: &str) -> std::process::Output {
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} did not finish within {limit:?}: it waited behind the attack");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscribers_that_never_take_their_pushes_cannot_grow_the_relay() {
    let mut net = Network::setup(&["FRA.technical", "MEX.technical"]);
    // A faster permitted rate only shortens the attack; what it does per request is the same.
    set_config(&net.relay.config, "requests_per_sec", "2000");
    set_config(&net.relay.config, "request_burst", "2000");
    net.relay.restart();
    let fra = net.poc("FRA.technical").unlock().unwrap();
    let mex = net.poc("MEX.technical").unlock().unwrap();

    // MEX, an honest subscriber, first sees that a duplicate submit pushes nothing: after
    // envelope 1 and its duplicate, the next push is envelope 2.
    let watcher = logged_in(&net, &mex).await;
    assert_eq!(
        watcher.call(&Request::Subscribe).await,
        Response::Subscribed
    );
    let sender = logged_in(&net, &fra).await;
    let first = envelope(&mex, 1, 64);
    for _ in 0..2 {
        assert!(is_ok(
            &sender
                .call(&Request::Submit {
                    envelopes: vec![first.clone()]
                })
                .await
        ));
    }
    assert_eq!(next_notify(&watcher).await.id, first.id);
    let second = envelope(&mex, 2, 64);
    assert!(is_ok(
        &sender
            .call(&Request::Submit {
                envelopes: vec![second.clone()]
            })
            .await
    ));
    assert_eq!(
        next_notify(&watcher).await.id,
        second.id,
        "the duplicate submit was pushed"
    );

    // FRA subscribes on every connection its key may open, each granting no push stream,
    // then submits 256 new envelopes to itself, deletes them, and again.
    let mut subscribed = Vec::new();
    for _ in 0..7 {
        let raw = no_push_streams(&net, &fra).await;
        assert_eq!(raw.call(&Request::Subscribe).await, Response::Subscribed);
        subscribed.push(raw);
    }
    let before = rss_mib(&net);
    let rounds = 150u64;
    let mut peak_late = 0;
    for round in 0..rounds {
        let batch: Vec<Envelope> = (0..256)
            .map(|i| envelope(&fra, 1_000 + round * 256 + i, 16))
            .collect();
        let ids: Vec<EnvelopeId> = batch.iter().map(|e| e.id).collect();
        let submit = Request::Submit { envelopes: batch };
        // The batch, then the same batch again as duplicates, then deleted.
        for _ in 0..2 {
            let submitted = sender.call(&submit).await;
            assert!(is_ok(&submitted), "{submitted:?}");
        }
        assert!(is_ok(&sender.call(&Request::Delete { ids }).await));
        if round >= rounds / 2 {
            peak_late = peak_late.max(rss_mib(&net));
        }
    }
    let after = rss_mib(&net);
    println!(
        "relay RSS: {before} MiB before, {after} MiB after {rounds} rounds of 256 pushes to 7 \
         connections, peak over the second half {peak_late} MiB"
    );
    // 150 rounds x 256 envelopes x 7 connections were 268 800 waiting pushes, one task each
    // before; now 7 queues of at most 32.
    assert!(
        peak_late.max(after) < before + 48,
        "the relay grew from {before} MiB to {} MiB",
        peak_late.max(after)
    );

    // The honest subscriber still hears of new mail.
    let third = envelope(&mex, 3, 64);
    assert!(is_ok(
        &sender
            .call(&Request::Submit {
                envelopes: vec![third.clone()]
            })
            .await
    ));
    assert_eq!(next_notify(&watcher).await.id, third.id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn frames_announced_and_never_sent_by_one_state_do_not_hold_up_the_others() {
    let mut net = Network::setup(&[
        "FRA.technical",
        "FRA.diplomatic",
        "MEX.technical",
        "GBR.technical",
    ]);
    // Long timeouts: the stalled frames are not reset during the test, so the others get
    // through because of the per-key shares and the budget of small requests alone.
    set_config(&net.relay.config, "idle_timeout_secs", "300");
    set_config(&net.relay.config, "request_stall_secs", "300");
    net.relay.restart();
    let keys = [
        net.poc("FRA.technical").unlock().unwrap(),
        net.poc("FRA.diplomatic").unlock().unwrap(),
    ];
    // Two keys of one State, 8 connections each, each announcing a largest frame and
    // sending nothing more: 16 x 20 MiB, more than the relay's 256 MiB request budget.
    let mut connections = Vec::new();
    for key in &keys {
        for _ in 0..8 {
            connections.push(logged_in(&net, key).await);
        }
    }
    let mut held = Vec::new();
    for raw in &connections {
        let (mut send, recv) = raw.conn.open_bi().await.unwrap();
        send.write_all(&(MAX_FRAME_BYTES as u32).to_be_bytes())
            .await
            .unwrap();
        held.push((send, recv));
    }
    tokio::time::sleep(Duration::from_millis(500)).await;

    // Another member sends a message and reads its inbox through the real client (small
    // frames: login, submit, fetch) ...
    let limit = Duration::from_secs(60);
    let send = net.poc("MEX.technical").spawn(&[
        "--json",
        "send",
        "--to",
        "GBR.technical",
        "--type",
        "text",
        "--priority",
        "low",
        "--field",
        "text=through the attack",
    ]);
    let sent = tokio::task::spawn_blocking(move || finishes_within(send, limit, "poc send"))
        .await
        .unwrap();
    assert!(sent.status.success(), "{sent:?}");
    let inbox = net.poc("GBR.technical").spawn(&["--json", "inbox"]);
    let inbox = tokio::task::spawn_blocking(move || finishes_within(inbox, limit, "poc inbox"))
        .await
        .unwrap();
    assert!(inbox.status.success(), "{inbox:?}");
    let document: serde_json::Value = serde_json::from_slice(&inbox.stdout).unwrap();
    assert_eq!(messages(&document).len(), 1, "{document}");

    // ... and a large submit (about 1 MiB) gets its room in the large budget.
    let mex = net.poc("MEX.technical").unlock().unwrap();
    let b = logged_in(&net, &mex).await;
    let large = Request::Submit {
        envelopes: vec![envelope(&mex, 7, MAX_PAYLOAD_BYTES)],
    };
    let answer = tokio::time::timeout(limit, b.call(&large))
        .await
        .expect("a large submit waited behind the attack");
    assert!(is_ok(&answer), "{answer:?}");
    drop(held);
    drop(connections);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn large_answers_that_are_never_read_hold_at_most_the_keys_share() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical").unlock().unwrap();
    let mex = net.poc("MEX.technical").unlock().unwrap();
    // About 24 MiB waits in FRA's mailbox: a Fetch answers with a page of nearly 20 MiB.
    let sender = logged_in(&net, &fra).await;
    for batch in 0..2u64 {
        let envelopes = (0..12)
            .map(|i| envelope(&fra, batch * 100 + i, MAX_PAYLOAD_BYTES - 4096))
            .collect();
        let stored = sender.call(&Request::Submit { envelopes }).await;
        assert!(is_ok(&stored), "{stored:?}");
    }
    drop(sender);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before = rss_mib(&net);
    // FRA's 8 connections each ask for a full page, with a 3-byte Fetch, and never read.
    let fetch = frame(
        &encode(&Request::Fetch {
            after: None,
            limit: 256,
        })
        .unwrap(),
    );
    let mut unread = Vec::new();
    for _ in 0..8 {
        let raw = logged_in(&net, &fra).await;
        let (mut send, recv) = raw.conn.open_bi().await.unwrap();
        send.write_all(&fetch).await.unwrap();
        send.finish().unwrap();
        unread.push((raw, send, recv));
    }
    // Sampled for 20 s, long enough for every one of the eight answers to be built.
    let mut peak = 0;
    for _ in 0..80 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        peak = peak.max(rss_mib(&net));
    }
    println!("relay RSS: {before} MiB before, peak {peak} MiB with 8 unread Fetch answers");
    // Before, each connection pinned its own answer and copies of it (about 300 MiB in all);
    // the key's share of the answer budget is 64 MiB.
    assert!(
        peak < before + 120,
        "the relay grew from {before} MiB to {peak} MiB"
    );
    // Another member fetches meanwhile.
    let b = logged_in(&net, &mex).await;
    let page = tokio::time::timeout(
        Duration::from_secs(60),
        b.call(&Request::Fetch {
            after: None,
            limit: 10,
        }),
    )
    .await
    .expect("another member's fetch waited behind the unread answers");
    assert!(matches!(page, Response::Envelopes { .. }), "{page:?}");
    drop(unread);
}
