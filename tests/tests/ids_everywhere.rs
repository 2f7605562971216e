//! PoC ids, roles and State codes typed in any case, through the real binaries: every command
//! that takes one accepts it, answers with the canonical id, and a near miss gets a
//! "did you mean". Also, through a relay with a tiny quota: a refused first submit is told
//! as not sent.

use poc_tests::{Network, PocHome};

/// The entries' ids of a `directory list` document.
fn ids(list: &serde_json::Value) -> Vec<String> {
    list["entries"]
        .as_array()
        .expect("a list of entries")
        .iter()
        .map(|e| e["id"].as_str().expect("an id").to_owned())
        .collect()
}

#[test]
fn every_command_taking_an_id_or_a_state_code_ignores_case_and_answers_canonically() {
    let net = Network::setup(&["FRA.technical", "MAR.technical", "MAR.diplomatic"]);
    let fra = net.poc("FRA.technical");
    let custodian = &net.custodian;

    // custodian invite, then init with --id, both in any case.
    let invited = custodian.json(&["custodian", "invite", "mex.TECHNICAL"]);
    assert_eq!(invited["id"], "MEX.technical", "{invited}");
    let invite = net.root.path().join("invite-mex.toml");
    std::fs::write(&invite, invited["invite"].as_str().unwrap()).unwrap();
    let mex = PocHome::new(net.root.path().join("mex"), "passphrase of MEX.technical");
    mex.poc_writing_keystore(&[
        "init",
        "--yes",
        "--id",
        "Mex.Technical",
        "--invite",
        invite.to_str().unwrap(),
        "--org-name",
        "CERT-MX",
    ])
    .ok();
    assert_eq!(mex.json(&["whoami"])["id"], "MEX.technical");

    // directory show and list (--org, --role).
    assert_eq!(
        fra.json(&["directory", "show", "mar.DIPLOMATIC"])["id"],
        "MAR.diplomatic"
    );
    let moroccans = fra.json(&["directory", "list", "--org", "mar", "--role", "Technical"]);
    assert_eq!(ids(&moroccans), vec!["MAR.technical"]);

    // send --to: an id and a State code.
    let sent = fra.json(&[
        "send",
        "--to",
        "mar.technical",
        "--type",
        "text",
        "--priority",
        "low",
        "--field",
        "text=hello",
    ]);
    assert_eq!(sent["sent"][0]["to"], "MAR.technical", "{sent}");
    let sent = fra.json(&[
        "send",
        "--yes",
        "--to",
        "mar",
        "--type",
        "text",
        "--priority",
        "low",
        "--field",
        "text=hello",
    ]);
    let mut to: Vec<&str> = sent["sent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["to"].as_str().unwrap())
        .collect();
    to.sort_unstable();
    assert_eq!(to, vec!["MAR.diplomatic", "MAR.technical"]);

    // ping start --to and --role.
    let campaign = custodian.json(&[
        "ping",
        "start",
        "--to",
        "fra.Technical,mar",
        "--role",
        "TECHNICAL",
        "--deadline",
        "1h",
    ]);
    let mut pinged: Vec<&str> = campaign["sent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["to"].as_str().unwrap())
        .collect();
    pinged.sort_unstable();
    assert_eq!(pinged, vec!["FRA.technical", "MAR.technical"], "{campaign}");

    // custodian revoke.
    let revoked = custodian.json(&["custodian", "revoke", "mar.diplomatic", "--reason", "lost"]);
    assert_eq!(revoked["id"], "MAR.diplomatic", "{revoked}");
}

#[test]
fn a_near_miss_gets_the_id_it_was_meant_to_be() {
    let net = Network::setup(&["MAR.technical"]);
    let custodian = &net.custodian;

    // A misspelt role, before anything else happens: a usage error naming the right id.
    for args in [
        &["custodian", "invite", "mex.tecnical"][..],
        &["custodian", "revoke", "mar.tecnical", "--reason", "lost"],
        &["directory", "show", "MAR.technicl"],
    ] {
        let run = custodian.poc(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        let meant = if args[1] == "invite" {
            "MEX.technical"
        } else {
            "MAR.technical"
        };
        assert!(
            run.stderr.contains(&format!("(did you mean {meant}?)")),
            "{args:?}: {}",
            run.stderr
        );
    }
    let run = custodian.poc(&["directory", "list", "--role", "tecnical"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("(did you mean technical?)"),
        "{}",
        run.stderr
    );

    // A well-formed id that is not there: the closest accepted one.
    let run = custodian.poc(&["custodian", "revoke", "mar.technical.2", "--reason", "lost"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "MAR.technical.2 is not among the accepted entries (did you mean MAR.technical?)"
        ),
        "{}",
        run.stderr
    );
    let run = custodian.poc(&["ping", "start", "--to", "mar.tecnical"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("(did you mean MAR.technical?)"),
        "{}",
        run.stderr
    );
}

/// A full mailbox refuses a first submit before storing anything: the record is `prepared`
/// (not sent), the failure says so, and `poc sent --resend` can finish it later.
#[test]
fn a_quota_refusal_of_a_first_submit_leaves_the_envelope_not_sent() {
    let mut net = Network::setup(&["FRA.technical", "MAR.technical"]);
    poc_tests::raw::set_config(&net.relay.config, "mailbox_max_envelopes", "2");
    poc_tests::raw::set_config(&net.relay.config, "mailbox_sender_share_percent", "100");
    net.relay.restart();
    let fra = net.poc("FRA.technical");
    // Fill MAR.technical's mailbox until the relay refuses.
    let refused = (0..4)
        .map(|n| fra.send_text("MAR.technical", &format!("message {n}")))
        .find(|run| run.code != 0)
        .expect("the relay refuses once the mailbox is full");
    assert!(
        refused.stderr.contains("is full") && refused.stderr.contains("nothing was sent"),
        "{}",
        refused.stderr
    );
    // French screens (FRA.technical's first language): "non envoyé", never "peut avoir été
    // envoyé".
    assert!(
        refused.stderr.contains("non envoyé : "),
        "{}",
        refused.stderr
    );
    assert!(
        !refused.stderr.contains("peut avoir été envoyé"),
        "{}",
        refused.stderr
    );
    let sent = fra.json(&["sent"]);
    let records = sent["records"].as_array().expect("records");
    let not_sent: Vec<&serde_json::Value> =
        records.iter().filter(|r| r["state"] != "stored").collect();
    assert_eq!(not_sent.len(), 1, "{sent}");
    assert_eq!(not_sent[0]["state"], "prepared", "{sent}");
    assert_eq!(not_sent[0]["resendable"], true, "{sent}");
}
