//! Power cuts under a PoC's home: the home on a file system that forgets every write not
//! synced ([`poc_tests::forgetful`]), `poc` killed at a random moment of `inbox`, `send`,
//! `keys rotate`, `custodian publish` and `ping report`, then the power cut, and the home used
//! again. A full disk, too.
//!
//! What must hold after every cut: the home opens with its passphrase (the keystore is never
//! half-written); nothing the client told the relay to delete is missing from the home; a
//! rotated key the custodian was asked to accept is the one the home holds, and a rotation
//! the cut interrupted can be finished; the custodian's
//! directory is the old or the new one and the next publication is accepted by the relay;
//! every answer to a campaign that the report fetched is in the next report.
//!
//! `POC_CRASH_SEED` replays the random moments of a run.

// Test helpers: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use poc_tests::crash::{self, Rng};
use poc_tests::forgetful::{self, Fault, Forgetful, Model};
use poc_tests::{local_ids, Network, PocHome, Run};

/// Cuts per command, at least.
const CUTS: usize = 6;

/// Cuts per command at most: more than [`CUTS`] only until one cut interrupted the command
/// and one took a write back.
const MAX_CUTS: usize = 4 * CUTS;

/// How long each sync of the command being cut takes: the command then spends most of its
/// time with written data not yet durable, where a cut matters.
const SLOW_SYNC: Duration = Duration::from_millis(100);

fn rng(test: &str) -> Rng {
    let seed = std::env::var("POC_CRASH_SEED")
        .ok()
        .map(|s| s.parse().expect("POC_CRASH_SEED is a number"))
        .unwrap_or_else(crash::clock_seed);
    println!("{test}: seed {seed} (set POC_CRASH_SEED={seed} to replay its moments)");
    Rng::new(seed)
}

/// Moves the home onto a forgetting file system mounted in its place: what the home holds
/// now is the durable image (the commands that wrote it synced it).
fn home_on_forgetful(net: &Network, home: &PocHome) -> Forgetful {
    assert!(
        forgetful::available(),
        "the power-cut tests need /dev/fuse and fusermount3 (Debian package fuse3; tests/run.sh installs it)"
    );
    let name = home.dir.file_name().unwrap().to_string_lossy().into_owned();
    let backing = net.root.path().join(format!("{name}-backing"));
    std::fs::rename(&home.dir, &backing).unwrap();
    std::fs::create_dir(&home.dir).unwrap();
    Forgetful::mount(&backing, &home.dir, Model::Posix).unwrap()
}

/// What the cuts did.
#[derive(Debug, Default)]
struct Cuts {
    /// Cuts made.
    made: usize,
    /// Cuts that killed the command before it ended.
    interrupted: usize,
    /// Files or folders the cuts took back to their last sync.
    reverted: u64,
}

impl Cuts {
    /// Whether to cut once more.
    fn more(&self) -> bool {
        self.made < CUTS || (self.made < MAX_CUTS && !self.bit())
    }

    /// The cuts landed: some killed the command half-way and some took writes back, so the
    /// run is not one a plain kill would make.
    fn bit(&self) -> bool {
        self.interrupted > 0 && self.reverted > 0
    }
}

/// Starts `poc ARGS` in `home`, kills it after a random pause of up to `within`, and cuts
/// the power. Returns the command's output and whether it had ended by itself.
fn cut_during(
    home: &PocHome,
    fs: &Forgetful,
    args: &[&str],
    rng: &mut Rng,
    within: Duration,
    cuts: &mut Cuts,
) -> (Run, bool) {
    fs.inject(Fault::SlowSync(SLOW_SYNC));
    let written = fs.counters().bytes_written;
    let started = Instant::now();
    let mut child = home.spawn(args);
    // Half the cuts at a random moment of the whole command, half at a random moment soon
    // after its first write to the home, where the syncs are.
    if rng.below(2) == 0 {
        std::thread::sleep(Duration::from_millis(rng.below(within.as_millis() as u64)));
    } else {
        while fs.counters().bytes_written == written
            && started.elapsed() < within
            && child.try_wait().unwrap().is_none()
        {
            std::thread::sleep(Duration::from_millis(1));
        }
        std::thread::sleep(Duration::from_millis(
            rng.below(3 * SLOW_SYNC.as_millis() as u64),
        ));
    }
    let pause = started.elapsed().as_millis();
    let ended = child.try_wait().unwrap().is_some();
    if !ended {
        child.kill().unwrap();
        cuts.interrupted += 1;
    }
    let run = Run::of(child.wait_with_output().unwrap());
    fs.clear_faults();
    let report = fs.cut_power();
    cuts.made += 1;
    println!(
        "cut {} of `poc {}`: after {pause} ms, {}, {report:?}",
        cuts.made,
        args.join(" "),
        if ended { "had ended" } else { "killed" }
    );
    if ended && run.code != 0 {
        println!("  it had failed: {}", run.stderr.trim());
    }
    cuts.reverted += report.files_reverted + report.dirs_reverted + report.nodes_dropped;
    (run, ended)
}

