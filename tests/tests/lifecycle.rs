//! The directory's lifecycle through the real binaries: contact updates, key rotation of a PoC
//! and of the custodian, revocation, expiry, and refusals of bad enrolment requests.

use poc_client::clock::{Clock, ManualClock};
use poc_client::ops::{self, custodian};
use poc_tests::{copy_dir, messages, Network, PocHome};

#[test]
fn a_contact_update_goes_through_the_custodian_and_reaches_every_member() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let mex = net.poc("MEX.technical");
    fra.json(&[
        "update",
        "--email",
        "cert-fr-new@pocs.example",
        "--phone",
        "+33 1 00 00 00 00",
    ]);
    fra.json(&["update", "--org-name", "Rejected name"]);

    let queue = net.custodian.json(&["custodian", "requests"]);
    let requests = queue["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 2);
    let email = requests
        .iter()
        .find(|r| r["changes"].to_string().contains("cert-fr-new"))
        .unwrap();
    assert_eq!(email["status"], "pending");
    assert_eq!(email["decided_at"], serde_json::Value::Null);
    assert_eq!(email["from"], "FRA.technical");
    let fields: Vec<&str> = email["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["emails", "phones"]);
    let other = requests.iter().find(|r| r["id"] != email["id"]).unwrap();

    let approved = net
        .custodian
        .json(&["custodian", "approve", email["id"].as_str().unwrap()]);
    assert_eq!(approved["request"]["id"], email["id"]);
    assert_eq!(approved["request"]["status"], "approved");
    assert!(approved["request"]["decided_at"].is_string(), "{approved}");
    let rejected = net.custodian.json(&[
        "custodian",
        "reject",
        other["id"].as_str().unwrap(),
        "--reason",
        "not an official name",
    ]);
    assert_eq!(rejected["request"]["id"], other["id"]);
    assert_eq!(rejected["request"]["status"], "rejected");
    assert_eq!(rejected["request"]["reason"], "not an official name");
    let queue = net.custodian.json(&["custodian", "requests"]);
    let statuses: Vec<&str> = queue["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses.len(), 2);
    assert!(
        statuses.contains(&"approved") && statuses.contains(&"rejected"),
        "{queue}"
    );
    let again = net
        .custodian
        .poc(&["custodian", "approve", email["id"].as_str().unwrap()]);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("already approved"),
        "{}",
        again.stderr
    );
    // An id that names no envelope is not found, for approve and reject alike.
    for verb in ["approve", "reject"] {
        let run = net
            .custodian
            .poc(&["--json", "custodian", verb, "00000000ffffffff"]);
        let document = run.json_error();
        assert_eq!(run.code, 1, "{document}");
        assert_eq!(document["kind"], "not_found", "{document}");
        assert_eq!(document["command"], format!("custodian {verb}"));
    }
    let published = net.custodian.json(&["custodian", "publish"]);
    assert_eq!(published["entries"], 3);

    mex.json(&["directory", "sync"]);
    let shown = mex.json(&["directory", "show", "FRA.technical"]);
    assert_eq!(shown["emails"][0], "cert-fr-new@pocs.example");
    assert_eq!(shown["phones"][0], "+33 1 00 00 00 00");
    assert_eq!(
        shown["org_name"], "Organisation of FRA.technical",
        "the rejected change is not applied"
    );
}

#[test]
fn a_rotated_key_replaces_the_old_one_which_can_no_longer_log_in() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let mex = net.poc("MEX.technical");
    // A copy of FRA's home as it is now: it keeps using the old key.
    let old_home = PocHome::new(net.root.path().join("fra-old"), &fra.passphrase);
    copy_dir(&fra.dir, &old_home.dir);
    let before = mex.json(&["directory", "show", "FRA.technical"])["fingerprint"].clone();

    let rotation = fra.json(&["keys", "rotate"]);
    let new_fingerprint = rotation["new_fingerprint"].clone();
    let queue = net.custodian.json(&["custodian", "requests"]);
    let request = &queue["requests"][0];
    assert_eq!(request["rotation"], true);
    assert_eq!(request["status"], "pending");
    assert_eq!(
        request["changes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["field"] == "key")
            .unwrap()["new"],
        new_fingerprint
    );
    net.custodian
        .json(&["custodian", "approve", request["id"].as_str().unwrap()]);
    net.custodian.json(&["custodian", "publish"]);

    // The next command switches to the new key (and says so in French, FRA's first language).
    let switched = fra.poc(&["inbox"]);
    switched.ok();
    assert!(
        switched.stderr.contains("passage à la nouvelle clé"),
        "{}",
        switched.stderr
    );
    mex.json(&["directory", "sync"]);
    let after = mex.json(&["directory", "show", "FRA.technical"])["fingerprint"].clone();
    assert_ne!(before, after);
    assert_eq!(after, new_fingerprint);

    // The rotated-out key is refused by the relay.
    let refused = old_home.poc(&["directory", "sync"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("not in the published directory"),
        "{}",
        refused.stderr
    );

    // Messages flow both ways with the new key.
    let sent = mex.json(&[
        "send",
        "--to",
        "FRA.technical",
        "--type",
        "text",
        "--priority",
        "high",
        "--field",
        "text=after rotation",
    ]);
    let id = sent["sent"][0]["id"].as_str().unwrap();
    let read = fra.json(&["read", id]);
    assert_eq!(read["fields"]["text"], "after rotation");
    let back = fra.json(&[
        "send",
        "--to",
        "MEX.technical",
        "--type",
        "text",
        "--priority",
        "low",
        "--field",
        "text=new key here",
    ]);
    let read = mex.json(&["read", back["sent"][0]["id"].as_str().unwrap()]);
    assert_eq!(read["from"], "FRA.technical");
}

#[test]
fn a_revoked_key_is_cut_off_and_its_messages_show_as_invalid() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let mex = net.poc("MEX.technical");
    mex.json(&[
        "send",
        "--to",
        "FRA.technical",
        "--type",
        "text",
        "--priority",
        "high",
        "--field",
        "text=signed before the revocation",
    ]);
    fra.json(&["inbox"]);

    let self_revoke =
        net.custodian
            .poc(&["custodian", "revoke", "UNODA.custodian", "--reason", "test"]);
    assert_eq!(self_revoke.code, 2);
    net.custodian.json(&[
        "custodian",
        "revoke",
        "MEX.technical",
        "--reason",
        "laptop stolen",
    ]);
    net.custodian.json(&["custodian", "publish"]);

    let cut = mex.poc(&["inbox"]);
    assert_eq!(cut.code, 2, "{}", cut.stderr);
    assert!(
        cut.stderr.contains("not in the published directory"),
        "{}",
        cut.stderr
    );

    let inbox = fra.json(&["inbox"]);
    // The message signed by the revoked key is set apart from the verified items.
    assert!(
        messages(&inbox)
            .iter()
            .all(|i| !i["type"].is_null() && i["from"] != "MEX.technical"),
        "{inbox}"
    );
    let from_mex = inbox["unopened"].as_array().unwrap();
    assert_eq!(from_mex.len(), 1, "{inbox}");
    assert_eq!(from_mex[0]["count"], 1, "{inbox}");
    assert!(
        from_mex[0]["invalid"] == "revoked"
            && from_mex[0]["error"].as_str().unwrap().contains("revoked"),
        "{}",
        from_mex[0]
    );
    let read = fra.poc(&["read", from_mex[0]["first"].as_str().unwrap()]);
    assert_eq!(read.code, 1);
    assert!(
        read.stderr.contains("MEX.technical") && read.stderr.contains("revoked"),
        "{}",
        read.stderr
    );

    let send = fra.poc(&[
        "send",
        "--to",
        "MEX.technical",
        "--type",
        "text",
        "--priority",
        "low",
        "--field",
        "text=x",
    ]);
    assert_eq!(send.code, 2);
    assert!(
        send.stderr.contains("MEX.technical's key was revoked on")
            && send
                .stderr
                .contains("nothing was sent; ask the custodian for its new entry"),
        "{}",
        send.stderr
    );
}

#[test]
fn members_follow_a_custodian_key_rotation() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let rotated = net.custodian.json(&["custodian", "rotate"]);
    let serial = rotated["published"]["serial"].as_u64().unwrap();
    let synced = fra.json(&["directory", "sync"]);
    assert_eq!(synced["serial"], serial);
    let verify = fra.json(&["directory", "verify"]);
    assert_eq!(verify["serial"], serial);
    // The custodian keeps publishing with the new key; members keep accepting.
    net.custodian.json(&["custodian", "publish"]);
    assert_eq!(fra.json(&["directory", "sync"])["serial"], serial + 1);
    let sent = fra.json(&[
        "send",
        "--to",
        "MEX.technical",
        "--type",
        "text",
        "--priority",
        "low",
        "--field",
        "text=still working",
    ]);
    assert_eq!(sent["sent"][0]["to"], "MEX.technical");

    // A PoC invited after the rotation pins the new key and joins normally.
    let late = net.invite_and_init("CHL.technical");
    let request = late.dir.join("enrolment-request.txt");
    let added = net
        .custodian
        .json(&["custodian", "add", request.to_str().unwrap(), "--yes"]);
    assert_eq!(added["id"], "CHL.technical");
    assert_eq!(added["already_present"], false);
    let text = std::fs::read_to_string(&request).unwrap();
    assert!(
        text.contains(&format!(
            "fingerprint: {}",
            added["fingerprint"].as_str().unwrap()
        )),
        "{added}\n{text}"
    );
    let again = net
        .custodian
        .json(&["custodian", "add", request.to_str().unwrap(), "--yes"]);
    assert_eq!(again["already_present"], true);
    net.custodian.json(&["custodian", "publish"]);
    assert_eq!(late.json(&["directory", "sync"])["serial"], serial + 2);
    let invite =
        std::fs::read_to_string(net.root.path().join("invite-CHL.technical.toml")).unwrap();
    assert!(
        invite.contains(&rotated["custodian_key"].as_str().unwrap().to_string()),
        "{invite}"
    );
}

