//! The custodian's campaign report and proof bundle through the real binaries and a real
//! relay: `--custodian-key` takes the `custodian.pub` file (`poc ping verify` and
//! `poc-relay init` alike); a damaged bundle is explained in plain words; the HTML report is
//! titled with the campaign note, reads on a phone, lists the PoCs to follow up first with
//! their contacts, names the bundle and its SHA-256, and is in the custodian's language; an
//! acknowledgement whose signature fails is INVALID in every format.

// Helpers here are test code too: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use poc_keys::RoutingHeader;
use poc_proto::{
    Envelope, EnvelopeId, Message, MessageKind, PingAck, Priority, PublicKeyBytes, Sealed,
    SignatureBytes, Tlp, ENVELOPE_VERSION,
};
use poc_tests::{email_of, phone_of, Network, PocHome, RelayProcess};
use sha2::Digest;

fn hex16(text: &str) -> [u8; 16] {
    data_encoding::HEXLOWER
        .decode(text.as_bytes())
        .unwrap()
        .try_into()
        .unwrap()
}

/// Submits, through `courier`'s relay session, an acknowledgement of `campaign` that claims
/// to come from `victim` and carries `victim`'s real key, but whose signature is not one:
/// what a forger who cannot sign as `victim` can produce.
async fn submit_forged_ack(courier: &PocHome, victim: &str, campaign: &str) {
    let custodian = courier.json(&["directory", "show", "UNODA.custodian"]);
    let victim_key: PublicKeyBytes = courier.json(&["directory", "show", victim])["signing_key"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let custodian_key: PublicKeyBytes = custodian["signing_key"].as_str().unwrap().parse().unwrap();
    let recipient =
        poc_keys::PocPublic::parse_encryption_key(custodian["encryption_key"].as_str().unwrap())
            .unwrap();
    let now = poc_client::clock::Clock::system().now();
    let message = Message {
        from: victim.parse().unwrap(),
        to: "UNODA.custodian".parse().unwrap(),
        sent_at: now,
        thread: None,
        language: "en".into(),
        tlp: Tlp::Green,
        exercise: false,
        kind: MessageKind::PingAck(PingAck {
            campaign: hex16(campaign),
            nonce: [7; 32],
            ping_envelope: EnvelopeId([1; 16]),
            received_at: now,
            automatic: false,
        }),
        attachments: vec![],
    };
    let header = RoutingHeader {
        id: EnvelopeId(poc_keys::random_bytes::<16>()),
        to: poc_keys::mailbox_id(&custodian_key),
        priority: Priority::Low,
        expires_at: now + 3600,
    };
    let sealed = Sealed {
        sender: victim_key,
        signature: SignatureBytes([0x5a; 64]),
        body: poc_proto::encode(&message).unwrap(),
        padding: vec![],
    };
    let envelope = Envelope {
        version: ENVELOPE_VERSION,
        id: header.id,
        to: header.to,
        priority: header.priority,
        expires_at: header.expires_at,
        payload: poc_keys::seal::encrypt_to(&recipient, &poc_proto::encode(&sealed).unwrap())
            .unwrap(),
    };
    let identity = courier.unlock().unwrap();
    let relay = identity.config.relay.clone().unwrap();
    let client = poc_client::transport::RelayClient::connect(&relay, &identity.key)
        .await
        .unwrap();
    client.submit(vec![envelope]).await.unwrap();
    client.close().await;
}

/// The line of `text` that mentions `id`.
fn line_of<'a>(text: &'a str, id: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(id))
        .unwrap_or_else(|| panic!("no line with {id} in:\n{text}"))
}