/// Sends a low-priority text to FRA.technical from `home`; returns the envelope id.
fn send_to_fra(home: &PocHome, text: &str) -> String {
    sent_id(&home.json(&[
        "send",
        "--to",
        "FRA.technical",
        "--type",
        "text",
        "--priority",
        "low",
        "--field",
        &format!("text={text}"),
    ]))
}

fn sent_id(sent: &serde_json::Value) -> String {
    sent["sent"][0]["id"].as_str().unwrap().to_owned()
}

fn assert_bit(cuts: &Cuts) {
    assert!(
        cuts.bit(),
        "in {MAX_CUTS} cuts, none both interrupted the command and took a write back: {cuts:?}"
    );
}

fn missing(home: &Path, sent: &BTreeSet<String>) -> Vec<String> {
    let local = local_ids(home);
    sent.iter()
        .filter(|id| !local.contains(*id))
        .cloned()
        .collect()
}

#[test]
fn what_inbox_deleted_at_the_relay_is_in_the_home_after_any_cut() {
    let mut rng = rng("inbox");
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let mex = net.poc("MEX.technical");
    let fs = home_on_forgetful(&net, fra);
    let mut sent = BTreeSet::new();
    let mut cuts = Cuts::default();
    let mut round = 0;
    while cuts.more() {
        round += 1;
        for n in 0..4 {
            let text = format!("round {round} message {n}");
            sent.insert(send_to_fra(mex, &text));
        }
        cut_during(
            fra,
            &fs,
            &["inbox"],
            &mut rng,
            Duration::from_millis(1500),
            &mut cuts,
        );
        // The home opens and fetches what is left: every message is then in the home,
        // whether the cut came before or after the relay deleted it.
        fra.poc(&["inbox"]).ok();
        assert_eq!(
            missing(&fra.dir, &sent),
            Vec::<String>::new(),
            "round {round}"
        );
    }
    // Stored means synced: one more cut takes nothing the relay no longer holds.
    fs.cut_power();
    assert_eq!(missing(&fra.dir, &sent), Vec::<String>::new());
    println!("{cuts:?}");
    assert_bit(&cuts);
}

#[test]
fn a_send_cut_half_way_leaves_a_home_that_sends_again() {
    let mut rng = rng("send");
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let mex = net.poc("MEX.technical");
    let fs = home_on_forgetful(&net, mex);
    let mut cuts = Cuts::default();
    let mut acknowledged = BTreeSet::new();
    let mut round = 0;
    while cuts.more() {
        round += 1;
        let text = format!("cut send {round}");
        let (run, ended) = cut_during(
            mex,
            &fs,
            &[
                "--json",
                "send",
                "--to",
                "FRA.technical",
                "--type",
                "text",
                "--priority",
                "low",
                "--field",
                &format!("text={text}"),
            ],
            &mut rng,
            Duration::from_millis(1500),
            &mut cuts,
        );
        if ended && run.code == 0 {
            acknowledged.insert(sent_id(&run.document()));
        }
        // The home sends again, and what it says it sent arrives.
        let after = send_to_fra(mex, &format!("after cut {round}"));
        acknowledged.insert(after);
    }
    fra.poc(&["inbox"]).ok();
    assert_eq!(missing(&fra.dir, &acknowledged), Vec::<String>::new());
    println!("{cuts:?}");
    assert_bit(&cuts);
}

