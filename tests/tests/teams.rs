//! A PoC is a team: several people or devices act for one directory entry, each with its own
//! keys, through the real binaries and a real relay on loopback.

// Test helpers: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use poc_tests::{messages, Network};

fn ids(inbox: &serde_json::Value) -> Vec<String> {
    messages(inbox)
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn both_members_read_a_notice_and_the_sender_sees_who_acknowledged_it() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let laptop_1 = net.poc("MEX.technical");
    let laptop_2 = net.add_member("MEX.technical", "on-call laptop 2");

    let listed = laptop_2.json(&["team", "list"]);
    let labels: Vec<&str> = listed["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["first member", "on-call laptop 2"], "{listed}");
    assert_eq!(listed["you"], "on-call laptop 2");
    assert_eq!(listed["members"][1]["cosigned_by"], "first member");

    let sent = fra.send_text("MEX.technical", "Phishing wave against ministries");
    sent.ok();
    let first = laptop_1.json(&["inbox"]);
    let second = laptop_2.json(&["inbox"]);
    assert_eq!(ids(&first).len(), 1, "{first}");
    // One message, one id, in both members' inboxes.
    assert_eq!(ids(&first), ids(&second), "{first}\n{second}");
    let id = ids(&second)[0].clone();

    laptop_2.json(&["ack", &id]);
    let inbox = fra.json(&["inbox"]);
    let receipts: Vec<serde_json::Value> = messages(&inbox)
        .into_iter()
        .filter(|m| m["type"] == "receipt")
        .collect::<Vec<_>>();
    assert_eq!(receipts.len(), 1, "{inbox}");
    let receipt = &receipts[0];
    assert_eq!(receipt["from"], "MEX.technical", "{receipt}");
    assert_eq!(receipt["from_member"], "on-call laptop 2", "{receipt}");
    let read = fra.poc(&["read", receipt["id"].as_str().unwrap()]);
    assert!(
        read.stdout.contains("MEX.technical (on-call laptop 2)"),
        "{}",
        read.stdout
    );
}

#[test]
fn a_deputy_custodian_reads_what_is_sent_to_the_custodian_but_cannot_sign_for_it() {
    let net = Network::setup(&["FRA.technical"]);
    let fra = net.poc("FRA.technical");
    let deputy = net.add_member("UNODA.custodian", "deputy");

    let listed = deputy.json(&["team", "list"]);
    assert_eq!(listed["id"], "UNODA.custodian", "{listed}");
    assert_eq!(listed["you"], "deputy");

    // A message to the custodian reaches both the custodian and its deputy, under one id.
    fra.send_text("UNODA.custodian", "Our phone number changes on Monday")
        .ok();
    let custodian_inbox = net.custodian.json(&["inbox"]);
    let deputy_inbox = deputy.json(&["inbox"]);
    assert_eq!(ids(&custodian_inbox).len(), 1, "{custodian_inbox}");
    assert_eq!(ids(&custodian_inbox), ids(&deputy_inbox));

    // Directory and campaign signatures stay with the custodian key in force.
    let publish = deputy.poc(&["custodian", "publish"]);
    assert_ne!(publish.code, 0, "{}", publish.stdout);
    let ping = deputy.poc(&["ping", "start", "--all", "--deadline", "1h"]);
    assert_ne!(ping.code, 0, "{}", ping.stdout);
    assert!(
        ping.stderr.contains("custodian"),
        "the refusal names the custodian: {}",
        ping.stderr
    );

    // The custodian's pings still verify at the PoCs, and the deputy's answer to a PoC is
    // signed by the deputy and shown as such.
    deputy.send_text("FRA.technical", "Noted, thank you").ok();
    let inbox = fra.json(&["inbox"]);
    let from_deputy = messages(&inbox)
        .into_iter()
        .find(|m| m["from_member"] == "deputy")
        .unwrap_or_else(|| panic!("no message from the deputy: {inbox}"));
    assert_eq!(from_deputy["from"], "UNODA.custodian");
}
