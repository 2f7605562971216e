//! A ping campaign with 20 PoCs through the real binaries: acknowledgements on time, late,
//! never, automatic, forged, and replayed from an older campaign; the report classifies each;
//! the proof bundle verifies offline and fails when one byte of one acknowledgement changes.
//! The late acknowledgements are sent in process by PoCs whose clock is set past the
//! deadline, so nothing waits for it.

// Helpers here are test code too: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use age::secrecy::SecretString;
use poc_client::clock::ManualClock;
use poc_client::home::Home;
use poc_client::ops::ping::Bundle;
use poc_client::ops::{self, inbox};
use poc_client::transport::RelayClient;
use poc_keys::{PocKey, RoutingHeader};
use poc_proto::{EnvelopeId, Message, MessageKind, PingAck, Priority, PublicKeyBytes, Tlp};
use poc_tests::{bins, Network, PocHome};

const STATES: [&str; 10] = [
    "ARG", "BRA", "CHL", "COL", "ECU", "FRA", "MEX", "PER", "URY", "CAN",
];

/// The envelope id of the ping of `campaign` in a PoC's inbox.
fn ping_of(home: &PocHome, campaign: &str) -> EnvelopeId {
    let inbox = home.json(&["inbox"]);
    for item in inbox["items"].as_array().unwrap() {
        if item["type"] != "ping" {
            continue;
        }
        let id = item["id"].as_str().unwrap();
        let read = home.json(&["read", id]);
        if read["fields"]["campaign"] == campaign {
            return id.parse().unwrap();
        }
    }
    panic!("no ping of campaign {campaign} for {}", home.dir.display());
}

