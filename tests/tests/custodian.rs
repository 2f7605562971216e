//! `poc custodian ...` through the real binary without a relay: each command's JSON document,
//! and the one error document (kind and exit code) of each way it fails.

use poc_tests::PocHome;
use serde_json::Value;

/// Runs `poc --json ARGS` in `home` and returns its error document, checking its command,
/// kind and exit code.
fn failure(home: &PocHome, args: &[&str], kind: &str, code: i32) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let run = home.poc(&all);
    let document = run.json_error();
    assert_eq!(run.code, code, "{args:?}: {document}");
    assert_eq!(document["kind"], kind, "{args:?}: {document}");
    let command = args
        .iter()
        .take_while(|a| !a.starts_with('-'))
        .take(2)
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(document["command"], command, "{args:?}: {document}");
    document
}

const PIN: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[test]
fn custodian_commands_fail_with_one_error_document_of_the_right_kind() {
    let root = tempfile::tempdir().unwrap();
    let custodian = PocHome::new(root.path().join("custodian"), "custodian passphrase");

    // No identity yet.
    failure(&custodian, &["custodian", "show"], "failed", 2);

    // The custodian id must have the custodian role.
    let wrong = failure(
        &custodian,
        &[
            "custodian",
            "init",
            "--id",
            "FRA.technical",
            "--org-name",
            "UNODA",
        ],
        "failed",
        2,
    );
    assert!(
        wrong["error"].as_str().unwrap().contains("custodian role"),
        "{wrong}"
    );
    let created = custodian.json(&[
        "custodian",
        "init",
        "--org-name",
        "UNODA",
        "--email",
        "pocs@unoda.example",
    ]);
    assert_eq!(created["id"], "UNODA.custodian");
    let key = created["custodian_key"].as_str().unwrap();
    let written = std::fs::read_to_string(created["public_key_file"].as_str().unwrap()).unwrap();
    assert_eq!(written.trim(), key);

    // Without a relay, nothing that needs one runs, and no invitation is written.
    for args in [
        &["custodian", "requests"][..],
        &["custodian", "review"],
        &["custodian", "publish"],
        &["custodian", "rotate"],
        &["custodian", "invite", "FRA.technical"],
    ] {
        let document = failure(&custodian, args, "failed", 2);
        assert!(
            document["error"]
                .as_str()
                .unwrap()
                .contains("no relay configured"),
            "{document}"
        );
    }
    assert!(
        !custodian.dir.join("identity.next.age").exists(),
        "a rotation that could not publish leaves no new key behind"
    );
    let shown = custodian.json(&["custodian", "show"]);
    assert_eq!(shown["relay"], Value::Null);
    assert_eq!(shown["serial"], Value::Null);
    assert_eq!(shown["custodian_key"], key);
    assert_eq!(shown["entries"][0]["id"], "UNODA.custodian");
    assert_eq!(shown["entries"][0]["fingerprint"], created["fingerprint"]);

    // A pin that is not one.
    failure(
        &custodian,
        &["custodian", "relay", "127.0.0.1:9", "--pin", "not-a-pin"],
        "failed",
        2,
    );
    let set = custodian.json(&["custodian", "relay", "127.0.0.1:9", "--pin", PIN]);
    assert_eq!(set["relay"]["address"], "127.0.0.1:9");
    assert_eq!(set["relay"]["tls_pin"], PIN);

    // Revoking: an unknown PoC is not found; an empty reason is refused.
    let unknown = failure(
        &custodian,
        &["custodian", "revoke", "MEX.technical", "--reason", "lost"],
        "not_found",
        1,
    );
    assert!(
        unknown["error"]
            .as_str()
            .unwrap()
            .contains("MEX.technical is not among the accepted entries"),
        "{unknown}"
    );
    failure(
        &custodian,
        &["custodian", "revoke", "MEX.technical", "--reason", " "],
        "failed",
        2,
    );

    // A damaged pending invitation is named.
    let invitations = custodian.dir.join("custodian/invitations");
    std::fs::create_dir_all(&invitations).unwrap();
    std::fs::write(invitations.join("MEX.technical.toml"), "id = 3\n").unwrap();
    failure(&custodian, &["custodian", "invitations"], "failed", 2);
    std::fs::remove_file(invitations.join("MEX.technical.toml")).unwrap();
    let none = custodian.json(&["custodian", "invitations"]);
    assert_eq!(none["pending"], serde_json::json!([]));

    // An import without consent records for anyone imports nothing; a missing file fails.
    let export = root.path().join("oas.csv");
    std::fs::write(
        &export,
        "state,role,organisation,email\nMEX,technical,CERT-MX,cert@mx.example\n",
    )
    .unwrap();
    let consent = root.path().join("consent.csv");
    std::fs::write(&consent, "state,source,date,reference\n").unwrap();
    let imported = custodian.json(&[
        "custodian",
        "import",
        export.to_str().unwrap(),
        "--source",
        "OAS",
        "--consent",
        consent.to_str().unwrap(),
    ]);
    assert_eq!(imported["source"], "OAS");
    assert_eq!(imported["imported"], serde_json::json!([]));
    assert_eq!(imported["skipped_states"], serde_json::json!(["MEX"]));
    failure(
        &custodian,
        &[
            "custodian",
            "import",
            root.path().join("missing.csv").to_str().unwrap(),
            "--source",
            "OAS",
            "--consent",
            consent.to_str().unwrap(),
        ],
        "failed",
        2,
    );

    // The custodian's own entry was just created: not stale for a year.
    let stale = custodian.json(&["custodian", "stale"]);
    assert_eq!(stale["older_than_seconds"], 365 * 86_400);
    assert_eq!(stale["stale"], serde_json::json!([]));

    // An enrolment request file that is not one.
    let junk = root.path().join("junk.txt");
    std::fs::write(&junk, "hello\n").unwrap();
    failure(
        &custodian,
        &["custodian", "add", junk.to_str().unwrap(), "--yes"],
        "failed",
        2,
    );
}

