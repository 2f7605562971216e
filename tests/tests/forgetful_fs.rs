//! The forgetting file system ([`poc_tests::forgetful`]) keeps what was synced and loses what
//! was not, through real system calls on a real FUSE mount, and its injected faults reach the
//! writer.

// Test helpers: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use poc_tests::forgetful::{self, Fault, Forgetful, Model};

struct Mounted {
    _root: tempfile::TempDir,
    backing: PathBuf,
    mountpoint: PathBuf,
    fs: Option<Forgetful>,
}

impl Mounted {
    fn new(model: Model) -> Self {
        assert!(
            forgetful::available(),
            "the forgetting file system needs /dev/fuse and fusermount3 (Debian package fuse3; tests/run.sh installs it)"
        );
        let root = tempfile::tempdir().unwrap();
        let backing = root.path().join("backing");
        let mountpoint = root.path().join("mnt");
        std::fs::create_dir(&backing).unwrap();
        std::fs::create_dir(&mountpoint).unwrap();
        let fs = Forgetful::mount(&backing, &mountpoint, model).unwrap();
        Mounted {
            _root: root,
            backing,
            mountpoint,
            fs: Some(fs),
        }
    }

    fn fs(&self) -> &Forgetful {
        self.fs.as_ref().unwrap()
    }

    fn path(&self, name: &str) -> PathBuf {
        self.mountpoint.join(name)
    }

    fn sync_dir(&self, dir: &Path) {
        File::open(dir).unwrap().sync_all().unwrap();
    }

    fn read(&self, name: &str) -> Option<Vec<u8>> {
        match std::fs::read(self.path(name)) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == ErrorKind::NotFound => None,
            Err(e) => panic!("reading {name}: {e}"),
        }
    }

    /// Creates `name` with `bytes`, synced, with its directory entry synced.
    fn durable_file(&self, name: &str, bytes: &[u8]) {
        let mut file = File::create(self.path(name)).unwrap();
        file.write_all(bytes).unwrap();
        file.sync_all().unwrap();
        self.sync_dir(&self.mountpoint);
    }
}

#[test]
fn synced_data_survives_a_cut_and_unsynced_data_does_not() {
    let m = Mounted::new(Model::Posix);
    m.durable_file("log", b"first record;");
    let mut file = OpenOptions::new().append(true).open(m.path("log")).unwrap();
    file.write_all(b"second record;").unwrap();
    file.sync_data().unwrap();
    file.write_all(b"never synced").unwrap();
    // Before the cut the unsynced bytes are there, and the size counts them.
    assert_eq!(
        m.read("log").unwrap(),
        b"first record;second record;never synced"
    );
    assert_eq!(
        std::fs::metadata(m.path("log")).unwrap().len(),
        b"first record;second record;never synced".len() as u64
    );
    // An overwrite inside synced data is lost too.
    file.write_all_at(b"FIRST", 0).unwrap();
    drop(file);
    let report = m.fs().cut_power();
    assert_eq!(report.files_reverted, 1, "{report:?}");
    assert_eq!(m.read("log").unwrap(), b"first record;second record;");
}

#[test]
fn a_truncation_not_synced_is_undone() {
    let m = Mounted::new(Model::Posix);
    m.durable_file("data", &[7u8; 10_000]);
    let file = OpenOptions::new().write(true).open(m.path("data")).unwrap();
    file.set_len(100).unwrap();
    assert_eq!(m.read("data").unwrap().len(), 100);
    drop(file);
    m.fs().cut_power();
    assert_eq!(m.read("data").unwrap(), vec![7u8; 10_000]);
}

#[test]
fn unsynced_directory_entries_are_lost_and_synced_ones_kept() {
    let m = Mounted::new(Model::Posix);
    // A file whose name was synced (with the next directory sync) but not its data.
    File::create(m.path("empty"))
        .unwrap()
        .write_all(b"data never synced")
        .unwrap();
    m.durable_file("kept", b"kept");
    // An unlink not synced.
    m.durable_file("unlinked", b"still here");
    std::fs::remove_file(m.path("unlinked")).unwrap();
    // A file whose data was synced but not its directory entry.
    let mut orphan = File::create(m.path("orphan")).unwrap();
    orphan.write_all(b"data synced, name not").unwrap();
    orphan.sync_all().unwrap();
    drop(orphan);
    // A new directory with a synced file in it, the directory itself synced, the root not.
    std::fs::create_dir(m.path("sub")).unwrap();
    let mut inner = File::create(m.path("sub/inner")).unwrap();
    inner.write_all(b"inner").unwrap();
    inner.sync_all().unwrap();
    drop(inner);
    m.sync_dir(&m.path("sub"));

    let report = m.fs().cut_power();
    assert!(report.nodes_dropped >= 3, "{report:?}");
    assert_eq!(m.read("orphan"), None);
    assert!(!m.path("sub").exists());
    assert_eq!(m.read("empty").unwrap(), b"");
    assert_eq!(m.read("kept").unwrap(), b"kept");
    assert_eq!(m.read("unlinked").unwrap(), b"still here");
    let mut names: Vec<String> = std::fs::read_dir(&m.mountpoint)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["empty", "kept", "unlinked"]);
}