/// The directory is published and accepted in process by a custodian and a PoC whose clocks
/// read a day ago, valid for an hour: to the real binaries it has long expired, without
/// waiting for it.
#[test]
fn an_expired_directory_still_reads_but_every_command_warns() {
    let net = Network::setup(&["FRA.technical"]);
    let fra = net.poc("FRA.technical");
    let now = Clock::system().now();
    let yesterday = ManualClock::at(now - 86_400);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let custodian = net
        .custodian
        .unlock()
        .unwrap()
        .with_clock(yesterday.clock());
    let published = runtime
        .block_on(custodian::publish(&custodian, 3600))
        .unwrap();
    assert_eq!(published.serial, 2);
    let member = fra.unlock().unwrap().with_clock(yesterday.clock());
    runtime
        .block_on(ops::online(&member, async |_| Ok(())))
        .unwrap();
    let directory = member.directory().unwrap().unwrap();
    assert_eq!(directory.directory.serial, 2);
    assert_eq!(directory.directory.expires_at, now - 86_400 + 3600);
    assert!(!directory.is_expired(yesterday.now()));
    assert!(directory.is_expired(now));

    for args in [
        &["directory", "list"][..],
        &["directory", "verify"],
        &["inbox", "--offline"],
        &["whoami"],
    ] {
        let run = fra.poc(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        // In French, FRA.technical's first language: the sentence up to the expiry time.
        let warning =
            poc_client::i18n::screens::directory_expired(poc_client::i18n::Lang::Fr, 2, "TIME");
        let expired = warning.split("TIME").next().unwrap();
        assert!(run.stderr.contains(expired), "{args:?}: {}", run.stderr);
    }
    assert_eq!(fra.json(&["directory", "verify"])["expired"], true);

    // Staleness is judged on the caller's clock: five seconds on, the custodian's and the
    // member's entries (confirmed at setup) are older than two seconds, not than a year.
    let later = now + 5;
    let stale = custodian::stale(&custodian.home, 2, later).unwrap();
    let mut ids: Vec<String> = stale.iter().map(|e| e.body.id.to_string()).collect();
    ids.sort();
    assert_eq!(ids, ["FRA.technical", "UNODA.custodian"]);
    assert!(custodian::stale(&custodian.home, 365 * 86_400, later)
        .unwrap()
        .is_empty());
    let fresh = net
        .custodian
        .json(&["custodian", "stale", "--older-than", "365d"]);
    assert!(fresh["stale"].as_array().unwrap().is_empty());
}

#[test]
fn bad_enrolment_requests_are_refused_and_change_nothing() {
    let net = Network::setup(&["FRA.technical"]);
    let before = net.custodian.json(&["custodian", "show"])["entries"]
        .as_array()
        .unwrap()
        .len();

    // A request whose content was altered after signing.
    let home = net.invite_and_init("MEX.technical");
    let path = home.dir.join("enrolment-request.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let bytes = poc_client::armor::dearmor(poc_client::ops::enrol::REQUEST_LABEL, &text).unwrap();
    let mut request: poc_proto::EnrolmentRequest = poc_proto::decode(&bytes).unwrap();
    request.entry.body.emails = vec!["attacker@evil.example".into()];
    let forged = poc_client::armor::armor(
        poc_client::ops::enrol::REQUEST_LABEL,
        &[],
        &poc_proto::encode(&request).unwrap(),
    );
    let forged_path = net.root.path().join("forged.txt");
    std::fs::write(&forged_path, forged).unwrap();
    let run = net
        .custodian
        .poc(&["custodian", "add", forged_path.to_str().unwrap(), "--yes"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("self-signature does not verify"),
        "{}",
        run.stderr
    );
    let run = net.custodian.poc(&[
        "--json",
        "custodian",
        "add",
        forged_path.to_str().unwrap(),
        "--yes",
    ]);
    let document = run.json_error();
    assert_eq!(run.code, 1, "{document}");
    assert_eq!(document["kind"], "verification", "{document}");
    assert_eq!(document["command"], "custodian add");

    // A truncated request.
    let truncated_path = net.root.path().join("truncated.txt");
    std::fs::write(&truncated_path, &text[..text.len() / 2]).unwrap();
    let run = net.custodian.poc(&[
        "custodian",
        "add",
        truncated_path.to_str().unwrap(),
        "--yes",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("not a poc enrolment request file"),
        "{}",
        run.stderr
    );

    // A second key claiming an id that is already taken.
    let dup = PocHome::new(net.root.path().join("dup"), "dup passphrase");
    let invite = net.root.path().join("invite-FRA.technical.toml");
    dup.poc(&[
        "init",
        "--yes",
        "--invite",
        invite.to_str().unwrap(),
        "--org-name",
        "Impostor",
    ])
    .ok();
    let run = net.custodian.poc(&[
        "custodian",
        "add",
        dup.dir.join("enrolment-request.txt").to_str().unwrap(),
        "--yes",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("FRA.technical is already in the directory with another key"),
        "{}",
        run.stderr
    );

    // Without --yes and without a terminal, nothing is added either.
    let run = net
        .custodian
        .poc(&["custodian", "add", path.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--yes"), "{}", run.stderr);

    let after = net.custodian.json(&["custodian", "show"])["entries"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(before, after);
}

#[test]
fn regional_contacts_are_imported_only_with_consent() {
    let net = Network::setup(&["FRA.technical"]);
    let export = net.root.path().join("oas.csv");
    std::fs::write(
        &export,
        "state,role,organisation,email,phone,languages\n\
         MEX,technical,CERT-MX,cert@mx.example,+52 55 0000 0000,es;en\n\
         CHL,diplomatic,Cancilleria,cyber@cl.example,,es\n\
         BRA,technical,CERT.br,cert@br.example,,pt;en\n",
    )
    .unwrap();
    let consent = net.root.path().join("consent.csv");
    std::fs::write(
        &consent,
        "state,source,date,reference\nMEX,OAS,2026-03-01,NV-2026-031\nCHL,OAS,2026-03-04,NV-2026-044\nBRA,OSCE,2026-03-05,NV-2026-050\n",
    )
    .unwrap();
    let report = net.custodian.json(&[
        "custodian",
        "import",
        export.to_str().unwrap(),
        "--source",
        "OAS",
        "--consent",
        consent.to_str().unwrap(),
    ]);
    assert_eq!(
        report["imported"],
        serde_json::json!(["MEX.technical", "CHL.diplomatic"])
    );
    assert_eq!(report["skipped_states"], serde_json::json!(["BRA"]));
    let pending = net.custodian.json(&["custodian", "invitations"]);
    assert_eq!(pending["pending"].as_array().unwrap().len(), 2);
    let leaked =
        poc_demo::find_in_files(&net.custodian.dir, &[b"cert@br.example", b"CERT.br"]).unwrap();
    assert!(
        leaked.is_empty(),
        "data of a State without consent was stored: {leaked:?}"
    );

    // Handing out an invitation consumes it.
    let invite = net.root.path().join("invite-mex.toml");
    let run = net.custodian.poc(&[
        "--json",
        "custodian",
        "invite",
        "MEX.technical",
        "--out",
        invite.to_str().unwrap(),
    ]);
    let invited = run.document();
    assert_eq!(invited["pending"]["id"], "MEX.technical");
    assert_eq!(invited["pending"]["source"], "OAS");
    assert_eq!(invited["pending"]["consent_reference"], "NV-2026-031");
    assert!(
        run.stderr
            .contains("handing out the pending invitation imported from OAS (consent NV-2026-031)"),
        "{}",
        run.stderr
    );
    assert_eq!(
        net.custodian.json(&["custodian", "invitations"])["pending"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Unknown columns are named; nothing is imported.
    let bad = net.root.path().join("bad.csv");
    std::fs::write(
        &bad,
        "state,role,organisation,email,favourite_colour\nPER,technical,CERT-PE,c@pe.example,blue\n",
    )
    .unwrap();
    let run = net.custodian.poc(&[
        "custodian",
        "import",
        bad.to_str().unwrap(),
        "--source",
        "OAS",
        "--consent",
        consent.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("favourite_colour"), "{}", run.stderr);
    assert_eq!(
        net.custodian.json(&["custodian", "invitations"])["pending"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}
