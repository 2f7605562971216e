//! Retries through the real binaries: a send started while the relay is down succeeds once
//! it is back; a relay at its connection limit is retried with backoff, reported on stderr;
//! `--retry-for` bounds it; and an envelope submitted twice is stored and delivered once.
//! The tests wait for the client's first attempt or retry notice, never for a fixed time.

// Helpers here are test code too: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read};
use std::process::Child;
use std::time::Duration;

use poc_client::transport::{ClientOptions, RelayClient, RetryPolicy};
use poc_keys::RoutingHeader;
use poc_proto::{EnvelopeId, Message, MessageKind, Priority, TextMessage, Tlp};
use poc_tests::{messages, Network, PocHome, Run};

const SEND: [&str; 9] = [
    "--json",
    "send",
    "--to",
    "MEX.technical",
    "--type",
    "text",
    "--priority",
    "high",
    "--field",
];

/// Waits for the first retry notice `poc` writes on stderr (the client has failed once and
/// is pausing; the line before it names the relay being connected to), then lets `act`
/// change the world and collects the rest.
fn after_first_retry(mut child: Child, act: impl FnOnce()) -> Run {
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).unwrap();
    assert!(
        first.starts_with("connexion au relais "),
        "the first line on stderr names the relay: {first}"
    );
    stderr.read_line(&mut first).unwrap();
    assert!(
        first.contains("; retrying in "),
        "then comes a retry notice: {first}"
    );
    act();
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    let mut run = Run::of(child.wait_with_output().unwrap());
    run.stderr = first + &rest;
    run
}

