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

/// The number `poc` gave `id` in a list of PoCs to pick from ("  2) MAR.technical, ...").
fn number_of(seen: &str, id: &str) -> String {
    seen.lines()
        .rev()
        .find_map(|l| {
            let (number, rest) = l.trim().split_once(") ")?;
            rest.starts_with(&format!("{id},"))
                .then(|| number.to_owned())
        })
        .unwrap_or_else(|| panic!("{id} not offered:\n{seen}"))
}

#[test]
fn a_guided_send_asks_for_what_is_missing_shows_the_message_and_sends_it_once_confirmed() {
    let net = Network::setup(&["FRA.technical", "MAR.technical", "MAR.diplomatic"]);
    let fra = net.poc("FRA.technical");
    // The harness's PoCs read French (their first language): so does the dialogue. No
    // passphrase in the environment: it is asked too, after every other question.
    let mut terminal = fra.on_terminal_with_env(&["send"], &[]);
    terminal.expect("Destinataire (");
    terminal.answer("mar");
    terminal.expect("Lequel");
    // Each PoC offered is named with its State (in the reader's language) and organisation.
    assert!(
        terminal.seen.contains("MAR.technical, Maroc, "),
        "{}",
        terminal.seen
    );
    let pick = number_of(&terminal.seen, "MAR.technical");
    terminal.answer(&pick);
    terminal.expect("Type (");
    terminal.answer("incident");
    terminal.expect("Priorité (");
    terminal.answer("high");
    terminal.expect("Marquage TLP");
    terminal.answer("");
    terminal.expect("(reference ;");
    terminal.answer("");
    terminal.expect("(summary ;");
    terminal.answer("Ransomware at the port authority");
    // The ten other fields of the incident template, each with its label, left empty.
    terminal.expect("Description (description ;");
    terminal.answer("");
    terminal.expect("(incident_class : abusive-content,");
    terminal.expect("pour laisser vide) :");
    terminal.answer("");
    for _ in 0..8 {
        terminal.expect("pour laisser vide) :");
        terminal.answer("");
    }
    let preview = terminal.expect("Envoyer ce message ?");
    for shown in [
        "MAR.technical",
        "HAUTE",
        "TLP:AMBER",
        "Notification d'incident",
        "Ransomware at the port authority",
    ] {
        assert!(
            preview.contains(shown),
            "{shown} not in the preview:\n{preview}"
        );
    }
    terminal.answer("y");
    let home = fra.dir.display().to_string();
    terminal.expect(&format!(
        "Phrase de passe de FRA.technical (dossier {home}) :"
    ));
    terminal.answer("not the passphrase");
    terminal.expect("encore 2 essais.");
    terminal.expect("Phrase de passe de FRA.technical");
    terminal.answer(&fra.passphrase);
    let (code, rest) = terminal.finish();
    assert_eq!(code, 0, "{rest}");
    assert!(
        rest.contains("MAR.technical (priorit") && rest.contains("par le relais"),
        "{rest}"
    );

    let inbox = net.poc("MAR.technical").json(&["inbox"]);
    let notices: Vec<_> = poc_tests::messages(&inbox)
        .into_iter()
        .filter(|m| m["from"] == "FRA.technical")
        .collect();
    assert_eq!(notices.len(), 1, "{inbox}");
    assert_eq!(notices[0]["priority"], "high", "{inbox}");
    assert_eq!(notices[0]["type"], "incident", "{inbox}");
    assert_eq!(notices[0]["tlp"], "amber", "{inbox}");
    assert_eq!(
        notices[0]["summary"], "Ransomware at the port authority",
        "{inbox}"
    );
}

