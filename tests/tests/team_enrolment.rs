//! Adding and revoking the members of a PoC through the real binaries: who may co-sign a new
//! member, what the custodian refuses (forged co-signatures, requests for another PoC,
//! requests nobody co-signed, taken or unreadable labels), what a revocation cuts off, and
//! the directory format before and after the first team.

// Test helpers: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use poc_client::armor::{armor, dearmor};
use poc_client::ops::team::MEMBER_REQUEST_LABEL;
use poc_proto::{decode, encode, MemberRequest, PocId, SignedDirectory};
use poc_tests::{messages, Network, PocHome};

/// The labels of `poc team list` in order, and who co-signed each.
fn team(home: &PocHome) -> Vec<(String, Option<String>)> {
    let listed = home.json(&["team", "list"]);
    listed["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["label"].as_str().unwrap().to_owned(),
                m["cosigned_by"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

fn pair(label: &str, by: Option<&str>) -> (String, Option<String>) {
    (label.to_owned(), by.map(str::to_owned))
}

/// A member invitation for `label` of `id` and a new device initialised from it; returns the
/// device's home and its member request.
fn new_device(net: &Network, id: &str, label: &str, name: &str) -> (PocHome, PathBuf) {
    let invite = net.root.path().join(format!("invite-{name}.toml"));
    net.custodian
        .poc(&[
            "custodian",
            "invite",
            id,
            "--member",
            label,
            "--out",
            invite.to_str().unwrap(),
        ])
        .ok();
    let home = PocHome::new(net.root.path().join(name), &format!("passphrase of {name}"));
    home.poc_writing_keystore(&["init", "--yes", "--invite", invite.to_str().unwrap()])
        .ok();
    let request = home.dir.join("member-request.txt");
    assert!(
        request.exists(),
        "no member request in {}",
        home.dir.display()
    );
    (home, request)
}

fn read_request(path: &Path) -> MemberRequest {
    let text = std::fs::read_to_string(path).unwrap();
    decode(&dearmor(MEMBER_REQUEST_LABEL, &text).unwrap()).unwrap()
}

fn write_request(path: &Path, request: &MemberRequest) {
    let text = armor(MEMBER_REQUEST_LABEL, &[], &encode(request).unwrap());
    std::fs::write(path, text).unwrap();
}

fn add(net: &Network, request: &Path) -> poc_tests::Run {
    net.custodian
        .poc(&["custodian", "add", request.to_str().unwrap(), "--yes"])
}

/// The serial of the directory a home holds (`poc directory verify`), and whether the
/// signed directory it keeps (`directory.bin`) is in format v2.
fn directory_format(home: &PocHome) -> (u64, bool) {
    let verified = home.json(&["directory", "verify"]);
    let bytes = std::fs::read(home.dir.join("directory.bin")).unwrap();
    let signed: SignedDirectory = decode(&bytes).unwrap();
    (
        verified["serial"].as_u64().unwrap(),
        poc_keys::team::is_v2(&signed.body),
    )
}

#[test]
fn a_third_device_co_signed_by_the_second_member_joins_and_forged_co_signatures_do_not() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let laptop_2 = net.add_member("MEX.technical", "laptop 2");
    let (laptop_3, request) = new_device(&net, "MEX.technical", "laptop 3", "laptop-3");

    // The second member (not the first) co-signs.
    let cosigned = laptop_2.json(&["team", "cosign", request.to_str().unwrap(), "--yes"]);
    assert_eq!(cosigned["cosigned_by"], "laptop 2", "{cosigned}");
    assert_eq!(cosigned["first_member"], false, "{cosigned}");
    let cosigned_file = PathBuf::from(cosigned["file"].as_str().unwrap());
    assert_eq!(
        cosigned_file,
        laptop_3.dir.join("member-request.cosigned.txt")
    );

    // One byte of the co-signature flipped: refused as a verification failure.
    let mut forged = read_request(&cosigned_file);
    forged.member.cosignature.as_mut().unwrap().signature.0[10] ^= 1;
    let flipped = net.root.path().join("flipped.txt");
    write_request(&flipped, &forged);
    let refused = add(&net, &flipped);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("the member request is invalid")
            && refused.stderr.contains("co-signature does not verify"),
        "{}",
        refused.stderr
    );

    // A genuine signature by the key of another PoC: not a member of MEX.technical.
    let fra_key = fra.unlock().unwrap().key;
    let mut foreign = read_request(&request);
    let mex: PocId = "MEX.technical".parse().unwrap();
    poc_keys::team::cosign_member(&fra_key, &mex, &mut foreign.member).unwrap();
    let by_fra = net.root.path().join("by-fra.txt");
    write_request(&by_fra, &foreign);
    let refused = add(&net, &by_fra);
    assert_ne!(refused.code, 0, "{}", refused.stdout);
    assert!(
        refused.stderr.contains(
            "the request for MEX.technical is co-signed by a key that is not a current member of it"
        ),
        "{}",
        refused.stderr
    );

    // Nothing was added by the refused requests: the genuine one is new.
    let added = net
        .custodian
        .json(&["custodian", "add", cosigned_file.to_str().unwrap()]);
    assert_eq!(added["already_present"], false, "{added}");
    assert_eq!(added["cosigned_by"], "laptop 2", "{added}");
    assert_eq!(
        added["members"],
        serde_json::json!(["first member", "laptop 2", "laptop 3"]),
        "{added}"
    );
    net.custodian.poc(&["custodian", "publish"]).ok();
    for home in [fra, net.poc("MEX.technical"), &laptop_2, &laptop_3] {
        home.poc(&["directory", "sync"]).ok();
    }

    let expected = vec![
        pair("first member", None),
        pair("laptop 2", Some("first member")),
        pair("laptop 3", Some("laptop 2")),
    ];
    assert_eq!(team(&laptop_3), expected);
    assert_eq!(team(net.poc("MEX.technical")), expected);
    let text = laptop_3.poc(&["team", "list"]);
    text.ok();
    let line = text
        .stdout
        .lines()
        .find(|l| l.contains("laptop 3"))
        .unwrap_or_else(|| panic!("{}", text.stdout));
    assert!(line.contains("laptop 2"), "{}", text.stdout);

    // The new device reads what FRA sends to the PoC.
    fra.send_text("MEX.technical", "to the whole team").ok();
    for home in [net.poc("MEX.technical"), &laptop_2, &laptop_3] {
        let inbox = home.json(&["inbox"]);
        assert_eq!(messages(&inbox).len(), 1, "{inbox}");
    }
}

#[test]
fn only_a_member_of_the_same_poc_co_signs_and_a_one_key_poc_must_co_sign_first() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let mex = net.poc("MEX.technical");
    let (_laptop_2, request) = new_device(&net, "MEX.technical", "laptop 2", "laptop-2");

    // FRA cannot co-sign a request to join MEX.technical; nothing is written.
    let refused = fra.poc(&["team", "cosign", request.to_str().unwrap(), "--yes"]);
    assert_ne!(refused.code, 0, "{}", refused.stdout);
    assert!(
        refused.stderr.contains(
            "this request asks to join MEX.technical, not your PoC FRA.technical: only a member of MEX.technical can co-sign it"
        ),
        "{}",
        refused.stderr
    );
    let default_out = request.with_file_name("member-request.cosigned.txt");
    assert!(!default_out.exists());

    // Nobody co-signed it and MEX.technical is held by one key: the custodian refuses it,
    // even with --yes, and says to have it co-signed.
    let refused = add(&net, &request);
    assert_ne!(refused.code, 0, "{}", refused.stdout);
    assert!(
        refused.stderr.contains(
            "MEX.technical is still held by one key: its holder must co-sign this request first (`poc team cosign REQUEST_FILE`)"
        ),
        "{}",
        refused.stderr
    );

    mex.json(&["team", "cosign", request.to_str().unwrap(), "--yes"]);
    let added = net
        .custodian
        .json(&["custodian", "add", default_out.to_str().unwrap()]);
    assert_eq!(added["already_present"], false, "{added}");
    assert_eq!(
        added["members"],
        serde_json::json!(["first member", "laptop 2"]),
        "{added}"
    );
}