#[test]
fn a_key_rotation_cut_half_way_never_leaves_the_custodian_a_key_the_home_lost() {
    let mut rng = rng("keys rotate");
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let mex = net.poc("MEX.technical");
    let fs = home_on_forgetful(&net, fra);
    let mut cuts = Cuts::default();
    let mut round = 0;
    while cuts.more() {
        round += 1;
        cut_during(
            fra,
            &fs,
            &["keys", "rotate"],
            &mut rng,
            Duration::from_millis(1500),
            &mut cuts,
        );
        // The keystore opens with the passphrase after every cut.
        fra.poc(&["whoami"]).ok();
        // The rotation can be finished: a new key the cut left pending, whose request may
        // never have reached the custodian, is asked for again.
        fra.poc(&["keys", "rotate"]).ok();
        // Whatever rotation request reached the custodian, accepting it keeps FRA reachable:
        // the home holds the key it names.
        let queue = net.custodian.json(&["custodian", "requests"]);
        let pending: Vec<String> = queue["requests"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["status"] == "pending" && r["rotation"] == true)
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect();
        if let Some(last) = pending.last() {
            net.custodian.json(&["custodian", "approve", last]);
            net.custodian.json(&["custodian", "publish"]);
        }
        fra.poc(&["inbox"]).ok();
        let text = format!("after rotation cut {round}");
        let id = send_to_fra(mex, &text);
        fra.poc(&["inbox"]).ok();
        let read = fra.json(&["read", &id]);
        assert!(read.to_string().contains(&text), "round {round}: {read}");
    }
    println!("{cuts:?}");
    assert_bit(&cuts);
}

#[test]
fn a_publication_cut_half_way_leaves_the_old_or_the_new_directory_and_the_next_one_is_accepted() {
    let mut rng = rng("custodian publish");
    let mut net = Network::setup(&["FRA.technical"]);
    let custodian = net.custodian.clone();
    let fs = home_on_forgetful(&net, &custodian);
    let mut cuts = Cuts::default();
    let mut round = 0;
    while cuts.more() {
        round += 1;
        let id = format!("{}.technical", country(round));
        let before = serial(&net.poc("FRA.technical").json(&["directory", "sync"]));
        let home = net.invite_and_init(&id);
        let request = home.dir.join("enrolment-request.txt");
        custodian
            .poc(&["custodian", "add", request.to_str().unwrap(), "--yes"])
            .ok();
        net.pocs.push((id.clone(), home));
        cut_during(
            &custodian,
            &fs,
            &["custodian", "publish"],
            &mut rng,
            Duration::from_millis(1500),
            &mut cuts,
        );
        // The custodian's home opens; the relay serves the old or the new directory.
        custodian.poc(&["whoami"]).ok();
        let served = serial(&net.poc("FRA.technical").json(&["directory", "sync"]));
        assert!(
            served == before || served == before + 1,
            "round {round}: {before} then {served}"
        );
        // The next publication is accepted and carries the new PoC (added again if the cut
        // took the addition back).
        let request = net.poc(&id).dir.join("enrolment-request.txt");
        custodian
            .poc(&["custodian", "add", request.to_str().unwrap(), "--yes"])
            .ok();
        custodian.poc(&["custodian", "publish"]).ok();
        let after = net.poc("FRA.technical").json(&["directory", "sync"]);
        assert!(serial(&after) > served, "round {round}: {after}");
        net.poc("FRA.technical").json(&["directory", "show", &id]);
    }
    println!("{cuts:?}");
    assert_bit(&cuts);
}

