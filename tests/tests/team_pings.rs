//! Ping campaigns to PoCs that are teams, through the real binaries on loopback: any member's
//! acknowledgement counts for its PoC, the report and the proof bundle name that member, and a
//! revoked member's acknowledgement is not counted.

// Helpers here are test code too: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use age::secrecy::SecretString;
use poc_client::home::Home;
use poc_client::transport::RelayClient;
use poc_keys::{PocKey, RoutingHeader};
use poc_proto::{EnvelopeId, Message, MessageKind, PingAck, Priority, PublicKeyBytes, Tlp};
use poc_tests::{bins, Network, PocHome};

/// The envelope id of the ping of `campaign` in a PoC home's inbox.
fn ping_of(home: &PocHome, campaign: &str) -> String {
    let inbox = home.json(&["inbox"]);
    for item in inbox["items"].as_array().unwrap() {
        if item["type"] != "ping" {
            continue;
        }
        let id = item["id"].as_str().unwrap();
        let read = home.json(&["read", id]);
        if read["fields"]["campaign"] == campaign {
            return id.to_owned();
        }
    }
    panic!("no ping of campaign {campaign} for {}", home.dir.display());
}

/// The verdict for `id` in a report document.
fn result(report: &serde_json::Value, id: &str) -> serde_json::Value {
    report["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {report}"))
        .clone()
}

/// The line of `text` naming `what`.
fn line_of<'a>(text: &'a str, what: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(what))
        .unwrap_or_else(|| panic!("no line with {what} in:\n{text}"))
}

fn hex16(text: &str) -> [u8; 16] {
    let bytes: Vec<u8> = (0..32)
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect();
    bytes.try_into().unwrap()
}

fn key_of(home: &PocHome) -> PocKey {
    poc_keys::keystore::load(
        &home.dir.join("identity.age"),
        &SecretString::from(home.passphrase.clone()),
    )
    .unwrap()
}

/// Seals a ping acknowledgement signed by `signer` on behalf of `from`, and submits it through
/// the relay logged in as `courier`.
async fn inject(
    courier: &PocHome,
    signer: &PocKey,
    from: &str,
    custodian: &serde_json::Value,
    ack: PingAck,
) {
    let home = Home::new(&courier.dir);
    let config = home.config().unwrap();
    let key = key_of(courier);
    let custodian_key: PublicKeyBytes = custodian["signing_key"].as_str().unwrap().parse().unwrap();
    let custodian_age =
        poc_keys::PocPublic::parse_encryption_key(custodian["encryption_key"].as_str().unwrap())
            .unwrap();
    let now = poc_client::clock::Clock::system().now();
    let message = Message {
        from: from.parse().unwrap(),
        to: "UNODA.custodian".parse().unwrap(),
        sent_at: now,
        thread: Some(ack.ping_envelope),
        language: "en".into(),
        tlp: Tlp::Green,
        exercise: false,
        kind: MessageKind::PingAck(ack),
        attachments: vec![],
    };
    let header = RoutingHeader {
        id: EnvelopeId(poc_keys::random_bytes::<16>()),
        to: poc_keys::mailbox_id(&custodian_key),
        priority: Priority::Low,
        expires_at: now + 3600,
    };
    let envelope = poc_keys::seal(
        signer,
        &custodian_age,
        header,
        &poc_proto::encode(&message).unwrap(),
    )
    .unwrap();
    let client = RelayClient::connect(config.relay.as_ref().unwrap(), &key)
        .await
        .unwrap();
    client.submit(vec![envelope]).await.unwrap();
    client.close().await;
}

