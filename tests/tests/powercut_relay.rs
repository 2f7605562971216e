//! Power cuts under the relay: its store on a file system that forgets every write not
//! synced ([`poc_tests::forgetful`]), under concurrent load, the relay killed and the power
//! cut about 20 times at random moments (also during expiry sweeps, compaction and backups),
//! then restarted on the same mount. The logic is shared with `poc-bench powercut`
//! ([`poc_tests::powercut`]), which runs it for hundreds of cuts.
//!
//! The test checks the whole property: the relay starts after every cut, every envelope it
//! acknowledged is there exactly once and unaltered, and every backup `poc-relay backup`
//! reported written is there and verifies.
//!
//! `POC_CRASH_SEED` replays the random choices of a run (ids, batches, recipients, pauses).

use std::time::Duration;

use poc_tests::crash::{self, CrashOptions};
use poc_tests::forgetful::Model;
use poc_tests::powercut::{self, PowercutOptions, PowercutReport};

fn run() -> PowercutReport {
    let seed = std::env::var("POC_CRASH_SEED")
        .ok()
        .map(|s| s.parse().expect("POC_CRASH_SEED is a number"))
        .unwrap_or_else(crash::clock_seed);
    println!("power-cut test seed: {seed} (set POC_CRASH_SEED={seed} to replay its choices)");
    let options = PowercutOptions {
        crash: CrashOptions {
            kills: 20,
            seed,
            clients: 4,
            mailboxes: 3,
            max_pause: Duration::from_millis(400),
            // Bounded in time on a slow machine: the test needs at least 15 cuts.
            time_limit: Some(Duration::from_secs(45)),
            progress_every: 0,
        },
        model: Model::Posix,
        backups: true,
        cut: true,
    };
    let report = powercut::run(&options).expect("the power-cut run");
    println!("{report}");
    let crash = &report.crash;
    assert!(crash.kills >= 15, "only {} cuts: {report}", crash.kills);
    assert!(crash.acked > 0, "{report}");
    // The cuts did take writes back: the run is not one a kill alone would make.
    assert!(report.files_reverted > 0, "{report}");
    report
}

#[test]
fn acknowledged_envelopes_and_backups_survive_repeated_power_cuts() {
    let report = run();
    let crash = &report.crash;
    assert_eq!(crash.lost, 0, "{report}");
    assert_eq!(crash.duplicates, 0, "{report}");
    assert_eq!(crash.corrupt, 0, "{report}");
    assert!(crash.errors.is_empty(), "{report}");
    assert!(report.backups_completed > 0, "{report}");
    assert!(report.backups_lost.is_empty(), "{report}");
    assert!(report.ok(), "{report}");
    assert_eq!(
        crash.fetched,
        crash.acked + crash.unacked_present,
        "{report}"
    );
}
