//! What another party writes cannot act on the reader's terminal, pings count only from the
//! custodian, and an envelope that does not verify loses the priority it claims. Each
//! hostile envelope is made the way an attacker would: with the client library (any field
//! text, any message type) or sealed by hand with a key the directory does not hold.

// Test helpers: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::process::Child;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use poc_client::i18n::phrases::Text;
use poc_client::i18n::{Lang, Translated};
use poc_client::ops::{self, send::Outgoing};
use poc_keys::{PocKey, RoutingHeader};
use poc_proto::{
    Attachment, EnvelopeId, IncidentNotification, Message, MessageKind, Ping, Priority, Tlp,
};
use poc_tests::{PocHome, Run};

/// Screen clear, colour, an OSC 8 link, an OSC 52 clipboard write, bells, a right-to-left
/// override, a left-to-right isolate, the C1 CSI and a carriage return rewriting the line.
const HOSTILE: &str = "\u{1b}[2J\u{1b}[1;32mVERIFIED by the custodian\u{1b}[0m \
     \u{1b}]8;;https://evil.example/\u{1b}\\open me\u{1b}]8;;\u{1b}\\ \
     \u{1b}]52;c;ZXZpbA==\u{7}\u{7} invoice\u{202E}fdp.exe \u{2066}isolated \
     \u{9b}2J\rFAKE LINE";

/// Characters that must never reach a terminal from another party's text.
fn acts_on_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
        )
}

/// Asserts that neither stdout nor stderr of `run` carries a character that acts on a
/// terminal.
fn assert_safe(what: &str, run: &Run) {
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        if let Some(c) = text.chars().find(|c| acts_on_terminal(*c)) {
            panic!("`poc {what}` printed {c:?} raw on {stream}:\n{text:?}");
        }
    }
}

/// Asserts that the escaped forms of the hostile text are visible on stdout.
fn assert_shown_escaped(what: &str, run: &Run) {
    for shown in ["\\x1b[2J", "\\x07", "<U+202E>", "<U+2066>", "\\x9b"] {
        assert!(
            run.stdout.contains(shown),
            "`poc {what}` does not show {shown}:\n{}",
            run.stdout
        );
    }
}

/// Sends `kind` (with `attachments`) from `from` to `to` through the client library, as
/// `poc send` would but with any text and any message type.
async fn send_with_library(
    from: &PocHome,
    to: &str,
    priority: Priority,
    kind: MessageKind,
    attachments: Vec<Attachment>,
) -> EnvelopeId {
    let identity = from.unlock().unwrap();
    let directory = ops::require_directory(&identity).unwrap();
    let outgoing = Outgoing {
        to: vec![to.parse().unwrap()],
        priority,
        tlp: Tlp::Amber,
        language: Some("en".into()),
        exercise: false,
        thread: None,
        ttl_secs: poc_proto::limits::DEFAULT_TTL_SECS,
        kind,
        attachments,
    };
    let sent = ops::online(&identity, async |client| {
        ops::send::send(&identity, client, &directory, &outgoing).await
    })
    .await
    .unwrap();
    sent[0].id
}

/// The lines a spawned `poc` prints on stdout, as they come.
fn lines_of(child: &mut Child) -> mpsc::Receiver<String> {
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Waits (at most 60 s) for a line containing `needle`; returns every line read so far.
fn wait_for_line(lines: &mpsc::Receiver<String>, needle: &str, seen: &mut Vec<String>) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !seen.iter().any(|l| l.contains(needle)) {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) => seen.push(line),
            Err(_) => panic!("no line with {needle} within 60 s; got {seen:?}"),
        }
    }
}

fn stop(mut child: Child) -> Run {
    let _ = child.kill();
    Run::of(child.wait_with_output().unwrap())
}