/// The ids of the messages in a PoC's inbox (directory notices left out).
fn inbox_ids(home: &PocHome) -> Vec<String> {
    messages(&home.json(&["inbox"]))
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_send_started_while_the_relay_is_down_succeeds_once_it_is_back() {
    let mut net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical").clone();
    let mex = net.poc("MEX.technical").clone();

    net.relay.kill();
    let mut args = SEND.to_vec();
    args.push("text=sent while the relay was down");
    // Listen on the relay's port to see the client's first connection attempt arrive.
    let port = std::net::UdpSocket::bind(&net.relay.address).unwrap();
    port.set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let send = fra.spawn(&args);
    let mut packet = [0u8; 2048];
    let (bytes, _) = port
        .recv_from(&mut packet)
        .expect("the client tries to connect");
    assert!(bytes > 0);
    drop(port);
    net.relay.start();
    let run = Run::of(send.wait_with_output().unwrap());
    println!("stderr of poc send:\n{}", run.stderr);
    let sent = run.document();
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
    let id = sent["sent"][0]["id"].as_str().unwrap().to_owned();

    // Delivered exactly once, and it reads.
    assert_eq!(inbox_ids(&mex), vec![id.clone()]);
    let read = mex.json(&["read", &id]);
    assert_eq!(read["fields"]["text"], "sent while the relay was down");
    // A second fetch brings nothing new.
    assert_eq!(inbox_ids(&mex), vec![id]);
}

#[test]
fn a_relay_at_its_connection_limit_is_retried_with_backoff_within_the_budget() {
    let mut net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical").clone();
    let mex = net.poc("MEX.technical").clone();
    // One connection at a time, and this test holds it.
    let config = std::fs::read_to_string(&net.relay.config).unwrap();
    let limited = config.replace("max_connections = 1000\n", "max_connections = 1\n");
    assert_ne!(
        config, limited,
        "the config has the default max_connections"
    );
    std::fs::write(&net.relay.config, limited).unwrap();
    net.relay.restart();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mex_identity = mex.unlock().unwrap();
    let relay = mex_identity.config.relay.clone().unwrap();
    let quiet = ClientOptions {
        retry: RetryPolicy::none(),
        ..ClientOptions::default()
    };
    let holder = runtime
        .block_on(RelayClient::connect_with(
            &relay,
            &mex_identity.key,
            quiet.clone(),
        ))
        .unwrap();

    // No retries: one clear sentence, at once.
    let mut args = vec!["--retry-for", "0"];
    args.extend_from_slice(&SEND);
    args.push("text=never sent");
    let refused = fra.poc(&args);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert_eq!(refused.stderr.lines().count(), 1, "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .starts_with("error: cannot connect to the relay at 127.0.0.1:"),
        "{}",
        refused.stderr
    );

    // A short budget: a few retries, each reported, then the final error says so.
    let mut args = vec!["--retry-for", "1s"];
    args.extend_from_slice(&SEND);
    args.push("text=never sent either");
    let gave_up = fra.poc(&args);
    println!("stderr of poc --retry-for 1s send:\n{}", gave_up.stderr);
    assert_eq!(gave_up.code, 2, "{}", gave_up.stderr);
    let lines: Vec<&str> = gave_up.stderr.lines().collect();
    // The relay named first, then pauses of at most 0.25 + 0.5 s fit in 1 s: three
    // attempts, two retries.
    assert_eq!(lines.len(), 4, "{}", gave_up.stderr);
    assert_eq!(
        lines[0],
        poc_client::i18n::screens::connecting_relay(poc_client::i18n::Lang::Fr, &net.relay.address)
    );
    let lines = &lines[1..];
    assert!(
        lines[0].starts_with(
            "cannot connect to the relay: the relay refused a new connection (too many connections); retrying in "
        )
            && lines[0].contains("(attempt 2 of at most 3)"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains("(attempt 3 of at most 3)"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("error: cannot connect to the relay at")
            && lines[2].contains("; gave up after 3 attempts in "),
        "{}",
        lines[2]
    );

    // The default budget: the send waits until the connection is free.
    let mut args = SEND.to_vec();
    args.push("text=sent once there was room");
    let send = fra.spawn(&args);
    let run = after_first_retry(send, || runtime.block_on(holder.close()));
    println!("stderr of poc send:\n{}", run.stderr);
    let sent = run.document();
    let retries: Vec<&str> = run.stderr.lines().skip(1).collect();
    assert!(!retries.is_empty(), "the refusals were reported");
    for (n, line) in retries.iter().enumerate() {
        assert!(
            line.starts_with("cannot connect to the relay: ")
                && line.contains(&format!("(attempt {} of at most 11)", n + 2)),
            "{}",
            run.stderr
        );
    }
    // The connection was freed during the first pause (at most 0.25 s): one of the next
    // attempts gets in.
    assert!(retries.len() <= 3, "{}", run.stderr);
    let id = sent["sent"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(inbox_ids(&mex), vec![id]);
}

#[test]
fn an_envelope_submitted_again_is_reported_as_a_duplicate_and_delivered_once() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical").unlock().unwrap();
    let mex = net.poc("MEX.technical").clone();
    let directory = fra.directory().unwrap().unwrap();
    let to: poc_proto::PocId = "MEX.technical".parse().unwrap();
    let recipient = directory.members(&to)[0].public();
    let message = Message {
        from: fra.config.id.clone(),
        to,
        sent_at: poc_client::clock::Clock::system().now(),
        thread: None,
        language: "en".into(),
        tlp: Tlp::Amber,
        exercise: false,
        kind: MessageKind::Text(TextMessage {
            subject: None,
            text: "submitted twice".into(),
        }),
        attachments: vec![],
    };
    let header = RoutingHeader {
        id: EnvelopeId(poc_keys::random_bytes::<16>()),
        to: recipient.mailbox(),
        priority: Priority::Medium,
        expires_at: poc_client::clock::Clock::system().now() + 3600,
    };
    let envelope = poc_keys::seal(
        &fra.key,
        &recipient.encryption,
        header,
        &poc_proto::encode(&message).unwrap(),
    )
    .unwrap();
    let relay = fra.config.relay.clone().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let client = RelayClient::connect(&relay, &fra.key).await.unwrap();
        assert_eq!(client.submit(vec![envelope.clone()]).await.unwrap(), (1, 0));
        client.close().await;
        // As after a lost answer: a new connection, the same envelope.
        let client = RelayClient::connect(&relay, &fra.key).await.unwrap();
        assert_eq!(client.submit(vec![envelope.clone()]).await.unwrap(), (0, 1));
        client.close().await;
    });

    let id = header.id.to_string();
    assert_eq!(inbox_ids(&mex), vec![id.clone()]);
    let read = mex.json(&["read", &id]);
    assert_eq!(read["fields"]["text"], "submitted twice");
    assert_eq!(read["verified"], true, "{read}");

    // Once fetched (and removed from the relay), a late copy is stored again but the inbox
    // still shows the message once.
    runtime.block_on(async {
        let client = RelayClient::connect(&relay, &fra.key).await.unwrap();
        assert_eq!(client.submit(vec![envelope]).await.unwrap(), (1, 0));
        client.close().await;
    });
    assert_eq!(inbox_ids(&mex), vec![id]);
}
