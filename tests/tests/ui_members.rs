//! Member requests in the custodian's enrolment box of `poc ui`, and the status response of
//! the compose form, over HTTP as the pages send them, through a real relay: a request
//! co-signed by a current member is added without a telephone check and the next
//! publication lets the new member act for the PoC; one nobody co-signed is added only with
//! the fingerprint confirmed; any other text gets one sentence saying what to give; a status
//! response written in the compose form reaches the recipient's command line as such.

// Test helpers: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use poc_client::i18n::{Lang, Translated};
use poc_client::ui::pages::custodian_words::CustodianText;
use poc_client::ui::pages::members_words::MembersText;
use poc_tests::ui::{form_encode, HttpResponse, Session, UiProcess};
use poc_tests::{messages, Network, PocHome};

const FORM: (&str, &str) = ("Content-Type", "application/x-www-form-urlencoded");
const BOUNDARY: &str = "----poc-ui-members-test";

/// A `multipart/form-data` body of text fields, as a browser sends a form with a file
/// picker left empty.
fn multipart(fields: &[(&str, &str)]) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n"
    );
    for (name, value) in fields {
        body.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str(&format!("--{BOUNDARY}--\r\n"));
    body.into_bytes()
}

fn post_multipart(
    ui: &UiProcess,
    session: &Session,
    path: &str,
    fields: &[(&str, &str)],
) -> HttpResponse {
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    ui.as_page(
        session,
        "POST",
        path,
        &[("Content-Type", &content_type)],
        &multipart(fields),
    )
}

/// The enrolment box's form with `text` pasted into it.
fn show_request(ui: &UiProcess, session: &Session, text: &str) -> HttpResponse {
    post_multipart(ui, session, "/custodian/enrol", &[("request", text)])
}

fn add_member(
    ui: &UiProcess,
    session: &Session,
    request: &str,
    confirmed: Option<&str>,
) -> HttpResponse {
    let mut body = format!("request={}", form_encode(request));
    if let Some(value) = confirmed {
        body.push_str(&format!("&confirmed={value}"));
    }
    ui.as_page(
        session,
        "POST",
        "/custodian/members/add",
        &[FORM],
        body.as_bytes(),
    )
}

