//! The outbox through the real binaries: every envelope is recorded before it leaves; a send
//! interrupted after its envelope reached the relay but before the answer came back says so
//! (id and state, in the reader's language), `poc sent` lists it, `poc thread` shows it, and
//! `poc sent --resend` finishes it with the same envelope, so the recipient gets one copy.
//! The tests wait for observable events (a record's state on disk, the relay's counter),
//! never for a fixed time.

// Helpers here are test code too: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::net::UdpSocket;
use std::process::Command;
use std::sync::atomic::Ordering;
use std::time::Duration;

use poc_tests::proxy::{has_submitted, point_at, stored_at_relay, wait_until, Proxy};
use poc_tests::raw::enable_metrics;
use poc_tests::{messages, Network, PocHome, Run};

fn inbox_ids(home: &PocHome) -> Vec<String> {
    messages(&home.json(&["inbox"]))
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

fn records(home: &PocHome) -> Vec<serde_json::Value> {
    home.json(&["sent"])["records"].as_array().unwrap().clone()
}

/// FRA.technical and MEX.technical, the relay's metrics on (their port returned), and FRA
/// talking to the relay through a [`Proxy`] (`both_ways`: see [`Proxy::start`]).
fn through_a_proxy(both_ways: bool) -> (Network, u16, PocHome, PocHome, Proxy) {
    let mut net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let metrics = enable_metrics(&net);
    net.relay.restart();
    let fra = net.poc("FRA.technical").clone();
    let mex = net.poc("MEX.technical").clone();
    let sent = fra.dir.join("sent");
    let proxy = Proxy::start(&net.relay.address, both_ways, move || has_submitted(&sent));
    point_at(&fra, &net.relay.address, &proxy.address.to_string());
    (net, metrics, fra, mex, proxy)
}

#[test]
fn a_send_interrupted_after_the_relay_stored_it_is_told_listed_and_finished_with_one_copy() {
    // `_net` keeps the relay and the homes alive until the end of the test.
    let (_net, metrics, fra, mex, proxy) = through_a_proxy(false);
    assert_eq!(stored_at_relay(metrics), 0);

    let send = fra.spawn(&[
        "--retry-for",
        "10m",
        "send",
        "--to",
        "MEX.technical",
        "--type",
        "text",
        "--priority",
        "high",
        "--field",
        "text=interrupted once",
    ]);
    // The envelope reached the relay, which stored it; its answer is held back.
    wait_until("the relay stored the envelope", || {
        stored_at_relay(metrics) == 1
    });
    let status = Command::new("kill")
        .args(["-INT", &send.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let run = Run::of(send.wait_with_output().unwrap());
    println!("stderr of the interrupted poc send:\n{}", run.stderr);
    assert_eq!(run.code, 130, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);

    // The outbox lists it as submitted: it may have been sent.
    let listed = records(&fra);
    assert_eq!(listed.len(), 1, "{listed:?}");
    let id = listed[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(listed[0]["state"], "submitted");
    assert_eq!(listed[0]["to"], "MEX.technical");
    assert_eq!(listed[0]["type"], "text");
    assert_eq!(listed[0]["priority"], "high");
    assert_eq!(listed[0]["resendable"], true);
    // The reader (French first) is told, with the id, and how to finish.
    assert!(run.stderr.contains("Interrompu."), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "peut avoir été envoyé (soumis, sans réponse du relais) : {id} à MEX.technical"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("poc sent --resend {id}")),
        "{}",
        run.stderr
    );
    // The sender's copy is there for `poc thread`.
    proxy.hold.store(false, Ordering::Relaxed);
    let thread = fra.json(&["thread", &id]);
    assert_eq!(thread["messages"][0]["id"], id.as_str());
    assert_eq!(thread["messages"][0]["fields"]["text"], "interrupted once");
    assert_eq!(thread["messages"][0]["outgoing"], true);
    assert_eq!(records(&fra)[0]["state"], "submitted");

    // Finished with the same envelope: the relay recognises it, nothing new is stored.
    let resent = fra.json(&["sent", "--resend", &id[..8]]);
    assert_eq!(resent["resent"], true);
    assert_eq!(resent["records"][0]["id"], id.as_str());
    assert_eq!(resent["records"][0]["state"], "stored");
    assert_eq!(records(&fra)[0]["state"], "stored");
    assert_eq!(stored_at_relay(metrics), 1);
    // The recipient has it once.
    assert_eq!(inbox_ids(&mex), vec![id.clone()]);
    let read = mex.json(&["read", &id]);
    assert_eq!(read["fields"]["text"], "interrupted once");
    // Nothing is left to finish.
    let again = fra.poc(&["sent", "--resend-all"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(stored_at_relay(metrics), 1);
}

#[test]
fn a_send_terminated_before_the_relay_got_it_is_delivered_by_the_resend() {
    // `_net` keeps the relay and the homes alive until the end of the test.
    let (_net, metrics, fra, mex, proxy) = through_a_proxy(true);

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
        "text=held back once",
    ]);
    wait_until("the envelope is recorded as submitted", || {
        has_submitted(&fra.dir.join("sent"))
    });
    let status = Command::new("kill")
        .args(["-TERM", &send.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let run = Run::of(send.wait_with_output().unwrap());
    println!("stderr of the terminated poc send:\n{}", run.stderr);
    assert_eq!(run.code, 143, "{}", run.stderr);
    let listed = records(&fra);
    assert_eq!(listed.len(), 1, "{listed:?}");
    let id = listed[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(listed[0]["state"], "submitted");
    assert!(
        run.stderr.contains(&format!("{id} à MEX.technical")),
        "{}",
        run.stderr
    );
    assert_eq!(stored_at_relay(metrics), 0);

    proxy.hold.store(false, Ordering::Relaxed);
    let resent = fra.json(&["sent", "--resend-all"]);
    assert_eq!(resent["records"][0]["id"], id.as_str());
    assert_eq!(resent["records"][0]["state"], "stored");
    assert_eq!(stored_at_relay(metrics), 1);
    assert_eq!(inbox_ids(&mex), vec![id]);
}

#[test]
fn a_normal_send_leaves_a_stored_record_and_an_expired_one_is_refused() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical").clone();
    let sent = fra.json(&[
        "send",
        "--to",
        "MEX.technical",
        "--type",
        "text",
        "--priority",
        "low",
        "--field",
        "text=plain",
    ]);
    let id = sent["sent"][0]["id"].as_str().unwrap().to_owned();
    let listed = records(&fra);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], id.as_str());
    assert_eq!(listed[0]["state"], "stored");
    assert_eq!(listed[0]["resendable"], false);
    // Its sealed envelope is no longer kept; the record and the own copy are.
    let dir = fra.dir.join("sent");
    assert!(!dir.join(format!("{id}.env")).exists());
    assert!(dir.join(format!("{id}.age")).exists());
    // The text listing, in the reader's language.
    let text = fra.poc(&["sent"]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    println!("poc sent:\n{}", text.stdout);
    assert!(
        text.stdout.contains(&id) && text.stdout.contains("enregistré par le relais"),
        "{}",
        text.stdout
    );
    // A stored record resent stays as it is.
    let again = fra.json(&["sent", "--resend", &id]);
    assert_eq!(again["records"][0]["state"], "stored");

    // A record whose lifetime is over is refused in one sentence, before any connection.
    let record = dir.join(format!("{id}.toml"));
    let text = std::fs::read_to_string(&record).unwrap();
    let expired = text
        .replace("state = \"stored\"", "state = \"submitted\"")
        .lines()
        .map(|line| {
            if line.starts_with("expires_at = ") {
                "expires_at = 1000".to_owned()
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&record, expired).unwrap();
    let refused = fra.poc(&["--retry-for", "0", "sent", "--resend", &id]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains(&format!(
            "envelope {id} expired at 1970-01-01T00:16:40Z and can no longer be delivered"
        )),
        "{}",
        refused.stderr
    );
}

#[test]
fn an_interruption_before_anything_was_recorded_says_nothing_was_sent() {
    let mut net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical").clone();
    net.relay.kill();
    // Listen on the relay's port to see the client's first connection attempt arrive.
    let port = UdpSocket::bind(&net.relay.address).unwrap();
    port.set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let send = fra.spawn(&[
        "send",
        "--to",
        "MEX.technical",
        "--type",
        "text",
        "--priority",
        "low",
        "--field",
        "text=never recorded",
    ]);
    let mut packet = [0u8; 2048];
    port.recv_from(&mut packet)
        .expect("the client tries to connect");
    let status = Command::new("kill")
        .args(["-INT", &send.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let run = Run::of(send.wait_with_output().unwrap());
    assert_eq!(run.code, 130, "{}", run.stderr);
    // (A retry notice may come first if the machine is slow.)
    assert_eq!(
        run.stderr.lines().last(),
        Some("Interrompu : rien n'a été envoyé."),
        "{}",
        run.stderr
    );
    assert!(records(&fra).is_empty());
}

#[test]
fn a_send_the_relay_refused_is_kept_as_not_sent_and_resent_later() {
    let mut net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical").clone();
    let mex = net.poc("MEX.technical").clone();
    // This relay keeps envelopes one hour at most: a 2-hour lifetime is refused.
    poc_tests::raw::set_config(&net.relay.config, "max_ttl_secs", "3600");
    net.relay.restart();
    let refused = fra.poc(&[
        "send",
        "--to",
        "MEX.technical",
        "--type",
        "text",
        "--priority",
        "medium",
        "--ttl",
        "2h",
        "--field",
        "text=refused once",
    ]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    let listed = records(&fra);
    assert_eq!(listed.len(), 1, "{listed:?}");
    let id = listed[0]["id"].as_str().unwrap().to_owned();
    // The relay stored nothing of the batch: back to prepared, and the reader is told.
    assert_eq!(listed[0]["state"], "prepared");
    assert!(
        refused
            .stderr
            .contains(&format!("non envoyé : {id} à MEX.technical")),
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("lifetime above the relay maximum"),
        "{}",
        refused.stderr
    );

    poc_tests::raw::set_config(&net.relay.config, "max_ttl_secs", "1814400");
    net.relay.restart();
    let resent = fra.json(&["sent", "--resend-all"]);
    assert_eq!(resent["records"][0]["id"], id.as_str());
    assert_eq!(resent["records"][0]["state"], "stored");
    assert_eq!(inbox_ids(&mex), vec![id]);
}