#[test]
fn an_unsynced_rename_is_lost_and_a_synced_one_kept() {
    let m = Mounted::new(Model::Posix);
    m.durable_file("config", b"old");
    // The write-temporary-then-rename pattern without the directory sync.
    let mut tmp = File::create(m.path("config.tmp")).unwrap();
    tmp.write_all(b"new").unwrap();
    tmp.sync_all().unwrap();
    drop(tmp);
    std::fs::rename(m.path("config.tmp"), m.path("config")).unwrap();
    assert_eq!(m.read("config").unwrap(), b"new");
    m.fs().cut_power();
    assert_eq!(m.read("config").unwrap(), b"old");
    assert_eq!(m.read("config.tmp"), None);

    // With the directory synced after the rename, the new file stays.
    let mut tmp = File::create(m.path("config.tmp")).unwrap();
    tmp.write_all(b"new").unwrap();
    tmp.sync_all().unwrap();
    drop(tmp);
    std::fs::rename(m.path("config.tmp"), m.path("config")).unwrap();
    m.sync_dir(&m.mountpoint);
    m.fs().cut_power();
    assert_eq!(m.read("config").unwrap(), b"new");
    assert_eq!(m.read("config.tmp"), None);
}

#[test]
fn under_the_ext4_model_any_sync_commits_every_name_but_only_its_own_data() {
    let m = Mounted::new(Model::Ext4Ordered);
    std::fs::create_dir(m.path("dir")).unwrap();
    File::create(m.path("dir/unsynced"))
        .unwrap()
        .write_all(b"lost")
        .unwrap();
    std::fs::rename(m.path("dir"), m.path("moved")).unwrap();
    let mut synced = File::create(m.path("synced")).unwrap();
    synced.write_all(b"kept").unwrap();
    synced.sync_data().unwrap();
    drop(synced);
    // After the last sync: neither the name nor the data.
    File::create(m.path("late")).unwrap();
    m.fs().cut_power();
    assert_eq!(m.read("synced").unwrap(), b"kept");
    assert_eq!(m.read("moved/unsynced").unwrap(), b"");
    assert!(!m.path("dir").exists());
    assert_eq!(m.read("late"), None);
}

#[test]
fn eio_on_fsync_drops_the_unsynced_data_for_good() {
    let m = Mounted::new(Model::Posix);
    m.durable_file("journal", b"synced;");
    let mut file = OpenOptions::new()
        .read(true)
        .append(true)
        .open(m.path("journal"))
        .unwrap();
    file.write_all(b"pending;").unwrap();
    m.fs().inject(Fault::SyncEio { times: 1 });
    let error = file.sync_all().unwrap_err();
    assert_eq!(
        error.raw_os_error(),
        Some(rustix::io::Errno::IO.raw_os_error())
    );
    // The pending write is gone already, and a later successful sync does not bring it back.
    assert_eq!(m.read("journal").unwrap(), b"synced;");
    file.sync_all().unwrap();
    m.fs().cut_power();
    assert_eq!(m.read("journal").unwrap(), b"synced;");
    assert_eq!(m.fs().counters().eio, 1);
}

#[test]
fn enospc_reaches_the_writer_and_space_comes_back() {
    let m = Mounted::new(Model::Posix);
    m.durable_file("f", b"before;");
    m.fs().inject(Fault::NoSpace);
    let mut file = OpenOptions::new().append(true).open(m.path("f")).unwrap();
    let error = file.write_all(b"refused").unwrap_err();
    assert_eq!(
        error.raw_os_error(),
        Some(rustix::io::Errno::NOSPC.raw_os_error())
    );
    let error = File::create(m.path("new")).unwrap_err();
    assert_eq!(
        error.raw_os_error(),
        Some(rustix::io::Errno::NOSPC.raw_os_error())
    );
    let stat = rustix::fs::statvfs(&m.mountpoint).unwrap();
    assert_eq!(stat.f_bavail, 0);
    assert_eq!(m.read("f").unwrap(), b"before;");
    m.fs().clear_faults();
    file.write_all(b"after").unwrap();
    file.sync_all().unwrap();
    assert!(rustix::fs::statvfs(&m.mountpoint).unwrap().f_bavail > 0);
    m.fs().cut_power();
    assert_eq!(m.read("f").unwrap(), b"before;after");
}

