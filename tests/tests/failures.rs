//! Bad input and failures through the real binaries: tampering, outsiders, wrong passphrases,
//! unknown recipients, and a relay killed right after acknowledging.

use poc_proto::{EnvelopeId, PublicKeyBytes};
use poc_relay::store::SledStore;
use poc_tests::{messages, unopened_with, Network};

fn mailbox_of(net: &Network, viewer: &str, id: &str) -> poc_proto::MailboxId {
    let entry = net.poc(viewer).json(&["directory", "show", id]);
    let key: PublicKeyBytes = entry["signing_key"]
        .as_str()
        .expect("signing key")
        .parse()
        .expect("hex key");
    poc_keys::mailbox_id(&key)
}

#[test]
fn a_flipped_byte_in_a_stored_envelope_fails_read_and_the_inbox_keeps_working() {
    let mut net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical").clone();
    let mex = net.poc("MEX.technical").clone();
    let bad = fra.json(&[
        "send",
        "--to",
        "MEX.technical",
        "--type",
        "incident",
        "--priority",
        "high",
        "--field",
        "summary=to be damaged",
    ]);
    let good = fra.json(&[
        "send",
        "--to",
        "MEX.technical",
        "--type",
        "text",
        "--priority",
        "low",
        "--field",
        "text=intact",
    ]);
    let bad_id: EnvelopeId = bad["sent"][0]["id"].as_str().unwrap().parse().unwrap();
    let good_id = good["sent"][0]["id"].as_str().unwrap().to_owned();

    // Flip one byte of the stored ciphertext while the relay is down.
    let mailbox = mailbox_of(&net, "MEX.technical", "MEX.technical");
    net.relay.kill();
    {
        let store = SledStore::open(&net.relay.data_dir.join("store"), 1 << 20).unwrap();
        let found = store
            .tamper_with(&mailbox, &bad_id, |e| {
                let middle = e.payload.len() / 2;
                e.payload[middle] ^= 0x01;
            })
            .unwrap();
        assert!(found, "the envelope is in the store");
    }
    net.relay.start();

    // The damaged envelope is set apart from the verified items, in the group of its
    // submitter.
    let inbox = mex.json(&["inbox"]);
    let items = messages(&inbox);
    assert_eq!(items.len(), 1, "{inbox}");
    assert!(items.iter().all(|i| i["id"] != bad_id.to_string().as_str()));
    let damaged = unopened_with(&inbox, &bad_id.to_string());
    assert_eq!(damaged["count"], 1, "{damaged}");
    assert_eq!(damaged["submitter"], "FRA.technical", "{damaged}");
    assert_eq!(damaged["invalid"], "signature_failed", "{damaged}");
    assert!(
        damaged["error"]
            .as_str()
            .unwrap()
            .contains("signature/decryption failed"),
        "{damaged}"
    );

    let read = mex.poc(&["read", &bad_id.to_string()]);
    assert_eq!(
        read.code, 1,
        "verification failure exits 1: {}",
        read.stderr
    );
    assert!(
        read.stderr.contains("signature/decryption failed"),
        "{}",
        read.stderr
    );
    assert_eq!(
        read.stderr.lines().count(),
        1,
        "one clear sentence: {}",
        read.stderr
    );

    let ok = mex.json(&["read", &good_id]);
    assert_eq!(ok["fields"]["text"], "intact");
}

#[test]
fn a_key_outside_the_directory_cannot_authenticate() {
    let net = Network::setup(&["FRA.technical"]);
    // Invited and initialised, but never added by the custodian.
    let outsider = net.invite_and_init("GBR.technical");
    let sync = outsider.poc(&["directory", "sync"]);
    assert_eq!(sync.code, 2, "{}", sync.stderr);
    assert!(
        sync.stderr.contains("not in the published directory"),
        "{}",
        sync.stderr
    );
    let inbox = outsider.poc(&["inbox"]);
    assert_eq!(inbox.code, 2);
}

#[test]
fn a_stored_directory_that_no_longer_verifies_is_a_verification_failure() {
    let net = Network::setup(&["FRA.technical"]);
    let fra = net.poc("FRA.technical");
    fra.json(&["directory", "verify"]);
    // The last bytes of the stored directory are the custodian's signature.
    let path = fra.dir.join("directory.bin");
    let mut bytes = std::fs::read(&path).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    std::fs::write(&path, &bytes).unwrap();
    let run = fra.poc(&["--json", "directory", "verify"]);
    let error = run.json_error();
    assert_eq!(error["kind"], "verification", "{error}");
    assert_eq!(run.code, 1);
    assert!(
        error["error"]
            .as_str()
            .unwrap()
            .contains("no longer verifies against the pinned custodian key"),
        "{error}"
    );
    // What the message says to do works: remove it and sync again.
    std::fs::remove_file(&path).unwrap();
    fra.json(&["directory", "sync"]);
    fra.json(&["directory", "verify"]);
}

