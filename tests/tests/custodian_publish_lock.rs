//! One publication at a time from a custodian's home: a second one, from `poc ui` or another
//! terminal, is refused with a sentence instead of signing a second directory under the same
//! serial.

// Test helpers: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use poc_tests::{Network, Run};

const BUSY: &str = "another publication from this home is under way";

#[test]
fn a_publication_while_another_holds_the_home_is_refused_and_records_nothing() {
    let net = Network::setup(&["FRA.technical"]);
    let custodian = &net.custodian;
    let published_dir = custodian.dir.join("custodian/published");
    let recorded = || std::fs::read_dir(&published_dir).unwrap().count();
    let before = recorded();

    // Another publication holds the lock.
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(custodian.dir.join("custodian/publishing.lock"))
        .unwrap();
    rustix::fs::flock(&lock, rustix::fs::FlockOperation::NonBlockingLockExclusive).unwrap();
    let refused = custodian.poc(&["custodian", "publish"]);
    assert_eq!(refused.code, 2, "{refused:?}");
    assert!(refused.stderr.contains(BUSY), "{}", refused.stderr);
    assert_eq!(
        recorded(),
        before,
        "a refused publication recorded a directory"
    );
    drop(lock);

    let published = custodian.json(&["custodian", "publish"]);
    assert!(published["serial"].as_u64().unwrap() > 0);
}

#[test]
fn concurrent_publications_never_share_a_serial() {
    let net = Network::setup(&["FRA.technical"]);
    let fra = net.poc("FRA.technical");
    let runs: Vec<Run> = (0..3)
        .map(|_| net.custodian.spawn(&["--json", "custodian", "publish"]))
        .collect::<Vec<_>>()
        .into_iter()
        .map(|child| Run::of(child.wait_with_output().unwrap()))
        .collect();
    let mut serials = Vec::new();
    for run in &runs {
        if run.code == 0 {
            serials.push(run.document()["serial"].as_u64().unwrap());
        } else {
            assert!(run.stderr.contains(BUSY), "{run:?}");
        }
    }
    assert!(!serials.is_empty(), "{runs:?}");
    let newest = *serials.iter().max().unwrap();
    serials.sort_unstable();
    serials.dedup();
    assert_eq!(serials.len(), runs.iter().filter(|r| r.code == 0).count());
    assert_eq!(fra.json(&["directory", "sync"])["serial"], newest);
    assert_eq!(fra.json(&["directory", "verify"])["serial"], newest);
}