#[test]
fn a_guided_send_not_confirmed_sends_nothing_and_without_a_terminal_nothing_is_asked() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let mut terminal = fra.on_terminal(&["send", "--type", "text", "--priority", "low"]);
    terminal.expect("Destinataire (");
    terminal.answer("mex.technical");
    terminal.expect("Marquage TLP");
    terminal.answer("green");
    terminal.expect("Objet (");
    terminal.answer("");
    terminal.expect("Texte (");
    terminal.answer("hello");
    terminal.expect("Envoyer ce message ?");
    terminal.answer("n");
    let (code, rest) = terminal.finish();
    assert_eq!(code, 2, "{rest}");
    assert!(rest.contains("not sent"), "{rest}");
    let inbox = net.poc("MEX.technical").json(&["inbox"]);
    assert!(
        poc_tests::messages(&inbox)
            .iter()
            .all(|m| m["from"] != "FRA.technical"),
        "{inbox}"
    );

    // Scripts keep the flag form's errors.
    let run = fra.poc(&[
        "send",
        "--type",
        "text",
        "--priority",
        "low",
        "--field",
        "text=hello",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--to") || run.stderr.contains("recipient"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_guided_tlp_red_send_to_a_state_asks_one_question_naming_the_people() {
    let net = Network::setup(&["FRA.technical", "MAR.technical", "MAR.diplomatic"]);
    let fra = net.poc("FRA.technical");
    let mut terminal = fra.on_terminal(&["send", "--to", "MAR", "--type", "text"]);
    terminal.expect("Priorité (");
    terminal.answer("low");
    terminal.expect("Marquage TLP");
    terminal.answer("red");
    terminal.expect("Objet (");
    terminal.answer("");
    terminal.expect("Texte (");
    terminal.answer("for the two of you");
    // The preview is shown, then the one question that names who will read it: the
    // guided form's own question is not asked on top of it.
    let asked = terminal.expect("Ce message est TLP:RED");
    assert!(asked.contains("for the two of you"), "{asked}");
    terminal.expect("[o/N]");
    assert!(
        !terminal.seen.contains("Envoyer ce message ?"),
        "{}",
        terminal.seen
    );
    terminal.answer("o");
    let (code, rest) = terminal.finish();
    assert_eq!(code, 0, "{rest}");
    assert!(!rest.contains("Envoyer ce message ?"), "{rest}");
    for id in ["MAR.technical", "MAR.diplomatic"] {
        let inbox = net.poc(id).json(&["inbox"]);
        let from_fra = poc_tests::messages(&inbox)
            .into_iter()
            .filter(|m| m["from"] == "FRA.technical")
            .count();
        assert_eq!(from_fra, 1, "{id}: {inbox}");
    }
}

#[test]
fn poc_init_on_a_terminal_asks_to_confirm_the_custodian_fingerprint() {
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
    let home = PocHome::new(net.root.path().join("fra"), "passphrase of FRA.technical");
    let args = [
        "init",
        "--invite",
        invite.to_str().unwrap(),
        "--org-name",
        "CERT-FR",
    ];

    let mut terminal = home.on_terminal(&args);
    terminal.expect("Fingerprint of the custodian key:");
    terminal.expect("Does this fingerprint match what the custodian read to you? [y/N]");
    terminal.answer("n");
    let (code, rest) = terminal.finish();
    assert_eq!(code, 2, "{rest}");
    assert!(
        rest.contains("was not confirmed; nothing was created"),
        "{rest}"
    );
    assert!(!home.dir.join("identity.age").exists());

    // Confirmed, and the new passphrase typed twice (no POC_PASSPHRASE).
    let mut terminal = home.on_terminal_with_env(&args, &[]);
    terminal.expect("[y/N]");
    terminal.answer("y");
    terminal.expect("New passphrase for FRA.technical");
    terminal.answer("a new passphrase for FRA");
    terminal.expect("Type the new passphrase again:");
    terminal.answer("a new passphrase for FRA");
    let (code, rest) = terminal.finish();
    assert_eq!(code, 0, "{rest}");
    assert!(home.dir.join("identity.age").exists());
}

#[test]
fn a_weak_custodian_passphrase_typed_at_the_terminal_is_asked_again_with_the_reason() {
    let root = tempfile::tempdir().unwrap();
    let custodian = PocHome::new(root.path().join("custodian"), "unused");
    let mut terminal =
        custodian.on_terminal_with_env(&["custodian", "init", "--org-name", "UNODA"], &[]);
    terminal.expect("New passphrase for UNODA.custodian");
    terminal.answer("password1");
    terminal.expect("too easy to guess: a common password");
    terminal.expect("New passphrase for UNODA.custodian");
    terminal.answer("violet tractor sings under eleven moons");
    terminal.expect("Type the new passphrase again:");
    terminal.answer("violet tractor sings under eleven moons");
    let (code, rest) = terminal.finish();
    assert_eq!(code, 0, "{rest}");
}
