//! The relay's limits and defences, each through a real `poc-relay` process on loopback:
//! per-key rate limits, connection caps, the bound on connections not logged in, stream
//! caps, idle timeouts, login replay, 0-RTT, revocation cut-off, disk-full refusal, mailbox
//! quotas seen by both sides, metrics, and backup/restore. Each test also shows that an
//! honest client still gets through. What depends on the relay's clock (login deadline,
//! token-bucket refill, lifetimes, expiry sweeps) is tested in-process with a manual clock
//! in relay/tests/clock.rs.

// Test helpers: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use poc_proto::limits::MAX_FRAME_BYTES;
use poc_proto::request::SERVER_NAME;
use poc_proto::{ErrorCode, Request, Response};
use poc_tests::raw::{
    enable_metrics, endpoint, is_ok, metrics_text, pin, raw_client_config, raw_connect,
    raw_connect_when_freed, raw_connect_with, refusal, set_config, Raw,
};
use poc_tests::{bins, messages, Network};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_over_its_rate_is_refused_with_a_wait_and_others_are_not_slowed() {
    let mut net = Network::setup(&["FRA.technical", "MEX.technical"]);
    set_config(&net.relay.config, "requests_per_sec", "2");
    set_config(&net.relay.config, "request_burst", "5");
    net.relay.restart();
    let fra = net.poc("FRA.technical").unlock().unwrap();
    let mex = net.poc("MEX.technical").unlock().unwrap();
    let a = raw_connect(&net).await.unwrap();
    assert!(is_ok(&a.login(&fra).await));
    let get = Request::GetDirectory { have_serial: 0 };
    let mut answers = Vec::new();
    for _ in 0..8 {
        answers.push(a.call(&get).await);
    }
    let refused: Vec<&Response> = answers.iter().filter(|r| !is_ok(r)).collect();
    // The burst of 5 passes (a token or so may refill meanwhile); the rest is refused.
    assert!(
        (1..=3).contains(&refused.len()),
        "{} of 8 refused",
        refused.len()
    );
    for r in &refused {
        assert_eq!(refusal(r), ErrorCode::RateLimited);
        let Response::Error(e) = r else {
            unreachable!()
        };
        assert!(e.detail.starts_with("retry in "), "{}", e.detail);
    }
    // Another key has its own bucket, even while FRA is throttled.
    let b = raw_connect(&net).await.unwrap();
    assert!(is_ok(&b.login(&mex).await));
    assert!(is_ok(&b.call(&get).await));
    // The bucket's refill by the relay's clock: relay/tests/clock.rs.
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connection_caps_hold_per_key_and_overall_and_free_slots_are_reused() {
    let mut net = Network::setup(&["FRA.technical", "MEX.technical"]);
    set_config(&net.relay.config, "max_connections_per_key", "2");
    set_config(&net.relay.config, "max_connections", "3");
    net.relay.restart();
    let fra = net.poc("FRA.technical").unlock().unwrap();
    let mex = net.poc("MEX.technical").unlock().unwrap();

    let f1 = raw_connect(&net).await.unwrap();
    let f2 = raw_connect(&net).await.unwrap();
    assert!(is_ok(&f1.login(&fra).await));
    assert!(is_ok(&f2.login(&fra).await));
    let f3 = raw_connect(&net).await.unwrap();
    let third = f3.login(&fra).await;
    assert_eq!(refusal(&third), ErrorCode::RateLimited, "{third:?}");
    // The relay closes the refused connection.
    tokio::time::timeout(Duration::from_secs(5), f3.conn.closed())
        .await
        .expect("the refused connection is closed");

    // MEX takes the third and last connection slot; a fourth connection is refused.
    let m1 = raw_connect_when_freed(&net).await;
    assert!(is_ok(&m1.login(&mex).await));
    assert!(
        raw_connect(&net).await.is_err(),
        "a 4th connection must be refused"
    );

    // Closing one of FRA's connections frees both its key share and a global slot.
    f1.conn.close(0u32.into(), b"done");
    let f4 = raw_connect_when_freed(&net).await;
    assert!(is_ok(&f4.login(&fra).await));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn streams_per_connection_are_capped_and_idle_connections_time_out() {
    let mut net = Network::setup(&["FRA.technical"]);
    set_config(&net.relay.config, "max_streams_per_connection", "2");
    set_config(&net.relay.config, "idle_timeout_secs", "2");
    net.relay.restart();
    let fra = net.poc("FRA.technical").unlock().unwrap();
    let a = raw_connect(&net).await.unwrap();
    assert!(is_ok(&a.login(&fra).await));
    // Two streams left open (requests never finished) use the connection's allowance.
    let (mut s1, _r1) = a.conn.open_bi().await.unwrap();
    s1.write_all(&[0, 0]).await.unwrap();
    let (mut s2, _r2) = a.conn.open_bi().await.unwrap();
    s2.write_all(&[0, 0]).await.unwrap();
    let third = tokio::time::timeout(Duration::from_millis(700), a.conn.open_bi()).await;
    assert!(third.is_err(), "a third concurrent stream must wait");
    // Finishing one frees a stream for the next request.
    s1.finish().unwrap();
    drop(s1);
    let answer = tokio::time::timeout(
        Duration::from_secs(5),
        a.call(&Request::GetDirectory { have_serial: 0 }),
    )
    .await
    .expect("a stream is free again");
    assert!(is_ok(&answer));

    // A connection that stays silent (no keep-alive) is closed after the idle timeout.
    let quiet = raw_connect_with(endpoint(raw_client_config(pin(&net), false, false)), &net)
        .await
        .unwrap();
    assert!(is_ok(&quiet.login(&fra).await));
    let started = Instant::now();
    let reason = tokio::time::timeout(Duration::from_secs(10), quiet.conn.closed())
        .await
        .expect("idle connection closed");
    assert!(
        matches!(reason, quinn::ConnectionError::TimedOut),
        "{reason:?}"
    );
    assert!(started.elapsed() >= Duration::from_secs(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_captured_login_proof_cannot_be_replayed_and_0rtt_is_never_accepted() {
    let net = Network::setup(&["FRA.technical"]);
    let fra = net.poc("FRA.technical").unlock().unwrap();
    // The real login on connection A, captured.
    let a = raw_connect(&net).await.unwrap();
    let nonce = a.challenge().await;
    let signature = poc_keys::auth::prove(&fra.key, &nonce, &a.exporter());
    let auth = Request::Auth {
        signing_key: fra.key.signing_public(),
        signature,
    };
    assert!(is_ok(&a.call(&auth).await));
    // Replayed on connection B, after B's own Hello: another nonce, another TLS exporter.
    let b = raw_connect(&net).await.unwrap();
    let _ = b.challenge().await;
    assert_eq!(refusal(&b.call(&auth).await), ErrorCode::AuthFailed);
    // Even if B's challenge were A's nonce, B's exporter differs: verify the binding directly.
    assert!(
        poc_keys::auth::verify(&fra.key.signing_public(), &nonce, &b.exporter(), &signature)
            .is_err()
    );
    // Replayed on A itself: A is logged in, and a logged-in connection refuses any Auth.
    assert_eq!(refusal(&a.call(&auth).await), ErrorCode::Malformed);
    // Replayed on a connection that has not logged in, after a failed Auth: the challenge
    // was used up by the failure, even for a proof over it.
    let c = raw_connect(&net).await.unwrap();
    let nonce = c.challenge().await;
    let wrong = Request::Auth {
        signing_key: fra.key.signing_public(),
        signature: poc_keys::auth::prove(&fra.key, &[0u8; 32], &c.exporter()),
    };
    assert_eq!(refusal(&c.call(&wrong).await), ErrorCode::AuthFailed);
    let right = Request::Auth {
        signing_key: fra.key.signing_public(),
        signature: poc_keys::auth::prove(&fra.key, &nonce, &c.exporter()),
    };
    assert_eq!(refusal(&c.call(&right).await), ErrorCode::AuthFailed);
    // Nothing but Hello/Auth works on B.
    assert_eq!(
        refusal(&b.call(&Request::GetDirectory { have_serial: 0 }).await),
        ErrorCode::NotAuthenticated
    );

    // 0-RTT: a client that resumes a session and wants early data never gets it.
    let eager = endpoint(raw_client_config(pin(&net), true, true));
    let first = eager
        .connect(net.relay.address.parse().unwrap(), SERVER_NAME)
        .unwrap()
        .await
        .unwrap();
    let _ = Raw {
        endpoint: eager.clone(),
        conn: first.clone(),
    }
    .challenge()
    .await;
    first.close(0u32.into(), b"");
    tokio::time::sleep(Duration::from_millis(200)).await;
    let connecting = eager
        .connect(net.relay.address.parse().unwrap(), SERVER_NAME)
        .unwrap();
    match connecting.into_0rtt() {
        Err(_) => {} // no 0-RTT keys offered: nothing can be sent early
        Ok((conn, accepted)) => {
            // Early data was attempted: the relay must reject it.
            assert!(!accepted.await, "the relay accepted 0-RTT data");
            drop(conn);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_key_is_disconnected_at_the_publish() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical").unlock().unwrap();
    let mex = net.poc("MEX.technical").unlock().unwrap();
    let a = raw_connect(&net).await.unwrap();
    assert!(is_ok(&a.login(&fra).await));
    assert!(is_ok(&a.call(&Request::Subscribe).await));
    let m = raw_connect(&net).await.unwrap();
    assert!(is_ok(&m.login(&mex).await));
    net.custodian
        .poc(&[
            "custodian",
            "revoke",
            "FRA.technical",
            "--reason",
            "key lost",
        ])
        .ok();
    // Revocation alone changes nothing at the relay...
    assert!(is_ok(
        &a.call(&Request::GetDirectory { have_serial: 0 }).await
    ));
    net.custodian.poc(&["custodian", "publish"]).ok();
    // ...the publish closes FRA's open connection at once, without waiting for a request.
    let reason = tokio::time::timeout(Duration::from_secs(5), a.conn.closed())
        .await
        .expect("the revoked key's connection is closed at the publish");
    assert!(
        format!("{reason:?}").contains("key removed from the directory"),
        "{reason:?}"
    );
    // MEX keeps its connection.
    assert!(is_ok(
        &m.call(&Request::GetDirectory { have_serial: 0 }).await
    ));
    // And FRA cannot log in again.
    let again = raw_connect(&net).await.unwrap();
    assert_eq!(refusal(&again.login(&fra).await), ErrorCode::AuthFailed);
}

#[test]
fn a_full_disk_refuses_new_envelopes_clearly_and_reads_keep_working() {
    let mut net = Network::setup(&["FRA.technical", "MEX.technical"]);
    net.poc("FRA.technical")
        .send_text("MEX.technical", "before the disk filled")
        .ok();
    // Pretend the disk is full: require more free space than any disk has.
    set_config(
        &net.relay.config,
        "min_free_disk_bytes",
        "18446744073709551615",
    );
    net.relay.restart();
    let refused = net
        .poc("FRA.technical")
        .send_text("MEX.technical", "while full");
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    // One error sentence, last; before it, the outbox's lines: a refusal for a full disk
    // does not prove the relay holds none of the envelope (an earlier attempt may have
    // stored it), so the sender is told how to finish without a second copy.
    let lines: Vec<&str> = refused.stderr.lines().collect();
    assert!(
        lines
            .last()
            .is_some_and(|l| l.starts_with("error:") && l.contains("disk is nearly full"))
            && lines.iter().filter(|l| l.starts_with("error:")).count() == 1
            && refused.stderr.contains("poc sent --resend"),
        "{}",
        refused.stderr
    );
    // Reads and deletes still work: MEX gets the earlier message.
    let inbox = net.poc("MEX.technical").json(&["inbox"]);
    let got = messages(&inbox);
    assert_eq!(got.len(), 1, "{inbox}");
    // Space back: sending works again, and the refused message was never stored.
    set_config(&net.relay.config, "min_free_disk_bytes", "0");
    net.relay.restart();
    net.poc("FRA.technical")
        .send_text("MEX.technical", "after")
        .ok();
    let inbox = net.poc("MEX.technical").json(&["inbox"]);
    let mut texts: Vec<String> = messages(&inbox)
        .iter()
        .filter_map(|m| m["summary"].as_str().map(str::to_owned))
        .collect();
    texts.sort();
    assert_eq!(texts, ["after", "before the disk filled"], "{inbox}");
}

#[test]
fn a_full_mailbox_is_named_to_the_sender_and_reported_to_the_recipient() {
    let mut net = Network::setup(&["FRA.technical", "MEX.technical", "GHA.technical"]);
    // Each mailbox already holds the custodian's directory notice: room for two more. Any
    // sender may fill it (the share of one sender is tested in attack_mailbox.rs).
    set_config(&net.relay.config, "mailbox_max_envelopes", "3");
    set_config(&net.relay.config, "mailbox_sender_share_percent", "100");
    net.relay.restart();
    net.poc("FRA.technical")
        .send_text("MEX.technical", "one")
        .ok();
    net.poc("FRA.technical")
        .send_text("MEX.technical", "two")
        .ok();
    let full = net.poc("FRA.technical").send_text("MEX.technical", "three");
    assert_eq!(full.code, 2, "{}", full.stderr);
    assert!(
        full.stderr.contains("MEX.technical") && full.stderr.contains("full"),
        "{}",
        full.stderr
    );
    // Another sender is refused too; another recipient is not affected.
    assert_eq!(
        net.poc("GHA.technical")
            .send_text("MEX.technical", "four")
            .code,
        2
    );
    net.poc("MEX.technical")
        .send_text("GHA.technical", "unaffected")
        .ok();
    // A ping campaign is not stopped by one full mailbox: the others are pinged, MEX is named.
    let campaign = net
        .custodian
        .poc(&["--json", "ping", "start", "--all", "--deadline", "1h"]);
    let started = campaign.document();
    assert!(
        campaign
            .stderr
            .contains("not pinged, their relay mailbox is full: MEX.technical"),
        "{}",
        campaign.stderr
    );
    assert_eq!(started["not_pinged"], serde_json::json!(["MEX.technical"]));
    let sent = started["sent"].as_array().unwrap();
    assert!(
        !sent.is_empty() && sent.iter().all(|s| s["to"] != "MEX.technical"),
        "{started}"
    );
    let pinged = net.poc("FRA.technical").json(&["inbox"]);
    assert!(
        pinged["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["type"] == "ping"),
        "{pinged}"
    );
    // MEX learns at its next fetch that three envelopes (two messages, one ping) were turned away, once
    // (in French, its first language).
    let inbox = net.poc("MEX.technical").poc(&["inbox"]);
    inbox.ok();
    let refused = poc_client::i18n::screens::mailbox_full(poc_client::i18n::Lang::Fr, 3);
    assert!(inbox.stderr.contains(&refused), "{}", inbox.stderr);
    let again = net.poc("MEX.technical").poc(&["inbox"]);
    again.ok();
    let full = refused.split(':').next().unwrap();
    assert!(!again.stderr.contains(full), "{}", again.stderr);
    // Fetching emptied the mailbox at the relay: FRA can send again.
    net.poc("FRA.technical")
        .send_text("MEX.technical", "three again")
        .ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_on_loopback_without_naming_anyone() {
    let mut net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let port = enable_metrics(&net);
    net.relay.restart();
    net.poc("FRA.technical")
        .send_text("MEX.technical", "counted")
        .ok();
    let outsider = raw_connect(&net).await.unwrap();
    let _ = outsider
        .call(&Request::GetDirectory { have_serial: 0 })
        .await;
    let text = metrics_text(port);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    for expected in [
        "poc_relay_envelopes_stored_total 1",
        "poc_relay_rejects_total{reason=\"not_authenticated\"} 1",
        "poc_relay_flush_seconds_count",
        "poc_relay_connections_total",
        "poc_relay_connections_open",
        "poc_relay_envelope_bytes_stored_total",
    ] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
    let fra = net.poc("FRA.technical").unlock().unwrap();
    let key_hex = fra.key.signing_public().to_string();
    assert!(!text.contains(&key_hex) && !text.contains("FRA"), "{text}");

    // The config refuses a metrics address off loopback.
    set_config(&net.relay.config, "metrics_listen", "\"0.0.0.0:9464\"");
    let check = std::process::Command::new(&bins().relay)
        .arg("check-config")
        .arg(&net.relay.config)
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(stderr.contains("not a loopback address"), "{stderr}");
}

fn relay_command(args: &[&str]) -> poc_tests::Run {
    let output = std::process::Command::new(&bins().relay)
        .args(args)
        .output()
        .unwrap();
    poc_tests::Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn a_backup_taken_while_running_restores_the_same_envelopes() {
    let mut net = Network::setup(&["FRA.technical", "MEX.technical"]);
    for text in ["first", "second", "third"] {
        net.poc("FRA.technical")
            .send_text("MEX.technical", text)
            .ok();
    }
    let backup = net.root.path().join("relay.backup");
    let config = net.relay.config.to_str().unwrap().to_owned();
    let taken = relay_command(&[
        "backup",
        "--config",
        &config,
        "--out",
        backup.to_str().unwrap(),
        "--json",
    ])
    .json();
    // The three messages and the directory notices of the two members.
    assert_eq!(taken["envelopes"], 5, "{taken}");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // Not overwritten by a second backup.
    let twice = relay_command(&[
        "backup",
        "--config",
        &config,
        "--out",
        backup.to_str().unwrap(),
    ]);
    assert_eq!(twice.code, 2);
    assert!(twice.stderr.contains("already exists"), "{}", twice.stderr);
    // Sent after the backup: not in it.
    net.poc("FRA.technical")
        .send_text("MEX.technical", "after the backup")
        .ok();

    // Disaster: the store is lost. Restore into an empty data directory.
    net.relay.kill();
    let store = net.relay.data_dir.join("store");
    std::fs::rename(&store, net.root.path().join("lost-store")).unwrap();
    // A restore into a running relay's store, or a damaged file, is refused first.
    let mut damaged = std::fs::read(&backup).unwrap();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 1;
    let damaged_path = net.root.path().join("damaged.backup");
    std::fs::write(&damaged_path, damaged).unwrap();
    let bad = relay_command(&[
        "restore",
        "--config",
        &config,
        damaged_path.to_str().unwrap(),
    ]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("damaged"), "{}", bad.stderr);
    let restored = relay_command(&[
        "restore",
        "--config",
        &config,
        backup.to_str().unwrap(),
        "--json",
    ])
    .json();
    assert_eq!(restored["envelopes"], 5, "{restored}");
    net.relay.start();
    let inbox = net.poc("MEX.technical").json(&["inbox"]);
    let mut texts: Vec<String> = messages(&inbox)
        .iter()
        .map(|m| m["summary"].as_str().unwrap_or_default().to_owned())
        .collect();
    texts.sort();
    assert_eq!(texts, ["first", "second", "third"], "{inbox}");
    // The restored relay accepts new envelopes without overwriting restored ones.
    net.poc("FRA.technical")
        .send_text("MEX.technical", "after the restore")
        .ok();
    let inbox = net.poc("MEX.technical").json(&["inbox"]);
    assert_eq!(messages(&inbox).len(), 4, "{inbox}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stalled_large_requests_of_one_member_do_not_hold_up_the_others() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical").unlock().unwrap();
    let mex = net.poc("MEX.technical").unlock().unwrap();
    let a = raw_connect(&net).await.unwrap();
    assert!(is_ok(&a.login(&fra).await));
    // 13 streams announce a largest frame (13 × 20 MiB > the relay's 256 MiB budget) and
    // send nothing more. A connection holds at most one frame of the budget.
    let mut held = Vec::new();
    for _ in 0..13 {
        let (mut s, r) = a.conn.open_bi().await.unwrap();
        s.write_all(&(MAX_FRAME_BYTES as u32).to_be_bytes())
            .await
            .unwrap();
        held.push((s, r));
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let b = raw_connect(&net).await.unwrap();
    let login = tokio::time::timeout(Duration::from_secs(8), b.login(&mex))
        .await
        .expect("another member's login must not wait for FRA's stalled requests");
    assert!(is_ok(&login));
    assert!(is_ok(
        &b.call(&Request::GetDirectory { have_serial: 0 }).await
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_reader_that_stops_reading_releases_the_writers() {
    use poc_proto::{Envelope, EnvelopeId, Priority, ENVELOPE_VERSION};
    let net = Network::setup(&["FRA.technical"]);
    let fra = net.poc("FRA.technical").unlock().unwrap();
    let a = raw_connect(&net).await.unwrap();
    assert!(is_ok(&a.login(&fra).await));
    let to = fra.key.mailbox();
    let expires_at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 3600;
    let envelope = |i: u8| Envelope {
        version: ENVELOPE_VERSION,
        id: EnvelopeId([i; 16]),
        to,
        priority: Priority::Low,
        expires_at,
        payload: vec![i; 1 << 20],
    };
    let stored = a
        .call(&Request::Submit {
            envelopes: (1..5u8).map(envelope).collect(),
        })
        .await;
    assert!(is_ok(&stored), "{stored:?}");
    // Ask for a backup (4 MiB, more than the socket buffers) and never read it.
    let socket = poc_relay::admin::socket_path(&net.relay.data_dir.join("store"));
    let mut stalled = std::os::unix::net::UnixStream::connect(&socket).unwrap();
    std::io::Write::write_all(&mut stalled, b"backup\n").unwrap();
    tokio::time::sleep(Duration::from_secs(1)).await;
    // The relay gives up on the reader and the submit goes through.
    let answer = tokio::time::timeout(
        Duration::from_secs(20),
        a.call(&Request::Submit {
            envelopes: vec![envelope(9)],
        }),
    )
    .await
    .expect("a submit must not wait for a stalled backup reader");
    assert!(is_ok(&answer), "{answer:?}");
    drop(stalled);
}
