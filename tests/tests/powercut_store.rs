//! The relay's store on a file system that forgets every write not synced
//! ([`poc_tests::forgetful`]): what a flush made durable survives a power cut, envelopes
//! and removals alike, and a later write that no flush covered never comes back damaged.
//! One store, no relay process: the power-cut run (`powercut_relay.rs`) adds the load.

// Test helpers: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::fs::File;
use std::path::Path;

use poc_proto::{
    Envelope, EnvelopeId, MailboxId, Priority, PublicKeyBytes, PublishedDirectory, SignatureBytes,
    SignedAccessList, ENVELOPE_VERSION,
};
use poc_relay::store::{Quota, Quotas, SledStore, Store, Submission};
use poc_tests::forgetful::{self, Fault, Forgetful, Model};

const MAILBOXES: u8 = 3;

fn envelope(n: u16) -> Envelope {
    let mut id = [0u8; 16];
    id[..2].copy_from_slice(&n.to_be_bytes());
    Envelope {
        version: ENVELOPE_VERSION,
        id: EnvelopeId(id),
        to: MailboxId([(n % u16::from(MAILBOXES)) as u8; 32]),
        priority: Priority::Medium,
        expires_at: u64::MAX,
        payload: vec![(n % 251) as u8; 700 + usize::from(n % 300)],
    }
}

/// Stores envelopes `range` in submissions of 7.
fn put(store: &SledStore, range: std::ops::Range<u16>) {
    for result in try_put(store, range) {
        result.unwrap();
    }
}

/// [`put`], with the result of each submission.
fn try_put(
    store: &SledStore,
    range: std::ops::Range<u16>,
) -> Vec<Result<poc_relay::store::PutOutcome, poc_relay::store::StoreError>> {
    let quotas = Quotas::uniform(Quota {
        max_envelopes: 1_000_000,
        max_bytes: u64::MAX,
        sender_share_percent: 100,
    });
    let envelopes: Vec<Envelope> = range.map(envelope).collect();
    let submissions: Vec<Submission<'_>> = envelopes
        .chunks(7)
        .map(|chunk| Submission {
            envelopes: chunk,
            submitter: PublicKeyBytes([7; 32]),
            quotas: &quotas,
        })
        .collect();
    store.put_many(&submissions, 0)
}

/// Every envelope waiting, by its number.
fn waiting(store: &SledStore) -> BTreeSet<u16> {
    let mut found = BTreeSet::new();
    for mailbox in 0..MAILBOXES {
        let page = store
            .fetch(&MailboxId([mailbox; 32]), None, 10_000, usize::MAX, 0)
            .unwrap();
        assert!(page.next.is_none());
        for stored in page.envelopes {
            let n = u16::from_be_bytes([stored.id.0[0], stored.id.0[1]]);
            assert_eq!(stored, envelope(n), "envelope {n} came back altered");
            assert!(found.insert(n), "envelope {n} is stored twice");
        }
    }
    found
}

/// A published directory as large as one of every State's entries (sled keeps a page this
/// large in a blob file of its own, outside its log). The store does not check it.
fn large_directory(generation: u8) -> PublishedDirectory {
    PublishedDirectory {
        access_list: SignedAccessList {
            body: vec![generation; 40_000],
            signature: SignatureBytes([generation; 64]),
        },
        sealed_directory: (0..300_000u32)
            .map(|i| (i % 251) as u8 ^ generation)
            .collect(),
    }
}

fn open(dir: &Path) -> SledStore {
    SledStore::open(dir, 1 << 20).unwrap()
}

/// Set in the child process that writes and then dies: the store's directory.
const WRITER_DIR: &str = "POC_POWERCUT_STORE_DIR";

/// Stores, flushes, deletes, flushes, stores without a flush, then dies without running
/// a destructor, as a relay killed by a power cut does: sled gets no chance to write or
/// sync anything on its way out.
fn write_then_die(
    dir: &Path,
    acknowledged: std::ops::Range<u16>,
    unflushed: std::ops::Range<u16>,
) -> ! {
    let store = open(dir);
    put(&store, acknowledged.clone());
    store
        .put_directory(&large_directory(acknowledged.start as u8))
        .unwrap();
    store.flush().unwrap();
    for n in acknowledged.filter(|n| n % 5 == 0) {
        let e = envelope(n);
        assert_eq!(store.delete(&e.to, &[e.id]).unwrap(), 1);
    }
    store.flush().unwrap();
    put(&store, unflushed);
    std::process::abort()
}

