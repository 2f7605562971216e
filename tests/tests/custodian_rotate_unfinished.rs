//! A custodian key rotation that did not finish keeps its new key, and is finished with that
//! same key: by `poc custodian rotate` run again when the relay never saw the directory, and by
//! the next unlock when the relay holds it but its answer never reached the custodian. Either
//! way the custodian still publishes and the members follow.

// Test helpers: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use poc_tests::{copy_dir, Network};

/// The custodian key in force, as the custodian's home publishes it in `custodian.pub`.
fn key_in_force(home: &Path) -> String {
    std::fs::read_to_string(home.join("custodian.pub"))
        .unwrap()
        .trim()
        .to_owned()
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

#[test]
fn a_rotation_the_relay_never_saw_keeps_its_key_and_the_next_run_finishes_it() {
    let mut net = Network::setup(&["FRA.technical"]);
    let custodian = net.custodian.clone();
    let fra = net.poc("FRA.technical").clone();
    let before = key_in_force(&custodian.dir);

    net.relay.kill();
    let failed = custodian.poc(&["--retry-for", "1s", "custodian", "rotate"]);
    assert_ne!(failed.code, 0, "{failed:?}");
    assert!(
        failed
            .stderr
            .contains("run `poc custodian rotate` again to finish the rotation"),
        "{}",
        failed.stderr
    );
    let pending = custodian.dir.join("identity.next.age");
    assert!(pending.exists(), "the new key was removed");
    let new_keystore = read(&pending);
    // Nothing else changed: the old key is still the custodian key.
    assert_eq!(key_in_force(&custodian.dir), before);
    // While the relay stays down, the home still unlocks with the old key (the pending one
    // is asked about at the next unlock).
    let unlocked = custodian.poc(&["--retry-for", "1s", "sent", "--resend-all"]);
    assert_eq!(unlocked.code, 0, "{unlocked:?}");
    assert!(pending.exists());

    net.relay.start();
    let rotated = custodian.json(&["custodian", "rotate"]);
    assert_ne!(rotated["custodian_key"], before);
    assert_eq!(rotated["custodian_key"], key_in_force(&custodian.dir));
    // The same new key, not a second one.
    assert!(!pending.exists());
    assert_eq!(read(&custodian.dir.join("identity.age")), new_keystore);
    let serial = rotated["published"]["serial"].as_u64().unwrap();
    assert_eq!(fra.json(&["directory", "sync"])["serial"], serial);
    let published = custodian.json(&["custodian", "publish"]);
    assert_eq!(published["serial"], serial + 1);
    assert_eq!(fra.json(&["directory", "sync"])["serial"], serial + 1);
}

#[test]
fn a_rotation_whose_answer_was_lost_is_finished_by_the_next_unlock() {
    let net = Network::setup(&["FRA.technical"]);
    let custodian = net.custodian.clone();
    let fra = net.poc("FRA.technical");
    let before = key_in_force(&custodian.dir);
    let snapshot = tempfile::tempdir().unwrap();
    let old_home = snapshot.path().join("home");
    copy_dir(&custodian.dir, &old_home);

    let rotated = custodian.json(&["custodian", "rotate"]);
    let serial = rotated["published"]["serial"].as_u64().unwrap();
    // The home as a rotation leaves it when the relay accepted the directory but its answer
    // was lost: the files of before, the new key pending, the signed directory recorded.
    let new_keystore = read(&custodian.dir.join("identity.age"));
    let recorded = custodian
        .dir
        .join(format!("custodian/published/{serial}.bin"));
    let recorded_bytes = read(&recorded);
    std::fs::remove_dir_all(&custodian.dir).unwrap();
    copy_dir(&old_home, &custodian.dir);
    std::fs::write(custodian.dir.join("identity.next.age"), &new_keystore).unwrap();
    std::fs::write(&recorded, &recorded_bytes).unwrap();
    assert_eq!(key_in_force(&custodian.dir), before);

    // Running the rotation again reports the one the relay holds instead of a second one.
    let again = custodian.poc(&["--json", "custodian", "rotate"]);
    assert_eq!(again.code, 0, "{again:?}");
    let again = again.document();
    assert_eq!(again["custodian_key"], rotated["custodian_key"]);
    assert_eq!(again["published"]["serial"], serial);
    assert!(!custodian.dir.join("identity.next.age").exists());
    assert_eq!(read(&custodian.dir.join("identity.age")), new_keystore);
    assert_eq!(rotated["custodian_key"], key_in_force(&custodian.dir));

    // The custodian publishes on with the new key, and the member follows.
    let published = custodian.json(&["custodian", "publish"]);
    assert_eq!(published["serial"], serial + 1);
    assert_eq!(fra.json(&["directory", "sync"])["serial"], serial + 1);
    let verify = fra.json(&["directory", "verify"]);
    assert_eq!(verify["serial"], serial + 1);
}
