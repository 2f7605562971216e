//! The terminal side of `poc` through the real binaries: where the passphrase comes from and
//! what is checked before it is asked, the custodian's passphrase strength, the custodian
//! fingerprint confirmed at `poc init`, and the guided `poc send`.

// Helpers here are test code too: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use poc_tests::{Network, PocHome};

#[test]
fn an_empty_poc_passphrase_is_refused_in_one_sentence() {
    let net = Network::setup(&["FRA.technical"]);
    let fra = net.poc("FRA.technical");
    let run = fra.poc_with_passphrase("", &["inbox"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_eq!(
        run.stderr.trim(),
        "error: POC_PASSPHRASE is set but empty: set it to the passphrase of the identity, or unset it to be asked on the terminal"
    );
    // A new identity is not created with an empty one either.
    let empty = PocHome::new(net.root.path().join("empty"), "");
    let run = empty.poc_writing_keystore(&["custodian", "init", "--org-name", "UNODA"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("POC_PASSPHRASE is set but empty"),
        "{}",
        run.stderr
    );
    assert!(!empty.dir.join("identity.age").exists());
}

#[test]
fn a_wrong_passphrase_names_the_identity_and_its_home() {
    let net = Network::setup(&["FRA.technical"]);
    let fra = net.poc("FRA.technical");
    let run = fra.poc_with_passphrase("not the passphrase", &["inbox"]);
    assert_eq!(run.code, 2);
    let home = fra.dir.display().to_string();
    assert!(
        run.stderr.contains(&format!("FRA.technical ({home})")),
        "{}",
        run.stderr
    );
}

/// Each of these runs with a wrong passphrase: the error must be about the argument, which is
/// checked before the passphrase is needed.
#[test]
fn arguments_are_checked_before_the_passphrase_is_asked() {
    let net = Network::setup(&["FRA.technical"]);
    let fra = net.poc("FRA.technical");
    let out = net.root.path().join("forwarded.age");
    let existing = net.root.path().join("existing.age");
    std::fs::write(&existing, b"keep me").unwrap();
    let age_key = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["read", "not-an-id"],
            "`not-an-id` is not an envelope id",
        ),
        (
            vec!["read", "3f2a", "--lang", "xx"],
            "`xx` is not one of the six UN languages",
        ),
        (vec!["thread", "zz"], "`zz` is not an envelope id"),
        (vec!["ack", "zz"], "`zz` is not an envelope id"),
        (vec!["export", "zz"], "`zz` is not an envelope id"),
        (
            vec!["reply", "zz", "--status", "received"],
            "`zz` is not an envelope id",
        ),
        (vec!["reply", "3f2a", "--status", "maybe"], "maybe"),
        (
            vec![
                "forward",
                "3f2a",
                "--age-recipient",
                "age1nope",
                "--out",
                out.to_str().unwrap(),
            ],
            "`age1nope` is not an age public key",
        ),
        (
            vec![
                "forward",
                "3f2a",
                "--age-recipient",
                age_key,
                "--out",
                existing.to_str().unwrap(),
            ],
            "already exists; nothing was written",
        ),
    ];
    for (args, expected) in cases {
        let run = fra.poc_with_passphrase("not the passphrase", &args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stdout);
        assert!(
            run.stderr.contains(expected) && !run.stderr.contains("passphrase"),
            "{args:?}: {}",
            run.stderr
        );
    }
    assert_eq!(std::fs::read(&existing).unwrap(), b"keep me");
    let run = net.custodian.poc_with_passphrase(
        "not the passphrase",
        &["ping", "start", "--to", "not a code"],
    );
    assert!(
        run.stderr.contains("not a code") && !run.stderr.contains("passphrase"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_weak_custodian_passphrase_is_refused_with_the_reason() {
    let root = tempfile::tempdir().unwrap();
    let custodian = PocHome::new(root.path().join("custodian"), "password1");
    let run = custodian.poc_writing_keystore(&["custodian", "init", "--org-name", "UNODA"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("the passphrase in POC_PASSPHRASE is refused")
            && run.stderr.contains("a common password"),
        "{}",
        run.stderr
    );
    assert!(!custodian.dir.join("identity.age").exists());
    // The words of the identity are known to an attacker.
    let named = PocHome::new(root.path().join("named"), "UNODA.custodian2026");
    let run = named.poc_writing_keystore(&["custodian", "init", "--org-name", "UNODA"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    // The harness's custodian passphrase is strong.
    let strong = PocHome::new(root.path().join("strong"), "custodian passphrase");
    strong
        .poc_writing_keystore(&["custodian", "init", "--org-name", "UNODA"])
        .ok();
}

#[test]
fn poc_init_shows_the_custodian_fingerprint_and_needs_yes_without_a_terminal() {
    let net = Network::setup(&[]);
    let invite = net.root.path().join("invite-FRA.technical.toml");
    net.custodian
        .poc(&[
            "custodian",
            "invite",
            "FRA.technical",
            "--out",
            invite.to_str().unwrap(),
        ])
        .ok();
    let text = std::fs::read_to_string(&invite).unwrap();
    let fingerprint = text
        .lines()
        .find_map(|l| l.strip_prefix("custodian_fingerprint = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap();
    let home = PocHome::new(net.root.path().join("fra"), "passphrase of FRA.technical");
    let args = [
        "init",
        "--invite",
        invite.to_str().unwrap(),
        "--org-name",
        "CERT-FR",
    ];
    let run = home.poc_writing_keystore(&args);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains(fingerprint)
            && run
                .stderr
                .contains("without a terminal; nothing was created")
            && run.stderr.contains("--yes"),
        "{}",
        run.stderr
    );
    assert!(!home.dir.join("identity.age").exists());
    assert!(!home.dir.join("poc.toml").exists());

    let mut with_yes = args.to_vec();
    with_yes.push("--yes");
    let run = home.poc_writing_keystore(&with_yes);
    run.ok();
    assert!(
        run.stderr
            .contains(&format!("Fingerprint of the custodian key: {fingerprint}")),
        "{}",
        run.stderr
    );
    assert!(home.dir.join("identity.age").exists());
}
