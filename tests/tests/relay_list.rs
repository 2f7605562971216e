//! The relay list in the signed directory, through the real binaries and a real relay on
//! loopback: the custodian's `relay add|remove|list` and `relays --k`, their refusals, and
//! what members see after `poc directory sync` (`poc directory relays`).

#![allow(clippy::unwrap_used)]

use poc_proto::{decode, SignedDirectory, DIRECTORY_V2_FORMAT, DIRECTORY_V3_FORMAT};
use poc_tests::{Network, PocHome, RelayProcess};
use serde_json::Value;

/// The format marker of the signed directory a home keeps (`[0, 0]` for format v1).
fn format_held(home: &PocHome) -> [u8; 2] {
    let bytes = std::fs::read(home.dir.join("directory.bin")).unwrap();
    let signed: SignedDirectory = decode(&bytes).unwrap();
    match signed.body.get(..2) {
        Some([0xFF, v]) => [0xFF, *v],
        _ => [0, 0],
    }
}

/// Runs `poc --json ARGS` expecting a refusal; returns its error sentence.
fn refused(home: &PocHome, args: &[&str]) -> String {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let run = home.poc(&all);
    let document = run.json_error();
    assert_eq!(document["kind"], "failed", "{args:?}: {document}");
    document["error"].as_str().unwrap().to_owned()
}

