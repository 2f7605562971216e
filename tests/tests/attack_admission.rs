//! The relay's accept path and login against a keyless flooder and a misbehaving client, each
//! through a real `poc-relay` process on loopback:
//!
//! - QUIC Initials of fresh connection attempts that never complete a handshake, at 200 and
//!   2 000 a second, from one source port and from 50: the relay answers them with Retry and
//!   holds nothing, and a member's `poc send` gets through meanwhile;
//! - connections from one address that complete the handshake and never log in: capped per
//!   address, the refusals counted in the metrics and logged as one summary line;
//! - a second login on a logged-in connection, a fourth challenge on one connection, a burst
//!   of requests and new connections before login from one address.
//!
//! Attackers use another loopback address (127.0.0.2) than the members (127.0.0.1), as they
//! would come from other addresses on a network.

// Test helpers: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use poc_proto::request::PROTOCOL_VERSION;
use poc_proto::{ErrorCode, Request, Response};
use poc_relay::config::Limits;
use poc_tests::flood::Flood;
use poc_tests::raw::{
    enable_metrics, metrics_text, pin, raw_client_config, raw_connect, raw_connect_with, refusal,
    set_config,
};
use poc_tests::{messages, Network};

/// Where the attackers come from.
const ATTACKER: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));

/// The summary line the relay writes for the connections it refused in an interval.
const SUMMARY: &str = "connections refused in the last interval";

/// A quinn client endpoint on `ip` (any port) for the relay of `net`.
fn endpoint_on(ip: IpAddr, net: &Network) -> quinn::Endpoint {
    let mut endpoint = quinn::Endpoint::client(SocketAddr::new(ip, 0)).unwrap();
    endpoint.set_default_client_config(raw_client_config(pin(net), false, true));
    endpoint
}

/// The value of the metric sample `name` (with its labels, as rendered), or 0 if absent.
fn metric(port: u16, name: &str) -> u64 {
    metrics_text(port)
        .lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(' '))
        .map_or(0, |value| value.trim().parse().unwrap())
}

