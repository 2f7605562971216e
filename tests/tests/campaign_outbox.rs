//! A ping campaign through the outbox, with the real binaries: every ping is recorded before
//! any leaves; a `ping start` interrupted after its pings reached the relay but before the
//! answer came back says, for the campaign, how many were stored, may have been sent and were
//! not, and how to finish; `poc sent --resend-all` finishes it with the same envelopes, so the
//! relay stores each ping once, every PoC can acknowledge, and the proof bundle verifies.
//! The test waits for observable events (a record's state on disk, the relay's counter),
//! never for a fixed time.

// Helpers here are test code too: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::process::Command;
use std::sync::atomic::Ordering;

use poc_tests::proxy::{has_submitted, point_at, stored_at_relay, wait_until, Proxy};
use poc_tests::raw::enable_metrics;
use poc_tests::{Network, PocHome, Run};

const POCS: [&str; 4] = [
    "FRA.technical",
    "MEX.technical",
    "ARG.technical",
    "BRA.technical",
];

/// The ping records of the outbox of `home` (the directory notices of the publications that
/// set up the network are there too).
fn pings(home: &PocHome) -> Vec<serde_json::Value> {
    home.json(&["sent"])["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["type"] == "ping")
        .cloned()
        .collect()
}

/// The ping of `campaign` in the inbox of `home`.
fn ping_of(home: &PocHome, campaign: &str) -> String {
    let inbox = home.json(&["inbox"]);
    let pings: Vec<String> = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|item| item["type"] == "ping")
        .map(|item| item["id"].as_str().unwrap().to_owned())
        .filter(|id| home.json(&["read", id])["fields"]["campaign"] == campaign)
        .collect();
    assert_eq!(
        pings.len(),
        1,
        "one ping of {campaign} for {}",
        home.dir.display()
    );
    pings[0].clone()
}

#[test]
fn an_interrupted_campaign_is_told_and_finished_with_one_copy_of_each_ping() {
    let mut net = Network::setup(&POCS);
    let metrics = enable_metrics(&net);
    net.relay.restart();
    let custodian = net.custodian.clone();
    let sent = custodian.dir.join("sent");
    let proxy = Proxy::start(&net.relay.address, false, move || has_submitted(&sent));
    point_at(&custodian, &net.relay.address, &proxy.address.to_string());
    assert_eq!(stored_at_relay(metrics), 0);

    let start = custodian.spawn(&[
        "--retry-for",
        "10m",
        "ping",
        "start",
        "--all",
        "--deadline",
        "1h",
    ]);
    // The pings reached the relay, which stored them; its answer is held back.
    wait_until("the relay stored the pings", || {
        stored_at_relay(metrics) == POCS.len() as u64
    });
    let status = Command::new("kill")
        .args(["-INT", &start.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let run = Run::of(start.wait_with_output().unwrap());
    println!("stderr of the interrupted poc ping start:\n{}", run.stderr);
    assert_eq!(run.code, 130, "{}", run.stderr);

    // Every ping is in the outbox, recorded before it left, and none is told stored.
    let listed = pings(&custodian);
    assert_eq!(listed.len(), POCS.len(), "{listed:?}");
    let mut to: Vec<&str> = listed.iter().map(|r| r["to"].as_str().unwrap()).collect();
    to.sort_unstable();
    let mut expected = POCS.to_vec();
    expected.sort_unstable();
    assert_eq!(to, expected);
    assert!(
        listed
            .iter()
            .all(|r| r["state"] == "submitted" && r["resendable"] == true),
        "{listed:?}"
    );
    // The campaign (the only one) is told in counts, with the command that finishes it.
    let campaigns = custodian.json(&["ping", "list"]);
    let cid = campaigns["campaigns"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(campaigns["campaigns"][0]["targets"], POCS.len());
    let counts = format!(
        "campaign {cid}: 0 pings stored at the relay, {} may have been sent (submitted, no \
         answer from the relay), 0 not sent",
        POCS.len()
    );
    assert!(run.stderr.contains("Interrupted."), "{}", run.stderr);
    assert!(run.stderr.contains(&counts), "{}", run.stderr);
    assert!(
        run.stderr.contains("poc sent --resend-all"),
        "{}",
        run.stderr
    );

    // Finished with the same envelopes: the relay recognises them, stores nothing new.
    proxy.hold.store(false, Ordering::Relaxed);
    let resent = custodian.json(&["sent", "--resend-all"]);
    assert_eq!(resent["resent"], true);
    let resent_ids: Vec<&str> = resent["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let listed_ids: Vec<&str> = listed.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(resent_ids.len(), POCS.len());
    assert!(resent_ids.iter().all(|id| listed_ids.contains(id)));
    assert!(pings(&custodian).iter().all(|r| r["state"] == "stored"));
    assert_eq!(stored_at_relay(metrics), POCS.len() as u64);
    let again = custodian.poc(&["sent", "--resend-all"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(stored_at_relay(metrics), POCS.len() as u64);

    // Each PoC has its ping once, the one the campaign recorded, and acknowledges it.
    for id in POCS {
        let home = net.poc(id);
        let ping = ping_of(home, &cid);
        assert!(listed_ids.contains(&ping.as_str()), "{id}: {ping}");
        home.json(&["ack", &ping]);
    }
    let report = custodian.json(&["ping", "report", &cid, "--format", "json"]);
    for result in report["results"].as_array().unwrap() {
        assert_eq!(result["outcome"], "on_time", "{result}");
    }
    assert_eq!(report["results"].as_array().unwrap().len(), POCS.len());

    // The proof bundle verifies offline with the custodian key alone.
    let bundle = net.root.path().join("campaign.bundle");
    custodian
        .poc(&["ping", "report", &cid, "--bundle", bundle.to_str().unwrap()])
        .ok();
    let key = net
        .poc("FRA.technical")
        .json(&["directory", "show", "UNODA.custodian"])["signing_key"]
        .as_str()
        .unwrap()
        .to_owned();
    let stranger = PocHome::new(net.root.path().join("auditor"), "unused");
    let verified = stranger.json(&[
        "ping",
        "verify",
        bundle.to_str().unwrap(),
        "--custodian-key",
        &key,
    ]);
    assert_eq!(verified["summary"], report["summary"]);
}
