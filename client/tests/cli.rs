//! The `poc` binary's command-line surface without a relay: help, usage errors, exit codes.

use std::process::Command;

fn poc(args: &[&str], home: &std::path::Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_poc"))
        .arg("--home")
        .arg(home)
        .args(args)
        .env_remove("POC_PASSPHRASE")
        .env_remove("POC_HOME")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("running poc");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn help_lists_the_commands_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = poc(&["--help"], dir.path());
    assert_eq!(code, 0);
    for word in [
        "init",
        "directory",
        "send",
        "inbox",
        "read",
        "ack",
        "custodian",
        "demo",
        "Exit codes",
    ] {
        assert!(out.contains(word), "--help lacks {word}:\n{out}");
    }
}

#[test]
fn commands_without_an_identity_explain_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = poc(&["inbox"], dir.path());
    assert_eq!(code, 2);
    assert!(
        err.contains("no PoC identity") && err.contains("poc init"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_2_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = poc(
        &[
            "send",
            "--to",
            "f.technical",
            "--type",
            "text",
            "--priority",
            "high",
        ],
        dir.path(),
    );
    assert_eq!(code, 2);
    assert!(err.contains("not an organisation code"), "{err}");
    let (code, _, err) = poc(
        &[
            "send",
            "--to",
            "FRA.technical",
            "--type",
            "text",
            "--priority",
            "urgent",
        ],
        dir.path(),
    );
    assert_eq!(code, 2);
    assert!(err.contains("not a priority"), "{err}");
}

#[test]
fn init_refuses_a_missing_or_damaged_invite() {
    let dir = tempfile::tempdir().unwrap();
    let invite = dir.path().join("invite.toml");
    let (code, _, err) = poc(
        &[
            "init",
            "--invite",
            invite.to_str().unwrap(),
            "--org-name",
            "X",
        ],
        dir.path(),
    );
    assert_eq!(code, 2);
    assert!(err.contains("cannot read the invite"), "{err}");
    std::fs::write(&invite, "id = \"FRA.technical\"\n").unwrap();
    let (code, _, err) = poc(
        &[
            "init",
            "--invite",
            invite.to_str().unwrap(),
            "--org-name",
            "X",
        ],
        dir.path(),
    );
    assert_eq!(code, 2);
    assert!(err.contains("not a valid invite"), "{err}");
    assert!(
        !dir.path().join("identity.age").exists(),
        "nothing created on bad input"
    );
}

#[test]
fn poc_demo_points_to_the_separate_demo_program() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = poc(&["demo"], dir.path());
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("run `poc-demo`")
            && err.contains("cargo run --release --locked --bin poc-demo"),
        "{err}"
    );
    let (code, out, _) = poc(&["--json", "demo"], dir.path());
    assert_eq!(code, 2);
    let answer: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    assert!(
        answer["error"]
            .as_str()
            .is_some_and(|e| e.contains("poc-demo")),
        "{answer}"
    );
}

/// Runs `poc` with a passphrase in the environment.
fn poc_with_passphrase(args: &[&str], home: &std::path::Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_poc"))
        .arg("--home")
        .arg(home)
        .args(args)
        .env("POC_PASSPHRASE", "a passphrase for the profile tests")
        .env_remove("POC_HOME")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("running poc");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn custodian_init_checks_every_profile_field_before_creating_anything() {
    let root = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str, &str); 7] = [
        (&["--org-name", " "], "--org-name", "organisation's name"),
        (
            &[
                "--org-name",
                "UNODA",
                "--email",
                "pocs@unoda.example,pocs-at-unoda",
            ],
            "e-mail address 2 (--email)",
            "name@example.org",
        ),
        (
            &["--org-name", "UNODA", "--phone", "ext. 12"],
            "telephone number 1 (--phone)",
            "+52 55 1234 5678",
        ),
        (
            &["--org-name", "UNODA", "--lang", "en,en_GB"],
            "`en_GB` (--lang) is not a BCP 47 language tag",
            "es-419",
        ),
        (
            &["--org-name", "UNODA", "--webpage", "unoda.example"],
            "(--webpage) is not a web address",
            "https://",
        ),
        (
            &[
                "--org-name",
                "UNODA",
                "--time-zone",
                "Central European Time",
            ],
            "(--time-zone) is not an IANA time zone",
            "America/Mexico_City",
        ),
        (
            &["--org-name", "UNODA", "--email", "pocs@unoda"],
            "e-mail address 1 (--email)",
            "name@example.org",
        ),
    ];
    for (i, (fields, names, example)) in cases.into_iter().enumerate() {
        let home = root.path().join(format!("home-{i}"));
        let mut args = vec!["custodian", "init"];
        args.extend_from_slice(fields);
        let (code, out, err) = poc_with_passphrase(&args, &home);
        assert_eq!(code, 2, "{fields:?}: {out}{err}");
        assert!(err.contains(names), "{fields:?}: {err}");
        assert!(err.contains(example), "{fields:?}: {err}");
        assert!(
            !home.join("identity.age").exists(),
            "{fields:?}: nothing created on bad input"
        );
    }
    // The same command with valid fields creates the identity.
    let home = root.path().join("valid");
    let (code, out, err) = poc_with_passphrase(
        &[
            "custodian",
            "init",
            "--org-name",
            "UNODA",
            "--email",
            "pocs@unoda.example",
            "--phone",
            "+1 212 963 1234",
            "--lang",
            "en,fr,es-419",
            "--webpage",
            "https://unoda.example",
            "--time-zone",
            "America/New_York",
        ],
        &home,
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(home.join("identity.age").exists());
}

#[test]
fn the_short_help_of_send_shows_the_example() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = poc(&["send", "-h"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Example: poc send --to MEX.technical"),
        "{out}"
    );
}

#[test]
fn an_incident_without_fields_and_a_pre_addressed_template_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = poc(
        &[
            "send",
            "--to",
            "FRA.technical",
            "--type",
            "incident",
            "--priority",
            "high",
        ],
        dir.path(),
    );
    assert_eq!(code, 2);
    assert!(err.contains("needs at least a summary"), "{err}");
    // A template as `poc compose` wrote it before: addressed to its example.
    let file = dir.path().join("notice.toml");
    std::fs::write(
        &file,
        "# PoC Relay message: incident. Fill in what you know; every field is optional.\n\
         type = \"incident\"\nto = [\"MEX.technical\"]\npriority = \"high\"\n\
         [fields]\nsummary = \"Ransomware\"\n",
    )
    .unwrap();
    let (code, _, err) = poc(&["send", "--file", file.to_str().unwrap()], dir.path());
    assert_eq!(code, 2);
    assert!(
        err.contains("`to` still holds the template's example (MEX.technical)"),
        "{err}"
    );
}
