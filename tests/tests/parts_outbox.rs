//! Attachment parts through the outbox, with the real binaries and a relay on loopback: a
//! send cut off in the middle of its parts says how many parts were stored, may have been
//! sent and were not; `poc sent` lists the message with its parts counted; `poc sent
//! --resend ID` finishes the parts and the message, so the reader gets the whole file,
//! checked, and the relay stores each envelope exactly once.
//! The tests wait for observable events (records on disk, the relay's counter), never for a
//! fixed time.

// Helpers here are test code too: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;
use std::sync::atomic::Ordering;

use poc_proto::limits::ATTACHMENT_PART_BYTES;
use poc_tests::proxy::{point_at, stored_at_relay, wait_until, Proxy};
use poc_tests::raw::enable_metrics;
use poc_tests::{local_ids, messages, unrepeating_bytes, Network, PocHome, Run};

/// The records of an outbox (`sent/*.toml`) as text.
fn record_texts(sent: &Path) -> Vec<String> {
    std::fs::read_dir(sent)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
                .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// Whether the outbox holds an attachment part in `state`.
fn has_part_in(sent: &Path, state: &str) -> bool {
    record_texts(sent)
        .iter()
        .any(|text| text.contains("part_of = ") && text.contains(&format!("state = \"{state}\"")))
}

/// Whether the outbox holds a message (not a part) in `state`.
fn has_message_in(sent: &Path, state: &str) -> bool {
    record_texts(sent)
        .iter()
        .any(|text| !text.contains("part_of = ") && text.contains(&format!("state = \"{state}\"")))
}

fn records(home: &PocHome) -> Vec<serde_json::Value> {
    home.json(&["sent"])["records"].as_array().unwrap().clone()
}

fn kill(child: &std::process::Child, signal: &str) {
    let status = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Parts in the file these tests send: three batches (4, 4 and 2 parts).
const PARTS: usize = 10;

#[test]
fn an_upload_cut_in_the_middle_of_its_parts_is_told_listed_and_finished_with_one_copy_each() {
    let mut net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let metrics = enable_metrics(&net);
    net.relay.restart();
    let fra = net.poc("FRA.technical").clone();
    let mex = net.poc("MEX.technical").clone();
    let sent_dir = fra.dir.join("sent");
    // What was waiting for the reader before (the directory notice) is fetched first.
    mex.json(&["inbox"]);
    let before = local_ids(&mex.dir);
    let at_relay = stored_at_relay(metrics);

    // Cut both ways as soon as a first batch of parts is stored: the second batch is
    // recorded as submitted but never reaches the relay.
    let cut = Proxy::start(&net.relay.address, true, {
        let sent = sent_dir.clone();
        move || has_part_in(&sent, "stored")
    });
    point_at(&fra, &net.relay.address, &cut.address.to_string());
    let size = (PARTS - 1) * ATTACHMENT_PART_BYTES + 4321;
    let file = net.root.path().join("memory.dump");
    std::fs::write(&file, unrepeating_bytes(size, 13)).unwrap();
    let send = fra.spawn(&[
        "--retry-for",
        "10m",
        "send",
        "--to",
        "MEX.technical",
        "--type",
        "incident",
        "--priority",
        "high",
        "--field",
        "summary=Memory of the compromised host",
        "--attach",
        file.to_str().unwrap(),
    ]);
    wait_until("a second batch of parts is submitted", || {
        has_part_in(&sent_dir, "stored") && has_part_in(&sent_dir, "submitted")
    });
    kill(&send, "-INT");
    let run = Run::of(send.wait_with_output().unwrap());
    println!("stderr of the interrupted poc send:\n{}", run.stderr);
    assert_eq!(run.code, 130, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert_eq!(
        stored_at_relay(metrics) - at_relay,
        4,
        "the first batch only"
    );

    // One line for the message, its parts counted; every part was recorded before anything
    // left.
    let listed = records(&fra);
    assert_eq!(
        listed.len(),
        1,
        "the parts are folded into their message: {listed:?}"
    );
    let id = listed[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        listed[0]["state"], "prepared",
        "the message goes after its parts"
    );
    assert_eq!(listed[0]["type"], "incident");
    assert_eq!(listed[0]["resendable"], true);
    let parts = &listed[0]["parts"];
    assert_eq!(parts["total"], PARTS);
    assert_eq!(parts["stored"], 4);
    assert_eq!(parts["submitted"], 4);
    assert_eq!(parts["prepared"], PARTS - 8);
    // The reader (French first) is told, counting parts, and how to finish.
    assert!(run.stderr.contains("Interrompu."), "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("non envoyé : {id} à MEX.technical")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "parties des pièces jointes de {id} à MEX.technical : 4 sur {PARTS} enregistrées par le relais, 4 peuvent avoir été envoyées, 2 non envoyées"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("poc sent --resend {id}\n")),
        "{}",
        run.stderr
    );
    // The text listing counts the parts on the message's line.
    cut.hold.store(false, Ordering::Relaxed);
    let text = fra.poc(&["sent"]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    println!("poc sent:\n{}", text.stdout);
    let line = text.stdout.lines().find(|l| l.contains(&id)).unwrap();
    assert!(
        line.contains(&format!("4 parties sur {PARTS} enregistrées")),
        "{line}"
    );
    assert_eq!(
        text.stdout
            .lines()
            .filter(|l| l.contains("MEX.technical"))
            .count(),
        1,
        "{}",
        text.stdout
    );
    // Nothing of it reached the reader as a message.
    assert!(messages(&mex.json(&["inbox"])).is_empty());

    // Finished by the message's id (a prefix): the unfinished parts, then the message.
    let resent = fra.json(&["sent", "--resend", &id[..10]]);
    assert_eq!(resent["resent"], true);
    assert_eq!(resent["records"][0]["id"], id.as_str());
    assert_eq!(resent["records"][0]["state"], "stored");
    assert_eq!(resent["records"][0]["parts"]["stored"], PARTS);
    assert_eq!(resent["records"][0]["resendable"], false);
    // Each envelope once at the relay: the message and every part.
    assert_eq!(stored_at_relay(metrics) - at_relay, 1 + PARTS as u64);
    // The sealed parts are no longer kept; the records are.
    let kept: Vec<_> = std::fs::read_dir(&sent_dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "env"))
        .collect();
    assert!(kept.is_empty(), "{kept:?}");
    let again = fra.json(&["sent", "--resend-all"]);
    assert_eq!(again["records"].as_array().unwrap().len(), 0, "{again}");

    // The reader gets one message and one copy of each part, and the whole file, checked.
    let inbox = mex.json(&["inbox"]);
    let listed = messages(&inbox);
    assert_eq!(listed.len(), 1, "{inbox}");
    assert_eq!(listed[0]["id"], id.as_str());
    assert_eq!(local_ids(&mex.dir).difference(&before).count(), 1 + PARTS);
    let out = net.root.path().join("received");
    let read = mex.json(&["read", &id, "--save-attachments", out.to_str().unwrap()]);
    assert_eq!(read["attachments"][0]["parts"]["state"], "complete");
    assert_eq!(read["attachments"][0]["parts"]["total"], PARTS);
    assert_eq!(
        std::fs::read(out.join("memory.dump")).unwrap(),
        unrepeating_bytes(size, 13),
        "the file comes back byte for byte"
    );
}

#[test]
fn a_message_whose_answer_was_lost_after_its_parts_is_resent_once_and_counted_once() {
    let mut net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let metrics = enable_metrics(&net);
    net.relay.restart();
    let fra = net.poc("FRA.technical").clone();
    let mex = net.poc("MEX.technical").clone();
    let sent_dir = fra.dir.join("sent");
    let at_relay = stored_at_relay(metrics);

    // Every part goes through; the message reaches the relay, its answer is held back.
    let proxy = Proxy::start(&net.relay.address, false, {
        let sent = sent_dir.clone();
        move || has_message_in(&sent, "submitted")
    });
    point_at(&fra, &net.relay.address, &proxy.address.to_string());
    let size = (PARTS - 1) * ATTACHMENT_PART_BYTES + 99;
    let file = net.root.path().join("logs.tar");
    std::fs::write(&file, unrepeating_bytes(size, 5)).unwrap();
    let send = fra.spawn(&[
        "--retry-for",
        "10m",
        "send",
        "--to",
        "MEX.technical",
        "--type",
        "text",
        "--priority",
        "low",
        "--field",
        "text=the logs",
        "--attach",
        file.to_str().unwrap(),
    ]);
    wait_until("the relay stored the parts and the message", || {
        stored_at_relay(metrics) - at_relay == 1 + PARTS as u64
    });
    kill(&send, "-TERM");
    let run = Run::of(send.wait_with_output().unwrap());
    println!("stderr of the terminated poc send:\n{}", run.stderr);
    assert_eq!(run.code, 143, "{}", run.stderr);
    let listed = records(&fra);
    assert_eq!(listed.len(), 1, "{listed:?}");
    let id = listed[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(listed[0]["state"], "submitted");
    assert_eq!(listed[0]["parts"]["stored"], PARTS);
    assert!(
        run.stderr.contains(&format!(
            "parties des pièces jointes de {id} à MEX.technical : {PARTS} sur {PARTS} enregistrées par le relais, 0 peuvent avoir été envoyées, 0 non envoyées"
        )),
        "{}",
        run.stderr
    );

    // Everything unfinished: only the message is submitted again, and the relay knows it.
    proxy.hold.store(false, Ordering::Relaxed);
    let resent = fra.json(&["sent", "--resend-all"]);
    assert_eq!(resent["records"][0]["id"], id.as_str());
    assert_eq!(resent["records"][0]["state"], "stored");
    assert_eq!(stored_at_relay(metrics) - at_relay, 1 + PARTS as u64);
    let inbox = mex.json(&["inbox"]);
    assert_eq!(messages(&inbox).len(), 1, "{inbox}");
    let read = mex.json(&["read", &id]);
    assert_eq!(read["attachments"][0]["parts"]["state"], "complete");
}

#[test]
fn an_upload_whose_relay_went_away_fails_saying_how_far_its_parts_went_and_is_finished_later() {
    let mut net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let metrics = enable_metrics(&net);
    // A connection that hears nothing for 2 s is lost (the shorter of both sides wins).
    poc_tests::raw::set_config(&net.relay.config, "idle_timeout_secs", "2");
    net.relay.restart();
    let fra = net.poc("FRA.technical").clone();
    let mex = net.poc("MEX.technical").clone();
    let sent_dir = fra.dir.join("sent");
    let at_relay = stored_at_relay(metrics);

    // The relay becomes unreachable once a first batch of parts is stored.
    let cut = Proxy::start(&net.relay.address, true, {
        let sent = sent_dir.clone();
        move || has_part_in(&sent, "stored")
    });
    point_at(&fra, &net.relay.address, &cut.address.to_string());
    let size = (PARTS - 1) * ATTACHMENT_PART_BYTES + 7;
    let file = net.root.path().join("traffic.pcap");
    std::fs::write(&file, unrepeating_bytes(size, 17)).unwrap();
    let failed = fra.poc(&[
        "--retry-for",
        "1s",
        "send",
        "--to",
        "MEX.technical",
        "--type",
        "text",
        "--priority",
        "medium",
        "--field",
        "text=the capture",
        "--attach",
        file.to_str().unwrap(),
    ]);
    println!("stderr of the failed poc send:\n{}", failed.stderr);
    assert_ne!(failed.code, 0, "{}", failed.stderr);
    assert_eq!(
        stored_at_relay(metrics) - at_relay,
        4,
        "the first batch only"
    );
    let listed = records(&fra);
    assert_eq!(listed.len(), 1, "{listed:?}");
    let id = listed[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(listed[0]["state"], "prepared");
    assert_eq!(listed[0]["parts"]["stored"], 4);
    assert_eq!(listed[0]["parts"]["submitted"], 4);
    assert!(
        failed.stderr.contains(&format!(
            "parties des pièces jointes de {id} à MEX.technical : 4 sur {PARTS} enregistrées par le relais, 4 peuvent avoir été envoyées, 2 non envoyées"
        )),
        "{}",
        failed.stderr
    );
    assert!(
        failed.stderr.contains(&format!("poc sent --resend {id}\n")),
        "{}",
        failed.stderr
    );

    // The relay is back: everything unfinished is finished, each envelope stored once. Back
    // with its usual idle timeout too: the 2 s above only made the cut quick to notice, and a
    // debug build can take longer than that to store one page of parts between two requests.
    cut.hold.store(false, Ordering::Relaxed);
    poc_tests::raw::set_config(&net.relay.config, "idle_timeout_secs", "30");
    net.relay.restart();
    let resent = fra.json(&["sent", "--resend-all"]);
    assert_eq!(resent["records"][0]["id"], id.as_str());
    assert_eq!(resent["records"][0]["state"], "stored");
    assert_eq!(resent["records"][0]["parts"]["stored"], PARTS);
    // The restarted relay counts from zero: the 4 parts it had are not stored again.
    assert_eq!(stored_at_relay(metrics), 1 + PARTS as u64 - 4);
    let out = net.root.path().join("received");
    let read = mex.json(&["read", &id, "--save-attachments", out.to_str().unwrap()]);
    assert_eq!(read["attachments"][0]["parts"]["state"], "complete");
    assert_eq!(
        std::fs::read(out.join("traffic.pcap")).unwrap(),
        unrepeating_bytes(size, 17)
    );
}