/// The language a page is written in.
fn page_lang(html: &str) -> Lang {
    let code = html
        .split("lang=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or_else(|| panic!("no language in {html}"));
    Lang::from_tag(code).unwrap()
}

/// `text` as the templates write it (askama's HTML escaping).
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// A member invitation for `label` of `id` and a new device initialised from it; returns the
/// device's home and its (not co-signed) member request.
fn new_device(net: &Network, id: &str, label: &str, name: &str) -> (PocHome, PathBuf) {
    let invite = net.root.path().join(format!("invite-{name}.toml"));
    net.custodian
        .poc(&[
            "custodian",
            "invite",
            id,
            "--member",
            label,
            "--out",
            invite.to_str().unwrap(),
        ])
        .ok();
    let home = PocHome::new(net.root.path().join(name), &format!("passphrase of {name}"));
    home.poc_writing_keystore(&["init", "--yes", "--invite", invite.to_str().unwrap()])
        .ok();
    let request = home.dir.join("member-request.txt");
    assert!(
        request.exists(),
        "no member request in {}",
        home.dir.display()
    );
    (home, request)
}

/// The fingerprint of the new member's key in a member request, as `poc whoami` shows it.
fn fingerprint_of(request: &str) -> String {
    let member = poc_client::ops::team::read_member_request(request).unwrap();
    poc_client::ops::team::MemberRequestView::of(&member)
        .member
        .fingerprint
}

/// The labels of `poc team list` of `home` (after a sync), and who co-signed each.
fn team(home: &PocHome) -> Vec<(String, Option<String>)> {
    home.poc(&["directory", "sync"]).ok();
    let listed = home.json(&["team", "list"]);
    listed["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["label"].as_str().unwrap().to_owned(),
                m["cosigned_by"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

fn pair(label: &str, by: Option<&str>) -> (String, Option<String>) {
    (label.to_owned(), by.map(str::to_owned))
}

/// The custodian's page, unlocked.
fn custodian_ui(net: &Network) -> (UiProcess, Session) {
    let ui = UiProcess::start(&net.custodian);
    let session = ui.admit();
    let unlocked = ui.unlock(&session, &net.custodian.passphrase);
    assert_eq!(unlocked.header("hx-redirect"), Some("/"), "{unlocked:?}");
    (ui, session)
}

#[test]
fn a_co_signed_member_request_is_added_from_the_enrolment_box_and_the_new_member_acts_for_its_poc()
{
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let mex = net.poc("MEX.technical");
    let (laptop, request) = new_device(&net, "MEX.technical", "on-call laptop 2", "laptop-2");
    mex.json(&["team", "cosign", request.to_str().unwrap(), "--yes"]);
    let cosigned =
        std::fs::read_to_string(request.with_file_name("member-request.cosigned.txt")).unwrap();
    let fingerprint = fingerprint_of(&cosigned);
    let (ui, session) = custodian_ui(&net);

    // The page says that the box also takes member requests.
    let page = ui.as_page(&session, "GET", "/custodian", &[], b"");
    assert_eq!(page.status, 200, "{}", page.text());
    let lang = page_lang(&page.text());
    assert!(
        page.text()
            .contains(&escaped(MembersText::BoxHelp.text(lang))),
        "{}",
        page.text()
    );

    // Pasted in the enrolment box: the member, its PoC, its fingerprint and who co-signed
    // it, and no telephone confirmation to tick.
    let shown = show_request(&ui, &session, &cosigned);
    assert_eq!(shown.status, 200, "{}", shown.text());
    let shown = shown.text();
    assert!(
        shown.contains("id=\"member-label\">on-call laptop 2<"),
        "{shown}"
    );
    assert!(
        shown.contains("id=\"member-poc\">MEX.technical<"),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("id=\"member-fingerprint\">{fingerprint}<")),
        "{shown}"
    );
    assert!(
        shown.contains("id=\"member-cosigned-by\">first member<"),
        "{shown}"
    );
    assert!(
        shown.contains("hx-post=\"/custodian/members/add\""),
        "{shown}"
    );
    assert!(!shown.contains("name=\"confirmed\""), "{shown}");

    // Added without a confirmation, then published from the page.
    let added = add_member(&ui, &session, &cosigned, None);
    assert_eq!(added.status, 200, "{}", added.text());
    let added = added.text();
    assert!(
        added.contains(&escaped(MembersText::Added.text(lang))),
        "{added}"
    );
    assert!(added.contains(&fingerprint), "{added}");
    let published = ui.as_page(&session, "POST", "/custodian/publish", &[], b"");
    assert_eq!(published.status, 200, "{}", published.text());

    // The new member's command line acts for MEX.technical: it lists its team, reads what
    // is sent to the PoC, and what it sends is signed as its member.
    assert_eq!(
        team(&laptop),
        vec![
            pair("first member", None),
            pair("on-call laptop 2", Some("first member"))
        ]
    );
    assert_eq!(laptop.json(&["team", "list"])["you"], "on-call laptop 2");
    fra.send_text("MEX.technical", "Scanning from AS64500 since 02:00 UTC")
        .ok();
    let inbox = laptop.json(&["inbox"]);
    assert!(
        messages(&inbox)
            .iter()
            .any(|m| m["from"] == "FRA.technical"),
        "{inbox}"
    );
    laptop.send_text("FRA.technical", "Seen, blocking it").ok();
    let inbox = fra.json(&["inbox"]);
    let from_laptop = messages(&inbox)
        .into_iter()
        .find(|m| m["from"] == "MEX.technical")
        .unwrap_or_else(|| panic!("nothing from MEX.technical: {inbox}"));
    assert_eq!(from_laptop["from_member"], "on-call laptop 2", "{inbox}");

    // The same request again changes nothing.
    let again = show_request(&ui, &session, &cosigned);
    assert_eq!(again.status, 200, "{}", again.text());
    assert!(
        again
            .text()
            .contains(&escaped(MembersText::AlreadyAdded.text(lang))),
        "{}",
        again.text()
    );
}

#[test]
fn a_member_request_nobody_co_signed_is_added_only_with_the_fingerprint_confirmed() {
    let net = Network::setup(&["MEX.technical"]);
    let mex = net.poc("MEX.technical");
    net.add_member("MEX.technical", "laptop 2");
    let (laptop_3, request) = new_device(&net, "MEX.technical", "laptop 3", "laptop-3");
    let text = std::fs::read_to_string(&request).unwrap();
    let fingerprint = fingerprint_of(&text);
    let (ui, session) = custodian_ui(&net);
    let lang = page_lang(&ui.as_page(&session, "GET", "/custodian", &[], b"").text());

    // Shown with the fingerprint to confirm by phone, and the box to tick.
    let shown = show_request(&ui, &session, &text);
    assert_eq!(shown.status, 200, "{}", shown.text());
    let shown = shown.text();
    assert!(
        shown.contains(&format!("id=\"member-fingerprint\">{fingerprint}<")),
        "{shown}"
    );
    assert!(!shown.contains("member-cosigned-by"), "{shown}");
    assert!(
        shown.contains(&escaped(MembersText::NotCosignedHelp.text(lang))),
        "{shown}"
    );
    assert!(shown.contains("name=\"confirmed\""), "{shown}");
    assert!(
        shown.contains(&escaped(CustodianText::ConfirmFingerprint.text(lang))),
        "{shown}"
    );

    // Without the box ticked (absent or empty), nothing is added: the next publication
    // does not carry the member.
    for confirmed in [None, Some("")] {
        let refused = add_member(&ui, &session, &text, confirmed);
        assert_eq!(refused.status, 422, "{confirmed:?}: {}", refused.text());
        assert!(
            refused
                .text()
                .contains(&escaped(MembersText::NotConfirmed.text(lang))),
            "{}",
            refused.text()
        );
    }
    let published = ui.as_page(&session, "POST", "/custodian/publish", &[], b"");
    assert_eq!(published.status, 200, "{}", published.text());
    assert_eq!(
        team(mex),
        vec![
            pair("first member", None),
            pair("laptop 2", Some("first member"))
        ]
    );

    // Ticked: added, and published.
    let added = add_member(&ui, &session, &text, Some("yes"));
    assert_eq!(added.status, 200, "{}", added.text());
    assert!(added.text().contains(&fingerprint), "{}", added.text());
    let published = ui.as_page(&session, "POST", "/custodian/publish", &[], b"");
    assert_eq!(published.status, 200, "{}", published.text());
    assert_eq!(
        team(&laptop_3),
        vec![
            pair("first member", None),
            pair("laptop 2", Some("first member")),
            pair("laptop 3", None)
        ]
    );
}

#[test]
fn text_that_is_no_request_gets_one_sentence_saying_what_to_give() {
    let net = Network::setup(&[]);
    let (ui, session) = custodian_ui(&net);
    let lang = page_lang(&ui.as_page(&session, "GET", "/custodian", &[], b"").text());
    let sentence = escaped(MembersText::NotARequest.text(lang));
    for garbage in [
        "Bonjour, voici ma demande d'adhésion",
        "-----BEGIN PGP MESSAGE-----\nhQEMA\n-----END PGP MESSAGE-----",
    ] {
        let refused = show_request(&ui, &session, garbage);
        assert_eq!(refused.status, 422, "{}", refused.text());
        let html = refused.text();
        assert!(
            html.contains(&format!("<p class=\"result\">{sentence}</p>")),
            "{html}"
        );
        assert!(
            !html.contains("<dl"),
            "one sentence and nothing else: {html}"
        );
        assert!(!html.contains("hx-post"), "nothing to approve: {html}");
    }
}

#[test]
fn a_status_response_written_in_the_compose_form_reaches_the_recipient_as_one() {
    let net = Network::setup(&["FRA.technical", "MAR.technical"]);
    let fra = net.poc("FRA.technical");
    let mar = net.poc("MAR.technical");
    let ui = UiProcess::start(fra);
    let session = ui.admit();
    let unlocked = ui.unlock(&session, &fra.passphrase);
    assert!(unlocked.status < 400, "{}", unlocked.text());

    // The form offers the type `poc send --type response` writes, with what it is for, and
    // the statuses of the command line.
    let page = ui.as_page(&session, "GET", "/compose", &[], b"");
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    let lang = page_lang(&html);
    assert!(
        html.contains("id=\"kind-response\" name=\"kind\" value=\"response\""),
        "{html}"
    );
    let help = poc_client::ui::pages::compose_words::ComposeText::KindResponseHelp.text(lang);
    assert!(
        html.contains(&format!(
            "<small id=\"kind-response-help\">{}</small>",
            escaped(help)
        )),
        "{html}"
    );
    for status in poc_proto::ResponseStatus::ALL {
        assert!(
            html.contains(&format!("<option value=\"{}\">", status.key())),
            "{status:?}: {html}"
        );
    }

    let text = "Reçu ; l'équipe s'en occupe.\nPoint demain 09:00 UTC";
    let sent = post_multipart(
        &ui,
        &session,
        "/compose",
        &[
            ("kind", "response"),
            ("to", "MAR.technical"),
            ("priority", "medium"),
            ("tlp", "green"),
            ("response.status", "in-progress"),
            ("response.text", &text.replace('\n', "\r\n")),
            ("incident.summary", "a field of another message type"),
        ],
    );
    assert_eq!(sent.status, 200, "{}", sent.text());

    let inbox = mar.json(&["inbox"]);
    let response = messages(&inbox)
        .into_iter()
        .find(|m| m["from"] == "FRA.technical")
        .unwrap_or_else(|| panic!("nothing from FRA.technical: {inbox}"));
    assert_eq!(response["type"], "response", "{response}");
    assert_eq!(response["verified"], true, "{response}");
    let read = mar.json(&["read", response["id"].as_str().unwrap()]);
    assert_eq!(read["fields"]["status"], "in_progress", "{read}");
    assert_eq!(read["fields"]["text"], text, "{read}");
    assert_eq!(read["tlp"], "green", "{read}");
}
