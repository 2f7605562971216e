//! The reader's fetch page by page, parts no message names, and `poc delete`, through the
//! real binaries and a real relay.
//!
//! - A fetch of several pages interrupted after its first page was stored (the link to the
//!   relay cut, then Ctrl-C) has stored part of the mailbox and left the rest at the relay;
//!   the next `poc inbox` brings exactly the rest: nothing lost, nothing twice.
//! - Verified attachment parts no message names are listed per sender (text and JSON) and
//!   `poc delete --orphans` removes them; `poc delete ID` removes a message with its parts.
//!
//! The tests wait for observable events (files in the reader's home), never for a fixed time.

// Test code: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::process::Command;
use std::sync::atomic::Ordering;
use std::time::Duration;

use poc_proto::{
    encode, AttachmentPart, EnvelopeId, Message, MessageKind, PocId, Priority, TextMessage, Tlp,
};
use poc_tests::proxy::{point_at, wait_until, Proxy};
use poc_tests::{local_ids, messages, Network, PocHome, Run};

/// Signs and seals each of `kinds` from `from` to `to` and submits them to the relay in
/// batches (through the library: far faster than one `poc send` each). Returns their ids.
fn submit(from: &PocHome, to: &str, kinds: Vec<MessageKind>) -> Vec<String> {
    let identity = from.unlock().unwrap();
    let directory = identity.directory().unwrap().unwrap();
    let to: PocId = to.parse().unwrap();
    let public = directory.members(&to)[0].public();
    let now = identity.now();
    let mut ids = Vec::new();
    let envelopes: Vec<_> = kinds
        .into_iter()
        .map(|kind| {
            let message = Message {
                from: identity.config.id.clone(),
                to: to.clone(),
                sent_at: now,
                thread: None,
                language: "en".into(),
                tlp: Tlp::Green,
                exercise: false,
                kind,
                attachments: Vec::new(),
            };
            let header = poc_keys::RoutingHeader {
                id: EnvelopeId(poc_keys::random_bytes::<16>()),
                to: public.mailbox(),
                priority: Priority::Low,
                expires_at: now + 3600,
            };
            ids.push(header.id.to_string());
            poc_keys::seal(
                &identity.key,
                &public.encryption,
                header,
                &encode(&message).unwrap(),
            )
            .unwrap()
        })
        .collect();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let client = identity.connect().await.unwrap();
        let (stored, duplicates) = client.submit(envelopes).await.unwrap();
        assert_eq!((stored as usize, duplicates), (ids.len(), 0));
        identity.disconnect(client).await;
    });
    ids
}

/// The ids the relay holds for `reader` (read on a connection of its own; nothing deleted).
fn relay_holds(reader: &poc_client::ops::Identity) -> BTreeSet<String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let client = reader.connect().await.unwrap();
        let (envelopes, _) = client.up()[0].1.fetch_all().await.unwrap();
        reader.disconnect(client).await;
        envelopes.iter().map(|e| e.id.to_string()).collect()
    })
}

fn text(subject: String) -> MessageKind {
    MessageKind::Text(TextMessage {
        subject: Some(subject),
        text: "x".repeat(300),
    })
}

