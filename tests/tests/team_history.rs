//! One shared history: what a member of a team sends is also sealed to its co-members, so
//! every member sees its PoC's own outgoing messages and receipts, through the real binaries
//! on loopback.

// Test helpers: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use poc_tests::{messages, Network};
use serde_json::Value;

fn item<'a>(inbox: &'a Value, id: &str) -> &'a Value {
    inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id}: {inbox}"))
}

#[test]
fn a_member_sees_what_its_co_member_acknowledged_and_answered() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let laptop_1 = net.poc("MEX.technical");
    let laptop_2 = net.add_member("MEX.technical", "on-call laptop 2");

    fra.send_text("MEX.technical", "Phishing wave against ministries")
        .ok();
    let notice = messages(&laptop_2.json(&["inbox"]))[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let ack = laptop_2.json(&["ack", &notice]);
    let receipt = ack["sent"][0]["id"].as_str().unwrap().to_owned();

    // Laptop 1 sees the notice acknowledged by laptop 2, and the receipt as its team's own
    // outgoing message, not as something to answer.
    let inbox = laptop_1.json(&["inbox"]);
    let seen = item(&inbox, &notice);
    assert!(seen["acked_at"].is_string(), "{seen}");
    assert_eq!(seen["acked_by"], "on-call laptop 2", "{seen}");
    let own = item(&inbox, &receipt);
    assert_eq!(own["status"], "team_sent", "{own}");
    assert_eq!(own["to"], "FRA.technical", "{own}");
    let text = laptop_1.poc(&["inbox", "--offline"]);
    assert!(
        text.stdout.contains("on-call laptop 2"),
        "the listing names who acknowledged: {}",
        text.stdout
    );

    // Laptop 1 answers FRA; laptop 2 sees the answer as sent by laptop 1 and cannot
    // acknowledge it; FRA gets exactly one reply.
    let reply = laptop_1.json(&[
        "reply",
        &notice,
        "--status",
        "in_progress",
        "--text",
        "on it",
    ]);
    let reply_id = reply["sent"][0]["id"].as_str().unwrap().to_owned();
    let inbox = laptop_2.json(&["inbox"]);
    let answered = item(&inbox, &reply_id);
    assert_eq!(answered["status"], "team_sent", "{answered}");
    assert_eq!(answered["from_member"], "first member", "{answered}");
    let refused = laptop_2.poc(&["ack", &reply_id]);
    assert_ne!(refused.code, 0, "{}", refused.stdout);
    assert!(
        refused.stderr.contains("your team's own message"),
        "{}",
        refused.stderr
    );
    let fra_inbox = fra.json(&["inbox"]);
    let replies: Vec<Value> = messages(&fra_inbox)
        .into_iter()
        .filter(|m| m["id"] == reply_id.as_str())
        .collect();
    assert_eq!(replies.len(), 1, "{fra_inbox}");
    assert_eq!(replies[0]["from_member"], "first member");
}