/// The addresses of a list of relays in a JSON document.
fn addresses(relays: &Value) -> Vec<String> {
    relays
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["address"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_custodian_lists_relays_and_k_members_see_them_and_bad_input_changes_nothing() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    // A team makes the directory format v2: the old format, which must keep verifying.
    let _laptop = net.add_member("MEX.technical", "laptop 2");
    assert_eq!(format_held(fra), DIRECTORY_V2_FORMAT);
    let first = &net.relay;

    // With one relay, members see it with k = 1, as before.
    let shown = fra.json(&["directory", "relays"]);
    assert_eq!(shown["from_directory"], true, "{shown}");
    assert_eq!(addresses(&shown["relays"]), vec![first.address.as_str()]);
    assert_eq!(shown["relays"][0]["tls_pin"], first.pin.as_str());
    assert_eq!(shown["k"], 1);
    let listed = net.custodian.json(&["custodian", "relay", "list"]);
    assert_eq!(listed["in_force"], listed["next"], "{listed}");
    assert_eq!(listed["pending"]["added"], serde_json::json!([]));
    assert_eq!(listed["pending"]["k"], Value::Null);

    // Two more relays, run by other operators.
    let second = RelayProcess::init_and_start(
        &net.root.path().join("relay-2"),
        std::fs::read_to_string(net.custodian.dir.join("custodian.pub"))
            .unwrap()
            .trim(),
    );
    let third_address = "relay-3.example:4433";
    let third_pin = "ab".repeat(32);
    let added = net.custodian.json(&[
        "custodian",
        "relay",
        "add",
        &second.address,
        "--pin",
        &second.pin,
        "--operator",
        "OSCE Secretariat",
        "--region",
        "Europe",
    ]);
    assert_eq!(added["relays"], 2, "{added}");
    assert_eq!(added["k"], 1);
    let added = net.custodian.json(&[
        "custodian",
        "relay",
        "add",
        third_address,
        "--pin",
        &third_pin,
        "--operator",
        "مركز الأمم المتحدة",
        "--region",
        "Asia-Pacific",
    ]);
    assert_eq!(added["relays"], 3);
    assert_eq!(added["k"], 2, "two relays of three by default: {added}");
    let set = net.custodian.json(&["custodian", "relays", "--k", "3"]);
    assert_eq!(set["k"], 3);

    // Bad input: one sentence each, and the list stays as it was.
    let before = net.custodian.json(&["custodian", "relay", "list"]);
    let file = std::fs::read(net.custodian.dir.join("custodian/relays.toml")).unwrap();
    let (pin_cd, pin_ef) = ("cd".repeat(32), "ef".repeat(32));
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "custodian",
                "relay",
                "add",
                &second.address,
                "--pin",
                &pin_cd,
            ],
            "is already in the relay list",
        ),
        (
            vec![
                "custodian",
                "relay",
                "add",
                "relay-4.example:4433",
                "--pin",
                &second.pin,
            ],
            "already has this TLS pin",
        ),
        (
            vec![
                "custodian",
                "relay",
                "add",
                "relay-4.example:4433",
                "--pin",
                "not-a-pin",
            ],
            "is not 64 hex characters",
        ),
        (
            vec![
                "custodian",
                "relay",
                "add",
                "relay-4.example:4433",
                "--pin",
                &pin_ef,
                "--operator",
                "UN\u{202E}ADONU",
            ],
            "the operator of relay relay-4.example:4433",
        ),
        (
            vec![
                "custodian",
                "relay",
                "add",
                "relay-4.example:4433",
                "--pin",
                &pin_ef,
                "--region",
                "Europe\u{1b}[2J",
            ],
            "the region of relay relay-4.example:4433",
        ),
        (
            vec![
                "custodian",
                "relay",
                "add",
                "no-port.example",
                "--pin",
                &pin_ef,
            ],
            "is not host:port",
        ),
        (
            vec!["custodian", "relays", "--k", "4"],
            "k must be from 1 to the number of relays (3), not 4",
        ),
        (
            vec!["custodian", "relays", "--k", "0"],
            "k must be from 1 to the number of relays (3), not 0",
        ),
        (
            vec!["custodian", "relay", "remove", "relay-9.example:4433"],
            "is not in the relay list",
        ),
        (
            vec!["custodian", "relay", "remove", third_address],
            "lower k first",
        ),
    ];
    for (args, sentence) in cases {
        let error = refused(&net.custodian, &args);
        assert!(error.contains(sentence), "{args:?}: {error}");
        assert_eq!(
            net.custodian.json(&["custodian", "relay", "list"]),
            before,
            "{args:?} changed the list"
        );
        assert_eq!(
            std::fs::read(net.custodian.dir.join("custodian/relays.toml")).unwrap(),
            file
        );
    }
    net.custodian.json(&["custodian", "relays", "--k", "2"]);

    // Before publication, the changes wait; the directory in force is unchanged.
    let listed = net.custodian.json(&["custodian", "relay", "list"]);
    assert_eq!(
        addresses(&listed["in_force"]["relays"]),
        vec![first.address.as_str()]
    );
    assert_eq!(
        addresses(&listed["next"]["relays"]),
        vec![
            first.address.as_str(),
            second.address.as_str(),
            third_address
        ]
    );
    assert_eq!(
        listed["pending"]["added"],
        serde_json::json!([second.address, third_address])
    );
    assert_eq!(listed["pending"]["k"], 2);
    let text = net.custodian.poc(&["custodian", "relay", "list"]);
    text.ok();
    assert!(
        text.stdout.contains("Waiting for `poc custodian publish`"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("OSCE Secretariat"), "{}", text.stdout);

    // Published: the directory is format v3 and every member sees the list and k.
    net.custodian.poc(&["custodian", "publish"]).ok();
    fra.poc(&["directory", "sync"]).ok();
    assert_eq!(format_held(fra), DIRECTORY_V3_FORMAT);
    fra.json(&["directory", "verify"]);
    let shown = fra.json(&["directory", "relays"]);
    assert_eq!(shown["k"], 2, "{shown}");
    assert_eq!(
        addresses(&shown["relays"]),
        vec![
            first.address.as_str(),
            second.address.as_str(),
            third_address
        ]
    );
    assert_eq!(shown["relays"][1]["operator"], "OSCE Secretariat");
    assert_eq!(shown["relays"][1]["region"], "Europe");
    assert_eq!(shown["relays"][1]["tls_pin"], second.pin.as_str());
    assert_eq!(shown["relays"][2]["operator"], "مركز الأمم المتحدة");
    assert_eq!(shown["relays"][2]["region"], "Asia-Pacific");
    let text = fra.poc(&["directory", "relays"]);
    text.ok();
    for expected in [
        first.address.as_str(),
        second.address.as_str(),
        third_address,
        "OSCE Secretariat",
        "Europe",
        "مركز الأمم المتحدة",
        "Asia-Pacific",
        &second.pin,
    ] {
        assert!(
            text.stdout.contains(expected),
            "{expected} in:\n{}",
            text.stdout
        );
    }
    let listed = net.custodian.json(&["custodian", "relay", "list"]);
    assert_eq!(listed["in_force"], listed["next"], "{listed}");
    assert_eq!(listed["pending"]["added"], serde_json::json!([]));
    // The member still sends and receives through its relay.
    fra.send_text("MEX.technical", "after the relay list").ok();

    // Removing: down to one relay, never none.
    let removed = net
        .custodian
        .json(&["custodian", "relay", "remove", third_address]);
    assert_eq!(removed["relays"], 2, "{removed}");
    let error = refused(
        &net.custodian,
        &["custodian", "relay", "remove", &second.address],
    );
    assert!(error.contains("lower k first"), "{error}");
    net.custodian.json(&["custodian", "relays", "--k", "1"]);
    net.custodian
        .json(&["custodian", "relay", "remove", &second.address]);
    let error = refused(
        &net.custodian,
        &["custodian", "relay", "remove", &first.address],
    );
    assert!(error.contains("is the last relay"), "{error}");
    let listed = net.custodian.json(&["custodian", "relay", "list"]);
    assert_eq!(
        listed["pending"]["removed"],
        serde_json::json!([second.address, third_address])
    );
    // One relay again without operator or region: published in format v2 as before, and
    // members follow the chain.
    net.custodian.poc(&["custodian", "publish"]).ok();
    fra.poc(&["directory", "sync"]).ok();
    assert_eq!(format_held(fra), DIRECTORY_V2_FORMAT);
    let shown = fra.json(&["directory", "relays"]);
    assert_eq!(addresses(&shown["relays"]), vec![first.address.as_str()]);
    assert_eq!(shown["k"], 1);
}