#[test]
fn an_invitation_whose_custodian_fingerprint_was_changed_is_a_verification_failure() {
    let root = tempfile::tempdir().unwrap();
    let custodian = PocHome::new(root.path().join("custodian"), "custodian passphrase");
    custodian
        .poc(&["custodian", "init", "--org-name", "UNODA"])
        .ok();
    custodian
        .poc(&["custodian", "relay", "127.0.0.1:9", "--pin", PIN])
        .ok();
    let file = root.path().join("invite.toml");
    let invited = custodian.json(&[
        "custodian",
        "invite",
        "FRA.technical",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(invited["id"], "FRA.technical");
    assert_eq!(invited["file"], file.to_str().unwrap());
    assert_eq!(invited["pending"], Value::Null);
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(invited["invite"], text);
    let fingerprint = invited["custodian_fingerprint"].as_str().unwrap();
    assert!(text.contains(fingerprint), "{text}");

    // The same invitation with another key's fingerprint.
    let other = poc_keys::PocKey::generate().signing_public();
    let forged = text.replace(
        fingerprint,
        &poc_keys::FingerprintText(poc_keys::fingerprint(&other)).to_string(),
    );
    assert_ne!(forged, text);
    let forged_file = root.path().join("forged.toml");
    std::fs::write(&forged_file, forged).unwrap();
    let poc = PocHome::new(root.path().join("fra"), "fra passphrase");
    let document = failure(
        &poc,
        &[
            "init",
            "--yes",
            "--invite",
            forged_file.to_str().unwrap(),
            "--org-name",
            "CERT-FR",
        ],
        "verification",
        1,
    );
    assert!(
        document["error"]
            .as_str()
            .unwrap()
            .contains("the custodian fingerprint does not match the custodian key"),
        "{document}"
    );
    assert!(
        !poc.dir.join("poc.toml").exists(),
        "nothing is created from a forged invitation"
    );

    // The genuine invitation works.
    poc.json(&[
        "init",
        "--yes",
        "--invite",
        file.to_str().unwrap(),
        "--org-name",
        "CERT-FR",
        "--email",
        "cert@fr.example",
    ]);
}