/// Runs [`write_then_die`] in a child process (this test binary, running only this test).
fn writer(dir: &Path, phase: &str) {
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "what_a_flush_made_durable_survives_a_power_cut_and_nothing_else_comes_back_damaged",
            "--nocapture",
        ])
        .env(WRITER_DIR, dir)
        .env("POC_POWERCUT_STORE_PHASE", phase)
        .status()
        .unwrap();
    // abort() ends it with SIGABRT; an assertion that failed first would exit with 101.
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(6), "the writer failed: {status}");
}

/// A forgetting file system with an empty `store` folder, synced.
fn mounted() -> (tempfile::TempDir, Forgetful, std::path::PathBuf) {
    assert!(
        forgetful::available(),
        "the forgetting file system needs /dev/fuse and fusermount3 (Debian package fuse3; tests/run.sh installs it)"
    );
    let root = tempfile::tempdir().unwrap();
    let backing = root.path().join("backing");
    let mountpoint = root.path().join("mnt");
    std::fs::create_dir(&backing).unwrap();
    std::fs::create_dir(&mountpoint).unwrap();
    let fs = Forgetful::mount(&backing, &mountpoint, Model::Posix).unwrap();
    // The relay's data directory holds the store folder before the store opens.
    let dir = mountpoint.join("store");
    std::fs::create_dir(&dir).unwrap();
    File::open(&mountpoint).unwrap().sync_all().unwrap();
    (root, fs, dir)
}

#[test]
fn what_a_flush_made_durable_survives_a_power_cut_and_nothing_else_comes_back_damaged() {
    if let Some(dir) = std::env::var_os(WRITER_DIR) {
        match std::env::var("POC_POWERCUT_STORE_PHASE").as_deref() {
            Ok("first") => write_then_die(Path::new(&dir), 0..120, 120..160),
            _ => write_then_die(Path::new(&dir), 160..200, 200..220),
        }
    }
    let (_root, fs, dir) = mounted();

    writer(&dir, "first");
    let cut = fs.cut_power();
    assert!(
        cut.files_reverted > 0,
        "the cut took nothing back, so it proves nothing: {cut:?}"
    );
    let store = open(&dir);
    let found = waiting(&store);
    let acknowledged: BTreeSet<u16> = (0..120).filter(|n| n % 5 != 0).collect();
    let lost: Vec<&u16> = acknowledged.difference(&found).collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged envelopes were lost: {lost:?}",
        lost.len(),
        acknowledged.len()
    );
    assert_eq!(
        store.directory().unwrap(),
        Some(large_directory(0)),
        "the published directory was lost or damaged"
    );
    let back: Vec<u16> = (0..120)
        .filter(|n| n % 5 == 0 && found.contains(n))
        .collect();
    assert!(back.is_empty(), "deleted envelopes came back: {back:?}");
    assert!(found.iter().all(|n| *n < 160));
    drop(store);

    // The store takes writes again after the cut, and they too survive the next one.
    writer(&dir, "second");
    fs.cut_power();
    let store = open(&dir);
    let found = waiting(&store);
    assert!(acknowledged.is_subset(&found));
    let lost: Vec<u16> = (160..200)
        .filter(|n| n % 5 != 0 && !found.contains(n))
        .collect();
    assert!(lost.is_empty(), "lost after the second cut: {lost:?}");
    assert_eq!(store.directory().unwrap(), Some(large_directory(160)));
    drop(store);
    fs.unmount().unwrap();
}

#[test]
fn a_failed_sync_fails_every_flush_that_waited_on_it_and_writes_stay_stopped() {
    let (_root, fs, dir) = mounted();
    let store = open(&dir);
    put(&store, 0..20);
    store.flush().unwrap();
    put(&store, 20..40);
    // Two flushes at once, each sync slow enough that both are under way, and the first sync
    // to reach the disk fails. Linux tells only that one; the other must fail all the same.
    fs.inject(Fault::SlowSync(std::time::Duration::from_millis(300)));
    fs.inject(Fault::SyncEio { times: 1 });
    let results: Vec<_> = std::thread::scope(|scope| {
        let flushes: Vec<_> = (0..2).map(|_| scope.spawn(|| store.flush())).collect();
        flushes.into_iter().map(|f| f.join().unwrap()).collect()
    });
    assert!(
        results.iter().all(Result::is_err),
        "a flush succeeded after a failed sync dropped what it was to make durable: {results:?}"
    );
    assert!(store.writes_stopped());
    // The disk works again, but nothing more is acknowledged until a restart.
    fs.clear_faults();
    assert!(try_put(&store, 40..45).iter().all(Result::is_err));
    assert!(store.flush().is_err());
    drop(store);
    fs.cut_power();
    let store = open(&dir);
    assert!(!store.writes_stopped());
    let found = waiting(&store);
    assert!((0..20).all(|n| found.contains(&n)), "lost: {found:?}");
    put(&store, 45..50);
    store.flush().unwrap();
    drop(store);
    fs.unmount().unwrap();
}
