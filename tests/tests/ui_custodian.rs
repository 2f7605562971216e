//! The custodian's pages of `poc ui`, over HTTP as the pages send it, through a real relay:
//! an enrolment request approved only with the fingerprint confirmed, the directory
//! published and seen by the new PoC's command line, then a ping campaign started from the
//! page, answered by one PoC's command line, reported on time for it and without answer for
//! the other, and its proof bundle verified offline by `poc ping verify`.

use poc_tests::ui::{form_encode, HttpResponse, Session, UiProcess};
use poc_tests::{Network, PocHome};

const FORM: (&str, &str) = ("Content-Type", "application/x-www-form-urlencoded");

fn post_form(ui: &UiProcess, session: &Session, path: &str, body: &str) -> HttpResponse {
    ui.as_page(session, "POST", path, &[FORM], body.as_bytes())
}

fn multipart(field: &str, value: &str) -> (String, Vec<u8>) {
    let boundary = "poc-test-boundary-7f3a";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n--{boundary}--\r\n"
    );
    (
        format!("multipart/form-data; boundary={boundary}"),
        body.into_bytes(),
    )
}

fn accepted_ids(custodian: &PocHome) -> Vec<String> {
    custodian.json(&["custodian", "show"])["entries"]
        .as_array()
        .expect("the accepted entries")
        .iter()
        .map(|e| e["id"].as_str().expect("an id").to_owned())
        .collect()
}

/// The envelope id of `home`'s ping of campaign `campaign`.
fn ping_of(home: &PocHome, campaign: &str) -> String {
    let inbox = home.json(&["inbox"]);
    for item in inbox["items"].as_array().expect("the inbox items") {
        if item["type"] != "ping" {
            continue;
        }
        let id = item["id"].as_str().expect("an envelope id");
        if home.json(&["read", id])["fields"]["campaign"] == campaign {
            return id.to_owned();
        }
    }
    panic!("no ping of campaign {campaign} for {}", home.dir.display());
}