/// The `<tr>` of the HTML `page` that mentions `id` in the table starting at `from`.
fn row_of<'a>(page: &'a str, from: usize, id: &str) -> &'a str {
    let start = from + page[from..].find(&format!("<td>{id}</td>")).unwrap();
    let start = page[..start].rfind("<tr").unwrap();
    let end = start + page[start..].find("</tr>").unwrap();
    &page[start..end]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_acknowledgement_is_invalid_in_every_format() {
    let net = tokio::task::spawn_blocking(|| Network::setup(&["FRA.technical", "BRA.technical"]))
        .await
        .unwrap();
    let campaign = net
        .custodian
        .json(&["ping", "start", "--all", "--deadline", "1h"]);
    let cid = campaign["campaign"].as_str().unwrap().to_owned();
    let fra = net.poc("FRA.technical");
    fra.json(&["ack", &fra.ping_of(&cid)]);
    // FRA.technical, a member, submits an acknowledgement in the name of BRA.technical.
    submit_forged_ack(fra, "BRA.technical", &cid).await;

    let report = |format: &str| {
        net.custodian
            .poc(&["ping", "report", &cid, "--format", format])
    };
    let table = report("table");
    table.ok();
    let bra = line_of(&table.stdout, "BRA.technical");
    assert!(bra.contains("INVALID"), "{}", table.stdout);
    assert!(bra.contains("signature does not verify"), "{bra}");
    assert!(
        line_of(&table.stdout, "FRA.technical").contains("on time"),
        "{}",
        table.stdout
    );

    let csv = report("csv");
    csv.ok();
    assert!(
        line_of(&csv.stdout, "BRA.technical").starts_with("BRA.technical,BRA,technical,INVALID,"),
        "{}",
        csv.stdout
    );

    let json = net
        .custodian
        .json(&["ping", "report", &cid, "--format", "json"]);
    let results = json["results"].as_array().unwrap();
    let bra = results.iter().find(|r| r["id"] == "BRA.technical").unwrap();
    assert_eq!(bra["outcome"], "invalid", "{json}");
    assert_eq!(json["summary"]["invalid"], 1, "{json}");

    let html = report("html");
    html.ok();
    let by_poc = html.stdout.rfind("<table>").unwrap();
    let row = row_of(&html.stdout, by_poc, "BRA.technical");
    assert!(
        row.contains("INVALID") && row.contains("class=\"invalid\""),
        "{row}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ping_verify_takes_custodian_pub_and_explains_a_damaged_bundle() {
    let net = tokio::task::spawn_blocking(|| Network::setup(&["FRA.technical"]))
        .await
        .unwrap();
    let campaign = net
        .custodian
        .json(&["ping", "start", "--all", "--deadline", "1h"]);
    let cid = campaign["campaign"].as_str().unwrap().to_owned();
    let fra = net.poc("FRA.technical");
    fra.json(&["ack", &fra.ping_of(&cid)]);
    let bundle = net.root.path().join("campaign.bundle");
    net.custodian
        .poc(&["ping", "report", &cid, "--bundle", bundle.to_str().unwrap()])
        .ok();

    // Someone without a PoC home, holding only the file the custodian gave.
    let outsider = PocHome::new(net.root.path().join("outsider"), "unused");
    let custodian_pub = net.custodian.dir.join("custodian.pub");
    let verify = |bundle: &Path, key: &str| {
        outsider.poc(&[
            "ping",
            "verify",
            bundle.to_str().unwrap(),
            "--custodian-key",
            key,
        ])
    };
    let verified = verify(&bundle, custodian_pub.to_str().unwrap());
    verified.ok();
    assert!(
        line_of(&verified.stdout, "FRA.technical").contains("on time"),
        "{}",
        verified.stdout
    );
    // The same key as 64 hex characters still works.
    let hex = std::fs::read_to_string(&custodian_pub).unwrap();
    verify(&bundle, hex.trim()).ok();

    // Anything else gets one sentence naming custodian.pub.
    let refused = verify(&bundle, "not-a-key");
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("custodian.pub") && refused.stderr.contains("64 hex characters"),
        "{}",
        refused.stderr
    );

    // A bundle cut short in transfer, and one garbled, get the same plain sentence.
    let bytes = std::fs::read(&bundle).unwrap();
    let truncated = net.root.path().join("truncated.bundle");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let garbled = net.root.path().join("garbled.bundle");
    std::fs::write(&garbled, b"PK\x03\x04 this is a zip, not a bundle").unwrap();
    for damaged in [&truncated, &garbled] {
        let run = verify(damaged, custodian_pub.to_str().unwrap());
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains("cut short or damaged")
                && run.stderr.contains("ask the custodian to send it again")
                && run.stderr.contains(damaged.to_str().unwrap()),
            "{}",
            run.stderr
        );
        for debug in ["{", "}", "Error(", "UnexpectedEnd", "additional:"] {
            assert!(!run.stderr.contains(debug), "Debug text: {}", run.stderr);
        }
    }

    // A bundle checked against another custodian's key says which key to give.
    let other = net.root.path().join("other.pub");
    std::fs::write(&other, format!("{}\n", "ab".repeat(32))).unwrap();
    let run = verify(&bundle, other.to_str().unwrap());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("not signed by this custodian key")
            && run.stderr.contains("--custodian-key"),
        "{}",
        run.stderr
    );
}

