//! Each member of a team changes its own keys, and a member asks the custodian to remove
//! another, through the real binaries and a real relay on loopback.

// Test helpers: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use poc_tests::{copy_dir, messages, Network, PocHome};
use serde_json::Value;

fn texts(inbox: &Value) -> Vec<String> {
    messages(inbox)
        .iter()
        .filter(|m| m["type"] == "text")
        .map(|m| m["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The only pending request in the custodian's queue.
fn pending(net: &Network) -> Value {
    let queue = net.custodian.json(&["custodian", "requests"]);
    let pending: Vec<&Value> = queue["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "pending")
        .collect();
    assert_eq!(pending.len(), 1, "{queue}");
    pending[0].clone()
}

/// A home's old key is refused at the relay: the client cannot get the directory.
fn assert_cut_off(home: &PocHome) {
    let refused = home.poc(&["directory", "sync"]);
    assert_eq!(refused.code, 2, "{}\n{}", refused.stdout, refused.stderr);
    assert!(
        refused.stderr.contains("not in the published directory"),
        "{}",
        refused.stderr
    );
}

#[test]
fn a_member_rotates_its_own_key_and_both_members_keep_reading() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let laptop_1 = net.poc("MEX.technical");
    let laptop_2 = net.add_member("MEX.technical", "laptop 2");
    let old_home = PocHome::new(net.root.path().join("laptop-2-old"), &laptop_2.passphrase);
    copy_dir(&laptop_2.dir, &old_home.dir);
    let before = laptop_1.json(&["team", "list"]);
    let first_key = before["members"][0]["fingerprint"].clone();

    let rotation = laptop_2.json(&["keys", "rotate"]);
    let new_fingerprint = rotation["new_fingerprint"].as_str().unwrap().to_owned();
    let request = pending(&net);
    assert_eq!(request["from"], "MEX.technical", "{request}");
    assert_eq!(request["from_member"], "laptop 2", "{request}");
    assert_eq!(request["member"], "laptop 2", "{request}");
    assert_eq!(request["rotation"], true, "{request}");
    let change = &request["changes"][0];
    assert_eq!(change["field"], "key", "{request}");
    assert_eq!(
        change["new"],
        format!("laptop 2 ({new_fingerprint})"),
        "{request}"
    );
    net.custodian
        .json(&["custodian", "approve", request["id"].as_str().unwrap()]);
    let shown = net.custodian.json(&["custodian", "show"]);
    let mex = shown["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "MEX.technical")
        .unwrap()
        .clone();
    let members: Vec<(&str, &str)> = mex["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["label"].as_str().unwrap(),
                m["fingerprint"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        members,
        [
            ("first member", first_key.as_str().unwrap()),
            ("laptop 2", new_fingerprint.as_str())
        ],
        "{shown}"
    );
    net.custodian.json(&["custodian", "publish"]);

    // The next command of laptop 2 switches to its new key; laptop 1 is untouched.
    let switched = laptop_2.json(&["team", "list"]);
    assert_eq!(switched["you"], "laptop 2", "{switched}");
    assert_eq!(
        switched["members"][1]["fingerprint"], new_fingerprint,
        "{switched}"
    );
    laptop_1.json(&["directory", "sync"]);
    fra.json(&["directory", "sync"]);
    let listed = laptop_1.json(&["team", "list"]);
    assert_eq!(listed["you"], "first member", "{listed}");
    assert_eq!(listed["members"][0]["fingerprint"], first_key, "{listed}");

    // FRA's next message reaches both members.
    fra.send_text("MEX.technical", "after the rotation of laptop 2")
        .ok();
    let first = texts(&laptop_1.json(&["inbox"]));
    let second = texts(&laptop_2.json(&["inbox"]));
    assert_eq!(first.len(), 1, "{first:?}");
    assert_eq!(first, second);
    let read = laptop_2.json(&["read", &second[0]]);
    assert_eq!(read["fields"]["text"], "after the rotation of laptop 2");

    // The old key of laptop 2 no longer logs in.
    assert_cut_off(&old_home);
}

#[test]
fn a_member_asks_to_remove_another_and_the_custodian_approves() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let laptop_1 = net.poc("MEX.technical");
    let laptop_2 = net.add_member("MEX.technical", "laptop 2");

    // A label that does not exist is refused by the command, before anything is sent.
    let unknown = laptop_1.poc(&["team", "remove", "laptop 9"]);
    assert_ne!(unknown.code, 0, "{}", unknown.stdout);
    assert!(
        unknown
            .stderr
            .contains("MEX.technical has no member labelled \"laptop 9\": `poc team list` shows the labels of its members"),
        "{}",
        unknown.stderr
    );
    let queue = net.custodian.json(&["custodian", "requests"]);
    assert_eq!(queue["requests"].as_array().unwrap().len(), 0, "{queue}");

    let asked = laptop_1.json(&["team", "remove", "laptop 2", "--reason", "laptop lost"]);
    assert_eq!(asked["label"], "laptop 2", "{asked}");
    let request = pending(&net);
    assert_eq!(request["from_member"], "first member", "{request}");
    assert_eq!(request["member"], "laptop 2", "{request}");
    assert_eq!(request["changes"][0]["field"], "member", "{request}");
    assert_eq!(request["changes"][0]["new"], "", "{request}");
    // Nothing changes before the custodian decides.
    assert_eq!(laptop_2.json(&["team", "list"])["you"], "laptop 2");

    net.custodian
        .json(&["custodian", "approve", request["id"].as_str().unwrap()]);
    net.custodian.json(&["custodian", "publish"]);
    fra.json(&["directory", "sync"]);
    laptop_1.json(&["directory", "sync"]);
    let shown = fra.json(&["directory", "show", "MEX.technical"]);
    let labels: Vec<&str> = shown["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["first member"], "{shown}");

    // The removed member is cut off at the relay; the other still reads.
    assert_cut_off(&laptop_2);
    fra.send_text("MEX.technical", "after the removal").ok();
    let first = texts(&laptop_1.json(&["inbox"]));
    assert_eq!(first.len(), 1, "{first:?}");
    let read = laptop_1.json(&["read", &first[0]]);
    assert_eq!(read["fields"]["text"], "after the removal");

    // The last member cannot be removed.
    let last = laptop_1.poc(&["team", "remove", "first member"]);
    assert_ne!(last.code, 0, "{}", last.stdout);
    assert!(
        last.stderr.contains("MEX.technical has no other member"),
        "{}",
        last.stderr
    );
}
