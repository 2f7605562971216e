//! Writing from `poc ui`: a message composed in the browser's form reaches the recipient's
//! command line verified and byte for byte as typed; the confirmations of the command line
//! hold (nothing leaves before them); an unknown recipient stops the send; a status reply
//! from the browser reaches the original sender.

use poc_tests::ui::{form_encode, HttpResponse, Session, UiProcess};
use poc_tests::{Network, PocHome};
use serde_json::Value;

const DETAILS: &str = "Ministère de l'Europe\nl'AS64500";
const BOUNDARY: &str = "----poc-ui-compose-test";

/// A `multipart/form-data` body of `fields` and `files` (name, file name, content), as a
/// browser sends the compose form.
fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (name, file, data) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

fn compose(
    ui: &UiProcess,
    session: &Session,
    fields: &[(&str, &str)],
    files: &[(&str, &str, &[u8])],
) -> HttpResponse {
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    ui.as_page(
        session,
        "POST",
        "/compose",
        &[("Content-Type", &content_type)],
        &multipart(fields, files),
    )
}

/// The envelope ids a page shows (`class="id" dir="ltr">ID<`).
fn shown_ids(html: &str) -> Vec<String> {
    html.split("class=\"id\" dir=\"ltr\">")
        .skip(1)
        .filter_map(|rest| rest.split('<').next())
        .map(str::to_owned)
        .collect()
}

/// The value of the hidden input `name` in `html`.
fn hidden(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let rest = html.split(&marker).nth(1)?;
    rest.split('"').next().map(str::to_owned)
}

/// The messages from `from` in `home`'s inbox (fetching first).
fn messages_from(home: &PocHome, from: &str) -> Vec<Value> {
    let inbox = home.json(&["inbox"]);
    inbox["items"]
        .as_array()
        .expect("the inbox lists its items")
        .iter()
        .filter(|i| i["from"] == from)
        .cloned()
        .collect()
}

