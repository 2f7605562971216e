//! The real `poc` binary writes keystores with the real scrypt work factor, whatever the test
//! harness does to make its own identities cheap (see `PocHome::poc_writing_keystore`), and
//! opens keystores of any valid factor.

// Helpers here are test code too: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use poc_keys::keystore::SCRYPT_LOG_N;
use poc_keys::low_work_factor::LOW_SCRYPT_LOG_N;
use poc_tests::{PocHome, RelayProcess};

/// The work factor (`log_n`) of the keystore in `home`, read from the scrypt stanza of its
/// age header: `age-encryption.org/v1`, then `-> scrypt <salt> <log_n>`.
fn work_factor(home: &Path) -> u8 {
    let bytes = std::fs::read(home.join("identity.age")).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("age-encryption.org/v1"));
    let stanza: Vec<&str> = lines.next().unwrap().split(' ').collect();
    assert_eq!(stanza[..2], ["->", "scrypt"], "{stanza:?}");
    assert_eq!(stanza.len(), 4, "{stanza:?}");
    stanza[3].parse().unwrap()
}

/// Starts a relay for the custodian of `created` (`poc --json custodian init` output) and
/// points the custodian at it (inviting needs a relay address).
fn connect(root: &Path, custodian: &PocHome, created: &serde_json::Value) -> RelayProcess {
    let key = created["custodian_key"].as_str().unwrap();
    let relay = RelayProcess::init_and_start(&root.join("relay"), key);
    custodian
        .poc(&["custodian", "relay", &relay.address, "--pin", &relay.pin])
        .ok();
    relay
}

#[test]
fn poc_init_and_custodian_init_write_the_real_work_factor() {
    let root = tempfile::tempdir().unwrap();
    let custodian = PocHome::new(root.path().join("custodian"), "custodian passphrase");
    let created = custodian
        .poc(&["--json", "custodian", "init", "--org-name", "UNODA"])
        .document();
    assert_eq!(work_factor(&custodian.dir), SCRYPT_LOG_N);
    let relay = connect(root.path(), &custodian, &created);

    let invite = root.path().join("invite.toml");
    custodian
        .poc(&[
            "custodian",
            "invite",
            "FRA.technical",
            "--out",
            invite.to_str().unwrap(),
        ])
        .ok();
    let member = PocHome::new(root.path().join("member"), "member passphrase");
    member
        .poc(&[
            "init",
            "--yes",
            "--invite",
            invite.to_str().unwrap(),
            "--org-name",
            "Organisation of FRA.technical",
        ])
        .ok();
    assert_eq!(work_factor(&member.dir), SCRYPT_LOG_N);
    drop(relay);
}

#[test]
fn the_harness_writes_the_low_factor_and_the_real_poc_opens_it() {
    const { assert!(LOW_SCRYPT_LOG_N < SCRYPT_LOG_N) };
    let root = tempfile::tempdir().unwrap();
    let custodian = PocHome::new(root.path().join("custodian"), "custodian passphrase");
    let created = custodian
        .poc_writing_keystore(&["--json", "custodian", "init", "--org-name", "UNODA"])
        .document();
    assert_eq!(work_factor(&custodian.dir), LOW_SCRYPT_LOG_N);
    let relay = connect(root.path(), &custodian, &created);
    // The real binary unlocks it (publishing signs the directory with the custodian key)...
    custodian.poc(&["custodian", "publish"]).ok();
    // ...and still refuses a wrong passphrase.
    let wrong = custodian.poc_with_passphrase("not the passphrase", &["custodian", "publish"]);
    assert_ne!(wrong.code, 0, "{}", wrong.stdout);
    assert!(wrong.stderr.contains("passphrase"), "{}", wrong.stderr);
    drop(relay);
}
