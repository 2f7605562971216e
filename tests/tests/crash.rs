//! The relay killed with SIGKILL many times under concurrent load loses nothing it
//! acknowledged and stores nothing twice.
//!
//! The real `poc-relay` binary runs as a child process; four clients logged in with the
//! enrolled PoCs' real keys submit batches of envelopes with unique ids to three mailboxes
//! (half of them resubmitting a batch after a lost answer, as `poc send` does); the relay is
//! killed at random moments 20 times and restarted on the same data directory and port. At
//! the end every acknowledged envelope is in its mailbox exactly once and intact, and every
//! unacknowledged one at most once. The logic is shared with `poc-bench crash`
//! ([`poc_tests::crash`]), which runs it for hundreds of kills.
//!
//! SIGKILL does not lose what the process wrote to the operating system's buffers, so this
//! checks the crash consistency of sled and of the relay's group commit (nothing is
//! acknowledged before its transaction completed and the flush ran), not that flushed data
//! reaches the disk: that needs a power cut, which a test cannot make.
//!
//! `POC_CRASH_SEED` replays the random choices of a run (ids, batches, recipients, pauses).

use std::time::Duration;

use poc_tests::crash::{self, CrashOptions};

#[test]
fn acknowledged_envelopes_survive_repeated_sigkills_exactly_once() {
    let seed = std::env::var("POC_CRASH_SEED")
        .ok()
        .map(|s| s.parse().expect("POC_CRASH_SEED is a number"))
        .unwrap_or_else(crash::clock_seed);
    println!("crash test seed: {seed} (set POC_CRASH_SEED={seed} to replay its choices)");
    let options = CrashOptions {
        kills: 20,
        seed,
        clients: 4,
        mailboxes: 3,
        max_pause: Duration::from_millis(400),
        // Bounded in time on a slow machine: the test needs at least 15 kills.
        time_limit: Some(Duration::from_secs(50)),
        progress_every: 0,
    };
    let report = crash::run(&options).unwrap();
    println!("{report}");
    assert!(report.ok(), "{report}");
    assert!(report.kills >= 15, "only {} kills: {report}", report.kills);
    assert!(report.acked > 0, "{report}");
    assert_eq!(
        report.fetched,
        report.acked + report.unacked_present,
        "{report}"
    );
}
