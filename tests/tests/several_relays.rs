//! Several relays, through the real binaries and three relay processes on loopback: a
//! relay added by a publication is used by every member, a send is stored once `k` relays
//! have it while another is killed (SIGKILL) and fails, saying where it was stored, when a
//! second hangs (SIGSTOP); the copies a relay missed reach it with the next command; every
//! message stored is delivered and announced exactly once; a relay removed by a publication
//! is no longer contacted.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::Path;

use poc_tests::{local_ids, Network, PocHome, RelayProcess};
use serde_json::Value;

/// How many copies `home` owes to relays (files in `owed/`).
fn owed(home: &Path) -> usize {
    std::fs::read_dir(home.join("owed"))
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "bin"))
                .count()
        })
        .unwrap_or(0)
}

/// Whether a command's stderr has the line naming relays not reached (the custodian reads
/// English, FRA French).
fn tells_unreached(stderr: &str) -> bool {
    stderr.contains("not reached this time") || stderr.contains("non joints cette fois")
}

/// Sends a text to MEX.technical with a short retry budget; the run, and the id when sent.
fn send(fra: &PocHome, text: &str) -> (poc_tests::Run, Option<String>) {
    let run = fra.send_text_with(&["--json", "--retry-for", "2s"], "MEX.technical", text);
    let id = (run.code == 0).then(|| {
        let sent: Value = serde_json::from_str(&run.stdout).unwrap();
        sent["sent"][0]["id"].as_str().unwrap().to_owned()
    });
    (run, id)
}

