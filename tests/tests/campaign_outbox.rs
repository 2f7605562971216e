//! A ping campaign through the outbox, with the real binaries: every ping is recorded before
//! any leaves; a `ping start` interrupted after its pings reached the relay but before the
//! answer came back says, for the campaign, how many were stored, may have been sent and were
//! not, and how to finish; `poc sent --resend-all` finishes it with the same envelopes, so the
//! relay stores each ping once, every PoC can acknowledge, and the proof bundle verifies.
//! The test waits for observable events (a record's state on disk, the relay's counter),
//! never for a fixed time.

// Helpers here are test code too: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::net::{SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use poc_tests::raw::{enable_metrics, metrics_text};
use poc_tests::{Network, PocHome, Run};

/// A UDP relay between one `poc` and the relay. While `hold` is on and the sender's outbox
/// holds a record in state `submitted`, it drops everything the relay sends back (the
/// envelopes of a submit still reach the relay, its answer never reaches the client), and
/// with `both_ways` also everything the client sends (nothing of the submit reaches the
/// relay). The client records `submitted` before it sends the first byte of the submit.
struct Proxy {
    address: SocketAddr,
    hold: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
}

/// Whether an outbox (`sent/` of a home) holds a record in state `submitted`.
fn has_submitted(sent: &Path) -> bool {
    std::fs::read_dir(sent).is_ok_and(|entries| {
        entries.flatten().any(|entry| {
            entry.path().extension().is_some_and(|e| e == "toml")
                && std::fs::read_to_string(entry.path())
                    .is_ok_and(|text| text.contains("state = \"submitted\""))
        })
    })
}