#[test]
fn members_send_through_floods_of_initials_that_never_complete_a_handshake() {
    let mut net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let port = enable_metrics(&net);
    net.relay.restart();
    let target: SocketAddr = net.relay.address.parse().unwrap();
    let floods = [(200, 1), (200, 50), (2_000, 1), (2_000, 50)];
    for (per_sec, ports) in floods {
        let flood = Flood::start(target, ATTACKER, ports, per_sec, pin(&net));
        // A second's worth of Initials reaches the relay before the member starts (enough
        // to take every slot of a relay that gave one to each attempt).
        flood.wait_for(
            |c| c.initials >= u64::from(per_sec) && c.answers > 0,
            Duration::from_secs(60),
        );
        let before = flood.counts();
        let sent = net.poc("FRA.technical").send_text(
            "MEX.technical",
            &format!("through {per_sec} Initials/s from {ports} ports"),
        );
        let during = flood.counts();
        let after = flood.stop();
        eprintln!("{per_sec} Initials/s from {ports} ports: {after:?}");
        sent.ok();
        assert!(
            during.initials > before.initials,
            "the flood stopped sending while the member sent: {before:?} {during:?}"
        );
        // Every attempt is answered with a Retry (address validation), nothing else.
        assert!(after.retries > 0, "{after:?}");
        assert_eq!(after.retries, after.answers, "{after:?}");
    }
    // The relay accepted only the members' connections: the thousands of attempts took no
    // connection slot, and were counted as Retries.
    let accepted = metric(port, "poc_relay_connections_total");
    assert!(
        accepted <= 4 * floods.len() as u64,
        "{accepted} connections accepted"
    );
    let retries = metric(port, "poc_relay_retries_total");
    eprintln!("relay: {accepted} connections accepted, {retries} Retries sent");
    assert!(retries > 1_000, "{retries} Retries");
    let inbox = net.poc("MEX.technical").json(&["inbox"]);
    assert_eq!(messages(&inbox).len(), floods.len(), "{inbox}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_of_one_address_that_never_log_in_are_capped_and_refusals_logged_once() {
    let mut net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let port = enable_metrics(&net);
    // Connections not logged in stay until the end of the test (the login deadline is not
    // what is tested here).
    set_config(&net.relay.config, "handshake_timeout_secs", "60");
    let log = net.root.path().join("relay.log");
    net.relay.restart_logging_to(&log);
    let cap = Limits::default().max_unauthenticated_per_address;

    // 100 connections from the attacker's address, each completing the handshake (its
    // address is validated) and never logging in.
    let attacker = endpoint_on(ATTACKER, &net);
    let mut held = Vec::new();
    let mut refused: usize = 0;
    for _ in 0..100 {
        match raw_connect_with(attacker.clone(), &net).await {
            Ok(raw) => held.push(raw),
            Err(quinn::ConnectionError::ConnectionClosed(close))
                if close.error_code == quinn::TransportErrorCode::CONNECTION_REFUSED =>
            {
                refused += 1;
            }
            Err(e) => panic!("unexpected failure: {e}"),
        }
    }
    assert_eq!(held.len(), cap);
    assert_eq!(refused, 100 - cap);

    // Meanwhile a member connects and sends.
    tokio::task::block_in_place(|| {
        net.poc("FRA.technical")
            .send_text("MEX.technical", "while an address is over its cap")
    })
    .ok();

    // The refusals are in the metrics, and in the log as summary lines: one per interval of
    // 10 s (two if the refusals straddled an interval's end), never one line per refusal.
    assert_eq!(
        metric(
            port,
            "poc_relay_rejects_total{reason=\"unauthenticated_address_limit\"}"
        ),
        refused as u64
    );
    let summarised = |text: &str| -> u64 {
        text.lines()
            .filter(|l| l.contains(SUMMARY))
            .filter_map(|l| l.split("unauthenticated_address_limit=").nth(1))
            .filter_map(|rest| {
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                digits.parse::<u64>().ok()
            })
            .sum()
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    let text = loop {
        let text = std::fs::read_to_string(&log).unwrap();
        if summarised(&text) >= refused as u64 || Instant::now() > deadline {
            break text;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let refusal_lines: Vec<&str> = text.lines().filter(|l| l.contains("refused")).collect();
    assert!(
        (1..=2).contains(&refusal_lines.len()),
        "{} refusal lines for {refused} refusals: {text}",
        refusal_lines.len()
    );
    assert!(refusal_lines.iter().all(|l| l.contains(SUMMARY)), "{text}");
    assert_eq!(summarised(&text), refused as u64, "{text}");
    drop(held);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_login_on_a_logged_in_connection_is_refused_and_the_mailbox_stays() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    // MEX's mailbox holds a message: a connection switched to it would see it.
    net.poc("FRA.technical")
        .send_text("MEX.technical", "for MEX only")
        .ok();
    let fra = net.poc("FRA.technical").unlock().unwrap();
    let mex = net.poc("MEX.technical").unlock().unwrap();
    let conn = raw_connect(&net).await.unwrap();
    let answer = conn.login(&fra).await;
    let Response::Authenticated { mailbox, .. } = answer else {
        panic!("FRA's login failed: {answer:?}");
    };
    assert_eq!(mailbox, fra.key.mailbox());

    // Hello after login: Malformed, no challenge.
    let hello = conn
        .call(&Request::Hello {
            version: PROTOCOL_VERSION,
        })
        .await;
    assert_eq!(refusal(&hello), ErrorCode::Malformed, "{hello:?}");
    // Auth with another member's key (a proof bound to this connection): Malformed.
    let signature = poc_keys::auth::prove(&mex.key, &[0x44; 32], &conn.exporter());
    let auth = conn
        .call(&Request::Auth {
            signing_key: mex.key.signing_public(),
            signature,
        })
        .await;
    assert_eq!(refusal(&auth), ErrorCode::Malformed, "{auth:?}");

    // The connection still works, and still reads FRA's mailbox only.
    let fetched = conn
        .call(&Request::Fetch {
            after: None,
            limit: 100,
        })
        .await;
    let Response::Envelopes { envelopes, .. } = fetched else {
        panic!("fetch failed: {fetched:?}");
    };
    assert!(
        envelopes.iter().all(|e| e.to == fra.key.mailbox()),
        "the connection reads another mailbox"
    );
    let mex_inbox = net.poc("MEX.technical").json(&["inbox"]);
    assert_eq!(messages(&mex_inbox).len(), 1, "{mex_inbox}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fourth_challenge_on_one_connection_is_refused() {
    let net = Network::setup(&["FRA.technical"]);
    let fra = net.poc("FRA.technical").unlock().unwrap();
    let conn = raw_connect(&net).await.unwrap();
    for _ in 0..3 {
        conn.challenge().await;
    }
    let fourth = conn
        .call(&Request::Hello {
            version: PROTOCOL_VERSION,
        })
        .await;
    assert_eq!(refusal(&fourth), ErrorCode::AuthFailed, "{fourth:?}");
    let reason = tokio::time::timeout(Duration::from_secs(5), conn.conn.closed())
        .await
        .expect("the relay closes the connection");
    assert!(
        format!("{reason:?}").contains("authentication failed"),
        "{reason:?}"
    );
    // The limit is per connection: a new one logs in.
    let again = raw_connect(&net).await.unwrap();
    let answer = again.login(&fra).await;
    assert!(
        matches!(answer, Response::Authenticated { .. }),
        "{answer:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_hellos_from_one_address_is_refused_with_a_rate_error() {
    let mut net = Network::setup(&["FRA.technical", "MEX.technical"]);
    set_config(&net.relay.config, "requests_per_sec_before_login", "1");
    set_config(&net.relay.config, "request_burst_before_login", "10");
    net.relay.restart();
    let attacker = endpoint_on(ATTACKER, &net);
    let mut conns = Vec::new();
    for _ in 0..4 {
        conns.push(raw_connect_with(attacker.clone(), &net).await.unwrap());
    }
    // Up to 12 Hellos, 3 on each connection (the most one connection may ask for).
    let hello = Request::Hello {
        version: PROTOCOL_VERSION,
    };
    let mut challenges = 0;
    let mut limited = Vec::new();
    for conn in &conns {
        for _ in 0..3 {
            match conn.call(&hello).await {
                Response::Challenge { .. } => challenges += 1,
                Response::Error(e) if e.code == ErrorCode::RateLimited => {
                    limited.push(e.detail);
                    // The relay closes a connection refused for rate before login.
                    tokio::time::timeout(Duration::from_secs(5), conn.conn.closed())
                        .await
                        .expect("the rate-limited connection is closed");
                    break;
                }
                other => panic!("unexpected answer: {other:?}"),
            }
        }
    }
    // The burst passes (less the token each connection took), the rest is refused with the
    // wait.
    assert!(challenges >= 10 - conns.len(), "{challenges} challenges");
    assert!(!limited.is_empty(), "no Hello was refused");
    assert!(
        limited.iter().all(|d| d.starts_with("retry in ")),
        "{limited:?}"
    );
    // New connections take a token too: with the bucket empty, they are refused before any
    // handshake work, whereas members at another address are not affected.
    let mut refused = 0;
    for _ in 0..5 {
        match raw_connect_with(attacker.clone(), &net).await {
            Ok(raw) => raw.conn.close(0u32.into(), b""),
            Err(quinn::ConnectionError::ConnectionClosed(close))
                if close.error_code == quinn::TransportErrorCode::CONNECTION_REFUSED =>
            {
                refused += 1;
            }
            Err(e) => panic!("unexpected failure: {e}"),
        }
    }
    assert!(refused > 0, "no new connection of the address was refused");
    let fra = net.poc("FRA.technical").unlock().unwrap();
    let member = raw_connect(&net).await.unwrap();
    let answer = member.login(&fra).await;
    assert!(
        matches!(answer, Response::Authenticated { .. }),
        "{answer:?}"
    );
    drop(conns);
}
