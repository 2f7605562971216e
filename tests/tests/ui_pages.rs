//! The PoC's pages of `poc ui` beyond the inbox, over HTTP through a real relay: the
//! directory by State name, the team, a conversation, the printed record with the signer's
//! fingerprint and the receipt, a change of contact details the custodian receives, and a key
//! replacement that asks for the passphrase again.

use poc_tests::ui::{form_encode, UiProcess};
use poc_tests::Network;

const FORM: (&str, &str) = ("Content-Type", "application/x-www-form-urlencoded");

#[test]
fn directory_team_thread_record_contact_details_and_new_keys() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let mex = net.poc("MEX.technical");
    let sent = mex.json(&[
        "send",
        "--to",
        "FRA.technical",
        "--type",
        "text",
        "--priority",
        "medium",
        "--field",
        "subject=Coordination call",
        "--field",
        "text=Tomorrow 10:00 UTC.",
    ]);
    let id = sent["sent"][0]["id"].as_str().unwrap().to_owned();
    let ui = UiProcess::start(fra);
    let session = ui.admit();
    assert_eq!(
        ui.unlock(&session, &fra.passphrase).header("hx-redirect"),
        Some("/")
    );
    // The pages are in FRA's language (its profile's first language).
    let lang = poc_client::ops::directory::home_lang(&poc_client::home::Home::new(&fra.dir));
    let get = |path: &str| {
        let r = ui.as_page(&session, "GET", path, &[], b"");
        assert_eq!(r.status, 200, "{path}: {r:?}");
        r.text()
    };
    get("/inbox/list");

    // The directory names each PoC by its State in the reader's language.
    let directory = get("/directory");
    for (code, id) in [("FRA", "FRA.technical"), ("MEX", "MEX.technical")] {
        let name = poc_client::states::name_or_code(code, lang);
        assert!(directory.contains(&name), "{name} in {directory}");
        assert!(directory.contains(id));
    }
    assert_ne!(
        poc_client::states::name_or_code("MEX", lang),
        "MEX",
        "a State has a name in {lang:?}"
    );

    // The team: a PoC held by one key.
    let team = get("/team");
    let shown = fra.json(&["directory", "show", "FRA.technical"]);
    let own = shown["fingerprint"].as_str().unwrap();
    assert!(team.contains(own), "{own} in {team}");

    // The printed record: the signer's fingerprint from the directory, no receipt yet; after
    // the acknowledgement, the receipt.
    let mex_fingerprint = fra.json(&["directory", "show", "MEX.technical"])["fingerprint"]
        .as_str()
        .unwrap()
        .to_owned();
    let record = get(&format!("/message/{id}/print"));
    assert!(record.contains(&mex_fingerprint), "{record}");
    assert!(record.contains("Tomorrow 10:00 UTC."));
    assert_eq!(
        record.matches("<time>").count(),
        2,
        "printed and sent: {record}"
    );
    let ack = ui.as_page(&session, "POST", &format!("/message/{id}/ack"), &[], b"");
    assert_eq!(ack.status, 200, "{ack:?}");
    let record = get(&format!("/message/{id}/print"));
    assert_eq!(
        record.matches("<time>").count(),
        3,
        "printed, sent, receipt: {record}"
    );

    // The conversation shows the message.
    let thread = get(&format!("/thread/{id}"));
    assert!(thread.contains("Coordination call"), "{thread}");

    // Contact details: only what changed goes to the custodian, as a signed request.
    let profile = get("/profile");
    assert!(
        profile.contains(&poc_tests::email_of("FRA.technical")),
        "{profile}"
    );
    let phone = poc_tests::phone_of("FRA.technical");
    let body = format!(
        "org_name={}&emails={}&phones={}&languages={}&webpage=&time_zone=",
        form_encode("Organisation of FRA.technical"),
        form_encode(&poc_tests::email_of("FRA.technical")),
        form_encode(&format!("{phone}\n+33 1 00 00 00 00")),
        form_encode(
            &shown["languages"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l.as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
                .join("\n")
        ),
    );
    let updated = ui.as_page(&session, "POST", "/profile", &[FORM], body.as_bytes());
    assert_eq!(updated.status, 200, "{updated:?}");
    let queue = net.custodian.json(&["custodian", "requests"]);
    let requests = queue["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 1, "{queue}");
    let fields: Vec<&str> = requests[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["phones"], "{queue}");

    // New keys: refused without the box ticked or with a wrong passphrase; nothing pending.
    let next = fra.dir.join("identity.next.age");
    let rotate = |body: String| {
        ui.as_page(
            &session,
            "POST",
            "/profile/rotate",
            &[FORM],
            body.as_bytes(),
        )
    };
    let unticked = rotate(format!("passphrase={}", form_encode(&fra.passphrase)));
    assert_eq!(unticked.status, 422, "{unticked:?}");
    let wrong = rotate("passphrase=wrong+passphrase&confirm=yes".to_owned());
    assert_eq!(wrong.status, 422, "{wrong:?}");
    assert!(!next.exists());
    let done = rotate(format!(
        "passphrase={}&confirm=yes",
        form_encode(&fra.passphrase)
    ));
    assert_eq!(done.status, 200, "{done:?}");
    assert!(next.exists(), "the new keystore waits for the custodian");
    let queue = net.custodian.json(&["custodian", "requests"]);
    assert_eq!(queue["requests"].as_array().unwrap().len(), 2, "{queue}");
    assert!(!done.text().contains(&fra.passphrase));
}

#[test]
fn attachments_download_as_bytes_under_a_safe_name() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let mex = net.poc("MEX.technical");
    let file = net
        .root
        .path()
        .join("report <b>1</b>.html".replace('/', "\\"));
    let content = b"<script>alert(1)</script> logs".to_vec();
    std::fs::write(&file, &content).unwrap();
    let sent = mex.json(&[
        "send",
        "--to",
        "FRA.technical",
        "--type",
        "text",
        "--priority",
        "low",
        "--field",
        "text=Logs attached.",
        "--attach",
        file.to_str().unwrap(),
    ]);
    let id = sent["sent"][0]["id"].as_str().unwrap().to_owned();
    let ui = UiProcess::start(fra);
    let session = ui.admit();
    ui.unlock(&session, &fra.passphrase);
    assert_eq!(
        ui.as_page(&session, "GET", "/inbox/list", &[], b"").status,
        200
    );
    let page = ui.as_page(&session, "GET", &format!("/message/{id}"), &[], b"");
    assert!(page.text().contains(&format!("/message/{id}/attachment/0")));
    let download = ui.as_page(
        &session,
        "GET",
        &format!("/message/{id}/attachment/0"),
        &[],
        b"",
    );
    assert_eq!(download.status, 200, "{download:?}");
    assert_eq!(download.body, content, "the bytes as sent");
    // Never shown as a page of the UI: bytes to save, under the sender's name made safe.
    assert_eq!(
        download.header("content-type"),
        Some("application/octet-stream")
    );
    assert_eq!(download.header("x-content-type-options"), Some("nosniff"));
    let disposition = download.header("content-disposition").unwrap();
    assert!(
        disposition.starts_with("attachment; filename*=UTF-8''"),
        "{disposition}"
    );
    assert!(
        disposition.ends_with("report%20%3Cb%3E1%3C_b%3E.html"),
        "{disposition}"
    );
    let missing = ui.as_page(
        &session,
        "GET",
        &format!("/message/{id}/attachment/1"),
        &[],
        b"",
    );
    assert_eq!(missing.status, 404, "{missing:?}");

    // A relay that is down does not hide the local inbox: it shows, with a warning.
    let mut net = net;
    net.relay.kill();
    let list = ui.as_page(&session, "GET", "/inbox/list", &[], b"");
    assert_eq!(list.status, 200, "{list:?}");
    let text = list.text();
    assert!(text.contains("class=\"warning\""), "{text}");
    assert!(text.contains(&id), "{text}");
}