#[test]
fn a_custodian_rotation_cut_half_way_is_finished_and_the_members_follow() {
    let mut rng = rng("custodian rotate");
    let net = Network::setup(&["FRA.technical"]);
    let custodian = net.custodian.clone();
    let fra = net.poc("FRA.technical");
    let fs = home_on_forgetful(&net, &custodian);
    let mut cuts = Cuts::default();
    let mut round = 0;
    while cuts.more() {
        round += 1;
        cut_during(
            &custodian,
            &fs,
            &["custodian", "rotate"],
            &mut rng,
            Duration::from_millis(1500),
            &mut cuts,
        );
        // Running the rotation again finishes the one cut short (or rotates once more), and
        // the custodian publishes on with the key it ends with.
        let rotated = custodian.poc(&["--json", "custodian", "rotate"]);
        assert_eq!(rotated.code, 0, "round {round}: {rotated:?}");
        let published = custodian.json(&["custodian", "publish"]);
        let synced = fra.json(&["directory", "sync"]);
        assert_eq!(
            serial(&synced),
            serial(&published),
            "round {round}: {synced}"
        );
        assert_eq!(
            serial(&fra.json(&["directory", "verify"])),
            serial(&published)
        );
    }
    println!("{cuts:?}");
    assert_bit(&cuts);
}

fn serial(synced: &serde_json::Value) -> u64 {
    synced["serial"]
        .as_u64()
        .unwrap_or_else(|| panic!("no serial in {synced}"))
}

/// A State code for each round (more than [`MAX_CUTS`]).
fn country(round: usize) -> &'static str {
    const CODES: [&str; 26] = [
        "BRA", "CHL", "DEU", "EGY", "FIN", "GHA", "IND", "JPN", "KEN", "LBN", "MLI", "NOR", "OMN",
        "PER", "QAT", "ROU", "SEN", "THA", "UGA", "VNM", "YEM", "ZAF", "ARG", "BEL", "CAN", "DNK",
    ];
    CODES[round % CODES.len()]
}

#[test]
fn a_full_disk_stops_inbox_before_the_relay_deletes_what_the_home_could_not_store() {
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let fra = net.poc("FRA.technical");
    let mex = net.poc("MEX.technical");
    let fs = home_on_forgetful(&net, fra);
    let mut sent = BTreeSet::new();
    for n in 0..3 {
        sent.insert(send_to_fra(mex, &format!("message {n} for a full disk")));
    }
    fs.inject(Fault::NoSpace);
    let full = fra.poc(&["inbox"]);
    println!("{}", full.stderr);
    assert_ne!(full.code, 0, "{}", full.stderr);
    assert!(
        full.stderr.contains("No space left on device"),
        "{}",
        full.stderr
    );
    // What to do, in FRA's language.
    assert!(
        full.stderr
            .contains("Le disque qui contient votre dossier PoC est plein"),
        "{}",
        full.stderr
    );
    assert_eq!(missing(&fra.dir, &sent).len(), sent.len());
    // The space returns: everything is still at the relay and arrives.
    fs.clear_faults();
    fra.poc(&["inbox"]).ok();
    assert_eq!(missing(&fra.dir, &sent), Vec::<String>::new());
}

#[test]
fn a_campaign_report_cut_half_way_keeps_every_answer_it_fetched() {
    let mut rng = rng("ping report");
    let net = Network::setup(&["FRA.technical", "MEX.technical"]);
    let custodian = net.custodian.clone();
    let fs = home_on_forgetful(&net, &custodian);
    let mut cuts = Cuts::default();
    while cuts.more() {
        // A new campaign each time, answered, so that the report has answers to fetch.
        let started = custodian.json(&["ping", "start", "--all", "--deadline", "1h"]);
        let campaign = started["campaign"].as_str().unwrap().to_owned();
        for id in ["FRA.technical", "MEX.technical"] {
            let home = net.poc(id);
            home.json(&["ack", &home.ping_of(&campaign)]);
        }
        let report = ["ping", "report", &campaign, "--format", "json"];
        cut_during(
            &custodian,
            &fs,
            &report,
            &mut rng,
            Duration::from_millis(1500),
            &mut cuts,
        );
        // Whatever the cut took, the answers the relay no longer holds are in the home.
        let results = custodian.json(&report)["results"].clone();
        for id in ["FRA.technical", "MEX.technical"] {
            let result = results
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["id"] == id)
                .unwrap_or_else(|| panic!("{id} is not in the report: {results}"));
            assert_eq!(result["outcome"], "on_time", "cut {}: {result}", cuts.made);
        }
    }
    println!("{cuts:?}");
    assert_bit(&cuts);
}