impl Proxy {
    fn start(relay: &str, sent: PathBuf, both_ways: bool) -> Proxy {
        let relay: SocketAddr = relay.parse().unwrap();
        let front = UdpSocket::bind("127.0.0.1:0").unwrap();
        let back = UdpSocket::bind("127.0.0.1:0").unwrap();
        for socket in [&front, &back] {
            socket
                .set_read_timeout(Some(Duration::from_millis(50)))
                .unwrap();
        }
        let address = front.local_addr().unwrap();
        let hold = Arc::new(AtomicBool::new(true));
        let stop = Arc::new(AtomicBool::new(false));
        let client: Arc<Mutex<Option<SocketAddr>>> = Arc::default();
        {
            let (front, back) = (front.try_clone().unwrap(), back.try_clone().unwrap());
            let (client, hold, stop) = (client.clone(), hold.clone(), stop.clone());
            let sent = sent.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 65_536];
                while !stop.load(Ordering::Relaxed) {
                    if let Ok((n, from)) = front.recv_from(&mut buf) {
                        *client.lock().unwrap() = Some(from);
                        if both_ways && hold.load(Ordering::Relaxed) && has_submitted(&sent) {
                            continue;
                        }
                        let _ = back.send_to(&buf[..n], relay);
                    }
                }
            });
        }
        {
            let (hold, stop) = (hold.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut buf = [0u8; 65_536];
                while !stop.load(Ordering::Relaxed) {
                    if let Ok((n, _)) = back.recv_from(&mut buf) {
                        if hold.load(Ordering::Relaxed) && has_submitted(&sent) {
                            continue;
                        }
                        if let Some(to) = *client.lock().unwrap() {
                            let _ = front.send_to(&buf[..n], to);
                        }
                    }
                }
            });
        }
        Proxy {
            address,
            hold,
            stop,
        }
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Points `home` at `address` instead of the relay it was enrolled with.
fn point_at(home: &PocHome, relay: &str, address: &str) {
    let path = home.dir.join("poc.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = text.replace(relay, address);
    assert_ne!(text, changed, "poc.toml names the relay");
    std::fs::write(&path, changed).unwrap();
}

/// The relay's count of envelopes newly stored (duplicates excluded).
fn stored_at_relay(port: u16) -> u64 {
    metrics_text(port)
        .lines()
        .find_map(|line| line.strip_prefix("poc_relay_envelopes_stored_total "))
        .map_or(0, |value| value.trim().parse().unwrap())
}

/// Waits (at most a minute) until `ready` holds.
fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

const POCS: [&str; 4] = [
    "FRA.technical",
    "MEX.technical",
    "ARG.technical",
    "BRA.technical",
];

/// The ping records of the outbox of `home` (the directory notices of the publications that
/// set up the network are there too).
fn pings(home: &PocHome) -> Vec<serde_json::Value> {
    home.json(&["sent"])["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["type"] == "ping")
        .cloned()
        .collect()
}

/// The ping of `campaign` in the inbox of `home`.
fn ping_of(home: &PocHome, campaign: &str) -> String {
    let inbox = home.json(&["inbox"]);
    let pings: Vec<String> = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|item| item["type"] == "ping")
        .map(|item| item["id"].as_str().unwrap().to_owned())
        .filter(|id| home.json(&["read", id])["fields"]["campaign"] == campaign)
        .collect();
    assert_eq!(
        pings.len(),
        1,
        "one ping of {campaign} for {}",
        home.dir.display()
    );
    pings[0].clone()
}

#[test]
fn an_interrupted_campaign_is_told_and_finished_with_one_copy_of_each_ping() {
    let mut net = Network::setup(&POCS);
    let metrics = enable_metrics(&net);
    net.relay.restart();
    let custodian = net.custodian.clone();
    let proxy = Proxy::start(&net.relay.address, custodian.dir.join("sent"), false);
    point_at(&custodian, &net.relay.address, &proxy.address.to_string());
    assert_eq!(stored_at_relay(metrics), 0);

    let start = custodian.spawn(&[
        "--retry-for",
        "10m",
        "ping",
        "start",
        "--all",
        "--deadline",
        "1h",
    ]);
    // The pings reached the relay, which stored them; its answer is held back.
    wait_until("the relay stored the pings", || {
        stored_at_relay(metrics) == POCS.len() as u64
    });
    let status = Command::new("kill")
        .args(["-INT", &start.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let run = Run::of(start.wait_with_output().unwrap());
    println!("stderr of the interrupted poc ping start:\n{}", run.stderr);
    assert_eq!(run.code, 130, "{}", run.stderr);

    // Every ping is in the outbox, recorded before it left, and none is told stored.
    let listed = pings(&custodian);
    assert_eq!(listed.len(), POCS.len(), "{listed:?}");
    let mut to: Vec<&str> = listed.iter().map(|r| r["to"].as_str().unwrap()).collect();
    to.sort_unstable();
    let mut expected = POCS.to_vec();
    expected.sort_unstable();
    assert_eq!(to, expected);
    assert!(
        listed
            .iter()
            .all(|r| r["state"] == "submitted" && r["resendable"] == true),
        "{listed:?}"
    );
    // The campaign (the only one) is told in counts, with the command that finishes it.
    let campaigns = custodian.json(&["ping", "list"]);
    let cid = campaigns["campaigns"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(campaigns["campaigns"][0]["targets"], POCS.len());
    let counts = format!(
        "campaign {cid}: 0 pings stored at the relay, {} may have been sent (submitted, no \
         answer from the relay), 0 not sent",
        POCS.len()
    );
    assert!(run.stderr.contains("Interrupted."), "{}", run.stderr);
    assert!(run.stderr.contains(&counts), "{}", run.stderr);
    assert!(
        run.stderr.contains("poc sent --resend-all"),
        "{}",
        run.stderr
    );

    // Finished with the same envelopes: the relay recognises them, stores nothing new.
    proxy.hold.store(false, Ordering::Relaxed);
    let resent = custodian.json(&["sent", "--resend-all"]);
    assert_eq!(resent["resent"], true);
    let resent_ids: Vec<&str> = resent["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let listed_ids: Vec<&str> = listed.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(resent_ids.len(), POCS.len());
    assert!(resent_ids.iter().all(|id| listed_ids.contains(id)));
    assert!(pings(&custodian).iter().all(|r| r["state"] == "stored"));
    assert_eq!(stored_at_relay(metrics), POCS.len() as u64);
    let again = custodian.poc(&["sent", "--resend-all"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(stored_at_relay(metrics), POCS.len() as u64);

    // Each PoC has its ping once, the one the campaign recorded, and acknowledges it.
    for id in POCS {
        let home = net.poc(id);
        let ping = ping_of(home, &cid);
        assert!(listed_ids.contains(&ping.as_str()), "{id}: {ping}");
        home.json(&["ack", &ping]);
    }
    let report = custodian.json(&["ping", "report", &cid, "--format", "json"]);
    for result in report["results"].as_array().unwrap() {
        assert_eq!(result["outcome"], "on_time", "{result}");
    }
    assert_eq!(report["results"].as_array().unwrap().len(), POCS.len());

    // The proof bundle verifies offline with the custodian key alone.
    let bundle = net.root.path().join("campaign.bundle");
    custodian
        .poc(&["ping", "report", &cid, "--bundle", bundle.to_str().unwrap()])
        .ok();
    let key = net
        .poc("FRA.technical")
        .json(&["directory", "show", "UNODA.custodian"])["signing_key"]
        .as_str()
        .unwrap()
        .to_owned();
    let stranger = PocHome::new(net.root.path().join("auditor"), "unused");
    let verified = stranger.json(&[
        "ping",
        "verify",
        bundle.to_str().unwrap(),
        "--custodian-key",
        &key,
    ]);
    assert_eq!(verified["summary"], report["summary"]);
}