#[test]
fn a_taken_label_is_refused_when_inviting_and_when_adding() {
    let net = Network::setup(&["MEX.technical"]);
    let mex = net.poc("MEX.technical");
    net.add_member("MEX.technical", "laptop 2");

    for taken in ["laptop 2", "first member"] {
        let out = net.root.path().join(format!("taken-{taken}.toml"));
        let refused = net.custodian.poc(&[
            "custodian",
            "invite",
            "MEX.technical",
            "--member",
            taken,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_ne!(refused.code, 0, "{}", refused.stdout);
        assert!(
            refused.stderr.contains(&format!(
                "MEX.technical already has a member labelled {taken:?}: ask for a new invitation with another label"
            )),
            "{}",
            refused.stderr
        );
        assert!(!out.exists());
    }

    // Two invitations for one label, both made before either was added: the second to
    // arrive is refused.
    let (_a, request_a) = new_device(&net, "MEX.technical", "night shift", "night-a");
    let (_b, request_b) = new_device(&net, "MEX.technical", "night shift", "night-b");
    for request in [&request_a, &request_b] {
        mex.json(&["team", "cosign", request.to_str().unwrap(), "--yes"]);
    }
    let cosigned = |r: &Path| r.with_file_name("member-request.cosigned.txt");
    add(&net, &cosigned(&request_a)).ok();
    let refused = add(&net, &cosigned(&request_b));
    assert_ne!(refused.code, 0, "{}", refused.stdout);
    assert!(
        refused
            .stderr
            .contains("MEX.technical already has a member labelled \"night shift\""),
        "{}",
        refused.stderr
    );
    let shown = net
        .custodian
        .json(&["custodian", "add", cosigned(&request_a).to_str().unwrap()]);
    assert_eq!(shown["already_present"], true, "{shown}");
    assert_eq!(
        shown["members"],
        serde_json::json!(["first member", "laptop 2", "night shift"]),
        "{shown}"
    );
}

#[test]
fn a_revoked_member_is_cut_off_while_the_others_keep_working() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let laptop_1 = net.poc("MEX.technical");
    let laptop_2 = net.add_member("MEX.technical", "laptop 2");

    // Signed by laptop 2 before its revocation; FRA has not fetched it yet.
    laptop_2
        .send_text("FRA.technical", "signed before the revocation")
        .ok();

    let revoked = net.custodian.json(&[
        "custodian",
        "revoke",
        "MEX.technical",
        "--member",
        "laptop 2",
        "--reason",
        "laptop lost",
    ]);
    assert_eq!(revoked["label"], "laptop 2", "{revoked}");
    assert_eq!(revoked["members"], serde_json::json!(["first member"]));
    net.custodian.poc(&["custodian", "publish"]).ok();

    // Its key is refused at the relay.
    let cut = laptop_2.poc(&["inbox"]);
    assert_eq!(cut.code, 2, "{}", cut.stderr);
    assert!(
        cut.stderr.contains("not in the published directory"),
        "{}",
        cut.stderr
    );

    // The message it signed earlier is INVALID (revoked) to a reader who synced afterwards.
    fra.poc(&["directory", "sync"]).ok();
    let inbox = fra.json(&["inbox"]);
    assert!(
        messages(&inbox)
            .iter()
            .all(|i| i["from"] != "MEX.technical"),
        "{inbox}"
    );
    let unopened = inbox["unopened"].as_array().unwrap();
    assert_eq!(unopened.len(), 1, "{inbox}");
    assert_eq!(unopened[0]["invalid"], "revoked", "{inbox}");
    let read = fra.poc(&["read", unopened[0]["first"].as_str().unwrap()]);
    assert_eq!(read.code, 1, "{}", read.stdout);
    assert!(read.stderr.contains("revoked"), "{}", read.stderr);

    // The other member keeps receiving FRA's messages.
    laptop_1.poc(&["directory", "sync"]).ok();
    assert_eq!(team(laptop_1), vec![pair("first member", None)]);
    fra.send_text("MEX.technical", "after the revocation").ok();
    let inbox = laptop_1.json(&["inbox"]);
    let received = messages(&inbox);
    assert_eq!(received.len(), 1, "{inbox}");
    assert_eq!(received[0]["from"], "FRA.technical", "{inbox}");

    // The revoked key does not come back through its old request, and publishing still works.
    let again = add(&net, &laptop_2.dir.join("member-request.cosigned.txt"));
    assert_ne!(again.code, 0, "{}", again.stdout);
    assert!(
        again
            .stderr
            .contains("this key was revoked for MEX.technical: it cannot act for a PoC again"),
        "{}",
        again.stderr
    );
    net.custodian.poc(&["custodian", "publish"]).ok();
    laptop_1.poc(&["directory", "sync"]).ok();
    assert_eq!(team(laptop_1), vec![pair("first member", None)]);

    // The last member is not revoked as a member.
    let refused = net.custodian.poc(&[
        "custodian",
        "revoke",
        "MEX.technical",
        "--member",
        "first member",
        "--reason",
        "x",
    ]);
    assert_ne!(refused.code, 0, "{}", refused.stdout);
    assert!(
        refused.stderr.contains("MEX.technical has no other member"),
        "{}",
        refused.stderr
    );
}

#[test]
fn the_directory_is_v1_until_the_first_team_and_every_home_reads_the_v2_that_follows() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let homes: Vec<&PocHome> = net.pocs.iter().map(|(_, h)| h).collect();
    for home in &homes {
        assert_eq!(directory_format(home), (1, false), "{}", home.dir.display());
    }
    // The custodian's entry and the two PoCs.
    let pocs = homes[0].json(&["directory", "verify"])["entries"].clone();
    assert_eq!(pocs, 3);

    let laptop_2 = net.add_member("MEX.technical", "laptop 2");
    for home in homes.iter().copied().chain([&laptop_2]) {
        assert_eq!(directory_format(home), (2, true), "{}", home.dir.display());
        let verified = home.json(&["directory", "verify"]);
        // The same PoCs: MEX.technical as a team, the others as one-key entries.
        assert_eq!(verified["entries"], pocs, "{verified}");
    }
    let published = std::fs::read(net.custodian.dir.join("custodian/published/2.bin")).unwrap();
    let published: SignedDirectory = decode(&published).unwrap();
    assert!(poc_keys::team::is_v2(&published.body));

    // FRA, a one-key PoC, is still one entry of the v2 directory and works as before.
    let fra = net.poc("FRA.technical");
    let mex = net.poc("MEX.technical");
    mex.send_text("FRA.technical", "from the team").ok();
    let inbox = fra.json(&["inbox"]);
    let received = messages(&inbox);
    assert_eq!(received.len(), 1, "{inbox}");
    assert_eq!(received[0]["from"], "MEX.technical", "{inbox}");
    assert_eq!(received[0]["from_member"], "first member", "{inbox}");
}

