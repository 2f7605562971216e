//! The relay on a disk that fails: its store on the forgetting file system
//! ([`poc_tests::forgetful`]), one fault injected at a time, through the real `poc-relay` and
//! clients logged in with enrolled PoCs' keys.
//!
//! - A full disk (ENOSPC, no free space reported): new envelopes are refused with the typed
//!   `StorageFailure` refusal, what is stored can still be fetched, and submits work again
//!   once space returns.
//! - A failed sync (EIO): the submit is refused, the relay writes nothing more until it is
//!   restarted (a later sync could succeed without the data the failed one dropped), says so
//!   in its log and in its metrics (`poc_relay_writes_stopped 1`), keeps serving the mailbox
//!   (without the refused envelope, whose record stays in sled until the restart), and works
//!   again after the restart.
//! - A disk that fills up after the relay checked its free space (ENOSPC on the write itself):
//!   the submit is refused with `StorageFailure`, the mailbox can still be fetched, and once
//!   space returns submits work again; if sled's own log write failed, sled keeps that error,
//!   so the relay refuses writes until a restart and says so (`poc_relay_writes_stopped 1`).
//! - Short writes and slow syncs: every envelope is stored, intact.

// Test helpers: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use poc_client::home::RelayAddress;
use poc_client::ops::Identity;
use poc_client::transport::{ClientOptions, RelayClient, RetryPolicy, TransportError};
use poc_proto::request::ErrorCode;
use poc_proto::{Envelope, EnvelopeId, Priority, ENVELOPE_VERSION};
use poc_tests::forgetful::{Fault, Forgetful, Model};
use poc_tests::raw::{enable_metrics, metrics_text};
use poc_tests::{powercut, Network};

struct Faulty {
    net: Network,
    fs: Forgetful,
    runtime: tokio::runtime::Runtime,
    sender: Arc<Identity>,
    recipient: Arc<Identity>,
    relay: RelayAddress,
    /// Expiry of every test envelope.
    expires_at: u64,
}

fn setup() -> Faulty {
    assert!(
        poc_tests::forgetful::available(),
        "the forgetting file system needs /dev/fuse and fusermount3 (Debian package fuse3; tests/run.sh installs it)"
    );
    let mut net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fs = powercut::store_on_forgetful(&mut net, Model::Posix).unwrap();
    let sender = Arc::new(net.poc("FRA.technical").unlock().unwrap());
    let recipient = Arc::new(net.poc("MEX.technical").unlock().unwrap());
    let relay = sender.config.relay.clone().unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    Faulty {
        net,
        fs,
        runtime,
        sender,
        recipient,
        relay,
        expires_at: poc_client::clock::Clock::system().now() + 86_400,
    }
}

fn options() -> ClientOptions {
    ClientOptions {
        retry: RetryPolicy::none(),
        ..ClientOptions::default()
    }
}

impl Faulty {
    fn envelope(&self, n: u8) -> Envelope {
        let mut id = [0u8; 16];
        id[..4].copy_from_slice(b"FLT!");
        id[15] = n;
        Envelope {
            version: ENVELOPE_VERSION,
            id: EnvelopeId(id),
            to: self.recipient.key.mailbox(),
            priority: Priority::High,
            expires_at: self.expires_at,
            payload: vec![n; 300],
        }
    }

    /// Submits envelope `n` on a new connection.
    fn submit(&self, n: u8) -> Result<(u32, u32), TransportError> {
        let envelope = self.envelope(n);
        self.runtime.block_on(async {
            let client =
                RelayClient::connect_with(&self.relay, &self.sender.key, options()).await?;
            let result = client.submit(vec![envelope]).await;
            client.close().await;
            result
        })
    }

    /// The numbers of the test envelopes in the recipient's mailbox, each checked intact.
    fn stored(&self) -> Vec<u8> {
        self.runtime.block_on(async {
            let client = RelayClient::connect_with(&self.relay, &self.recipient.key, options())
                .await
                .unwrap();
            let (envelopes, _) = client.fetch_all().await.unwrap();
            client.close().await;
            let mut numbers: Vec<u8> = envelopes
                .iter()
                .filter(|e| e.id.0[..4] == *b"FLT!")
                .map(|e| {
                    assert_eq!(*e, self.envelope(e.id.0[15]), "an envelope was altered");
                    e.id.0[15]
                })
                .collect();
            numbers.sort();
            numbers
        })
    }
}

/// The `writes_stopped` line of the relay's metrics on `port`.
fn writes_stopped(port: u16) -> String {
    let text = metrics_text(port);
    text.lines()
        .find(|l| l.starts_with("poc_relay_writes_stopped "))
        .unwrap_or_else(|| panic!("no writes_stopped gauge in:\n{text}"))
        .to_owned()
}