#[test]
fn a_wrong_passphrase_is_one_clear_sentence_and_exit_code_2() {
    let net = Network::setup(&["FRA.technical"]);
    let fra = net.poc("FRA.technical");
    let run = fra.poc_with_passphrase("not the passphrase", &["inbox"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr.trim(),
        format!(
            "error: wrong passphrase for FRA.technical ({}) in POC_PASSPHRASE; nothing was done",
            fra.dir.display()
        )
    );
    let error = fra
        .poc_with_passphrase("not the passphrase", &["--json", "inbox"])
        .json_error();
    assert_eq!(error["kind"], "failed", "{error}");
    assert_eq!(error["exit_code"], 2, "{error}");
    // The identity still opens with the right one.
    fra.poc(&["inbox"]).ok();
}

#[test]
fn an_unknown_recipient_is_refused_before_anything_is_sent() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let run = fra.poc(&[
        "send",
        "--to",
        "MEX.technical,USA.technical",
        "--type",
        "text",
        "--priority",
        "high",
        "--field",
        "text=hello",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("unknown recipient USA.technical"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nothing was sent"), "{}", run.stderr);
    // With --json: one error document, the same sentence.
    let error = fra
        .poc(&[
            "--json",
            "send",
            "--to",
            "MEX.technical,USA.technical",
            "--type",
            "text",
            "--priority",
            "high",
            "--field",
            "text=hello",
        ])
        .json_error();
    assert_eq!(error["kind"], "failed", "{error}");
    assert_eq!(error["command"], "send", "{error}");
    assert!(
        error["error"]
            .as_str()
            .unwrap()
            .contains("unknown recipient USA.technical"),
        "{error}"
    );
    // Not even the known recipient got anything.
    let inbox = net.poc("MEX.technical").json(&["inbox"]);
    assert!(messages(&inbox).is_empty(), "{inbox}");
    assert!(!fra.dir.join("sent").exists());

    // A malformed field is refused before the passphrase is even needed.
    let run = fra.poc_with_passphrase(
        "",
        &[
            "send",
            "--to",
            "MEX.technical",
            "--type",
            "incident",
            "--priority",
            "high",
            "--field",
            "colour=red",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("`colour` is not a field of the incident template"),
        "{}",
        run.stderr
    );
}

#[test]
fn killing_the_relay_right_after_a_send_loses_nothing() {
    let mut net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical").clone();
    let mut sent = Vec::new();
    for i in 0..5 {
        let out = fra.json(&[
            "send",
            "--to",
            "MEX.technical",
            "--type",
            "incident",
            "--priority",
            "medium",
            "--field",
            &format!("summary=notice {i}"),
        ]);
        sent.push(out["sent"][0]["id"].as_str().unwrap().to_owned());
    }
    // SIGKILL: no shutdown hook, no final flush. Acknowledged means on disk.
    net.relay.kill();
    net.relay.start();
    let inbox = net.poc("MEX.technical").json(&["inbox"]);
    let mut got: Vec<String> = messages(&inbox)
        .iter()
        .filter(|i| i["verified"] == true)
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect();
    got.sort();
    sent.sort();
    assert_eq!(got, sent);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_that_does_not_log_in_is_closed_and_the_client_says_so() {
    // An in-process relay on a manual clock: the login deadline passes without waiting.
    let root = tempfile::tempdir().unwrap();
    let custodian = poc_keys::PocKey::generate();
    let mut config = poc_relay::init::init(
        &root.path().join("relay"),
        "127.0.0.1:0".parse().unwrap(),
        &custodian.signing_public(),
    )
    .unwrap()
    .config;
    config.limits.handshake_timeout_secs = 1;
    let clock = poc_relay::ManualClock::new(1_700_000_000);
    let relay = poc_relay::start_with_clock(&config, clock.clock())
        .await
        .unwrap();
    let address = poc_client::home::RelayAddress {
        address: relay.local_addr.to_string(),
        tls_pin: poc_keys::tls_pin::pin_to_text(&relay.tls_pin),
    };
    let idle = poc_client::transport::RelayClient::open(&address, poc_proto::MailboxId([0; 32]))
        .await
        .unwrap();
    // Before the deadline the connection works (Hello is allowed before login).
    idle.call(&poc_proto::Request::Hello {
        version: poc_proto::request::PROTOCOL_VERSION,
    })
    .await
    .unwrap();
    clock.advance(std::time::Duration::from_secs(1));
    // The relay closes the connection at the deadline; the client reports it lost.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let after = loop {
        let after = idle
            .call(&poc_proto::Request::Hello {
                version: poc_proto::request::PROTOCOL_VERSION,
            })
            .await;
        if after.is_err() || std::time::Instant::now() >= deadline {
            break after;
        }
        tokio::task::yield_now().await;
    };
    assert!(
        matches!(after, Err(poc_client::transport::TransportError::Lost(_))),
        "{after:?}"
    );
    relay.stop().await.unwrap();
}