#[test]
fn a_member_label_with_a_bidi_control_or_a_newline_is_refused_at_invite_time() {
    let net = Network::setup(&["MEX.technical"]);
    for label in ["laptop \u{202E}2", "laptop\n2", "\u{200B}laptop 2"] {
        let out = net.root.path().join("bad-label.toml");
        let refused = net.custodian.poc(&[
            "custodian",
            "invite",
            "MEX.technical",
            "--member",
            label,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(refused.code, 2, "{}", refused.stdout);
        assert!(
            refused.stderr.contains("is not usable")
                && refused
                    .stderr
                    .contains("without control, invisible or direction-changing characters"),
            "{}",
            refused.stderr
        );
        // The label is not echoed raw to the terminal.
        assert!(!refused.stderr.contains(label), "{:?}", refused.stderr);
        assert!(!out.exists());
    }
}

#[test]
fn a_revoked_poc_key_is_not_enrolled_again() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let mex = net.poc("MEX.technical");
    net.custodian
        .poc(&[
            "custodian",
            "revoke",
            "MEX.technical",
            "--reason",
            "laptop stolen",
        ])
        .ok();
    net.custodian.poc(&["custodian", "publish"]).ok();
    let again = add(&net, &mex.dir.join("enrolment-request.txt"));
    assert_ne!(again.code, 0, "{}", again.stdout);
    assert!(
        again
            .stderr
            .contains("this key was revoked for MEX.technical: it cannot be enrolled again"),
        "{}",
        again.stderr
    );
    // Publishing still works, without MEX.technical.
    net.custodian.poc(&["custodian", "publish"]).ok();
    let fra = net.poc("FRA.technical");
    fra.poc(&["directory", "sync"]).ok();
    assert_eq!(fra.json(&["directory", "verify"])["entries"], 2);
}