/// The row of PoC `id` in a page of results.
fn row_of(page: &str, id: &str) -> String {
    let start = page
        .find(&format!("data-poc=\"{id}\""))
        .unwrap_or_else(|| panic!("no row of {id} in {page}"));
    page[start..]
        .split("</tr>")
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn the_custodian_enrols_publishes_and_runs_a_campaign_from_the_browser() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let gbr = net.invite_and_init("GBR.technical");
    let request = std::fs::read_to_string(gbr.dir.join("enrolment-request.txt")).unwrap();
    let entry = poc_client::ops::custodian::read_request(&request).unwrap();
    let fingerprint =
        poc_keys::FingerprintText(poc_keys::fingerprint(&entry.body.signing_key)).to_string();

    let ui = UiProcess::start(&net.custodian);
    let session = ui.admit();
    let unlocked = ui.unlock(&session, &net.custodian.passphrase);
    assert_eq!(unlocked.header("hx-redirect"), Some("/"), "{unlocked:?}");

    // The navigation of a custodian's home leads to its pages.
    let page = ui.as_page(&session, "GET", "/custodian", &[], b"");
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(page.text().contains("href=\"/campaigns\""));
    assert!(page.text().contains("hx-post=\"/custodian/enrol\""));

    // The request file, sent as the page's form does: what it holds and its fingerprint.
    let (content_type, body) = multipart("request", &request);
    let shown = ui.as_page(
        &session,
        "POST",
        "/custodian/enrol",
        &[("Content-Type", &content_type)],
        &body,
    );
    assert_eq!(shown.status, 200, "{}", shown.text());
    let shown = shown.text();
    assert!(shown.contains(&fingerprint), "{shown}");
    assert!(shown.contains("GBR.technical"), "{shown}");
    assert!(shown.contains("Organisation of GBR.technical"), "{shown}");
    assert!(shown.contains("name=\"confirmed\""), "{shown}");

    // Approving without the fingerprint confirmed adds nothing.
    let body = format!("request={}", form_encode(&request));
    let refused = post_form(&ui, &session, "/custodian/enrol/add", &body);
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(!accepted_ids(&net.custodian).contains(&"GBR.technical".to_owned()));
    let refused = post_form(
        &ui,
        &session,
        "/custodian/enrol/add",
        &format!("{body}&confirmed="),
    );
    assert_eq!(refused.status, 422, "an empty box is not a confirmation");
    assert!(!accepted_ids(&net.custodian).contains(&"GBR.technical".to_owned()));

    // Confirmed: added, then published.
    let added = post_form(
        &ui,
        &session,
        "/custodian/enrol/add",
        &format!("{body}&confirmed=yes"),
    );
    assert_eq!(added.status, 200, "{}", added.text());
    assert!(added.text().contains(&fingerprint), "{}", added.text());
    assert!(accepted_ids(&net.custodian).contains(&"GBR.technical".to_owned()));
    let published = ui.as_page(&session, "POST", "/custodian/publish", &[], b"");
    assert_eq!(published.status, 200, "{}", published.text());
    assert!(published.text().contains("class=\"done\""));

    // The new PoC's command line finds itself in the directory.
    gbr.poc(&["directory", "sync"]).ok();
    let listed = gbr.json(&["directory", "list"]);
    assert!(
        listed["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["id"] == "GBR.technical"),
        "{listed}"
    );

    // A campaign started from the page.
    let started = post_form(
        &ui,
        &session,
        "/campaigns/start",
        "to=FRA.technical%2C+MEX.technical&role=&deadline=1h&note=",
    );
    assert_eq!(started.status, 204, "{}", started.text());
    let to = started
        .header("hx-redirect")
        .expect("to the campaign")
        .to_owned();
    let campaign = to.trim_start_matches("/campaigns/").to_owned();
    assert_eq!(campaign.len(), 32, "{to}");
    let list = ui.as_page(&session, "GET", "/campaigns", &[], b"");
    assert!(list.text().contains(&campaign), "{}", list.text());
    let live = ui.as_page(&session, "GET", &to, &[], b"");
    assert_eq!(live.status, 200);
    assert!(
        live.text().contains(&format!(
            "hx-get=\"/campaigns/{campaign}/status\" hx-trigger=\"every 5s\""
        )),
        "{}",
        live.text()
    );

    // FRA answers with its command line; MEX does not.
    let fra = net.poc("FRA.technical");
    fra.poc(&["ack", &ping_of(fra, &campaign)]).ok();

    let status = ui.as_page(&session, "GET", &format!("{to}/status"), &[], b"");
    assert_eq!(status.status, 200);
    let status = status.text();
    assert!(
        row_of(&status, "FRA.technical").contains("data-outcome=\"on-time\""),
        "{status}"
    );
    assert!(
        row_of(&status, "MEX.technical").contains("data-outcome=\"no-answer\""),
        "{status}"
    );

    let report = ui.as_page(&session, "GET", &format!("{to}/report"), &[], b"");
    assert_eq!(report.status, 200);
    let report = report.text();
    let fra_row = row_of(&report, "FRA.technical");
    assert!(fra_row.contains("data-outcome=\"on-time\""), "{fra_row}");
    assert!(
        fra_row.contains("<bdi>FRA.technical</bdi>"),
        "who answered: {fra_row}"
    );
    assert!(row_of(&report, "MEX.technical").contains("data-outcome=\"no-answer\""));
    assert!(report.contains("<svg role=\"img\""), "the charts");
    assert!(!report.contains("style=\""), "no style attribute");
    assert!(!report.contains("<script>"), "no inline script");

    // The proof bundle, downloaded, verifies offline with the custodian's public key.
    let bundle = ui.as_page(&session, "GET", &format!("{to}/bundle"), &[], b"");
    assert_eq!(bundle.status, 200);
    assert!(bundle
        .header("content-disposition")
        .is_some_and(|d| d.starts_with("attachment")));
    let file = net.root.path().join("downloaded.bundle");
    std::fs::write(&file, &bundle.body).unwrap();
    let outsider = PocHome::new(net.root.path().join("auditor"), "unused");
    let custodian_pub = net.custodian.dir.join("custodian.pub");
    let verified = outsider.json(&[
        "ping",
        "verify",
        file.to_str().unwrap(),
        "--custodian-key",
        custodian_pub.to_str().unwrap(),
    ]);
    assert_eq!(verified["verified"], true, "{verified}");
    let outcome = |id: &str| {
        verified["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .map(|r| r["outcome"].clone())
    };
    assert_eq!(
        outcome("FRA.technical"),
        Some("on_time".into()),
        "{verified}"
    );
    assert_eq!(
        outcome("MEX.technical"),
        Some("no_answer".into()),
        "{verified}"
    );

    // Revoking asks first, naming the PoC and its fingerprint; only the confirmation revokes.
    let ask = post_form(
        &ui,
        &session,
        "/custodian/revoke",
        "id=GBR.technical&reason=laptop+lost",
    );
    assert_eq!(ask.status, 200, "{}", ask.text());
    assert!(ask.text().contains(&fingerprint), "{}", ask.text());
    assert!(ask.text().contains("name=\"confirmed\" value=\"yes\""));
    assert!(accepted_ids(&net.custodian).contains(&"GBR.technical".to_owned()));
    let no_reason = post_form(
        &ui,
        &session,
        "/custodian/revoke",
        "id=GBR.technical&reason=+&confirmed=yes",
    );
    assert_eq!(
        no_reason.status, 422,
        "a reason is published: it is required"
    );
    assert!(accepted_ids(&net.custodian).contains(&"GBR.technical".to_owned()));
    let revoked = post_form(
        &ui,
        &session,
        "/custodian/revoke",
        "id=GBR.technical&reason=laptop+lost&confirmed=yes",
    );
    assert_eq!(revoked.status, 200, "{}", revoked.text());
    assert!(!accepted_ids(&net.custodian).contains(&"GBR.technical".to_owned()));
}

#[test]
fn a_home_that_is_not_the_custodians_has_no_custodian_pages() {
    let net = Network::setup(&["FRA.technical"]);
    let home = net.poc("FRA.technical");
    let ui = UiProcess::start(home);
    let session = ui.admit();
    ui.unlock(&session, &home.passphrase);
    let inbox = ui.as_page(&session, "GET", "/", &[], b"");
    assert!(!inbox.text().contains("href=\"/custodian\""));
    for path in ["/custodian", "/campaigns"] {
        let page = ui.as_page(&session, "GET", path, &[], b"");
        assert_eq!(page.status, 404, "{path}");
    }
    let publish = ui.as_page(&session, "POST", "/custodian/publish", &[], b"");
    assert_eq!(publish.status, 404);
}

#[test]
fn the_custodian_approves_and_rejects_update_requests_from_the_page() {
    let net = Network::setup(&["FRA.technical"]);
    let fra = net.poc("FRA.technical");
    fra.json(&["update", "--email", "cert-fr-new@pocs.example"]);
    fra.json(&["update", "--org-name", "Rejected name"]);

    let ui = UiProcess::start(&net.custodian);
    let session = ui.admit();
    ui.unlock(&session, &net.custodian.passphrase);
    let page = ui.as_page(&session, "GET", "/custodian", &[], b"");
    assert_eq!(page.status, 200, "{}", page.text());
    let page = page.text();
    assert!(page.contains("cert-fr-new@pocs.example"), "{page}");
    assert!(page.contains("Rejected name"), "{page}");

    let queue = net.custodian.json(&["custodian", "requests"]);
    let requests = queue["requests"].as_array().expect("the requests");
    let id_of = |text: &str| {
        requests
            .iter()
            .find(|r| r["changes"].to_string().contains(text))
            .and_then(|r| r["id"].as_str())
            .expect("a request")
            .to_owned()
    };
    let (email, name) = (id_of("cert-fr-new"), id_of("Rejected name"));
    assert!(page.contains(&format!("/custodian/requests/{email}/approve")));

    let approved = ui.as_page(
        &session,
        "POST",
        &format!("/custodian/requests/{email}/approve"),
        &[],
        b"",
    );
    assert_eq!(approved.status, 200, "{}", approved.text());
    let rejected = post_form(
        &ui,
        &session,
        &format!("/custodian/requests/{name}/reject"),
        "reason=not+an+official+name",
    );
    assert_eq!(rejected.status, 200, "{}", rejected.text());

    let queue = net.custodian.json(&["custodian", "requests"]);
    let status = |id: &str| {
        queue["requests"]
            .as_array()
            .expect("the requests")
            .iter()
            .find(|r| r["id"] == id)
            .map(|r| (r["status"].clone(), r["reason"].clone()))
            .expect("the request")
    };
    assert_eq!(status(&email).0, "approved");
    assert_eq!(
        status(&name),
        ("rejected".into(), "not an official name".into())
    );
    // Decided requests leave the page.
    let page = ui.as_page(&session, "GET", "/custodian", &[], b"").text();
    assert!(!page.contains("Rejected name"), "{page}");

    // In Arabic the pages read right to left, in Arabic.
    post_form(&ui, &session, "/lang", "lang=ar");
    let page = ui.as_page(&session, "GET", "/custodian", &[], b"").text();
    assert!(page.contains("dir=\"rtl\""), "{page}");
    assert!(page.contains("<h1>أمين الدليل</h1>"), "{page}");
    let campaigns = ui.as_page(&session, "GET", "/campaigns", &[], b"").text();
    assert!(campaigns.contains("<h1>حملات الاختبار</h1>"), "{campaigns}");
}