/// Fetches into MEX's inbox; the ids announced as new.
fn fetch(mex: &PocHome) -> Vec<String> {
    let inbox = mex.json(&["--retry-for", "2s", "inbox"]);
    inbox["fetched"]["new_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap().to_owned())
        .collect()
}

/// Every message of `stored` is in `reader`'s inbox, and no id of `announced` (what the
/// reader's fetches announced as new) was announced twice.
fn assert_delivered_once(reader: &PocHome, stored: &BTreeSet<String>, announced: &[String]) {
    let held = local_ids(&reader.dir);
    for id in stored {
        assert!(held.contains(id), "{id} stored but not delivered");
    }
    let unique: BTreeSet<&String> = announced.iter().collect();
    assert_eq!(
        unique.len(),
        announced.len(),
        "announced twice: {announced:?}"
    );
}

/// A network of three relays: the test network's relay first, two more added by the
/// custodian and published (k = 2), every member synced.
struct ThreeRelays {
    /// Keeps the temporary directory alive.
    _root: tempfile::TempDir,
    custodian: PocHome,
    relays: [RelayProcess; 3],
    pocs: Vec<(String, PocHome)>,
}

impl ThreeRelays {
    fn setup(ids: &[&str]) -> Self {
        let Network {
            root,
            custodian,
            relay,
            pocs,
        } = Network::setup(ids);
        let key = std::fs::read_to_string(custodian.dir.join("custodian.pub")).unwrap();
        let second = RelayProcess::init_and_start(&root.path().join("relay-2"), key.trim());
        let third = RelayProcess::init_and_start(&root.path().join("relay-3"), key.trim());
        for added in [&second, &third] {
            custodian.json(&[
                "custodian",
                "relay",
                "add",
                &added.address,
                "--pin",
                &added.pin,
            ]);
        }
        // Published to all three relays (the two new ones get their first directory); the
        // members find the list at their next sync.
        let published = custodian.poc(&["custodian", "publish"]);
        published.ok();
        assert!(!tells_unreached(&published.stderr), "{}", published.stderr);
        for (_, home) in &pocs {
            home.poc(&["directory", "sync"]).ok();
            assert_eq!(home.json(&["directory", "relays"])["k"], 2);
        }
        ThreeRelays {
            _root: root,
            custodian,
            relays: [relay, second, third],
            pocs,
        }
    }
}

#[test]
fn k_of_three_relays_store_each_message_and_it_arrives_once() {
    let ThreeRelays {
        custodian,
        relays: [mut first_relay, second, third],
        pocs,
        _root,
    } = ThreeRelays::setup(&["FRA.technical", "MEX.technical"]);
    let (fra, mex) = (&pocs[0].1, &pocs[1].1);

    let mut stored: BTreeSet<String> = BTreeSet::new();
    let mut announced: Vec<String> = Vec::new();

    // All three up: stored, nothing owed, nothing to report.
    let (run, id) = send(fra, "all relays up");
    assert!(!tells_unreached(&run.stderr), "{}", run.stderr);
    stored.insert(id.unwrap());
    assert_eq!(owed(&fra.dir), 0);

    // The first relay killed: two relays still store it; the line names the one not reached,
    // and its copy is owed.
    first_relay.kill();
    let first = first_relay.address.clone();
    let (run, id) = send(fra, "first relay killed");
    assert_eq!(run.code, 0, "{}", run.stderr);
    stored.insert(id.unwrap());
    assert!(
        tells_unreached(&run.stderr) && run.stderr.contains(&first),
        "{}",
        run.stderr
    );
    assert_eq!(owed(&fra.dir), 1, "the killed relay's copy is kept");

    // The second relay hangs too: one relay left, k = 2. The send fails and says where the
    // message was stored.
    second.pause();
    let (run, id) = send(fra, "second relay stopped");
    assert!(
        id.is_none(),
        "stored at one relay is not stored: {}",
        run.stdout
    );
    let error: Value = serde_json::from_str(&run.stdout).unwrap();
    let sentence = error["error"].as_str().unwrap();
    assert!(
        sentence.contains(&format!("stored only at {}", third.address))
            && sentence.contains("2 relays must store it"),
        "{sentence}"
    );

    // The receiver, meanwhile, reads from the relay that is up: everything stored so far.
    announced.extend(fetch(mex));
    // Everything back: the owed copy reaches the restarted relay with FRA's next command.
    second.resume();
    first_relay.start();
    announced.extend(fetch(mex));
    let (_, id) = send(fra, "all back");
    stored.insert(id.unwrap());
    assert_eq!(owed(&fra.dir), 0, "the owed copy was delivered");
    announced.extend(fetch(mex));
    announced.extend(fetch(mex));

    // Every message its sender saw stored arrived, and each was announced once, although
    // most were fetched from two or three relays.
    assert_delivered_once(mex, &stored, &announced);

    // Receipts travel the same way.
    let last = stored.iter().next().unwrap().clone();
    mex.json(&["ack", &last]);
    let inbox = fra.json(&["inbox"]);
    assert!(
        inbox["fetched"]["new"].as_u64().unwrap() >= 1,
        "the receipt arrived: {inbox}"
    );

    // The first relay removed and stopped for good: no longer contacted, nothing to report.
    custodian.json(&["custodian", "relay", "remove", &first]);
    custodian.poc(&["custodian", "publish"]).ok();
    fra.poc(&["directory", "sync"]).ok();
    first_relay.kill();
    let (run, id) = send(fra, "first relay removed");
    assert!(id.is_some(), "{}", run.stderr);
    assert!(!tells_unreached(&run.stderr), "{}", run.stderr);
}

/// A relay that missed a publication serves an older directory than the others (as one
/// restored from an old copy would) until a member that syncs the newest hands it over; a
/// relay refusing every submit, for good or for now, does not hold a send up.
#[test]
fn the_newest_directory_wins_and_a_relay_refusing_every_submit_does_not_block_a_send() {
    let ThreeRelays {
        custodian,
        relays: [first, _second, mut third],
        pocs,
        _root,
    } = ThreeRelays::setup(&["FRA.technical", "MEX.technical"]);
    let (fra, mex) = (&pocs[0].1, &pocs[1].1);
    let serial = |home: &PocHome| {
        home.json(&["directory", "relays"])["serial"]
            .as_u64()
            .unwrap()
    };
    let listed = serial(mex);

    // Two more publications; the first relay misses the last one (it hangs meanwhile), and
    // MEX syncs neither, so the first relay listed offers MEX something newer than it holds,
    // but older than what the other two offer.
    custodian.poc(&["custodian", "publish"]).ok();
    first.pause();
    let published = custodian.poc(&["--retry-for", "2s", "custodian", "publish"]);
    published.ok();
    assert!(
        tells_unreached(&published.stderr) && published.stderr.contains(&first.address),
        "{}",
        published.stderr
    );
    first.resume();
    // What the first relay serves (the custodian's review reads the first relay listed).
    let first_relay_serial = || {
        custodian.json(&["custodian", "review", "--since", "1d"])["relay"]["directory_serial"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(
        first_relay_serial(),
        listed + 1,
        "the first relay missed one"
    );
    let synced = mex.json(&["directory", "sync"]);
    assert_eq!(
        synced["serial"],
        listed + 2,
        "the newest directory wins: {synced}"
    );
    assert_eq!(serial(mex), listed + 2);
    // MEX handed the directory it verified to the relay that served an older one.
    assert_eq!(
        first_relay_serial(),
        listed + 2,
        "the first relay caught up"
    );

    // The third relay now refuses every submit for good (it takes no envelope that lives
    // longer than a minute): the two others store the message, which is all k asks; nothing
    // is owed for a final refusal.
    poc_tests::raw::set_config(&third.config, "max_ttl_secs", "60");
    third.restart();
    let (run, id) = send(fra, "third relay refuses");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!tells_unreached(&run.stderr), "{}", run.stderr);
    assert_eq!(owed(&fra.dir), 0);
    let announced = fetch(mex);
    assert!(announced.contains(&id.unwrap()), "{announced:?}");

    // Refused for now instead (a mailbox holds nothing there until the operator raises the
    // quota): the send is still stored by the two others, the copy stays owed, and it
    // reaches the third relay with the first command after the quota was raised.
    poc_tests::raw::set_config(&third.config, "max_ttl_secs", "7776000");
    poc_tests::raw::set_config(&third.config, "mailbox_max_envelopes", "0");
    third.restart();
    let (run, id) = send(fra, "third relay is full");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(owed(&fra.dir), 1, "the refused copy is kept for later");
    poc_tests::raw::set_config(&third.config, "mailbox_max_envelopes", "10000");
    third.restart();
    fra.poc(&["--retry-for", "2s", "inbox"]).ok();
    assert_eq!(owed(&fra.dir), 0, "the copy reached the third relay");
    let announced = fetch(mex);
    assert!(announced.contains(&id.unwrap()), "{announced:?}");
}

/// A campaign run while one relay of three is down: every PoC answers on time, the report
/// says so, and its bundle verifies.
#[test]
fn a_ping_campaign_completes_with_one_relay_down() {
    let ids = ["FRA.technical", "MEX.technical", "BRA.technical"];
    let ThreeRelays {
        custodian,
        relays: [_first, mut second, _third],
        pocs,
        _root,
    } = ThreeRelays::setup(&ids);
    second.kill();
    let campaign = custodian.json(&[
        "--retry-for",
        "2s",
        "ping",
        "start",
        "--all",
        "--deadline",
        "1h",
    ]);
    let cid = campaign["campaign"].as_str().unwrap().to_owned();
    for (_, home) in &pocs {
        let ping = home.ping_of(&cid);
        home.json(&["--retry-for", "2s", "ack", &ping]);
    }
    let report = custodian.json(&[
        "--retry-for",
        "2s",
        "ping",
        "report",
        &cid,
        "--format",
        "json",
    ]);
    let results = report["results"].as_array().unwrap();
    assert_eq!(results.len(), ids.len(), "{report}");
    for id in ids {
        let result = results.iter().find(|r| r["id"] == id).unwrap();
        assert_eq!(result["outcome"], "on_time", "{id}: {report}");
    }
    let bundle = custodian.dir.join("campaign.bundle");
    custodian
        .poc(&["ping", "report", &cid, "--bundle", bundle.to_str().unwrap()])
        .ok();
    let custodian_pub = custodian.dir.join("custodian.pub");
    let verified = custodian.poc(&[
        "ping",
        "verify",
        bundle.to_str().unwrap(),
        "--custodian-key",
        custodian_pub.to_str().unwrap(),
    ]);
    verified.ok();
    for id in ids {
        assert!(
            verified
                .stdout
                .lines()
                .any(|l| l.contains(id) && l.contains("on time")),
            "{id}: {}",
            verified.stdout
        );
    }
}

/// A send storm from two senders at once, during which the first relay is killed (SIGKILL)
/// and then the second stopped (SIGSTOP), and both come back: every message a sender saw
/// stored is delivered exactly once, and its receipt reaches its sender exactly once.
#[test]
fn a_send_storm_through_a_killed_and_a_stopped_relay_loses_nothing() {
    const PER_SENDER: usize = 6;
    let ThreeRelays {
        custodian: _custodian,
        relays: [mut first, second, _third],
        pocs,
        _root,
    } = ThreeRelays::setup(&["FRA.technical", "BRA.technical", "MEX.technical"]);
    let senders = [&pocs[0].1, &pocs[1].1];
    let mex = &pocs[2].1;

    // Each sender reports every send's outcome; the relays change state as the storm goes.
    let (progress, outcomes) = std::sync::mpsc::channel::<(usize, Option<String>)>();
    let mut stored: Vec<BTreeSet<String>> = vec![BTreeSet::new(), BTreeSet::new()];
    let mut failed = 0;
    std::thread::scope(|scope| {
        for (index, home) in senders.iter().enumerate() {
            let progress = progress.clone();
            scope.spawn(move || {
                for n in 0..PER_SENDER {
                    let (_, id) = send(home, &format!("storm {index}-{n}"));
                    progress.send((index, id)).unwrap();
                }
            });
        }
        drop(progress);
        let mut done = 0;
        for (index, id) in outcomes {
            done += 1;
            match id {
                Some(id) => {
                    stored[index].insert(id);
                }
                None => failed += 1,
            }
            match done {
                2 => first.kill(),
                5 => second.pause(),
                8 => {
                    second.resume();
                    first.start();
                }
                _ => {}
            }
        }
    });
    let all: BTreeSet<String> = stored.iter().flatten().cloned().collect();
    eprintln!(
        "storm: {} sends stored, {failed} told not stored",
        all.len()
    );
    assert!(
        all.len() >= PER_SENDER,
        "most sends are stored: {} stored, {failed} failed",
        all.len()
    );

    // Fetched from every relay, each message is stored and announced once.
    let mut announced = fetch(mex);
    announced.extend(fetch(mex));
    assert_delivered_once(mex, &all, &announced);

    // Receipts travel the same way: each sender gets exactly one per message stored.
    for id in &all {
        mex.json(&["--retry-for", "2s", "ack", id]);
    }
    for (index, home) in senders.iter().enumerate() {
        home.json(&["--retry-for", "2s", "inbox"]);
        let inbox = home.json(&["--retry-for", "2s", "inbox"]);
        let receipts: Vec<&str> = inbox["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["type"] == "receipt")
            .filter_map(|i| i["receipt_for"].as_str())
            .collect();
        for id in &stored[index] {
            let count = receipts.iter().filter(|r| **r == id.as_str()).count();
            assert_eq!(count, 1, "receipt for {id}: {receipts:?}");
        }
    }
}