#[test]
fn a_message_written_in_the_browser_reaches_the_recipient_as_typed_and_confirmations_hold() {
    let net = Network::setup(&["FRA.technical", "MAR.technical"]);
    let fra = net.poc("FRA.technical");
    let mar = net.poc("MAR.technical");
    let ui = UiProcess::start(fra);
    let session = ui.admit();
    let unlocked = ui.unlock(&session, &fra.passphrase);
    assert!(unlocked.status < 400, "{}", unlocked.text());

    // The form: the recipient by country name and role, in the page's language.
    let page = ui.as_page(&session, "GET", "/compose", &[], b"");
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    let code = html
        .split("<html lang=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_owned();
    let lang = poc_client::i18n::Lang::from_tag(&code).unwrap();
    let morocco = poc_client::states::name("MAR", lang).unwrap();
    let role = poc_client::i18n::Translated::text(poc_proto::Role::Technical, lang);
    assert!(
        html.contains(&format!("{morocco} — {role} (MAR.technical)")),
        "{html}"
    );
    let details_label = poc_client::i18n::label("details", lang).unwrap();
    assert!(html.contains(&format!(
        "<label for=\"f-assistance-details\">{details_label}</label>"
    )));
    assert!(html.contains("hx-encoding=\"multipart/form-data\""));
    assert!(
        !html.contains("(FRA.technical)"),
        "one does not write to oneself"
    );

    // An assistance request in French, with an apostrophe and a line break, and a file.
    let before = messages_from(mar, "FRA.technical").len();
    let sent = compose(
        &ui,
        &session,
        &[
            ("kind", "assistance"),
            ("to", "MAR.technical"),
            ("priority", "high"),
            ("tlp", "amber"),
            ("language", "fr"),
            ("assistance.nature", "coordination"),
            ("assistance.reference", ""),
            ("assistance.details", DETAILS),
            ("text.text", "a field of another message type"),
        ],
        &[("attachment", "liste.txt", b"AS64500\n")],
    );
    assert_eq!(sent.status, 200, "{}", sent.text());
    assert_eq!(sent.header("hx-retarget"), Some("#compose-form"));
    let ids = shown_ids(&sent.text());
    assert_eq!(ids.len(), 1, "{}", sent.text());
    assert!(sent.text().contains("MAR.technical"));
    let from_fra = messages_from(mar, "FRA.technical");
    assert_eq!(from_fra.len(), before + 1, "{from_fra:#?}");
    let item = from_fra
        .iter()
        .find(|i| i["id"] == ids[0].as_str())
        .unwrap();
    assert_eq!(item["verified"], true, "{item}");
    assert_eq!(item["priority"], "high");
    let read = mar.json(&["read", &ids[0]]);
    assert_eq!(read["type"], "assistance", "{read:#}");
    assert_eq!(read["language"], "fr", "{read:#}");
    assert_eq!(read["tlp"], "amber");
    assert_eq!(
        read["fields"]["details"].as_str(),
        Some(DETAILS),
        "{read:#}"
    );
    assert_eq!(read["fields"]["nature"], "coordination");
    assert!(read["fields"].get("reference").is_none(), "{read:#}");
    assert!(read["fields"].get("text").is_none(), "{read:#}");
    assert!(read.to_string().contains("liste.txt"), "{read:#}");

    // TLP:RED to every PoC of Morocco: asked first, and nothing leaves before the answer.
    let red = [
        ("kind", "text"),
        ("to", "MAR"),
        ("priority", "medium"),
        ("tlp", "red"),
        ("text.text", "rouge"),
    ];
    let asked = compose(&ui, &session, &red, &[]);
    assert_eq!(asked.status, 200, "{}", asked.text());
    let question = asked.text();
    assert!(question.contains("name=\"confirm\""), "{question}");
    assert!(question.contains("MAR.technical"), "{question}");
    let confirmed_to = hidden(&question, "confirmed_to").unwrap();
    assert_eq!(confirmed_to, "TLP:RED|MAR.technical");
    assert_eq!(
        messages_from(mar, "FRA.technical").len(),
        before + 1,
        "a send awaiting its confirmation reached the recipient"
    );
    // A confirmation of other recipients than those asked about is asked again.
    let mut wrong = red.to_vec();
    wrong.extend([("confirm", "yes"), ("confirmed_to", "MAR.diplomatic")]);
    let again = compose(&ui, &session, &wrong, &[]);
    assert!(
        again.text().contains("name=\"confirm\""),
        "{}",
        again.text()
    );
    assert_eq!(messages_from(mar, "FRA.technical").len(), before + 1);
    // A confirmation given for another TLP does not hold for this one.
    let mut other_tlp = red.to_vec();
    other_tlp.extend([
        ("confirm", "yes"),
        ("confirmed_to", "TLP:AMBER|MAR.technical"),
    ]);
    let again = compose(&ui, &session, &other_tlp, &[]);
    assert!(
        again.text().contains("name=\"confirm\""),
        "{}",
        again.text()
    );
    assert_eq!(messages_from(mar, "FRA.technical").len(), before + 1);
    // Confirmed: sent.
    let mut confirmed = red.to_vec();
    confirmed.extend([("confirm", "yes"), ("confirmed_to", confirmed_to.as_str())]);
    let done = compose(&ui, &session, &confirmed, &[]);
    assert_eq!(done.status, 200, "{}", done.text());
    let red_ids = shown_ids(&done.text());
    assert_eq!(red_ids.len(), 1, "{}", done.text());
    assert_eq!(messages_from(mar, "FRA.technical").len(), before + 2);
    let read = mar.json(&["read", &red_ids[0]]);
    assert_eq!(read["tlp"], "red");
    assert_eq!(read["fields"]["text"], "rouge");

    // An unknown recipient: a clear error, nothing sent.
    let unknown = compose(
        &ui,
        &session,
        &[
            ("kind", "text"),
            ("to", "MAR.technical"),
            ("to", "DEU.technical"),
            ("priority", "low"),
            ("text.text", "x"),
        ],
        &[],
    );
    assert_eq!(unknown.status, 422, "{}", unknown.text());
    let error = unknown.text();
    assert!(
        error.contains("unknown recipient DEU.technical") && error.contains("nothing was sent"),
        "{error}"
    );
    assert_eq!(messages_from(mar, "FRA.technical").len(), before + 2);

    // A status reply from the browser reaches the original sender's command line.
    let request = mar.json(&[
        "send",
        "--to",
        "FRA.technical",
        "--type",
        "assistance",
        "--priority",
        "medium",
        "--field",
        "details=Pouvez-vous aider ?",
    ]);
    let original = request["sent"][0]["id"].as_str().unwrap().to_owned();
    let listing = ui.as_page(&session, "GET", "/inbox/list", &[], b"");
    assert!(listing.text().contains(&original), "{}", listing.text());
    let form = ui.as_page(
        &session,
        "GET",
        &format!("/message/{original}/reply"),
        &[],
        b"",
    );
    assert_eq!(form.status, 200, "{}", form.text());
    assert!(form
        .text()
        .contains("name=\"status\" value=\"in_progress\""));
    let text = "C'est en cours.\r\nوزارة";
    let body = format!(
        "status=in_progress&text={}&priority=medium&tlp=",
        form_encode(text)
    );
    let replied = ui.as_page(
        &session,
        "POST",
        &format!("/message/{original}/reply"),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        body.as_bytes(),
    );
    assert_eq!(replied.status, 200, "{}", replied.text());
    let reply_ids = shown_ids(&replied.text());
    assert_eq!(reply_ids.len(), 1, "{}", replied.text());
    let answers = messages_from(mar, "FRA.technical");
    let answer = answers
        .iter()
        .find(|i| i["id"] == reply_ids[0].as_str())
        .unwrap_or_else(|| panic!("{answers:#?}"));
    assert_eq!(answer["verified"], true);
    let read = mar.json(&["read", &reply_ids[0]]);
    assert_eq!(read["type"], "response", "{read:#}");
    assert_eq!(read["fields"]["status"], "in_progress", "{read:#}");
    assert_eq!(read["fields"]["text"], "C'est en cours.\nوزارة", "{read:#}");
    assert_eq!(read["thread"], original.as_str(), "{read:#}");
}