fn refusal_code(error: &TransportError) -> Option<ErrorCode> {
    match error.last() {
        TransportError::Refused(refusal) => Some(refusal.code),
        _ => None,
    }
}

#[test]
fn a_full_disk_refuses_new_envelopes_keeps_serving_reads_and_recovers() {
    let f = setup();
    f.submit(1).unwrap();
    f.fs.inject(Fault::NoSpace);
    let error = f.submit(2).unwrap_err();
    assert_eq!(
        refusal_code(&error),
        Some(ErrorCode::StorageFailure),
        "{error}"
    );
    assert!(error.to_string().contains("disk is nearly full"), "{error}");
    assert_eq!(f.stored(), [1]);
    f.fs.clear_faults();
    f.submit(2).unwrap();
    assert_eq!(f.stored(), [1, 2]);
}

#[test]
fn a_failed_sync_stops_writes_until_a_restart_and_is_logged() {
    let mut f = setup();
    let metrics = enable_metrics(&f.net);
    let log = f.net.root.path().join("relay.log");
    f.net.relay.restart_logging_to(&log);
    assert!(writes_stopped(metrics).ends_with(" 0"));
    if let Err(e) = f.submit(1) {
        panic!("{e}\n{}", std::fs::read_to_string(&log).unwrap());
    }
    f.fs.inject(Fault::SyncEio { times: 1 });
    let error = f.submit(2).unwrap_err();
    assert_eq!(
        refusal_code(&error),
        Some(ErrorCode::StorageFailure),
        "{error}"
    );
    assert_eq!(f.fs.counters().eio, 1);
    // Syncs would succeed now, but the relay must not trust them.
    let error = f.submit(3).unwrap_err();
    assert_eq!(
        refusal_code(&error),
        Some(ErrorCode::StorageFailure),
        "{error}"
    );
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(
        logged.contains("sync") && logged.contains("ERROR"),
        "the relay's log does not report the failed sync:\n{logged}"
    );
    // The metrics say so, and reads go on: the refused envelope is not served, although its
    // record stays until the restart.
    assert!(writes_stopped(metrics).ends_with(" 1"));
    assert_eq!(f.stored(), [1]);
    // After a restart, writes work again.
    f.net.relay.restart();
    assert!(writes_stopped(metrics).ends_with(" 0"));
    f.submit(3).unwrap();
    // The refused envelope is not there, the one stored after the restart is.
    assert_eq!(f.stored(), [1, 3]);
}

#[test]
fn short_writes_and_slow_syncs_store_every_envelope_intact() {
    let f = setup();
    f.fs.inject(Fault::ShortWrites);
    f.fs.inject(Fault::SlowSync(std::time::Duration::from_millis(100)));
    for n in 1..=3 {
        f.submit(n).unwrap();
    }
    assert!(f.fs.counters().short_writes > 0);
    f.fs.clear_faults();
    assert_eq!(f.stored(), [1, 2, 3]);
}

#[test]
fn what_a_cleanly_stopped_relay_stored_survives_a_power_cut() {
    let mut f = setup();
    for n in 1..=3 {
        f.submit(n).unwrap();
    }
    f.net.relay.stop();
    let cut = f.fs.cut_power();
    f.net.relay.start();
    assert_eq!(f.stored(), [1, 2, 3], "{cut:?}");
}

#[test]
fn a_disk_that_fills_up_after_the_free_space_check_refuses_serves_reads_and_recovers_on_restart() {
    let mut f = setup();
    let metrics = enable_metrics(&f.net);
    f.net.relay.restart();
    f.submit(1).unwrap();
    f.fs.inject(Fault::NoSpaceUnreported);
    let error = f.submit(2).unwrap_err();
    assert_eq!(
        refusal_code(&error),
        Some(ErrorCode::StorageFailure),
        "{error}"
    );
    assert!(f.fs.counters().enospc > 0);
    assert_eq!(f.stored(), [1]);
    f.fs.clear_faults();
    // Once space returns, submits work again, unless sled's own log write failed: sled keeps
    // that error, and then the relay says that writes stopped until a restart.
    let stopped = writes_stopped(metrics).ends_with(" 1");
    match f.submit(3) {
        Ok(_) => assert!(!stopped, "submits work but the metrics say writes stopped"),
        Err(e) => {
            assert!(
                stopped,
                "submits are refused but the metrics do not say so: {e}"
            );
            f.net.relay.restart();
            assert!(writes_stopped(metrics).ends_with(" 0"));
            f.submit(3).unwrap();
        }
    }
    assert_eq!(f.stored(), [1, 3]);
}