/// Seals a ping acknowledgement with `signer` (any key) on behalf of `from`, and submits it
/// through the relay logged in as `courier`.
async fn inject(
    courier: &PocHome,
    signer: &PocKey,
    from: &str,
    custodian: &serde_json::Value,
    ack: PingAck,
    thread: Option<EnvelopeId>,
) {
    let home = Home::new(&courier.dir);
    let config = home.config().unwrap();
    let key = poc_keys::keystore::load(
        &home.identity_path(),
        &SecretString::from(courier.passphrase.clone()),
    )
    .unwrap();
    let custodian_key: PublicKeyBytes = custodian["signing_key"].as_str().unwrap().parse().unwrap();
    let custodian_age =
        poc_keys::PocPublic::parse_encryption_key(custodian["encryption_key"].as_str().unwrap())
            .unwrap();
    let message = Message {
        from: from.parse().unwrap(),
        to: "UNODA.custodian".parse().unwrap(),
        sent_at: poc_client::clock::Clock::system().now(),
        thread,
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
        expires_at: poc_client::clock::Clock::system().now() + 3600,
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_campaign_classifies_every_kind_of_answer_and_its_bundle_proves_it() {
    let ids: Vec<String> = STATES
        .iter()
        .flat_map(|s| [format!("{s}.technical"), format!("{s}.diplomatic")])
        .collect();
    let net = tokio::task::spawn_blocking(move || {
        let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        Network::setup(&id_refs)
    })
    .await
    .unwrap();
    let custodian_entry = net
        .poc("ARG.technical")
        .json(&["directory", "show", "UNODA.custodian"]);

    // An older campaign that ARG.technical answers.
    let old = net
        .custodian
        .json(&["ping", "start", "--to", "ARG.technical", "--deadline", "1h"]);
    let old_id = old["campaign"].as_str().unwrap().to_owned();
    // The ping is a sent envelope like any other: {id, to, priority}.
    let old_sent = old["sent"].as_array().unwrap();
    assert_eq!(old_sent.len(), 1, "{old}");
    assert_eq!(old_sent[0]["to"], "ARG.technical");
    assert_eq!(old_sent[0]["priority"], "medium");
    assert_eq!(old["not_pinged"], serde_json::json!([]));
    let arg = net.poc("ARG.technical");
    let old_ping = ping_of(arg, &old_id);
    arg.json(&["ack", &old_ping.to_string()]);

    // CAN.diplomatic watches and acknowledges automatically.
    let watcher_home = net.poc("CAN.diplomatic").clone();
    let mut watcher = Command::new(&bins().poc)
        .arg("--home")
        .arg(&watcher_home.dir)
        .args(["inbox", "--watch", "--auto-ack-pings"])
        .env("POC_PASSPHRASE", &watcher_home.passphrase)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();

    let campaign = net.custodian.json(&[
        "ping",
        "start",
        "--all",
        "--deadline",
        "1h",
        "--note",
        "yearly check",
    ]);
    let cid = campaign["campaign"].as_str().unwrap().to_owned();
    assert_eq!(campaign["targets"], 20);
    assert_eq!(campaign["sent"].as_array().unwrap().len(), 20, "{campaign}");
    let deadline = poc_tests::unix_seconds(&campaign["deadline"]);

    // On time, by hand.
    let on_time = [
        "BRA.diplomatic",
        "CHL.technical",
        "CHL.diplomatic",
        "COL.technical",
        "COL.diplomatic",
        "ECU.technical",
        "FRA.technical",
        "FRA.diplomatic",
    ];
    for id in on_time {
        let home = net.poc(id);
        let ping = ping_of(home, &cid);
        home.json(&["ack", &ping.to_string()]);
    }

    // BRA.technical: a member (PER.technical) injects an acknowledgement signed by a key
    // that is not in the directory, claiming to come from BRA.technical.
    let forger = PocKey::generate();
    let ack = PingAck {
        campaign: hex32(&cid),
        nonce: [7; 32],
        ping_envelope: EnvelopeId([1; 16]),
        received_at: 0,
        automatic: false,
    };
    inject(
        net.poc("PER.technical"),
        &forger,
        "BRA.technical",
        &custodian_entry,
        ack,
        None,
    )
    .await;

    // ARG.technical: its old acknowledgement, replayed as the answer to the new ping.
    let new_ping = ping_of(arg, &cid);
    let arg_key = poc_keys::keystore::load(
        &arg.dir.join("identity.age"),
        &SecretString::from(arg.passphrase.clone()),
    )
    .unwrap();
    let old_read = net
        .custodian
        .json(&["ping", "report", &old_id, "--format", "json"]);
    assert_eq!(old_read["results"][0]["outcome"], "on_time");
    let replay = PingAck {
        campaign: hex32(&old_id),
        nonce: [0; 32],
        ping_envelope: old_ping,
        received_at: 0,
        automatic: false,
    };
    inject(
        arg,
        &arg_key,
        "ARG.technical",
        &custodian_entry,
        replay,
        Some(new_ping),
    )
    .await;

    // Wait for the automatic one (the watcher answers as soon as the ping arrives).
    let wait = Instant::now() + Duration::from_secs(20);
    while Instant::now() < wait {
        let status = net.custodian.json(&["ping", "status", &cid]);
        if status["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "CAN.diplomatic" && r["outcome"] == "on_time")
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = watcher.kill();
    let _ = watcher.wait();

    // Remind everyone without a valid acknowledgement: 20 minus 8 by hand minus 1 automatic.
    let reminders = net.custodian.json(&["ping", "remind", &cid]);
    let reminded: Vec<&str> = reminders["reminded"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(reminded.len(), 11, "{reminded:?}");
    let sent_to: Vec<&str> = reminders["sent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["to"].as_str().unwrap())
        .collect();
    assert_eq!(sent_to, reminded, "one reminder envelope per PoC reminded");
    assert!(
        reminded.contains(&"MEX.technical")
            && !reminded.contains(&"FRA.technical")
            && !reminded.contains(&"CAN.diplomatic")
    );

    // Late, by hand: these PoCs' clocks read 2 s past the deadline when they acknowledge.
    let late_clock = ManualClock::at(deadline + 2);
    for id in ["MEX.technical", "MEX.diplomatic"] {
        let home = net.poc(id);
        let ping = ping_of(home, &cid).to_string();
        let identity = home.unlock().unwrap().with_clock(late_clock.clock());
        let (acked, sent) = ops::online(&identity, async |client| {
            let directory = ops::require_directory(&identity)?;
            inbox::ack(&identity, client, &directory, &ping, false).await
        })
        .await
        .unwrap();
        assert_eq!(acked.to_string(), ping);
        assert_eq!(sent.to.to_string(), "UNODA.custodian");
    }

    let report = net
        .custodian
        .json(&["ping", "report", &cid, "--format", "json"]);
    let outcome = |id: &str| {
        report["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone()
    };
    for id in on_time {
        assert_eq!(outcome(id)["outcome"], "on_time", "{id}: {}", outcome(id));
        assert_eq!(outcome(id)["automatic"], false);
    }
    assert_eq!(outcome("CAN.diplomatic")["outcome"], "on_time");
    assert_eq!(
        outcome("CAN.diplomatic")["automatic"],
        true,
        "automatic acknowledgements are marked"
    );
    for id in ["MEX.technical", "MEX.diplomatic"] {
        assert_eq!(outcome(id)["outcome"], "late", "{id}");
    }
    let bra = outcome("BRA.technical");
    assert_eq!(bra["outcome"], "invalid");
    assert!(
        bra["problems"][0]
            .as_str()
            .unwrap()
            .contains("not in the directory"),
        "{bra}"
    );
    let argr = outcome("ARG.technical");
    assert_eq!(argr["outcome"], "invalid");
    assert!(
        argr["problems"][0]
            .as_str()
            .unwrap()
            .contains(&format!("replayed acknowledgement from campaign {old_id}")),
        "{argr}"
    );
    for id in [
        "ARG.diplomatic",
        "ECU.diplomatic",
        "PER.technical",
        "PER.diplomatic",
        "URY.technical",
        "URY.diplomatic",
        "CAN.technical",
    ] {
        assert_eq!(outcome(id)["outcome"], "no_answer", "{id}");
    }
    let s = &report["summary"];
    assert_eq!(
        (
            s["targets"].as_u64(),
            s["on_time"].as_u64(),
            s["late"].as_u64(),
            s["invalid"].as_u64(),
            s["no_answer"].as_u64()
        ),
        (Some(20), Some(9), Some(2), Some(2), Some(7))
    );
    assert_eq!(report["by_state"]["MEX"]["late"], 2);
    // On the custodian's own clock the deadline is still an hour away: only the late PoCs'
    // clocks were past it.
    assert_eq!(report["deadline_passed"], false);
    let status = net.custodian.json(&["ping", "status", &cid]);
    assert_eq!(status["summary"], report["summary"]);
    let status_text = net.custodian.poc(&["ping", "status", &cid]);
    assert!(
        status_text
            .stdout
            .contains("20 PoCs; on time 9, late 2, no answer 7, INVALID 2; response rate 55%")
            && !status_text.stdout.contains("(passed)"),
        "{}",
        status_text.stdout
    );

    // `--format json` prints the very document `--json` prints; with `--json`, the document
    // wins over any other format.
    let plain = net
        .custodian
        .poc(&["ping", "report", &cid, "--format", "json"]);
    let plain: serde_json::Value = plain.document();
    assert_eq!(plain, report);
    let csv_json = net
        .custodian
        .json(&["ping", "report", &cid, "--format", "csv"]);
    assert_eq!(csv_json, report);
    // An unknown campaign is not found (exit 1), with one error document.
    let missing = net.custodian.poc(&["--json", "ping", "status", "ffffffff"]);
    let error = missing.json_error();
    assert_eq!(
        (error["kind"].as_str(), missing.code),
        (Some("not_found"), 1)
    );

    // Other formats.
    let table = net.custodian.poc(&["ping", "report", &cid]);
    assert!(
        table.stdout.contains("INVALID acknowledgements"),
        "{}",
        table.stdout
    );
    let csv = net
        .custodian
        .poc(&["ping", "report", &cid, "--format", "csv"]);
    assert_eq!(csv.stdout.lines().count(), 21);
    let html = net
        .custodian
        .poc(&["ping", "report", &cid, "--format", "html"]);
    assert!(
        html.stdout.contains("<svg") && html.stdout.contains("Response rate 55%"),
        "{}",
        &html.stdout[..200.min(html.stdout.len())]
    );

    // The bundle verifies offline with the custodian key alone, in an empty home...
    let bundle = net.root.path().join("campaign.bundle");
    net.custodian
        .poc(&["ping", "report", &cid, "--bundle", bundle.to_str().unwrap()])
        .ok();
    let stranger = PocHome::new(net.root.path().join("auditor"), "unused");
    let key = custodian_entry["signing_key"].as_str().unwrap();
    let verified = stranger.json(&[
        "ping",
        "verify",
        bundle.to_str().unwrap(),
        "--custodian-key",
        key,
    ]);
    assert_eq!(verified["summary"], report["summary"]);
    // ...and fails, naming the acknowledgement, when one byte of one acknowledgement changes.
    let mut decoded: Bundle = poc_proto::decode(&std::fs::read(&bundle).unwrap()).unwrap();
    let victim = decoded
        .acks
        .iter()
        .position(|a| {
            poc_proto::decode::<Message>(&a.body)
                .is_ok_and(|m| m.from.to_string() == "FRA.technical")
        })
        .unwrap();
    let body = &mut decoded.acks[victim].body;
    let last = body.len() - 1;
    body[last] ^= 1;
    let altered = net.root.path().join("altered.bundle");
    std::fs::write(&altered, poc_proto::encode(&decoded).unwrap()).unwrap();
    let run = stranger.poc(&[
        "ping",
        "verify",
        altered.to_str().unwrap(),
        "--custodian-key",
        key,
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains(&format!(
            "FAILED: acknowledgement #{victim} (claims FRA.technical)"
        )),
        "{}",
        run.stdout
    );
    // With --json (or --format json): the one `ping verify` document, not verified, naming
    // the acknowledgement and the check it fails, and the exit code of a verification failure
    // (the error sentence on stderr).
    let altered_path = altered.to_str().unwrap();
    for args in [
        vec![
            "--json",
            "ping",
            "verify",
            altered_path,
            "--custodian-key",
            key,
        ],
        vec![
            "ping",
            "verify",
            altered_path,
            "--custodian-key",
            key,
            "--format",
            "json",
        ],
    ] {
        let run = stranger.poc(&args);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let document: serde_json::Value = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("not one JSON document ({e}): {}", run.stdout));
        poc_tests::check_document(&document);
        assert_eq!(
            (&document["command"], &document["verified"]),
            (&serde_json::json!("ping verify"), &serde_json::json!(false)),
            "{document}"
        );
        assert_eq!(
            document["failures"],
            serde_json::json!([{
                "index": victim,
                "claims": "FRA.technical",
                "check": "signature",
                "reason": "signature does not verify (altered or forged)",
            }]),
            "{document}"
        );
        assert!(
            run.stderr.contains(&format!(
                "acknowledgement #{victim} (claims FRA.technical): signature does not verify"
            )),
            "{}",
            run.stderr
        );
    }
    // The yearly review: each PoC's record over both campaigns, and relay counts only.
    let review = net
        .custodian
        .json(&["custodian", "review", "--since", "365d"]);
    assert_eq!(review["campaigns"], 2);
    let arg = &review["ping_history"]["ARG.technical"];
    assert_eq!(
        (
            arg["campaigns"].as_u64(),
            arg["on_time"].as_u64(),
            arg["invalid"].as_u64()
        ),
        (Some(2), Some(1), Some(1)),
        "{review}"
    );
    assert_eq!(arg["response_rate"], 0.5, "{review}");
    assert_eq!(review["ping_history"]["MEX.technical"]["late"], 1);
    let relay = &review["relay"];
    assert_eq!(relay["members"], 21);
    let month = &relay["months"].as_array().unwrap()[0];
    let counted = ["high", "medium", "low"]
        .iter()
        .map(|p| month[p].as_u64().unwrap())
        .sum::<u64>();
    assert!(
        counted >= 21 + 12,
        "every ping and acknowledgement is counted: {relay}"
    );
    assert!(
        !relay.to_string().contains("technical"),
        "the relay reports counts, not correspondents: {relay}"
    );

    // A different custodian key does not verify the bundle at all.
    let other = PocKey::generate().signing_public().to_string();
    let run = stranger.poc(&[
        "--json",
        "ping",
        "verify",
        bundle.to_str().unwrap(),
        "--custodian-key",
        &other,
    ]);
    let error = run.json_error();
    assert_eq!(
        (error["kind"].as_str(), run.code),
        (Some("verification"), 1)
    );
}

fn hex32(text: &str) -> [u8; 16] {
    let bytes = data_encoding::HEXLOWER.decode(text.as_bytes()).unwrap();
    bytes.try_into().unwrap()
}