#[test]
fn a_campaign_answered_by_the_second_member_counts_and_its_bundle_names_that_member() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let laptop_2 = net.add_member("MEX.technical", "on-call laptop 2");
    let campaign = net.custodian.json(&[
        "ping",
        "start",
        "--to",
        "FRA.technical,MEX.technical",
        "--deadline",
        "1h",
    ]);
    let cid = campaign["campaign"].as_str().unwrap().to_owned();
    assert_eq!(campaign["targets"], 2, "{campaign}");

    let fra = net.poc("FRA.technical");
    fra.json(&["ack", &ping_of(fra, &cid)]);
    // Only the second member of MEX.technical answers; the first never reads the ping.
    laptop_2.json(&["ack", &ping_of(&laptop_2, &cid)]);

    let report = net
        .custodian
        .json(&["ping", "report", &cid, "--format", "json"]);
    let mex = result(&report, "MEX.technical");
    assert_eq!(mex["outcome"], "on_time", "{mex}");
    assert_eq!(mex["member"], "on-call laptop 2", "{mex}");
    assert_eq!(mex["problems"], serde_json::json!([]), "{mex}");
    let fra_result = result(&report, "FRA.technical");
    assert_eq!(fra_result["outcome"], "on_time", "{fra_result}");
    assert_eq!(
        fra_result["member"],
        serde_json::Value::Null,
        "{fra_result}"
    );
    assert_eq!(report["summary"]["on_time"], 2, "{report}");

    let text = net.custodian.poc(&["ping", "report", &cid]);
    text.ok();
    assert!(
        line_of(&text.stdout, "MEX.technical").contains("MEX.technical (on-call laptop 2)"),
        "{}",
        text.stdout
    );

    let bundle = net.root.path().join("team-campaign.bundle");
    net.custodian
        .poc(&["ping", "report", &cid, "--bundle", bundle.to_str().unwrap()])
        .ok();
    // Someone without a PoC home, holding only the custodian key.
    let outsider = PocHome::new(net.root.path().join("outsider"), "unused");
    let custodian_pub = net.custodian.dir.join("custodian.pub");
    let verify = |format: &[&str]| {
        let mut args = vec![
            "ping",
            "verify",
            bundle.to_str().unwrap(),
            "--custodian-key",
            custodian_pub.to_str().unwrap(),
        ];
        args.extend_from_slice(format);
        outsider.poc(&args)
    };
    let verified = verify(&["--format", "json"]).json();
    assert_eq!(verified["verified"], true, "{verified}");
    let mex = result(&verified, "MEX.technical");
    assert_eq!(mex["outcome"], "on_time", "{mex}");
    assert_eq!(mex["member"], "on-call laptop 2", "{mex}");
    assert_eq!(
        result(&verified, "FRA.technical")["member"],
        serde_json::Value::Null
    );
    let verified = verify(&[]);
    verified.ok();
    assert!(
        line_of(&verified.stdout, "MEX.technical").contains("MEX.technical (on-call laptop 2)"),
        "{}",
        verified.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_member_is_cut_off_and_its_acknowledgement_does_not_count() {
    let (net, laptop_2) = tokio::task::spawn_blocking(|| {
        let net = Network::setup(&["MEX.technical"]);
        let laptop_2 = net.add_member("MEX.technical", "on-call laptop 2");
        (net, laptop_2)
    })
    .await
    .unwrap();
    let laptop_1 = net.poc("MEX.technical");
    let custodian_entry = laptop_1.json(&["directory", "show", "UNODA.custodian"]);
    // The second laptop answers once while it is a member.
    let before =
        net.custodian
            .json(&["ping", "start", "--to", "MEX.technical", "--deadline", "1h"]);
    let before_id = before["campaign"].as_str().unwrap().to_owned();
    laptop_2.json(&["ack", &ping_of(&laptop_2, &before_id)]);
    let report = net
        .custodian
        .json(&["ping", "report", &before_id, "--format", "json"]);
    assert_eq!(
        result(&report, "MEX.technical")["member"],
        "on-call laptop 2"
    );

    net.custodian
        .poc(&[
            "custodian",
            "revoke",
            "MEX.technical",
            "--member",
            "on-call laptop 2",
            "--reason",
            "laptop stolen",
        ])
        .ok();
    net.custodian.poc(&["custodian", "publish"]).ok();
    laptop_1.poc(&["directory", "sync"]).ok();
    // The revoked laptop can no longer log in.
    let refused = laptop_2.poc(&["inbox"]);
    assert_ne!(refused.code, 0, "{}", refused.stdout);

    // A campaign after the revocation: the stolen laptop's key signs an acknowledgement of
    // it (carried to the relay by another member's session), and it is not counted.
    let after = net
        .custodian
        .json(&["ping", "start", "--to", "MEX.technical", "--deadline", "1h"]);
    let after_id = after["campaign"].as_str().unwrap().to_owned();
    let ping: EnvelopeId = ping_of(laptop_1, &after_id).parse().unwrap();
    let ack = PingAck {
        campaign: hex16(&after_id),
        nonce: [0; 32],
        ping_envelope: ping,
        received_at: 0,
        automatic: false,
    };
    inject(
        laptop_1,
        &key_of(&laptop_2),
        "MEX.technical",
        &custodian_entry,
        ack,
    )
    .await;
    let report = net
        .custodian
        .json(&["ping", "report", &after_id, "--format", "json"]);
    let mex = result(&report, "MEX.technical");
    assert_eq!(mex["outcome"], "invalid", "{mex}");
    assert_eq!(mex["member"], serde_json::Value::Null, "{mex}");
    assert_eq!(
        mex["problems"],
        serde_json::json!(["signed with a revoked key (laptop stolen)"]),
        "{mex}"
    );

    // The member still in the team answers for it.
    laptop_1.json(&["ack", &ping.to_string()]);
    let report = net
        .custodian
        .json(&["ping", "report", &after_id, "--format", "json"]);
    let mex = result(&report, "MEX.technical");
    assert_eq!(mex["outcome"], "on_time", "{mex}");
    assert_eq!(mex["member"], "first member", "{mex}");
}

#[test]
fn a_member_watching_answers_pings_automatically_for_its_poc() {
    let net = Network::setup(&["MEX.technical"]);
    let laptop_2 = net.add_member("MEX.technical", "on-call laptop 2");
    let mut watcher = Command::new(&bins().poc)
        .arg("--home")
        .arg(&laptop_2.dir)
        .args(["inbox", "--watch", "--auto-ack-pings"])
        .env("POC_PASSPHRASE", &laptop_2.passphrase)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let campaign =
        net.custodian
            .json(&["ping", "start", "--to", "MEX.technical", "--deadline", "1h"]);
    let cid = campaign["campaign"].as_str().unwrap().to_owned();
    // Bounded wait for the watcher's answer (it answers as soon as the ping arrives).
    let wait = Instant::now() + Duration::from_secs(30);
    let mut mex = serde_json::Value::Null;
    while Instant::now() < wait {
        let status = net.custodian.json(&["ping", "status", &cid]);
        mex = result(&status, "MEX.technical");
        if mex["outcome"] == "on_time" {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = watcher.kill();
    let _ = watcher.wait();
    assert_eq!(mex["outcome"], "on_time", "{mex}");
    assert_eq!(mex["automatic"], true, "{mex}");
    assert_eq!(mex["member"], "on-call laptop 2", "{mex}");
    // The first member answering later changes nothing and is no problem. Answers are
    // dated to the second: this one is signed in a later second.
    std::thread::sleep(Duration::from_millis(1100));
    let laptop_1 = net.poc("MEX.technical");
    laptop_1.json(&["ack", &ping_of(laptop_1, &cid)]);
    let report = net
        .custodian
        .json(&["ping", "report", &cid, "--format", "json"]);
    let later = result(&report, "MEX.technical");
    assert_eq!(later["outcome"], "on_time", "{later}");
    assert_eq!(later["member"], "on-call laptop 2", "{later}");
    assert_eq!(later["latency_seconds"], mex["latency_seconds"], "{later}");
    assert_eq!(later["problems"], serde_json::json!([]), "{later}");
}

#[test]
fn the_sender_sees_which_member_acknowledged_in_its_thread_and_inbox() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let laptop_2 = net.add_member("MEX.technical", "on-call laptop 2");
    let fra = net.poc("FRA.technical");
    let sent = fra.json(&[
        "send",
        "--to",
        "MEX.technical",
        "--type",
        "text",
        "--priority",
        "low",
        "--field",
        "text=Phishing wave against ministries",
    ]);
    let id = sent["sent"][0]["id"].as_str().unwrap().to_owned();
    laptop_2.json(&["inbox"]);
    laptop_2.json(&["ack", &id]);
    // The receipt as the inbox lists it when it arrives.
    let inbox = fra.poc(&["inbox"]);
    inbox.ok();
    assert!(
        inbox.stdout.contains("MEX.technical (on-call laptop 2)"),
        "{}",
        inbox.stdout
    );

    let thread = fra.json(&["thread", &id]);
    let receipts: Vec<&serde_json::Value> = thread["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["type"] == "receipt")
        .collect();
    assert_eq!(receipts.len(), 1, "{thread}");
    assert_eq!(receipts[0]["from"], "MEX.technical", "{thread}");
    assert_eq!(receipts[0]["from_member"], "on-call laptop 2", "{thread}");
    let own = thread["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["outgoing"] == true)
        .unwrap();
    assert_eq!(own["from_member"], serde_json::Value::Null, "{thread}");
    let text = fra.poc(&["thread", &id]);
    text.ok();
    assert!(
        text.stdout.contains("MEX.technical (on-call laptop 2)"),
        "{}",
        text.stdout
    );
}