/// A network whose custodian works in French, its relay set up from `custodian.pub`, and
/// PoCs enrolled with the given organisation names.
fn french_network(pocs: &[(&str, &str)]) -> Network {
    let root = tempfile::tempdir().unwrap();
    let custodian = PocHome::new(root.path().join("custodian"), "custodian passphrase");
    custodian
        .poc_writing_keystore(&[
            "custodian",
            "init",
            "--org-name",
            "UNODA",
            "--email",
            "pocs@unoda.example",
            "--lang",
            "fr",
        ])
        .ok();
    let custodian_pub = custodian.dir.join("custodian.pub");
    let relay =
        RelayProcess::init_and_start(&root.path().join("relay"), custodian_pub.to_str().unwrap());
    custodian
        .poc(&["custodian", "relay", &relay.address, "--pin", &relay.pin])
        .ok();
    let mut net = Network {
        root,
        custodian,
        relay,
        pocs: Vec::new(),
    };
    for (id, org_name) in pocs {
        let invite = net.root.path().join(format!("invite-{id}.toml"));
        net.custodian
            .poc(&["custodian", "invite", id, "--out", invite.to_str().unwrap()])
            .ok();
        let home = PocHome::new(net.root.path().join(id), &format!("passphrase of {id}"));
        home.poc_writing_keystore(&[
            "init",
            "--yes",
            "--invite",
            invite.to_str().unwrap(),
            "--org-name",
            org_name,
            "--email",
            &email_of(id),
            "--phone",
            &phone_of(id),
        ])
        .ok();
        let request = home.dir.join("enrolment-request.txt");
        net.custodian
            .poc(&["custodian", "add", request.to_str().unwrap(), "--yes"])
            .ok();
        net.pocs.push((id.to_string(), home));
    }
    net.custodian.poc(&["custodian", "publish"]).ok();
    for (_, home) in &net.pocs {
        home.poc(&["directory", "sync"]).ok();
    }
    net
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_html_report_is_for_the_custodian_following_up() {
    let hostile = "<script>alert(1)</script> Secretaría";
    let net = tokio::task::spawn_blocking(move || {
        french_network(&[("FRA.technical", "ANSSI"), ("MEX.diplomatic", hostile)])
    })
    .await
    .unwrap();
    let note = "Vérification annuelle <b>2026</b>";
    let campaign =
        net.custodian
            .json(&["ping", "start", "--all", "--deadline", "1h", "--note", note]);
    let cid = campaign["campaign"].as_str().unwrap().to_owned();
    let fra = net.poc("FRA.technical");
    fra.json(&["ack", &fra.ping_of(&cid)]);

    let bundle = net.root.path().join("campagne.bundle");
    let page = net.root.path().join("rapport.html");
    net.custodian
        .poc(&[
            "ping",
            "report",
            &cid,
            "--format",
            "html",
            "--out",
            page.to_str().unwrap(),
            "--bundle",
            bundle.to_str().unwrap(),
        ])
        .ok();
    let html = std::fs::read_to_string(&page).unwrap();

    // Titled with the note (escaped), not the id; French; readable on a phone.
    assert!(
        html.contains("<title>Vérification annuelle &lt;b&gt;2026&lt;/b&gt;</title>"),
        "{html}"
    );
    assert!(!html.split("</title>").next().unwrap().contains(&cid));
    assert!(html.contains("<html lang=\"fr\" dir=\"ltr\">"), "{html}");
    assert!(
        html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"),
        "{html}"
    );
    assert!(html.contains("Toutes les heures sont en UTC."), "{html}");
    assert!(html.contains("À relancer"), "{html}");
    assert!(
        !html.contains("To follow up") && !html.contains("By PoC"),
        "{html}"
    );
    // Times people read: `YYYY-MM-DD HH:MM UTC`, not RFC 3339.
    let started = poc_tests::unix_seconds(&campaign["deadline"]) - 3600;
    let rfc3339 = humantime::format_rfc3339_seconds(
        std::time::UNIX_EPOCH + std::time::Duration::from_secs(started),
    )
    .to_string();
    let readable = format!("{} {} UTC", &rfc3339[..10], &rfc3339[11..16]);
    assert!(html.contains(&readable), "{readable} in {html}");
    assert!(!html.contains(&rfc3339), "{html}");

    // The PoC that did not answer comes first, with how to reach it; its text is escaped.
    assert!(!html.contains("<script>"), "{html}");
    let follow_up = html.find("id=\"follow-up\"").unwrap();
    assert!(follow_up < html.find("<svg").unwrap(), "{html}");
    let mex = row_of(&html, follow_up, "MEX.diplomatic");
    assert!(
        mex.contains("&lt;script&gt;alert(1)&lt;/script&gt; Secretaría"),
        "{mex}"
    );
    assert!(mex.contains(&email_of("MEX.diplomatic")), "{mex}");
    assert!(mex.contains(&phone_of("MEX.diplomatic")), "{mex}");
    let follow_up_table = &html[follow_up..follow_up + html[follow_up..].find("</table>").unwrap()];
    assert!(
        !follow_up_table.contains("FRA.technical"),
        "{follow_up_table}"
    );
    let by_poc = html.rfind("<table>").unwrap();
    assert!(
        html[by_poc..].find("MEX.diplomatic").unwrap()
            < html[by_poc..].find("FRA.technical").unwrap()
    );

    // The bundle by name and SHA-256, and the custodian key's fingerprint.
    let sha256 =
        data_encoding::HEXLOWER.encode(&sha2::Sha256::digest(std::fs::read(&bundle).unwrap()));
    assert!(
        html.contains(&format!(
            "Dossier de preuve : {} (SHA-256 {sha256})",
            bundle.display()
        )),
        "{html}"
    );
    let fingerprint = net.custodian.json(&["custodian", "show"])["fingerprint"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        html.contains(&format!(
            "Empreinte de la clé du dépositaire : {fingerprint}"
        )),
        "{html}"
    );

    // Each chart says in words what it draws.
    for svg in html.split("<svg").skip(1) {
        let label = svg.split("aria-label=\"").nth(1).unwrap();
        assert!(label.contains(" : "), "{svg}");
        assert!(svg.contains("<title>"), "{svg}");
    }
}
