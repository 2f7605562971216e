//! The walkthrough (custodian, relay, enrolment, directory, send, read, acknowledge) through
//! the real `poc` and `poc-relay` binaries on loopback.

use poc_tests::{email_of, messages, phone_of, Network};

const SUMMARY: &str = "Ransomware at the port authority";
const DESCRIPTION: &str =
    "File servers encrypted since 06:10 UTC; ransom note references a leak site";

#[test]
fn incident_notice_is_delivered_read_and_acknowledged_and_the_relay_sees_no_plaintext() {
    let net = Network::setup(&["FRA.technical", "FRA.diplomatic", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let mex = net.poc("MEX.technical");

    // Step 5: every PoC sees the verified directory.
    let list = mex.json(&["directory", "list"]);
    let ids: Vec<&str> = list["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec![
            "FRA.diplomatic",
            "FRA.technical",
            "MEX.technical",
            "UNODA.custodian"
        ]
    );
    let fra_entry = mex.json(&["directory", "show", "FRA.technical"]);
    assert_eq!(fra_entry["emails"][0], email_of("FRA.technical"));
    let filtered = mex.json(&["directory", "list", "--org", "FRA", "--role", "technical"]);
    assert_eq!(filtered["entries"].as_array().unwrap().len(), 1);

    // Step 6: send.
    let sent = fra.json(&[
        "send",
        "--to",
        "MEX.technical",
        "--type",
        "incident",
        "--priority",
        "high",
        "--field",
        &format!("summary={SUMMARY}"),
        "--field",
        &format!("description={DESCRIPTION}"),
        "--field",
        "indicators=198.51.100.7,bad.example",
    ]);
    let notice = sent["sent"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(sent["sent"][0]["to"], "MEX.technical");

    // Step 7: the recipient reads and verifies it.
    let inbox = mex.json(&["inbox"]);
    // The incident, plus the custodian's signed notice of the directory publication.
    assert_eq!(inbox["fetched"]["new"], 2);
    let notices: Vec<_> = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["type"] == "directory_notice")
        .collect();
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0]["from"], "UNODA.custodian");
    assert_eq!(notices[0]["verified"], true);
    let items = messages(&inbox);
    assert_eq!(items.len(), 1);
    let item = &items[0];
    assert_eq!(item["id"], notice.as_str());
    assert_eq!(item["from"], "FRA.technical");
    assert_eq!(item["priority"], "high");
    assert_eq!(item["verified"], true);
    let read = mex.json(&["read", &notice[..10]]);
    assert_eq!(read["from"], "FRA.technical");
    assert_eq!(read["tlp"], "amber");
    assert_eq!(read["fields"]["summary"], SUMMARY);
    assert_eq!(read["fields"]["description"], DESCRIPTION);
    // MEX.technical's first language is French: labels and fixed values are shown in French.
    let text = mex.poc(&["read", &notice]);
    text.ok();
    let high = poc_client::i18n::value("priority", "high", poc_client::i18n::Lang::Fr)
        .unwrap()
        .to_uppercase();
    let summary = poc_client::i18n::label("summary", poc_client::i18n::Lang::Fr).unwrap();
    assert!(
        text.stdout.contains(&high)
            && text.stdout.contains(summary)
            && text.stdout.contains(SUMMARY),
        "{}",
        text.stdout
    );

    // Acknowledge; the sender sees a verified receipt.
    let ack = mex.json(&["ack", &notice]);
    assert_eq!(ack["acknowledged"], notice.as_str());
    assert_eq!(ack["sent"][0]["to"], "FRA.technical");
    assert_eq!(ack["sent"][0]["priority"], "low");
    let fra_inbox = fra.json(&["inbox"]);
    let receipt = fra_inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["type"] == "receipt")
        .expect("a receipt in the sender's inbox");
    assert_eq!(receipt["verified"], true);
    assert_eq!(receipt["from"], "MEX.technical");
    assert_eq!(receipt["status"], "receipt_confirmed");
    assert_eq!(receipt["receipt_for"], notice.as_str());
    assert!(
        receipt["received_at"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z') && t.contains('T')),
        "{receipt}"
    );
    // The text inbox is in the reader's language: FRA.technical's entry lists French first.
    let human = fra.poc(&["inbox", "--offline"]);
    assert!(
        human
            .stdout
            .contains("accusé de réception vérifié : MEX.technical a reçu "),
        "{}",
        human.stdout
    );
    assert!(
        !human.stdout.contains("verified receipt"),
        "{}",
        human.stdout
    );

    // Nothing readable at the relay: scan every byte of every file in its data directory.
    let mut needles: Vec<String> = vec![SUMMARY.into(), DESCRIPTION.into(), "198.51.100.7".into()];
    for id in ["FRA.technical", "FRA.diplomatic", "MEX.technical"] {
        needles.push(email_of(id));
        needles.push(phone_of(id));
        needles.push(format!("Organisation of {id}"));
    }
    needles.push("pocs@unoda.example".into());
    let needle_bytes: Vec<&[u8]> = needles.iter().map(|n| n.as_bytes()).collect();
    let leaks = poc_demo::find_in_files(&net.relay.data_dir, &needle_bytes).unwrap();
    assert!(
        leaks.is_empty(),
        "plaintext in the relay's files: {leaks:?}"
    );
    // The scan itself works: the same needles are found in the PoCs' own homes.
    let own = poc_demo::find_in_files(&mex.dir, &[email_of("MEX.technical").as_bytes()]).unwrap();
    assert!(
        !own.is_empty(),
        "the scan should find the e-mail in the recipient's own directory copy"
    );
}