#[test]
fn short_writes_are_reported_and_write_all_completes() {
    let m = Mounted::new(Model::Posix);
    m.durable_file("f", b"");
    m.fs().inject(Fault::ShortWrites);
    let mut file = OpenOptions::new().write(true).open(m.path("f")).unwrap();
    let written = file.write(b"0123456789").unwrap();
    assert_eq!(written, 5);
    file.write_all(b"abcdefgh").unwrap();
    file.sync_all().unwrap();
    m.fs().clear_faults();
    assert_eq!(m.read("f").unwrap(), b"01234abcdefgh");
    assert!(m.fs().counters().short_writes >= 4);
}

#[test]
fn a_slow_sync_completes_and_keeps_the_data() {
    let m = Mounted::new(Model::Posix);
    m.fs()
        .inject(Fault::SlowSync(std::time::Duration::from_millis(200)));
    m.durable_file("slow", b"made durable slowly");
    m.fs().cut_power();
    assert_eq!(m.read("slow").unwrap(), b"made durable slowly");
    assert_eq!(m.fs().counters().file_syncs, 1);
    assert_eq!(m.fs().counters().dir_syncs, 1);
}

#[test]
fn file_locks_exclude_a_second_holder() {
    let m = Mounted::new(Model::Posix);
    m.durable_file("db", b"");
    let first = File::open(m.path("db")).unwrap();
    let second = File::open(m.path("db")).unwrap();
    rustix::fs::flock(&first, rustix::fs::FlockOperation::NonBlockingLockExclusive).unwrap();
    let error = rustix::fs::flock(
        &second,
        rustix::fs::FlockOperation::NonBlockingLockExclusive,
    )
    .unwrap_err();
    assert_eq!(error, rustix::io::Errno::WOULDBLOCK);
    drop(first);
    rustix::fs::flock(
        &second,
        rustix::fs::FlockOperation::NonBlockingLockExclusive,
    )
    .unwrap();
}

#[test]
fn unmounting_leaves_the_durable_image_in_the_backing_directory() {
    let mut m = Mounted::new(Model::Posix);
    m.durable_file("kept", b"durable");
    std::fs::create_dir(m.path("dir")).unwrap();
    m.sync_dir(&m.mountpoint);
    let mut file = File::create(m.path("dir/inner")).unwrap();
    file.write_all(b"inner").unwrap();
    file.sync_all().unwrap();
    m.sync_dir(&m.path("dir"));
    let mut lost = OpenOptions::new()
        .append(true)
        .open(m.path("kept"))
        .unwrap();
    lost.write_all(b" and lost").unwrap();
    drop(lost);
    drop(file);
    m.fs.take().unwrap().unmount().unwrap();
    assert_eq!(std::fs::read(m.backing.join("kept")).unwrap(), b"durable");
    assert_eq!(
        std::fs::read(m.backing.join("dir/inner")).unwrap(),
        b"inner"
    );

    // Mounted again, it shows the same.
    let fs = Forgetful::mount(&m.backing, &m.mountpoint, Model::Posix).unwrap();
    let mut back = String::new();
    File::open(m.path("dir/inner"))
        .unwrap()
        .read_to_string(&mut back)
        .unwrap();
    assert_eq!(back, "inner");
    fs.unmount().unwrap();
}

#[test]
fn an_unreported_full_disk_fails_writes_while_statfs_shows_space() {
    let m = Mounted::new(Model::Posix);
    m.durable_file("f", b"before;");
    m.fs().inject(Fault::NoSpaceUnreported);
    assert!(rustix::fs::statvfs(&m.mountpoint).unwrap().f_bavail > 0);
    let mut file = OpenOptions::new().append(true).open(m.path("f")).unwrap();
    let error = file.write_all(b"refused").unwrap_err();
    assert_eq!(
        error.raw_os_error(),
        Some(rustix::io::Errno::NOSPC.raw_os_error())
    );
    m.fs().clear_faults();
    file.write_all(b"after").unwrap();
    assert_eq!(m.read("f").unwrap(), b"before;after");
}