#[test]
fn a_one_relay_home_keeps_the_old_command_and_format() {
    let net = Network::setup(&["FRA.technical"]);
    let fra = net.poc("FRA.technical");
    // No team, one relay: format v1, as before.
    assert_eq!(format_held(fra), [0, 0]);
    // `poc custodian relay ADDR --pin PIN` still sets the home's relay, and the list follows
    // it until the list is changed.
    let set = net.custodian.json(&[
        "custodian",
        "relay",
        &net.relay.address,
        "--pin",
        &net.relay.pin,
    ]);
    assert_eq!(set["relay"]["address"], net.relay.address.as_str());
    let listed = net.custodian.json(&["custodian", "relay", "list"]);
    assert_eq!(
        addresses(&listed["next"]["relays"]),
        vec![net.relay.address.as_str()]
    );
    assert_eq!(listed["next"]["relays"][0]["operator"], "");
    assert!(!net.custodian.dir.join("custodian/relays.toml").exists());
    // The relay already listed cannot be added again.
    let error = refused(
        &net.custodian,
        &[
            "custodian",
            "relay",
            "add",
            &net.relay.address,
            "--pin",
            &net.relay.pin,
        ],
    );
    assert!(error.contains("remove it first"), "{error}");
    // An address no member could use is refused there too, and the home keeps its relay.
    let error = refused(
        &net.custodian,
        &[
            "custodian",
            "relay",
            "relay.example",
            "--pin",
            &net.relay.pin,
        ],
    );
    assert!(error.contains("is not host:port"), "{error}");
    let shown = net.custodian.json(&["custodian", "show"]);
    assert_eq!(
        shown["relay"]["address"],
        net.relay.address.as_str(),
        "{shown}"
    );
    // The relay missing from `relay` is a usage error of the argument parser.
    let run = net
        .custodian
        .poc(&["custodian", "relay", "--pin", &net.relay.pin]);
    assert_ne!(run.code, 0);
}