/// Enrols `id` with `org_name` and republishes the directory.
fn enrol_with_org_name(net: &poc_tests::Network, id: &str, org_name: &str) -> PocHome {
    let invite = net.root.path().join(format!("invite-{id}.toml"));
    net.custodian
        .poc(&["custodian", "invite", id, "--out", invite.to_str().unwrap()])
        .ok();
    let home = PocHome::new(net.root.path().join(id), "hostile passphrase");
    home.poc_writing_keystore(&[
        "init",
        "--yes",
        "--invite",
        invite.to_str().unwrap(),
        "--org-name",
        org_name,
        "--email",
        &poc_tests::email_of(id),
        "--phone",
        &poc_tests::phone_of(id),
        "--lang",
        "en",
    ])
    .ok();
    let request = home.dir.join("enrolment-request.txt");
    net.custodian
        .poc(&["custodian", "add", request.to_str().unwrap(), "--yes"])
        .ok();
    net.custodian.poc(&["custodian", "publish"]).ok();
    home.poc(&["directory", "sync"]).ok();
    home
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_text_reaches_the_terminal_escaped_and_json_keeps_it_as_written() {
    let net = tokio::task::spawn_blocking(|| {
        poc_tests::Network::setup(&["FRA.technical", "MEX.technical"])
    })
    .await
    .unwrap();
    // Organisation names refuse control characters, not bidirectional ones.
    let hostile_org = "CERT \u{202E}RF-TREC\u{2066} (official)";
    enrol_with_org_name(&net, "GBR.technical", hostile_org);
    let fra = net.poc("FRA.technical");
    let mex = net.poc("MEX.technical");
    mex.poc(&["directory", "sync"]).ok();

    // MEX watches; FRA sends an incident notification full of terminal sequences.
    let mut watch = mex.spawn(&["inbox", "--watch"]);
    let lines = lines_of(&mut watch);
    let mut watched = Vec::new();
    // Whether the watch is connected yet or not, it reports the arrival: the envelope waits
    // at the relay until the watch fetches.
    let notification = IncidentNotification {
        summary: Some(HOSTILE.into()),
        description: Some(format!("first line\n{HOSTILE}\nlast line")),
        ..IncidentNotification::default()
    };
    let id = send_with_library(
        fra,
        "MEX.technical",
        Priority::High,
        MessageKind::IncidentNotification(Box::new(notification)),
        vec![Attachment {
            name: format!("{HOSTILE}.pdf"),
            media_type: "application/pdf".into(),
            data: b"%PDF-1.7".to_vec(),
        }],
    )
    .await;
    let short = &id.to_string()[..12];
    wait_for_line(&lines, short, &mut watched);
    let mut streamed = stop(watch);
    // The reader ends at the end of the killed watch's output.
    watched.extend(lines.iter());
    streamed.stdout = watched.join("\n");
    assert_safe("inbox --watch", &streamed);
    assert!(streamed.stdout.contains("<U+202E>"), "{}", streamed.stdout);

    let inbox = mex.poc(&["inbox"]).checked();
    assert_safe("inbox", &inbox);
    assert_shown_escaped("inbox", &inbox);
    // One row per envelope: the hostile summary stays in its cell.
    let row = inbox.stdout.lines().find(|l| l.contains(short)).unwrap();
    assert!(row.contains("FAKE LINE"), "{row}");

    let read = mex.poc(&["read", short]).checked();
    assert_safe("read", &read);
    assert_shown_escaped("read", &read);
    // Multi-line fields keep their lines.
    assert!(
        read.stdout.lines().any(|l| l.trim() == "last line"),
        "{}",
        read.stdout
    );

    let thread = mex.poc(&["thread", short]).checked();
    assert_safe("thread", &thread);
    assert!(thread.stdout.contains("<U+202E>"), "{}", thread.stdout);

    let export = mex.poc(&["export", short]).checked();
    assert_safe("export", &export);
    // The evidence is JSON and keeps the text exactly as signed, escaped the JSON way.
    assert!(export.stdout.contains("\\u202e"), "{}", export.stdout);
    let evidence: serde_json::Value = serde_json::from_str(&export.stdout).unwrap();
    assert!(evidence.to_string().contains('\u{202E}'));

    let list = mex.poc(&["directory", "list"]).checked();
    assert_safe("directory list", &list);
    assert!(list.stdout.contains("RF-TREC<U+2066>"), "{}", list.stdout);
    let show = mex.poc(&["directory", "show", "GBR.technical"]).checked();
    assert_safe("directory show", &show);
    assert!(show.stdout.contains("<U+202E>"), "{}", show.stdout);

    // --json keeps every value as written; only the encoding of the characters differs.
    let json = mex.poc(&["--json", "inbox", "--offline"]).checked();
    assert_safe("--json inbox", &json);
    let document = json.document();
    let item = document["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id.to_string())
        .unwrap();
    assert_eq!(item["summary"], HOSTILE);
    let entry = mex.json(&["directory", "show", "GBR.technical"]);
    assert_eq!(entry["org_name"], hostile_org, "{entry}");

    // The custodian's campaign report, as a table and as a page.
    let campaign =
        net.custodian
            .json(&["ping", "start", "--to", "GBR.technical", "--deadline", "1h"]);
    let cid = campaign["campaign"].as_str().unwrap();
    for format in ["table", "html"] {
        let report = net
            .custodian
            .poc(&["ping", "report", cid, "--format", format])
            .checked();
        assert_safe("ping report", &report);
    }
}

/// A run that must have succeeded.
trait Checked {
    fn checked(self) -> Run;
}

impl Checked for Run {
    fn checked(self) -> Run {
        self.ok();
        self
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ping_from_a_member_is_marked_and_never_answered_automatically() {
    let net = tokio::task::spawn_blocking(|| {
        poc_tests::Network::setup(&["FRA.technical", "MEX.technical"])
    })
    .await
    .unwrap();
    let fra = net.poc("FRA.technical");
    let mex = net.poc("MEX.technical");

    // A member cannot run a campaign.
    let refused = fra.poc(&["ping", "start", "--all"]);
    assert_eq!(refused.code, 2, "{refused:?}");
    assert!(
        refused
            .stderr
            .contains("only the custodian runs ping campaigns"),
        "{}",
        refused.stderr
    );
    assert_eq!(refused.stderr.lines().count(), 1, "{}", refused.stderr);

    // MEX answers pings automatically. FRA crafts one with the library, then the custodian
    // sends a real one.
    let mut watch = mex.spawn(&["inbox", "--watch", "--auto-ack-pings"]);
    let lines = lines_of(&mut watch);
    let mut watched = Vec::new();
    let forged = send_with_library(
        fra,
        "MEX.technical",
        Priority::Medium,
        MessageKind::Ping(Ping {
            campaign: poc_keys::random_bytes::<16>(),
            nonce: poc_keys::random_bytes::<32>(),
            deadline: poc_client::clock::Clock::system().now() + 3600,
            note: Some("communication check, answer now".into()),
        }),
        Vec::new(),
    )
    .await;
    wait_for_line(&lines, &forged.to_string()[..12], &mut watched);
    let campaign =
        net.custodian
            .json(&["ping", "start", "--to", "MEX.technical", "--deadline", "1h"]);
    let cid = campaign["campaign"].as_str().unwrap().to_owned();
    // The genuine ping is answered automatically (the watch handles arrivals in order, so
    // the forged one was handled before).
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let status = net.custodian.json(&["ping", "status", &cid]);
        if status["results"][0]["outcome"] == "on_time" {
            break;
        }
        assert!(Instant::now() < deadline, "no automatic answer: {status}");
        std::thread::sleep(Duration::from_millis(200));
    }
    stop(watch);

    // FRA received no acknowledgement of its forged ping.
    let fra_inbox = fra.json(&["inbox"]);
    let acks: Vec<&serde_json::Value> = fra_inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["type"] == "ping_ack" || i["type"] == "receipt")
        .collect();
    assert!(acks.is_empty(), "FRA got an answer: {fra_inbox}");

    // MEX sees it marked, in JSON and in text.
    let inbox = mex.json(&["inbox", "--offline"]);
    let item = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == forged.to_string())
        .unwrap();
    assert_eq!(item["status"], "ping_not_from_custodian", "{item}");
    assert!(item["acked_at"].is_null(), "{item}");
    let text = mex.poc(&["inbox", "--offline"]);
    let row = text
        .stdout
        .lines()
        .find(|l| l.contains(&forged.to_string()[..12]))
        .unwrap();
    // MEX reads French (its first language).
    let mark = Text::InboxPingNotFromCustodian.text(Lang::Fr);
    assert!(row.contains(mark), "forged ping not marked: {row}");
    let read = mex.poc(&["read", &forged.to_string()]).checked();
    assert!(
        read.stdout.starts_with(mark),
        "forged ping not marked: {}",
        read.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_envelope_that_does_not_verify_loses_its_claimed_priority() {
    let net = tokio::task::spawn_blocking(|| {
        poc_tests::Network::setup(&["FRA.technical", "MEX.technical"])
    })
    .await
    .unwrap();
    let fra = net.poc("FRA.technical");
    let mex = net.poc("MEX.technical");

    // A genuine low-priority message.
    let genuine = send_with_library(
        fra,
        "MEX.technical",
        Priority::Low,
        MessageKind::Text(poc_proto::TextMessage {
            subject: Some("routine".into()),
            text: "routine".into(),
        }),
        Vec::new(),
    )
    .await;

    // A HIGH envelope in FRA's name, signed with a key the directory does not hold.
    let identity = fra.unlock().unwrap();
    let directory = ops::require_directory(&identity).unwrap();
    let mex_id: poc_proto::PocId = "MEX.technical".parse().unwrap();
    let public = directory.members(&mex_id)[0].public();
    let message = Message {
        from: "FRA.technical".parse().unwrap(),
        to: mex_id,
        sent_at: poc_client::clock::Clock::system().now(),
        thread: None,
        language: "en".into(),
        tlp: Tlp::Red,
        exercise: false,
        kind: MessageKind::Text(poc_proto::TextMessage {
            subject: Some("URGENT".into()),
            text: "act now".into(),
        }),
        attachments: Vec::new(),
    };
    let header = RoutingHeader {
        id: EnvelopeId(poc_keys::random_bytes::<16>()),
        to: public.mailbox(),
        priority: Priority::High,
        expires_at: poc_client::clock::Clock::system().now() + 3600,
    };
    let forged = poc_keys::seal(
        &PocKey::generate(),
        &public.encryption,
        header,
        &poc_proto::encode(&message).unwrap(),
    )
    .unwrap();
    let forged_id = forged.id;
    ops::online(&identity, async |client| {
        client.submit(vec![forged]).await?;
        Ok(())
    })
    .await
    .unwrap();

    let inbox = mex.json(&["inbox"]);
    let items = inbox["items"].as_array().unwrap();
    // The envelope that does not verify is not an item that could sort by its claimed HIGH:
    // it is listed, after the items, in the group of what the submitting key sent that cannot
    // be opened or verified.
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&genuine.to_string().as_str()), "{inbox}");
    assert!(!ids.contains(&forged_id.to_string().as_str()), "{inbox}");
    let groups = inbox["unopened"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "{inbox}");
    assert_eq!(groups[0]["ids"][0], forged_id.to_string(), "{inbox}");
    assert_eq!(groups[0]["submitter"], "FRA.technical", "{inbox}");
    assert!(groups[0].get("priority").is_none(), "{inbox}");

    let text = mex.poc(&["inbox", "--offline"]);
    let last = text.stdout.lines().last().unwrap();
    // The group's line comes after every item's row and names the submitting member.
    assert!(last.contains("FRA.technical"), "{}", text.stdout);
    assert!(
        !last.contains(&forged_id.to_string()[..12]),
        "{}",
        text.stdout
    );
}