fn strings(value: &serde_json::Value) -> BTreeSet<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn an_interrupted_fetch_of_several_pages_carries_on_with_nothing_lost_and_nothing_twice() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical").clone();
    let mex = net.poc("MEX.technical").clone();
    // What enrolment left in the reader's mailbox (the custodian's notices) is fetched first.
    mex.json(&["inbox"]);
    let baseline = local_ids(&mex.dir);
    // More than one page: a page holds at most 256 envelopes.
    let total = 300;
    let all: BTreeSet<String> = submit(
        &fra,
        "MEX.technical",
        (0..total).map(|n| text(format!("page test {n}"))).collect(),
    )
    .into_iter()
    .collect();
    assert_eq!(all.len(), total);

    // The test's own view of the reader's mailbox at the relay, on a direct link.
    let reader = mex.unlock().unwrap();
    let cut = {
        let (home, baseline) = (mex.dir.clone(), baseline.len());
        // Once the first page is being stored, what the reader sends still reaches the
        // relay, but no answer comes back.
        Proxy::start(&net.relay.address, false, move || {
            local_ids(&home).len() > baseline
        })
    };
    point_at(&mex, &net.relay.address, &cut.address.to_string());
    let fetch = mex.spawn(&["--retry-for", "10m", "--json", "inbox"]);
    // The first page reaches the home; from then on no answer reaches the reader. Its
    // deletion of what it stored still reaches the relay: the relay's mailbox shrinks.
    wait_until("the reader stored an envelope", || {
        local_ids(&mex.dir).len() > baseline.len()
    });
    // Each look at the relay is a connection of its own: a few per second.
    wait_until("the relay deleted what the reader stored", || {
        std::thread::sleep(Duration::from_millis(100));
        relay_holds(&reader).len() < total
    });
    let status = Command::new("kill")
        .args(["-INT", &fetch.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let interrupted = Run::of(fetch.wait_with_output().unwrap());
    assert_eq!(interrupted.code, 130, "{}", interrupted.stderr);
    // The reader (French first) is told that nothing is lost and what to run.
    assert!(
        interrupted.stderr.contains("Interrompu.")
            && interrupted.stderr.contains(
                "ce qui n'a pas été enregistré est toujours sur le relais : relancez `poc inbox` pour le récupérer"
            ),
        "{}",
        interrupted.stderr
    );

    // The fetch stored a page and had it deleted at the relay before it had the next one:
    // part of the mailbox is in the home, the rest still at the relay, none in both, none in
    // neither.
    let first: BTreeSet<String> = local_ids(&mex.dir).difference(&baseline).cloned().collect();
    let left = relay_holds(&reader);
    println!(
        "{} of {total} envelopes stored and deleted at the relay when the reader was interrupted, {} left there",
        first.len(),
        left.len()
    );
    assert!(
        !first.is_empty() && !left.is_empty(),
        "{} of {total} envelopes stored, {} left at the relay",
        first.len(),
        left.len()
    );
    assert!(first.is_disjoint(&left));
    let union: BTreeSet<String> = first.union(&left).cloned().collect();
    assert_eq!(union, all);

    // The relay is back: the next fetch brings exactly the rest.
    cut.hold.store(false, Ordering::Relaxed);
    let again = mex.json(&["inbox"]);
    let new = strings(&again["fetched"]["new_ids"]);
    assert_eq!(new, left, "{}", again["fetched"]);
    assert!(new.is_disjoint(&first));
    let union: BTreeSet<String> = first.union(&new).cloned().collect();
    assert_eq!(union, all);
    // Every message is listed once.
    let listed: Vec<_> = messages(&again)
        .into_iter()
        .filter(|m| all.contains(m["id"].as_str().unwrap()))
        .collect();
    assert_eq!(listed.len(), total);
    let subjects: BTreeSet<String> = listed
        .iter()
        .map(|m| m["summary"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(subjects.len(), total);
    assert!(subjects.contains("page test 0") && subjects.contains("page test 299"));
    // Nothing is left at the relay.
    let last = mex.json(&["inbox"]);
    assert_eq!(last["fetched"]["new"], 0);
    assert_eq!(last["fetched"]["removed"], 0);
}

#[test]
fn parts_no_message_names_are_listed_and_deleted_and_a_message_goes_with_its_parts() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical").clone();
    let mex = net.poc("MEX.technical").clone();
    // What enrolment left in the reader's mailbox (the custodian's notices) is fetched first.
    mex.json(&["inbox"]);
    let baseline = local_ids(&mex.dir);
    let listed_before = messages(&mex.json(&["inbox", "--offline"])).len();
    // Three signed parts of a message that never comes.
    let never = EnvelopeId(poc_keys::random_bytes::<16>());
    let orphans: BTreeSet<String> = submit(
        &fra,
        "MEX.technical",
        (0..3)
            .map(|index| {
                MessageKind::AttachmentPart(AttachmentPart {
                    message: never,
                    attachment: 0,
                    index,
                    data: vec![7; 100_000],
                })
            })
            .collect(),
    )
    .into_iter()
    .collect();
    // And a real message carrying a file in parts.
    let file = mex.dir.join("../image.bin");
    std::fs::write(&file, vec![42u8; 1_500_000]).unwrap();
    const { assert!(1_500_000 > poc_proto::limits::MAX_INLINE_ATTACHMENT_BYTES) };
    let sent = fra.json(&[
        "send",
        "--to",
        "MEX.technical",
        "--type",
        "text",
        "--priority",
        "low",
        "--field",
        "text=the image",
        "--attach",
        file.to_str().unwrap(),
    ]);
    let message = sent["sent"][0]["id"].as_str().unwrap().to_owned();

    let inbox = mex.json(&["inbox"]);
    let groups = inbox["orphan_parts"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(groups[0]["from"], "FRA.technical");
    assert_eq!(groups[0]["count"], 3);
    assert_eq!(strings(&groups[0]["ids"]), orphans);
    assert!(groups[0]["bytes"].as_u64().unwrap() >= 300_000);
    let listing = mex.poc(&["inbox", "--offline"]);
    listing.ok();
    // In the reader's language (French first), with the command that removes them.
    assert!(
        listing.stdout.contains("3 parties de pièces jointes (")
            && listing.stdout.contains(
                "de FRA.technical qu'aucun message ne nomme ; `poc delete --orphans --from FRA.technical` les supprime"
            ),
        "{}",
        listing.stdout
    );
    let before = local_ids(&mex.dir);
    let parts_of_message: BTreeSet<String> = before
        .iter()
        .filter(|id| !orphans.contains(*id) && **id != message && !baseline.contains(*id))
        .cloned()
        .collect();
    let size: usize = 1_500_000;
    assert_eq!(
        parts_of_message.len(),
        size.div_ceil(poc_proto::limits::ATTACHMENT_PART_BYTES),
        "{before:?}"
    );

    // Without a terminal and without --yes nothing is deleted.
    let refused = mex.poc(&["delete", "--orphans"]);
    assert_ne!(refused.code, 0);
    assert!(refused.stderr.contains("--yes"), "{}", refused.stderr);
    assert_eq!(local_ids(&mex.dir), before);

    // Only the orphans go.
    let deleted = mex.json(&["delete", "--orphans", "--from", "fra.technical", "--yes"]);
    assert_eq!(strings(&deleted["parts"]), orphans);
    assert!(deleted["deleted"].as_array().unwrap().is_empty());
    let after: BTreeSet<String> = before.difference(&orphans).cloned().collect();
    assert_eq!(local_ids(&mex.dir), after);
    assert!(mex.json(&["inbox", "--offline"])["orphan_parts"]
        .as_array()
        .unwrap()
        .is_empty());

    // The message goes with its parts and its read state; the sender's record stays.
    mex.poc(&["read", &message[..12]]).ok();
    let deleted = mex.json(&["delete", &message[..12], "--yes"]);
    assert_eq!(
        strings(&deleted["deleted"]),
        BTreeSet::from([message.clone()])
    );
    assert_eq!(strings(&deleted["parts"]), parts_of_message);
    assert_eq!(local_ids(&mex.dir), baseline);
    assert!(!mex
        .dir
        .join("read")
        .join(format!("{message}.read"))
        .exists());
    assert_eq!(
        messages(&mex.json(&["inbox", "--offline"])).len(),
        listed_before
    );
    let records = fra.json(&["sent"])["records"].as_array().unwrap().clone();
    assert!(
        records.iter().any(|r| r["id"] == message.as_str()),
        "{records:?}"
    );
}
